//! Supervision at a busy office's scale: 5 plans of 1,000 tasks, 1,000
//! signed orders with weekly reports spread over a year and 10,000 feedback
//! rows, 177 meetings and 600 supervision records (the article's 2018
//! figures). Times the dashboard, the reminder list, the annual figures, the
//! documents list and one record's supervision panel.
//!
//!   cargo run --release -p diaodu-store --example bench_supervision
use chrono::{Datelike, Duration, NaiveDate};
use diaodu_exchange::{DocTask, PlanDoc};
use diaodu_store::{DocInput, FeedbackRule, MeetingInput, Store, SupervisionInput, UnitInput};
use std::time::Instant;

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.total_cmp(b));
    v[v.len() / 2]
}

fn time<T>(label: &str, runs: usize, mut f: impl FnMut() -> T) {
    let mut v = Vec::new();
    for _ in 0..runs {
        let t = Instant::now();
        std::hint::black_box(f());
        v.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    let min = v.iter().copied().fold(f64::MAX, f64::min);
    println!(
        "{label:<40} median {:>8.1} ms   min {:>8.1} ms   ({runs} runs)",
        median(v),
        min
    );
}

fn main() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut s = Store::open(dir.path()).expect("store");
    let a = s
        .setup_admin("admin", "管理员", "Admin#2026")
        .expect("admin")
        .actor();
    let today = chrono::Local::now().date_naive();
    let year = today.year();
    let start = today - Duration::days(300);

    let committee = s
        .create_unit(
            &a,
            &UnitInput {
                name: "矿党委".into(),
                kind: "committee".into(),
                ..Default::default()
            },
        )
        .unwrap()
        .id;
    let mut units = Vec::new();
    for i in 0..70 {
        let (name, kind) = if i < 10 {
            (format!("部门{i}"), "department")
        } else {
            (format!("第{i}党支部"), "branch")
        };
        let u = s
            .create_unit(
                &a,
                &UnitInput {
                    name: name.clone(),
                    kind: kind.into(),
                    parent_id: Some(committee),
                    ..Default::default()
                },
            )
            .unwrap();
        units.push((u.id, name));
    }
    let t0 = Instant::now();
    for p in 0..5 {
        let mut doc = PlanDoc::new(format!("专项行动{p}"), start);
        let mut uid = 0;
        for st in 0..20 {
            uid += 1;
            doc.tasks.push(DocTask {
                summary: true,
                ..task(uid, &format!("阶段{st}"), 1, None, 0, None)
            });
            for k in 0..49 {
                uid += 1;
                let offset = (st * 14 + k % 10) as i64;
                let deadline = start + Duration::days(offset + 12);
                let unit = &units[(uid as usize) % units.len()].1;
                let mut t = task(
                    uid,
                    &format!("任务{p}-{st}-{k}"),
                    2,
                    Some(start + Duration::days(offset)),
                    5,
                    Some(unit.clone()),
                );
                t.deadline = Some(deadline);
                if deadline < today && k % 5 != 0 {
                    t.status = Some("closed".into());
                    t.percent_complete = 100;
                    t.actual_start = t.start;
                    t.actual_finish = Some(deadline - Duration::days((k % 3) as i64 - 1));
                }
                doc.tasks.push(t);
            }
        }
        s.import_plan(&a, &doc).expect("import");
    }
    println!(
        "setup: 5 plans × 1,000 tasks imported in {:.1} s",
        t0.elapsed().as_secs_f64()
    );

    let t0 = Instant::now();
    let mut docs = Vec::new();
    for i in 0..1000 {
        let (unit, _) = units[i % units.len()];
        let d = s
            .create_doc(
                &a,
                &DocInput {
                    kind: "order".into(),
                    title: format!("第{i}号专项调度令"),
                    urgency: Some("normal".into()),
                    content: "按要求落实并反馈。".into(),
                    target_unit_id: Some(unit),
                    deadline: Some((start + Duration::days(30 + (i % 270) as i64)).to_string()),
                    feedback_rule: FeedbackRule {
                        mode: "weekly".into(),
                        weekday: Some(5),
                        forms: vec!["text".into()],
                        ..Default::default()
                    },
                    ..Default::default()
                },
            )
            .unwrap();
        s.sign_doc(&a, d.id, "Admin#2026").unwrap();
        docs.push(d.id);
    }
    // Fixtures: signing dates spread over the year, ten reports per order.
    let db = rusqlite::Connection::open(dir.path().join(diaodu_store::DB_FILE_NAME)).unwrap();
    db.execute_batch("BEGIN").unwrap();
    for (i, id) in docs.iter().enumerate() {
        let signed = start + Duration::days((i % 270) as i64);
        db.execute(
            "UPDATE dispatch_doc SET signed_at = ?1 || ' 09:00:00' WHERE id = ?2",
            rusqlite::params![signed.to_string(), id],
        )
        .unwrap();
        for k in 0..10 {
            let on = signed + Duration::days(3 + k * 7);
            if on <= today {
                db.execute(
                    "INSERT INTO feedback (target_kind, target_id, reported_on, created_at) VALUES ('document', ?1, ?2, ?2)",
                    rusqlite::params![id, on.to_string()],
                )
                .unwrap();
            }
        }
    }
    db.execute_batch("COMMIT").unwrap();
    for i in 0..177 {
        let on = (start + Duration::days(i * 300 / 177)).min(today);
        s.create_meeting(
            &a,
            &MeetingInput {
                kind: if i % 4 == 0 { "mine" } else { "regular" }.into(),
                held_on: on.to_string(),
                ..Default::default()
            },
            &[],
        )
        .unwrap();
    }
    for i in 0..600 {
        let on = (start + Duration::days(i * 300 / 600)).min(today);
        s.create_supervision(
            &a,
            &SupervisionInput {
                unit_id: Some(units[10 + (i as usize) % 60].0),
                supervised_on: on.to_string(),
                method: "onsite".into(),
                supervisor: "调度员".into(),
                ..Default::default()
            },
        )
        .unwrap();
    }
    println!(
        "setup: 1,000 orders, feedback, 177 meetings, 600 records in {:.1} s",
        t0.elapsed().as_secs_f64()
    );

    let task_id = s.chart(1, None).unwrap().tasks[5].id;
    time("dashboard()", 5, || s.dashboard().unwrap());
    time("reminder_list()", 5, || s.reminder_list().unwrap());
    time(&format!("annual_stats({year})"), 5, || {
        s.annual_stats(year).unwrap()
    });
    time("list_docs() (1,000 with their lights)", 5, || {
        s.list_docs(&Default::default()).unwrap()
    });
    time("target_supervision(document)", 20, || {
        s.target_supervision("document", docs[500]).unwrap()
    });
    time("target_supervision(task of 1,000)", 10, || {
        s.target_supervision("task", task_id).unwrap()
    });
    time("today_alerts()", 5, || s.today_alerts().unwrap());
    let st = s.annual_stats(year).unwrap();
    println!(
        "figures: meetings {}, branch supervisions {}, orders {}, feedback {}, units rated {}",
        st.dispatch_meetings,
        st.branch_supervisions,
        st.orders_issued,
        st.feedback_received,
        st.on_time_rate_by_unit.len()
    );
    let _ = NaiveDate::MIN;
}

fn task(
    uid: u32,
    name: &str,
    level: u32,
    start: Option<NaiveDate>,
    duration: i64,
    unit: Option<String>,
) -> DocTask {
    DocTask {
        uid: uid.to_string(),
        name: name.into(),
        outline_level: level,
        summary: false,
        milestone: false,
        start,
        finish: None,
        duration,
        deadline: None,
        percent_complete: 0,
        actual_start: None,
        actual_finish: None,
        notes: String::new(),
        unit,
        status: None,
    }
}
