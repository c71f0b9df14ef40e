//! Reading a plan's tasks and links as the scheduler and the chart need them.
use crate::db::sql_err;
use crate::Result;
use chrono::NaiveDate;
use diaodu_schedule::{CalendarOverride, Link, LinkKind, Task, WorkCalendar};
use rusqlite::Connection;
use std::collections::HashMap;

#[derive(Debug, Clone)]
pub(crate) struct TaskRow {
    pub id: i64,
    pub parent_id: Option<i64>,
    pub position: i64,
    pub kind: String,
    pub name: String,
    pub goal: String,
    pub content: String,
    pub lead_unit_id: Option<i64>,
    pub cooperating_unit_ids: Vec<i64>,
    pub person_id: Option<i64>,
    pub start: Option<NaiveDate>,
    pub duration: i64,
    pub deadline: Option<NaiveDate>,
    pub progress: i64,
    pub status: String,
    pub actual_start: Option<NaiveDate>,
    pub actual_finish: Option<NaiveDate>,
    pub external_uid: Option<String>,
}

#[derive(Debug, Clone)]
pub(crate) struct LinkRow {
    pub id: i64,
    pub pred_id: i64,
    pub succ_id: i64,
    pub kind: String,
    pub lag: i64,
}

fn date(s: Option<String>) -> Option<NaiveDate> {
    s.and_then(|s| NaiveDate::parse_from_str(&s, "%Y-%m-%d").ok())
}

pub(crate) const TASK_COLS: &str =
    "id, parent_id, position, kind, name, goal, content, lead_unit_id,
    cooperating_unit_ids, person_id, start_date, duration, deadline, progress, status,
    actual_start, actual_finish, external_uid";

pub(crate) fn task_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<TaskRow> {
    let coop: String = r.get(8)?;
    Ok(TaskRow {
        id: r.get(0)?,
        parent_id: r.get(1)?,
        position: r.get(2)?,
        kind: r.get(3)?,
        name: r.get(4)?,
        goal: r.get(5)?,
        content: r.get(6)?,
        lead_unit_id: r.get(7)?,
        cooperating_unit_ids: serde_json::from_str(&coop).unwrap_or_default(),
        person_id: r.get(9)?,
        start: date(r.get(10)?),
        duration: r.get(11)?,
        deadline: date(r.get(12)?),
        progress: r.get(13)?,
        status: r.get(14)?,
        actual_start: date(r.get(15)?),
        actual_finish: date(r.get(16)?),
        external_uid: r.get(17)?,
    })
}

/// The plan's tasks in outline order: depth first, siblings by position.
pub(crate) fn tasks(conn: &Connection, plan_id: i64) -> Result<Vec<TaskRow>> {
    let mut stmt = conn
        .prepare_cached(&format!(
            "SELECT {TASK_COLS} FROM task WHERE plan_id = ?1 ORDER BY position, id"
        ))
        .map_err(sql_err)?;
    let rows: Vec<TaskRow> = stmt
        .query_map([plan_id], task_from_row)
        .map_err(sql_err)?
        .collect::<std::result::Result<_, _>>()
        .map_err(sql_err)?;
    Ok(outline_order(rows))
}

fn outline_order(rows: Vec<TaskRow>) -> Vec<TaskRow> {
    let ids: std::collections::HashSet<i64> = rows.iter().map(|t| t.id).collect();
    let mut children: HashMap<Option<i64>, Vec<usize>> = HashMap::new();
    for (i, t) in rows.iter().enumerate() {
        // A dangling parent would hide the task; show it at the top instead.
        let parent = t.parent_id.filter(|p| ids.contains(p));
        children.entry(parent).or_default().push(i);
    }
    let mut order = Vec::with_capacity(rows.len());
    let mut stack: Vec<usize> = children
        .get(&None)
        .map(|v| v.iter().rev().copied().collect())
        .unwrap_or_default();
    let mut seen = vec![false; rows.len()];
    while let Some(i) = stack.pop() {
        if std::mem::replace(&mut seen[i], true) {
            continue;
        }
        order.push(i);
        if let Some(kids) = children.get(&Some(rows[i].id)) {
            stack.extend(kids.iter().rev().copied());
        }
    }
    let mut slots: Vec<Option<TaskRow>> = rows.into_iter().map(Some).collect();
    order.into_iter().filter_map(|i| slots[i].take()).collect()
}

pub(crate) fn links(conn: &Connection, plan_id: i64) -> Result<Vec<LinkRow>> {
    let mut stmt = conn
        .prepare_cached(
            "SELECT id, pred_id, succ_id, kind, lag FROM task_link WHERE plan_id = ?1 ORDER BY id",
        )
        .map_err(sql_err)?;
    let rows = stmt
        .query_map([plan_id], |r| {
            Ok(LinkRow {
                id: r.get(0)?,
                pred_id: r.get(1)?,
                succ_id: r.get(2)?,
                kind: r.get(3)?,
                lag: r.get(4)?,
            })
        })
        .map_err(sql_err)?
        .collect::<std::result::Result<_, _>>()
        .map_err(sql_err)?;
    Ok(rows)
}

pub(crate) fn link_kind(code: &str) -> LinkKind {
    match code {
        "SS" => LinkKind::StartToStart,
        "FF" => LinkKind::FinishToFinish,
        "SF" => LinkKind::StartToFinish,
        _ => LinkKind::FinishToStart,
    }
}

pub(crate) fn calendar(conn: &Connection) -> Result<WorkCalendar> {
    let mut stmt = conn
        .prepare_cached("SELECT date, working, name FROM calendar_day")
        .map_err(sql_err)?;
    let overrides: Vec<CalendarOverride> = stmt
        .query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, String>(2)?,
            ))
        })
        .map_err(sql_err)?
        .filter_map(|r| r.ok())
        .filter_map(|(d, w, name)| {
            NaiveDate::parse_from_str(&d, "%Y-%m-%d")
                .ok()
                .map(|date| CalendarOverride {
                    date,
                    working: w != 0,
                    name,
                })
        })
        .collect();
    WorkCalendar::new(&overrides).map_err(super::schedule_err)
}

pub(crate) fn scheduler_input(tasks: &[TaskRow], links: &[LinkRow]) -> (Vec<Task>, Vec<Link>) {
    let t = tasks
        .iter()
        .map(|r| Task {
            id: r.id,
            name: r.name.clone(),
            parent: r.parent_id,
            duration: r.duration.clamp(0, u32::MAX as i64) as u32,
            start_no_earlier_than: r.start,
            deadline: r.deadline,
            actual_start: r.actual_start,
            actual_finish: r.actual_finish,
        })
        .collect();
    let l = links
        .iter()
        .map(|l| {
            Link::new(
                l.pred_id,
                l.succ_id,
                link_kind(&l.kind),
                l.lag.clamp(i32::MIN as i64, i32::MAX as i64) as i32,
            )
        })
        .collect();
    (t, l)
}

pub(crate) fn plan_start(conn: &Connection, plan_id: i64) -> Result<NaiveDate> {
    let s: String = conn
        .query_row(
            "SELECT start_date FROM plan WHERE id = ?1",
            [plan_id],
            |r| r.get(0),
        )
        .map_err(sql_err)?;
    NaiveDate::parse_from_str(&s, "%Y-%m-%d")
        .map_err(|_| diaodu_domain::CoreError::storage("计划开始日期损坏"))
}

/// Schedules the plan as stored (inside the caller's transaction, if any).
pub(crate) fn schedule(
    conn: &Connection,
    plan_id: i64,
) -> Result<(
    Vec<TaskRow>,
    Vec<LinkRow>,
    WorkCalendar,
    diaodu_schedule::Schedule,
)> {
    let tasks = tasks(conn, plan_id)?;
    let links = links(conn, plan_id)?;
    let cal = calendar(conn)?;
    let (t, l) = scheduler_input(&tasks, &links);
    let start = plan_start(conn, plan_id)?;
    let s = diaodu_schedule::schedule(&t, &l, &cal, start).map_err(super::schedule_err)?;
    Ok((tasks, links, cal, s))
}
