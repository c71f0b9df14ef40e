mod common;
use diaodu_domain::ErrorCode;
use diaodu_store::{Actor, LinkInput, PlanInput, Store, TaskInput};
use serde_json::{json, Map, Value};

fn setup() -> (tempfile::TempDir, Store, Actor, i64) {
    let (dir, mut s, a) = common::admin_store();
    let plan = s
        .create_plan(
            &a,
            &PlanInput {
                title: "专项行动".into(),
                kind: "special".into(),
                start: "2026-02-09".into(),
                ..Default::default()
            },
        )
        .unwrap();
    (dir, s, a, plan.id)
}

fn task(
    s: &mut Store,
    a: &Actor,
    plan: i64,
    parent: Option<i64>,
    name: &str,
    duration: i64,
) -> i64 {
    s.create_task(
        a,
        &TaskInput {
            plan_id: plan,
            parent_id: parent,
            name: name.into(),
            duration: Some(duration),
            ..Default::default()
        },
    )
    .unwrap()
}

fn link(
    s: &mut Store,
    a: &Actor,
    plan: i64,
    pred: i64,
    succ: i64,
    kind: &str,
    lag: i64,
) -> Result<i64, diaodu_domain::CoreError> {
    s.create_link(
        a,
        &LinkInput {
            plan_id: plan,
            pred_id: pred,
            succ_id: succ,
            kind: kind.into(),
            lag,
        },
    )
}

fn patch(v: Value) -> Map<String, Value> {
    v.as_object().unwrap().clone()
}

#[test]
fn plan_validation() {
    let (_d, mut s, a, _) = setup();
    let e = s
        .create_plan(
            &a,
            &PlanInput {
                title: " ".into(),
                kind: "key".into(),
                start: "2026-01-05".into(),
                ..Default::default()
            },
        )
        .unwrap_err();
    assert_eq!(e.field.as_deref(), Some("title"));
    let e = s
        .create_plan(
            &a,
            &PlanInput {
                title: "x".into(),
                kind: "key".into(),
                start: "2026/1/5".into(),
                ..Default::default()
            },
        )
        .unwrap_err();
    assert_eq!(e.field.as_deref(), Some("start"));
    let e = s
        .create_plan(
            &a,
            &PlanInput {
                title: "x".into(),
                kind: "key".into(),
                start: "2026-01-05".into(),
                end: Some("2025-12-01".into()),
                ..Default::default()
            },
        )
        .unwrap_err();
    assert_eq!(e.field.as_deref(), Some("end"));
    assert_eq!(s.list_plans(&Default::default()).unwrap().len(), 1);
}

#[test]
fn chart_schedules_across_the_spring_festival() {
    let (_d, mut s, a, p) = setup();
    let stage = s
        .create_task(
            &a,
            &TaskInput {
                plan_id: p,
                kind: "stage".into(),
                name: "第一阶段".into(),
                ..Default::default()
            },
        )
        .unwrap();
    let t1 = task(&mut s, &a, p, Some(stage), "摸底", 5);
    let t2 = task(&mut s, &a, p, Some(stage), "整改", 3);
    link(&mut s, &a, p, t1, t2, "FS", 0).unwrap();
    let c = s.chart(p, None).unwrap();
    let get = |id: i64| c.tasks.iter().find(|t| t.id == id).unwrap().clone();
    // 2026-02-09 (Mon) .. 2026-02-13 (Fri): 5 working days. 春节 2026-02-15..23 is off,
    // 2026-02-14 (Sat) is a make-up working day, so the successor starts on the 14th.
    assert_eq!(get(t1).early_start, "2026-02-09");
    assert_eq!(get(t1).early_finish, "2026-02-13");
    assert_eq!(get(t2).early_start, "2026-02-14");
    // 14th, then 24th and 25th after the holiday.
    assert_eq!(get(t2).early_finish, "2026-02-25");
    assert_eq!(get(stage).outline, "1");
    assert_eq!(get(t2).outline, "1.2");
    assert!(get(t1).critical && get(t2).critical);
    assert!(c
        .calendar
        .days
        .iter()
        .any(|d| d.date == "2026-02-17" && !d.working));
}

#[test]
fn cycles_and_links_to_stages_are_refused_and_nothing_is_written() {
    let (_d, mut s, a, p) = setup();
    let x = task(&mut s, &a, p, None, "甲", 2);
    let y = task(&mut s, &a, p, None, "乙", 2);
    let z = task(&mut s, &a, p, None, "丙", 2);
    link(&mut s, &a, p, x, y, "FS", 0).unwrap();
    link(&mut s, &a, p, y, z, "SS", 1).unwrap();
    let e = link(&mut s, &a, p, z, x, "FF", 0).unwrap_err();
    assert_eq!(e.code, ErrorCode::Conflict);
    assert!(
        e.message.contains("甲") && e.message.contains("乙") && e.message.contains("丙"),
        "{}",
        e.message
    );
    assert_eq!(
        link(&mut s, &a, p, x, y, "SS", 0).unwrap_err().code,
        ErrorCode::Duplicate
    );
    // Making 甲 a stage with a child would put a link on a summary task.
    let child = s.create_task(
        &a,
        &TaskInput {
            plan_id: p,
            parent_id: Some(x),
            name: "子任务".into(),
            ..Default::default()
        },
    );
    assert!(child.is_err());
    assert_eq!(s.chart(p, None).unwrap().links.len(), 2);
    assert_eq!(s.chart(p, None).unwrap().tasks.len(), 3);
}

#[test]
fn move_delete_and_restore_round_trip() {
    let (_d, mut s, a, p) = setup();
    let x = task(&mut s, &a, p, None, "甲", 2);
    let y = task(&mut s, &a, p, None, "乙", 2);
    let l = link(&mut s, &a, p, x, y, "FS", 1).unwrap();
    s.update_task(&a, x, &patch(json!({"start": "2026-03-02", "duration": 4})))
        .unwrap();
    let c = s.chart(p, None).unwrap();
    let yy = c.tasks.iter().find(|t| t.id == y).unwrap();
    // 甲 2026-03-02..05, lag 1 working day (Fri 6th) → 乙 starts Mon 9th.
    assert_eq!(yy.early_start, "2026-03-09");
    let e = s
        .update_task(&a, x, &patch(json!({"duration": -1})))
        .unwrap_err();
    assert_eq!(e.field.as_deref(), Some("duration"));
    let e = s
        .update_task(&a, x, &patch(json!({"secret": 1})))
        .unwrap_err();
    assert_eq!(e.code, ErrorCode::Validation);

    s.delete_task(&a, x).unwrap();
    let after = s.chart(p, None).unwrap();
    assert_eq!(after.tasks.len(), 1);
    assert!(after.links.is_empty());
    // Undo names the deleted task; the core restores from its own record.
    s.restore_tasks(&a, x).unwrap();
    let back = s.chart(p, None).unwrap();
    assert_eq!(back.tasks.len(), 2);
    assert_eq!(back.links[0].id, l);
    assert_eq!(back.tasks[0].id, x, "restored in its old place");
    assert_eq!(
        back.tasks.iter().find(|t| t.id == y).unwrap().early_start,
        "2026-03-09"
    );
}

#[test]
fn reparent_renumbers_outline() {
    let (_d, mut s, a, p) = setup();
    let st = s
        .create_task(
            &a,
            &TaskInput {
                plan_id: p,
                kind: "stage".into(),
                name: "阶段".into(),
                ..Default::default()
            },
        )
        .unwrap();
    let x = task(&mut s, &a, p, None, "甲", 2);
    let y = task(&mut s, &a, p, None, "乙", 2);
    s.reparent_task(&a, y, Some(st), 0).unwrap();
    s.reparent_task(&a, x, Some(st), 5).unwrap();
    let c = s.chart(p, None).unwrap();
    let outl: Vec<_> = c
        .tasks
        .iter()
        .map(|t| (t.name.as_str(), t.outline.as_str()))
        .collect();
    assert_eq!(outl, [("阶段", "1"), ("乙", "1.1"), ("甲", "1.2")]);
    assert!(
        s.reparent_task(&a, st, Some(y), 0).is_err(),
        "no stage under its own child"
    );
}

#[test]
fn baselines_show_variance_in_working_days() {
    let (_d, mut s, a, p) = setup();
    let st = s
        .create_task(
            &a,
            &TaskInput {
                plan_id: p,
                kind: "stage".into(),
                name: "阶段".into(),
                ..Default::default()
            },
        )
        .unwrap();
    let x = task(&mut s, &a, p, Some(st), "甲", 3);
    let b = s.save_baseline(&a, p, "初始计划").unwrap();
    assert_eq!(
        s.save_baseline(&a, p, "初始计划").unwrap_err().code,
        ErrorCode::Duplicate
    );
    s.update_task(&a, x, &patch(json!({"duration": 5})))
        .unwrap();
    let v = s.baseline_variance(p, b.id).unwrap();
    assert_eq!(v.tasks[0].variance, 2);
    assert_eq!(v.stages[0].variance, 2);
    let c = s.chart(p, Some(b.id)).unwrap();
    assert_eq!(c.baseline.as_ref().unwrap().tasks[&x].finish, "2026-02-11");
    assert_eq!(
        c.tasks
            .iter()
            .find(|t| t.id == x)
            .unwrap()
            .baseline_variance,
        Some(2)
    );
}

#[test]
fn calendar_overrides_move_the_schedule() {
    let (_d, mut s, a, p) = setup();
    let x = task(&mut s, &a, p, None, "甲", 2);
    s.set_calendar_day(&a, "2026-02-10", false, "矿庆日")
        .unwrap();
    let c = s.chart(p, None).unwrap();
    assert_eq!(
        c.tasks.iter().find(|t| t.id == x).unwrap().early_finish,
        "2026-02-11"
    );
    let days = s.list_calendar_days(2026).unwrap();
    assert!(days
        .iter()
        .any(|d| d.date == "2026-02-10" && d.source == "override"));
    assert!(days.iter().any(|d| d.name.contains("春节")));
    assert_eq!(
        s.set_calendar_day(&a, "2026-02-11", false, "")
            .unwrap_err()
            .field
            .as_deref(),
        Some("name")
    );
    s.remove_calendar_day(&a, "2026-02-10").unwrap();
    assert!(
        s.remove_calendar_day(&a, "2026-02-17").is_err(),
        "statutory days cannot be removed"
    );
}

#[test]
fn the_calendar_says_which_years_have_an_official_notice() {
    let (_d, s, _a, _p) = setup();
    let y = s.calendar_year(2026).unwrap();
    assert!(y.official);
    assert!(y.notice.unwrap().contains("2026年部分节假日安排"));
    // 2027's notice is not out: plain weekends until the office enters it.
    let y = s.calendar_year(2027).unwrap();
    assert!(!y.official && y.notice.is_none());
    assert_eq!((y.notice_from, y.notice_to), (2018, 2026));
    assert!(!s.calendar_year(2017).unwrap().official);
    assert_eq!(
        s.calendar_year(1800).unwrap_err().field.as_deref(),
        Some("year")
    );
}

#[test]
fn archived_plans_and_viewers_cannot_edit() {
    let (_d, mut s, a, p) = setup();
    let viewer = s
        .create_user(&a, "viewer", "查看", "viewer", "Viewer#2026")
        .unwrap()
        .actor();
    assert_eq!(
        s.create_task(
            &viewer,
            &TaskInput {
                plan_id: p,
                name: "x".into(),
                ..Default::default()
            }
        )
        .unwrap_err()
        .code,
        ErrorCode::Forbidden
    );
    s.archive_plan(&a, p, "已完成").unwrap();
    let e = s
        .create_task(
            &a,
            &TaskInput {
                plan_id: p,
                name: "x".into(),
                ..Default::default()
            },
        )
        .unwrap_err();
    assert_eq!(e.code, ErrorCode::Conflict);
    assert!(s.list_plans(&Default::default()).unwrap().is_empty());
    assert_eq!(
        s.list_plans(&diaodu_store::PlanFilter {
            status: Some("archived".into()),
            ..Default::default()
        })
        .unwrap()
        .len(),
        1
    );
}

#[test]
fn sample_plan_loads_with_every_link_kind() {
    let (_dir, mut s, a) = common::admin_store();
    let r = s.load_sample(&a).unwrap();
    assert_eq!(r.plan_tasks, 44);
    // Beside the special action, the daily plan that collects the tasks
    // raised on the sample's visits to assistance points.
    let plans: Vec<_> = s
        .list_plans(&Default::default())
        .unwrap()
        .into_iter()
        .filter(|p| p.plan.kind.code() == "special")
        .collect();
    assert_eq!(plans.len(), 1);
    let c = s.chart(plans[0].plan.id, None).unwrap();
    assert_eq!(c.tasks.len(), 44);
    for kind in ["FS", "SS", "FF", "SF"] {
        assert!(c.links.iter().any(|l| l.kind == kind));
    }
    assert!(c.tasks.iter().any(|t| t.due_state == "done"));
    assert!(c.tasks.iter().any(|t| t.due_state == "overdue"));
    assert!(!c.critical_path.is_empty());
    assert_eq!(c.plan.sources.len(), 3);
}

#[test]
fn chart_prints_paginated_in_both_directions() {
    let (dir, mut s, a) = common::admin_store();
    s.load_sample(&a).unwrap();
    let plan = s.list_plans(&Default::default()).unwrap()[0].plan.id;
    let fonts =
        diaodu_documents::Fonts::system().expect("CJK fonts (fonts-noto-cjk) must be installed");
    let info = |pdf: &[u8]| -> (String, String) {
        let f = dir.path().join("c.pdf");
        std::fs::write(&f, pdf).unwrap();
        let i = std::process::Command::new("pdfinfo")
            .arg(&f)
            .output()
            .expect("pdfinfo (poppler-utils)");
        let t = std::process::Command::new("pdftotext")
            .arg(&f)
            .arg("-")
            .output()
            .unwrap();
        (
            String::from_utf8_lossy(&i.stdout).into(),
            String::from_utf8_lossy(&t.stdout)
                .split_whitespace()
                .collect(),
        )
    };
    let a3 = s.chart_pdf(plan, &Default::default(), &fonts).unwrap();
    let (i, text) = info(&a3);
    assert!(i.contains("(A3)"), "{i}");
    assert!(text.contains("晋源煤矿党委强化基础工作建设专项行动"));
    assert!(text.contains("动员部署阶段") && text.contains("专项行动完成"));
    let day = diaodu_store::ChartPrintOptions {
        paper: "A4".into(),
        zoom: "day".into(),
        ..Default::default()
    };
    let (i, text) = info(&s.chart_pdf(plan, &day, &fonts).unwrap());
    assert!(i.contains("(A4)"));
    let pages: usize = i
        .lines()
        .find(|l| l.starts_with("Pages:"))
        .unwrap()
        .split_whitespace()
        .last()
        .unwrap()
        .parse()
        .unwrap();
    assert!(
        pages >= 4,
        "44 rows at day zoom on A4 need pages across and down: {pages}"
    );
    // The task columns repeat on every page.
    assert_eq!(text.matches("任务名称").count(), pages);
    let bad = diaodu_store::ChartPrintOptions {
        paper: "B5".into(),
        ..Default::default()
    };
    assert_eq!(
        s.chart_pdf(plan, &bad, &fonts)
            .unwrap_err()
            .field
            .as_deref(),
        Some("paper")
    );
}
