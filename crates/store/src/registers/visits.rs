//! 帮扶走访: a leader's visits to an assistance point (领导帮扶点), each with
//! the problems raised there and what became of every problem: a task of a
//! plan, a rectification item under 三定, or solved on the spot. The task or
//! the item is created in one step from the visit, in the same transaction
//! as the link, and points back to it (the rectification's source is
//! `visit:<id>`, the task's timeline begins with the visit).
use super::{active_leader, rows, short, today};
use crate::audit::{diff, record};
use crate::db::{commit, json_ids, sql_err, Actor, Store};
use crate::{now_text, Result};
use diaodu_domain::closed_loop::RectificationStatus;
use diaodu_domain::plan::TaskStatus;
use diaodu_domain::registers::{self as reg, ProblemOutcome};
use diaodu_domain::{validate, CoreError, Permission};
use rusqlite::{params, Connection, OptionalExtension, Row, Transaction};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

const MAX_PROBLEMS: usize = 30;
const PROBLEM_MAX_CHARS: usize = 500;

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct VisitProblem {
    pub id: i64,
    pub visit_id: i64,
    pub text: String,
    /// pending, task, rectification or onsite.
    pub outcome: String,
    pub outcome_label: String,
    pub task_id: Option<i64>,
    pub task_name: Option<String>,
    pub plan_id: Option<i64>,
    pub rectification_id: Option<i64>,
    pub rectification_item: Option<String>,
    /// Where the task or the rectification stands now (计划安排 … 完成闭合,
    /// 整改中 … 已销号); empty when pending or solved on the spot.
    pub progress_label: String,
    /// The task closed, the item closed out (销号) or solved on the spot.
    pub solved: bool,
    /// The day it was solved.
    pub solved_on: Option<String>,
    /// What was done on the spot.
    pub solution: String,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct Visit {
    pub id: i64,
    pub point_id: i64,
    pub branch_id: i64,
    pub branch_name: String,
    pub leader_id: i64,
    pub leader_name: String,
    pub leader_title: String,
    pub visited_on: String,
    pub summary: String,
    pub problems: Vec<VisitProblem>,
    pub problem_count: usize,
    pub solved_count: usize,
    /// The assistance point has ended (its visits stay on record).
    pub point_ended: bool,
    pub created_at: String,
    pub updated_at: String,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct VisitInput {
    pub point_id: i64,
    pub visited_on: String,
    /// Default: the point's leader.
    pub leader_id: Option<i64>,
    /// 走访情况.
    pub summary: String,
    /// Problems raised, one per entry (new ones when editing).
    pub problems: Vec<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct VisitFilter {
    pub point_id: Option<i64>,
    pub year: Option<i32>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ProblemToTask {
    pub problem_id: i64,
    /// Default: this year's plan of problems raised on visits (日常调度).
    pub plan_id: Option<i64>,
    /// Default: from the problem's text.
    pub name: String,
    /// Default: the branch visited.
    pub lead_unit_id: Option<i64>,
    pub deadline: String,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ProblemToRectification {
    pub problem_id: i64,
    /// 三定: 项目名称, 责任人, 完成时限.
    pub item_name: String,
    pub person_name: String,
    pub deadline: String,
    /// Default: the branch visited.
    pub unit_id: Option<i64>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ProblemSolvedInput {
    pub problem_id: i64,
    pub solved_on: String,
    pub solution: String,
}

const VISIT_SELECT: &str =
    "SELECT v.id, v.point_id, a.branch_id, u.name, v.leader_id, p.name, p.title,
    v.visited_on, v.summary, a.ended_at, v.created_at, v.updated_at
    FROM assistance_visit v JOIN assistance_point a ON a.id = v.point_id
    JOIN unit u ON u.id = a.branch_id JOIN person p ON p.id = v.leader_id";

fn visit_from_row(r: &Row<'_>) -> rusqlite::Result<Visit> {
    Ok(Visit {
        id: r.get(0)?,
        point_id: r.get(1)?,
        branch_id: r.get(2)?,
        branch_name: r.get(3)?,
        leader_id: r.get(4)?,
        leader_name: r.get(5)?,
        leader_title: r.get(6)?,
        visited_on: r.get(7)?,
        summary: r.get(8)?,
        point_ended: r.get::<_, Option<String>>(9)?.is_some(),
        created_at: r.get(10)?,
        updated_at: r.get(11)?,
        problems: Vec::new(),
        problem_count: 0,
        solved_count: 0,
    })
}

const PROBLEM_SELECT: &str = "SELECT q.id, q.visit_id, q.text, t.id, t.name, t.plan_id, t.status,
    (SELECT MAX(c.closed_at) FROM loop_closure c WHERE c.target_kind = 'task' AND c.target_id = t.id
       AND c.reopened_at IS NULL),
    t.actual_finish, r.id, r.item_name, r.status, r.closed_on, q.solved_on, q.solution
    FROM visit_problem q LEFT JOIN task t ON t.id = q.task_id
    LEFT JOIN rectification r ON r.id = q.rectification_id";

fn problem_from_row(r: &Row<'_>) -> rusqlite::Result<VisitProblem> {
    let task_id: Option<i64> = r.get(3)?;
    let task_status: Option<String> = r.get(6)?;
    let closure: Option<String> = r.get(7)?;
    let finish: Option<String> = r.get(8)?;
    let rect_id: Option<i64> = r.get(9)?;
    let rect_status: Option<String> = r.get(11)?;
    let rect_closed: Option<String> = r.get(12)?;
    let onsite: Option<String> = r.get(13)?;
    let day = |s: Option<String>| s.and_then(|s| s.get(..10).map(str::to_string));
    let (outcome, progress, solved_on) = if task_id.is_some() {
        let status = task_status.unwrap_or_default();
        let closed = status == TaskStatus::Closed.code();
        let label = TaskStatus::parse(&status).map(|s| s.label()).unwrap_or("");
        let on = closed.then(|| day(closure).or(day(finish))).flatten();
        (ProblemOutcome::Task, label.to_string(), on)
    } else if rect_id.is_some() {
        let status = rect_status.unwrap_or_default();
        let label = RectificationStatus::parse(&status)
            .map(|s| s.label())
            .unwrap_or("");
        let closed = status == RectificationStatus::Closed.code();
        let on = closed.then(|| day(rect_closed)).flatten();
        (ProblemOutcome::Rectification, label.to_string(), on)
    } else if onsite.is_some() {
        (ProblemOutcome::Onsite, String::new(), onsite)
    } else {
        (ProblemOutcome::Pending, String::new(), None)
    };
    Ok(VisitProblem {
        id: r.get(0)?,
        visit_id: r.get(1)?,
        text: r.get(2)?,
        outcome: outcome.code().into(),
        outcome_label: outcome.label().into(),
        task_id,
        task_name: r.get(4)?,
        plan_id: r.get(5)?,
        rectification_id: rect_id,
        rectification_item: r.get(10)?,
        progress_label: progress,
        solved: solved_on.is_some(),
        solved_on,
        solution: r.get(14)?,
    })
}

/// Every problem (for the annual figures).
pub(crate) fn all_problems(conn: &Connection) -> Result<Vec<VisitProblem>> {
    rows(
        conn,
        &format!("{PROBLEM_SELECT} ORDER BY q.id"),
        [],
        problem_from_row,
    )
}

fn problems_of(conn: &Connection, visit_ids: &[i64]) -> Result<HashMap<i64, Vec<VisitProblem>>> {
    let mut out: HashMap<i64, Vec<VisitProblem>> = HashMap::new();
    for p in rows(
        conn,
        &format!(
            "{PROBLEM_SELECT} WHERE q.visit_id IN (SELECT value FROM json_each(?1))
             ORDER BY q.visit_id, q.position, q.id"
        ),
        [json_ids(visit_ids)],
        problem_from_row,
    )? {
        out.entry(p.visit_id).or_default().push(p);
    }
    Ok(out)
}

fn with_problems(conn: &Connection, mut visits: Vec<Visit>) -> Result<Vec<Visit>> {
    let ids: Vec<i64> = visits.iter().map(|v| v.id).collect();
    let mut problems = problems_of(conn, &ids)?;
    for v in &mut visits {
        v.problems = problems.remove(&v.id).unwrap_or_default();
        v.problem_count = v.problems.len();
        v.solved_count = v.problems.iter().filter(|p| p.solved).count();
    }
    Ok(visits)
}

pub(crate) fn visit_in(conn: &Connection, id: i64) -> Result<Visit> {
    let v = conn
        .query_row(
            &format!("{VISIT_SELECT} WHERE v.id = ?1"),
            [id],
            visit_from_row,
        )
        .optional()
        .map_err(sql_err)?
        .ok_or_else(|| CoreError::not_found("走访记录不存在"))?;
    Ok(with_problems(conn, vec![v])?.remove(0))
}

fn problem_in(conn: &Connection, id: i64) -> Result<VisitProblem> {
    reg::id("problemId", "问题", id)?;
    conn.query_row(
        &format!("{PROBLEM_SELECT} WHERE q.id = ?1"),
        [id],
        problem_from_row,
    )
    .optional()
    .map_err(sql_err)?
    .ok_or_else(|| CoreError::not_found("走访问题不存在"))
}

/// A problem not yet turned into anything.
fn pending_problem(conn: &Connection, id: i64) -> Result<(VisitProblem, Visit)> {
    let p = problem_in(conn, id)?;
    if p.outcome != ProblemOutcome::Pending.code() {
        let what = match p.outcome.as_str() {
            "task" => format!("已转为任务“{}”", p.task_name.clone().unwrap_or_default()),
            "rectification" => format!(
                "已转为整改事项“{}”",
                p.rectification_item.clone().unwrap_or_default()
            ),
            _ => "已现场解决".into(),
        };
        return Err(CoreError::conflict(format!("该问题{what}，不能再次处理")));
    }
    let v = visit_in(conn, p.visit_id)?;
    Ok((p, v))
}

/// What follows from a visit (a deadline, a solution) is dated on or after it.
fn not_before_visit(v: &Visit, field: &str, label: &str, d: chrono::NaiveDate) -> Result<()> {
    if d.to_string() < v.visited_on {
        return Err(CoreError::validation(
            field,
            format!("{label}不能早于走访日期 {}", v.visited_on),
        ));
    }
    Ok(())
}

fn checked_problems(texts: &[String]) -> Result<Vec<String>> {
    let list: Vec<String> = texts
        .iter()
        .map(|t| validate::optional_text("problems", "问题", t, PROBLEM_MAX_CHARS))
        .collect::<Result<Vec<_>>>()?
        .into_iter()
        .filter(|t| !t.is_empty())
        .collect();
    if list.len() > MAX_PROBLEMS {
        return Err(CoreError::validation(
            "problems",
            format!("一次走访最多登记{MAX_PROBLEMS}个问题"),
        ));
    }
    Ok(list)
}

struct Point {
    branch: String,
    leader_id: i64,
    ended_on: Option<String>,
}

fn point_in(conn: &Connection, id: i64) -> Result<Point> {
    if id <= 0 {
        return Err(CoreError::validation("pointId", "请选择帮扶点"));
    }
    conn.query_row(
        "SELECT u.name, a.leader_id, a.ended_at FROM assistance_point a
         JOIN unit u ON u.id = a.branch_id WHERE a.id = ?1",
        [id],
        |r| {
            Ok(Point {
                branch: r.get(0)?,
                leader_id: r.get(1)?,
                ended_on: r
                    .get::<_, Option<String>>(2)?
                    .and_then(|s| s.get(..10).map(str::to_string)),
            })
        },
    )
    .optional()
    .map_err(sql_err)?
    .ok_or_else(|| CoreError::validation("pointId", "帮扶点不存在，请重新选择"))
}

/// The visit's date, leader and summary checked against its point.
fn checked_visit(
    conn: &Connection,
    point: &Point,
    input: &VisitInput,
) -> Result<(String, i64, String, String)> {
    let on = reg::past_date("visitedOn", "走访日期", &input.visited_on, today())?;
    if let Some(end) = &point.ended_on {
        if on.to_string() > *end {
            return Err(CoreError::validation(
                "visitedOn",
                format!("该帮扶点已于 {end} 结束，走访日期不能晚于结束日期"),
            ));
        }
    }
    let leader_id = input.leader_id.unwrap_or(point.leader_id);
    let (leader, _) = active_leader(conn, leader_id, "leaderId")?;
    let summary = validate::optional_text("summary", "走访情况", &input.summary, 2000)?;
    Ok((on.to_string(), leader_id, leader, summary))
}

fn insert_problems(tx: &Transaction<'_>, visit_id: i64, texts: &[String]) -> Result<()> {
    let start: i64 = tx
        .query_row(
            "SELECT COALESCE(MAX(position), 0) FROM visit_problem WHERE visit_id = ?1",
            [visit_id],
            |r| r.get(0),
        )
        .map_err(sql_err)?;
    let now = now_text();
    for (i, t) in texts.iter().enumerate() {
        tx.execute(
            "INSERT INTO visit_problem (visit_id, position, text, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?4)",
            params![visit_id, start + 1 + i as i64, t, now],
        )
        .map_err(sql_err)?;
    }
    Ok(())
}

fn visit_json(v: &Visit) -> serde_json::Value {
    serde_json::json!({"visitedOn": v.visited_on, "leader": v.leader_name, "branch": v.branch_name,
        "summary": v.summary})
}

impl Store {
    /// Visits, newest first, with their problems.
    pub fn list_visits(&self, filter: &VisitFilter) -> Result<Vec<Visit>> {
        if let Some(y) = filter.year {
            if !(2000..=2100).contains(&y) {
                return Err(CoreError::validation("year", "年份应在2000到2100之间"));
            }
        }
        let visits = rows(
            &self.conn,
            &format!(
                "{VISIT_SELECT} WHERE (?1 IS NULL OR v.point_id = ?1)
                 AND (?2 IS NULL OR substr(v.visited_on, 1, 4) = ?2)
                 ORDER BY v.visited_on DESC, v.id DESC"
            ),
            params![filter.point_id, filter.year.map(|y| format!("{y:04}"))],
            visit_from_row,
        )?;
        with_problems(&self.conn, visits)
    }

    pub fn get_visit(&self, id: i64) -> Result<Visit> {
        reg::id("id", "走访记录", id)?;
        visit_in(&self.conn, id)
    }

    pub fn create_visit(&mut self, actor: &Actor, input: &VisitInput) -> Result<Visit> {
        actor.require(Permission::EditRecords)?;
        let problems = checked_problems(&input.problems)?;
        let tx = self.tx()?;
        let point = point_in(&tx, input.point_id)?;
        let (on, leader_id, leader, summary) = checked_visit(&tx, &point, input)?;
        let now = now_text();
        tx.execute(
            "INSERT INTO assistance_visit (point_id, visited_on, leader_id, summary, created_by, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)",
            params![input.point_id, on, leader_id, summary, actor.user_id, now],
        )
        .map_err(sql_err)?;
        let id = tx.last_insert_rowid();
        insert_problems(&tx, id, &problems)?;
        record(
            &tx,
            actor,
            "visit",
            Some(id),
            "create",
            &format!(
                "登记帮扶走访：{on} {leader}到{}，提出问题{}个",
                point.branch,
                problems.len()
            ),
            serde_json::json!({"visitedOn": on, "leader": leader, "branch": point.branch,
                "summary": summary, "problems": problems}),
        )?;
        let v = visit_in(&tx, id)?;
        commit(tx)?;
        Ok(v)
    }

    /// Changes the date, the leader and the summary; problems in the input
    /// are added to the visit's list. The point stays the one visited.
    pub fn update_visit(&mut self, actor: &Actor, id: i64, input: &VisitInput) -> Result<Visit> {
        actor.require(Permission::EditRecords)?;
        reg::id("id", "走访记录", id)?;
        let problems = checked_problems(&input.problems)?;
        let tx = self.tx()?;
        let before = visit_in(&tx, id)?;
        if input.point_id != 0 && input.point_id != before.point_id {
            return Err(CoreError::validation(
                "pointId",
                "走访记录的帮扶点不能更改，如登记错了请另行登记",
            ));
        }
        let point = point_in(&tx, before.point_id)?;
        let (on, leader_id, _, summary) = checked_visit(&tx, &point, input)?;
        tx.execute(
            "UPDATE assistance_visit SET visited_on = ?1, leader_id = ?2, summary = ?3, updated_at = ?4 WHERE id = ?5",
            params![on, leader_id, summary, now_text(), id],
        )
        .map_err(sql_err)?;
        insert_problems(&tx, id, &problems)?;
        let after = visit_in(&tx, id)?;
        let mut changes = diff(&visit_json(&before), &visit_json(&after));
        if !problems.is_empty() {
            changes["problemsAdded"] = serde_json::json!(problems);
        }
        record(
            &tx,
            actor,
            "visit",
            Some(id),
            "update",
            &format!(
                "修改帮扶走访：{} {}到{}{}",
                after.visited_on,
                after.leader_name,
                after.branch_name,
                if problems.is_empty() {
                    String::new()
                } else {
                    format!("，新增问题{}个", problems.len())
                }
            ),
            changes,
        )?;
        commit(tx)?;
        Ok(after)
    }

    /// One step: the problem becomes a task of a plan (by default this
    /// year's plan of problems raised on visits), linked both ways.
    pub fn problem_to_task(&mut self, actor: &Actor, input: &ProblemToTask) -> Result<Visit> {
        actor.require(Permission::EditRecords)?;
        let (p, v) = pending_problem(&self.conn, input.problem_id)?;
        let deadline = reg::date("deadline", "完成时限", &input.deadline)?;
        not_before_visit(&v, "deadline", "完成时限", deadline)?;
        let name = validate::optional_text("name", "任务名称", &input.name, 100)?;
        let name = if name.is_empty() {
            format!("帮扶问题：{}", short(&p.text, 30))
        } else {
            name
        };
        let plan_id = match input.plan_id {
            Some(id) => reg::id("planId", "计划", id)?,
            None => {
                let year: i32 = v
                    .visited_on
                    .get(..4)
                    .and_then(|y| y.parse().ok())
                    .unwrap_or(2026);
                self.year_plan(
                    actor,
                    &format!("{year}年帮扶点问题交办事项"),
                    "领导帮扶点走访中提出的问题逐件交办、限时解决",
                    "由帮扶走访中提出的问题转交的任务自动归入此计划",
                    year,
                )?
            }
        };
        let task = crate::TaskInput {
            plan_id,
            kind: "task".into(),
            name: name.clone(),
            goal: p.text.chars().take(2000).collect(),
            content: format!(
                "{} {}走访{}时提出：{}",
                v.visited_on, v.leader_name, v.branch_name, p.text
            )
            .chars()
            .take(4000)
            .collect(),
            lead_unit_id: Some(input.lead_unit_id.unwrap_or(v.branch_id)),
            start: Some(v.visited_on.clone()),
            deadline: Some(deadline.to_string()),
            ..Default::default()
        };
        let (problem_id, visit_id) = (p.id, v.id);
        self.create_task_with(actor, &task, |tx, task_id| {
            tx.execute(
                "UPDATE visit_problem SET task_id = ?1, updated_at = ?2 WHERE id = ?3",
                params![task_id, now_text(), problem_id],
            )
            .map_err(sql_err)?;
            record(
                tx,
                actor,
                "visit",
                Some(visit_id),
                "link",
                &format!("帮扶走访问题转为任务“{name}”"),
                serde_json::json!({"problemId": problem_id, "taskId": task_id, "planId": plan_id}),
            )
        })?;
        visit_in(&self.conn, visit_id)
    }

    /// One step: the problem becomes a rectification item under 三定 of the
    /// branch visited, its source the visit.
    pub fn problem_to_rectification(
        &mut self,
        actor: &Actor,
        input: &ProblemToRectification,
    ) -> Result<Visit> {
        actor.require(Permission::EditRecords)?;
        let files = self.attachment_store()?;
        let tx = self.tx()?;
        let (p, v) = pending_problem(&tx, input.problem_id)?;
        if !input.deadline.trim().is_empty() {
            let d = reg::date("deadline", "完成时限", &input.deadline)?;
            not_before_visit(&v, "deadline", "完成时限", d)?;
        }
        let rid = crate::closed_loop::insert_rectification(
            &tx,
            actor,
            &files,
            &crate::RectificationInput {
                source: "other".into(),
                source_ref: Some(format!("visit:{}", v.id)),
                problem: p.text.clone(),
                item_name: input.item_name.clone(),
                person_name: input.person_name.clone(),
                deadline: input.deadline.clone(),
                unit_id: Some(input.unit_id.unwrap_or(v.branch_id)),
                ..Default::default()
            },
        )?;
        tx.execute(
            "UPDATE visit_problem SET rectification_id = ?1, updated_at = ?2 WHERE id = ?3",
            params![rid, now_text(), p.id],
        )
        .map_err(sql_err)?;
        record(
            &tx,
            actor,
            "visit",
            Some(v.id),
            "link",
            &format!("帮扶走访问题转为整改事项“{}”", input.item_name.trim()),
            serde_json::json!({"problemId": p.id, "rectificationId": rid}),
        )?;
        let after = visit_in(&tx, v.id)?;
        commit(tx)?;
        Ok(after)
    }

    /// The problem was solved on the spot (发现问题于现场，解决问题在现场).
    pub fn solve_problem_onsite(
        &mut self,
        actor: &Actor,
        input: &ProblemSolvedInput,
    ) -> Result<Visit> {
        actor.require(Permission::EditRecords)?;
        let tx = self.tx()?;
        let (p, v) = pending_problem(&tx, input.problem_id)?;
        let on = reg::past_date("solvedOn", "解决日期", &input.solved_on, today())?;
        not_before_visit(&v, "solvedOn", "解决日期", on)?;
        let solution = validate::required_text("solution", "解决情况", &input.solution, 500)?;
        tx.execute(
            "UPDATE visit_problem SET solved_on = ?1, solution = ?2, updated_at = ?3 WHERE id = ?4",
            params![on.to_string(), solution, now_text(), p.id],
        )
        .map_err(sql_err)?;
        record(
            &tx,
            actor,
            "visit",
            Some(v.id),
            "update",
            &format!("帮扶走访问题现场解决：{}", short(&p.text, 30)),
            serde_json::json!({"problemId": p.id, "solvedOn": on.to_string(), "solution": solution}),
        )?;
        let after = visit_in(&tx, v.id)?;
        commit(tx)?;
        Ok(after)
    }

    /// The visit a task came from, if any (for its timeline).
    pub(crate) fn visit_of_task(&self, task_id: i64) -> Result<Option<(Visit, String)>> {
        let row: Option<(i64, String)> = self
            .conn
            .query_row(
                "SELECT visit_id, text FROM visit_problem WHERE task_id = ?1 ORDER BY id LIMIT 1",
                [task_id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()
            .map_err(sql_err)?;
        match row {
            Some((vid, text)) => Ok(Some((visit_in(&self.conn, vid)?, text))),
            None => Ok(None),
        }
    }
}
