//! 整改 under 三定 (item name, responsible person, deadline): raised from an
//! inspection, a supervision, a hotline call, a meeting or feedback; worked
//! with measures and evidence; verified (验收) by a named person; closed out
//! (销号) only after a passed verification; reopened with a reason. Every
//! status change is kept in rectification_history.
use super::target::{self, Target};
use crate::attachments::{attached, link_all, Attachment, AttachmentLink, AttachmentRef};
use crate::audit::record;
use crate::db::{commit, sql_err, Actor, Store};
use crate::{now_text, Result};
use chrono::NaiveDate;
use diaodu_domain::closed_loop::{
    RectificationSource, RectificationStatus, TargetKind, VerificationResult,
};
use diaodu_domain::plan::{parse_date, TaskStatus};
use diaodu_domain::{validate, CoreError, Permission};
use diaodu_schedule::WorkCalendar;
use rusqlite::{params, Connection, OptionalExtension, Row, Transaction};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct RectificationInput {
    /// inspection, supervision, hotline, meeting, feedback or other.
    pub source: String,
    /// What raised it, e.g. `inspection:4`, `hotline:9`, `feedback:7`.
    pub source_ref: Option<String>,
    /// The task or document it belongs to, if any (both or neither).
    pub target_kind: Option<String>,
    pub target_id: Option<i64>,
    pub problem: String,
    /// 三定: 项目名称, 责任人, 完成时限.
    pub item_name: String,
    pub person_name: String,
    pub deadline: String,
    pub unit_id: Option<i64>,
    pub measures: String,
    pub evidence: String,
    pub attachments: Vec<AttachmentRef>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct VerificationInput {
    pub verified_by: String,
    pub verified_on: String,
    /// pass or fail.
    pub result: String,
    pub note: String,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct RectificationFilter {
    pub status: Option<String>,
    pub unit_id: Option<i64>,
    pub source: Option<String>,
    pub text: Option<String>,
    /// overdue, due_soon, or late (either).
    pub due: Option<String>,
    pub target_kind: Option<String>,
    pub target_id: Option<i64>,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct RectificationEvent {
    pub id: i64,
    pub at: String,
    pub username: Option<String>,
    pub from_status: Option<String>,
    pub from_label: Option<String>,
    pub to_status: String,
    pub to_label: String,
    pub note: String,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct Rectification {
    pub id: i64,
    pub source: String,
    pub source_label: String,
    pub source_ref: Option<String>,
    pub target_kind: Option<String>,
    pub target_id: Option<i64>,
    pub target_title: Option<String>,
    pub problem: String,
    pub item_name: String,
    pub unit_id: i64,
    pub unit_name: String,
    pub person_name: String,
    pub deadline: String,
    pub measures: String,
    pub evidence: String,
    pub status: String,
    pub status_label: String,
    pub verified_by: Option<String>,
    pub verified_on: Option<String>,
    pub verification_result: Option<String>,
    pub verification_result_label: Option<String>,
    pub closed_on: Option<String>,
    pub closed_by: Option<String>,
    pub created_by: Option<String>,
    pub created_at: String,
    pub updated_at: String,
    /// none, due_soon, overdue or done (verified or closed), on the working calendar.
    pub due_state: String,
    pub attachments: Vec<Attachment>,
    /// Status history, oldest first (filled by `get_rectification`).
    pub history: Vec<RectificationEvent>,
}

const SELECT: &str = "SELECT r.id, r.source, r.source_ref, r.target_kind, r.target_id, r.problem, r.item_name,
    r.unit_id, u.name, r.person_name, r.deadline, r.measures, r.evidence, r.status, r.verified_by, r.verified_on,
    r.verification_result, r.closed_on, cu.display_name, au.display_name, r.created_at, r.updated_at
    FROM rectification r JOIN unit u ON u.id = r.unit_id
    LEFT JOIN app_user cu ON cu.id = r.closed_by LEFT JOIN app_user au ON au.id = r.created_by";

fn label<T>(
    code: &str,
    parse: impl Fn(&str) -> diaodu_domain::error::CoreResult<T>,
    f: impl Fn(T) -> &'static str,
) -> String {
    parse(code).map(f).unwrap_or("").to_string()
}

/// A problem raised on a leader's visit (帮扶走访) is filed under 其他 with
/// the visit as its reference, and named for what it is; so is one opened
/// from an omission of periodic work (`spec:<instance id>`).
fn source_label(source: &str, source_ref: Option<&str>) -> String {
    let other = source == RectificationSource::Other.code();
    if other && source_ref.is_some_and(|s| s.starts_with("visit:")) {
        "帮扶走访".into()
    } else if other && source_ref.is_some_and(|s| s.starts_with("spec:")) {
        "周期工作漏项".into()
    } else {
        label(source, RectificationSource::parse, |s| s.label())
    }
}

fn from_row(r: &Row<'_>) -> rusqlite::Result<Rectification> {
    let source: String = r.get(1)?;
    let source_ref: Option<String> = r.get(2)?;
    let status: String = r.get(13)?;
    let result: Option<String> = r.get(16)?;
    Ok(Rectification {
        id: r.get(0)?,
        source_label: source_label(&source, source_ref.as_deref()),
        source,
        source_ref,
        target_kind: r.get(3)?,
        target_id: r.get(4)?,
        target_title: None,
        problem: r.get(5)?,
        item_name: r.get(6)?,
        unit_id: r.get(7)?,
        unit_name: r.get(8)?,
        person_name: r.get(9)?,
        deadline: r.get(10)?,
        measures: r.get(11)?,
        evidence: r.get(12)?,
        status_label: label(&status, RectificationStatus::parse, |s| s.label()),
        status,
        verified_by: r.get(14)?,
        verified_on: r.get(15)?,
        verification_result_label: result
            .as_deref()
            .map(|c| label(c, VerificationResult::parse, |v| v.label())),
        verification_result: result,
        closed_on: r.get(17)?,
        closed_by: r.get(18)?,
        created_by: r.get(19)?,
        created_at: r.get(20)?,
        updated_at: r.get(21)?,
        due_state: String::new(),
        attachments: Vec::new(),
        history: Vec::new(),
    })
}

/// Target title, attachments and the light, which needs the calendar.
fn finish(conn: &Connection, cal: &WorkCalendar, mut r: Rectification) -> Result<Rectification> {
    if let (Some(kind), Some(id)) = (r.target_kind.as_deref(), r.target_id) {
        if let Ok(t) = target::parse_kind(kind).and_then(|k| target::target_in(conn, k, id)) {
            r.target_title = Some(t.title);
        }
    }
    r.attachments = attached(conn, AttachmentLink::Rectification, r.id)?;
    let done = r.status != RectificationStatus::Open.code();
    let deadline = NaiveDate::parse_from_str(&r.deadline, "%Y-%m-%d").ok();
    r.due_state = match deadline {
        Some(d) => crate::plans::due_state(
            cal,
            diaodu_domain::clock::today(),
            if done {
                TaskStatus::Closed.code()
            } else {
                "open"
            },
            Some(d),
            d,
        )
        .into(),
        None => "none".into(),
    };
    Ok(r)
}

fn history_of(conn: &Connection, id: i64) -> Result<Vec<RectificationEvent>> {
    let mut stmt = conn
        .prepare_cached(
            "SELECT h.id, h.at, u.display_name, h.from_status, h.to_status, h.note
             FROM rectification_history h LEFT JOIN app_user u ON u.id = h.user_id
             WHERE h.rectification_id = ?1 ORDER BY h.id",
        )
        .map_err(sql_err)?;
    let rows = stmt
        .query_map([id], |r| {
            let from: Option<String> = r.get(3)?;
            let to: String = r.get(4)?;
            Ok(RectificationEvent {
                id: r.get(0)?,
                at: r.get(1)?,
                username: r.get(2)?,
                from_label: from
                    .as_deref()
                    .map(|c| label(c, RectificationStatus::parse, |s| s.label())),
                from_status: from,
                to_label: label(&to, RectificationStatus::parse, |s| s.label()),
                to_status: to,
                note: r.get(5)?,
            })
        })
        .map_err(sql_err)?;
    rows.collect::<std::result::Result<_, _>>().map_err(sql_err)
}

pub(crate) fn rectification_in(conn: &Connection, id: i64) -> Result<Rectification> {
    let r = conn
        .query_row(&format!("{SELECT} WHERE r.id = ?1"), [id], from_row)
        .optional()
        .map_err(sql_err)?
        .ok_or_else(|| CoreError::not_found("整改不存在"))?;
    let cal = crate::plans::calendar_of(conn)?;
    let mut r = finish(conn, &cal, r)?;
    r.history = history_of(conn, id)?;
    Ok(r)
}

fn add_history(
    tx: &Transaction<'_>,
    actor: &Actor,
    id: i64,
    from: Option<&str>,
    to: &str,
    note: &str,
) -> Result<()> {
    tx.execute(
        "INSERT INTO rectification_history (rectification_id, at, user_id, from_status, to_status, note)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![id, now_text(), actor.user_id, from, to, note],
    )
    .map_err(sql_err)?;
    Ok(())
}

struct Checked {
    source: RectificationSource,
    source_ref: Option<String>,
    target: Option<Target>,
    problem: String,
    item_name: String,
    person_name: String,
    deadline: NaiveDate,
    unit_id: i64,
    measures: String,
    evidence: String,
}

fn check(
    conn: &Connection,
    i: &RectificationInput,
    before: Option<&Rectification>,
) -> Result<Checked> {
    let source = RectificationSource::parse(&i.source)?;
    let source_ref = match i
        .source_ref
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        Some(s) => Some(validate::optional_text("sourceRef", "来源记录", s, 60)?),
        None => None,
    };
    // An omission of periodic work must exist, and the item goes to its unit.
    if let Some(instance) = source_ref.as_deref().and_then(|s| s.strip_prefix("spec:")) {
        let unit: Option<i64> = instance.parse::<i64>().ok().and_then(|id| {
            conn.query_row(
                "SELECT unit_id FROM spec_instance WHERE id = ?1",
                [id],
                |r| r.get(0),
            )
            .ok()
        });
        match unit {
            None => return Err(CoreError::validation("sourceRef", "所整改的周期工作不存在")),
            Some(u) if i.unit_id.is_some_and(|x| x != u) => {
                return Err(CoreError::validation(
                    "unitId",
                    "漏项整改的责任单位应为该项工作的责任单位",
                ))
            }
            Some(_) => {}
        }
    }
    let target = match (
        i.target_kind.as_deref().filter(|k| !k.is_empty()),
        i.target_id,
    ) {
        (Some(k), Some(id)) => Some(target::target_in(conn, target::parse_kind(k)?, id)?),
        (None, None) => None,
        _ => {
            return Err(CoreError::validation(
                "targetId",
                "关联对象须同时给出类别和编号",
            ))
        }
    };
    let problem = validate::required_text("problem", "存在问题", &i.problem, 2000)?;
    let item_name = validate::required_text("itemName", "项目名称", &i.item_name, 60)?;
    let person_name = validate::required_text("personName", "责任人", &i.person_name, 20)?;
    if i.deadline.trim().is_empty() {
        return Err(CoreError::validation("deadline", "请填写完成时限"));
    }
    let deadline = parse_date("deadline", "完成时限", &i.deadline)?;
    let cal = crate::plans::calendar_of(conn)?;
    let unchanged = before.is_some_and(|b| b.deadline == deadline.to_string());
    if !unchanged && !cal.is_working(deadline) {
        let next = cal
            .working_on_or_after(deadline)
            .map(|d| format!("，如 {d}"))
            .unwrap_or_default();
        return Err(CoreError::validation(
            "deadline",
            format!("完成时限 {deadline} 不是工作日，请选择工作日{next}"),
        ));
    }
    let unit_id = i
        .unit_id
        .ok_or_else(|| CoreError::validation("unitId", "请选择责任单位"))?;
    if before.is_none_or(|b| b.unit_id != unit_id) {
        crate::in_register::require_active_unit(conn, unit_id, "unitId", "责任单位")?;
    }
    Ok(Checked {
        source,
        source_ref,
        target,
        problem,
        item_name,
        person_name,
        deadline,
        unit_id,
        measures: validate::optional_text("measures", "整改措施", &i.measures, 4000)?,
        evidence: validate::optional_text("evidence", "整改佐证", &i.evidence, 4000)?,
    })
}

fn rect_json(c: &Checked) -> serde_json::Value {
    serde_json::json!({"source": c.source.code(), "sourceRef": c.source_ref, "problem": c.problem,
        "itemName": c.item_name, "personName": c.person_name, "deadline": c.deadline.to_string(),
        "unitId": c.unit_id, "measures": c.measures, "evidence": c.evidence,
        "target": c.target.as_ref().map(|t| serde_json::json!({"kind": t.kind.code(), "id": t.id}))})
}

/// Inserts a rectification in the caller's transaction (for records that
/// raise one together with themselves, e.g. an inspection or a hotline
/// call); the audit entry and the first history row are written too.
pub(crate) fn insert_rectification(
    tx: &Transaction<'_>,
    actor: &Actor,
    files: &crate::AttachmentStore,
    input: &RectificationInput,
) -> Result<i64> {
    actor.require(Permission::EditRecords)?;
    let c = check(tx, input, None)?;
    let now = now_text();
    tx.execute(
        "INSERT INTO rectification (source, source_ref, target_kind, target_id, problem, item_name, unit_id,
         person_name, deadline, measures, evidence, status, created_by, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, 'open', ?12, ?13, ?13)",
        params![c.source.code(), c.source_ref, c.target.as_ref().map(|t| t.kind.code()),
            c.target.as_ref().map(|t| t.id), c.problem, c.item_name, c.unit_id, c.person_name,
            c.deadline.to_string(), c.measures, c.evidence, actor.user_id, now],
    )
    .map_err(sql_err)?;
    let id = tx.last_insert_rowid();
    link_all(
        tx,
        files,
        AttachmentLink::Rectification,
        id,
        &input.attachments,
    )?;
    add_history(
        tx,
        actor,
        id,
        None,
        RectificationStatus::Open.code(),
        &format!(
            "登记整改（来源：{}）",
            source_label(c.source.code(), c.source_ref.as_deref())
        ),
    )?;
    if let Some(t) = &c.target {
        target::advance(tx, t, TaskStatus::Rectifying)?;
    }
    record(
        tx,
        actor,
        "rectification",
        Some(id),
        "create",
        &format!(
            "登记整改“{}”（{}，完成时限 {}）",
            c.item_name, c.person_name, c.deadline
        ),
        rect_json(&c),
    )?;
    Ok(id)
}

/// Changes the status with its history row and audit entry.
fn change_status(
    tx: &Transaction<'_>,
    actor: &Actor,
    before: &Rectification,
    set: &str,
    args: &[&dyn rusqlite::ToSql],
    (to, action, summary, note): (&str, &str, String, String),
) -> Result<()> {
    let mut all: Vec<&dyn rusqlite::ToSql> = args.to_vec();
    let now = now_text();
    all.push(&now);
    all.push(&before.id);
    tx.execute(
        &format!(
            "UPDATE rectification SET {set}, updated_at = ?{} WHERE id = ?{}",
            all.len() - 1,
            all.len()
        ),
        all.as_slice(),
    )
    .map_err(sql_err)?;
    add_history(tx, actor, before.id, Some(&before.status), to, &note)?;
    record(
        tx,
        actor,
        "rectification",
        Some(before.id),
        action,
        &summary,
        serde_json::json!({"status": {"from": before.status, "to": to}, "note": note}),
    )?;
    Ok(())
}

impl Store {
    /// Registers a rectification (from any source; `source_ref` names the
    /// record that raised it). Other modules that raise one together with
    /// their own record use `insert_rectification` in their transaction.
    pub fn create_rectification(
        &mut self,
        actor: &Actor,
        input: &RectificationInput,
    ) -> Result<Rectification> {
        let files = self.attachment_store()?;
        let tx = self.tx()?;
        let id = insert_rectification(&tx, actor, &files, input)?;
        commit(tx)?;
        self.get_rectification(id)
    }

    /// Edits the problem, 三定, measures, evidence and attachments while the
    /// rectification is not closed out; its status does not change.
    pub fn update_rectification(
        &mut self,
        actor: &Actor,
        id: i64,
        input: &RectificationInput,
    ) -> Result<Rectification> {
        actor.require(Permission::EditRecords)?;
        let files = self.attachment_store()?;
        let tx = self.tx()?;
        let before = rectification_in(&tx, id)?;
        if before.status == RectificationStatus::Closed.code() {
            return Err(CoreError::conflict(format!(
                "整改“{}”已销号，不能修改；如需继续整改请先重新打开",
                before.item_name
            )));
        }
        let c = check(&tx, input, Some(&before))?;
        tx.execute(
            "UPDATE rectification SET source = ?1, source_ref = ?2, target_kind = ?3, target_id = ?4, problem = ?5,
             item_name = ?6, unit_id = ?7, person_name = ?8, deadline = ?9, measures = ?10, evidence = ?11,
             updated_at = ?12 WHERE id = ?13",
            params![c.source.code(), c.source_ref, c.target.as_ref().map(|t| t.kind.code()),
                c.target.as_ref().map(|t| t.id), c.problem, c.item_name, c.unit_id, c.person_name,
                c.deadline.to_string(), c.measures, c.evidence, now_text(), id],
        )
        .map_err(sql_err)?;
        link_all(
            &tx,
            &files,
            AttachmentLink::Rectification,
            id,
            &input.attachments,
        )?;
        if let Some(t) = &c.target {
            target::advance(&tx, t, TaskStatus::Rectifying)?;
        }
        let b = serde_json::json!({"source": before.source, "sourceRef": before.source_ref, "problem": before.problem,
            "itemName": before.item_name, "personName": before.person_name, "deadline": before.deadline,
            "unitId": before.unit_id, "measures": before.measures, "evidence": before.evidence,
            "target": before.target_kind.as_ref().map(|k| serde_json::json!({"kind": k, "id": before.target_id}))});
        record(
            &tx,
            actor,
            "rectification",
            Some(id),
            "update",
            &format!("修改整改“{}”", c.item_name),
            crate::audit::diff(&b, &rect_json(&c)),
        )?;
        commit(tx)?;
        self.get_rectification(id)
    }

    /// 验收: by whom, when, pass or fail. A pass makes it ready for close-out;
    /// a fail keeps it open (and in the history).
    pub fn verify_rectification(
        &mut self,
        actor: &Actor,
        id: i64,
        input: &VerificationInput,
    ) -> Result<Rectification> {
        actor.require(Permission::EditRecords)?;
        let by = validate::required_text("verifiedBy", "验收人", &input.verified_by, 20)?;
        if input.verified_on.trim().is_empty() {
            return Err(CoreError::validation("verifiedOn", "请填写验收日期"));
        }
        let on = parse_date("verifiedOn", "验收日期", &input.verified_on)?;
        if on > diaodu_domain::clock::today() {
            return Err(CoreError::validation("verifiedOn", "验收日期不能晚于今天"));
        }
        if input.result.trim().is_empty() {
            return Err(CoreError::validation(
                "result",
                "请选择验收结果：通过或不通过",
            ));
        }
        let result = VerificationResult::parse(&input.result)?;
        let note = validate::optional_text("note", "验收意见", &input.note, 1000)?;
        if result == VerificationResult::Fail && note.is_empty() {
            return Err(CoreError::validation("note", "验收不通过时请写明原因"));
        }
        let tx = self.tx()?;
        let before = rectification_in(&tx, id)?;
        if before.status != RectificationStatus::Open.code() {
            return Err(CoreError::conflict(format!(
                "整改“{}”当前为{}，只有整改中的才能验收",
                before.item_name, before.status_label
            )));
        }
        if before
            .created_at
            .get(..10)
            .is_some_and(|c| on.to_string().as_str() < c)
        {
            return Err(CoreError::validation(
                "verifiedOn",
                "验收日期不能早于整改登记日期",
            ));
        }
        let to = match result {
            VerificationResult::Pass => RectificationStatus::Verified,
            VerificationResult::Fail => RectificationStatus::Open,
        };
        let on_text = on.to_string();
        let text = format!(
            "验收{}：{by}，{on_text}{}",
            result.label(),
            if note.is_empty() {
                String::new()
            } else {
                format!("。{note}")
            }
        );
        change_status(
            &tx,
            actor,
            &before,
            "status = ?1, verified_by = ?2, verified_on = ?3, verification_result = ?4",
            &[&to.code(), &by, &on_text, &result.code()],
            (
                to.code(),
                "verify",
                format!("整改“{}”{text}", before.item_name),
                text.clone(),
            ),
        )?;
        commit(tx)?;
        self.get_rectification(id)
    }

    /// 销号: refused unless a verification passed.
    pub fn close_rectification(
        &mut self,
        actor: &Actor,
        id: i64,
        note: &str,
    ) -> Result<Rectification> {
        actor.require(Permission::EditRecords)?;
        let note = validate::optional_text("note", "销号说明", note, 1000)?;
        let tx = self.tx()?;
        let before = rectification_in(&tx, id)?;
        match RectificationStatus::parse(&before.status)? {
            RectificationStatus::Verified => {}
            RectificationStatus::Closed => {
                return Err(CoreError::conflict(format!(
                    "整改“{}”已销号",
                    before.item_name
                )))
            }
            RectificationStatus::Open => {
                let why = if before.verification_result.as_deref() == Some("fail") {
                    "上次验收未通过"
                } else {
                    "尚未验收"
                };
                return Err(CoreError::conflict(format!(
                    "整改“{}”{why}，不能销号：须验收通过后才能销号",
                    before.item_name
                )));
            }
        }
        let today = diaodu_domain::clock::today().to_string();
        let text = if note.is_empty() {
            "销号".to_string()
        } else {
            format!("销号：{note}")
        };
        change_status(
            &tx,
            actor,
            &before,
            "status = ?1, closed_on = ?2, closed_by = ?3",
            &[&RectificationStatus::Closed.code(), &today, &actor.user_id],
            (
                RectificationStatus::Closed.code(),
                "closeout",
                format!("整改“{}”销号", before.item_name),
                text,
            ),
        )?;
        commit(tx)?;
        self.get_rectification(id)
    }

    /// Back to 整改中 with a reason; the last verification and close-out are
    /// cleared from the record (the history keeps them), so closing it
    /// again needs a new verification.
    pub fn reopen_rectification(
        &mut self,
        actor: &Actor,
        id: i64,
        reason: &str,
    ) -> Result<Rectification> {
        actor.require(Permission::EditRecords)?;
        let reason = validate::required_text("reason", "重新打开的原因", reason, 500)?;
        let tx = self.tx()?;
        let before = rectification_in(&tx, id)?;
        if before.status == RectificationStatus::Open.code() {
            return Err(CoreError::conflict(format!(
                "整改“{}”仍在整改中，无需重新打开",
                before.item_name
            )));
        }
        change_status(
            &tx,
            actor,
            &before,
            "status = ?1, verified_by = NULL, verified_on = NULL, verification_result = NULL, closed_on = NULL, closed_by = NULL",
            &[&RectificationStatus::Open.code()],
            (RectificationStatus::Open.code(), "reopen", format!("重新打开整改“{}”：{reason}", before.item_name), format!("重新打开：{reason}")),
        )?;
        if let (Some(k), Some(tid)) = (before.target_kind.as_deref(), before.target_id) {
            let t = target::target_in(&tx, target::parse_kind(k)?, tid)?;
            target::advance(&tx, &t, TaskStatus::Rectifying)?;
        }
        commit(tx)?;
        self.get_rectification(id)
    }

    /// With its history, oldest first.
    pub fn get_rectification(&self, id: i64) -> Result<Rectification> {
        rectification_in(&self.conn, id)
    }

    /// Rectifications matching the filter: open ones first by deadline, then
    /// the rest newest first.
    pub fn list_rectifications(&self, f: &RectificationFilter) -> Result<Vec<Rectification>> {
        let cal = crate::plans::calendar_of(&self.conn)?;
        let mut stmt = self
            .conn
            .prepare(&format!(
                "{SELECT} ORDER BY r.status = 'closed', CASE WHEN r.status = 'closed' THEN '' ELSE r.deadline END, r.id DESC"
            ))
            .map_err(sql_err)?;
        let rows: Vec<Rectification> = stmt
            .query_map([], from_row)
            .map_err(sql_err)?
            .collect::<std::result::Result<_, _>>()
            .map_err(sql_err)?;
        let nonempty = |s: &Option<String>| {
            s.as_deref()
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_string)
        };
        let (status, source, text, due, tkind) = (
            nonempty(&f.status),
            nonempty(&f.source),
            nonempty(&f.text),
            nonempty(&f.due),
            nonempty(&f.target_kind),
        );
        let mut out = Vec::new();
        for r in rows {
            let keep = status.as_deref().is_none_or(|s| r.status == s)
                && source.as_deref().is_none_or(|s| r.source == s)
                && f.unit_id.is_none_or(|u| r.unit_id == u)
                && tkind
                    .as_deref()
                    .is_none_or(|k| r.target_kind.as_deref() == Some(k))
                && f.target_id.is_none_or(|id| r.target_id == Some(id))
                && text.as_deref().is_none_or(|t| {
                    r.item_name.contains(t)
                        || r.problem.contains(t)
                        || r.person_name.contains(t)
                        || r.unit_name.contains(t)
                });
            if !keep {
                continue;
            }
            let r = finish(&self.conn, &cal, r)?;
            let due_ok = match due.as_deref() {
                None => true,
                Some("late") => r.due_state == "overdue" || r.due_state == "due_soon",
                Some(d) => r.due_state == d,
            };
            if due_ok {
                out.push(r);
            }
        }
        Ok(out)
    }
}

/// Rectifications on a target that are not closed out.
pub(crate) fn open_on(conn: &Connection, kind: TargetKind, id: i64) -> Result<i64> {
    conn.query_row(
        "SELECT COUNT(*) FROM rectification WHERE target_kind = ?1 AND target_id = ?2 AND status <> 'closed'",
        params![kind.code(), id],
        |r| r.get(0),
    )
    .map_err(sql_err)
}
