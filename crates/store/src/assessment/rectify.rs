//! Rectification items raised by inspections and hotline calls. This is the
//! one place that writes them; at merge it is pointed at the closed-loop
//! store's `create_rectification` so every item follows the same rules.
use crate::audit::record;
use crate::db::{sql_err, Actor};
use crate::{now_text, Result};
use diaodu_domain::plan::parse_date;
use diaodu_domain::{validate, CoreError};
use rusqlite::{params, Transaction};

/// A new item under 三定: item name, responsible person, deadline.
pub(crate) struct RectificationDraft<'a> {
    /// inspection or hotline.
    pub source: &'a str,
    /// e.g. inspection:4, hotline:9.
    pub source_ref: String,
    pub problem: &'a str,
    pub item_name: &'a str,
    pub unit_id: i64,
    pub person_name: &'a str,
    pub deadline: &'a str,
}

/// Inserts the open item, its first history row and the audit entry inside
/// the caller's transaction; returns its id.
pub(crate) fn create_rectification_item(
    tx: &Transaction<'_>,
    actor: &Actor,
    d: &RectificationDraft<'_>,
) -> Result<i64> {
    let problem = validate::required_text("problem", "问题描述", d.problem, 1000)?;
    let item = validate::required_text("itemName", "整改项目名称", d.item_name, 100)?;
    let person = validate::required_text("personName", "整改责任人", d.person_name, 20)?;
    if d.deadline.trim().is_empty() {
        return Err(CoreError::validation("deadline", "请填写整改完成时限"));
    }
    let deadline = parse_date("deadline", "整改完成时限", d.deadline)?;
    let (unit, _) = crate::in_register::active_unit(tx, d.unit_id)?
        .ok_or_else(|| CoreError::validation("unitId", "请选择在册的责任单位"))?;
    let now = now_text();
    tx.execute(
        "INSERT INTO rectification (source, source_ref, problem, item_name, unit_id, person_name, deadline, status,
         created_by, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 'open', ?8, ?9, ?9)",
        params![d.source, d.source_ref, problem, item, d.unit_id, person, deadline.to_string(), actor.user_id, now],
    )
    .map_err(sql_err)?;
    let id = tx.last_insert_rowid();
    tx.execute(
        "INSERT INTO rectification_history (rectification_id, at, user_id, from_status, to_status, note)
         VALUES (?1, ?2, ?3, NULL, 'open', ?4)",
        params![id, now, actor.user_id, format!("由{}生成", d.source_ref)],
    )
    .map_err(sql_err)?;
    record(
        tx,
        actor,
        "rectification",
        Some(id),
        "create",
        &format!("新建整改事项“{item}”（{unit}，责任人{person}，时限{deadline}）"),
        serde_json::json!({"source": d.source, "sourceRef": d.source_ref, "problem": problem, "itemName": item,
            "unit": unit, "personName": person, "deadline": deadline.to_string()}),
    )?;
    Ok(id)
}
