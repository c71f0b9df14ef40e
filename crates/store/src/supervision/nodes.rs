//! Supervision time nodes (督办时间节点), computed from an issued document's
//! feedback rule and from a task's or document's deadline, on the working
//! calendar. Pure: no database, `today` is a parameter.
//!
//! Rules (docs/ipc-supervision.md repeats them for users):
//! - 每N个工作日: the N-th, 2N-th … working day after the issue date, so the
//!   nodes always fall on working days; holidays are skipped and make-up
//!   working days (调休上班) count like any working day.
//! - 每周X and 指定日期: the given day. When it is a day off (weekend,
//!   holiday) the office asks for the report on the last working day before
//!   it (节前报送: the *effective* date shown to users), but a report made up
//!   to the given day itself still counts as on time; it is missing only from
//!   the day after the given day. A make-up working day is a working day.
//! - Feedback nodes run strictly after the issue date and strictly before the
//!   deadline and the completion date (the deadline node takes over from
//!   there), and at most up to a horizon for rules without an end.
//! - The deadline node (完成时限; for a plan task without one, its scheduled
//!   finish 计划完成) is met by completing the work on or before that date.
//!
//! A feedback node's window runs from the day after the previous feedback
//! node (the issue date for the first) to the node's date. Any feedback dated
//! in the window meets it on time; a feedback dated after the node but none
//! in the window is a late report (补报); no feedback at all once the node's
//! date has passed is a missing report (缺报), which puts the target on the
//! reminder list (催办).
use super::lights::{due_light, DueState};
use crate::docs::FeedbackRule;
use chrono::{Datelike, Duration, NaiveDate};
use diaodu_domain::supervision::NodeKind;
use diaodu_schedule::WorkCalendar;
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Node {
    pub kind: NodeKind,
    /// The date the rule or deadline gives (may be a day off).
    pub date: NaiveDate,
    /// The working day the report or work is expected on: `date` itself, or
    /// the last working day before it.
    pub effective: NaiveDate,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum NodeState {
    /// Met in its window (reported / completed on time).
    OnTime,
    /// Met after its date (补报 / completed late).
    Late,
    /// Its date has passed and nothing came (缺报 / overdue).
    Missing,
    /// Not yet due.
    Pending,
}

impl NodeState {
    pub fn code(self) -> &'static str {
        match self {
            NodeState::OnTime => "on_time",
            NodeState::Late => "late",
            NodeState::Missing => "missing",
            NodeState::Pending => "pending",
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            NodeState::OnTime => "按时",
            NodeState::Late => "逾期补报",
            NodeState::Missing => "缺报",
            NodeState::Pending => "未到期",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NodeStatus {
    pub node: Node,
    /// First day a feedback counts for this node.
    pub window_start: NaiveDate,
    pub state: NodeState,
    /// The feedback or completion date that met it.
    pub met_on: Option<NaiveDate>,
}

/// What the nodes of one supervised record are computed from.
#[derive(Debug, Clone, Default)]
pub struct Schedule<'a> {
    /// Issue (signing) date of a document; `None` for a plan task.
    pub issued: Option<NaiveDate>,
    pub rule: Option<&'a FeedbackRule>,
    /// The deadline node: its date and kind (deadline or scheduled finish).
    pub deadline: Option<(NaiveDate, NodeKind)>,
    pub done_on: Option<NaiveDate>,
    /// No feedback node after this date (rules without an end).
    pub horizon: Option<NaiveDate>,
}

fn working_on_or_before(cal: &WorkCalendar, d: NaiveDate) -> NaiveDate {
    cal.working_on_or_before(d).unwrap_or(d)
}

/// The nominal dates of the feedback rule after `issued`, before `end`
/// (exclusive), each with its effective working day.
pub fn feedback_nodes(
    rule: &FeedbackRule,
    issued: NaiveDate,
    end: NaiveDate,
    cal: &WorkCalendar,
) -> Vec<Node> {
    let mut out: Vec<Node> = Vec::new();
    let mut push = |date: NaiveDate, effective: NaiveDate| {
        let effective = effective.max(issued);
        // Two given dates on the same holiday become one node (the later).
        if let Some(last) = out.last_mut() {
            if last.effective == effective {
                last.date = date;
                return;
            }
        }
        out.push(Node {
            kind: NodeKind::Feedback,
            date,
            effective,
        });
    };
    match rule.mode.as_str() {
        "every_n_days" => {
            let n = rule.every.unwrap_or(0);
            if n < 1 {
                return out;
            }
            let mut k = 1;
            while let Some(d) = cal.add_working_days(issued, k * n) {
                if d >= end {
                    break;
                }
                push(d, d);
                k += 1;
            }
        }
        "weekly" => {
            let Some(w) = rule.weekday.filter(|w| (1..=7).contains(w)) else {
                return out;
            };
            let from = issued.weekday().number_from_monday();
            let ahead = (w + 7 - from) % 7;
            let mut d = issued + Duration::days(if ahead == 0 { 7 } else { ahead as i64 });
            while d < end {
                push(d, working_on_or_before(cal, d));
                d += Duration::days(7);
            }
        }
        "dates" => {
            let mut dates: Vec<NaiveDate> = rule
                .dates
                .iter()
                .filter_map(|s| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok())
                .filter(|d| *d > issued && *d < end)
                .collect();
            dates.sort();
            dates.dedup();
            for d in dates {
                push(d, working_on_or_before(cal, d));
            }
        }
        _ => {}
    }
    out
}

/// Every node of a record, in date order: the feedback nodes, then the
/// deadline node.
pub fn nodes(s: &Schedule<'_>, cal: &WorkCalendar) -> Vec<Node> {
    let mut out = Vec::new();
    if let (Some(issued), Some(rule)) = (s.issued, s.rule) {
        let mut end = NaiveDate::MAX;
        if let Some((d, _)) = s.deadline {
            end = end.min(d);
        }
        if let Some(d) = s.done_on {
            end = end.min(d);
        }
        if let Some(h) = s.horizon {
            end = end.min(h + Duration::days(1));
        }
        out.extend(feedback_nodes(rule, issued, end, cal));
    }
    if let Some((date, kind)) = s.deadline {
        let mut effective = working_on_or_before(cal, date);
        if let Some(i) = s.issued {
            effective = effective.max(i);
        }
        out.push(Node {
            kind,
            date,
            effective,
        });
    }
    out
}

/// Each node's state against the feedback dates (sorted or not), the
/// completion date and today.
pub fn evaluate(
    nodes: &[Node],
    issued: Option<NaiveDate>,
    feedback: &[NaiveDate],
    done_on: Option<NaiveDate>,
    today: NaiveDate,
) -> Vec<NodeStatus> {
    let mut out = Vec::with_capacity(nodes.len());
    let mut start = issued;
    for &node in nodes {
        let window_start = start.unwrap_or(node.date).min(node.date);
        let (state, met_on) = match node.kind {
            NodeKind::Feedback => {
                start = Some(node.date + Duration::days(1));
                let in_window = feedback
                    .iter()
                    .copied()
                    .filter(|f| *f >= window_start && *f <= node.date)
                    .min();
                let after = feedback.iter().copied().filter(|f| *f > node.date).min();
                match (in_window, after) {
                    (Some(f), _) => (NodeState::OnTime, Some(f)),
                    (None, Some(f)) => (NodeState::Late, Some(f)),
                    (None, None) if today > node.date => (NodeState::Missing, None),
                    (None, None) => (NodeState::Pending, None),
                }
            }
            NodeKind::Deadline | NodeKind::Finish => match done_on {
                Some(d) if d <= node.date => (NodeState::OnTime, Some(d)),
                Some(d) => (NodeState::Late, Some(d)),
                None if today > node.date => (NodeState::Missing, None),
                None => (NodeState::Pending, None),
            },
        };
        out.push(NodeStatus {
            node,
            window_start,
            state,
            met_on,
        });
    }
    out
}

/// The record's light: done once done; otherwise the worst light of the
/// nodes still open (a missing node is red, a pending one may be amber).
pub fn light(
    statuses: &[NodeStatus],
    done: bool,
    cal: &WorkCalendar,
    today: NaiveDate,
) -> DueState {
    if done {
        return DueState::Done;
    }
    statuses
        .iter()
        .filter(|s| matches!(s.state, NodeState::Missing | NodeState::Pending))
        .map(|s| due_light(cal, today, false, Some(s.node.date)))
        .max()
        .unwrap_or(DueState::None)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn rule(mode: &str) -> FeedbackRule {
        FeedbackRule {
            mode: mode.into(),
            ..Default::default()
        }
    }

    fn dates(nodes: &[Node]) -> Vec<(NaiveDate, NaiveDate)> {
        nodes.iter().map(|n| (n.date, n.effective)).collect()
    }

    #[test]
    fn every_n_working_days_skips_the_spring_festival_and_uses_make_up_saturdays() {
        // 2026 春节: 2月14日（六）上班, 15日–23日放假, 2月28日（六）上班.
        let cal = WorkCalendar::statutory();
        let mut r = rule("every_n_days");
        r.every = Some(2);
        // Issued Wed 02-11: +2 → Fri 13; +4 → Tue 24 (Thu 12, Fri 13, Sat 14,
        // Tue 24 …). Counting: 12(1) 13(2) | 14(3) 24(4) | 25(5) 26(6) |
        // 27(7) 28(8, make-up Saturday) | Mon 03-02 (9) 03(10).
        let n = feedback_nodes(&r, d(2026, 2, 11), d(2026, 3, 6), &cal);
        assert_eq!(
            dates(&n).into_iter().map(|(a, _)| a).collect::<Vec<_>>(),
            vec![
                d(2026, 2, 13),
                d(2026, 2, 24),
                d(2026, 2, 26),
                d(2026, 2, 28),
                d(2026, 3, 3),
                d(2026, 3, 5)
            ]
        );
        assert!(n
            .iter()
            .all(|n| n.date == n.effective && cal.is_working(n.date)));
        // every = 0 (never stored, but harmless) gives nothing.
        r.every = Some(0);
        assert!(feedback_nodes(&r, d(2026, 2, 11), d(2026, 3, 6), &cal).is_empty());
    }

    #[test]
    fn weekly_on_a_holiday_moves_to_the_working_day_before() {
        let cal = WorkCalendar::statutory();
        let mut r = rule("weekly");
        // Fridays. Issued Mon 2026-09-14: 09-18, 09-25 (中秋, off → Thu
        // 09-24), 10-02 (国庆, off → Wed 09-30), 10-09 (working; the 10-10
        // make-up Saturday changes nothing for Fridays).
        r.weekday = Some(5);
        let n = feedback_nodes(&r, d(2026, 9, 14), d(2026, 10, 12), &cal);
        assert_eq!(
            dates(&n),
            vec![
                (d(2026, 9, 18), d(2026, 9, 18)),
                (d(2026, 9, 25), d(2026, 9, 24)),
                (d(2026, 10, 2), d(2026, 9, 30)),
                (d(2026, 10, 9), d(2026, 10, 9)),
            ]
        );
        // Issued on a Friday: the first node is the next Friday.
        let n = feedback_nodes(&r, d(2026, 3, 6), d(2026, 3, 21), &cal);
        assert_eq!(
            dates(&n),
            vec![
                (d(2026, 3, 13), d(2026, 3, 13)),
                (d(2026, 3, 20), d(2026, 3, 20))
            ]
        );
        // Saturdays: a make-up Saturday (10-10) is a working day and stays;
        // an ordinary Saturday moves to Friday.
        r.weekday = Some(6);
        let n = feedback_nodes(&r, d(2026, 10, 8), d(2026, 10, 20), &cal);
        assert_eq!(
            dates(&n),
            vec![
                (d(2026, 10, 10), d(2026, 10, 10)),
                (d(2026, 10, 17), d(2026, 10, 16))
            ]
        );
    }

    #[test]
    fn given_dates_before_the_issue_date_are_dropped_and_holiday_dates_merge() {
        let cal = WorkCalendar::statutory();
        let mut r = rule("dates");
        r.dates = vec![
            "2026-09-10".into(), // before issue: dropped
            "2026-09-22".into(),
            "2026-10-03".into(), // 国庆 → Wed 09-30
            "2026-10-04".into(), // same holiday → merged, the later date kept
            "2026-10-09".into(),
            "bad".into(),
        ];
        let n = feedback_nodes(&r, d(2026, 9, 14), d(2026, 12, 31), &cal);
        assert_eq!(
            dates(&n),
            vec![
                (d(2026, 9, 22), d(2026, 9, 22)),
                (d(2026, 10, 4), d(2026, 9, 30)),
                (d(2026, 10, 9), d(2026, 10, 9)),
            ]
        );
        // none: no feedback nodes at all.
        assert!(feedback_nodes(&rule("none"), d(2026, 9, 14), d(2026, 12, 31), &cal).is_empty());
    }

    #[test]
    fn the_deadline_closes_the_feedback_nodes_and_is_a_node_itself() {
        let cal = WorkCalendar::statutory();
        let mut r = rule("every_n_days");
        r.every = Some(3);
        // Issued Mon 03-02; deadline Sun 03-15 (a day off → effective Fri 03-13).
        let s = Schedule {
            issued: Some(d(2026, 3, 2)),
            rule: Some(&r),
            deadline: Some((d(2026, 3, 15), NodeKind::Deadline)),
            done_on: None,
            horizon: None,
        };
        let n = nodes(&s, &cal);
        assert_eq!(
            dates(&n),
            vec![
                (d(2026, 3, 5), d(2026, 3, 5)),
                (d(2026, 3, 10), d(2026, 3, 10)),
                (d(2026, 3, 13), d(2026, 3, 13)),
                (d(2026, 3, 15), d(2026, 3, 13)),
            ]
        );
        assert_eq!(n.last().unwrap().kind, NodeKind::Deadline);
        // Completed on 03-09: no feedback node from then on.
        let done = Schedule {
            done_on: Some(d(2026, 3, 9)),
            ..s.clone()
        };
        assert_eq!(nodes(&done, &cal).len(), 2);
        // No deadline: the horizon ends the list (inclusive).
        let open = Schedule {
            deadline: None,
            horizon: Some(d(2026, 3, 10)),
            ..s
        };
        assert_eq!(dates(&nodes(&open, &cal)).last().unwrap().0, d(2026, 3, 10));
    }

    #[test]
    fn windows_on_time_late_missing_and_pending() {
        let cal = WorkCalendar::statutory();
        let mut r = rule("weekly");
        r.weekday = Some(5);
        // Issued Mon 2026-09-14; Fridays 09-18, 09-25→09-24, 10-02→09-30, 10-09;
        // deadline Fri 10-16.
        let s = Schedule {
            issued: Some(d(2026, 9, 14)),
            rule: Some(&r),
            deadline: Some((d(2026, 10, 16), NodeKind::Deadline)),
            ..Default::default()
        };
        let n = nodes(&s, &cal);
        assert_eq!(n.len(), 5);
        // Reports: Thu 09-17 meets week 1. Sat 09-26 comes after week 2's
        // date (09-25) and lies in week 3's window (09-26..10-02): week 2 is a
        // late report, week 3 on time. Nothing in week 4's window → missing.
        let feedback = [d(2026, 9, 17), d(2026, 9, 26)];
        let today = d(2026, 10, 12);
        let st = evaluate(&n, s.issued, &feedback, None, today);
        let states: Vec<NodeState> = st.iter().map(|s| s.state).collect();
        assert_eq!(
            states,
            vec![
                NodeState::OnTime,
                NodeState::Late,
                NodeState::OnTime,
                NodeState::Missing,
                NodeState::Pending
            ]
        );
        assert_eq!(st[0].window_start, d(2026, 9, 14));
        assert_eq!(st[1].window_start, d(2026, 9, 19));
        assert_eq!(st[1].met_on, Some(d(2026, 9, 26)));
        // A report on the holiday Friday 10-02 itself would still be on time
        // for the node whose effective date was Wed 09-30.
        let st2 = evaluate(&n, s.issued, &[d(2026, 10, 2)], None, today);
        assert_eq!(st2[2].state, NodeState::OnTime);
        // Missing on 10-12 → red; with today 10-09 the 10-09 node is pending.
        assert_eq!(light(&st, false, &cal, today), DueState::Overdue);
        let all = [
            d(2026, 9, 17),
            d(2026, 9, 24),
            d(2026, 9, 29),
            d(2026, 10, 9),
        ];
        let st3 = evaluate(&n, s.issued, &all, None, d(2026, 10, 12));
        assert!(st3[..4].iter().all(|s| s.state == NodeState::OnTime));
        // Only the deadline 10-16 is left: Tue 13, Wed 14, Thu 15, Fri 16 = 4
        // working days after Mon 10-12 → no light; on Tue 10-13 → amber.
        assert_eq!(light(&st3, false, &cal, d(2026, 10, 12)), DueState::None);
        let st4 = evaluate(&n, s.issued, &all, None, d(2026, 10, 13));
        assert_eq!(light(&st4, false, &cal, d(2026, 10, 13)), DueState::DueSoon);
        // Completed late: deadline node late, light done.
        let st5 = evaluate(&n, s.issued, &all, Some(d(2026, 10, 19)), d(2026, 10, 20));
        assert_eq!(st5[4].state, NodeState::Late);
        assert_eq!(light(&st5, true, &cal, d(2026, 10, 20)), DueState::Done);
    }
}
