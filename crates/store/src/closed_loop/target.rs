//! What feedback, rectifications and close-outs point at: a plan task or a
//! notice/order, and where it stands on the loop (task.status for tasks,
//! dispatch_doc.loop_stage for documents; the same codes).
use crate::db::sql_err;
use crate::Result;
use chrono::NaiveDate;
use diaodu_domain::closed_loop::TargetKind;
use diaodu_domain::plan::TaskStatus;
use diaodu_domain::CoreError;
use rusqlite::{params, Connection, OptionalExtension, Transaction};

#[derive(Debug, Clone)]
pub(crate) struct Target {
    pub kind: TargetKind,
    pub id: i64,
    /// The task's name, or a document's number and title.
    pub title: String,
    pub unit_id: Option<i64>,
    pub stage: TaskStatus,
    /// Documents: draft, issued, received, in_progress, completed, withdrawn.
    pub doc_status: Option<String>,
    pub signed_on: Option<NaiveDate>,
    /// A plan stage (阶段): a summary of its tasks, not work of its own.
    pub is_plan_stage: bool,
}

impl Target {
    pub fn is_closed(&self) -> bool {
        self.stage == TaskStatus::Closed
    }
}

pub(crate) fn parse_kind(kind: &str) -> Result<TargetKind> {
    TargetKind::parse(kind)
}

fn stage_of(code: &str) -> TaskStatus {
    TaskStatus::parse(code).unwrap_or(TaskStatus::Planned)
}

pub(crate) fn target_in(conn: &Connection, kind: TargetKind, id: i64) -> Result<Target> {
    match kind {
        TargetKind::Task => conn
            .query_row(
                "SELECT name, lead_unit_id, status, kind FROM task WHERE id = ?1",
                [id],
                |r| {
                    Ok(Target {
                        kind,
                        id,
                        title: r.get(0)?,
                        unit_id: r.get(1)?,
                        stage: stage_of(&r.get::<_, String>(2)?),
                        doc_status: None,
                        signed_on: None,
                        is_plan_stage: r.get::<_, String>(3)? == "stage",
                    })
                },
            )
            .optional()
            .map_err(sql_err)?
            .ok_or_else(|| CoreError::not_found("任务不存在")),
        TargetKind::Document => conn
            .query_row(
                "SELECT number, title, target_unit_id, loop_stage, status, signed_at FROM dispatch_doc WHERE id = ?1",
                [id],
                |r| {
                    let number: Option<String> = r.get(0)?;
                    let title: String = r.get(1)?;
                    let signed: Option<String> = r.get(5)?;
                    Ok(Target {
                        kind,
                        id,
                        title: match number {
                            Some(n) => format!("{n} {title}"),
                            None => title,
                        },
                        unit_id: r.get(2)?,
                        stage: stage_of(&r.get::<_, String>(3)?),
                        doc_status: Some(r.get(4)?),
                        signed_on: signed
                            .and_then(|s| NaiveDate::parse_from_str(s.get(..10)?, "%Y-%m-%d").ok()),
                        is_plan_stage: false,
                    })
                },
            )
            .optional()
            .map_err(sql_err)?
            .ok_or_else(|| CoreError::not_found("通知单或调度令不存在")),
    }
}

/// Moves the target to `stage` (any direction; callers decide).
pub(crate) fn set_stage(tx: &Transaction<'_>, t: &Target, stage: TaskStatus) -> Result<()> {
    match t.kind {
        TargetKind::Task => {
            crate::plans::write_loop_fields(tx, t.id, |row| row.status = stage.code().into())?;
        }
        TargetKind::Document => {
            tx.execute(
                "UPDATE dispatch_doc SET loop_stage = ?1, updated_at = ?2 WHERE id = ?3",
                params![stage.code(), crate::now_text(), t.id],
            )
            .map_err(sql_err)?;
        }
    }
    Ok(())
}

fn rank(s: TaskStatus) -> usize {
    TaskStatus::ALL.iter().position(|x| *x == s).unwrap_or(0)
}

/// Moves the target forward to `stage` if it is behind it; never backwards,
/// never to 完成闭合 (that takes the office's sign-off) and never out of
/// 已撤销 (that takes resume_task). Whether it moved.
/// An order takes the tasks it carries along with it (each forward only,
/// and only while its plan is not archived).
pub(crate) fn advance(tx: &Transaction<'_>, t: &Target, stage: TaskStatus) -> Result<bool> {
    for task in super::orders::carried(tx, t)? {
        advance_one(tx, &task, stage)?;
    }
    advance_one(tx, t, stage)
}

fn advance_one(tx: &Transaction<'_>, t: &Target, stage: TaskStatus) -> Result<bool> {
    if stage == TaskStatus::Closed
        || t.is_closed()
        || t.stage == TaskStatus::Cancelled
        || rank(stage) <= rank(t.stage)
        || (t.kind == TargetKind::Task && !super::orders::plan_editable(tx, t.id)?)
    {
        return Ok(false);
    }
    set_stage(tx, t, stage)?;
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stages_are_ordered_along_the_loop() {
        assert!(rank(TaskStatus::Planned) < rank(TaskStatus::InProgress));
        assert!(rank(TaskStatus::Supervising) < rank(TaskStatus::Rectifying));
        assert!(rank(TaskStatus::Rectifying) < rank(TaskStatus::Closed));
    }
}
