//! 综合大检查: an inspection on a date by a team; every finding becomes a
//! rectification item under 三定 in the same transaction.
use super::rectify::{create_rectification_item, RectificationDraft};
use crate::audit::record;
use crate::db::{commit, sql_err, Actor, Store};
use crate::{now_text, Result};
use diaodu_domain::plan::{parse_date, parse_opt_date};
use diaodu_domain::{validate, CoreError, Permission};
use rusqlite::{params, Connection, OptionalExtension, Transaction};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct Finding {
    pub id: i64,
    pub unit_id: i64,
    pub unit_name: String,
    pub problem: String,
    pub rectification_id: i64,
    pub item_name: String,
    pub person_name: String,
    pub deadline: String,
    /// open, verified or closed (of the rectification item).
    pub status: String,
    pub status_label: String,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct Inspection {
    pub id: i64,
    pub inspected_on: String,
    pub title: String,
    pub team: String,
    pub scope: String,
    pub created_at: String,
    pub findings: Vec<Finding>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct FindingInput {
    pub unit_id: Option<i64>,
    pub problem: String,
    pub item_name: String,
    pub person_name: String,
    pub deadline: String,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct InspectionInput {
    pub inspected_on: String,
    pub title: String,
    pub team: String,
    pub scope: String,
    pub findings: Vec<FindingInput>,
}

fn rect_status_label(s: &str) -> &'static str {
    match s {
        "open" => "整改中",
        "verified" => "已验收",
        "closed" => "已销号",
        _ => "",
    }
}

fn inspection_in(conn: &Connection, id: i64) -> Result<Inspection> {
    let mut i = conn
        .query_row(
            "SELECT id, inspected_on, title, team, scope, created_at FROM inspection WHERE id = ?1",
            [id],
            |r| {
                Ok(Inspection {
                    id: r.get(0)?,
                    inspected_on: r.get(1)?,
                    title: r.get(2)?,
                    team: r.get(3)?,
                    scope: r.get(4)?,
                    created_at: r.get(5)?,
                    findings: Vec::new(),
                })
            },
        )
        .optional()
        .map_err(sql_err)?
        .ok_or_else(|| CoreError::not_found("检查记录不存在"))?;
    let mut stmt = conn
        .prepare(
            "SELECT f.id, f.unit_id, u.name, f.problem, f.rectification_id, r.item_name, r.person_name, r.deadline, r.status
             FROM inspection_finding f JOIN unit u ON u.id = f.unit_id JOIN rectification r ON r.id = f.rectification_id
             WHERE f.inspection_id = ?1 ORDER BY f.id",
        )
        .map_err(sql_err)?;
    i.findings = stmt
        .query_map([id], |r| {
            let status: String = r.get(8)?;
            Ok(Finding {
                id: r.get(0)?,
                unit_id: r.get(1)?,
                unit_name: r.get(2)?,
                problem: r.get(3)?,
                rectification_id: r.get(4)?,
                item_name: r.get(5)?,
                person_name: r.get(6)?,
                deadline: r.get(7)?,
                status_label: rect_status_label(&status).into(),
                status,
            })
        })
        .map_err(sql_err)?
        .collect::<std::result::Result<Vec<_>, _>>()
        .map_err(sql_err)?;
    Ok(i)
}

/// Adds one finding and its rectification item; field errors name the
/// finding's row (`findings.N.field`) when it is one of several.
fn add_finding(
    tx: &Transaction<'_>,
    actor: &Actor,
    inspection_id: i64,
    f: &FindingInput,
    row: Option<usize>,
) -> Result<i64> {
    let in_row = |e: CoreError| match (row, e.field.clone()) {
        (Some(n), Some(field)) => CoreError {
            field: Some(format!("findings.{n}.{field}")),
            message: format!("第{}条问题：{}", n + 1, e.message),
            ..e
        },
        _ => e,
    };
    let unit_id = f
        .unit_id
        .ok_or_else(|| in_row(CoreError::validation("unitId", "请选择责任单位")))?;
    let rid = create_rectification_item(
        tx,
        actor,
        &RectificationDraft {
            source: "inspection",
            source_ref: format!("inspection:{inspection_id}"),
            problem: &f.problem,
            item_name: &f.item_name,
            unit_id,
            person_name: &f.person_name,
            deadline: &f.deadline,
        },
    )
    .map_err(in_row)?;
    tx.execute(
        "INSERT INTO inspection_finding (inspection_id, unit_id, problem, rectification_id, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5)",
        params![inspection_id, unit_id, f.problem.trim(), rid, now_text()],
    )
    .map_err(sql_err)?;
    Ok(tx.last_insert_rowid())
}

impl Store {
    /// Inspections dated in `[from, to]`, newest first.
    pub fn list_inspections(
        &self,
        from: Option<&str>,
        to: Option<&str>,
    ) -> Result<Vec<Inspection>> {
        let from = parse_opt_date("from", "开始日期", from)?.map(|d| d.to_string());
        let to = parse_opt_date("to", "结束日期", to)?.map(|d| d.to_string());
        let ids: Vec<i64> = {
            let mut stmt = self
                .conn
                .prepare(
                    "SELECT id FROM inspection WHERE (?1 IS NULL OR inspected_on >= ?1) AND (?2 IS NULL OR inspected_on <= ?2)
                     ORDER BY inspected_on DESC, id DESC",
                )
                .map_err(sql_err)?;
            let v = stmt
                .query_map(params![from, to], |r| r.get(0))
                .map_err(sql_err)?
                .collect::<std::result::Result<Vec<_>, _>>()
                .map_err(sql_err)?;
            v
        };
        ids.into_iter()
            .map(|id| inspection_in(&self.conn, id))
            .collect()
    }

    pub fn get_inspection(&self, id: i64) -> Result<Inspection> {
        inspection_in(&self.conn, id)
    }

    /// Records an inspection with its findings; each finding becomes a
    /// rectification item. All or nothing.
    pub fn create_inspection(
        &mut self,
        actor: &Actor,
        input: &InspectionInput,
    ) -> Result<Inspection> {
        actor.require(Permission::EditRecords)?;
        if input.inspected_on.trim().is_empty() {
            return Err(CoreError::validation("inspectedOn", "请填写检查日期"));
        }
        let on = parse_date("inspectedOn", "检查日期", &input.inspected_on)?;
        let title = validate::required_text("title", "检查名称", &input.title, 60)?;
        let team = validate::required_text("team", "检查组成员", &input.team, 200)?;
        let scope = validate::optional_text("scope", "检查范围", &input.scope, 500)?;
        let tx = self.tx()?;
        tx.execute(
            "INSERT INTO inspection (inspected_on, title, team, scope, created_by, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![on.to_string(), title, team, scope, actor.user_id, now_text()],
        )
        .map_err(sql_err)?;
        let id = tx.last_insert_rowid();
        let many = input.findings.len() > 1;
        for (n, f) in input.findings.iter().enumerate() {
            add_finding(&tx, actor, id, f, many.then_some(n))?;
        }
        record(
            &tx,
            actor,
            "inspection",
            Some(id),
            "create",
            &format!(
                "{on} 综合大检查“{title}”：发现问题{}条，已生成整改事项",
                input.findings.len()
            ),
            serde_json::json!({"title": title, "team": team, "scope": scope, "findings": input.findings.len()}),
        )?;
        commit(tx)?;
        self.get_inspection(id)
    }

    /// One more finding of an inspection, with its rectification item.
    pub fn add_inspection_finding(
        &mut self,
        actor: &Actor,
        inspection_id: i64,
        f: &FindingInput,
    ) -> Result<Inspection> {
        actor.require(Permission::EditRecords)?;
        let tx = self.tx()?;
        let i = inspection_in(&tx, inspection_id)?;
        add_finding(&tx, actor, inspection_id, f, None)?;
        record(
            &tx,
            actor,
            "inspection",
            Some(inspection_id),
            "update",
            &format!("综合大检查“{}”新增问题：{}", i.title, f.problem.trim()),
            serde_json::json!({"problem": f.problem.trim()}),
        )?;
        commit(tx)?;
        self.get_inspection(inspection_id)
    }
}
