//! Editing the network chart: tasks, their outline, and links. Each edit is
//! one transaction with its audit entry and a reschedule that must succeed.
use super::load::{self, TaskRow, TASK_COLS};
use super::plan::editable_plan;
use crate::audit::record;
use crate::db::{commit, sql_err, Actor, Store};
use crate::in_register::{require_active_person, require_active_unit};
use crate::{now_text, Result};
use chrono::NaiveDate;
use diaodu_domain::plan::{parse_opt_date, TaskStatus};
use diaodu_domain::{validate, CoreError, Permission};
use diaodu_schedule::{would_create_cycle, Link, ScheduleError};
use rusqlite::{params, Connection, OptionalExtension, Transaction};
use serde::Deserialize;
use serde_json::{Map, Value};
use std::collections::{HashMap, HashSet};

const MAX_DURATION: i64 = 3650;

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct TaskInput {
    pub plan_id: i64,
    pub parent_id: Option<i64>,
    /// Insert right after this sibling; at the end when absent.
    pub after_id: Option<i64>,
    pub kind: String,
    pub name: String,
    pub goal: String,
    pub content: String,
    pub lead_unit_id: Option<i64>,
    pub cooperating_unit_ids: Vec<i64>,
    pub person_id: Option<i64>,
    pub start: Option<String>,
    pub duration: Option<i64>,
    pub deadline: Option<String>,
    pub milestone: bool,
    pub progress: Option<i64>,
    pub status: Option<String>,
    pub actual_start: Option<String>,
    pub actual_finish: Option<String>,
    pub external_uid: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct LinkInput {
    pub plan_id: i64,
    pub pred_id: i64,
    pub succ_id: i64,
    pub kind: String,
    pub lag: i64,
}

pub(crate) fn task_in(conn: &Connection, id: i64) -> Result<(i64, TaskRow)> {
    let plan: i64 = conn
        .query_row("SELECT plan_id FROM task WHERE id = ?1", [id], |r| r.get(0))
        .optional()
        .map_err(sql_err)?
        .ok_or_else(|| CoreError::not_found("任务不存在"))?;
    let row = conn
        .query_row(
            &format!("SELECT {TASK_COLS} FROM task WHERE id = ?1"),
            [id],
            load::task_from_row,
        )
        .map_err(sql_err)?;
    Ok((plan, row))
}

/// Checks a whole task row; `before` tells which references are new, since
/// only new assignments must point to active units and people.
fn check_row(conn: &Connection, row: &TaskRow, before: Option<&TaskRow>) -> Result<()> {
    validate::required_text("name", "任务名称", &row.name, 100)?;
    validate::optional_text("goal", "工作目标", &row.goal, 2000)?;
    validate::optional_text("content", "主要任务", &row.content, 4000)?;
    if row.kind != "stage" && row.kind != "task" {
        return Err(CoreError::validation("kind", "任务类别只能是阶段或任务"));
    }
    if !(0..=MAX_DURATION).contains(&row.duration) {
        return Err(CoreError::validation(
            "duration",
            format!("工期应在0到{MAX_DURATION}个工作日之间（0 表示里程碑）"),
        ));
    }
    if !(0..=100).contains(&row.progress) {
        return Err(CoreError::validation("progress", "进度应在0到100之间"));
    }
    TaskStatus::parse(&row.status)?;
    if let (Some(s), Some(f)) = (row.actual_start, row.actual_finish) {
        if f < s {
            return Err(CoreError::validation(
                "actualFinish",
                "实际完成日期不能早于实际开始日期",
            ));
        }
    }
    if let Some(u) = row
        .lead_unit_id
        .filter(|u| before.is_none_or(|b| b.lead_unit_id != Some(*u)))
    {
        require_active_unit(conn, u, "leadUnitId", "责任单位")?;
    }
    for u in &row.cooperating_unit_ids {
        if before.is_none_or(|b| !b.cooperating_unit_ids.contains(u)) {
            require_active_unit(conn, *u, "cooperatingUnitIds", "配合单位")?;
        }
    }
    if let Some(p) = row
        .person_id
        .filter(|p| before.is_none_or(|b| b.person_id != Some(*p)))
    {
        require_active_person(conn, p, "personId", "责任人")?;
    }
    // 责任人 is a person of the responsible unit (checked when either changes).
    if let (Some(p), Some(u)) = (row.person_id, row.lead_unit_id) {
        let changed = before
            .is_none_or(|b| b.person_id != row.person_id || b.lead_unit_id != row.lead_unit_id);
        let unit_of: Option<i64> = conn
            .query_row("SELECT unit_id FROM person WHERE id = ?1", [p], |r| {
                r.get(0)
            })
            .optional()
            .map_err(sql_err)?;
        if changed && unit_of != Some(u) {
            return Err(CoreError::validation(
                "personId",
                "责任人应为责任单位的人员；更换责任单位时请一并选择该单位的责任人",
            ));
        }
    }
    let coop_changed = before.is_none_or(|b| {
        b.cooperating_unit_ids != row.cooperating_unit_ids || b.lead_unit_id != row.lead_unit_id
    });
    if coop_changed {
        if row
            .lead_unit_id
            .is_some_and(|u| row.cooperating_unit_ids.contains(&u))
        {
            return Err(CoreError::validation(
                "cooperatingUnitIds",
                "配合单位不能是责任单位本身",
            ));
        }
        let mut seen = HashSet::new();
        if !row.cooperating_unit_ids.iter().all(|u| seen.insert(*u)) {
            return Err(CoreError::validation("cooperatingUnitIds", "配合单位重复"));
        }
    }
    if coop_changed && row.cooperating_unit_ids.len() > 30 {
        return Err(CoreError::validation(
            "cooperatingUnitIds",
            "配合单位不能超过30个",
        ));
    }
    Ok(())
}

fn write_row(tx: &Transaction<'_>, id: i64, row: &TaskRow) -> Result<()> {
    tx.execute(
        "UPDATE task SET parent_id = ?1, position = ?2, kind = ?3, name = ?4, goal = ?5, content = ?6,
         lead_unit_id = ?7, cooperating_unit_ids = ?8, person_id = ?9, start_date = ?10, duration = ?11,
         deadline = ?12, progress = ?13, status = ?14, actual_start = ?15, actual_finish = ?16,
         external_uid = ?17, updated_at = ?18 WHERE id = ?19",
        params![
            row.parent_id, row.position, row.kind, row.name.trim(), row.goal.trim(), row.content.trim(),
            row.lead_unit_id, serde_json::to_string(&row.cooperating_unit_ids).unwrap_or_default(), row.person_id,
            row.start.map(|d| d.to_string()), row.duration, row.deadline.map(|d| d.to_string()), row.progress,
            row.status, row.actual_start.map(|d| d.to_string()), row.actual_finish.map(|d| d.to_string()),
            row.external_uid, now_text(), id
        ],
    )
    .map_err(sql_err)?;
    Ok(())
}

pub(super) fn insert_row(
    tx: &Transaction<'_>,
    plan_id: i64,
    id: Option<i64>,
    row: &TaskRow,
) -> Result<i64> {
    let now = now_text();
    // Prepared once per transaction: an import inserts thousands of rows.
    let mut stmt = tx
        .prepare_cached(
            "INSERT INTO task (id, plan_id, parent_id, position, kind, name, goal, content, lead_unit_id,
             cooperating_unit_ids, person_id, start_date, duration, deadline, progress, status, actual_start,
             actual_finish, external_uid, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?20)",
        )
        .map_err(sql_err)?;
    stmt.execute(params![
        id,
        plan_id,
        row.parent_id,
        row.position,
        row.kind,
        row.name.trim(),
        row.goal.trim(),
        row.content.trim(),
        row.lead_unit_id,
        serde_json::to_string(&row.cooperating_unit_ids).unwrap_or_default(),
        row.person_id,
        row.start.map(|d| d.to_string()),
        row.duration,
        row.deadline.map(|d| d.to_string()),
        row.progress,
        row.status,
        row.actual_start.map(|d| d.to_string()),
        row.actual_finish.map(|d| d.to_string()),
        row.external_uid,
        now
    ])
    .map_err(sql_err)?;
    Ok(tx.last_insert_rowid())
}

fn row_json(r: &TaskRow) -> Value {
    serde_json::json!({
        "name": r.name, "kind": r.kind, "parentId": r.parent_id, "goal": r.goal, "content": r.content,
        "leadUnitId": r.lead_unit_id, "cooperatingUnitIds": r.cooperating_unit_ids, "personId": r.person_id,
        "start": r.start.map(|d| d.to_string()), "duration": r.duration,
        "deadline": r.deadline.map(|d| d.to_string()), "progress": r.progress, "status": r.status,
        "actualStart": r.actual_start.map(|d| d.to_string()), "actualFinish": r.actual_finish.map(|d| d.to_string()),
    })
}

fn check_parent(
    conn: &Connection,
    plan_id: i64,
    parent: Option<i64>,
    moving: Option<i64>,
) -> Result<()> {
    let Some(p) = parent else { return Ok(()) };
    let mut cursor = Some(p);
    while let Some(c) = cursor {
        if Some(c) == moving {
            return Err(CoreError::validation(
                "parentId",
                "不能把任务移到它自己的下级任务之下",
            ));
        }
        let row: Option<(i64, Option<i64>)> = conn
            .query_row(
                "SELECT plan_id, parent_id FROM task WHERE id = ?1",
                [c],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()
            .map_err(sql_err)?;
        match row {
            Some((pid, next)) if pid == plan_id => cursor = next,
            _ => {
                return Err(CoreError::validation(
                    "parentId",
                    "上级任务不存在或不属于本计划",
                ))
            }
        }
    }
    Ok(())
}

/// Siblings under `parent` in position order, without `except`.
pub(super) fn siblings(
    conn: &Connection,
    plan_id: i64,
    parent: Option<i64>,
    except: i64,
) -> Result<Vec<i64>> {
    let mut stmt = conn
        .prepare_cached("SELECT id FROM task WHERE plan_id = ?1 AND parent_id IS ?2 AND id <> ?3 ORDER BY position, id")
        .map_err(sql_err)?;
    let ids = stmt
        .query_map(params![plan_id, parent, except], |r| r.get(0))
        .map_err(sql_err)?
        .collect::<std::result::Result<_, _>>()
        .map_err(sql_err)?;
    Ok(ids)
}

pub(super) fn renumber(tx: &Transaction<'_>, ids: &[i64]) -> Result<()> {
    let mut stmt = tx
        .prepare_cached("UPDATE task SET position = ?1 WHERE id = ?2")
        .map_err(sql_err)?;
    for (i, id) in ids.iter().enumerate() {
        stmt.execute(params![i as i64, id]).map_err(sql_err)?;
    }
    Ok(())
}

fn subtree(conn: &Connection, root: i64) -> Result<Vec<i64>> {
    let mut stmt = conn
        .prepare_cached(
            "WITH RECURSIVE sub(id, depth) AS (SELECT ?1, 0 UNION ALL
             SELECT t.id, sub.depth + 1 FROM task t JOIN sub ON t.parent_id = sub.id)
             SELECT id FROM sub ORDER BY depth DESC",
        )
        .map_err(sql_err)?;
    let ids = stmt
        .query_map([root], |r| r.get(0))
        .map_err(sql_err)?
        .collect::<std::result::Result<_, _>>()
        .map_err(sql_err)?;
    Ok(ids)
}

fn opt_i64(v: &Value, field: &str) -> Result<Option<i64>> {
    match v {
        Value::Null => Ok(None),
        Value::Number(n) => n
            .as_i64()
            .map(Some)
            .ok_or_else(|| CoreError::validation(field, "应为整数")),
        Value::String(s) if s.trim().is_empty() => Ok(None),
        Value::String(s) => s
            .trim()
            .parse()
            .map(Some)
            .map_err(|_| CoreError::validation(field, "应为整数")),
        _ => Err(CoreError::validation(field, "应为整数")),
    }
}

fn opt_date(v: &Value, field: &str, label: &str) -> Result<Option<NaiveDate>> {
    match v {
        Value::Null => Ok(None),
        Value::String(s) => parse_opt_date(field, label, Some(s)),
        _ => Err(CoreError::validation(field, format!("{label}应为日期"))),
    }
}

fn text(v: &Value, field: &str) -> Result<String> {
    match v {
        Value::Null => Ok(String::new()),
        Value::String(s) => Ok(s.clone()),
        _ => Err(CoreError::validation(field, "应为文字")),
    }
}

/// Applies the fields present in `patch` to `row`.
fn apply_patch(row: &mut TaskRow, patch: &Map<String, Value>) -> Result<()> {
    for (k, v) in patch {
        match k.as_str() {
            "id" | "planId" => {}
            "name" => row.name = text(v, "name")?,
            "goal" => row.goal = text(v, "goal")?,
            "content" => row.content = text(v, "content")?,
            "kind" => row.kind = text(v, "kind")?,
            "leadUnitId" => row.lead_unit_id = opt_i64(v, "leadUnitId")?,
            "personId" => row.person_id = opt_i64(v, "personId")?,
            "cooperatingUnitIds" => {
                row.cooperating_unit_ids = serde_json::from_value(v.clone()).map_err(|_| {
                    CoreError::validation("cooperatingUnitIds", "配合单位格式不正确")
                })?
            }
            "start" => row.start = opt_date(v, "start", "开始日期")?,
            "deadline" => row.deadline = opt_date(v, "deadline", "完成时限")?,
            "actualStart" => row.actual_start = opt_date(v, "actualStart", "实际开始日期")?,
            "actualFinish" => row.actual_finish = opt_date(v, "actualFinish", "实际完成日期")?,
            "duration" => {
                row.duration = opt_i64(v, "duration")?
                    .ok_or_else(|| CoreError::validation("duration", "请填写工期（工作日）"))?
            }
            "progress" => row.progress = opt_i64(v, "progress")?.unwrap_or(0),
            "status" => {
                let next = TaskStatus::parse(&text(v, "status")?)?.code();
                let cancelled = TaskStatus::Cancelled.code();
                // 撤销 and its lifting carry a reason and keep what the task
                // was: cancel_task and resume_task.
                if (next == cancelled) != (row.status == cancelled) {
                    return Err(CoreError::validation(
                        "status",
                        if next == cancelled {
                            "撤销任务须说明原因，请用“撤销任务”办理"
                        } else {
                            "已撤销的任务请用“恢复任务”恢复"
                        },
                    ));
                }
                let closed = TaskStatus::Closed.code();
                // Closing and reopening belong to the closed loop, which
                // checks the final feedback and records the sign-off.
                if (next == closed) != (row.status == closed) {
                    return Err(CoreError::validation(
                        "status",
                        if next == closed {
                            "完成闭合须有最终反馈并经签发人签认，请在任务详情的“闭环”中办理"
                        } else {
                            "已完成闭合的任务须在任务详情的“闭环”中说明原因后重新打开"
                        },
                    ));
                }
                row.status = next.into()
            }
            "milestone" => match (v.as_bool(), row.duration) {
                (Some(true), _) => row.duration = 0,
                (Some(false), 0) => row.duration = 1,
                _ => {}
            },
            other => {
                return Err(CoreError::validation(
                    other,
                    format!("不能修改字段“{other}”"),
                ))
            }
        }
    }
    Ok(())
}

/// The closed loop's own writes to a task (status, progress, actual dates),
/// in the caller's transaction and rescheduled like any chart edit; a task of
/// an archived plan is refused. Returns the task's name.
pub(crate) fn write_loop_fields(
    tx: &Transaction<'_>,
    id: i64,
    change: impl FnOnce(&mut TaskRow),
) -> Result<String> {
    let (plan_id, before) = task_in(tx, id)?;
    editable_plan(tx, plan_id)?;
    let mut row = before.clone();
    change(&mut row);
    write_row(tx, id, &row)?;
    load::schedule(tx, plan_id)?;
    Ok(row.name)
}

impl Store {
    /// Runs one chart edit: role and plan checks, the change, then a
    /// reschedule that must succeed before anything commits.
    pub(super) fn edit_plan<T>(
        &mut self,
        actor: &Actor,
        plan_id: i64,
        f: impl FnOnce(&Transaction<'_>) -> Result<T>,
    ) -> Result<T> {
        actor.require(Permission::EditRecords)?;
        let tx = self.tx()?;
        editable_plan(&tx, plan_id)?;
        let out = f(&tx)?;
        load::schedule(&tx, plan_id)?;
        commit(tx)?;
        Ok(out)
    }

    pub fn task_plan_id(&self, task_id: i64) -> Result<i64> {
        task_in(&self.conn, task_id).map(|(p, _)| p)
    }

    pub fn link_plan_id(&self, link_id: i64) -> Result<i64> {
        self.conn
            .query_row(
                "SELECT plan_id FROM task_link WHERE id = ?1",
                [link_id],
                |r| r.get(0),
            )
            .optional()
            .map_err(sql_err)?
            .ok_or_else(|| CoreError::not_found("前置关系不存在"))
    }

    pub fn create_task(&mut self, actor: &Actor, input: &TaskInput) -> Result<i64> {
        self.create_task_with(actor, input, |_, id| Ok(id))
    }

    /// Creates a task and runs `then` with its id in the same transaction, so
    /// a record that raises a task (a visit's problem) links it in one step:
    /// both or neither are written.
    pub(crate) fn create_task_with<T>(
        &mut self,
        actor: &Actor,
        input: &TaskInput,
        then: impl FnOnce(&Transaction<'_>, i64) -> Result<T>,
    ) -> Result<T> {
        let plan_id = input.plan_id;
        let start = parse_opt_date("start", "开始日期", input.start.as_deref())?;
        let deadline = parse_opt_date("deadline", "完成时限", input.deadline.as_deref())?;
        let kind = if input.kind.is_empty() {
            "task".to_string()
        } else {
            input.kind.clone()
        };
        self.edit_plan(actor, plan_id, |tx| {
            check_parent(tx, plan_id, input.parent_id, None)?;
            let duration = match (input.milestone, input.duration) {
                (true, _) => 0,
                (false, Some(d)) => d,
                // Only a deadline given: the task runs from its start up to it.
                (false, None) => match (start, deadline) {
                    (Some(s), Some(d)) if d >= s => {
                        load::calendar(tx)?.working_days_between(s, d).max(1)
                    }
                    _ => 1,
                },
            };
            let mut sibs = siblings(tx, plan_id, input.parent_id, 0)?;
            let at = match input.after_id {
                Some(a) => sibs
                    .iter()
                    .position(|&s| s == a)
                    .map(|i| i + 1)
                    .ok_or_else(|| {
                        CoreError::validation("afterId", "插入位置的任务不在同一上级之下")
                    })?,
                None => sibs.len(),
            };
            let row = TaskRow {
                id: 0,
                parent_id: input.parent_id,
                position: at as i64,
                kind,
                name: input.name.clone(),
                goal: input.goal.clone(),
                content: input.content.clone(),
                lead_unit_id: input.lead_unit_id,
                cooperating_unit_ids: input.cooperating_unit_ids.clone(),
                person_id: input.person_id,
                start,
                duration,
                deadline,
                progress: input.progress.unwrap_or(0),
                status: match &input.status {
                    Some(s) => TaskStatus::parse(s)?.code().into(),
                    None => TaskStatus::Planned.code().into(),
                },
                actual_start: parse_opt_date(
                    "actualStart",
                    "实际开始日期",
                    input.actual_start.as_deref(),
                )?,
                actual_finish: parse_opt_date(
                    "actualFinish",
                    "实际完成日期",
                    input.actual_finish.as_deref(),
                )?,
                external_uid: input.external_uid.clone(),
            };
            check_row(tx, &row, None)?;
            let id = insert_row(tx, plan_id, None, &row)?;
            sibs.insert(at, id);
            renumber(tx, &sibs)?;
            let what = if row.kind == "stage" {
                "阶段"
            } else {
                "任务"
            };
            record(
                tx,
                actor,
                "task",
                Some(id),
                "create",
                &format!("新建{what}“{}”", row.name.trim()),
                row_json(&row),
            )?;
            then(tx, id)
        })
    }

    /// Changes only the fields present in `patch` (drag, resize, table edits).
    pub fn update_task(
        &mut self,
        actor: &Actor,
        id: i64,
        patch: &Map<String, Value>,
    ) -> Result<i64> {
        let (plan_id, before) = task_in(&self.conn, id)?;
        self.edit_plan(actor, plan_id, |tx| {
            let mut row = before.clone();
            apply_patch(&mut row, patch)?;
            check_row(tx, &row, Some(&before))?;
            write_row(tx, id, &row)?;
            let changes = crate::audit::diff(&row_json(&before), &row_json(&row));
            record(
                tx,
                actor,
                "task",
                Some(id),
                "update",
                &format!("修改任务“{}”", row.name.trim()),
                changes,
            )?;
            Ok(plan_id)
        })
    }

    /// Moves a task under `parent` at `position` among its new siblings.
    pub fn reparent_task(
        &mut self,
        actor: &Actor,
        id: i64,
        parent: Option<i64>,
        position: i64,
    ) -> Result<i64> {
        let (plan_id, before) = task_in(&self.conn, id)?;
        self.edit_plan(actor, plan_id, |tx| {
            check_parent(tx, plan_id, parent, Some(id))?;
            let old = siblings(tx, plan_id, before.parent_id, id)?;
            renumber(tx, &old)?;
            let mut new = siblings(tx, plan_id, parent, id)?;
            let at = (position.max(0) as usize).min(new.len());
            new.insert(at, id);
            tx.execute("UPDATE task SET parent_id = ?1, updated_at = ?2 WHERE id = ?3", params![parent, now_text(), id])
                .map_err(sql_err)?;
            renumber(tx, &new)?;
            record(tx, actor, "task", Some(id), "update", &format!("调整任务“{}”的层级或顺序", before.name),
                serde_json::json!({"parentId": {"from": before.parent_id, "to": parent}, "position": {"from": before.position, "to": at}}))?;
            Ok(plan_id)
        })
    }

    /// Deletes a task with its sub-tasks and their links, unless other
    /// records refer to any of them (then 撤销 or 关闭 is the way). The
    /// deletion keeps what it removed, so `restore_tasks` can undo it.
    pub fn delete_task(&mut self, actor: &Actor, id: i64) -> Result<i64> {
        let (plan_id, row) = task_in(&self.conn, id)?;
        self.edit_plan(actor, plan_id, |tx| {
            let ids = subtree(tx, id)?;
            super::removal::refuse_if_referenced(tx, &row.kind, &ids)?;
            let set: HashSet<i64> = ids.iter().copied().collect();
            let gone_links: Vec<Value> = load::links(tx, plan_id)?
                .into_iter()
                .filter(|l| set.contains(&l.pred_id) || set.contains(&l.succ_id))
                .map(|l| serde_json::json!({"id": l.id, "predId": l.pred_id, "succId": l.succ_id, "kind": l.kind, "lag": l.lag}))
                .collect();
            let gone_tasks: Vec<Value> = load::tasks(tx, plan_id)?
                .into_iter()
                .filter(|t| set.contains(&t.id))
                .map(|t| {
                    let mut v = row_json(&t);
                    v["id"] = t.id.into();
                    v["position"] = t.position.into();
                    v
                })
                .collect();
            // Parents first, as they must come back.
            let mut kept = ids.clone();
            kept.reverse();
            let deletion = super::removal::keep_deleted(tx, actor, plan_id, id, &row.name, &kept)?;
            for tid in &ids {
                tx.execute("DELETE FROM task_link WHERE pred_id = ?1 OR succ_id = ?1", [tid]).map_err(sql_err)?;
            }
            for tid in &ids {
                tx.execute("DELETE FROM task WHERE id = ?1", [tid]).map_err(sql_err)?;
            }
            let rest = siblings(tx, plan_id, row.parent_id, id)?;
            renumber(tx, &rest)?;
            record(tx, actor, "task", Some(id), "delete", &format!("删除任务“{}”及其下级任务 {} 项", row.name, ids.len() - 1),
                serde_json::json!({"deletionId": deletion, "tasks": gone_tasks, "links": gone_links}))?;
            Ok(plan_id)
        })
    }

    pub fn create_link(&mut self, actor: &Actor, input: &LinkInput) -> Result<i64> {
        let plan_id = input.plan_id;
        self.edit_plan(actor, plan_id, |tx| {
            let id = insert_link(tx, plan_id, None, input.pred_id, input.succ_id, &input.kind, input.lag)?;
            let (_, p) = task_in(tx, input.pred_id)?;
            let (_, s) = task_in(tx, input.succ_id)?;
            record(tx, actor, "link", Some(id), "create", &format!("新建前置关系：“{}”→“{}”（{}，{}天）", p.name, s.name, input.kind, input.lag),
                serde_json::json!({"pred": p.name, "succ": s.name, "kind": input.kind, "lag": input.lag}))?;
            Ok(id)
        })
    }

    pub fn update_link(&mut self, actor: &Actor, id: i64, kind: &str, lag: i64) -> Result<i64> {
        let plan_id = self.link_plan_id(id)?;
        self.edit_plan(actor, plan_id, |tx| {
            check_link_kind(kind)?;
            check_lag(lag)?;
            let (old_kind, old_lag): (String, i64) = tx
                .query_row("SELECT kind, lag FROM task_link WHERE id = ?1", [id], |r| Ok((r.get(0)?, r.get(1)?)))
                .map_err(sql_err)?;
            tx.execute("UPDATE task_link SET kind = ?1, lag = ?2 WHERE id = ?3", params![kind, lag, id]).map_err(sql_err)?;
            record(tx, actor, "link", Some(id), "update", "修改前置关系",
                serde_json::json!({"kind": {"from": old_kind, "to": kind}, "lag": {"from": old_lag, "to": lag}}))?;
            Ok(plan_id)
        })
    }

    pub fn delete_link(&mut self, actor: &Actor, id: i64) -> Result<i64> {
        let plan_id = self.link_plan_id(id)?;
        self.edit_plan(actor, plan_id, |tx| {
            let (pred, succ, kind, lag): (i64, i64, String, i64) = tx
                .query_row(
                    "SELECT pred_id, succ_id, kind, lag FROM task_link WHERE id = ?1",
                    [id],
                    |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
                )
                .map_err(sql_err)?;
            tx.execute("DELETE FROM task_link WHERE id = ?1", [id])
                .map_err(sql_err)?;
            record(
                tx,
                actor,
                "link",
                Some(id),
                "delete",
                "删除前置关系",
                serde_json::json!({"predId": pred, "succId": succ, "kind": kind, "lag": lag}),
            )?;
            Ok(plan_id)
        })
    }
}

fn check_link_kind(kind: &str) -> Result<()> {
    if matches!(kind, "FS" | "SS" | "FF" | "SF") {
        Ok(())
    } else {
        Err(CoreError::validation(
            "kind",
            "前置关系类型只能是 FS（完成-开始）、SS、FF 或 SF",
        ))
    }
}

fn check_lag(lag: i64) -> Result<()> {
    if (-MAX_DURATION..=MAX_DURATION).contains(&lag) {
        Ok(())
    } else {
        Err(CoreError::validation(
            "lag",
            format!("间隔应在±{MAX_DURATION}个工作日之内"),
        ))
    }
}

/// Stores many new links between tasks of one plan, as an import does: each
/// is checked as [`insert_link`] checks one (type, lag, no second link between
/// the same two tasks) with one prepared statement and no query per link.
/// A cycle is not looked for here: the caller schedules the plan afterwards,
/// inside the same transaction, and the scheduler refuses a cycle among all
/// the links in one pass with the same conflict error as `insert_link`.
/// `(pred, succ, kind, lag)`; `name_of` names a task for the messages.
pub(super) fn insert_links_once(
    tx: &Transaction<'_>,
    plan_id: i64,
    links: &[(i64, i64, &str, i64)],
    name_of: impl Fn(i64) -> String,
) -> Result<()> {
    let mut pairs: HashSet<(i64, i64)> = HashSet::with_capacity(links.len());
    let mut stmt = tx
        .prepare_cached(
            "INSERT INTO task_link (plan_id, pred_id, succ_id, kind, lag) VALUES (?1, ?2, ?3, ?4, ?5)",
        )
        .map_err(sql_err)?;
    for &(pred, succ, kind, lag) in links {
        check_link_kind(kind)?;
        check_lag(lag)?;
        if pred == succ {
            let e = ScheduleError::cycle(vec![pred, pred], |id| Some(name_of(id)));
            return Err(super::schedule_err(e));
        }
        if !pairs.insert((pred, succ)) {
            return Err(CoreError::duplicate(
                "succId",
                format!("“{}”与“{}”之间已有前置关系", name_of(pred), name_of(succ)),
            ));
        }
        stmt.execute(params![plan_id, pred, succ, kind, lag])
            .map_err(sql_err)?;
    }
    Ok(())
}

pub(super) fn insert_link(
    tx: &Transaction<'_>,
    plan_id: i64,
    id: Option<i64>,
    pred: i64,
    succ: i64,
    kind: &str,
    lag: i64,
) -> Result<i64> {
    check_link_kind(kind)?;
    check_lag(lag)?;
    let (pp, p) = task_in(tx, pred)?;
    let (sp, s) = task_in(tx, succ)?;
    if pp != plan_id || sp != plan_id {
        return Err(CoreError::validation(
            "predId",
            "前置关系的两端必须是本计划的任务",
        ));
    }
    let existing = load::links(tx, plan_id)?;
    if existing
        .iter()
        .any(|l| l.pred_id == pred && l.succ_id == succ)
    {
        return Err(CoreError::duplicate(
            "succId",
            format!("“{}”与“{}”之间已有前置关系", p.name, s.name),
        ));
    }
    let current: Vec<Link> = existing
        .iter()
        .map(|l| Link::new(l.pred_id, l.succ_id, load::link_kind(&l.kind), 0))
        .collect();
    if let Some(cycle) =
        would_create_cycle(&current, &Link::new(pred, succ, load::link_kind(kind), 0))
    {
        let names: HashMap<i64, String> = load::tasks(tx, plan_id)?
            .into_iter()
            .map(|t| (t.id, t.name))
            .collect();
        let e = ScheduleError::cycle(cycle, |id| names.get(&id).cloned());
        return Err(super::schedule_err(e));
    }
    tx.execute(
        "INSERT INTO task_link (id, plan_id, pred_id, succ_id, kind, lag) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![id, plan_id, pred, succ, kind, lag],
    )
    .map_err(sql_err)?;
    Ok(tx.last_insert_rowid())
}
