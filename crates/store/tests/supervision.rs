//! Supervision, reminders, meetings, stage summaries and annual figures
//! through the store's public API. Feedback and rectification rows belong to
//! the feedback module; here they are plain SQL fixtures against schema 0005,
//! and so is back-dating a signature to a fixed day.
mod common;

use chrono::{Datelike, Duration, NaiveDate};
use diaodu_domain::ErrorCode;
use diaodu_store::{
    Actor, AuditFilter, DecisionDocInput, DecisionInput, DecisionTaskInput, DocInput, FeedbackRule,
    MeetingInput, PlanInput, Store, SummaryEdit, SupervisionFilter, SupervisionInput, TaskInput,
    UnitInput,
};
use rusqlite::Connection;

/// The administrator's password in these tests (withdrawing an issued
/// paper asks for it again).
const ADMIN_PASSWORD: &str = "Admin#2026";

struct Fx {
    dir: tempfile::TempDir,
    s: Store,
    admin: Actor,
    signer: Actor,
    branch: i64,
    dept: i64,
}

fn setup() -> Fx {
    let (dir, mut s, admin) = common::admin_store();
    let signer = s
        .create_user(&admin, "signer", "关主任", "signer", "Signer#2026")
        .unwrap()
        .actor();
    let unit = |s: &mut Store, name: &str, kind: &str, parent: Option<i64>| {
        s.create_unit(
            &admin,
            &UnitInput {
                name: name.into(),
                kind: kind.into(),
                parent_id: parent,
                ..Default::default()
            },
        )
        .unwrap()
        .id
    };
    // The numbers below (晋源党调令…) follow from the issuing body's name.
    common::name_the_office(&mut s, &admin);
    let c = unit(&mut s, "矿党委", "committee", None);
    let dept = unit(&mut s, "党委组织部", "department", Some(c));
    let branch = unit(&mut s, "综采一队党支部", "branch", Some(c));
    Fx {
        dir,
        s,
        admin,
        signer,
        branch,
        dept,
    }
}

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

impl Fx {
    /// A plain SQL connection to the same database, for fixtures.
    fn sql(&self) -> Connection {
        Connection::open(self.dir.path().join(diaodu_store::DB_FILE_NAME)).unwrap()
    }

    fn doc(
        &mut self,
        kind: &str,
        unit: i64,
        deadline: &str,
        rule: FeedbackRule,
        tasks: Vec<i64>,
    ) -> i64 {
        let input = DocInput {
            kind: kind.into(),
            title: format!(
                "关于{}的{}",
                "报送支部自查报告",
                if kind == "order" {
                    "调度令"
                } else {
                    "通知"
                }
            ),
            urgency: (kind == "order").then(|| "expedited".into()),
            content: "请按时报送支部基础工作自查报告。".into(),
            target_unit_id: Some(unit),
            deadline: Some(deadline.into()),
            feedback_rule: rule,
            task_ids: tasks,
            ..Default::default()
        };
        self.s.create_doc(&self.admin, &input).unwrap().id
    }

    /// Signs, then moves the signature to `signed_at` (a fixture: the app
    /// signs at the current time).
    fn sign_on(&mut self, id: i64, signed_at: &str) {
        self.s.sign_doc(&self.signer, id, "Signer#2026").unwrap();
        let year: i32 = signed_at[..4].parse().unwrap();
        // Into another year: the next free sequence of that year in the
        // numbering register, as signing would have taken.
        let c = self.sql();
        c.execute(
            "UPDATE doc_number SET year = ?1,
             seq = (SELECT COALESCE(MAX(seq), 0) + 1 FROM doc_number x
                    WHERE x.prefix = doc_number.prefix AND x.year = ?1)
             WHERE kind IN ('order', 'notice') AND record_id = ?2 AND year <> ?1",
            rusqlite::params![year, id],
        )
        .unwrap();
        c.execute(
            "UPDATE dispatch_doc SET signed_at = ?1, year = ?2,
             seq = (SELECT seq FROM doc_number n WHERE n.kind = dispatch_doc.kind AND n.record_id = ?3)
             WHERE id = ?3",
            rusqlite::params![signed_at, year, id],
        )
        .unwrap();
    }

    fn feedback(&self, kind: &str, id: i64, on: &str) {
        self.sql()
            .execute(
                "INSERT INTO feedback (target_kind, target_id, reported_on, text, created_at)
                 VALUES (?1, ?2, ?3, '进展正常', ?3 || ' 10:00:00')",
                rusqlite::params![kind, id, on],
            )
            .unwrap();
    }
    /// A task finished on `done` and closed out by the office: what the
    /// closed-loop module writes (status, actual finish, progress), as a
    /// fixture, so the figures here count no extra feedback rows.
    fn close_task(&self, id: i64, done: &str) {
        self.sql()
            .execute(
                "UPDATE task SET status = 'closed', actual_finish = ?1, progress = 100 WHERE id = ?2",
                rusqlite::params![done, id],
            )
            .unwrap();
    }
}

fn weekly_friday() -> FeedbackRule {
    FeedbackRule {
        mode: "weekly".into(),
        weekday: Some(5),
        forms: vec!["text".into(), "image".into()],
        ..Default::default()
    }
}

fn missing_dates(row: &diaodu_store::ReminderRow) -> Vec<&str> {
    row.item.missing.iter().map(|n| n.date.as_str()).collect()
}

#[test]
fn reminders_follow_the_working_calendar_across_the_national_day() {
    let mut f = setup();
    // Weekly on Fridays from Mon 2026-09-14, deadline Fri 10-16. 2026: 中秋
    // 9月25日（五）–27日 off, 国庆 10月1日–7日 off, 9月20日（日）and
    // 10月10日（六）make-up working days.
    let id = f.doc("order", f.branch, "2026-10-16", weekly_friday(), vec![]);
    f.sign_on(id, "2026-09-14 09:00:00");
    f.feedback("document", id, "2026-09-17");

    // Thu 09-24 is the effective day of the Friday-holiday node: due today.
    assert!(f.s.reminder_list_on(d(2026, 9, 24)).unwrap().is_empty());
    let alerts = f.s.today_alerts_on(d(2026, 9, 24)).unwrap();
    assert_eq!(alerts.due_today.len(), 1, "{:?}", alerts.lines);
    assert_eq!(alerts.due_today[0].target_id, id);
    // On the holiday itself the node is not yet missed: amber, not on the list.
    assert!(f.s.reminder_list_on(d(2026, 9, 25)).unwrap().is_empty());
    let sup =
        f.s.target_supervision_on("document", id, d(2026, 9, 25))
            .unwrap();
    assert_eq!(sup.item.as_ref().unwrap().due_state, "due_soon");
    let states: Vec<(&str, &str, &str)> = sup
        .nodes
        .iter()
        .map(|n| (n.date.as_str(), n.effective.as_str(), n.state))
        .collect();
    assert_eq!(
        states,
        vec![
            ("2026-09-18", "2026-09-18", "on_time"),
            ("2026-09-25", "2026-09-24", "pending"),
            ("2026-10-02", "2026-09-30", "pending"),
            ("2026-10-09", "2026-10-09", "pending"),
            ("2026-10-16", "2026-10-16", "pending"),
        ]
    );

    // Mon 09-28: missed, 1 working day overdue (the weekend and 中秋 do not count).
    let list = f.s.reminder_list_on(d(2026, 9, 28)).unwrap();
    assert_eq!(list.len(), 1);
    assert_eq!(missing_dates(&list[0]), vec!["2026-09-25"]);
    assert_eq!(list[0].item.overdue_days, 1);
    assert_eq!(list[0].item.due_state, "overdue");
    // Thu 10-08, after 国庆: two missed; 09-28, 09-29, 09-30, 10-08 = 4.
    let list = f.s.reminder_list_on(d(2026, 10, 8)).unwrap();
    assert_eq!(missing_dates(&list[0]), vec!["2026-09-25", "2026-10-02"]);
    assert_eq!(list[0].item.overdue_days, 4);
    // Sat 10-10: 09-28, 09-29, 09-30, 10-08, 10-09 and the make-up
    // Saturday itself = 6.
    assert_eq!(
        f.s.reminder_list_on(d(2026, 10, 10)).unwrap()[0]
            .item
            .overdue_days,
        6
    );

    // A late report (补报) on 10-09 clears both missed nodes and meets 10-09.
    f.feedback("document", id, "2026-10-09");
    assert!(f.s.reminder_list_on(d(2026, 10, 12)).unwrap().is_empty());
    let sup =
        f.s.target_supervision_on("document", id, d(2026, 10, 12))
            .unwrap();
    let states: Vec<&str> = sup.nodes.iter().map(|n| n.state).collect();
    assert_eq!(
        states,
        vec!["on_time", "late", "late", "on_time", "pending"]
    );
    // Mon 10-12 → deadline Fri 10-16 has 4 working days left: no light; Tue amber.
    assert_eq!(sup.item.unwrap().due_state, "none");
    let tue =
        f.s.target_supervision_on("document", id, d(2026, 10, 13))
            .unwrap();
    assert_eq!(tue.item.unwrap().due_state, "due_soon");
}

#[test]
fn a_make_up_saturday_is_a_feedback_node_of_a_working_day_rule() {
    let mut f = setup();
    // Every 2 working days from Wed 2026-02-11: 02-13, 02-24 (after 春节),
    // 02-26, Sat 02-28 (make-up working day), 03-03 …
    let id = f.doc(
        "order",
        f.branch,
        "2026-03-31",
        FeedbackRule {
            mode: "every_n_days".into(),
            every: Some(2),
            forms: vec!["text".into()],
            ..Default::default()
        },
        vec![],
    );
    f.sign_on(id, "2026-02-11 10:00:00");
    for day in ["2026-02-12", "2026-02-24", "2026-02-26"] {
        f.feedback("document", id, day);
    }
    // Sun 03-01: the Saturday node is missed, 0 working days overdue yet.
    let list = f.s.reminder_list_on(d(2026, 3, 1)).unwrap();
    assert_eq!(missing_dates(&list[0]), vec!["2026-02-28"]);
    assert_eq!(list[0].item.overdue_days, 0);
    assert_eq!(
        f.s.reminder_list_on(d(2026, 3, 2)).unwrap()[0]
            .item
            .overdue_days,
        1
    );
    // A report on the Saturday itself would have been on time.
    f.feedback("document", id, "2026-02-28");
    assert!(f.s.reminder_list_on(d(2026, 3, 2)).unwrap().is_empty());
}

#[test]
fn every_rule_mode_makes_its_nodes_and_the_deadline_closes_them() {
    let mut f = setup();
    let cases = [
        (FeedbackRule::default(), vec!["2026-03-20"]),
        (
            FeedbackRule {
                mode: "every_n_days".into(),
                every: Some(5),
                forms: vec!["text".into()],
                ..Default::default()
            },
            // From Mon 03-02: 03-09, 03-16; then the deadline 03-20.
            vec!["2026-03-09", "2026-03-16", "2026-03-20"],
        ),
        (
            weekly_friday(),
            // Fridays 03-06, 03-13; the deadline Friday 03-20 is the last node.
            vec!["2026-03-06", "2026-03-13", "2026-03-20"],
        ),
        (
            FeedbackRule {
                mode: "dates".into(),
                dates: vec!["2026-03-07".into(), "2026-03-18".into()],
                forms: vec!["text".into()],
                ..Default::default()
            },
            vec!["2026-03-07", "2026-03-18", "2026-03-20"],
        ),
    ];
    for (rule, want) in cases {
        let mode = rule.mode.clone();
        let id = f.doc("order", f.branch, "2026-03-20", rule, vec![]);
        f.sign_on(id, "2026-03-02 09:00:00");
        let sup =
            f.s.target_supervision_on("document", id, d(2026, 3, 2))
                .unwrap();
        let got: Vec<&str> = sup.nodes.iter().map(|n| n.date.as_str()).collect();
        assert_eq!(got, want, "mode {mode}");
        assert_eq!(sup.nodes.last().unwrap().kind, "deadline");
        // The Saturday date moves to Friday for the report.
        if mode == "dates" {
            assert_eq!(sup.nodes[0].effective, "2026-03-06");
        }
    }
    // A draft is not under supervision.
    let draft = f.doc("order", f.branch, "2026-03-20", weekly_friday(), vec![]);
    let sup =
        f.s.target_supervision_on("document", draft, d(2026, 3, 2))
            .unwrap();
    assert!(sup.item.is_none() && sup.nodes.is_empty());
}

#[test]
fn sending_a_reminder_numbers_it_freezes_it_and_audits_it() {
    let mut f = setup();
    let id = f.doc("order", f.branch, "2026-10-16", weekly_friday(), vec![]);
    f.sign_on(id, "2026-09-14 09:00:00");
    let year = chrono::Local::now().year();
    let r = f.s.send_reminder(&f.admin, "document", id).unwrap();
    assert_eq!(r.number, format!("晋源党调催〔{year}〕1号"));
    assert_eq!(r.unit_name.as_deref(), Some("综采一队党支部"));
    assert!(
        r.content.missing.contains("9月25日"),
        "{}",
        r.content.missing
    );
    assert!(
        r.content.missing.contains("尚未报告办结"),
        "{}",
        r.content.missing
    );
    let r2 = f.s.send_reminder(&f.admin, "document", id).unwrap();
    assert_eq!(r2.number, format!("晋源党调催〔{year}〕2号"));
    // The list shows both with the record.
    let list = f.s.reminder_list().unwrap();
    assert_eq!(list[0].reminders.len(), 2);
    let audit =
        f.s.list_audit(&AuditFilter {
            entity: Some("reminder".into()),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(audit.total, 2);
    assert!(audit.rows[0].summary.contains("催办通知单"));
    // The printed notice is made from the frozen content.
    let doc = f.s.reminder_document(r.id).unwrap();
    assert_eq!(doc.number.as_deref(), Some(r.number.as_str()));
    assert_eq!(doc.addressees, "综采一队党支部");
    // Nothing missing → refused; a viewer may not send.
    let done = f.doc(
        "notice",
        f.dept,
        "2099-12-31",
        FeedbackRule::default(),
        vec![],
    );
    f.sign_on(done, "2026-09-14 09:00:00");
    assert_eq!(
        f.s.send_reminder(&f.admin, "document", done)
            .unwrap_err()
            .code,
        ErrorCode::Conflict
    );
    let viewer =
        f.s.create_user(&f.admin, "viewer", "查看员", "viewer", "Viewer#2026")
            .unwrap()
            .actor();
    assert_eq!(
        f.s.send_reminder(&viewer, "document", id).unwrap_err().code,
        ErrorCode::Forbidden
    );
}

#[test]
fn supervision_records_are_checked_listed_and_audited() {
    let mut f = setup();
    let id = f.doc("order", f.branch, "2026-10-16", weekly_friday(), vec![]);
    f.sign_on(id, "2026-09-14 09:00:00");
    let rec =
        f.s.create_supervision(
            &f.admin,
            &SupervisionInput {
                target_kind: Some("document".into()),
                target_id: Some(id),
                supervised_on: "2026-09-21".into(),
                method: "现场".into(),
                supervisor: "赵敏".into(),
                findings: "台账不全".into(),
                result: "限期补齐".into(),
                ..Default::default()
            },
        )
        .unwrap();
    // The unit defaults to the order's responsible unit.
    assert_eq!(rec.unit_id, Some(f.branch));
    assert_eq!(rec.method, "onsite");
    assert!(rec.target_label.contains("报送支部自查报告"));
    let bad =
        |s: &mut Store, a: &Actor, i: SupervisionInput| s.create_supervision(a, &i).unwrap_err();
    let base = SupervisionInput {
        unit_id: Some(f.dept),
        supervised_on: "2026-09-21".into(),
        method: "phone".into(),
        supervisor: "赵敏".into(),
        ..Default::default()
    };
    let e = bad(
        &mut f.s,
        &f.admin,
        SupervisionInput {
            supervised_on: "2099-01-01".into(),
            ..base.clone()
        },
    );
    assert_eq!(e.field.as_deref(), Some("supervisedOn"));
    let e = bad(
        &mut f.s,
        &f.admin,
        SupervisionInput {
            method: "信函".into(),
            ..base.clone()
        },
    );
    assert_eq!(e.field.as_deref(), Some("method"));
    assert!(e.message.contains("现场、电话、会议或平台"));
    let e = bad(
        &mut f.s,
        &f.admin,
        SupervisionInput {
            unit_id: None,
            ..base.clone()
        },
    );
    assert_eq!(e.field.as_deref(), Some("unitId"));
    let e = bad(
        &mut f.s,
        &f.admin,
        SupervisionInput {
            supervisor: " ".into(),
            ..base.clone()
        },
    );
    assert_eq!(e.field.as_deref(), Some("supervisor"));
    let viewer =
        f.s.create_user(&f.admin, "viewer", "查看员", "viewer", "Viewer#2026")
            .unwrap()
            .actor();
    assert_eq!(
        bad(&mut f.s, &viewer, base.clone()).code,
        ErrorCode::Forbidden
    );
    f.s.create_supervision(&f.admin, &base).unwrap();
    let on_order =
        f.s.list_supervisions(&SupervisionFilter {
            target_kind: Some("document".into()),
            target_id: Some(id),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(on_order.len(), 1);
    assert_eq!(f.s.list_supervisions(&Default::default()).unwrap().len(), 2);
    let by_unit =
        f.s.list_supervisions(&SupervisionFilter {
            unit_id: Some(f.dept),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(by_unit.len(), 1);
    let audit =
        f.s.list_audit(&AuditFilter {
            entity: Some("supervision".into()),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(audit.total, 2);
}

fn meeting(kind: &str, on: &str) -> MeetingInput {
    MeetingInput {
        kind: kind.into(),
        held_on: on.into(),
        start_time: "08:30".into(),
        place: "党建调度室".into(),
        chair: "关主任".into(),
        attendees: "关主任、赵敏".into(),
        agenda: "通报上周工作".into(),
        notes: String::new(),
    }
}

fn plan_with_stage(f: &mut Fx, start: NaiveDate) -> (i64, i64) {
    let plan =
        f.s.create_plan(
            &f.admin,
            &PlanInput {
                title: "支部标准化建设专项行动".into(),
                kind: "special".into(),
                start: start.to_string(),
                ..Default::default()
            },
        )
        .unwrap();
    let stage =
        f.s.create_task(
            &f.admin,
            &TaskInput {
                plan_id: plan.id,
                kind: "stage".into(),
                name: "自查阶段".into(),
                ..Default::default()
            },
        )
        .unwrap();
    (plan.id, stage)
}

#[test]
fn a_decision_becomes_an_order_or_a_task_in_one_step() {
    let mut f = setup();
    let today = chrono::Local::now().date_naive();
    let bad =
        f.s.create_meeting(
            &f.admin,
            &meeting("regular", &today.to_string()),
            &[
                DecisionInput {
                    text: "综采一队党支部补齐台账".into(),
                    unit_id: Some(f.branch),
                    deadline: None,
                },
                DecisionInput {
                    text: "组织部开展检查".into(),
                    unit_id: Some(9999),
                    deadline: None,
                },
            ],
        )
        .unwrap_err();
    assert!(bad.message.starts_with("第2条议定事项"), "{}", bad.message);
    assert!(f.s.list_meetings(&Default::default()).unwrap().is_empty());
    let e =
        f.s.create_meeting(
            &f.admin,
            &MeetingInput {
                kind: "x".into(),
                ..meeting("regular", "2026-03-02")
            },
            &[],
        )
        .unwrap_err();
    assert_eq!(e.field.as_deref(), Some("kind"));

    let deadline = (today + Duration::days(20)).to_string();
    let m =
        f.s.create_meeting(
            &f.admin,
            &meeting("regular", &today.to_string()),
            &[
                DecisionInput {
                    text: "综采一队党支部十日内补齐“三会一课”记录。".into(),
                    unit_id: Some(f.branch),
                    deadline: Some(deadline.clone()),
                },
                DecisionInput {
                    text: "党委组织部牵头开展支部书记述职评议".into(),
                    unit_id: Some(f.dept),
                    deadline: Some(deadline.clone()),
                },
                DecisionInput {
                    text: "录入有误的一条".into(),
                    ..Default::default()
                },
            ],
        )
        .unwrap();
    assert_eq!(m.decisions.len(), 3);
    assert_eq!(m.kind_label, "党建调度例会");

    let (m2, order) =
        f.s.decision_to_doc(&f.admin, m.decisions[0].id, &DecisionDocInput::default())
            .unwrap();
    assert_eq!(order.kind, "order");
    assert_eq!(order.status, "draft");
    assert_eq!(order.target_unit_id, f.branch);
    assert_eq!(order.deadline.as_deref(), Some(deadline.as_str()));
    assert_eq!(order.content, "综采一队党支部十日内补齐“三会一课”记录。");
    assert_eq!(order.feedback_rule.mode, "weekly");
    assert!(
        order.title.starts_with("关于综采一队党支部十日内补齐"),
        "{}",
        order.title
    );
    assert_eq!(m2.decisions[0].doc_id, Some(order.id));
    assert_eq!(m2.decisions[0].doc_status.as_deref(), Some("draft"));
    assert_eq!(
        f.s.decision_to_doc(&f.admin, m.decisions[0].id, &DecisionDocInput::default())
            .unwrap_err()
            .code,
        ErrorCode::Conflict
    );

    let (plan, stage) = plan_with_stage(&mut f, today - Duration::days(5));
    let m3 =
        f.s.decision_to_task(
            &f.admin,
            m.decisions[1].id,
            &DecisionTaskInput {
                plan_id: plan,
                parent_id: Some(stage),
                ..Default::default()
            },
        )
        .unwrap();
    let task_id = m3.decisions[1].task_id.unwrap();
    let chart = f.s.chart(plan, None).unwrap();
    let task = chart.tasks.iter().find(|t| t.id == task_id).unwrap();
    assert_eq!(task.name, "党委组织部牵头开展支部书记述职评议");
    assert_eq!(task.parent_id, Some(stage));
    assert_eq!(task.lead_unit_id, Some(f.dept));
    assert_eq!(task.deadline.as_deref(), Some(deadline.as_str()));
    assert_eq!(
        m3.decisions[1].plan_title.as_deref(),
        Some("支部标准化建设专项行动")
    );

    // The task's and the order's paths begin with the meeting decision.
    let events = f.s.timeline("task", task_id).unwrap();
    assert_eq!(events[0].kind, "decision", "{events:#?}");
    assert_eq!(events[0].at, m.held_on);
    assert!(
        events[0].title.ends_with("党建调度例会 议定事项第2项"),
        "{}",
        events[0].title
    );
    assert_eq!(events[0].detail, "党委组织部牵头开展支部书记述职评议");
    assert_eq!(events[0].link_kind.as_deref(), Some("meeting"));
    assert_eq!(events[0].link_id, Some(m.id));
    assert_eq!(events[1].kind, "plan");
    let events = f.s.timeline("document", order.id).unwrap();
    let decisions: Vec<&str> = events
        .iter()
        .filter(|e| e.kind == "decision")
        .map(|e| e.detail.as_str())
        .collect();
    assert_eq!(decisions, vec!["综采一队党支部十日内补齐“三会一课”记录。"]);

    // A linked decision stays; an unlinked one can be removed.
    assert_eq!(
        f.s.remove_decision(&f.admin, m.decisions[0].id)
            .unwrap_err()
            .code,
        ErrorCode::Conflict
    );
    let m4 = f.s.remove_decision(&f.admin, m.decisions[2].id).unwrap();
    assert_eq!(m4.decisions.len(), 2);
    // A meeting with linked decisions cannot be cancelled.
    assert_eq!(
        f.s.cancel_meeting(&f.admin, m.id, "改期").unwrap_err().code,
        ErrorCode::Conflict
    );
}

#[test]
fn stage_summary_is_drafted_from_the_records_edited_and_numbered_at_issue() {
    let mut f = setup();
    let today = chrono::Local::now().date_naive();
    let (plan, stage) = plan_with_stage(&mut f, today - Duration::days(70));
    let task = |f: &mut Fx, name: &str, deadline: NaiveDate, finish: Option<NaiveDate>| {
        let id =
            f.s.create_task(
                &f.admin,
                &TaskInput {
                    plan_id: plan,
                    parent_id: Some(stage),
                    kind: "task".into(),
                    name: name.into(),
                    lead_unit_id: Some(f.branch),
                    start: Some((today - Duration::days(70)).to_string()),
                    deadline: Some(deadline.to_string()),
                    ..Default::default()
                },
            )
            .unwrap();
        if let Some(done) = finish {
            f.close_task(id, &done.to_string());
        }
        id
    };
    task(
        &mut f,
        "摸底登记",
        today - Duration::days(40),
        Some(today - Duration::days(42)),
    );
    task(
        &mut f,
        "档案核查",
        today - Duration::days(30),
        Some(today - Duration::days(24)),
    );
    task(&mut f, "自查报告", today - Duration::days(10), None);
    let stages = f.s.list_summary_stages().unwrap();
    assert_eq!(stages.len(), 1);
    assert!(stages[0].summaries.is_empty());

    let s = f.s.generate_summary(&f.admin, plan, Some(stage)).unwrap();
    assert_eq!(s.status, "draft");
    assert!(s.number.is_none());
    assert_eq!(
        s.title,
        "关于《支部标准化建设专项行动》自查阶段工作情况的通报"
    );
    for needle in [
        "本阶段共安排任务3项，按时完成1项，逾期完成1项，尚未完成1项",
        "二、按时完成的任务",
        "1.摸底登记（综采一队党支部，",
        "档案核查（综采一队党支部，完成时限",
        "自查报告（综采一队党支部，完成时限",
        "五、各单位完成及时率",
        "1.综采一队党支部：应办节点3个，按时1个，逾期1个，缺报1个，及时率33.3%。",
    ] {
        assert!(s.body.contains(needle), "{needle} not in\n{}", s.body);
    }
    assert_eq!(s.figures["onTime"].as_array().unwrap().len(), 1);

    let edited =
        f.s.update_summary(
            &f.admin,
            s.id,
            &SummaryEdit {
                title: s.title.clone(),
                addressees: "各基层党支部".into(),
                body: format!("{}\n七、其他\n请各单位认真对照。", s.body),
            },
        )
        .unwrap();
    assert!(edited.body.ends_with("请各单位认真对照。"));
    let e =
        f.s.update_summary(
            &f.admin,
            s.id,
            &SummaryEdit {
                body: " ".into(),
                ..Default::default()
            },
        )
        .unwrap_err();
    assert_eq!(e.field.as_deref(), Some("title"));

    // Issuing: a 签发人 with the password; gap-free numbers of the year.
    assert_eq!(
        f.s.issue_summary(&f.admin, s.id, "wrong").unwrap_err().code,
        ErrorCode::Validation
    );
    let year = today.year();
    let issued = f.s.issue_summary(&f.signer, s.id, "Signer#2026").unwrap();
    assert_eq!(issued.number, Some(format!("晋源党调通报〔{year}〕1号")));
    assert_eq!(issued.issuer_name.as_deref(), Some("关主任"));
    assert_eq!(
        f.s.update_summary(
            &f.admin,
            s.id,
            &SummaryEdit {
                title: "x".into(),
                body: "y".into(),
                ..Default::default()
            }
        )
        .unwrap_err()
        .code,
        ErrorCode::Conflict
    );
    let s2 = f.s.generate_summary(&f.admin, plan, Some(stage)).unwrap();
    // Withdrawing an issued bulletin is the signer's act: a dispatcher is
    // refused, a signer with a wrong password too (and it is audited).
    let dispatcher =
        f.s.create_user(&f.admin, "disp", "调度员乙", "dispatcher", "Disp#20260")
            .unwrap()
            .actor();
    let e =
        f.s.withdraw_summary(&dispatcher, issued.id, "数据有误", "Disp#20260")
            .unwrap_err();
    assert_eq!(e.code, ErrorCode::Forbidden);
    assert_eq!(
        e.message,
        "撤回已印发的通报须由签发人或管理员办理，当前角色“调度员”无权办理"
    );
    let e =
        f.s.withdraw_summary(&f.signer, issued.id, "数据有误", "wrong-pass")
            .unwrap_err();
    assert_eq!(
        (e.field.as_deref(), e.message.as_str()),
        (Some("password"), "密码不正确")
    );
    assert_eq!(f.s.get_summary(issued.id).unwrap().status, "issued");
    let failed =
        f.s.list_audit(&AuditFilter {
            action: Some("auth_fail".into()),
            ..Default::default()
        })
        .unwrap();
    // Newest first: the signer's withdrawal, then the admin's issuing above.
    assert_eq!(failed.rows.len(), 2);
    assert!(failed.rows[1].summary.starts_with("印发通报：账号“admin”"));
    assert_eq!(
        (
            failed.rows[0].username.as_str(),
            failed.rows[0].summary.as_str()
        ),
        (
            "signer",
            "撤回已印发的通报：账号“signer”密码错误（连续第1次）"
        )
    );
    f.s.withdraw_summary(&f.admin, issued.id, "数据有误", ADMIN_PASSWORD)
        .unwrap();
    let s2 = f.s.issue_summary(&f.signer, s2.id, "Signer#2026").unwrap();
    assert_eq!(s2.number, Some(format!("晋源党调通报〔{year}〕2号")));

    // Read out at a meeting: only an issued bulletin, once.
    let m =
        f.s.create_meeting(&f.admin, &meeting("mine", &today.to_string()), &[])
            .unwrap();
    let draft = f.s.generate_summary(&f.admin, plan, None).unwrap();
    assert_eq!(
        f.s.record_bulletin_read(&f.admin, m.id, draft.id)
            .unwrap_err()
            .field
            .as_deref(),
        Some("summaryId")
    );
    let m = f.s.record_bulletin_read(&f.admin, m.id, s2.id).unwrap();
    assert_eq!(m.bulletins.len(), 1);
    assert_eq!(f.s.get_summary(s2.id).unwrap().read_at.len(), 1);
    assert_eq!(
        f.s.record_bulletin_read(&f.admin, m.id, s2.id)
            .unwrap_err()
            .code,
        ErrorCode::Conflict
    );
    // The printed form carries the number and the headings.
    let doc = f.s.summary_document(s2.id).unwrap();
    assert_eq!(doc.number, s2.number);
    assert_eq!(doc.issuer_heading.suffix, "通报");
    assert!(doc.body.iter().any(|p| p.text() == "一、总体完成情况"));
}

#[test]
fn annual_figures_count_exactly_the_records() {
    let mut f = setup();
    let y = 2025;
    // Meetings: 2 regular + 1 mine held in 2025; one cancelled, one in 2024,
    // one planned after the counting day — none of those three count.
    for (kind, on) in [
        ("regular", "2025-03-03"),
        ("regular", "2025-03-10"),
        ("mine", "2025-03-28"),
        ("regular", "2024-12-30"),
        ("regular", "2025-12-29"),
    ] {
        f.s.create_meeting(
            &f.admin,
            &meeting(kind, on),
            &[DecisionInput {
                text: "补齐台账".into(),
                ..Default::default()
            }],
        )
        .unwrap();
    }
    let c =
        f.s.create_meeting(&f.admin, &meeting("regular", "2025-03-17"), &[])
            .unwrap();
    f.s.cancel_meeting(&f.admin, c.id, "与矿大调度会合并")
        .unwrap();

    // Supervision: 3 branch + 1 department in 2025, 1 branch in 2024.
    for (unit, on) in [
        (f.branch, "2025-04-01"),
        (f.branch, "2025-05-06"),
        (f.branch, "2025-11-20"),
        (f.dept, "2025-06-02"),
        (f.branch, "2024-11-20"),
    ] {
        f.s.create_supervision(
            &f.admin,
            &SupervisionInput {
                unit_id: Some(unit),
                supervised_on: on.into(),
                method: "onsite".into(),
                supervisor: "赵敏".into(),
                ..Default::default()
            },
        )
        .unwrap();
    }

    // Documents signed in 2025: notice N1 (tasks t1, t2), order A (t2, to
    // the branch, deadline passed, never done), notice N2 (no task, to the
    // department, done on time), order B (t3) withdrawn, and a draft.
    let (plan, stage) = plan_with_stage(&mut f, d(2025, 3, 3));
    let mut tasks = Vec::new();
    for name in ["摸底", "核查", "整改"] {
        tasks.push(
            f.s.create_task(
                &f.admin,
                &TaskInput {
                    plan_id: plan,
                    parent_id: Some(stage),
                    kind: "task".into(),
                    name: name.into(),
                    lead_unit_id: Some(f.branch),
                    ..Default::default()
                },
            )
            .unwrap(),
        );
    }
    // The tasks are done on the last day of the plan's first week: their
    // scheduled finishes (their nodes) are met. (Closed tasks count on time.)
    for t in &tasks {
        f.close_task(*t, "2025-03-03");
    }
    let none = FeedbackRule::default();
    let n1 = f.doc(
        "notice",
        f.dept,
        "2025-12-31",
        none.clone(),
        vec![tasks[0], tasks[1]],
    );
    f.sign_on(n1, "2025-03-04 09:00:00");
    let a = f.doc(
        "order",
        f.branch,
        "2025-06-30",
        none.clone(),
        vec![tasks[1]],
    );
    f.sign_on(a, "2025-06-02 09:00:00");
    let n2 = f.doc("notice", f.dept, "2025-07-31", none.clone(), vec![]);
    f.sign_on(n2, "2025-07-01 09:00:00");
    f.s.receive_doc(&f.admin, n2, "李明", "2025-07-02").unwrap();
    f.s.complete_doc(&f.admin, n2, "2025-07-30").unwrap();
    let b = f.doc(
        "order",
        f.branch,
        "2025-08-31",
        none.clone(),
        vec![tasks[2]],
    );
    f.sign_on(b, "2025-08-01 09:00:00");
    f.s.withdraw_doc(&f.admin, b, "任务调整", ADMIN_PASSWORD)
        .unwrap();
    f.doc("order", f.branch, "2025-08-31", none, vec![]);

    // One reminder to the branch for order A, sent (fixture) in 2025.
    let r = f.s.send_reminder(&f.admin, "document", a).unwrap();
    f.sql()
        .execute(
            "UPDATE reminder SET year = 2025, sent_on = '2025-07-02' WHERE id = ?1",
            [r.id],
        )
        .unwrap();

    // Feedback: three in 2025, one in 2024.
    for on in ["2025-03-10", "2025-04-10", "2025-12-01", "2024-12-01"] {
        f.feedback("document", n1, on);
    }
    // Rectifications: three raised in 2025 (one closed 2025-05-01, one
    // verified, one open), one raised in 2024 and closed in 2025.
    let sql = f.sql();
    for (created, status, closed) in [
        ("2025-02-01 09:00:00", "closed", Some("2025-05-01")),
        ("2025-03-01 09:00:00", "verified", None),
        ("2025-04-01 09:00:00", "open", None),
        ("2024-12-01 09:00:00", "closed", Some("2025-01-10")),
    ] {
        sql.execute(
            "INSERT INTO rectification (source, problem, item_name, unit_id, person_name, deadline, status,
             closed_on, created_at, updated_at) VALUES ('inspection', '台账不全', '补齐台账', ?1, '李明',
             '2025-12-31', ?2, ?3, ?4, ?4)",
            rusqlite::params![f.branch, status, closed, created],
        )
        .unwrap();
    }

    let s = f.s.annual_stats_on(y, d(2025, 12, 15)).unwrap();
    assert_eq!(s.dispatch_meetings, 3);
    assert_eq!((s.regular_meetings, s.mine_meetings), (2, 1));
    assert_eq!(s.meeting_decisions, 3);
    assert_eq!(s.supervision_records, 4);
    assert_eq!(s.branch_supervision_records, 3);
    assert_eq!(s.reminders_sent, 1);
    assert_eq!(s.branch_reminders, 1);
    assert_eq!(s.branch_supervisions, 4);
    assert_eq!(s.orders_issued, 1);
    assert_eq!(s.notices_issued, 2);
    // {t1, t2} from N1 and A (B was withdrawn) are tasks of a 专项 plan: no
    // 重点 task; documents without tasks count for none (issue 14).
    assert_eq!(s.key_tasks_dispatched, 0);
    let kinds = s.by_dispatch_kind.as_ref().unwrap();
    assert_eq!(kinds.special.key_tasks_dispatched, 2);
    assert_eq!(kinds.key.key_tasks_dispatched, 0);
    assert_eq!(s.feedback_received, 3);
    assert_eq!(s.rectifications_opened, 3);
    assert_eq!(s.rectifications_closed, 2);
    // Branch: order A's deadline 06-30 missed → 0 of 1 … plus its three
    // tasks, all met → 3 of 4. Department: N2 on time, N1 not yet due → 1 of 1.
    assert_eq!(s.on_time_rate_by_unit.get("党委组织部"), Some(&1.0));
    assert_eq!(s.on_time_rate_by_unit.get("综采一队党支部"), Some(&0.75));
    assert_eq!(s.on_time_rate_by_unit.len(), 2);
    assert_eq!(s.months[2].meetings, 3);
    assert_eq!(s.months[5].supervisions, 1);
    // The same figures go to paper and to a workbook.
    let xlsx = f.s.annual_xlsx(y).unwrap();
    let tables = diaodu_sheets::read_workbook(&xlsx).unwrap();
    let names: Vec<&str> = tables.iter().map(|t| t.sheet.as_str()).collect();
    assert_eq!(&names[..3], ["年度工作数字", "各单位按时率", "分月情况"]);
    // The per-unit sheet: header found under the title, the rate a number
    // Excel can sort (0.75, shown as 75.0%), the counts numbers too.
    let units = &tables[1];
    let head = units
        .find_header(&[&["单位"], &["应办节点"], &["按时率"]], 3)
        .expect("header row");
    let row = units.rows[head.row_index + 1..]
        .iter()
        .find(|r| r.cells.iter().any(|c| c.text() == "综采一队党支部"))
        .expect("the branch's row");
    let at = |i: usize| row.get(head.columns[i].unwrap()).clone();
    assert_eq!(at(1), diaodu_sheets::Value::Number(4.0));
    assert_eq!(at(2), diaodu_sheets::Value::Number(0.75));
    assert!(units.rows[0].cells[0].text().contains("各单位按时率"));
}

#[test]
fn the_sample_has_a_year_of_supervision_work() {
    let (_dir, mut s, a) = common::admin_store();
    let t0 = std::time::Instant::now();
    let r = s.load_sample(&a).unwrap();
    eprintln!("sample load: {:?}, {:?}", t0.elapsed(), r.supervision);
    assert!(r.supervision.meetings >= 60, "{:?}", r.supervision);
    assert!(r.supervision.supervisions >= 100, "{:?}", r.supervision);
    assert!(r.supervision.documents >= 10, "{:?}", r.supervision);
    assert_eq!(r.supervision.reminders, 1);
    assert_eq!(r.supervision.summaries, 1);
    // The reminder list has the two recent orders whose periodic reports
    // are missing, red, one already reminded (the sample plan's own orders
    // may be there too: some deadlines have passed).
    let list = s.reminder_list().unwrap();
    let missing_reports: Vec<_> = list
        .iter()
        .filter(|r| r.item.doc_kind.as_deref() == Some("order"))
        .filter(|r| r.item.missing.iter().any(|n| n.kind == "feedback"))
        .collect();
    assert_eq!(
        missing_reports.len(),
        2,
        "{:?}",
        list.iter().map(|r| &r.item.title).collect::<Vec<_>>()
    );
    assert!(missing_reports
        .iter()
        .all(|r| r.item.due_state == "overdue"));
    assert_eq!(
        missing_reports
            .iter()
            .map(|r| r.reminders.len())
            .sum::<usize>(),
        1
    );
    let docs = s.list_docs(&Default::default()).unwrap();
    assert!(docs
        .iter()
        .any(|d| d.kind == "order" && d.due_state == "overdue"));
    // The summary was issued and read out; the dashboard and figures work.
    let sums = s.list_summaries().unwrap();
    assert_eq!(sums.len(), 1);
    assert!(sums[0].number.is_some() && !sums[0].read_at.is_empty());
    let dash = s.dashboard().unwrap();
    assert!(!dash.overdue.is_empty());
    assert!(!dash.units.is_empty());
    let year = chrono::Local::now().year();
    let stats = s.annual_stats(year).unwrap();
    assert!(stats.dispatch_meetings > 0 && stats.supervision_records > 0);
    // The JSON export carries the year of supervision work too.
    let e = s.export_json().unwrap();
    assert_eq!(
        e["meetings"].as_array().unwrap().len(),
        r.supervision.meetings
    );
    assert_eq!(
        e["supervisionRecords"].as_array().unwrap().len(),
        r.supervision.supervisions
    );
    assert_eq!(e["reminders"].as_array().unwrap().len(), 1);
    assert_eq!(e["summaries"].as_array().unwrap().len(), 1);
    // Numbers stay gap-free per year.
    for kind in ["order", "notice"] {
        let mut seqs: Vec<i64> = docs
            .iter()
            .filter(|d| d.kind == kind)
            .filter_map(|d| d.number.as_ref())
            .filter(|n| n.contains(&format!("〔{year}〕")))
            .map(|n| {
                n.rsplit('〕')
                    .next()
                    .unwrap()
                    .trim_end_matches('号')
                    .parse()
                    .unwrap()
            })
            .collect();
        seqs.sort();
        assert_eq!(seqs, (1..=seqs.len() as i64).collect::<Vec<_>>(), "{kind}");
    }
}

#[test]
fn an_ended_stage_gets_its_draft_without_being_asked() {
    let mut f = setup();
    let today = chrono::Local::now().date_naive();
    let (plan, stage) = plan_with_stage(&mut f, today - Duration::days(30));
    let task = |f: &mut Fx, name: &str, days: i64| {
        f.s.create_task(
            &f.admin,
            &TaskInput {
                plan_id: plan,
                parent_id: Some(stage),
                kind: "task".into(),
                name: name.into(),
                lead_unit_id: Some(f.branch),
                start: Some((today - Duration::days(30)).to_string()),
                deadline: Some((today + Duration::days(days)).to_string()),
                duration: Some(40),
                ..Default::default()
            },
        )
        .unwrap()
    };
    let a = task(&mut f, "摸底登记", 20);
    let b = task(&mut f, "档案核查", 25);
    // Under way: nothing is drafted.
    f.close_task(a, &(today - Duration::days(2)).to_string());
    assert!(f.s.draft_ended_stages(today).unwrap().is_empty());
    // Its last task closed, the stage has ended: one draft, by the app.
    f.close_task(b, &(today - Duration::days(1)).to_string());
    let drafts = f.s.draft_ended_stages(today).unwrap();
    assert_eq!(drafts.len(), 1);
    let d = &drafts[0];
    assert_eq!(d.status, "draft");
    assert!(d.auto_drafted);
    assert_eq!(d.stage_id, Some(stage));
    assert!(d.title.contains("自查阶段"), "{}", d.title);
    assert!(
        d.body.contains("摸底登记") || d.body.contains("按时完成"),
        "{}",
        d.body
    );
    // Once drafted, never again, even when the draft is withdrawn.
    assert!(f.s.draft_ended_stages(today).unwrap().is_empty());
    f.s.withdraw_summary(&f.admin, d.id, "与上月通报合并", ADMIN_PASSWORD)
        .unwrap();
    assert!(f.s.draft_ended_stages(today).unwrap().is_empty());
    // A draft asked for by a person is not marked as the app's.
    let mine = f.s.generate_summary(&f.admin, plan, Some(stage)).unwrap();
    assert!(!mine.auto_drafted);
    let audit = f.s.list_audit(&Default::default()).unwrap();
    assert!(audit.rows.iter().any(|r| r.entity == "summary"
        && r.username == "系统"
        && r.summary.contains("生成阶段总结草稿")));
}
