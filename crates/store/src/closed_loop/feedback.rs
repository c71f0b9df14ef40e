//! 反馈: a unit's report on an order, a notice or a task — date, reporting
//! unit and person, text, progress and evidence attachments. Recording it
//! moves the work on: a task takes the reported progress and its actual
//! dates, a planned item enters 组织实施.
use super::target::{self, Target};
use crate::attachments::{attached, link_all, Attachment, AttachmentLink, AttachmentRef};
use crate::audit::record;
use crate::db::{commit, sql_err, Actor, Store};
use crate::{now_text, Result};
use chrono::NaiveDate;
use diaodu_domain::closed_loop::TargetKind;
use diaodu_domain::plan::{parse_date, TaskStatus};
use diaodu_domain::{validate, CoreError, Permission};
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct FeedbackInput {
    /// task or document.
    pub target_kind: String,
    pub target_id: i64,
    pub reported_on: String,
    pub unit_id: Option<i64>,
    pub person_name: String,
    pub text: String,
    pub progress: Option<i64>,
    /// The unit reports the work done; the office may then close it.
    pub is_final: bool,
    pub attachments: Vec<AttachmentRef>,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct Feedback {
    pub id: i64,
    pub target_kind: String,
    pub target_id: i64,
    pub target_title: String,
    pub reported_on: String,
    pub unit_id: Option<i64>,
    pub unit_name: Option<String>,
    pub person_name: String,
    pub text: String,
    pub progress: Option<i64>,
    pub is_final: bool,
    pub attachments: Vec<Attachment>,
    pub created_by: Option<String>,
    pub created_at: String,
    /// The forms the order asked for (图片, 视频) that this report has no file
    /// of: the report is flagged (yellow).
    pub missing_forms: Vec<String>,
}

const SELECT: &str = "SELECT f.id, f.target_kind, f.target_id, f.reported_on, f.unit_id, u.name, f.person_name,
    f.text, f.progress, f.is_final, COALESCE(au.display_name, ''), f.created_at
    FROM feedback f LEFT JOIN unit u ON u.id = f.unit_id LEFT JOIN app_user au ON au.id = f.created_by";

fn from_row(r: &Row<'_>) -> rusqlite::Result<Feedback> {
    let by: String = r.get(10)?;
    Ok(Feedback {
        id: r.get(0)?,
        target_kind: r.get(1)?,
        target_id: r.get(2)?,
        target_title: String::new(),
        reported_on: r.get(3)?,
        unit_id: r.get(4)?,
        unit_name: r.get(5)?,
        person_name: r.get(6)?,
        text: r.get(7)?,
        progress: r.get(8)?,
        is_final: r.get(9)?,
        attachments: Vec::new(),
        created_by: (!by.is_empty()).then_some(by),
        created_at: r.get(11)?,
        missing_forms: Vec::new(),
    })
}

fn finish(conn: &Connection, mut f: Feedback) -> Result<Feedback> {
    f.attachments = attached(conn, AttachmentLink::Feedback, f.id)?;
    if let Ok(kind) = target::parse_kind(&f.target_kind) {
        if let Ok(t) = target::target_in(conn, kind, f.target_id) {
            f.target_title = t.title;
        }
        let have: Vec<String> = f.attachments.iter().map(|a| a.kind.clone()).collect();
        f.missing_forms = super::orders::report_missing(conn, kind, f.target_id, &have)?;
    }
    Ok(f)
}

pub(crate) fn feedback_in(conn: &Connection, id: i64) -> Result<Feedback> {
    let f = conn
        .query_row(&format!("{SELECT} WHERE f.id = ?1"), [id], from_row)
        .optional()
        .map_err(sql_err)?
        .ok_or_else(|| CoreError::not_found("反馈不存在"))?;
    finish(conn, f)
}

/// Feedback on one target, newest report first.
pub(crate) fn feedback_on(conn: &Connection, kind: TargetKind, id: i64) -> Result<Vec<Feedback>> {
    let mut stmt = conn
        .prepare_cached(&format!(
            "{SELECT} WHERE f.target_kind = ?1 AND f.target_id = ?2 ORDER BY f.reported_on DESC, f.id DESC"
        ))
        .map_err(sql_err)?;
    let rows: Vec<Feedback> = stmt
        .query_map(params![kind.code(), id], from_row)
        .map_err(sql_err)?
        .collect::<std::result::Result<_, _>>()
        .map_err(sql_err)?;
    rows.into_iter().map(|f| finish(conn, f)).collect()
}

/// Whether feedback may be recorded on the target now.
fn check_target(t: &Target) -> Result<()> {
    if t.is_plan_stage {
        return Err(CoreError::validation(
            "targetId",
            "阶段由其下的任务汇总，请对具体任务登记反馈",
        ));
    }
    match t.doc_status.as_deref() {
        Some("draft") => return Err(CoreError::conflict("草稿尚未签发，不能登记反馈")),
        Some("withdrawn") => return Err(CoreError::conflict("该文件已撤回，不能登记反馈")),
        _ => {}
    }
    if t.is_closed() {
        return Err(CoreError::conflict(format!(
            "“{}”已完成闭合；如需补充反馈，请先重新打开",
            t.title
        )));
    }
    Ok(())
}

struct Checked {
    reported_on: NaiveDate,
    unit_id: i64,
    person_name: String,
    text: String,
    progress: Option<i64>,
}

fn check(conn: &Connection, t: &Target, i: &FeedbackInput) -> Result<Checked> {
    let reported_on = if i.reported_on.trim().is_empty() {
        return Err(CoreError::validation("reportedOn", "请填写反馈日期"));
    } else {
        parse_date("reportedOn", "反馈日期", &i.reported_on)?
    };
    if reported_on > diaodu_domain::clock::today() {
        return Err(CoreError::validation("reportedOn", "反馈日期不能晚于今天"));
    }
    if let Some(signed) = t.signed_on.filter(|s| reported_on < *s) {
        return Err(CoreError::validation(
            "reportedOn",
            format!("反馈日期不能早于签发日期 {signed}"),
        ));
    }
    let unit_id = i
        .unit_id
        .ok_or_else(|| CoreError::validation("unitId", "请选择反馈单位"))?;
    crate::in_register::require_active_unit(conn, unit_id, "unitId", "反馈单位")?;
    let person_name = validate::required_text("personName", "反馈人", &i.person_name, 20)?;
    let text = validate::optional_text("text", "反馈内容", &i.text, 4000)?;
    if text.is_empty() && i.attachments.is_empty() {
        return Err(CoreError::validation(
            "text",
            "请填写反馈内容，或添加照片、视频等附件",
        ));
    }
    if let Some(p) = i.progress.filter(|p| !(0..=100).contains(p)) {
        return Err(CoreError::validation(
            "progress",
            format!("进度应在0到100之间（填写的是{p}）"),
        ));
    }
    let progress = match (i.is_final, i.progress) {
        (true, Some(p)) if p < 100 => {
            return Err(CoreError::validation(
                "progress",
                "最终反馈表示工作已完成，进度应为100%",
            ))
        }
        (true, _) => Some(100),
        (false, p) => p,
    };
    Ok(Checked {
        reported_on,
        unit_id,
        person_name,
        text,
        progress,
    })
}

impl Store {
    /// Records feedback with its attachments (files already in the store,
    /// see `stage_attachment`), and moves the target along the loop.
    pub fn add_feedback(&mut self, actor: &Actor, input: &FeedbackInput) -> Result<Feedback> {
        actor.require(Permission::EditRecords)?;
        let kind = target::parse_kind(&input.target_kind)?;
        let files = self.attachment_store()?;
        let tx = self.tx()?;
        let t = target::target_in(&tx, kind, input.target_id)?;
        check_target(&t)?;
        let c = check(&tx, &t, input)?;
        tx.execute(
            "INSERT INTO feedback (target_kind, target_id, reported_on, unit_id, person_name, text, progress,
             is_final, created_by, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            params![kind.code(), t.id, c.reported_on.to_string(), c.unit_id, c.person_name, c.text,
                c.progress, input.is_final, actor.user_id, now_text()],
        )
        .map_err(sql_err)?;
        let id = tx.last_insert_rowid();
        let attachments = link_all(
            &tx,
            &files,
            AttachmentLink::Feedback,
            id,
            &input.attachments,
        )?;
        match kind {
            TargetKind::Task => {
                let on = c.reported_on;
                crate::plans::write_loop_fields(&tx, t.id, |row| {
                    if let Some(p) = c.progress {
                        row.progress = p;
                    }
                    if row.status == TaskStatus::Planned.code() {
                        row.status = TaskStatus::InProgress.code().into();
                    }
                    let start = *row.actual_start.get_or_insert(on);
                    if input.is_final && row.actual_finish.is_none() {
                        row.actual_finish = Some(on.max(start));
                    }
                })?;
            }
            TargetKind::Document => {
                // An order's report is a report on the tasks it carries: they
                // start (on the report's day) and take its progress.
                let on = c.reported_on;
                for task in super::orders::carried(&tx, &t)? {
                    if task.is_closed()
                        || task.stage == TaskStatus::Cancelled
                        || !super::orders::plan_editable(&tx, task.id)?
                    {
                        continue;
                    }
                    crate::plans::write_loop_fields(&tx, task.id, |row| {
                        if let Some(p) = c.progress {
                            row.progress = row.progress.max(p);
                        }
                        row.actual_start.get_or_insert(on);
                    })?;
                }
                target::advance(&tx, &t, TaskStatus::InProgress)?;
            }
        }
        let unit: String = tx
            .query_row("SELECT name FROM unit WHERE id = ?1", [c.unit_id], |r| {
                r.get(0)
            })
            .map_err(sql_err)?;
        let mut what = vec![unit.clone()];
        if let Some(p) = c.progress {
            what.push(format!("进度{p}%"));
        }
        if input.is_final {
            what.push("最终反馈".into());
        }
        if !attachments.is_empty() {
            what.push(format!("附件{}个", attachments.len()));
        }
        record(
            &tx,
            actor,
            "feedback",
            Some(id),
            "create",
            &format!("登记反馈：{}（{}）", t.title, what.join("，")),
            serde_json::json!({"target": {"kind": kind.code(), "id": t.id}, "reportedOn": c.reported_on.to_string(),
                "unit": unit, "person": c.person_name, "text": c.text, "progress": c.progress, "final": input.is_final,
                "attachments": attachments.iter().map(|a| serde_json::json!({"name": a.name, "sha256": a.sha256})).collect::<Vec<_>>()}),
        )?;
        commit(tx)?;
        feedback_in(&self.conn, id)
    }

    pub fn get_feedback(&self, id: i64) -> Result<Feedback> {
        feedback_in(&self.conn, id)
    }

    /// Feedback on a task or a document, newest report first.
    pub fn list_feedback(&self, target_kind: &str, target_id: i64) -> Result<Vec<Feedback>> {
        let kind = target::parse_kind(target_kind)?;
        target::target_in(&self.conn, kind, target_id)?;
        feedback_on(&self.conn, kind, target_id)
    }
}
