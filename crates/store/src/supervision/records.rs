//! 督办记录: the office checking up on a unit (on site, by phone, at a
//! meeting, on the platform), on an order, a notice, a task, or the unit's
//! work in general. Records are added, never changed or deleted: a correction
//! is a new record saying so.
use crate::audit::record;
use crate::db::{commit, sql_err, Actor, Store};
use crate::{now_text, Result};
use diaodu_domain::plan::parse_opt_date;
use diaodu_domain::supervision::{SupervisionMethod, TargetKind};
use diaodu_domain::{validate, CoreError, Permission};
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct SupervisionInput {
    pub target_kind: Option<String>,
    pub target_id: Option<i64>,
    /// The supervised unit; defaults to the target's responsible unit.
    pub unit_id: Option<i64>,
    pub supervised_on: String,
    pub method: String,
    pub supervisor: String,
    pub findings: String,
    pub result: String,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct SupervisionFilter {
    pub target_kind: Option<String>,
    pub target_id: Option<i64>,
    pub unit_id: Option<i64>,
    pub from: Option<String>,
    pub to: Option<String>,
    pub text: Option<String>,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct SupervisionRecord {
    pub id: i64,
    pub target_kind: Option<String>,
    pub target_id: Option<i64>,
    /// 晋源党调令〔2026〕3号《…》 or the task's name; empty for a general visit.
    pub target_label: String,
    pub unit_id: Option<i64>,
    pub unit_name: Option<String>,
    pub unit_kind: Option<String>,
    pub supervised_on: String,
    pub method: String,
    pub method_label: String,
    pub supervisor: String,
    pub findings: String,
    pub result: String,
    pub created_by: Option<String>,
    pub created_at: String,
}

const SELECT: &str = "SELECT s.id, s.target_kind, s.target_id, s.unit_id, u.name, u.kind, s.supervised_on,
    s.method, s.supervisor, s.findings, s.result, a.display_name, s.created_at
    FROM supervision_record s LEFT JOIN unit u ON u.id = s.unit_id LEFT JOIN app_user a ON a.id = s.created_by";

fn from_row(r: &Row<'_>) -> rusqlite::Result<SupervisionRecord> {
    let method: String = r.get(7)?;
    Ok(SupervisionRecord {
        id: r.get(0)?,
        target_kind: r.get(1)?,
        target_id: r.get(2)?,
        target_label: String::new(),
        unit_id: r.get(3)?,
        unit_name: r.get(4)?,
        unit_kind: r.get(5)?,
        supervised_on: r.get(6)?,
        method_label: SupervisionMethod::parse(&method)
            .map(|m| m.label())
            .unwrap_or("")
            .into(),
        method,
        supervisor: r.get(8)?,
        findings: r.get(9)?,
        result: r.get(10)?,
        created_by: r.get(11)?,
        created_at: r.get(12)?,
    })
}

/// The label and responsible unit of a target, or a validation error naming
/// the field when it does not exist.
pub(crate) fn target_facts(
    conn: &Connection,
    kind: TargetKind,
    id: i64,
) -> Result<(String, Option<i64>)> {
    let row: Option<(String, Option<i64>)> = match kind {
        TargetKind::Document => conn
            .query_row(
                "SELECT COALESCE(number || '《' || title || '》', title), target_unit_id FROM dispatch_doc WHERE id = ?1",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()
            .map_err(sql_err)?,
        TargetKind::Task => conn
            .query_row(
                "SELECT name, lead_unit_id FROM task WHERE id = ?1",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()
            .map_err(sql_err)?,
    };
    row.ok_or_else(|| CoreError::validation("targetId", "督办的任务或文件不存在"))
}

fn with_label(conn: &Connection, mut r: SupervisionRecord) -> Result<SupervisionRecord> {
    if let (Some(k), Some(id)) = (r.target_kind.as_deref(), r.target_id) {
        let kind = TargetKind::parse(k)?;
        r.target_label = target_facts(conn, kind, id)
            .map(|(l, _)| l)
            .unwrap_or_else(|_| "（已删除）".into());
    }
    Ok(r)
}

fn record_in(conn: &Connection, id: i64) -> Result<SupervisionRecord> {
    let r = conn
        .query_row(&format!("{SELECT} WHERE s.id = ?1"), [id], from_row)
        .optional()
        .map_err(sql_err)?
        .ok_or_else(|| CoreError::not_found("督办记录不存在"))?;
    with_label(conn, r)
}

impl Store {
    pub fn create_supervision(
        &mut self,
        actor: &Actor,
        input: &SupervisionInput,
    ) -> Result<SupervisionRecord> {
        actor.require(Permission::EditRecords)?;
        let on = parse_opt_date("supervisedOn", "督办日期", Some(&input.supervised_on))?
            .ok_or_else(|| CoreError::validation("supervisedOn", "请填写督办日期"))?;
        if on > diaodu_domain::clock::today() {
            return Err(CoreError::validation(
                "supervisedOn",
                "督办日期不能晚于今天",
            ));
        }
        let method = SupervisionMethod::parse(&input.method).map_err(|_| {
            CoreError::validation("method", "请选择督办方式：现场、电话、会议或平台")
        })?;
        let supervisor = validate::required_text("supervisor", "督办人", &input.supervisor, 40)?;
        let findings = validate::optional_text("findings", "督办发现", &input.findings, 2000)?;
        let result = validate::optional_text("result", "督办结果", &input.result, 2000)?;
        let tx = self.tx()?;
        let target = match (
            input.target_kind.as_deref().filter(|s| !s.is_empty()),
            input.target_id,
        ) {
            (Some(k), Some(id)) => Some((TargetKind::parse(k)?, id)),
            (None, None) => None,
            _ => {
                return Err(CoreError::validation(
                    "targetId",
                    "请同时指定督办对象的类别和编号",
                ))
            }
        };
        let (label, target_unit) = match target {
            Some((k, id)) => {
                let (l, u) = target_facts(&tx, k, id)?;
                (Some(l), u)
            }
            None => (None, None),
        };
        let unit = input.unit_id.or(target_unit);
        let Some(unit) = unit else {
            return Err(CoreError::validation("unitId", "请选择被督办单位"));
        };
        let unit_name: String = tx
            .query_row(
                "SELECT name FROM unit WHERE id = ?1 AND (retired_at IS NULL OR ?2)",
                params![unit, input.unit_id.is_none()],
                |r| r.get(0),
            )
            .optional()
            .map_err(sql_err)?
            .ok_or_else(|| CoreError::validation("unitId", "被督办单位不存在或已撤销"))?;
        tx.execute(
            "INSERT INTO supervision_record (target_kind, target_id, unit_id, supervised_on, method, supervisor,
             findings, result, created_by, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            params![
                target.map(|(k, _)| k.code()),
                target.map(|(_, id)| id),
                unit,
                on.to_string(),
                method.code(),
                supervisor,
                findings,
                result,
                actor.user_id,
                now_text()
            ],
        )
        .map_err(sql_err)?;
        let id = tx.last_insert_rowid();
        let what = match &label {
            Some(l) => format!("{}督办{unit_name}：{l}", method.label()),
            None => format!("{}督办{unit_name}", method.label()),
        };
        record(
            &tx,
            actor,
            "supervision",
            Some(id),
            "create",
            &what,
            serde_json::json!({"supervisedOn": on.to_string(), "method": method.label(), "supervisor": supervisor,
                "unit": unit_name, "target": label, "findings": findings, "result": result}),
        )?;
        if let Some((k, tid)) = target {
            crate::closed_loop::advance_loop_stage_in(
                &tx,
                k.code(),
                tid,
                diaodu_domain::plan::TaskStatus::Supervising,
            )?;
        }
        let out = record_in(&tx, id)?;
        commit(tx)?;
        Ok(out)
    }

    /// Records matching the filter, newest first.
    pub fn list_supervisions(&self, f: &SupervisionFilter) -> Result<Vec<SupervisionRecord>> {
        let mut w = crate::query::Where::default();
        if let Some(k) = f.target_kind.as_deref().filter(|s| !s.is_empty()) {
            w.is(
                "s.target_kind = ?",
                TargetKind::parse(k)?.code().to_string(),
            );
        }
        if let Some(id) = f.target_id {
            w.is("s.target_id = ?", id);
        }
        if let Some(u) = f.unit_id {
            w.is("s.unit_id = ?", u);
        }
        if let Some(d) = f.from.as_deref().filter(|s| !s.is_empty()) {
            parse_opt_date("from", "开始日期", Some(d))?;
            w.is("s.supervised_on >= ?", d.to_string());
        }
        if let Some(d) = f.to.as_deref().filter(|s| !s.is_empty()) {
            parse_opt_date("to", "结束日期", Some(d))?;
            w.is("s.supervised_on <= ?", d.to_string());
        }
        if let Some(t) = f.text.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
            w.contains(
                "(s.findings LIKE ? OR s.result LIKE ? OR s.supervisor LIKE ? OR u.name LIKE ?)",
                t,
            );
        }
        let rows = crate::query::rows(
            &self.conn,
            &format!(
                "{SELECT}{} ORDER BY s.supervised_on DESC, s.id DESC",
                w.sql()
            ),
            w.params(),
            from_row,
        )?;
        rows.into_iter()
            .map(|r| with_label(&self.conn, r))
            .collect()
    }
}
