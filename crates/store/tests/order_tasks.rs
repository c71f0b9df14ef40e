//! 调度令 from the network chart (issue 14): an order carries its tasks, its
//! feedback, supervision, rectification and close-out move them, and the
//! 图片/视频 it asks for are checked on every report and at close-out (or
//! waived with a recorded reason).
mod common;

use common::{days_ago, feedback, next_working_day, office, photo, today, Office};
use diaodu_domain::ErrorCode;
use diaodu_store::{
    AttachmentRef, FeedbackRule, OrdersFromTasks, RectificationInput, SupervisionInput, TaskInput,
    VerificationInput,
};
use rusqlite::Connection;
use serde_json::Value;

fn sql(o: &Office) -> Connection {
    Connection::open(o.dir.path().join(diaodu_store::DB_FILE_NAME)).unwrap()
}

fn task_status(o: &Office, id: i64) -> Value {
    let plan = o.s.task_plan_id(id).unwrap();
    let chart = serde_json::to_value(o.s.chart(plan, None).unwrap()).unwrap();
    chart["tasks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["id"] == id)
        .unwrap()
        .clone()
}

fn add_task(o: &mut Office, name: &str, unit: Option<i64>) -> i64 {
    let plan = o.s.task_plan_id(o.task).unwrap();
    o.s.create_task(
        &o.admin,
        &TaskInput {
            plan_id: plan,
            name: name.into(),
            lead_unit_id: unit,
            duration: Some(5),
            ..Default::default()
        },
    )
    .unwrap()
}

fn photo_rule() -> FeedbackRule {
    FeedbackRule {
        mode: "every_n_days".into(),
        every: Some(3),
        forms: vec!["text".into(), "image".into()],
        ..Default::default()
    }
}

/// Orders for `tasks` (one per unit), signed and received; the first.
fn orders(o: &mut Office, tasks: Vec<i64>) -> Vec<i64> {
    let made =
        o.s.orders_from_tasks(
            &o.dispatcher,
            &OrdersFromTasks {
                task_ids: tasks,
                urgency: "expedited".into(),
                requirements: "每3个工作日以文字和照片反馈进展。".into(),
                feedback_rule: photo_rule(),
            },
        )
        .unwrap();
    for d in &made {
        o.s.sign_doc(&o.signer, d.id, "Signer#2026").unwrap();
        o.s.receive_doc(&o.dispatcher, d.id, "王书记", &today())
            .unwrap();
    }
    made.iter().map(|d| d.id).collect()
}

fn with_photo(o: &Office, mut f: diaodu_store::FeedbackInput) -> diaodu_store::FeedbackInput {
    let files = tempfile::tempdir().unwrap();
    let p = photo(files.path(), "现场照片.png", 9);
    let staged = o.s.stage_attachment(&o.dispatcher, &p).unwrap();
    f.attachments = vec![AttachmentRef {
        sha256: staged.sha256,
        name: "现场照片.png".into(),
    }];
    f
}

#[test]
fn orders_from_the_chart_carry_their_tasks_one_per_unit() {
    let mut o = office();
    let (unit, other_unit) = (o.unit, o.other_unit);
    let second = add_task(&mut o, "三会一课台账整理", Some(unit));
    let third = add_task(&mut o, "机电科党员责任区划分", Some(other_unit));
    let made =
        o.s.orders_from_tasks(
            &o.dispatcher,
            &OrdersFromTasks {
                task_ids: vec![o.task, second, third],
                urgency: "urgent".into(),
                requirements: String::new(),
                feedback_rule: photo_rule(),
            },
        )
        .unwrap();
    assert_eq!(made.len(), 2, "one order per responsible unit");
    assert!(made
        .iter()
        .all(|d| d.kind == "order" && d.status == "draft"));
    let mine = made.iter().find(|d| d.target_unit_id == o.unit).unwrap();
    assert_eq!(mine.task_ids, vec![o.task, second]);
    assert!(
        mine.content.contains("三会一课台账整理"),
        "{}",
        mine.content
    );
    assert!(mine.title.ends_with("有关任务的调度令"), "{}", mine.title);
    assert_eq!(mine.urgency.as_deref(), Some("urgent"));
    assert_eq!(mine.feedback_rule.forms, vec!["text", "image"]);
    let other = made
        .iter()
        .find(|d| d.target_unit_id == o.other_unit)
        .unwrap();
    assert_eq!(other.task_ids, vec![third]);
    // The task panel lists them (the fixture's own order carries the task too).
    let listed = o.s.docs_for_task(o.task).unwrap();
    assert!(listed.iter().any(|d| d.id == mine.id));
    assert!(listed.iter().any(|d| d.id == o.order));
    assert!(!o
        .s
        .docs_for_task(third)
        .unwrap()
        .iter()
        .any(|d| d.id == mine.id));

    // Checked like any order: urgency, a task without a unit, nothing selected.
    let dispatcher = o.dispatcher.clone();
    let bad = |s: &mut diaodu_store::Store, ids: Vec<i64>, urgency: &str| {
        s.orders_from_tasks(
            &dispatcher,
            &OrdersFromTasks {
                task_ids: ids,
                urgency: urgency.into(),
                requirements: String::new(),
                feedback_rule: photo_rule(),
            },
        )
        .unwrap_err()
    };
    let e = bad(&mut o.s, vec![o.task], "");
    assert_eq!(e.field.as_deref(), Some("urgency"));
    let orphan = add_task(&mut o, "无单位任务", None);
    let e = bad(&mut o.s, vec![o.task, orphan], "normal");
    assert_eq!(e.field.as_deref(), Some("taskIds"));
    assert!(e.message.contains("无法生成调度令"), "{}", e.message);
    let e = bad(&mut o.s, vec![], "normal");
    assert_eq!(e.field.as_deref(), Some("taskIds"));
    let e =
        o.s.orders_from_tasks(&o.viewer, &OrdersFromTasks::default())
            .unwrap_err();
    assert_eq!(e.code, ErrorCode::Forbidden);
}

#[test]
fn an_orders_loop_moves_its_tasks_to_the_close() {
    let mut o = office();
    let (unit, task1) = (o.unit, o.task);
    let second = add_task(&mut o, "三会一课台账整理", Some(unit));
    let order = orders(&mut o, vec![task1, second])[0];
    for t in [o.task, second] {
        assert_eq!(task_status(&o, t)["status"], "planned");
    }
    // Signed three weeks ago (a fixture), so that feedback nodes are missed.
    sql(&o)
        .execute(
            "UPDATE dispatch_doc SET signed_at = ?1 || ' 09:00:00', received_at = ?1 || ' 10:00:00' WHERE id = ?2",
            rusqlite::params![days_ago(21), order],
        )
        .unwrap();

    // 反馈 without the photo asked for: the tasks start, the report is flagged.
    let mut f = feedback("document", order, o.unit, &days_ago(18));
    f.progress = Some(30);
    let saved = o.s.add_feedback(&o.dispatcher, &f).unwrap();
    assert_eq!(saved.missing_forms, vec!["图片"]);
    for t in [o.task, second] {
        let row = task_status(&o, t);
        assert_eq!(
            row["status"], "in_progress",
            "the order's report moves task {t}"
        );
        assert_eq!(row["progress"], 30);
        assert_eq!(row["actualStart"], days_ago(18));
    }
    let doc = o.s.get_doc(order).unwrap();
    assert_eq!(doc.feedback_flag.as_deref(), Some("最近一次反馈缺少图片"));
    let ts = o.s.loop_status("task", second).unwrap();
    assert_eq!(ts.feedback_flag.as_deref(), Some("最近一次反馈缺少图片"));
    assert_eq!(ts.missing_forms, vec!["图片"]);
    let listed = o.s.docs_for_task(second).unwrap();
    assert_eq!(
        listed[0].feedback_flag.as_deref(),
        Some("最近一次反馈缺少图片")
    );

    // A report with the photo clears the flag.
    let saved =
        o.s.add_feedback(
            &o.dispatcher,
            &with_photo(&o, feedback("document", order, o.unit, &days_ago(16))),
        )
        .unwrap();
    assert!(saved.missing_forms.is_empty());
    assert_eq!(o.s.get_doc(order).unwrap().feedback_flag, None);
    assert_eq!(o.s.loop_status("task", o.task).unwrap().feedback_flag, None);
    assert!(o
        .s
        .loop_status("task", o.task)
        .unwrap()
        .missing_forms
        .is_empty());

    // 催办 on the overdue order: 督办落实 for it and its tasks.
    let r = o.s.send_reminder(&o.dispatcher, "document", order).unwrap();
    assert!(r.number.contains("党调催"), "{}", r.number);
    assert_eq!(
        o.s.loop_status("document", order).unwrap().stage,
        "supervising"
    );
    for t in [o.task, second] {
        assert_eq!(task_status(&o, t)["status"], "supervising");
    }

    // 整改 on the order: 整改完善; closing waits for it.
    let rect =
        o.s.create_rectification(
            &o.dispatcher,
            &RectificationInput {
                source: "supervision".into(),
                target_kind: Some("document".into()),
                target_id: Some(order),
                problem: "台账缺少三季度记录。".into(),
                item_name: "补齐三季度台账".into(),
                person_name: "王书记".into(),
                deadline: next_working_day(),
                unit_id: Some(o.unit),
                ..Default::default()
            },
        )
        .unwrap();
    for t in [o.task, second] {
        assert_eq!(task_status(&o, t)["status"], "rectifying");
    }
    o.s.verify_rectification(
        &o.dispatcher,
        rect.id,
        &VerificationInput {
            verified_by: "赵部长".into(),
            verified_on: today(),
            result: "pass".into(),
            note: String::new(),
        },
    )
    .unwrap();
    o.s.close_rectification(&o.dispatcher, rect.id, "已销号")
        .unwrap();

    // 完成闭合 of the order closes its tasks; reopening reopens them.
    let mut fin = feedback("document", order, o.unit, &today());
    fin.is_final = true;
    o.s.add_feedback(&o.dispatcher, &fin).unwrap();
    let st =
        o.s.close_loop(&o.signer, "document", order, "同意闭合")
            .unwrap();
    assert_eq!(st.stage, "closed");
    for t in [o.task, second] {
        let row = task_status(&o, t);
        assert_eq!(row["status"], "closed", "task {t} closes with its order");
        assert_eq!(row["progress"], 100);
        assert_eq!(row["actualFinish"], today());
        let ts = o.s.loop_status("task", t).unwrap();
        assert_eq!(ts.closure.unwrap().via_doc_id, Some(order));
    }
    let audit = o.s.list_audit(&Default::default()).unwrap();
    assert!(audit
        .rows
        .iter()
        .any(|r| r.entity == "task" && r.action == "close" && r.summary.contains("随调度令")));
    o.s.reopen_loop(&o.signer, "document", order, "复查发现台账不全")
        .unwrap();
    for t in [o.task, second] {
        assert_eq!(task_status(&o, t)["status"], "in_progress");
    }
}

#[test]
fn close_out_needs_the_photo_or_a_recorded_waiver() {
    let mut o = office();
    let unit = o.unit;
    let second = add_task(&mut o, "三会一课台账整理", Some(unit));
    let order = orders(&mut o, vec![second])[0];
    let mut fin = feedback("document", order, o.unit, &today());
    fin.is_final = true;
    let saved = o.s.add_feedback(&o.dispatcher, &fin).unwrap();
    assert_eq!(saved.missing_forms, vec!["图片"], "the report is flagged");
    let st = o.s.loop_status("document", order).unwrap();
    assert_eq!(st.missing_forms, vec!["图片"]);
    assert!(
        st.can_close,
        "only the waiver stands between it and the close"
    );

    let e =
        o.s.close_loop(&o.signer, "document", order, "")
            .unwrap_err();
    assert_eq!(e.field.as_deref(), Some("waiver"));
    assert!(e.message.contains("图片"), "{}", e.message);
    assert_eq!(
        o.s.loop_status("document", order).unwrap().stage,
        "in_progress"
    );
    // The task on its own needs the same: its order asked for a photo.
    let e = o.s.close_loop(&o.signer, "task", second, "").unwrap_err();
    assert!(
        e.message.contains("尚无最终反馈") || e.field.as_deref() == Some("waiver"),
        "{}",
        e.message
    );

    let st =
        o.s.close_loop_waived(
            &o.signer,
            "document",
            order,
            "",
            "井下作业面禁止拍照，已现场核查",
        )
        .unwrap();
    assert_eq!(st.stage, "closed");
    let c = st.closure.unwrap();
    assert_eq!(
        c.evidence_waiver.as_deref(),
        Some("井下作业面禁止拍照，已现场核查")
    );
    let ts = o.s.loop_status("task", second).unwrap();
    assert_eq!(ts.stage, "closed");
    assert_eq!(
        ts.closure.unwrap().evidence_waiver.as_deref(),
        Some("井下作业面禁止拍照，已现场核查")
    );
    let audit = o.s.list_audit(&Default::default()).unwrap();
    assert!(audit.rows.iter().any(|r| r.entity == "document"
        && r.action == "close"
        && r.summary.contains("免报理由：井下作业面禁止拍照")));

    // With the photo, no waiver is asked for and none is recorded.
    let mut o = office();
    let task1 = o.task;
    let order = orders(&mut o, vec![task1])[0];
    let mut fin = with_photo(&o, feedback("document", order, o.unit, &today()));
    fin.is_final = true;
    o.s.add_feedback(&o.dispatcher, &fin).unwrap();
    let st =
        o.s.close_loop_waived(&o.signer, "document", order, "", "用不上的理由")
            .unwrap();
    assert_eq!(st.closure.unwrap().evidence_waiver, None);
}

#[test]
fn a_task_with_its_own_open_rectification_stays_open_when_the_order_closes() {
    let mut o = office();
    let (unit, task1) = (o.unit, o.task);
    let second = add_task(&mut o, "三会一课台账整理", Some(unit));
    let order = orders(&mut o, vec![task1, second])[0];
    o.s.create_rectification(
        &o.dispatcher,
        &RectificationInput {
            source: "inspection".into(),
            target_kind: Some("task".into()),
            target_id: Some(second),
            problem: "台账不全。".into(),
            item_name: "补齐台账".into(),
            person_name: "王书记".into(),
            deadline: next_working_day(),
            unit_id: Some(o.unit),
            ..Default::default()
        },
    )
    .unwrap();
    // A supervision record on the order: 督办落实 (the rectifying task stays).
    o.s.create_supervision(
        &o.dispatcher,
        &SupervisionInput {
            target_kind: Some("document".into()),
            target_id: Some(order),
            supervised_on: today(),
            method: "onsite".into(),
            supervisor: "赵敏".into(),
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(task_status(&o, o.task)["status"], "supervising");
    assert_eq!(task_status(&o, second)["status"], "rectifying");
    let mut fin = with_photo(&o, feedback("document", order, o.unit, &today()));
    fin.is_final = true;
    o.s.add_feedback(&o.dispatcher, &fin).unwrap();
    o.s.close_loop(&o.signer, "document", order, "").unwrap();
    assert_eq!(task_status(&o, o.task)["status"], "closed");
    assert_eq!(task_status(&o, second)["status"], "rectifying");
}
