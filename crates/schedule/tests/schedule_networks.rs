//! Networks computed by hand on the 2026 calendar, checked date by date.
//!
//! The working days these tests walk through (from the State Council's 2026
//! notice):
//! - 元旦: Thu 1 Jan – Sat 3 Jan off, Sun 4 Jan worked.
//! - 春节: Sat 14 Feb worked, Sun 15 – Mon 23 Feb off, Sat 28 Feb worked. So
//!   the working days run … Thu 12, Fri 13, Sat 14, Tue 24, Wed 25, Thu 26,
//!   Fri 27, Sat 28 Feb, Mon 2 Mar …
//! - 中秋/国庆: Sun 20 Sep worked, Fri 25 – Sun 27 Sep off, Thu 1 – Wed 7 Oct
//!   off, Sat 10 Oct worked. So … Mon 21, Tue 22, Wed 23, Thu 24, Mon 28, Tue
//!   29, Wed 30 Sep, Thu 8, Fri 9, Sat 10, Mon 12 Oct …
use chrono::NaiveDate;
use diaodu_schedule::{
    schedule, would_create_cycle, Link, LinkKind, Schedule, ScheduleError, ScheduledTask, Task,
    WorkCalendar,
};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).expect("valid test date")
}

fn run(tasks: &[Task], links: &[Link], start: NaiveDate) -> Schedule {
    schedule(tasks, links, &WorkCalendar::statutory(), start).expect("schedules")
}

fn task(s: &Schedule, id: i64) -> &ScheduledTask {
    s.get(id).expect("task in result")
}

/// Early start, early finish, late start, late finish, total float.
fn assert_dates(
    s: &Schedule,
    id: i64,
    es: NaiveDate,
    ef: NaiveDate,
    ls: NaiveDate,
    lf: NaiveDate,
    tf: i64,
) {
    let t = task(s, id);
    assert_eq!(
        (
            t.early_start,
            t.early_finish,
            t.late_start,
            t.late_finish,
            t.total_float
        ),
        (es, ef, ls, lf, tf),
        "task {id}"
    );
}

fn link(pred: i64, succ: i64, kind: LinkKind, lag: i32) -> Link {
    Link::new(pred, succ, kind, lag)
}

/// A finish-to-start chain through the Spring Festival, with a lag.
///
/// Start Mon 9 Feb.
/// - 1 (4 days): 9, 10, 11, 12 Feb → finishes Thu 12 Feb.
/// - 2 (3 days, FS from 1): Fri 13, Sat 14 (make-up day), then the holiday,
///   then Tue 24 → finishes Tue 24 Feb.
/// - 3 (2 days, FS from 2, lag 2): skips Wed 25 and Thu 26, starts Fri 27,
///   works Sat 28 (make-up day) → finishes Sat 28 Feb.
/// - 4 (milestone, FS from 3): reached when 3 finishes → Sat 28 Feb.
/// - 5 (1 day, FS from 4): the next working day, Mon 2 Mar.
///
/// One chain, so every task is critical and late dates equal early dates.
#[test]
fn finish_to_start_chain_across_spring_festival() {
    let tasks = [
        Task::new(1, "制定方案", 4),
        Task::new(2, "动员部署", 3),
        Task::new(3, "集中学习", 2),
        Task::milestone(4, "学习完成"),
        Task::new(5, "总结通报", 1),
    ];
    let links = [
        Link::fs(1, 2),
        Link::fs(2, 3).with_lag(2),
        Link::fs(3, 4),
        Link::fs(4, 5),
    ];
    let s = run(&tasks, &links, d(2026, 2, 9));
    let (feb12, feb13, feb24, feb27, feb28, mar2) = (
        d(2026, 2, 12),
        d(2026, 2, 13),
        d(2026, 2, 24),
        d(2026, 2, 27),
        d(2026, 2, 28),
        d(2026, 3, 2),
    );
    assert_dates(&s, 1, d(2026, 2, 9), feb12, d(2026, 2, 9), feb12, 0);
    assert_dates(&s, 2, feb13, feb24, feb13, feb24, 0);
    assert_dates(&s, 3, feb27, feb28, feb27, feb28, 0);
    assert_dates(&s, 4, feb28, feb28, feb28, feb28, 0);
    assert_dates(&s, 5, mar2, mar2, mar2, mar2, 0);
    assert_eq!(task(&s, 4).duration, 0);
    assert_eq!(s.project_finish, mar2);
    assert_eq!(s.critical_path, vec![1, 2, 3, 4, 5]);
}

/// All four link types, a lead and lags, around 中秋 and 国庆 2026.
///
/// Working days from the start, Mon 21 Sep, numbered: 21→0, 22→1, 23→2,
/// 24→3, 28 Sep→4, 29→5, 30→6, 8 Oct→7, 9 Oct→8.
/// - P (5 days): days 0–4 → 21 Sep – Mon 28 Sep.
/// - Q (3 days, SS from P, lag 2): starts 2 days after P starts, day 2 =
///   Wed 23 Sep; days 2, 3, 4 → finishes Mon 28 Sep.
/// - R (2 days, FF from P, lag 1): finishes 1 day after P, day 5 = Tue 29
///   Sep, so starts day 4 = Mon 28 Sep.
/// - S (4 days, FS from Q, lead 1): starts one day before Q's finish is over,
///   i.e. on Q's last day, day 4 = Mon 28 Sep; days 4–7 → finishes Thu 8 Oct
///   (the 国庆 week is skipped).
/// - T (2 days, SF from R, lag 3): may finish no sooner than 3 days after R
///   starts: R starts at day 4, so T finishes at the end of day 6 = Wed 30
///   Sep and starts day 5 = Tue 29 Sep.
/// - U (milestone, FS from S and from T): S finishes later (Thu 8 Oct).
///
/// Backward from the project finish, Thu 8 Oct (day 7):
/// - U: late = early, float 0. S: float 0.
/// - T must finish by U's late start (end of day 7): late finish Thu 8 Oct,
///   late start day 6 = Wed 30 Sep: total float 1. Its free float is 1 too:
///   U does not move if T finishes a day later.
/// - R must start so that T's late finish (end of day 7) is 3 days after it:
///   late start day 5 = Tue 29 Sep, late finish day 6 = Wed 30 Sep: total
///   float 1, but free float 0 (any slip moves T).
/// - Q's late finish is S's late start plus the lead: end of day 4; float 0.
/// - P is bound by Q (SS: late start day 2 - 2 = day 0) → float 0.
#[test]
fn all_four_link_types_with_lags_and_a_lead_around_national_day() {
    let tasks = [
        Task::new(1, "P", 5),
        Task::new(2, "Q", 3),
        Task::new(3, "R", 2),
        Task::new(4, "S", 4),
        Task::new(5, "T", 2),
        Task::milestone(6, "U"),
    ];
    let links = [
        link(1, 2, LinkKind::StartToStart, 2),
        link(1, 3, LinkKind::FinishToFinish, 1),
        link(2, 4, LinkKind::FinishToStart, -1),
        link(3, 5, LinkKind::StartToFinish, 3),
        link(4, 6, LinkKind::FinishToStart, 0),
        link(5, 6, LinkKind::FinishToStart, 0),
    ];
    let s = run(&tasks, &links, d(2026, 9, 21));
    let (s21, s23, s28, s29, s30, o8) = (
        d(2026, 9, 21),
        d(2026, 9, 23),
        d(2026, 9, 28),
        d(2026, 9, 29),
        d(2026, 9, 30),
        d(2026, 10, 8),
    );
    assert_dates(&s, 1, s21, s28, s21, s28, 0);
    assert_dates(&s, 2, s23, s28, s23, s28, 0);
    assert_dates(&s, 3, s28, s29, s29, s30, 1);
    assert_dates(&s, 4, s28, o8, s28, o8, 0);
    assert_dates(&s, 5, s29, s30, s30, o8, 1);
    assert_dates(&s, 6, o8, o8, o8, o8, 0);
    assert_eq!(task(&s, 3).free_float, 0);
    assert_eq!(task(&s, 5).free_float, 1);
    assert!(!task(&s, 3).critical && !task(&s, 5).critical);
    assert_eq!(s.critical_path, vec![1, 2, 4, 6]);
    assert_eq!(s.project_finish, o8);
}

/// A deadline that cannot be met, and one that falls on a day off.
///
/// Start Mon 2 Mar. A (5 days) → Mon 2 – Fri 6 Mar; B (5 days, FS) → Mon 9 –
/// Fri 13 Mar, but B is due Wed 11 Mar: two days short.
/// - B: late finish Wed 11 Mar, late start 5 working days earlier, Thu 5 Mar;
///   total float -2.
/// - A: must finish before B's late start: late finish Wed 4 Mar; late start 5
///   working days back: Wed 4, Tue 3, Mon 2 Mar, Sat 28 Feb (a make-up day),
///   Fri 27 Feb → Fri 27 Feb; total float -2.
/// - C (2 days, no links): Mon 2 – Tue 3 Mar, may slip to the project finish
///   (Fri 13 Mar): late dates Thu 12 – Fri 13 Mar, total and free float 8.
/// - D (5 days, no links) is due Sat 7 Mar, a day off: the deadline means
///   "by Fri 6 Mar", which D just meets: float 0, critical, not late.
#[test]
fn a_deadline_gives_negative_float_back_through_its_predecessors() {
    let tasks = [
        Task::new(1, "A", 5),
        Task::new(2, "B", 5).due(d(2026, 3, 11)),
        Task::new(3, "C", 2),
        Task::new(4, "D", 5).due(d(2026, 3, 7)),
    ];
    let s = run(&tasks, &[Link::fs(1, 2)], d(2026, 3, 2));
    assert_dates(
        &s,
        1,
        d(2026, 3, 2),
        d(2026, 3, 6),
        d(2026, 2, 27),
        d(2026, 3, 4),
        -2,
    );
    assert_dates(
        &s,
        2,
        d(2026, 3, 9),
        d(2026, 3, 13),
        d(2026, 3, 5),
        d(2026, 3, 11),
        -2,
    );
    assert_dates(
        &s,
        3,
        d(2026, 3, 2),
        d(2026, 3, 3),
        d(2026, 3, 12),
        d(2026, 3, 13),
        8,
    );
    assert_dates(
        &s,
        4,
        d(2026, 3, 2),
        d(2026, 3, 6),
        d(2026, 3, 2),
        d(2026, 3, 6),
        0,
    );
    assert!(task(&s, 1).cannot_meet_deadline && task(&s, 2).cannot_meet_deadline);
    assert!(task(&s, 1).critical && task(&s, 2).critical);
    assert_eq!(task(&s, 2).free_float, 0);
    assert_eq!(task(&s, 3).free_float, 8);
    assert!(!task(&s, 3).cannot_meet_deadline && !task(&s, 4).cannot_meet_deadline);
    assert!(task(&s, 4).critical);
}

/// Milestones take the date of what drives them.
///
/// Start Mon 2 Mar.
/// - M0 (no predecessors) marks the start: Mon 2 Mar. A (2 days, FS from M0)
///   still starts Mon 2 Mar: a milestone takes no time. A: 2–3 Mar.
/// - M1 (FS from A) is reached when A finishes: Tue 3 Mar. B (1 day, FS from
///   M1) starts the next working day, Wed 4 Mar.
/// - M2 (SS from B) is reached when B starts: Wed 4 Mar.
/// - M3 (FF from A, lag 1): one day after A finishes: Wed 4 Mar.
///
/// One chain again, so every late date equals its early date.
#[test]
fn milestones_are_dated_by_what_drives_them() {
    let tasks = [
        Task::milestone(1, "M0"),
        Task::new(2, "A", 2),
        Task::milestone(3, "M1"),
        Task::new(4, "B", 1),
        Task::milestone(5, "M2"),
        Task::milestone(6, "M3"),
    ];
    let links = [
        Link::fs(1, 2),
        Link::fs(2, 3),
        Link::fs(3, 4),
        link(4, 5, LinkKind::StartToStart, 0),
        link(2, 6, LinkKind::FinishToFinish, 1),
    ];
    let s = run(&tasks, &links, d(2026, 3, 2));
    let (m2, m3, m4) = (d(2026, 3, 2), d(2026, 3, 3), d(2026, 3, 4));
    assert_dates(&s, 1, m2, m2, m2, m2, 0);
    assert_dates(&s, 2, m2, m3, m2, m3, 0);
    assert_dates(&s, 3, m3, m3, m3, m3, 0);
    assert_dates(&s, 4, m4, m4, m4, m4, 0);
    assert_dates(&s, 5, m4, m4, m4, m4, 0);
    assert_dates(&s, 6, m4, m4, m4, m4, 0);
    assert_eq!(s.project_finish, m4);
    for id in 1..=6 {
        assert!(task(&s, id).critical, "task {id}");
    }
}

/// Starts land on working days.
///
/// - The project starts on Mon 16 Feb, inside the 春节 holiday: work begins
///   Tue 24 Feb, so A (1 day) runs Tue 24 Feb.
/// - B may not start before Sat 21 Feb (a day off): also Tue 24 Feb.
/// - C may not start before Sat 28 Feb, a make-up working day: it starts then
///   and, being 2 days long, finishes Mon 2 Mar.
/// - Across 元旦: D starts Wed 31 Dec 2025 and lasts 3 days: Wed 31 Dec, then
///   1–3 Jan are off, Sun 4 Jan is worked, Mon 5 Jan → finishes Mon 5 Jan.
#[test]
fn starts_land_on_working_days_and_make_up_days_count() {
    let tasks = [
        Task::new(1, "A", 1),
        Task::new(2, "B", 1).not_before(d(2026, 2, 21)),
        Task::new(3, "C", 2).not_before(d(2026, 2, 28)),
    ];
    let s = run(&tasks, &[], d(2026, 2, 16));
    assert_eq!(task(&s, 1).early_start, d(2026, 2, 24));
    assert_eq!(task(&s, 1).early_finish, d(2026, 2, 24));
    assert_eq!(task(&s, 2).early_start, d(2026, 2, 24));
    assert_eq!(
        (task(&s, 3).early_start, task(&s, 3).early_finish),
        (d(2026, 2, 28), d(2026, 3, 2))
    );
    assert_eq!(s.project_finish, d(2026, 3, 2));

    let s = run(&[Task::new(1, "D", 3)], &[], d(2025, 12, 31));
    assert_eq!(
        (task(&s, 1).early_start, task(&s, 1).early_finish),
        (d(2025, 12, 31), d(2026, 1, 5))
    );
}

/// A stage spans its tasks and hands its deadline down to them.
///
/// Stage 10 (deadline Thu 5 Mar) holds A (3 days) and task 20, which is
/// itself broken into B1 (1 day) and B2 (1 day). A → B1 → B2 (FS). Start Mon
/// 2 Mar: A 2–4 Mar, B1 Thu 5 Mar, B2 Fri 6 Mar. The stage's deadline makes B2
/// a day late: float -1 on B2, B1 and A; task 20 spans 5–6 Mar and stage 10
/// spans 2–6 Mar (5 working days), both marked as unable to meet the deadline.
/// Task 30, outside the stage, is not affected (float 4 to the project
/// finish).
#[test]
fn summary_tasks_roll_up_and_pass_their_deadline_down() {
    let tasks = [
        Task::new(10, "第一阶段", 0).due(d(2026, 3, 5)),
        Task::new(1, "A", 3).under(10),
        Task::new(20, "B", 0).under(10),
        Task::new(21, "B1", 1).under(20),
        Task::new(22, "B2", 1).under(20),
        Task::new(30, "其他", 1),
    ];
    let links = [Link::fs(1, 21), Link::fs(21, 22)];
    let s = run(&tasks, &links, d(2026, 3, 2));
    let stage = task(&s, 10);
    assert!(stage.summary);
    assert_eq!(
        (stage.early_start, stage.early_finish),
        (d(2026, 3, 2), d(2026, 3, 6))
    );
    assert_eq!(stage.duration, 5);
    assert_eq!(stage.total_float, -1);
    assert!(stage.cannot_meet_deadline && stage.critical);
    let b = task(&s, 20);
    assert!(b.summary);
    assert_eq!(
        (b.early_start, b.early_finish),
        (d(2026, 3, 5), d(2026, 3, 6))
    );
    assert_eq!(
        (b.late_start, b.late_finish),
        (d(2026, 3, 4), d(2026, 3, 5))
    );
    for id in [1, 21, 22] {
        assert_eq!(task(&s, id).total_float, -1, "task {id}");
    }
    assert_eq!(task(&s, 30).total_float, 4);
    assert!(!task(&s, 30).cannot_meet_deadline);
    // Summary tasks are not on the critical path list: it lists work.
    assert_eq!(s.critical_path, vec![1, 21, 22]);
}

/// Recorded dates replace planned ones.
///
/// Start Mon 2 Mar. A (2 days) actually started Wed 4 Mar, two days late:
/// it runs 4–5 Mar and pushes B (FS, 1 day) to Fri 6 Mar. C (3 days) is done:
/// it actually ran Mon 2 – Tue 3 Mar (2 days, not 3), so D (FS from C) starts
/// Wed 4 Mar; a finished task is never marked critical.
#[test]
fn actual_dates_override_the_plan() {
    let mut a = Task::new(1, "A", 2);
    a.actual_start = Some(d(2026, 3, 4));
    let mut c = Task::new(3, "C", 3);
    c.actual_start = Some(d(2026, 3, 2));
    c.actual_finish = Some(d(2026, 3, 3));
    let tasks = [a, Task::new(2, "B", 1), c, Task::new(4, "D", 3)];
    let s = run(&tasks, &[Link::fs(1, 2), Link::fs(3, 4)], d(2026, 3, 2));
    assert_eq!(
        (task(&s, 1).early_start, task(&s, 1).early_finish),
        (d(2026, 3, 4), d(2026, 3, 5))
    );
    assert_eq!(task(&s, 2).early_start, d(2026, 3, 6));
    assert_eq!(
        (task(&s, 3).early_finish, task(&s, 3).duration),
        (d(2026, 3, 3), 2)
    );
    assert_eq!(task(&s, 4).early_start, d(2026, 3, 4));
    // C and D finish Fri 6 Mar with B: C's float is 0 yet it is done.
    assert_eq!(task(&s, 3).total_float, 0);
    assert!(!task(&s, 3).critical);
    assert!(task(&s, 4).critical);

    let mut bad = Task::new(5, "整改", 1);
    bad.actual_start = Some(d(2026, 3, 5));
    bad.actual_finish = Some(d(2026, 3, 4));
    let e = schedule(&[bad], &[], &WorkCalendar::statutory(), d(2026, 3, 2)).unwrap_err();
    assert_eq!(e.message(), "任务「整改」的实际完成日期早于实际开始日期");
}

/// A cycle in the links is refused, naming the tasks along the links.
///
/// 甲 → 乙 → 丙 → 甲, with 丁 hanging off 丙. The message starts from the
/// first task given and follows the links.
#[test]
fn cyclic_links_are_refused_with_the_tasks_named() {
    let tasks = [
        Task::new(1, "甲", 1),
        Task::new(2, "乙", 1),
        Task::new(3, "丙", 1),
        Task::new(4, "丁", 1),
    ];
    let links = [
        Link::fs(1, 2),
        link(2, 3, LinkKind::StartToStart, 2),
        link(3, 1, LinkKind::FinishToFinish, -1),
        Link::fs(3, 4),
    ];
    let err = schedule(&tasks, &links, &WorkCalendar::statutory(), d(2026, 3, 2)).unwrap_err();
    assert_eq!(err.message(), "前置关系形成循环：甲 → 乙 → 丙 → 甲");
    assert_eq!(err.code(), "conflict");
    match err {
        ScheduleError::Cycle { ids, .. } => assert_eq!(ids, vec![1, 2, 3, 1]),
        other => panic!("expected a cycle, got {other:?}"),
    }
}

/// The check before insert names the cycle the new link would close; the
/// message comes from the same error type.
#[test]
fn a_new_link_that_would_close_a_cycle_is_caught_before_insert() {
    let links = [Link::fs(1, 2), Link::fs(2, 3)];
    let new = link(3, 1, LinkKind::StartToStart, 0);
    let ids = would_create_cycle(&links, &new).expect("closes a cycle");
    assert_eq!(ids, vec![3, 1, 2, 3]);
    let names = |id: i64| Some(["", "制定方案", "组织学习", "检查验收"][id as usize].to_string());
    let err = ScheduleError::cycle(ids, names);
    assert_eq!(
        err.message(),
        "前置关系形成循环：检查验收 → 制定方案 → 组织学习 → 检查验收"
    );
    assert_eq!(would_create_cycle(&links, &Link::fs(1, 3)), None);
}

#[test]
fn malformed_networks_are_refused_in_chinese() {
    let cal = WorkCalendar::statutory();
    let start = d(2026, 3, 2);
    let one = |id, name: &str| Task::new(id, name, 1);

    let e = schedule(&[one(1, "甲"), one(1, "乙")], &[], &cal, start).unwrap_err();
    assert_eq!(e, ScheduleError::DuplicateTask { id: 1 });
    assert_eq!(e.message(), "任务编号重复：1");

    let e = schedule(&[one(1, "甲")], &[Link::fs(1, 9)], &cal, start).unwrap_err();
    assert_eq!(e.message(), "前置关系引用了不存在的任务（编号 9）");

    let e = schedule(&[one(1, "甲")], &[Link::fs(1, 1)], &cal, start).unwrap_err();
    assert_eq!(e.message(), "任务「甲」不能以自身为前置任务");

    let e = schedule(
        &[one(1, "阶段"), one(2, "甲").under(1), one(3, "乙")],
        &[Link::fs(1, 3)],
        &cal,
        start,
    )
    .unwrap_err();
    assert_eq!(e.message(), "「阶段」是汇总任务，前置关系只能连接具体任务");

    let e = schedule(&[one(1, "甲").under(5)], &[], &cal, start).unwrap_err();
    assert_eq!(e.message(), "任务（编号 1）的上级任务不存在（编号 5）");

    let e = schedule(
        &[
            one(1, "甲").under(2),
            one(2, "乙").under(1),
            one(3, "丙").under(1),
        ],
        &[],
        &cal,
        start,
    )
    .unwrap_err();
    assert!(matches!(e, ScheduleError::HierarchyCycle { .. }));
    assert!(
        e.message().starts_with("任务层级形成循环："),
        "{}",
        e.message()
    );
    assert!(e.message().contains('甲') && e.message().contains('乙'));
}

/// The mine's own day off moves the schedule like a holiday.
///
/// Start Mon 9 Mar; A is 3 days. With Tue 10 Mar declared a day off, A runs
/// Mon 9, Wed 11, Thu 12 Mar.
#[test]
fn calendar_overrides_move_the_schedule() {
    let cal = WorkCalendar::new(&[diaodu_schedule::CalendarOverride {
        date: d(2026, 3, 10),
        working: false,
        name: "矿内停工".into(),
    }])
    .expect("valid override");
    let s = schedule(&[Task::new(1, "A", 3)], &[], &cal, d(2026, 3, 9)).expect("schedules");
    assert_eq!(task(&s, 1).early_finish, d(2026, 3, 12));
}

#[test]
fn results_serialise_as_iso_dates() {
    let s = run(&[Task::new(7, "A", 1)], &[], d(2026, 3, 2));
    let json = serde_json::to_value(&s).expect("serialises");
    assert_eq!(json["tasks"][0]["early_start"], "2026-03-02");
    assert_eq!(json["tasks"][0]["critical"], true);
    assert_eq!(json["project_finish"], "2026-03-02");
    let l: Link =
        serde_json::from_str(r#"{"pred":1,"succ":2,"kind":"SF","lag":-2}"#).expect("parses");
    assert_eq!(l, link(1, 2, LinkKind::StartToFinish, -2));
}

/// Some 16 million years of work cannot be dated: refused, not a panic.
#[test]
fn absurd_durations_are_refused() {
    let tasks = [Task::new(1, "A", u32::MAX), Task::new(2, "B", u32::MAX)];
    let e = schedule(
        &tasks,
        &[Link::fs(1, 2)],
        &WorkCalendar::statutory(),
        d(2026, 3, 2),
    )
    .unwrap_err();
    assert_eq!(e, ScheduleError::DateOutOfRange);
}

#[test]
fn an_empty_plan_schedules_to_nothing() {
    let s = run(&[], &[], d(2026, 3, 2));
    assert!(s.tasks.is_empty());
    assert_eq!(s.project_finish, d(2026, 3, 2));
}
