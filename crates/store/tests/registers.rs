//! The registers beside the loop: visits to assistance points and what became
//! of each problem, the emergency log with the leader on duty from the
//! roster, the duties register, the archive with its search and the plans
//! that cite it, and the handover's items added later and finished with
//! the dispatcher's own note.
mod common;

use chrono::{Duration, NaiveDate};
use common::{days_ago, office, today, Office};
use diaodu_store::assessment::{HandoverInput, LeaderDutyInput, ShiftInput};
use diaodu_store::registers::NotifiedInput;
use diaodu_store::{
    ArchiveFilter, ArchiveInput, AttachmentRef, AuditFilter, EmergencyFilter, EmergencyInput,
    ErrorCode, PersonInput, PlanInput, PostDutyFilter, PostDutyInput, ProblemSolvedInput,
    ProblemToRectification, ProblemToTask, SourceDocument, UnitInput, VerificationInput,
    VisitFilter, VisitInput,
};

struct Leaders {
    a: i64,
    b: i64,
    c: i64,
    point: i64,
}

fn leaders(o: &mut Office) -> Leaders {
    let committee =
        o.s.create_unit(
            &o.admin,
            &UnitInput {
                name: "晋源煤矿党委".into(),
                kind: "committee".into(),
                ..Default::default()
            },
        )
        .unwrap()
        .id;
    let mut person = |name: &str, title: &str| {
        o.s.create_person(
            &o.admin,
            &PersonInput {
                name: name.into(),
                unit_id: committee,
                title: title.into(),
                phone: "13935501234".into(),
                roles: vec!["leader".into()],
                ..Default::default()
            },
        )
        .unwrap()
        .id
    };
    let a = person("赵建军", "党委书记");
    let b = person("钱志强", "矿长");
    let c = person("孙晓东", "纪委书记");
    let point =
        o.s.create_assistance_point(&o.admin, a, o.unit, "")
            .unwrap()
            .id;
    Leaders { a, b, c, point }
}

fn audit_count(o: &Office, entity: &str) -> i64 {
    o.s.list_audit(&AuditFilter {
        entity: Some(entity.into()),
        limit: Some(500),
        ..Default::default()
    })
    .unwrap()
    .total
}

/// The next working day on or after `d` (rectification deadlines).
fn workday(d: NaiveDate) -> String {
    diaodu_schedule::WorkCalendar::statutory()
        .working_on_or_after(d)
        .unwrap()
        .to_string()
}

#[test]
fn a_visit_keeps_its_problems_and_each_becomes_a_task_an_item_or_solved_on_the_spot() {
    let mut o = office();
    let l = leaders(&mut o);
    let on = days_ago(20);
    let v =
        o.s.create_visit(
            &o.dispatcher,
            &VisitInput {
                point_id: l.point,
                visited_on: on.clone(),
                leader_id: None,
                summary: "参加主题党日，查看支部台账。".into(),
                problems: vec![
                    "党员活动室电脑无法登录平台".into(),
                    "  ".into(),
                    "支部台账缺少佐证照片".into(),
                    "困难党员慰问名单未公示".into(),
                ],
            },
        )
        .unwrap();
    // The point's leader visited; blank lines are not problems.
    assert_eq!(v.leader_id, l.a);
    assert_eq!(v.branch_name, "综采一队党支部");
    assert_eq!(v.problem_count, 3);
    assert!(v.problems.iter().all(|p| p.outcome == "pending"));
    let (p1, p2, p3) = (v.problems[0].id, v.problems[1].id, v.problems[2].id);

    // One step: a task in this year's plan of visit problems, led by the branch.
    let deadline =
        workday(NaiveDate::parse_from_str(&today(), "%Y-%m-%d").unwrap() + Duration::days(20));
    let v =
        o.s.problem_to_task(
            &o.dispatcher,
            &ProblemToTask {
                problem_id: p1,
                deadline: deadline.clone(),
                ..Default::default()
            },
        )
        .unwrap();
    let task = v.problems[0].task_id.expect("linked to its task");
    assert_eq!(v.problems[0].outcome_label, "转为任务");
    assert!(!v.problems[0].solved);
    let plan_id = o.s.task_plan_id(task).unwrap();
    let plan = o.s.get_plan(plan_id).unwrap();
    assert!(plan.title.ends_with("帮扶点问题交办事项"), "{}", plan.title);
    let chart = o.s.chart(plan_id, None).unwrap();
    let t = chart.tasks.iter().find(|t| t.id == task).unwrap();
    assert_eq!(t.lead_unit_id, Some(o.unit));
    assert!(t.name.contains("党员活动室电脑"));
    // … and the task's timeline begins with the visit.
    let events = o.s.timeline("task", task).unwrap();
    assert_eq!(events[0].kind, "visit");
    assert_eq!(events[0].link_kind.as_deref(), Some("visit"));
    assert_eq!(events[0].link_id, Some(v.id));
    assert!(events[0].title.contains("赵建军走访综采一队党支部"));

    // One step: a rectification item whose source is the visit.
    let v =
        o.s.problem_to_rectification(
            &o.dispatcher,
            &ProblemToRectification {
                problem_id: p2,
                item_name: "补齐台账佐证照片".into(),
                person_name: "王书记".into(),
                deadline: deadline.clone(),
                unit_id: None,
            },
        )
        .unwrap();
    let rid = v.problems[1].rectification_id.unwrap();
    let r = o.s.get_rectification(rid).unwrap();
    assert_eq!(r.source_label, "帮扶走访");
    assert_eq!(
        r.source_ref.as_deref(),
        Some(format!("visit:{}", v.id).as_str())
    );
    assert_eq!(r.unit_id, o.unit);
    assert_eq!(r.problem, "支部台账缺少佐证照片");
    assert_eq!(v.problems[1].progress_label, "整改中");

    // Solved on the spot, with what was done.
    let v =
        o.s.solve_problem_onsite(
            &o.dispatcher,
            &ProblemSolvedInput {
                problem_id: p3,
                solved_on: on.clone(),
                solution: "现场召开支委会研究并公示".into(),
            },
        )
        .unwrap();
    assert!(v.problems[2].solved);
    assert_eq!(v.solved_count, 1);

    // A problem is dealt with once.
    let again =
        o.s.problem_to_rectification(
            &o.dispatcher,
            &ProblemToRectification {
                problem_id: p1,
                item_name: "x".into(),
                person_name: "y".into(),
                deadline: deadline.clone(),
                unit_id: None,
            },
        )
        .unwrap_err();
    assert_eq!(again.code, ErrorCode::Conflict);
    assert!(again.message.contains("已转为任务"));

    // Closing the item out solves its problem; the annual figures count it.
    o.s.verify_rectification(
        &o.dispatcher,
        rid,
        &VerificationInput {
            verified_by: "关主任".into(),
            verified_on: today(),
            result: "pass".into(),
            note: String::new(),
        },
    )
    .unwrap();
    o.s.close_rectification(&o.dispatcher, rid, "").unwrap();
    let v = o.s.get_visit(v.id).unwrap();
    assert_eq!(v.problems[1].solved_on.as_deref(), Some(today().as_str()));
    assert_eq!(v.solved_count, 2);
    let year: i32 = today()[..4].parse().unwrap();
    let visit_year: i32 = on[..4].parse().unwrap();
    let s = o.s.annual_stats(year).unwrap();
    assert_eq!(s.visit_problems_solved, 2);
    if visit_year == year {
        assert_eq!(s.assistance_visits, 1);
        assert_eq!(s.visit_problems_raised, 3);
    }
    assert_eq!(
        o.s.list_visits(&VisitFilter {
            point_id: Some(l.point),
            year: None
        })
        .unwrap()
        .len(),
        1
    );
    // Every change is in the audit log: the visit, two links, one solution.
    assert_eq!(audit_count(&o, "visit"), 4);
}

#[test]
fn bad_visits_are_refused_in_chinese_and_nothing_is_written() {
    let mut o = office();
    let l = leaders(&mut o);
    let input = |f: &dyn Fn(&mut VisitInput)| {
        let mut i = VisitInput {
            point_id: l.point,
            visited_on: today(),
            problems: vec!["问题".into()],
            ..Default::default()
        };
        f(&mut i);
        i
    };
    let tomorrow =
        (NaiveDate::parse_from_str(&today(), "%Y-%m-%d").unwrap() + Duration::days(1)).to_string();
    let cases: Vec<(VisitInput, &str, &str)> = vec![
        (
            input(&|i| i.visited_on = tomorrow.clone()),
            "visitedOn",
            "不能晚于今天",
        ),
        (
            input(&|i| i.visited_on = "2026-13-40".into()),
            "visitedOn",
            "格式",
        ),
        (
            input(&|i| i.visited_on = String::new()),
            "visitedOn",
            "请填写",
        ),
        (input(&|i| i.point_id = -5), "pointId", "请选择帮扶点"),
        (input(&|i| i.point_id = 99_999_999), "pointId", "不存在"),
        (input(&|i| i.leader_id = Some(-1)), "leaderId", "矿领导"),
        (
            input(&|i| i.problems = vec!["问".repeat(501)]),
            "problems",
            "不能超过500",
        ),
        (
            input(&|i| i.problems = vec!["x".into(); 31]),
            "problems",
            "最多",
        ),
        (
            input(&|i| i.summary = "况".repeat(2001)),
            "summary",
            "不能超过",
        ),
    ];
    for (i, field, text) in cases {
        let e = o.s.create_visit(&o.dispatcher, &i).unwrap_err();
        assert_eq!(e.field.as_deref(), Some(field), "{}", e.message);
        assert!(e.message.contains(text), "{} should say {text}", e.message);
    }
    let e = o.s.create_visit(&o.viewer, &input(&|_| {})).unwrap_err();
    assert_eq!(e.code, ErrorCode::Forbidden);
    assert!(o.s.list_visits(&VisitFilter::default()).unwrap().is_empty());
    assert_eq!(audit_count(&o, "visit"), 0);

    // A visit after its point ended is refused; one before is kept.
    let v =
        o.s.create_visit(&o.dispatcher, &input(&|i| i.visited_on = days_ago(3)))
            .unwrap();
    o.s.end_assistance_point(&o.admin, l.point).unwrap();
    let ok =
        o.s.create_visit(&o.dispatcher, &input(&|i| i.visited_on = days_ago(1)));
    assert!(ok.is_ok(), "a visit on or before the end day is kept");
    // Conversions check their own input.
    let p = v.problems[0].id;
    let e =
        o.s.problem_to_task(
            &o.dispatcher,
            &ProblemToTask {
                problem_id: p,
                deadline: days_ago(10),
                ..Default::default()
            },
        )
        .unwrap_err();
    assert!(e.message.contains("不能早于走访日期"), "{}", e.message);
    let e =
        o.s.problem_to_task(
            &o.dispatcher,
            &ProblemToTask {
                problem_id: -1,
                deadline: today(),
                ..Default::default()
            },
        )
        .unwrap_err();
    assert_eq!(e.field.as_deref(), Some("problemId"));
    let e =
        o.s.solve_problem_onsite(
            &o.dispatcher,
            &ProblemSolvedInput {
                problem_id: p,
                solved_on: today(),
                solution: " ".into(),
            },
        )
        .unwrap_err();
    assert_eq!(e.field.as_deref(), Some("solution"));
    let e =
        o.s.problem_to_rectification(
            &o.dispatcher,
            &ProblemToRectification {
                problem_id: p,
                item_name: String::new(),
                person_name: "王".into(),
                deadline: today(),
                unit_id: None,
            },
        )
        .unwrap_err();
    assert_eq!(e.field.as_deref(), Some("itemName"));
    assert_eq!(o.s.get_visit(v.id).unwrap().problems[0].outcome, "pending");
    let _ = (l.b, l.c);
}

fn event(at: &str) -> EmergencyInput {
    EmergencyInput {
        occurred_at: at.into(),
        place: "洗煤厂皮带走廊".into(),
        category: "surface".into(),
        reporter: "洗煤厂值班长".into(),
        reporter_phone: "0355-5921234".into(),
        what: "照明线路短路冒烟，现场人员用灭火器处置。".into(),
        measures: "通知供电队断电检修。".into(),
        notified: Vec::new(),
    }
}

#[test]
fn an_emergency_takes_the_leader_on_duty_from_the_roster_swaps_included() {
    let mut o = office();
    let l = leaders(&mut o);
    let day = NaiveDate::parse_from_str(&today(), "%Y-%m-%d").unwrap() - Duration::days(10);
    let set = |o: &mut Office, d: NaiveDate, p: i64| {
        o.s.set_leader_duty(
            &o.dispatcher,
            &LeaderDutyInput {
                date: d.to_string(),
                person_id: Some(p),
                note: String::new(),
            },
        )
        .unwrap();
    };
    set(&mut o, day - Duration::days(1), l.a);
    set(&mut o, day, l.b);
    set(&mut o, day + Duration::days(1), l.c);
    let disp_id = o.dispatcher.user_id.unwrap();
    o.s.set_dispatcher_shift(
        &o.dispatcher,
        &ShiftInput {
            date: day.to_string(),
            shift: "day".into(),
            user_id: Some(disp_id),
            note: String::new(),
        },
    )
    .unwrap();

    // Before 08:00 the previous day's leader is still on duty.
    let early =
        o.s.create_emergency(&o.dispatcher, &event(&format!("{day} 07:30")))
            .unwrap();
    assert_eq!(early.duty_leader_id, Some(l.a));
    let late =
        o.s.create_emergency(
            &o.dispatcher,
            &EmergencyInput {
                notified: vec![
                    NotifiedInput {
                        person_id: l.b,
                        notified_at: format!("{day} 09:05"),
                        method: "电话".into(),
                    },
                    NotifiedInput {
                        person_id: l.c,
                        notified_at: String::new(),
                        method: "当面".into(),
                    },
                ],
                ..event(&format!("{day} 09:00"))
            },
        )
        .unwrap();
    assert_eq!(late.duty_leader_name.as_deref(), Some("钱志强"));
    assert_eq!(late.duty_dispatcher, "李调度");
    assert_eq!(late.notified.len(), 2);
    // No time given: notified when it happened.
    assert!(late
        .notified
        .iter()
        .any(|n| n.name == "孙晓东" && n.notified_at == format!("{day} 09:00")));

    // A swap rewrites the roster; an event recorded afterwards follows it,
    // while the one already recorded keeps who was on duty then.
    o.s.swap_leader_duty(
        &o.dispatcher,
        &day.to_string(),
        &(day + Duration::days(1)).to_string(),
        "外出开会",
    )
    .unwrap();
    let after_swap =
        o.s.create_emergency(&o.dispatcher, &event(&format!("{day} 10:00")))
            .unwrap();
    assert_eq!(after_swap.duty_leader_id, Some(l.c));
    assert_eq!(
        o.s.get_emergency(late.id).unwrap().duty_leader_id,
        Some(l.b)
    );
    // Changing the time takes the roster again.
    let moved =
        o.s.update_emergency(&o.dispatcher, early.id, &event(&format!("{day} 11:00")))
            .unwrap();
    assert_eq!(moved.duty_leader_id, Some(l.c));
    // No leader on the roster: left empty, said so on paper.
    let none =
        o.s.create_emergency(
            &o.dispatcher,
            &event(&format!("{} 12:00", day - Duration::days(5))),
        )
        .unwrap();
    assert_eq!(none.duty_leader_id, None);
    let report = o.s.emergency_report(none.id).unwrap();
    let facts = format!("{:?}", report.blocks[0]);
    assert!(facts.contains("未排带班领导"), "{facts}");

    // Closure: a time and a note; then the record is frozen.
    let closed =
        o.s.close_emergency(
            &o.dispatcher,
            late.id,
            &format!("{day} 13:40"),
            "线路更换完毕，恢复生产。",
        )
        .unwrap();
    assert_eq!(closed.status_label, "已结束");
    assert_eq!(
        closed.closed_at.as_deref(),
        Some(format!("{day} 13:40").as_str())
    );
    let e =
        o.s.update_emergency(&o.dispatcher, late.id, &event(&format!("{day} 09:00")))
            .unwrap_err();
    assert_eq!(e.code, ErrorCode::Conflict);
    let e =
        o.s.close_emergency(&o.dispatcher, late.id, &format!("{day} 14:00"), "再次")
            .unwrap_err();
    assert_eq!(e.code, ErrorCode::Conflict);

    // The printed report: facts, the leaders told, the result.
    let r = o.s.emergency_report(late.id).unwrap();
    assert_eq!(r.title, "应急事件报告单");
    let text = format!("{:?}", r.blocks);
    for needle in [
        "钱志强（矿长）",
        "李调度",
        "孙晓东",
        "纪委书记",
        "线路更换完毕",
        "洗煤厂皮带走廊",
    ] {
        assert!(text.contains(needle), "{needle} in the report");
    }
    let register =
        o.s.emergency_register_report(day.format("%Y").to_string().parse().unwrap())
            .unwrap();
    assert!(format!("{:?}", register.blocks).contains("处置中"));

    // The annual figures and the list.
    let year: i32 = day.format("%Y").to_string().parse().unwrap();
    let s = o.s.annual_stats(year).unwrap();
    let in_year =
        o.s.list_emergencies(&EmergencyFilter {
            year: Some(year),
            status: None,
        })
        .unwrap();
    assert_eq!(s.emergency_events, in_year.len() as i64);
    assert_eq!(s.emergencies_closed, 1);
    assert_eq!(
        o.s.list_emergencies(&EmergencyFilter {
            year: None,
            status: Some("closed".into())
        })
        .unwrap()
        .len(),
        1
    );
    assert_eq!(audit_count(&o, "emergency"), 6);
}

#[test]
fn bad_emergencies_are_refused_in_chinese() {
    let mut o = office();
    let l = leaders(&mut o);
    let now = chrono::Local::now().naive_local();
    let later = (now + Duration::hours(2))
        .format("%Y-%m-%d %H:%M")
        .to_string();
    let at = (now - Duration::hours(3))
        .format("%Y-%m-%d %H:%M")
        .to_string();
    let before = (now - Duration::hours(4))
        .format("%Y-%m-%d %H:%M")
        .to_string();
    let cases: Vec<(EmergencyInput, &str, &str)> = vec![
        (event(&later), "occurredAt", "不能晚于现在"),
        (event("2026-02-30 08:00"), "occurredAt", "格式"),
        (event(""), "occurredAt", "请填写"),
        (
            EmergencyInput {
                place: " ".into(),
                ..event(&at)
            },
            "place",
            "不能为空",
        ),
        (
            EmergencyInput {
                what: "事".repeat(4001),
                ..event(&at)
            },
            "what",
            "不能超过4000",
        ),
        (
            EmergencyInput {
                category: "火灾".into(),
                ..event(&at)
            },
            "category",
            "事件类别只能是",
        ),
        (
            EmergencyInput {
                reporter_phone: "电话abc".into(),
                ..event(&at)
            },
            "reporterPhone",
            "",
        ),
        (
            EmergencyInput {
                notified: vec![NotifiedInput {
                    person_id: -3,
                    ..Default::default()
                }],
                ..event(&at)
            },
            "notified",
            "不存在",
        ),
        (
            EmergencyInput {
                notified: vec![NotifiedInput {
                    person_id: l.a,
                    notified_at: before.clone(),
                    method: String::new(),
                }],
                ..event(&at)
            },
            "notified",
            "不能早于事件发生时间",
        ),
        (
            EmergencyInput {
                notified: vec![
                    NotifiedInput {
                        person_id: l.a,
                        ..Default::default()
                    },
                    NotifiedInput {
                        person_id: l.a,
                        ..Default::default()
                    },
                ],
                ..event(&at)
            },
            "notified",
            "重复",
        ),
    ];
    for (i, field, text) in cases {
        let e = o.s.create_emergency(&o.dispatcher, &i).unwrap_err();
        assert_eq!(e.field.as_deref(), Some(field), "{}", e.message);
        assert!(e.message.contains(text), "{} should say {text}", e.message);
    }
    assert_eq!(
        o.s.create_emergency(&o.viewer, &event(&at))
            .unwrap_err()
            .code,
        ErrorCode::Forbidden
    );
    assert!(o
        .s
        .list_emergencies(&EmergencyFilter::default())
        .unwrap()
        .is_empty());
    let e = o.s.create_emergency(&o.dispatcher, &event(&at)).unwrap();
    let bad =
        o.s.close_emergency(&o.dispatcher, e.id, &before, "结束")
            .unwrap_err();
    assert!(bad.message.contains("不能早于事件发生时间"));
    let bad =
        o.s.close_emergency(&o.dispatcher, e.id, &at, "")
            .unwrap_err();
    assert_eq!(bad.field.as_deref(), Some("closureNote"));
    let bad =
        o.s.close_emergency(&o.dispatcher, e.id, &later, "结束")
            .unwrap_err();
    assert_eq!(bad.field.as_deref(), Some("closedAt"));
    assert_eq!(
        o.s.get_emergency(-1).unwrap_err().code,
        ErrorCode::Validation
    );
    assert_eq!(
        o.s.get_emergency(i64::MAX).unwrap_err().code,
        ErrorCode::NotFound
    );
    assert_eq!(o.s.get_emergency(e.id).unwrap().status, "open");
    assert!(o
        .s
        .list_emergencies(&EmergencyFilter {
            year: Some(1999),
            status: None
        })
        .is_err());
}

#[test]
fn the_emergency_report_renders_as_pdf() {
    let mut o = office();
    let l = leaders(&mut o);
    let at = days_ago(2) + " 09:30";
    let e =
        o.s.create_emergency(
            &o.dispatcher,
            &EmergencyInput {
                notified: vec![NotifiedInput {
                    person_id: l.a,
                    notified_at: String::new(),
                    method: "电话".into(),
                }],
                ..event(&at)
            },
        )
        .unwrap();
    let fonts =
        diaodu_documents::Fonts::system().expect("CJK fonts (fonts-noto-cjk) must be installed");
    let pdf = o.s.emergency_pdf(e.id, &fonts).unwrap();
    assert!(pdf.starts_with(b"%PDF"));
    let year: i32 = at[..4].parse().unwrap();
    assert!(o
        .s
        .emergency_register_pdf(year, &fonts)
        .unwrap()
        .starts_with(b"%PDF"));
}

#[test]
fn duties_are_registered_per_post_and_person_without_overlap() {
    let mut o = office();
    let l = leaders(&mut o);
    let input = |post: &str, person: Option<i64>, since: &str, until: Option<&str>| PostDutyInput {
        post: post.into(),
        unit_id: None,
        person_id: person,
        duties: "按班次值班，接听热线电话并登记处理。".into(),
        since: since.into(),
        until: until.map(str::to_string),
    };
    let d =
        o.s.create_post_duty(
            &o.dispatcher,
            &input("调度员", Some(l.a), "2026-01-01", None),
        )
        .unwrap();
    assert!(d.current);
    assert_eq!(d.person_name.as_deref(), Some("赵建军"));
    // The same post and person may not overlap …
    let e =
        o.s.create_post_duty(
            &o.dispatcher,
            &input("调度员", Some(l.a), "2026-03-01", None),
        )
        .unwrap_err();
    assert_eq!(e.code, ErrorCode::Duplicate);
    assert!(e.message.contains("不能重叠"));
    // … but another person, or the post's general duties, may.
    o.s.create_post_duty(
        &o.dispatcher,
        &input("调度员", Some(l.b), "2026-01-01", None),
    )
    .unwrap();
    o.s.create_post_duty(&o.dispatcher, &input("调度员", None, "2026-01-01", None))
        .unwrap();
    // A change: the old entry ends, a new one starts the next day.
    let ended =
        o.s.update_post_duty(
            &o.dispatcher,
            d.id,
            &input("调度员", Some(l.a), "2026-01-01", Some("2026-02-28")),
        )
        .unwrap();
    assert!(!ended.current);
    o.s.create_post_duty(
        &o.dispatcher,
        &input("调度员", Some(l.a), "2026-03-01", None),
    )
    .unwrap();
    assert_eq!(
        o.s.list_post_duties(&PostDutyFilter::default())
            .unwrap()
            .len(),
        3
    );
    assert_eq!(
        o.s.list_post_duties(&PostDutyFilter {
            include_ended: true,
            person_id: Some(l.a)
        })
        .unwrap()
        .len(),
        2
    );
    for (i, field) in [
        (
            input("调度员", None, "2026-05-01", Some("2026-04-01")),
            "until",
        ),
        (input(" ", None, "2026-05-01", None), "post"),
        (input("岗", None, "2026-02-31", None), "since"),
        (input("岗", Some(-7), "2026-05-01", None), "personId"),
        (
            PostDutyInput {
                duties: "职".repeat(4001),
                ..input("岗", None, "2026-05-01", None)
            },
            "duties",
        ),
    ] {
        let e = o.s.create_post_duty(&o.dispatcher, &i).unwrap_err();
        assert_eq!(e.field.as_deref(), Some(field), "{}", e.message);
    }
    assert_eq!(
        o.s.create_post_duty(&o.viewer, &input("岗", None, "2026-05-01", None))
            .unwrap_err()
            .code,
        ErrorCode::Forbidden
    );
    assert_eq!(audit_count(&o, "post_duty"), 5);
}

fn text_file(o: &Office, name: &str, text: &str) -> AttachmentRef {
    let path = o.dir.path().join(name);
    std::fs::write(&path, text).unwrap();
    let f = o.s.stage_attachment(&o.dispatcher, &path).unwrap();
    AttachmentRef {
        sha256: f.sha256,
        name: f.name,
    }
}

fn archive(o: &Office, kind: &str, title: &str, number: &str) -> ArchiveInput {
    ArchiveInput {
        kind: kind.into(),
        title: title.into(),
        issuer: "集团党委".into(),
        number: number.into(),
        issued_on: days_ago(30),
        note: String::new(),
        attachments: vec![text_file(o, &format!("{title}.txt"), title)],
    }
}

#[test]
fn the_archive_finds_chinese_titles_and_numbers_and_plans_cite_it() {
    let mut o = office();
    let plan_source =
        o.s.create_archive_file(
            &o.dispatcher,
            &archive(
                &o,
                "incoming",
                "强化基础工作建设专项行动实施方案",
                "集团党发〔2026〕31号",
            ),
        )
        .unwrap();
    o.s.create_archive_file(
        &o.dispatcher,
        &archive(&o, "rule", "党建调度考核管理办法", "晋源党发〔2026〕2号"),
    )
    .unwrap();
    o.s.create_archive_file(&o.dispatcher, &archive(&o, "rule", "调度员交接班制度", ""))
        .unwrap();
    assert_eq!(plan_source.attachments.len(), 1);
    assert_eq!(plan_source.kind_label, "来文");

    let find = |o: &Office, text: &str| -> Vec<String> {
        o.s.list_archive(&ArchiveFilter {
            text: Some(text.into()),
            ..Default::default()
        })
        .unwrap()
        .into_iter()
        .map(|f| f.title)
        .collect()
    };
    // Three or more characters: the full-text index; fewer: instr().
    assert_eq!(
        find(&o, "专项行动"),
        vec!["强化基础工作建设专项行动实施方案"]
    );
    assert_eq!(find(&o, "考核管理"), vec!["党建调度考核管理办法"]);
    assert_eq!(find(&o, "制度"), vec!["调度员交接班制度"]);
    assert_eq!(find(&o, "调度").len(), 2);
    assert_eq!(
        find(&o, "〔2026〕31号"),
        vec!["强化基础工作建设专项行动实施方案"]
    );
    assert_eq!(find(&o, "晋源党发"), vec!["党建调度考核管理办法"]);
    assert_eq!(find(&o, "党建 办法"), vec!["党建调度考核管理办法"]);
    assert!(find(&o, "安全生产").is_empty());
    // Query syntax typed by the user is only text.
    assert!(find(&o, "\"专项 OR *").is_empty());
    assert_eq!(
        o.s.list_archive(&ArchiveFilter {
            kind: Some("rule".into()),
            ..Default::default()
        })
        .unwrap()
        .len(),
        2
    );

    // A renamed file is found by its new title only.
    let mut edit = archive(
        &o,
        "incoming",
        "强化党建基础工作实施方案",
        "集团党发〔2026〕31号",
    );
    edit.attachments = plan_source
        .attachments
        .iter()
        .map(|a| AttachmentRef {
            sha256: a.sha256.clone(),
            name: a.name.clone(),
        })
        .collect();
    o.s.update_archive_file(&o.dispatcher, plan_source.id, &edit)
        .unwrap();
    assert!(find(&o, "专项行动").is_empty());
    assert_eq!(find(&o, "党建基础"), vec!["强化党建基础工作实施方案"]);

    // A plan cites the archived file: the source is the archive's.
    let plan =
        o.s.create_plan(
            &o.dispatcher,
            &PlanInput {
                title: "强化基础工作建设专项行动".into(),
                kind: "special".into(),
                start: days_ago(5),
                sources: vec![
                    SourceDocument {
                        archive_id: Some(plan_source.id),
                        ..Default::default()
                    },
                    SourceDocument {
                        title: "手填的依据文件".into(),
                        ..Default::default()
                    },
                ],
                ..Default::default()
            },
        )
        .unwrap();
    assert_eq!(plan.sources[0].archive_id, Some(plan_source.id));
    assert_eq!(plan.sources[0].number, "集团党发〔2026〕31号");
    assert_eq!(plan.sources[0].title, "强化党建基础工作实施方案");
    assert_eq!(plan.sources[1].archive_id, None);
    let f = o.s.get_archive_file(plan_source.id).unwrap();
    assert_eq!(f.cited_by.len(), 1);
    assert_eq!(f.cited_by[0].title, "强化基础工作建设专项行动");
    let bad =
        o.s.create_plan(
            &o.dispatcher,
            &PlanInput {
                title: "x".into(),
                kind: "daily".into(),
                start: days_ago(1),
                sources: vec![SourceDocument {
                    archive_id: Some(987_654),
                    ..Default::default()
                }],
                ..Default::default()
            },
        )
        .unwrap_err();
    assert_eq!(bad.field.as_deref(), Some("sources"));

    // The file goes into backups with the database.
    let backup = o.dir.path().join("备份").join("b.db");
    std::fs::create_dir_all(backup.parent().unwrap()).unwrap();
    let info = o.s.backup_to(&o.dispatcher, &backup).unwrap();
    assert!(info.attachments >= 3 && info.attachments_missing == 0);
    let sha = &f.attachments[0].sha256;
    assert!(backup
        .parent()
        .unwrap()
        .join("diaodu-attachments")
        .join(&sha[..2])
        .join(sha)
        .is_file());

    // Retired files stay on record, out of the default list.
    o.s.retire_archive_file(&o.dispatcher, f.id, "已被新版本替代")
        .unwrap();
    assert!(find(&o, "党建基础").is_empty());
    assert_eq!(
        o.s.list_archive(&ArchiveFilter {
            include_retired: true,
            ..Default::default()
        })
        .unwrap()
        .len(),
        3
    );
    assert_eq!(audit_count(&o, "archive_file"), 5);
}

#[test]
fn bad_archive_input_is_refused_in_chinese() {
    let mut o = office();
    o.s.create_archive_file(
        &o.dispatcher,
        &archive(&o, "rule", "应急管理制度", "晋源党发〔2026〕3号"),
    )
    .unwrap();
    let tomorrow =
        (NaiveDate::parse_from_str(&today(), "%Y-%m-%d").unwrap() + Duration::days(1)).to_string();
    let base = archive(&o, "incoming", "关于开展专项行动的通知", "");
    let cases: Vec<(ArchiveInput, &str, &str)> = vec![
        (
            ArchiveInput {
                attachments: vec![],
                ..base.clone()
            },
            "attachments",
            "请添加文件",
        ),
        (
            ArchiveInput {
                attachments: vec![AttachmentRef {
                    sha256: "../../etc/passwd".into(),
                    name: "x".into(),
                }],
                ..base.clone()
            },
            "attachments",
            "格式不正确",
        ),
        (
            ArchiveInput {
                title: " ".into(),
                ..base.clone()
            },
            "title",
            "不能为空",
        ),
        (
            ArchiveInput {
                title: "题".repeat(201),
                ..base.clone()
            },
            "title",
            "不能超过200",
        ),
        (
            ArchiveInput {
                issued_on: tomorrow.clone(),
                ..base.clone()
            },
            "issuedOn",
            "不能晚于今天",
        ),
        (
            ArchiveInput {
                kind: "通知".into(),
                ..base.clone()
            },
            "kind",
            "来文、制度",
        ),
        (
            ArchiveInput {
                number: "晋源党发〔2026〕3号".into(),
                ..base.clone()
            },
            "number",
            "已登记",
        ),
    ];
    for (i, field, text) in cases {
        let e = o.s.create_archive_file(&o.dispatcher, &i).unwrap_err();
        assert_eq!(e.field.as_deref(), Some(field), "{}", e.message);
        assert!(e.message.contains(text), "{} should say {text}", e.message);
    }
    let e =
        o.s.list_archive(&ArchiveFilter {
            text: Some("搜".repeat(101)),
            ..Default::default()
        })
        .unwrap_err();
    assert_eq!(e.field.as_deref(), Some("text"));
    assert_eq!(
        o.s.create_archive_file(&o.viewer, &base).unwrap_err().code,
        ErrorCode::Forbidden
    );
    assert_eq!(
        o.s.list_archive(&ArchiveFilter::default()).unwrap().len(),
        1
    );
    assert_eq!(
        o.s.get_archive_file(-2).unwrap_err().code,
        ErrorCode::Validation
    );
}

#[test]
fn handover_items_can_be_added_until_both_confirm_and_are_finished_with_a_note() {
    let mut o = office();
    let zhang =
        o.s.create_user(&o.admin, "zhang", "张调度", "dispatcher", "Disp#2026")
            .unwrap();
    let h =
        o.s.create_handover(
            &o.dispatcher,
            &HandoverInput {
                shift_date: days_ago(1),
                shift: "day".into(),
                outgoing_user_id: o.dispatcher.user_id,
                incoming_user_id: Some(zhang.id),
                summary: "本班平稳。".into(),
                items: vec!["综采一队回执未交回".into()],
            },
        )
        .unwrap();
    // Added after the handover was written.
    let h =
        o.s.add_handover_item(&o.dispatcher, h.id, "机电科照片未上传平台")
            .unwrap();
    assert_eq!(h.items.len(), 2);
    // The note is what the dispatcher writes, and must be written.
    let e =
        o.s.finish_handover_item(&o.dispatcher, h.items[0].id, "  ")
            .unwrap_err();
    assert_eq!(e.field.as_deref(), Some("note"));
    let h =
        o.s.finish_handover_item(&o.dispatcher, h.items[0].id, "回执已交回，已登记签收")
            .unwrap();
    assert_eq!(h.items[0].done_note, "回执已交回，已登记签收");
    assert_eq!(h.items[0].status, "done");
    let e =
        o.s.finish_handover_item(&o.dispatcher, h.items[0].id, "再办一次")
            .unwrap_err();
    assert_eq!(e.code, ErrorCode::Conflict);
    // One side confirmed: still open for items.
    o.s.confirm_handover(&o.dispatcher, h.id, "diaodu", "Dispatch#2026")
        .unwrap();
    let h =
        o.s.add_handover_item(&o.dispatcher, h.id, "通风队整改台账待验收")
            .unwrap();
    assert_eq!(h.items.len(), 3);
    // Both confirmed: frozen.
    let h =
        o.s.confirm_handover(&o.dispatcher, h.id, "zhang", "Disp#2026")
            .unwrap();
    assert!(h.complete);
    assert_eq!(
        o.s.add_handover_item(&o.dispatcher, h.id, "迟到的事项")
            .unwrap_err()
            .code,
        ErrorCode::Conflict
    );
    assert_eq!(
        o.s.finish_handover_item(&o.dispatcher, h.items[1].id, "已上传")
            .unwrap_err()
            .code,
        ErrorCode::Conflict
    );
    assert!(o.s.add_handover_item(&o.viewer, h.id, "x").is_err());
}

#[test]
fn the_sample_has_registers_the_export_carries_them() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = diaodu_store::Store::open(dir.path()).unwrap();
    let admin = s
        .setup_admin("admin", "系统管理员", "Admin#2026")
        .unwrap()
        .actor();
    let r = s.load_sample(&admin).unwrap();
    assert!(r.registers.visits >= 10 && r.registers.emergencies == 4);
    assert!(r.registers.archive_files >= 6 && r.registers.duties >= 4);
    let visits = s.list_visits(&VisitFilter::default()).unwrap();
    let problems: Vec<_> = visits.iter().flat_map(|v| &v.problems).collect();
    for outcome in ["task", "rectification", "onsite", "pending"] {
        assert!(
            problems.iter().any(|p| p.outcome == outcome),
            "a sample problem {outcome}"
        );
    }
    assert!(problems
        .iter()
        .any(|p| p.outcome == "rectification" && p.solved));
    // Emergencies name the leader on duty from the sample roster.
    let events = s.list_emergencies(&EmergencyFilter::default()).unwrap();
    assert!(events.iter().all(|e| e.duty_leader_name.is_some()));
    assert!(events.iter().any(|e| e.status == "open"));
    // The sample plan cites its archived source files.
    let plan = s
        .list_plans(&Default::default())
        .unwrap()
        .into_iter()
        .find(|p| p.plan.sources.iter().any(|x| x.archive_id.is_some()))
        .expect("the sample plan cites the archive");
    assert_eq!(plan.plan.sources.len(), 3);
    let v = s.export_json().unwrap();
    for key in ["visits", "emergencies", "postDuties", "archive"] {
        assert!(
            !v["registers"][key].as_array().unwrap().is_empty(),
            "{key} in the export"
        );
    }
    // The sample's handover notes are written, not a fixed word.
    assert!(s
        .list_handovers(50)
        .unwrap()
        .iter()
        .flat_map(|h| &h.items)
        .filter(|i| i.status == "done")
        .all(|i| !i.done_note.is_empty() && i.done_note != "已办结"));
}
