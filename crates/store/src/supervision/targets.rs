//! The supervised records (督办对象): every issued notice or order that is
//! not withdrawn, and every plan task of a plan in force, each with what its
//! nodes are computed from. Feedback rows (table `feedback`, written by the
//! feedback module) are read here only by their dates.
use super::lights::{working_days_overdue, DueState};
use super::nodes::{self, NodeState, NodeStatus, Schedule};
use crate::db::sql_err;
use crate::docs::FeedbackRule;
use crate::Result;
use chrono::{Duration, NaiveDate};
use diaodu_domain::dispatch::{DocKind, DocStatus};
use diaodu_domain::plan::TaskStatus;
use diaodu_domain::supervision::{NodeKind, TargetKind};
use diaodu_schedule::WorkCalendar;
use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;
use std::collections::HashMap;

/// How far ahead feedback nodes of a rule without an end are listed.
pub const HORIZON_DAYS: i64 = 31;

#[derive(Debug, Clone)]
pub struct Target {
    pub kind: TargetKind,
    pub id: i64,
    /// 通知单 / 调度令 / 计划任务.
    pub kind_label: String,
    /// notice / order for documents.
    pub doc_kind: Option<String>,
    pub number: Option<String>,
    pub title: String,
    pub status: String,
    pub status_label: String,
    pub plan_id: Option<i64>,
    pub plan_title: Option<String>,
    pub unit_id: Option<i64>,
    pub unit_name: String,
    pub unit_kind: Option<String>,
    pub issued_on: Option<NaiveDate>,
    pub received: bool,
    pub deadline: Option<(NaiveDate, NodeKind)>,
    pub done_on: Option<NaiveDate>,
    pub done: bool,
    pub rule: Option<FeedbackRule>,
    /// Dates of the feedback received for it, sorted.
    pub feedback: Vec<NaiveDate>,
    /// The plan tasks a document was issued for (empty for a task).
    pub task_ids: Vec<i64>,
}

pub(crate) fn date(s: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s.get(..10)?, "%Y-%m-%d").ok()
}

impl Target {
    pub fn schedule(&self, today: NaiveDate) -> Schedule<'_> {
        Schedule {
            issued: self.issued_on,
            rule: self.rule.as_ref(),
            deadline: self.deadline,
            done_on: self.done_on,
            horizon: Some(today + Duration::days(HORIZON_DAYS)),
        }
    }

    pub fn statuses(&self, cal: &WorkCalendar, today: NaiveDate) -> Vec<NodeStatus> {
        let n = nodes::nodes(&self.schedule(today), cal);
        nodes::evaluate(&n, self.issued_on, &self.feedback, self.done_on, today)
    }

    pub fn light(&self, statuses: &[NodeStatus], cal: &WorkCalendar, today: NaiveDate) -> DueState {
        nodes::light(statuses, self.done, cal, today)
    }

    pub fn target_code(&self) -> &'static str {
        self.kind.code()
    }

    /// 晋源党调令〔2026〕3号《…》, or the task's name.
    pub fn display_name(&self) -> String {
        match &self.number {
            Some(n) => format!("{n}《{}》", self.title),
            None => self.title.clone(),
        }
    }
}

/// One node as the UI shows it.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct NodeView {
    pub kind: &'static str,
    pub kind_label: &'static str,
    pub date: String,
    pub effective: String,
    pub window_start: String,
    pub state: &'static str,
    pub state_label: &'static str,
    pub met_on: Option<String>,
    pub due_state: &'static str,
}

impl NodeView {
    pub fn of(s: &NodeStatus, cal: &WorkCalendar, today: NaiveDate) -> NodeView {
        let light = match s.state {
            NodeState::OnTime | NodeState::Late => DueState::Done,
            _ => super::lights::due_light(cal, today, false, Some(s.node.date)),
        };
        NodeView {
            kind: s.node.kind.code(),
            kind_label: s.node.kind.label(),
            date: s.node.date.to_string(),
            effective: s.node.effective.to_string(),
            window_start: s.window_start.to_string(),
            state: s.state.code(),
            state_label: s.state.label(),
            met_on: s.met_on.map(|d| d.to_string()),
            due_state: light.code(),
        }
    }
}

/// A supervised record as lists show it (reminder list, dashboard).
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SupervisedItem {
    pub target_kind: &'static str,
    pub target_id: i64,
    pub kind_label: String,
    pub doc_kind: Option<String>,
    pub number: Option<String>,
    pub title: String,
    pub status: String,
    pub status_label: String,
    pub plan_id: Option<i64>,
    pub plan_title: Option<String>,
    pub unit_id: Option<i64>,
    pub unit_name: String,
    pub issued_on: Option<String>,
    pub deadline: Option<String>,
    pub done_on: Option<String>,
    pub due_state: &'static str,
    pub due_label: &'static str,
    /// The first node still open (pending or missing).
    pub next_node: Option<NodeView>,
    pub missing: Vec<NodeView>,
    /// Working days since the earliest missing node's date.
    pub overdue_days: i64,
    pub last_feedback: Option<String>,
}

impl SupervisedItem {
    pub fn of(t: &Target, cal: &WorkCalendar, today: NaiveDate) -> SupervisedItem {
        let st = t.statuses(cal, today);
        let light = t.light(&st, cal, today);
        let missing: Vec<NodeView> = st
            .iter()
            .filter(|s| s.state == NodeState::Missing)
            .map(|s| NodeView::of(s, cal, today))
            .collect();
        let overdue_days = st
            .iter()
            .find(|s| s.state == NodeState::Missing)
            .map(|s| working_days_overdue(cal, s.node.date, today))
            .unwrap_or(0);
        SupervisedItem {
            target_kind: t.kind.code(),
            target_id: t.id,
            kind_label: t.kind_label.clone(),
            doc_kind: t.doc_kind.clone(),
            number: t.number.clone(),
            title: t.title.clone(),
            status: t.status.clone(),
            status_label: t.status_label.clone(),
            plan_id: t.plan_id,
            plan_title: t.plan_title.clone(),
            unit_id: t.unit_id,
            unit_name: t.unit_name.clone(),
            issued_on: t.issued_on.map(|d| d.to_string()),
            deadline: t.deadline.map(|(d, _)| d.to_string()),
            done_on: t.done_on.map(|d| d.to_string()),
            due_state: light.code(),
            due_label: light.label(),
            next_node: st
                .iter()
                .find(|s| matches!(s.state, NodeState::Missing | NodeState::Pending))
                .map(|s| NodeView::of(s, cal, today)),
            missing,
            overdue_days,
            last_feedback: t.feedback.last().map(|d| d.to_string()),
        }
    }
}

/// Feedback dates of every target, sorted.
pub(crate) fn feedback_dates(conn: &Connection) -> Result<HashMap<(String, i64), Vec<NaiveDate>>> {
    let mut stmt = conn
        .prepare_cached(
            "SELECT target_kind, target_id, reported_on FROM feedback ORDER BY reported_on, id",
        )
        .map_err(sql_err)?;
    let rows = stmt
        .query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, String>(2)?,
            ))
        })
        .map_err(sql_err)?;
    let mut out: HashMap<(String, i64), Vec<NaiveDate>> = HashMap::new();
    for row in rows {
        let (k, id, on) = row.map_err(sql_err)?;
        if let Some(d) = date(&on) {
            out.entry((k, id)).or_default().push(d);
        }
    }
    Ok(out)
}

/// Feedback dates of one target, sorted.
pub(crate) fn feedback_of(conn: &Connection, kind: &str, id: i64) -> Result<Vec<NaiveDate>> {
    let mut stmt = conn
        .prepare_cached(
            "SELECT reported_on FROM feedback WHERE target_kind = ?1 AND target_id = ?2 ORDER BY reported_on",
        )
        .map_err(sql_err)?;
    let rows = stmt
        .query_map(params![kind, id], |r| r.get::<_, String>(0))
        .map_err(sql_err)?
        .collect::<std::result::Result<Vec<_>, _>>()
        .map_err(sql_err)?;
    Ok(rows.iter().filter_map(|s| date(s)).collect())
}

/// The parts of a document row that supervision needs.
pub(crate) struct DocFacts<'a> {
    pub id: i64,
    pub kind: &'a str,
    pub status: &'a str,
    pub signed_at: Option<&'a str>,
    pub deadline: Option<&'a str>,
    pub completed_at: Option<&'a str>,
    pub rule: &'a FeedbackRule,
}

/// Whether a document in this status is under supervision (issued, not withdrawn).
pub(crate) fn supervised_status(status: &str) -> bool {
    matches!(status, "issued" | "received" | "in_progress" | "completed")
}

/// The light of one document (the documents list and detail).
pub(crate) fn doc_light(
    conn: &Connection,
    cal: &WorkCalendar,
    today: NaiveDate,
    d: &DocFacts<'_>,
) -> Result<DueState> {
    if !supervised_status(d.status) {
        return Ok(DueState::None);
    }
    let t = Target {
        kind: TargetKind::Document,
        id: d.id,
        kind_label: String::new(),
        doc_kind: Some(d.kind.into()),
        number: None,
        title: String::new(),
        status: d.status.into(),
        status_label: String::new(),
        plan_id: None,
        plan_title: None,
        unit_id: None,
        unit_name: String::new(),
        unit_kind: None,
        issued_on: d.signed_at.and_then(date),
        received: false,
        deadline: d.deadline.and_then(date).map(|x| (x, NodeKind::Deadline)),
        done_on: d.completed_at.and_then(date),
        done: d.status == "completed",
        rule: Some(d.rule.clone()),
        feedback: feedback_of(conn, "document", d.id)?,
        task_ids: Vec::new(),
    };
    let st = t.statuses(cal, today);
    Ok(t.light(&st, cal, today))
}

/// Supervised documents (all, or the one with id `only`).
fn doc_targets(
    conn: &Connection,
    feedback: &HashMap<(String, i64), Vec<NaiveDate>>,
    only: Option<i64>,
) -> Result<Vec<Target>> {
    let mut stmt = conn
        .prepare_cached(
            "SELECT d.id, d.kind, d.status, d.title, d.number, d.target_unit_id, u.name, u.kind, d.signed_at,
                    d.received_at, d.deadline, d.completed_at, d.feedback_rule, d.task_ids
             FROM dispatch_doc d JOIN unit u ON u.id = d.target_unit_id
             WHERE d.status IN ('issued', 'received', 'in_progress', 'completed') AND (?1 IS NULL OR d.id = ?1)
             ORDER BY d.id",
        )
        .map_err(sql_err)?;
    let rows = stmt
        .query_map([only], |r| {
            let kind: String = r.get(1)?;
            let status: String = r.get(2)?;
            let signed: Option<String> = r.get(8)?;
            let received: Option<String> = r.get(9)?;
            let deadline: Option<String> = r.get(10)?;
            let completed: Option<String> = r.get(11)?;
            let rule: String = r.get(12)?;
            let tasks: String = r.get(13)?;
            let id: i64 = r.get(0)?;
            Ok((Target {
                kind: TargetKind::Document,
                id,
                kind_label: DocKind::parse(&kind)
                    .map(|k| k.label())
                    .unwrap_or("")
                    .into(),
                doc_kind: Some(kind),
                number: r.get(4)?,
                title: r.get(3)?,
                status_label: DocStatus::parse(&status)
                    .map(|s| s.label())
                    .unwrap_or("")
                    .into(),
                done: status == "completed",
                status,
                plan_id: None,
                plan_title: None,
                unit_id: r.get(5)?,
                unit_name: r.get(6)?,
                unit_kind: r.get(7)?,
                issued_on: signed.as_deref().and_then(date),
                received: received.is_some(),
                deadline: deadline
                    .as_deref()
                    .and_then(date)
                    .map(|d| (d, NodeKind::Deadline)),
                done_on: completed.as_deref().and_then(date),
                rule: serde_json::from_str(&rule).ok(),
                feedback: feedback
                    .get(&("document".to_string(), id))
                    .cloned()
                    .unwrap_or_default(),
                task_ids: serde_json::from_str::<Vec<i64>>(&tasks).unwrap_or_default(),
            },))
        })
        .map_err(sql_err)?
        .collect::<std::result::Result<Vec<_>, _>>()
        .map_err(sql_err)?;
    let mut out = Vec::with_capacity(rows.len());
    for (mut t,) in rows {
        // The plan a document serves, through its first task.
        if let Some(task) = t.task_ids.first() {
            if let Some((pid, title)) = conn
                .query_row(
                    "SELECT p.id, p.title FROM task t JOIN plan p ON p.id = t.plan_id WHERE t.id = ?1",
                    [task],
                    |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)),
                )
                .optional()
                .map_err(sql_err)?
            {
                t.plan_id = Some(pid);
                t.plan_title = Some(title);
            }
        }
        out.push(t);
    }
    Ok(out)
}

/// When a closed task was done: its actual finish, else the office's
/// close-out, else the last change of the row.
fn task_done_on(
    conn: &Connection,
    id: i64,
    actual_finish: Option<NaiveDate>,
) -> Result<Option<NaiveDate>> {
    if actual_finish.is_some() {
        return Ok(actual_finish);
    }
    let closed: Option<String> = conn
        .query_row(
            "SELECT closed_at FROM loop_closure WHERE target_kind = 'task' AND target_id = ?1 AND reopened_at IS NULL
             ORDER BY id DESC LIMIT 1",
            [id],
            |r| r.get(0),
        )
        .optional()
        .map_err(sql_err)?;
    if let Some(d) = closed.as_deref().and_then(date) {
        return Ok(Some(d));
    }
    let updated: Option<String> = conn
        .query_row("SELECT updated_at FROM task WHERE id = ?1", [id], |r| {
            r.get(0)
        })
        .optional()
        .map_err(sql_err)?;
    Ok(updated.as_deref().and_then(date))
}

/// Tasks of the plans in force (all, or of the plan `only`).
fn task_targets(
    conn: &Connection,
    feedback: &HashMap<(String, i64), Vec<NaiveDate>>,
    only: Option<i64>,
) -> Result<Vec<Target>> {
    let plans: Vec<(i64, String)> = {
        let mut stmt = conn
            .prepare_cached(
                "SELECT id, title FROM plan WHERE archived_at IS NULL AND (?1 IS NULL OR id = ?1) ORDER BY id",
            )
            .map_err(sql_err)?;
        let rows = stmt
            .query_map([only], |r| Ok((r.get(0)?, r.get(1)?)))
            .map_err(sql_err)?
            .collect::<std::result::Result<Vec<_>, _>>()
            .map_err(sql_err)?;
        rows
    };
    let units: HashMap<i64, (String, String)> = {
        let mut stmt = conn
            .prepare_cached("SELECT id, name, kind FROM unit")
            .map_err(sql_err)?;
        let rows = stmt
            .query_map([], |r| Ok((r.get(0)?, (r.get(1)?, r.get(2)?))))
            .map_err(sql_err)?
            .collect::<std::result::Result<HashMap<_, _>, _>>()
            .map_err(sql_err)?;
        rows
    };
    let mut out = Vec::new();
    for (plan_id, plan_title) in plans {
        for (t, _start, finish) in crate::plans::scheduled_tasks(conn, plan_id)? {
            // A cancelled task (撤销) is kept, but no longer supervised.
            if t.kind != "task" || t.status == TaskStatus::Cancelled.code() {
                continue;
            }
            let closed = t.status == TaskStatus::Closed.code();
            let done_on = if closed {
                task_done_on(conn, t.id, t.actual_finish)?
            } else {
                None
            };
            let unit = t.lead_unit_id.and_then(|u| units.get(&u));
            out.push(Target {
                kind: TargetKind::Task,
                id: t.id,
                kind_label: TargetKind::Task.label().into(),
                doc_kind: None,
                number: None,
                title: t.name.clone(),
                status_label: TaskStatus::parse(&t.status)
                    .map(|s| s.label())
                    .unwrap_or("")
                    .into(),
                status: t.status.clone(),
                plan_id: Some(plan_id),
                plan_title: Some(plan_title.clone()),
                unit_id: t.lead_unit_id,
                unit_name: unit.map(|u| u.0.clone()).unwrap_or_default(),
                unit_kind: unit.map(|u| u.1.clone()),
                issued_on: None,
                received: true,
                deadline: Some(match t.deadline {
                    Some(d) => (d, NodeKind::Deadline),
                    None => (finish, NodeKind::Finish),
                }),
                done_on,
                done: closed,
                rule: None,
                feedback: feedback
                    .get(&("task".to_string(), t.id))
                    .cloned()
                    .unwrap_or_default(),
                task_ids: Vec::new(),
            });
        }
    }
    Ok(out)
}

/// Every supervised record: documents first (newest last), then plan tasks
/// in outline order.
pub(crate) fn load_targets(conn: &Connection) -> Result<Vec<Target>> {
    let feedback = feedback_dates(conn)?;
    let mut out = doc_targets(conn, &feedback, None)?;
    out.extend(task_targets(conn, &feedback, None)?);
    Ok(out)
}

/// One supervised record, or `None` when it is not under supervision (a
/// draft, a withdrawn document, a stage, an archived plan's task). Reads
/// only that document, or schedules only that task's plan.
pub(crate) fn load_target(conn: &Connection, kind: TargetKind, id: i64) -> Result<Option<Target>> {
    let mut feedback = HashMap::new();
    feedback.insert(
        (kind.code().to_string(), id),
        feedback_of(conn, kind.code(), id)?,
    );
    let found = match kind {
        TargetKind::Document => doc_targets(conn, &feedback, Some(id))?,
        TargetKind::Task => {
            let plan: Option<i64> = conn
                .query_row("SELECT plan_id FROM task WHERE id = ?1", [id], |r| r.get(0))
                .optional()
                .map_err(sql_err)?;
            match plan {
                Some(p) => task_targets(conn, &feedback, Some(p))?,
                None => Vec::new(),
            }
        }
    };
    Ok(found.into_iter().find(|t| t.kind == kind && t.id == id))
}
