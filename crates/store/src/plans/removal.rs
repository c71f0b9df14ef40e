//! Taking tasks out of a chart without losing what others recorded about
//! them (migration 0010):
//! - a task (or a sub-task under it) that feedback, supervision records,
//!   rectifications, reminders, close-outs, meeting decisions, hotline calls,
//!   assessment records or an order's task list point to is never deleted:
//!   the refusal names what refers to it and offers 撤销 or 关闭 instead;
//! - a delete keeps the rows it removed (`task_deletion`), and undoing it
//!   restores exactly those, for the user who deleted, once, and only if the
//!   chart still has room for them (the parent and the other ends of links
//!   still there, no cycle);
//! - 撤销 (cancel) keeps the task and its records with the status
//!   `cancelled` and a reason; resuming puts back the status each had.
use super::tasks::{insert_link, renumber, siblings};
use crate::audit::record;
use crate::db::{json_ids, sql_err, Actor, Store};
use crate::{now_text, Result};
use diaodu_domain::plan::TaskStatus;
use diaodu_domain::{validate, CoreError, ErrorCode, Permission};
use rusqlite::{params, Connection, OptionalExtension, Transaction};

/// Every column of a task row, as the delete keeps it and the undo puts it back.
const TASK_COLUMNS: [&str; 21] = [
    "id",
    "plan_id",
    "parent_id",
    "position",
    "kind",
    "name",
    "goal",
    "content",
    "lead_unit_id",
    "cooperating_unit_ids",
    "person_id",
    "start_date",
    "duration",
    "deadline",
    "progress",
    "status",
    "actual_start",
    "actual_finish",
    "external_uid",
    "created_at",
    "updated_at",
];

/// How many of `table`'s rows point at the tasks `ids` through `column`
/// (`target_kind = 'task'` when the table addresses targets by kind).
fn count(conn: &Connection, table: &str, column: &str, by_kind: bool, ids: &str) -> Result<i64> {
    let kind = if by_kind {
        " AND target_kind = 'task'"
    } else {
        ""
    };
    conn.query_row(
        &format!(
            "SELECT COUNT(*) FROM {table} WHERE {column} IN (SELECT value FROM json_each(?1)){kind}"
        ),
        [ids],
        |r| r.get(0),
    )
    .map_err(sql_err)
}

/// What refers to any of the tasks `ids`, in words: 2条反馈, 1个整改项,
/// 晋源党调令〔2026〕3号, … Empty when nothing does.
pub(super) fn references(conn: &Connection, ids: &[i64]) -> Result<Vec<String>> {
    let ids = json_ids(ids);
    let counted: [(&str, &str, bool, &str); 8] = [
        ("feedback", "target_id", true, "条反馈"),
        ("supervision_record", "target_id", true, "条督办记录"),
        ("rectification", "target_id", true, "个整改项"),
        ("reminder", "target_id", true, "份催办通知单"),
        ("loop_closure", "target_id", true, "条完成闭合记录"),
        ("meeting_decision", "task_id", false, "条调度会议定事项"),
        ("hotline_call", "task_id", false, "条热线来电"),
        ("assessment_record", "evidence_id", false, "条考核记录"),
    ];
    let mut out = Vec::new();
    for (table, column, by_kind, what) in counted {
        let n = if table == "assessment_record" {
            conn.query_row(
                "SELECT COUNT(*) FROM assessment_record WHERE evidence_kind = 'task'
                   AND evidence_id IN (SELECT value FROM json_each(?1))",
                [&ids],
                |r| r.get(0),
            )
            .map_err(sql_err)?
        } else {
            count(conn, table, column, by_kind, &ids)?
        };
        if n > 0 {
            out.push(format!("{n}{what}"));
        }
    }
    let mut stmt = conn
        .prepare(
            "SELECT d.kind, d.number, d.title, d.status FROM dispatch_doc d
             WHERE EXISTS (SELECT 1 FROM json_each(d.task_ids) j
                           WHERE j.value IN (SELECT value FROM json_each(?1)))
             ORDER BY d.id",
        )
        .map_err(sql_err)?;
    let docs: Vec<String> = stmt
        .query_map([&ids], |r| {
            let kind: String = r.get(0)?;
            let number: Option<String> = r.get(1)?;
            let title: String = r.get(2)?;
            let status: String = r.get(3)?;
            let label = if kind == "order" {
                "调度令"
            } else {
                "通知单"
            };
            Ok(match number {
                Some(n) if status == "withdrawn" => format!("{n}（已撤回）"),
                Some(n) => n,
                None => format!("{label}草稿“{title}”"),
            })
        })
        .map_err(sql_err)?
        .collect::<std::result::Result<_, _>>()
        .map_err(sql_err)?;
    const SHOWN: usize = 3;
    let more = docs.len().saturating_sub(SHOWN);
    out.extend(docs.into_iter().take(SHOWN));
    if more > 0 {
        out.push(format!("另外{more}份通知单或调度令"));
    }
    Ok(out)
}

/// Refuses to delete `ids` (a task, first, and its sub-tasks) when anything
/// refers to them; field `references` tells the window to offer 撤销 or 关闭.
pub(super) fn refuse_if_referenced(conn: &Connection, kind: &str, ids: &[i64]) -> Result<()> {
    let refs = references(conn, ids)?;
    if refs.is_empty() {
        return Ok(());
    }
    let who = match (kind, ids.len()) {
        ("stage", _) => "该阶段（含其下任务）",
        (_, 1) => "该任务",
        _ => "该任务（含其下级任务）",
    };
    Err(CoreError::field(
        ErrorCode::Conflict,
        "references",
        format!(
            "{who}已有{}引用，不能删除；可改为撤销或关闭",
            refs.join("、")
        ),
    ))
}

/// Keeps what a delete is about to remove: the task rows `ids` (parents
/// first) and the links touching them. Returns the deletion's id.
pub(super) fn keep_deleted(
    tx: &Transaction<'_>,
    actor: &Actor,
    plan_id: i64,
    task_id: i64,
    task_name: &str,
    ids: &[i64],
) -> Result<i64> {
    let object = TASK_COLUMNS
        .iter()
        .map(|c| format!("'{c}', {c}"))
        .collect::<Vec<_>>()
        .join(", ");
    let mut one = tx
        .prepare_cached(&format!(
            "SELECT json_object({object}) FROM task WHERE id = ?1"
        ))
        .map_err(sql_err)?;
    let mut tasks = Vec::with_capacity(ids.len());
    for id in ids {
        let row: String = one.query_row([id], |r| r.get(0)).map_err(sql_err)?;
        tasks.push(row);
    }
    drop(one);
    let links: String = tx
        .query_row(
            "SELECT json_group_array(json_object('id', id, 'predId', pred_id, 'succId', succ_id, 'kind', kind, 'lag', lag))
             FROM task_link WHERE pred_id IN (SELECT value FROM json_each(?1))
                OR succ_id IN (SELECT value FROM json_each(?1))",
            [json_ids(ids)],
            |r| r.get(0),
        )
        .map_err(sql_err)?;
    tx.execute(
        "INSERT INTO task_deletion (plan_id, task_id, task_name, tasks, links, deleted_by, deleted_by_name, deleted_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            plan_id,
            task_id,
            task_name,
            format!("[{}]", tasks.join(",")),
            links,
            actor.user_id,
            actor.username,
            now_text()
        ],
    )
    .map_err(sql_err)?;
    Ok(tx.last_insert_rowid())
}

struct Deletion {
    id: i64,
    plan_id: i64,
    task_name: String,
    tasks: String,
    links: String,
    deleted_by: Option<i64>,
    deleted_by_name: String,
}

#[derive(serde::Deserialize)]
#[serde(rename_all = "camelCase")]
struct KeptLink {
    id: i64,
    pred_id: i64,
    succ_id: i64,
    kind: String,
    lag: i64,
}

fn task_name(conn: &Connection, id: i64) -> Result<Option<(i64, String)>> {
    conn.query_row("SELECT plan_id, name FROM task WHERE id = ?1", [id], |r| {
        Ok((r.get(0)?, r.get(1)?))
    })
    .optional()
    .map_err(sql_err)
}

/// The deletion of `task_id` that can still be undone.
fn open_deletion(conn: &Connection, task_id: i64) -> Result<Deletion> {
    let found = conn
        .query_row(
            "SELECT id, plan_id, task_name, tasks, links, deleted_by, deleted_by_name FROM task_deletion
             WHERE task_id = ?1 AND restored_at IS NULL ORDER BY id DESC LIMIT 1",
            [task_id],
            |r| {
                Ok(Deletion {
                    id: r.get(0)?,
                    plan_id: r.get(1)?,
                    task_name: r.get(2)?,
                    tasks: r.get(3)?,
                    links: r.get(4)?,
                    deleted_by: r.get(5)?,
                    deleted_by_name: r.get(6)?,
                })
            },
        )
        .optional()
        .map_err(sql_err)?;
    if let Some(d) = found {
        return Ok(d);
    }
    let restored: bool = conn
        .query_row(
            "SELECT EXISTS(SELECT 1 FROM task_deletion WHERE task_id = ?1)",
            [task_id],
            |r| r.get(0),
        )
        .map_err(sql_err)?;
    Err(if restored {
        CoreError::conflict("这次删除已经撤销过，任务已恢复，不能再次恢复")
    } else {
        CoreError::not_found("没有这项任务的删除记录，无法恢复")
    })
}

/// Puts the deletion's rows back, in the caller's transaction, after
/// checking that the chart still has room for them. How many tasks.
fn restore_in(tx: &Transaction<'_>, d: &Deletion, root: i64) -> Result<usize> {
    let rows: Vec<serde_json::Value> = serde_json::from_str(&d.tasks)
        .map_err(|e| CoreError::internal(format!("删除记录已损坏：{e}")))?;
    let links: Vec<KeptLink> = serde_json::from_str(&d.links)
        .map_err(|e| CoreError::internal(format!("删除记录已损坏：{e}")))?;
    let ids: Vec<i64> = rows.iter().filter_map(|r| r["id"].as_i64()).collect();
    let parent = rows
        .iter()
        .find(|r| r["id"].as_i64() == Some(root))
        .and_then(|r| r["parent_id"].as_i64());
    if let Some(p) = parent {
        match task_name(tx, p)? {
            Some((plan, _)) if plan == d.plan_id => {}
            _ => {
                return Err(CoreError::conflict(format!(
                    "“{}”的上级任务在删除后也被删除了，不能恢复；请先恢复上级任务",
                    d.task_name
                )))
            }
        }
    }
    let taken: bool = tx
        .query_row(
            "SELECT EXISTS(SELECT 1 FROM task WHERE id IN (SELECT value FROM json_each(?1)))",
            [json_ids(&ids)],
            |r| r.get(0),
        )
        .map_err(sql_err)?;
    if taken {
        return Err(CoreError::conflict(format!(
            "“{}”已在计划中，无需恢复",
            d.task_name
        )));
    }
    let columns = TASK_COLUMNS.join(", ");
    let values = TASK_COLUMNS
        .iter()
        .map(|c| format!("value ->> '{c}'"))
        .collect::<Vec<_>>()
        .join(", ");
    // One statement: the parent links between the rows are checked at its end.
    tx.execute(
        &format!("INSERT INTO task ({columns}) SELECT {values} FROM json_each(?1) ORDER BY key"),
        [&d.tasks],
    )
    .map_err(sql_err)?;
    // The task takes its old place among its siblings; on a tie it goes
    // first, since the siblings after it moved up when it left.
    let mut order: Vec<(i64, i64)> = siblings(tx, d.plan_id, parent, 0)?
        .into_iter()
        .map(|id| {
            tx.query_row("SELECT position FROM task WHERE id = ?1", [id], |r| {
                r.get(0)
            })
            .map(|pos: i64| (id, pos))
        })
        .collect::<std::result::Result<_, _>>()
        .map_err(sql_err)?;
    order.sort_by_key(|&(id, pos)| (pos, id != root, id));
    renumber(tx, &order.into_iter().map(|(id, _)| id).collect::<Vec<_>>())?;
    for l in &links {
        for end in [l.pred_id, l.succ_id] {
            if !ids.contains(&end) && task_name(tx, end)?.is_none() {
                return Err(CoreError::conflict(format!(
                    "“{}”的前置关系所连的另一项任务在删除后也被删除了，不能恢复",
                    d.task_name
                )));
            }
        }
        insert_link(
            tx,
            d.plan_id,
            Some(l.id),
            l.pred_id,
            l.succ_id,
            &l.kind,
            l.lag,
        )?;
    }
    tx.execute(
        "UPDATE task_deletion SET restored_at = ?1 WHERE id = ?2",
        params![now_text(), d.id],
    )
    .map_err(sql_err)?;
    Ok(rows.len())
}

/// A task and its sub-tasks that are neither closed nor cancelled, with the
/// status each has.
fn cancellable(conn: &Connection, root: i64) -> Result<Vec<(i64, String)>> {
    let mut stmt = conn
        .prepare(
            "WITH RECURSIVE sub(id) AS (SELECT ?1 UNION ALL
             SELECT t.id FROM task t JOIN sub ON t.parent_id = sub.id)
             SELECT t.id, t.status FROM task t JOIN sub ON sub.id = t.id
             WHERE t.status NOT IN ('closed', 'cancelled') ORDER BY t.id",
        )
        .map_err(sql_err)?;
    let rows = stmt
        .query_map([root], |r| Ok((r.get(0)?, r.get(1)?)))
        .map_err(sql_err)?
        .collect::<std::result::Result<_, _>>()
        .map_err(sql_err)?;
    Ok(rows)
}

impl Store {
    /// Undoes a delete from the delete's own record: the task `task_id` and
    /// everything deleted with it come back as they were (ids, fields,
    /// positions, links). Only the user who deleted, only once, and only if
    /// the chart still has room for them.
    pub fn restore_tasks(&mut self, actor: &Actor, task_id: i64) -> Result<i64> {
        actor.require(Permission::EditRecords)?;
        let d = open_deletion(&self.conn, task_id)?;
        let same_user = match actor.user_id {
            Some(u) => d.deleted_by == Some(u),
            None => d.deleted_by.is_none() && d.deleted_by_name == actor.username,
        };
        if !same_user {
            return Err(CoreError::forbidden(format!(
                "只有删除者本人（{}）可以撤销这次删除",
                d.deleted_by_name
            )));
        }
        let plan_id = d.plan_id;
        self.edit_plan(actor, plan_id, |tx| {
            let n = restore_in(tx, &d, task_id)?;
            record(
                tx,
                actor,
                "task",
                Some(task_id),
                "reinstate",
                &format!("撤销删除：恢复任务“{}”（共 {n} 项）", d.task_name),
                serde_json::json!({"deletionId": d.id}),
            )?;
            Ok(plan_id)
        })
    }

    /// 撤销: the task and its open sub-tasks stay in the chart with the
    /// status 已撤销 and the reason; no longer supervised, reminded or
    /// scored. Closed tasks are left as they are.
    pub fn cancel_task(&mut self, actor: &Actor, task_id: i64, reason: &str) -> Result<i64> {
        actor.require(Permission::EditRecords)?;
        let reason = validate::required_text("reason", "撤销原因", reason, 500)?;
        let (plan_id, name, status) = self
            .conn
            .query_row(
                "SELECT plan_id, name, status FROM task WHERE id = ?1",
                [task_id],
                |r| {
                    Ok((
                        r.get::<_, i64>(0)?,
                        r.get::<_, String>(1)?,
                        r.get::<_, String>(2)?,
                    ))
                },
            )
            .optional()
            .map_err(sql_err)?
            .ok_or_else(|| CoreError::not_found("任务不存在"))?;
        if status == TaskStatus::Closed.code() {
            return Err(CoreError::conflict(format!("“{name}”已完成闭合，不能撤销")));
        }
        if status == TaskStatus::Cancelled.code() {
            return Err(CoreError::conflict(format!("“{name}”已撤销")));
        }
        self.edit_plan(actor, plan_id, |tx| {
            let open = cancellable(tx, task_id)?;
            for (id, previous) in &open {
                tx.execute(
                    "INSERT INTO task_cancellation (root_id, task_id, previous_status, reason, cancelled_by, cancelled_by_name, cancelled_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                    params![task_id, id, previous, reason, actor.user_id, actor.username, now_text()],
                )
                .map_err(sql_err)?;
                tx.execute(
                    "UPDATE task SET status = 'cancelled', updated_at = ?1 WHERE id = ?2",
                    params![now_text(), id],
                )
                .map_err(sql_err)?;
            }
            record(
                tx,
                actor,
                "task",
                Some(task_id),
                // Audited as 撤销, like retiring a unit.
                "retire",
                &format!("撤销任务“{name}”（{reason}）"),
                serde_json::json!({"reason": reason, "tasks": open.len()}),
            )?;
            Ok(plan_id)
        })
    }

    /// Lifts a 撤销: the task, and the sub-tasks cancelled with it, get back
    /// the status they had.
    pub fn resume_task(&mut self, actor: &Actor, task_id: i64) -> Result<i64> {
        actor.require(Permission::EditRecords)?;
        let (plan_id, name) =
            task_name(&self.conn, task_id)?.ok_or_else(|| CoreError::not_found("任务不存在"))?;
        let root: Option<i64> = self
            .conn
            .query_row(
                "SELECT root_id FROM task_cancellation WHERE task_id = ?1 AND resumed_at IS NULL
                 ORDER BY id DESC LIMIT 1",
                [task_id],
                |r| r.get(0),
            )
            .optional()
            .map_err(sql_err)?;
        match root {
            None => return Err(CoreError::conflict(format!("“{name}”未撤销，无需恢复"))),
            Some(r) if r != task_id => {
                let upper = task_name(&self.conn, r)?
                    .map(|(_, n)| n)
                    .unwrap_or_default();
                return Err(CoreError::conflict(format!(
                    "“{name}”是随上级任务“{upper}”一并撤销的，请恢复“{upper}”"
                )));
            }
            Some(_) => {}
        }
        self.edit_plan(actor, plan_id, |tx| {
            let n = tx
                .execute(
                    "UPDATE task SET status = (SELECT previous_status FROM task_cancellation c
                         WHERE c.task_id = task.id AND c.root_id = ?1 AND c.resumed_at IS NULL),
                       updated_at = ?2
                     WHERE id IN (SELECT task_id FROM task_cancellation WHERE root_id = ?1 AND resumed_at IS NULL)
                       AND status = 'cancelled'",
                    params![task_id, now_text()],
                )
                .map_err(sql_err)?;
            tx.execute(
                "UPDATE task_cancellation SET resumed_at = ?1, resumed_by_name = ?2
                 WHERE root_id = ?3 AND resumed_at IS NULL",
                params![now_text(), actor.username, task_id],
            )
            .map_err(sql_err)?;
            record(
                tx,
                actor,
                "task",
                Some(task_id),
                "reinstate",
                &format!("恢复已撤销的任务“{name}”"),
                serde_json::json!({"tasks": n}),
            )?;
            Ok(plan_id)
        })
    }
}
