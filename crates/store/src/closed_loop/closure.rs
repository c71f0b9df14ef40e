//! 完成闭合: the office's sign-off that closes a task or a document. It needs
//! a final feedback (recorded since any reopening) and no rectification left
//! open, and is given by a 签发人 or an administrator, who is recorded with
//! the time. Reopening keeps the closure row and adds why.
use super::feedback::{feedback_in, Feedback};
use super::rectify::open_on;
use super::target::{self, Target};
use crate::audit::record;
use crate::db::{commit, sql_err, Actor, Store};
use crate::{now_text, Result};
use diaodu_domain::closed_loop::TargetKind;
use diaodu_domain::plan::TaskStatus;
use diaodu_domain::{validate, CoreError, Permission};
use rusqlite::{params, Connection, OptionalExtension, Transaction};
use serde::Serialize;

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct LoopClosure {
    pub id: i64,
    pub final_feedback_id: i64,
    pub closed_by: String,
    pub closed_at: String,
    pub note: String,
    pub reopened_at: Option<String>,
    pub reopened_reason: Option<String>,
    /// Why it was closed without the pictures or video asked for.
    pub evidence_waiver: Option<String>,
    /// A task closed together with the order carrying it: that order.
    pub via_doc_id: Option<i64>,
}

/// One step of 计划安排 → 组织实施 → 督办落实 → 整改完善 → 完成闭合.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct LoopStep {
    pub code: String,
    pub label: String,
    /// done, current or todo.
    pub state: String,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct LoopStatus {
    pub target_kind: String,
    pub target_id: i64,
    pub title: String,
    /// The responsible unit (the usual reporting unit of feedback).
    pub unit_id: Option<i64>,
    pub stage: String,
    pub stage_label: String,
    pub steps: Vec<LoopStep>,
    /// The final feedback a closing would rest on.
    pub final_feedback: Option<Feedback>,
    pub open_rectifications: i64,
    /// The closure in force, if closed.
    pub closure: Option<LoopClosure>,
    /// Every closure, newest first (reopened ones carry the reason).
    pub closures: Vec<LoopClosure>,
    pub can_close: bool,
    /// Why it cannot be closed yet, in Chinese, when open.
    pub blockers: Vec<String>,
    /// The evidence forms asked for (图片, 视频) that no report has supplied:
    /// closing needs them, or a waiver with its reason.
    pub missing_forms: Vec<String>,
    /// The latest report lacks a form asked for (shown yellow).
    pub feedback_flag: Option<String>,
}

fn closures_of(conn: &Connection, kind: TargetKind, id: i64) -> Result<Vec<LoopClosure>> {
    let mut stmt = conn
        .prepare_cached(
            "SELECT c.id, c.final_feedback_id, COALESCE(u.display_name, ''), c.closed_at, c.note, c.reopened_at,
             c.reopened_reason, c.evidence_waiver, c.via_doc_id FROM loop_closure c LEFT JOIN app_user u ON u.id = c.closed_by
             WHERE c.target_kind = ?1 AND c.target_id = ?2 ORDER BY c.id DESC",
        )
        .map_err(sql_err)?;
    let rows = stmt
        .query_map(params![kind.code(), id], |r| {
            Ok(LoopClosure {
                id: r.get(0)?,
                final_feedback_id: r.get(1)?,
                closed_by: r.get(2)?,
                closed_at: r.get(3)?,
                note: r.get(4)?,
                reopened_at: r.get(5)?,
                reopened_reason: r.get(6)?,
                evidence_waiver: r.get(7)?,
                via_doc_id: r.get(8)?,
            })
        })
        .map_err(sql_err)?;
    rows.collect::<std::result::Result<_, _>>().map_err(sql_err)
}

/// The latest final feedback recorded since the last reopening (a reopened
/// item needs the unit to report completion again).
fn final_feedback_id(conn: &Connection, kind: TargetKind, id: i64) -> Result<Option<i64>> {
    conn.query_row(
        "SELECT f.id FROM feedback f WHERE f.target_kind = ?1 AND f.target_id = ?2 AND f.is_final = 1
           AND f.id > (SELECT COALESCE(MAX(final_feedback_id), 0) FROM loop_closure
                       WHERE target_kind = ?1 AND target_id = ?2 AND reopened_at IS NOT NULL)
         ORDER BY f.reported_on DESC, f.id DESC LIMIT 1",
        params![kind.code(), id],
        |r| r.get(0),
    )
    .optional()
    .map_err(sql_err)
}

/// What stands in the way of closing an open target.
fn blockers(t: &Target, final_id: Option<i64>, open: i64) -> Vec<String> {
    let mut out = Vec::new();
    match t.doc_status.as_deref() {
        Some("draft") => out.push("草稿尚未签发".to_string()),
        Some("withdrawn") => out.push("文件已撤回".to_string()),
        Some("issued") => out.push("尚未登记签收".to_string()),
        _ => {}
    }
    if t.is_plan_stage {
        out.push("阶段随其下任务完成，不单独闭合".to_string());
    }
    if t.stage == TaskStatus::Cancelled {
        out.push("任务已撤销，恢复后才能办理闭合".to_string());
    }
    if final_id.is_none() {
        out.push("尚无最终反馈（登记反馈时勾选“最终反馈”，进度100%）".to_string());
    }
    if open > 0 {
        out.push(format!("尚有 {open} 项整改未销号"));
    }
    out
}

pub(crate) fn status_in(conn: &Connection, kind: TargetKind, id: i64) -> Result<LoopStatus> {
    let t = target::target_in(conn, kind, id)?;
    let final_id = final_feedback_id(conn, kind, id)?;
    let open = open_on(conn, kind, id)?;
    let closures = closures_of(conn, kind, id)?;
    let closed = t.is_closed();
    let blockers = if closed {
        Vec::new()
    } else {
        blockers(&t, final_id, open)
    };
    let current = TaskStatus::ALL
        .iter()
        .position(|s| *s == t.stage)
        .unwrap_or(0);
    let steps = TaskStatus::ALL
        .iter()
        .enumerate()
        .map(|(i, s)| LoopStep {
            code: s.code().into(),
            label: s.label().into(),
            state: if i < current || (closed && i == current) {
                "done"
            } else if i == current {
                "current"
            } else {
                "todo"
            }
            .into(),
        })
        .collect();
    Ok(LoopStatus {
        target_kind: kind.code().into(),
        target_id: id,
        title: t.title.clone(),
        unit_id: t.unit_id,
        stage: t.stage.code().into(),
        stage_label: t.stage.label().into(),
        steps,
        final_feedback: final_id.map(|f| feedback_in(conn, f)).transpose()?,
        open_rectifications: open,
        closure: if closed {
            closures.iter().find(|c| c.reopened_at.is_none()).cloned()
        } else {
            None
        },
        closures,
        can_close: !closed && blockers.is_empty(),
        blockers,
        missing_forms: if closed {
            Vec::new()
        } else {
            super::orders::missing_forms(conn, kind, id)?
        },
        feedback_flag: super::orders::feedback_flag(conn, kind, id)?,
    })
}

/// The sign-off is the office's: a 签发人 or an administrator, logged in.
fn sign_off_user(actor: &Actor) -> Result<i64> {
    if !actor.role.allows(Permission::SignDocuments) {
        return Err(CoreError::forbidden(format!(
            "完成闭合和重新打开须由签发人或管理员办理（当前角色：{}）",
            actor.role.label()
        )));
    }
    actor
        .user_id
        .ok_or_else(|| CoreError::forbidden("完成闭合须以签发人或管理员身份登录办理"))
}

/// The closing itself, in the caller's transaction: checks, the closure row,
/// the target's stage and dates, the audit entry.
pub(crate) fn close_in(
    tx: &Transaction<'_>,
    actor: &Actor,
    user_id: i64,
    kind: TargetKind,
    id: i64,
    note: &str,
    waiver: &str,
) -> Result<()> {
    let t = target::target_in(tx, kind, id)?;
    if t.is_closed() {
        return Err(CoreError::conflict(format!("“{}”已完成闭合", t.title)));
    }
    let final_id = final_feedback_id(tx, kind, id)?;
    let open = open_on(tx, kind, id)?;
    let why = blockers(&t, final_id, open);
    let Some(final_id) = final_id.filter(|_| why.is_empty()) else {
        return Err(CoreError::conflict(format!(
            "“{}”还不能完成闭合：{}",
            t.title,
            why.join("；")
        )));
    };
    let missing = super::orders::missing_forms(tx, kind, id)?;
    let waiver = waiver.trim();
    if !missing.is_empty() && waiver.is_empty() {
        return Err(CoreError::validation(
            "waiver",
            format!(
                "调度令要求以{}形式反馈，“{}”的反馈中还没有：请补报，或填写免报理由后闭合",
                missing.join("、"),
                t.title
            ),
        ));
    }
    let waiver = (!missing.is_empty()).then(|| waiver.to_string());
    let final_on: String = tx
        .query_row(
            "SELECT reported_on FROM feedback WHERE id = ?1",
            [final_id],
            |r| r.get(0),
        )
        .map_err(sql_err)?;
    tx.execute(
        "INSERT INTO loop_closure (target_kind, target_id, final_feedback_id, closed_by, closed_at, note, evidence_waiver)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![kind.code(), id, final_id, user_id, now_text(), note, waiver],
    )
    .map_err(sql_err)?;
    let mut closed_tasks = Vec::new();
    match kind {
        TargetKind::Task => close_task_fields(tx, id, &final_on)?,
        TargetKind::Document => {
            // The tasks the order carries close with it, unless they wait on
            // a rectification of their own (or are cancelled or archived).
            for task in super::orders::carried(tx, &t)? {
                if task.is_closed()
                    || task.stage == TaskStatus::Cancelled
                    || open_on(tx, TargetKind::Task, task.id)? > 0
                    || !super::orders::plan_editable(tx, task.id)?
                {
                    continue;
                }
                tx.execute(
                    "INSERT INTO loop_closure (target_kind, target_id, final_feedback_id, closed_by, closed_at, note,
                     evidence_waiver, via_doc_id) VALUES ('task', ?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                    params![task.id, final_id, user_id, now_text(), format!("随“{}”完成闭合", t.title), waiver, id],
                )
                .map_err(sql_err)?;
                close_task_fields(tx, task.id, &final_on)?;
                record(
                    tx,
                    actor,
                    "task",
                    Some(task.id),
                    "close",
                    &format!("完成闭合：{}（随调度令“{}”闭合）", task.title, t.title),
                    serde_json::json!({"finalFeedbackId": final_id, "viaDocument": id, "evidenceWaiver": waiver}),
                )?;
                closed_tasks.push(task.id);
            }
            target::set_stage(tx, &t, TaskStatus::Closed)?;
            // A closed order is done: its 办结 date is the final report's.
            tx.execute(
                "UPDATE dispatch_doc SET status = 'completed', completed_at = ?1
                 WHERE id = ?2 AND status IN ('received', 'in_progress')",
                params![final_on, id],
            )
            .map_err(sql_err)?;
        }
    }
    let what = match &waiver {
        Some(w) => format!(
            "完成闭合：{}（最终反馈 {final_on}；未报{}，免报理由：{w}）",
            t.title,
            missing.join("、")
        ),
        None => format!("完成闭合：{}（最终反馈 {final_on}）", t.title),
    };
    record(
        tx,
        actor,
        kind.code(),
        Some(id),
        "close",
        &what,
        serde_json::json!({"finalFeedbackId": final_id, "note": note, "missingForms": missing,
            "evidenceWaiver": waiver, "closedTasks": closed_tasks}),
    )?;
    Ok(())
}

/// A closed task: status, progress 100, the actual finish on the final report.
fn close_task_fields(tx: &Transaction<'_>, id: i64, final_on: &str) -> Result<()> {
    let on = chrono::NaiveDate::parse_from_str(final_on, "%Y-%m-%d").ok();
    crate::plans::write_loop_fields(tx, id, |row| {
        row.status = TaskStatus::Closed.code().into();
        row.progress = 100;
        let start = row.actual_start;
        if row.actual_finish.is_none() {
            row.actual_finish = on.map(|d| start.map_or(d, |s| d.max(s)));
        }
        if row.actual_start.is_none() {
            row.actual_start = row.actual_finish;
        }
    })?;
    Ok(())
}

impl Store {
    /// Where a task or document stands on the loop and whether it can close.
    pub fn loop_status(&self, target_kind: &str, target_id: i64) -> Result<LoopStatus> {
        status_in(&self.conn, target::parse_kind(target_kind)?, target_id)
    }

    /// 完成闭合 with the office's sign-off.
    pub fn close_loop(
        &mut self,
        actor: &Actor,
        target_kind: &str,
        target_id: i64,
        note: &str,
    ) -> Result<LoopStatus> {
        self.close_loop_waived(actor, target_kind, target_id, note, "")
    }

    /// 完成闭合 where the order asked for pictures or video that no report
    /// has: `waiver` says why it closes without them (recorded and shown).
    pub fn close_loop_waived(
        &mut self,
        actor: &Actor,
        target_kind: &str,
        target_id: i64,
        note: &str,
        waiver: &str,
    ) -> Result<LoopStatus> {
        let user_id = sign_off_user(actor)?;
        let kind = target::parse_kind(target_kind)?;
        let note = validate::optional_text("note", "闭合意见", note, 1000)?;
        let waiver = validate::optional_text("waiver", "免报理由", waiver, 500)?;
        let tx = self.tx()?;
        close_in(&tx, actor, user_id, kind, target_id, &note, &waiver)?;
        commit(tx)?;
        self.loop_status(target_kind, target_id)
    }

    /// Reopens a closed task or document with a reason; it goes back to
    /// 组织实施 and needs a new final feedback before it closes again.
    pub fn reopen_loop(
        &mut self,
        actor: &Actor,
        target_kind: &str,
        target_id: i64,
        reason: &str,
    ) -> Result<LoopStatus> {
        sign_off_user(actor)?;
        let kind = target::parse_kind(target_kind)?;
        let reason = validate::required_text("reason", "重新打开的原因", reason, 500)?;
        let tx = self.tx()?;
        let t = target::target_in(&tx, kind, target_id)?;
        let active: Option<i64> = tx
            .query_row(
                "SELECT id FROM loop_closure WHERE target_kind = ?1 AND target_id = ?2 AND reopened_at IS NULL
                 ORDER BY id DESC LIMIT 1",
                params![kind.code(), target_id],
                |r| r.get(0),
            )
            .optional()
            .map_err(sql_err)?;
        let (true, Some(closure)) = (t.is_closed(), active) else {
            return Err(CoreError::conflict(format!(
                "“{}”尚未完成闭合，无需重新打开",
                t.title
            )));
        };
        tx.execute(
            "UPDATE loop_closure SET reopened_at = ?1, reopened_reason = ?2 WHERE id = ?3",
            params![now_text(), reason, closure],
        )
        .map_err(sql_err)?;
        match kind {
            TargetKind::Task => {
                crate::plans::write_loop_fields(&tx, target_id, |row| {
                    row.status = TaskStatus::InProgress.code().into();
                    row.actual_finish = None;
                })?;
            }
            TargetKind::Document => {
                // The tasks that closed with the order reopen with it.
                let mut stmt = tx
                    .prepare(
                        "SELECT id, target_id FROM loop_closure WHERE target_kind = 'task' AND via_doc_id = ?1
                         AND reopened_at IS NULL",
                    )
                    .map_err(sql_err)?;
                let with: Vec<(i64, i64)> = stmt
                    .query_map([target_id], |r| Ok((r.get(0)?, r.get(1)?)))
                    .map_err(sql_err)?
                    .collect::<std::result::Result<_, _>>()
                    .map_err(sql_err)?;
                drop(stmt);
                for (cid, task) in with {
                    if !super::orders::plan_editable(&tx, task)? {
                        continue;
                    }
                    tx.execute(
                        "UPDATE loop_closure SET reopened_at = ?1, reopened_reason = ?2 WHERE id = ?3",
                        params![now_text(), reason, cid],
                    )
                    .map_err(sql_err)?;
                    let name = crate::plans::write_loop_fields(&tx, task, |row| {
                        row.status = TaskStatus::InProgress.code().into();
                        row.actual_finish = None;
                    })?;
                    record(
                        &tx,
                        actor,
                        "task",
                        Some(task),
                        "reopen",
                        &format!(
                            "重新打开：{name}（随调度令“{}”重新打开：{reason}）",
                            t.title
                        ),
                        serde_json::json!({"closureId": cid, "reason": reason, "viaDocument": target_id}),
                    )?;
                }
                target::set_stage(&tx, &t, TaskStatus::InProgress)?;
                // Reopened work is not done: an order marked 办结 goes back to
                // 办理中 (started no later than it was received).
                tx.execute(
                    "UPDATE dispatch_doc SET status = 'in_progress', completed_at = NULL,
                        started_at = COALESCE(started_at, received_at, completed_at)
                     WHERE id = ?1 AND status = 'completed'",
                    [target_id],
                )
                .map_err(sql_err)?;
            }
        }
        record(
            &tx,
            actor,
            kind.code(),
            Some(target_id),
            "reopen",
            &format!("重新打开：{}（{reason}）", t.title),
            serde_json::json!({"closureId": closure, "reason": reason}),
        )?;
        commit(tx)?;
        self.loop_status(target_kind, target_id)
    }

    /// Moves a task or document forward along the loop to `stage` (e.g.
    /// 督办落实 when it is supervised); never backwards, never to 完成闭合.
    pub fn advance_loop_stage(
        &mut self,
        actor: &Actor,
        target_kind: &str,
        target_id: i64,
        stage: &str,
    ) -> Result<LoopStatus> {
        actor.require(Permission::EditRecords)?;
        let kind = target::parse_kind(target_kind)?;
        let stage = TaskStatus::parse(stage)?;
        let tx = self.tx()?;
        let t = target::target_in(&tx, kind, target_id)?;
        if target::advance(&tx, &t, stage)? {
            record(
                &tx,
                actor,
                kind.code(),
                Some(target_id),
                "update",
                &format!("{}进入{}", t.title, stage.label()),
                serde_json::json!({"loopStage": {"from": t.stage.code(), "to": stage.code()}}),
            )?;
        }
        commit(tx)?;
        self.loop_status(target_kind, target_id)
    }
}

/// For other modules raising the stage inside their own transaction (a
/// supervision record moves its target to 督办落实).
#[allow(dead_code)]
pub(crate) fn advance_in(
    tx: &Transaction<'_>,
    kind: &str,
    id: i64,
    stage: TaskStatus,
) -> Result<bool> {
    let t = target::target_in(tx, target::parse_kind(kind)?, id)?;
    target::advance(tx, &t, stage)
}
