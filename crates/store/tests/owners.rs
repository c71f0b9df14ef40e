//! Issue 14, points 2, 3 and 6 on the sample data: a task's 责任人 and
//! 配合单位, who is responsible for each step of the loop, periodic work
//! followed up (due list, 催办 and 整改 from an omission, ticking many done
//! with one evidence file), and the figures by dispatch kind.
mod common;

use diaodu_store::{Actor, AttachmentRef, DoneManyInput, RectificationInput, Store};
use serde_json::json;

struct Fx {
    _dir: tempfile::TempDir,
    s: Store,
    a: Actor,
}

fn sample() -> Fx {
    let (dir, mut s, a) = common::admin_store();
    s.load_sample(&a).unwrap();
    Fx { _dir: dir, s, a }
}

fn patch(v: serde_json::Value) -> serde_json::Map<String, serde_json::Value> {
    v.as_object().unwrap().clone()
}

fn key_plan(s: &Store) -> i64 {
    s.list_plans(&Default::default())
        .unwrap()
        .into_iter()
        .find(|p| p.plan.kind.code() == "key")
        .expect("the sample has a 重点 plan")
        .plan
        .id
}

#[test]
fn owner_is_a_person_of_the_unit_and_cooperating_units_are_others() {
    let mut f = sample();
    let plan = f.s.chart(key_plan(&f.s), None).unwrap();
    let task = plan
        .tasks
        .iter()
        .find(|t| t.kind == "task")
        .unwrap()
        .clone();
    let unit = task.lead_unit_id.unwrap();
    let people = f.s.list_people(false).unwrap();
    let other = people.iter().find(|p| p.unit_id != unit).unwrap();
    let mine = people.iter().rfind(|p| p.unit_id == unit).unwrap();

    // A person of another unit is refused, on the field.
    let e =
        f.s.update_task(&f.a, task.id, &patch(json!({"personId": other.id})))
            .unwrap_err();
    assert_eq!(e.field.as_deref(), Some("personId"), "{e:?}");
    // A person of the unit is taken, and the chart names them.
    f.s.update_task(&f.a, task.id, &patch(json!({"personId": mine.id})))
        .unwrap();
    let chart = f.s.chart(task_plan(&f.s, task.id), None).unwrap();
    let t = chart.tasks.iter().find(|t| t.id == task.id).unwrap();
    assert_eq!(t.person_name.as_deref(), Some(mine.name.as_str()));
    // Changing the unit alone leaves a person of another unit: refused.
    let e =
        f.s.update_task(&f.a, task.id, &patch(json!({"leadUnitId": other.unit_id})))
            .unwrap_err();
    assert_eq!(e.field.as_deref(), Some("personId"), "{e:?}");
    f.s.update_task(
        &f.a,
        task.id,
        &patch(json!({"leadUnitId": other.unit_id, "personId": other.id})),
    )
    .unwrap();
    // 配合单位: not the unit itself, no repeats; others are kept with names.
    let e =
        f.s.update_task(
            &f.a,
            task.id,
            &patch(json!({"cooperatingUnitIds": [other.unit_id]})),
        )
        .unwrap_err();
    assert_eq!(e.field.as_deref(), Some("cooperatingUnitIds"), "{e:?}");
    let e =
        f.s.update_task(
            &f.a,
            task.id,
            &patch(json!({"cooperatingUnitIds": [unit, unit]})),
        )
        .unwrap_err();
    assert_eq!(e.field.as_deref(), Some("cooperatingUnitIds"), "{e:?}");
    f.s.update_task(&f.a, task.id, &patch(json!({"cooperatingUnitIds": [unit]})))
        .unwrap();
    let chart = f.s.chart(task_plan(&f.s, task.id), None).unwrap();
    let t = chart.tasks.iter().find(|t| t.id == task.id).unwrap();
    assert_eq!(t.cooperating_unit_ids, vec![unit]);
    assert_eq!(t.cooperating_unit_names.len(), 1);
}

fn task_plan(s: &Store, task: i64) -> i64 {
    s.list_plans(&Default::default())
        .unwrap()
        .into_iter()
        .map(|p| p.plan.id)
        .find(|p| {
            s.chart(*p, None)
                .unwrap()
                .tasks
                .iter()
                .any(|t| t.id == task)
        })
        .unwrap()
}

#[test]
fn each_step_of_the_loop_names_who_is_responsible() {
    let mut f = sample();
    let chart = f.s.chart(key_plan(&f.s), None).unwrap();
    // The first task of the key plan was dispatched by a signed notice.
    let task = chart.tasks.iter().find(|t| t.kind == "task").unwrap();
    let owners = f.s.loop_owners("task", task.id).unwrap();
    let steps: Vec<&str> = owners.iter().map(|o| o.step).collect();
    assert_eq!(
        steps,
        [
            "notice",
            "receipt",
            "feedback",
            "supervision",
            "rectification",
            "closure"
        ]
    );
    let unit = task.lead_unit_name.clone().unwrap();
    let person = task.person_name.clone().unwrap();
    let notice = &owners[0];
    assert_eq!(notice.state, "done", "{notice:?}");
    assert!(notice.done_by[0].contains("签发"), "{notice:?}");
    let receipt = &owners[1];
    assert!(
        receipt.owner.contains(&unit) && receipt.owner.contains(&person),
        "{receipt:?}"
    );
    assert_eq!(receipt.state, "open");
    let feedback = &owners[2];
    assert!(feedback.owner.contains(&person), "{feedback:?}");
    assert_eq!(owners[5].state, "open");
    assert!(owners[5].owner.starts_with("签发人"), "{:?}", owners[5]);
    // A 整改 item names its 三定 责任人 in its step.
    f.s.create_rectification(
        &f.a,
        &RectificationInput {
            source: "supervision".into(),
            target_kind: Some("task".into()),
            target_id: Some(task.id),
            problem: "学习记录不全".into(),
            item_name: "补齐学习记录".into(),
            person_name: "整改责任人甲".into(),
            deadline: next_working_day(&f.s),
            unit_id: task.lead_unit_id,
            ..Default::default()
        },
    )
    .unwrap();
    let owners = f.s.loop_owners("task", task.id).unwrap();
    assert!(owners[4].owner.contains("整改责任人甲"), "{:?}", owners[4]);
    assert_eq!(owners[4].state, "open");
    // A document has the same six steps.
    let doc = f.s.list_docs(&Default::default()).unwrap()[0].id;
    assert_eq!(f.s.loop_owners("document", doc).unwrap().len(), 6);
}

fn next_working_day(s: &Store) -> String {
    let mut d = diaodu_domain::clock::today() + chrono::Duration::days(7);
    while s.calendar_day_is_off(d) {
        d += chrono::Duration::days(1);
    }
    d.to_string()
}

trait Cal {
    fn calendar_day_is_off(&self, d: chrono::NaiveDate) -> bool;
}

impl Cal for Store {
    fn calendar_day_is_off(&self, d: chrono::NaiveDate) -> bool {
        use chrono::Datelike;
        // Weekends are enough here: the deadline is checked by the store.
        matches!(d.weekday(), chrono::Weekday::Sat | chrono::Weekday::Sun)
    }
}

#[test]
fn periodic_work_due_and_overdue_is_followed_up() {
    let mut f = sample();
    let today = diaodu_domain::clock::today();
    let due = f.s.spec_due_on(today).unwrap();
    assert!(!due.is_empty());
    for d in &due {
        assert!(d.row.due_date.as_str() <= today.to_string().as_str());
        assert!(d.row.done_date.is_none());
        let expect = if d.row.due_date == today.to_string() {
            "today"
        } else {
            "overdue"
        };
        assert_eq!(d.row.status, expect, "{:?}", d.row);
    }
    // The dashboard and the notification count the same work.
    let dash = f.s.dashboard_on(today).unwrap();
    let overdue = due.iter().filter(|d| d.overdue_days > 0).count();
    assert_eq!(dash.periodic_overdue_total, overdue);
    assert_eq!(dash.periodic_due_today.len(), due.len() - overdue);
    let alerts = f.s.today_alerts_on(today).unwrap();
    assert_eq!(alerts.periodic_overdue, overdue);
    assert!(
        alerts.summary.contains(&format!("漏项 {overdue} 项")),
        "{}",
        alerts.summary
    );

    // 催办 for an omission: numbered like every reminder, printed from its content.
    let omission = due
        .iter()
        .find(|d| d.overdue_days > 0)
        .expect("an omission");
    let r =
        f.s.send_spec_reminder_on(&f.a, omission.row.id, today)
            .unwrap();
    assert_eq!(r.target_kind, "spec");
    assert!(r.number.contains('号'), "{}", r.number);
    assert!(r.content.target_label.contains(&omission.row.title));
    let doc = f.s.reminder_document(r.id).unwrap();
    assert_eq!(doc.addressees, omission.row.unit_name);
    let again = f.s.spec_due_on(today).unwrap();
    let same = again.iter().find(|d| d.row.id == omission.row.id).unwrap();
    assert_eq!(same.reminders.len(), 1);
    // A second 催办 while the first one's reply period runs is refused, by name.
    let twice =
        f.s.send_spec_reminder_on(&f.a, omission.row.id, today)
            .unwrap_err();
    assert_eq!(twice.code, diaodu_domain::ErrorCode::Conflict, "{twice:?}");
    assert!(twice.message.contains(&r.number), "{}", twice.message);
    // After it, the omission may be reminded again.
    let after = chrono::NaiveDate::parse_from_str(&r.reply_by, "%Y-%m-%d").unwrap()
        + chrono::Duration::days(1);
    let second =
        f.s.send_spec_reminder_on(&f.a, omission.row.id, after)
            .unwrap();
    assert_ne!(second.number, r.number);
    // Work due today is no omission yet: no reminder.
    if let Some(t) = due.iter().find(|d| d.overdue_days == 0) {
        let e =
            f.s.send_spec_reminder_on(&f.a, t.row.id, today)
                .unwrap_err();
        assert_eq!(e.code, diaodu_domain::ErrorCode::Conflict, "{e:?}");
    }

    // 整改 from an omission: to the work's unit, labelled as such.
    let rect =
        f.s.create_rectification(
            &f.a,
            &RectificationInput {
                source: "other".into(),
                source_ref: Some(format!("spec:{}", omission.row.id)),
                problem: format!("{}未按时完成", omission.row.title),
                item_name: "补办漏项".into(),
                person_name: "支部书记".into(),
                deadline: next_working_day(&f.s),
                unit_id: Some(omission.row.unit_id),
                ..Default::default()
            },
        )
        .unwrap();
    assert_eq!(rect.source_label, "周期工作漏项");
    let again = f.s.spec_due_on(today).unwrap();
    let same = again.iter().find(|d| d.row.id == omission.row.id).unwrap();
    assert_eq!(same.rectification_ids, vec![rect.id]);
    let wrong_unit = RectificationInput {
        source: "other".into(),
        source_ref: Some(format!("spec:{}", omission.row.id)),
        problem: "x".into(),
        item_name: "x".into(),
        person_name: "x".into(),
        deadline: next_working_day(&f.s),
        unit_id: Some(omission.row.unit_id + 1),
        ..Default::default()
    };
    assert!(f.s.create_rectification(&f.a, &wrong_unit).is_err());
}

#[test]
fn many_items_ticked_done_with_one_evidence_file() {
    let mut f = sample();
    let today = diaodu_domain::clock::today();
    let due = f.s.spec_due_on(today).unwrap();
    let ids: Vec<i64> = due.iter().take(3).map(|d| d.row.id).collect();
    assert_eq!(ids.len(), 3);
    let files = tempfile::tempdir().unwrap();
    let photo = common::photo(files.path(), "会议记录.png", 9);
    let staged = f.s.stage_attachment(&f.a, &photo).unwrap();
    let n =
        f.s.mark_spec_done_many(
            &f.a,
            &DoneManyInput {
                ids: ids.clone(),
                done_date: today.to_string(),
                note: "集中补办".into(),
                evidence: "会议记录".into(),
                attachments: vec![AttachmentRef {
                    sha256: staged.sha256.clone(),
                    name: "会议记录.png".into(),
                }],
            },
        )
        .unwrap();
    assert_eq!(n, 3);
    let after = f.s.spec_due_on(today).unwrap();
    assert!(after.iter().all(|d| !ids.contains(&d.row.id)));
    // Each row has the one file (stored once).
    for d in &due[..3] {
        let rows =
            f.s.spec_item_progress(d.row.item_id, &d.row.period)
                .unwrap();
        let row = rows.iter().find(|r| r.id == d.row.id).unwrap();
        assert_eq!(row.attachments.len(), 1, "{row:?}");
        assert_eq!(row.attachments[0].sha256, staged.sha256);
        assert_eq!(row.evidence, "会议记录");
    }
    // Ticking them again changes nothing.
    let again =
        f.s.mark_spec_done_many(
            &f.a,
            &DoneManyInput {
                ids,
                done_date: today.to_string(),
                ..Default::default()
            },
        )
        .unwrap();
    assert_eq!(again, 0);
}

#[test]
fn figures_by_dispatch_kind_add_up_and_key_tasks_are_of_key_plans() {
    let f = sample();
    let year = chrono::Datelike::year(&diaodu_domain::clock::today());
    let s = f.s.annual_stats(year).unwrap();
    let k = s.by_dispatch_kind.as_ref().unwrap();
    assert!(k.key.by_dispatch_kind.is_none());
    let sum = |g: fn(&diaodu_store::AnnualStats) -> i64| g(&k.key) + g(&k.special) + g(&k.daily);
    assert_eq!(sum(|x| x.dispatch_meetings), s.dispatch_meetings);
    assert_eq!(sum(|x| x.meeting_decisions), s.meeting_decisions);
    assert_eq!(sum(|x| x.notices_issued), s.notices_issued);
    assert_eq!(sum(|x| x.orders_issued), s.orders_issued);
    assert_eq!(sum(|x| x.feedback_received), s.feedback_received);
    assert_eq!(sum(|x| x.supervision_records), s.supervision_records);
    assert_eq!(sum(|x| x.reminders_sent), s.reminders_sent);
    assert_eq!(sum(|x| x.rectifications_opened), s.rectifications_opened);
    assert_eq!(sum(|x| x.assistance_visits), s.assistance_visits);
    // The sample's key plan has two tasks dispatched by signed notices.
    assert_eq!(s.key_tasks_dispatched, 2);
    assert_eq!(k.key.key_tasks_dispatched, 2);
    assert_eq!(k.key.notices_issued, 2);
    // Documents and meetings carry their kind and filter by it.
    let key_docs =
        f.s.list_docs(&diaodu_store::DocFilter {
            dispatch_kind: Some("key".into()),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(key_docs.len(), 2);
    assert!(key_docs.iter().all(|d| d.dispatch_kind == "key"));
    let all = f.s.list_docs(&Default::default()).unwrap();
    for kind in ["key", "special", "daily"] {
        let n = all.iter().filter(|d| d.dispatch_kind == kind).count();
        let filtered =
            f.s.list_docs(&diaodu_store::DocFilter {
                dispatch_kind: Some(kind.into()),
                ..Default::default()
            })
            .unwrap();
        assert_eq!(filtered.len(), n, "{kind}");
    }
    let special =
        f.s.list_meetings(&diaodu_store::MeetingFilter {
            dispatch_kind: Some("special".into()),
            include_cancelled: true,
            ..Default::default()
        })
        .unwrap();
    assert!(special.iter().all(|m| m.dispatch_kind == "special"));
    assert!(f
        .s
        .list_meetings(&diaodu_store::MeetingFilter {
            dispatch_kind: Some("urgent".into()),
            ..Default::default()
        })
        .is_err());
}
