//! 工作台: what needs attention today, in one read — today's due nodes,
//! overdue records, documents awaiting their receipt or their periodic
//! report, open rectifications, this week's meetings, stages waiting for
//! their summary, and per-unit timeliness this year. The same data gives the
//! desktop notification's list (`today_alerts`).
use super::lights::{due_light, DueState};
use super::meetings::Meeting;
use super::nodes::NodeState;
use super::summaries::SummaryStage;
use super::targets::{load_targets, SupervisedItem, Target};
use super::timeliness::{timeliness, UnitTimeliness};
use crate::db::{sql_err, Store};
use crate::docs::DocFilter;
use crate::spec::SpecFollowUp;
use crate::Result;
use chrono::{Datelike, Duration, NaiveDate};
use diaodu_domain::supervision::NodeKind;
use diaodu_schedule::WorkCalendar;
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AwaitingReceipt {
    pub id: i64,
    pub kind_label: String,
    pub number: Option<String>,
    pub title: String,
    pub unit_name: String,
    pub signed_at: Option<String>,
    pub late_receipt: bool,
    pub due_state: &'static str,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct OpenRectification {
    pub id: i64,
    pub item_name: String,
    pub problem: String,
    pub unit_name: String,
    pub person_name: String,
    pub deadline: String,
    pub status: String,
    pub status_label: &'static str,
    pub due_state: &'static str,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Dashboard {
    pub today: String,
    pub year: i32,
    pub week_from: String,
    pub week_to: String,
    pub due_today: Vec<SupervisedItem>,
    pub overdue: Vec<SupervisedItem>,
    pub awaiting_receipt: Vec<AwaitingReceipt>,
    pub awaiting_feedback: Vec<SupervisedItem>,
    pub open_rectifications: Vec<OpenRectification>,
    pub week_meetings: Vec<Meeting>,
    pub pending_stages: Vec<SummaryStage>,
    /// Periodic work (工作规范) due today and not done.
    pub periodic_due_today: Vec<SpecFollowUp>,
    /// Periodic work overdue (漏项), oldest due first, at most
    /// `PERIODIC_SHOWN`; `periodic_overdue_total` counts them all.
    pub periodic_overdue: Vec<SpecFollowUp>,
    pub periodic_overdue_total: usize,
    /// This year's timeliness per unit (on-time rate and overdue now).
    pub units: Vec<UnitTimeliness>,
}

/// The desktop notification's content, also shown in the app.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TodayAlerts {
    pub today: String,
    pub due_today: Vec<SupervisedItem>,
    pub overdue: Vec<SupervisedItem>,
    /// Periodic work due today, and overdue (漏项), not done.
    pub periodic_due_today: usize,
    pub periodic_overdue: usize,
    /// 今日到期 2 项，逾期 3 项；周期工作今日到期 1 项，漏项 4 项
    pub summary: String,
    /// One line per item, due today first (at most 8, then “等N项”).
    pub lines: Vec<String>,
}

fn rect_label(status: &str) -> &'static str {
    match status {
        "open" => "整改中",
        "verified" => "已验收待销号",
        "closed" => "已销号",
        _ => "",
    }
}

fn item_line(i: &SupervisedItem, today_due: bool) -> String {
    let what = match (&i.number, i.target_kind) {
        (Some(n), _) => format!("{n}《{}》", i.title),
        (None, _) => i.title.clone(),
    };
    let unit = if i.unit_name.is_empty() {
        String::new()
    } else {
        format!("（{}）", i.unit_name)
    };
    if today_due {
        let node = i.next_node.as_ref().map(|n| n.kind_label).unwrap_or("到期");
        format!("今日{node}：{what}{unit}")
    } else {
        format!("逾期{}个工作日：{what}{unit}", i.overdue_days.max(1))
    }
}

/// Periodic work listed on the dashboard (the 漏项 page has them all).
pub const PERIODIC_SHOWN: usize = 50;

/// 周期工作漏项 144 项，涉及 40 个单位，最早应于 2026-11-02 完成（调度信息报送，供应科党支部等）.
fn periodic_summary_line(items: &[&SpecFollowUp], first: &SpecFollowUp, word: &str) -> String {
    let units: std::collections::HashSet<&str> =
        items.iter().map(|p| p.row.unit_name.as_str()).collect();
    let r = &first.row;
    if word == "漏项" {
        format!(
            "周期工作漏项 {} 项，涉及 {} 个单位，最早应于 {} 完成（{}，{}等）",
            items.len(),
            units.len(),
            r.due_date,
            r.title,
            r.unit_name
        )
    } else {
        format!(
            "周期工作今日到期 {} 项，涉及 {} 个单位（{}，{}等）",
            items.len(),
            units.len(),
            r.title,
            r.unit_name
        )
    }
}

/// Today's due and overdue among the records and the periodic work.
fn alerts_of(
    targets: &[Target],
    periodic: &[SpecFollowUp],
    cal: &WorkCalendar,
    today: NaiveDate,
) -> TodayAlerts {
    let mut due_today = Vec::new();
    let mut overdue = Vec::new();
    for t in targets.iter().filter(|t| !t.done) {
        let st = t.statuses(cal, today);
        let light = t.light(&st, cal, today);
        let item = || SupervisedItem::of(t, cal, today);
        if light == DueState::Overdue {
            overdue.push(item());
        } else if st
            .iter()
            .any(|s| s.state == NodeState::Pending && s.node.effective == today)
        {
            due_today.push(item());
        }
    }
    overdue.sort_by_key(|i| std::cmp::Reverse(i.overdue_days));
    let periodic_due = periodic.iter().filter(|p| p.overdue_days == 0).count();
    let periodic_overdue = periodic.len() - periodic_due;
    let summary = format!(
        "今日到期 {} 项，逾期 {} 项；周期工作今日到期 {periodic_due} 项，漏项 {periodic_overdue} 项",
        due_today.len(),
        overdue.len()
    );
    // The records one a line (at most 8), then the periodic work in two
    // lines of its own: there are often many items, each a small one.
    let mut lines: Vec<String> = due_today
        .iter()
        .map(|i| item_line(i, true))
        .chain(overdue.iter().map(|i| item_line(i, false)))
        .collect();
    if lines.len() > 8 {
        let more = lines.len() - 8;
        lines.truncate(8);
        lines.push(format!("……等另外{more}项"));
    }
    let due_items: Vec<&SpecFollowUp> = periodic.iter().filter(|p| p.overdue_days == 0).collect();
    let late_items: Vec<&SpecFollowUp> = periodic.iter().filter(|p| p.overdue_days > 0).collect();
    for (items, word) in [(&due_items, "今日到期"), (&late_items, "漏项")] {
        if let Some(first) = items.first() {
            lines.push(periodic_summary_line(items, first, word));
        }
    }
    TodayAlerts {
        today: today.to_string(),
        due_today,
        overdue,
        periodic_due_today: periodic_due,
        periodic_overdue,
        summary,
        lines,
    }
}

impl Store {
    /// Today's due and overdue records (and the one-line summary the desktop
    /// notification shows).
    pub fn today_alerts_on(&self, today: NaiveDate) -> Result<TodayAlerts> {
        let cal = crate::plans::calendar_of(&self.conn)?;
        let periodic = crate::spec::due_on(&self.conn, today)?;
        Ok(alerts_of(
            &load_targets(&self.conn)?,
            &periodic,
            &cal,
            today,
        ))
    }

    pub fn today_alerts(&self) -> Result<TodayAlerts> {
        self.today_alerts_on(diaodu_domain::clock::today())
    }

    pub fn dashboard_on(&self, today: NaiveDate) -> Result<Dashboard> {
        let cal = crate::plans::calendar_of(&self.conn)?;
        let targets = load_targets(&self.conn)?;
        let periodic = crate::spec::due_on(&self.conn, today)?;
        let alerts = alerts_of(&targets, &periodic, &cal, today);
        let (periodic_due_today, mut periodic_overdue): (Vec<SpecFollowUp>, Vec<SpecFollowUp>) =
            periodic.into_iter().partition(|p| p.overdue_days == 0);
        let periodic_overdue_total = periodic_overdue.len();
        periodic_overdue.truncate(PERIODIC_SHOWN);
        let mut awaiting_feedback = Vec::new();
        for t in targets.iter().filter(|t| !t.done) {
            let st = t.statuses(&cal, today);
            // The current reporting window is open and nothing came yet.
            let waiting = st.iter().any(|s| {
                s.node.kind == NodeKind::Feedback
                    && s.state == NodeState::Pending
                    && s.window_start <= today
            });
            if waiting && t.light(&st, &cal, today) != DueState::Overdue {
                awaiting_feedback.push(SupervisedItem::of(t, &cal, today));
            }
        }
        awaiting_feedback.sort_by(|a, b| {
            let d = |i: &SupervisedItem| i.next_node.as_ref().map(|n| n.date.clone());
            d(a).cmp(&d(b))
        });
        let awaiting_receipt = self
            .list_docs(&DocFilter {
                status: Some("issued".into()),
                ..Default::default()
            })?
            .into_iter()
            .map(|d| AwaitingReceipt {
                id: d.id,
                kind_label: d.kind_label,
                number: d.number,
                title: d.title,
                unit_name: d.target_unit_name,
                signed_at: d.signed_at,
                late_receipt: d.late_receipt,
                due_state: d.due_state,
            })
            .collect();
        let open_rectifications = {
            let mut stmt = self
                .conn
                .prepare(
                    "SELECT r.id, r.item_name, r.problem, u.name, r.person_name, r.deadline, r.status
                     FROM rectification r JOIN unit u ON u.id = r.unit_id WHERE r.status <> 'closed'
                     ORDER BY r.deadline, r.id",
                )
                .map_err(sql_err)?;
            let rows = stmt
                .query_map([], |r| {
                    let status: String = r.get(6)?;
                    let deadline: String = r.get(5)?;
                    Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, deadline, status))
                })
                .map_err(sql_err)?
                .collect::<std::result::Result<Vec<(i64, String, String, String, String, String, String)>, _>>()
                .map_err(sql_err)?;
            rows.into_iter()
                .map(
                    |(id, item_name, problem, unit_name, person_name, deadline, status)| {
                        // A verified item's work is done; it only awaits close-out.
                        let light = due_light(
                            &cal,
                            today,
                            status == "verified",
                            super::targets::date(&deadline),
                        );
                        OpenRectification {
                            id,
                            item_name,
                            problem,
                            unit_name,
                            person_name,
                            deadline,
                            status_label: rect_label(&status),
                            status,
                            due_state: light.code(),
                        }
                    },
                )
                .collect()
        };
        let monday = today - Duration::days(today.weekday().num_days_from_monday() as i64);
        let sunday = monday + Duration::days(6);
        let mut week_meetings = self.list_meetings(&super::meetings::MeetingFilter {
            from: Some(monday.to_string()),
            to: Some(sunday.to_string()),
            ..Default::default()
        })?;
        week_meetings.reverse();
        let pending_stages = self
            .list_summary_stages_on(today)?
            .into_iter()
            .filter(|s| s.ended && !s.summaries.iter().any(|x| x.status == "issued"))
            .collect();
        let year_start = NaiveDate::from_ymd_opt(today.year(), 1, 1).unwrap_or(today);
        Ok(Dashboard {
            today: today.to_string(),
            year: today.year(),
            week_from: monday.to_string(),
            week_to: sunday.to_string(),
            due_today: alerts.due_today,
            overdue: alerts.overdue,
            awaiting_receipt,
            awaiting_feedback,
            open_rectifications,
            week_meetings,
            pending_stages,
            periodic_due_today,
            periodic_overdue,
            periodic_overdue_total,
            units: timeliness(targets.iter(), &cal, today, year_start, today),
        })
    }

    pub fn dashboard(&self) -> Result<Dashboard> {
        self.dashboard_on(diaodu_domain::clock::today())
    }
}
