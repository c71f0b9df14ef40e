//! Taking tasks out of a chart (issue 12, point 5): a task others refer to
//! is not deleted, and the refusal names what refers to it; undoing a delete
//! restores from the delete's own record, for the same user, once, and only
//! if the chart still has room; 撤销 keeps the task with its records.
use diaodu_domain::ErrorCode;
use diaodu_store::{Actor, LinkInput, RectificationInput, Store, TaskInput};
use serde_json::{json, Map};

mod common;
use common::{feedback, office, today};

fn task(s: &mut Store, a: &Actor, plan: i64, parent: Option<i64>, name: &str, kind: &str) -> i64 {
    s.create_task(
        a,
        &TaskInput {
            plan_id: plan,
            parent_id: parent,
            kind: kind.into(),
            name: name.into(),
            duration: Some(3),
            external_uid: Some(format!("uid-{name}")),
            ..Default::default()
        },
    )
    .unwrap()
}

fn link(s: &mut Store, a: &Actor, plan: i64, pred: i64, succ: i64) -> diaodu_store::Result<i64> {
    s.create_link(
        a,
        &LinkInput {
            plan_id: plan,
            pred_id: pred,
            succ_id: succ,
            kind: "FS".into(),
            lag: 1,
        },
    )
}

fn links(c: &diaodu_store::Chart) -> serde_json::Value {
    serde_json::to_value(&c.links).unwrap()
}

fn names(s: &Store, plan: i64) -> Vec<(i64, String, String)> {
    s.chart(plan, None)
        .unwrap()
        .tasks
        .into_iter()
        .map(|t| (t.id, t.outline, t.name))
        .collect()
}

#[test]
fn a_task_others_refer_to_is_not_deleted_and_the_refusal_names_them() {
    let mut o = office();
    let plan = o.s.task_plan_id(o.task).unwrap();
    for on in [common::days_ago(2), today()] {
        o.s.add_feedback(&o.dispatcher, &feedback("task", o.task, o.unit, &on))
            .unwrap();
    }
    o.s.create_rectification(
        &o.dispatcher,
        &RectificationInput {
            source: "other".into(),
            target_kind: Some("task".into()),
            target_id: Some(o.task),
            problem: "自查台账不全".into(),
            item_name: "补齐台账".into(),
            person_name: "王书记".into(),
            // A Wednesday, a working day.
            deadline: "2027-03-10".into(),
            unit_id: Some(o.unit),
            ..Default::default()
        },
    )
    .unwrap();
    let number = o.s.get_doc(o.order).unwrap().number.unwrap();
    let before = names(&o.s, plan);

    let e = o.s.delete_task(&o.dispatcher, o.task).unwrap_err();
    assert_eq!(e.code, ErrorCode::Conflict);
    assert_eq!(e.field.as_deref(), Some("references"));
    assert_eq!(
        e.message,
        format!("该任务已有2条反馈、1个整改项、{number}引用，不能删除；可改为撤销或关闭")
    );
    assert_eq!(names(&o.s, plan), before, "nothing deleted");

    // Under a stage: deleting the stage is refused for its task's sake.
    let stage = task(&mut o.s, &o.admin, plan, None, "第一阶段", "stage");
    o.s.reparent_task(&o.admin, o.task, Some(stage), 0).unwrap();
    let e = o.s.delete_task(&o.admin, stage).unwrap_err();
    assert!(
        e.message.starts_with("该阶段（含其下任务）已有2条反馈"),
        "{}",
        e.message
    );
    // A task nothing refers to is deleted as before.
    let free = task(&mut o.s, &o.admin, plan, Some(stage), "无人引用", "task");
    o.s.delete_task(&o.admin, free).unwrap();
    assert!(names(&o.s, plan).iter().all(|(id, _, _)| *id != free));
}

#[test]
fn undo_of_a_delete_restores_from_the_deletes_own_record() {
    let mut o = office();
    let a = o.admin.clone();
    let plan = o.s.task_plan_id(o.task).unwrap();
    let stage = task(&mut o.s, &a, plan, None, "第二阶段", "stage");
    let x = task(&mut o.s, &a, plan, Some(stage), "甲", "task");
    let y = task(&mut o.s, &a, plan, Some(stage), "乙", "task");
    let z = task(&mut o.s, &a, plan, None, "丙", "task");
    let xy = link(&mut o.s, &a, plan, x, y).unwrap();
    let yz = link(&mut o.s, &a, plan, y, z).unwrap();
    let mut p = Map::new();
    p.insert("goal".into(), json!("按期完成"));
    o.s.update_task(&a, y, &p).unwrap();
    let before = o.s.chart(plan, None).unwrap();

    o.s.delete_task(&a, stage).unwrap();
    let gone = names(&o.s, plan);
    assert!(gone.iter().all(|(id, _, _)| ![stage, x, y].contains(id)));

    // Only the user who deleted may undo it.
    let e = o.s.restore_tasks(&o.dispatcher, stage).unwrap_err();
    assert_eq!(e.code, ErrorCode::Forbidden);
    assert!(e.message.contains("（admin）"), "{}", e.message);
    // Nothing the client could send counts: only the deleted task's id.
    let e = o.s.restore_tasks(&a, i64::MAX).unwrap_err();
    assert_eq!(e.code, ErrorCode::NotFound);

    o.s.restore_tasks(&a, stage).unwrap();
    let back = o.s.chart(plan, None).unwrap();
    let strip = |c: &diaodu_store::Chart| {
        c.tasks
            .iter()
            .map(|t| {
                let mut v = serde_json::to_value(t).unwrap();
                v.as_object_mut().unwrap().remove("dueState");
                v
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(
        strip(&back),
        strip(&before),
        "the same tasks, ids and fields"
    );
    assert_eq!(links(&back), links(&before), "the same links, ids included");
    assert!(back.links.iter().any(|l| l.id == xy) && back.links.iter().any(|l| l.id == yz));
    // Only once.
    let e = o.s.restore_tasks(&a, stage).unwrap_err();
    assert_eq!(e.code, ErrorCode::Conflict);
    assert!(e.message.contains("已经撤销过"), "{}", e.message);
    // Ids go on as before.
    let next = task(&mut o.s, &a, plan, None, "丁", "task");
    assert!(next > z && next < 1000);

    // Not if the parent went since: 乙 deleted, then its stage.
    o.s.delete_task(&a, y).unwrap();
    o.s.delete_task(&a, stage).unwrap();
    let e = o.s.restore_tasks(&a, y).unwrap_err();
    assert_eq!(e.code, ErrorCode::Conflict);
    assert!(
        e.message.contains("上级任务在删除后也被删除了"),
        "{}",
        e.message
    );
    o.s.restore_tasks(&a, stage).unwrap();
    o.s.restore_tasks(&a, y).unwrap();
    assert_eq!(links(&o.s.chart(plan, None).unwrap()), links(&before));

    // Not if the other end of a link went since.
    o.s.delete_task(&a, y).unwrap();
    o.s.delete_task(&a, z).unwrap();
    let e = o.s.restore_tasks(&a, y).unwrap_err();
    assert!(
        e.message.contains("前置关系所连的另一项任务"),
        "{}",
        e.message
    );
    o.s.restore_tasks(&a, z).unwrap();
    // Not if a link made since would close a cycle with the restored ones.
    link(&mut o.s, &a, plan, z, x).unwrap();
    let e = o.s.restore_tasks(&a, y).unwrap_err();
    assert_eq!(e.code, ErrorCode::Conflict);
    assert!(e.message.contains("循环"), "{}", e.message);
    assert!(
        names(&o.s, plan).iter().all(|(id, _, _)| *id != y),
        "all or nothing"
    );

    let audit =
        o.s.list_audit(&diaodu_store::AuditFilter {
            entity: Some("task".into()),
            ..Default::default()
        })
        .unwrap();
    assert!(audit
        .rows
        .iter()
        .any(|r| r.action == "reinstate" && r.summary.contains("撤销删除")));
}

#[test]
fn cancelling_keeps_the_task_and_its_records_and_resuming_puts_back_its_status() {
    let mut o = office();
    let plan = o.s.task_plan_id(o.task).unwrap();
    o.s.add_feedback(&o.dispatcher, &feedback("task", o.task, o.unit, &today()))
        .unwrap();
    let status = |s: &Store, id: i64| {
        let c = s.chart(plan, None).unwrap();
        let t = c.tasks.into_iter().find(|t| t.id == id).unwrap();
        (t.status, t.status_label, t.due_state)
    };
    assert_eq!(status(&o.s, o.task).0, "in_progress");
    assert!(o
        .s
        .target_supervision("task", o.task)
        .unwrap()
        .item
        .is_some());

    let e = o.s.cancel_task(&o.viewer, o.task, "不再需要").unwrap_err();
    assert_eq!(e.code, ErrorCode::Forbidden);
    let e = o.s.cancel_task(&o.dispatcher, o.task, " ").unwrap_err();
    assert_eq!(e.field.as_deref(), Some("reason"));
    o.s.cancel_task(&o.dispatcher, o.task, "任务已并入年度计划")
        .unwrap();
    assert_eq!(
        status(&o.s, o.task),
        ("cancelled".into(), "已撤销".into(), "none")
    );
    // Kept with its records, but no longer supervised, reminded or closed.
    assert_eq!(o.s.list_feedback("task", o.task).unwrap().len(), 1);
    assert!(o
        .s
        .target_supervision("task", o.task)
        .unwrap()
        .item
        .is_none());
    assert!(o
        .s
        .reminder_list_on(chrono::Local::now().date_naive() + chrono::Duration::days(60))
        .unwrap()
        .iter()
        .all(|r| !(r.item.target_kind == "task" && r.item.target_id == o.task)));
    let l = o.s.loop_status("task", o.task).unwrap();
    assert!(!l.can_close && l.blockers.iter().any(|b| b.contains("已撤销")));
    // A new record about it does not move it along the loop.
    o.s.add_feedback(&o.dispatcher, &feedback("task", o.task, o.unit, &today()))
        .unwrap();
    assert_eq!(status(&o.s, o.task).0, "cancelled");
    // The status is not set or lifted by an ordinary edit.
    let mut p = Map::new();
    p.insert("status".into(), json!("planned"));
    let e = o.s.update_task(&o.dispatcher, o.task, &p).unwrap_err();
    assert!(e.message.contains("恢复任务"), "{}", e.message);
    let e =
        o.s.cancel_task(&o.dispatcher, o.task, "再来一次")
            .unwrap_err();
    assert_eq!(e.code, ErrorCode::Conflict);

    o.s.resume_task(&o.dispatcher, o.task).unwrap();
    assert_eq!(status(&o.s, o.task).0, "in_progress", "the status it had");
    assert!(o
        .s
        .target_supervision("task", o.task)
        .unwrap()
        .item
        .is_some());
    let e = o.s.resume_task(&o.dispatcher, o.task).unwrap_err();
    assert_eq!(e.code, ErrorCode::Conflict);

    // A stage takes its open tasks with it; they come back with it.
    let stage = task(&mut o.s, &o.admin, plan, None, "第三阶段", "stage");
    o.s.reparent_task(&o.admin, o.task, Some(stage), 0).unwrap();
    let other = task(&mut o.s, &o.admin, plan, Some(stage), "另一项", "task");
    let mut p = Map::new();
    p.insert("status".into(), json!("in_progress"));
    o.s.update_task(&o.admin, other, &p).unwrap();
    o.s.cancel_task(&o.admin, stage, "阶段取消").unwrap();
    assert_eq!(status(&o.s, other).0, "cancelled");
    let e = o.s.resume_task(&o.admin, other).unwrap_err();
    assert!(e.message.contains("请恢复“第三阶段”"), "{}", e.message);
    o.s.resume_task(&o.admin, stage).unwrap();
    assert_eq!(status(&o.s, other).0, "in_progress");
    assert_eq!(status(&o.s, o.task).0, "in_progress");
    assert_eq!(status(&o.s, stage).0, "planned");
}
