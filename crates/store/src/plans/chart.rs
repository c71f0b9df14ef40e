//! The chart as the Gantt view draws it: tasks in outline order with their
//! computed dates, links, the calendar's exceptions and a chosen baseline.
use super::load::{self, TaskRow};
use super::plan::{plan_in, Plan};
use crate::db::{sql_err, Store};
use crate::Result;
use chrono::NaiveDate;
use diaodu_domain::plan::TaskStatus;
use diaodu_schedule::WorkCalendar;
use rusqlite::Connection;
use serde::Serialize;
use std::collections::HashMap;

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ChartTask {
    pub id: i64,
    pub parent_id: Option<i64>,
    pub kind: String,
    pub outline: String,
    pub depth: usize,
    pub position: i64,
    pub name: String,
    pub goal: String,
    pub content: String,
    pub lead_unit_id: Option<i64>,
    pub lead_unit_name: Option<String>,
    pub cooperating_unit_ids: Vec<i64>,
    pub cooperating_unit_names: Vec<String>,
    pub person_id: Option<i64>,
    pub person_name: Option<String>,
    pub start: Option<String>,
    pub duration: i64,
    pub deadline: Option<String>,
    pub milestone: bool,
    pub progress: i64,
    pub status: String,
    pub status_label: String,
    pub actual_start: Option<String>,
    pub actual_finish: Option<String>,
    pub external_uid: Option<String>,
    pub early_start: String,
    pub early_finish: String,
    pub late_start: String,
    pub late_finish: String,
    pub total_float: i64,
    pub free_float: i64,
    pub critical: bool,
    pub cannot_meet_deadline: bool,
    pub due_state: &'static str,
    pub baseline_variance: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ChartLink {
    pub id: i64,
    pub pred_id: i64,
    pub succ_id: i64,
    pub kind: String,
    pub lag: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CalendarException {
    pub date: String,
    pub working: bool,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ChartCalendar {
    pub from: String,
    pub to: String,
    pub days: Vec<CalendarException>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ChartBaseline {
    pub id: i64,
    pub name: String,
    pub tasks: HashMap<i64, BaselineDates>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BaselineDates {
    pub start: String,
    pub finish: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Chart {
    pub plan: Plan,
    pub today: String,
    pub project_start: String,
    pub project_finish: String,
    pub tasks: Vec<ChartTask>,
    pub links: Vec<ChartLink>,
    pub critical_path: Vec<i64>,
    pub calendar: ChartCalendar,
    pub baselines: Vec<super::BaselineInfo>,
    pub baseline: Option<ChartBaseline>,
}

fn names(conn: &Connection, sql: &str) -> Result<HashMap<i64, String>> {
    let mut stmt = conn.prepare_cached(sql).map_err(sql_err)?;
    let map = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .map_err(sql_err)?
        .filter_map(|r| r.ok())
        .collect();
    Ok(map)
}

pub(crate) fn today() -> NaiveDate {
    diaodu_domain::clock::today()
}

/// none / due_soon / overdue / done, measured against the deadline (or the
/// scheduled finish when there is none) by the app's one due light.
pub(crate) fn due_state(
    cal: &WorkCalendar,
    today: NaiveDate,
    status: &str,
    deadline: Option<NaiveDate>,
    finish: NaiveDate,
) -> &'static str {
    // A cancelled task (撤销) has no deadline to keep.
    if status == TaskStatus::Cancelled.code() {
        return "none";
    }
    crate::supervision::lights::due_light(
        cal,
        today,
        status == TaskStatus::Closed.code(),
        Some(deadline.unwrap_or(finish)),
    )
    .code()
}

/// Outline numbers ("1", "1.2", "1.2.3") and depths for tasks in outline order.
pub(crate) fn outline(tasks: &[TaskRow]) -> Vec<(String, usize)> {
    let mut out = Vec::with_capacity(tasks.len());
    let mut index: HashMap<i64, usize> = HashMap::with_capacity(tasks.len());
    let mut counters: HashMap<Option<i64>, usize> = HashMap::new();
    for (i, t) in tasks.iter().enumerate() {
        let parent = t.parent_id.filter(|p| index.contains_key(p));
        let n = counters.entry(parent).or_insert(0);
        *n += 1;
        let (number, depth) = match parent.and_then(|p| index.get(&p)) {
            Some(&pi) => {
                let (pn, pd): &(String, usize) = &out[pi];
                (format!("{pn}.{n}"), pd + 1)
            }
            None => (n.to_string(), 0),
        };
        index.insert(t.id, i);
        out.push((number, depth));
    }
    out
}

pub(crate) fn chart(conn: &Connection, plan_id: i64, baseline_id: Option<i64>) -> Result<Chart> {
    let plan = plan_in(conn, plan_id)?;
    let (tasks, links, cal, sched) = load::schedule(conn, plan_id)?;
    let units = names(conn, "SELECT id, name FROM unit")?;
    let people = names(conn, "SELECT id, name FROM person")?;
    let today = today();
    let baseline = match baseline_id {
        Some(b) => Some(super::baseline::load(conn, plan_id, b)?),
        None => None,
    };
    let numbers = outline(&tasks);
    let mut out = Vec::with_capacity(tasks.len());
    for (t, (number, depth)) in tasks.iter().zip(numbers) {
        let Some(s) = sched.get(t.id) else { continue };
        let variance = baseline
            .as_ref()
            .and_then(|b| b.tasks.get(&t.id))
            .and_then(|d| {
                NaiveDate::parse_from_str(&d.finish, "%Y-%m-%d")
                    .ok()
                    .map(|bf| cal.working_day_index(s.early_finish) - cal.working_day_index(bf))
            });
        out.push(ChartTask {
            id: t.id,
            parent_id: t.parent_id,
            kind: t.kind.clone(),
            outline: number,
            depth,
            position: t.position,
            name: t.name.clone(),
            goal: t.goal.clone(),
            content: t.content.clone(),
            lead_unit_id: t.lead_unit_id,
            lead_unit_name: t.lead_unit_id.and_then(|u| units.get(&u).cloned()),
            cooperating_unit_ids: t.cooperating_unit_ids.clone(),
            cooperating_unit_names: t
                .cooperating_unit_ids
                .iter()
                .filter_map(|u| units.get(u).cloned())
                .collect(),
            person_id: t.person_id,
            person_name: t.person_id.and_then(|p| people.get(&p).cloned()),
            start: t.start.map(|d| d.to_string()),
            duration: t.duration,
            deadline: t.deadline.map(|d| d.to_string()),
            milestone: t.kind == "task" && t.duration == 0,
            progress: t.progress,
            status_label: TaskStatus::parse(&t.status)
                .map(|s| s.label())
                .unwrap_or("计划安排")
                .into(),
            status: t.status.clone(),
            actual_start: t.actual_start.map(|d| d.to_string()),
            actual_finish: t.actual_finish.map(|d| d.to_string()),
            external_uid: t.external_uid.clone(),
            early_start: s.early_start.to_string(),
            early_finish: s.early_finish.to_string(),
            late_start: s.late_start.to_string(),
            late_finish: s.late_finish.to_string(),
            total_float: s.total_float,
            free_float: s.free_float,
            critical: s.critical,
            cannot_meet_deadline: s.cannot_meet_deadline,
            due_state: due_state(&cal, today, &t.status, t.deadline, s.early_finish),
            baseline_variance: variance,
        });
    }
    // The calendar covers the plan with a margin so scrolling past its ends
    // still shows holidays.
    let from = sched.project_start.min(today) - chrono::Duration::days(60);
    let to = sched.project_finish.max(today) + chrono::Duration::days(400);
    let days = cal
        .special_days(from, to)
        .into_iter()
        .map(|d| CalendarException {
            date: d.date.to_string(),
            working: d.working,
            name: d.name,
        })
        .collect();
    Ok(Chart {
        plan,
        today: today.to_string(),
        project_start: sched.project_start.to_string(),
        project_finish: sched.project_finish.to_string(),
        tasks: out,
        links: links
            .into_iter()
            .map(|l| ChartLink {
                id: l.id,
                pred_id: l.pred_id,
                succ_id: l.succ_id,
                kind: l.kind,
                lag: l.lag,
            })
            .collect(),
        critical_path: sched.critical_path.clone(),
        calendar: ChartCalendar {
            from: from.to_string(),
            to: to.to_string(),
            days,
        },
        baselines: super::baseline::list(conn, plan_id)?,
        baseline: baseline.map(|b| ChartBaseline {
            id: b.id,
            name: b.name,
            tasks: b.tasks,
        }),
    })
}

/// (scheduled finish, tasks closed, tasks overdue) for the plan list.
pub(crate) fn summary_counts(
    conn: &Connection,
    plan_id: i64,
) -> Result<(Option<String>, i64, i64)> {
    let (tasks, _, cal, sched) = load::schedule(conn, plan_id)?;
    let today = today();
    let mut done = 0;
    let mut overdue = 0;
    for t in tasks.iter().filter(|t| t.kind == "task") {
        let Some(s) = sched.get(t.id) else { continue };
        match due_state(&cal, today, &t.status, t.deadline, s.early_finish) {
            "done" => done += 1,
            "overdue" => overdue += 1,
            _ => {}
        }
    }
    let finish = (!tasks.is_empty()).then(|| sched.project_finish.to_string());
    Ok((finish, done, overdue))
}

impl Store {
    pub fn chart(&self, plan_id: i64, baseline_id: Option<i64>) -> Result<Chart> {
        chart(&self.conn, plan_id, baseline_id)
    }
}
