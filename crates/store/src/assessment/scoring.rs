//! Periods, assessment records and scores. A period opens with the active
//! rule set (its version and base score are kept on the period); records
//! carry their own signed points; a proposal counts only once confirmed;
//! closing a period freezes it. Quarter and year scores are the mean of the
//! unit's month scores in them plus items entered for the quarter or year.
use super::period::{Period, PeriodKind};
use super::rules::{rule_in, rule_set_in};
use crate::audit::record;
use crate::db::{commit, sql_err, Actor, Store};
use crate::{now_text, Result};
use diaodu_domain::assessment::{AppliesTo, Dimension, RecordOrigin, RecordStatus};
use diaodu_domain::plan::parse_opt_date;
use diaodu_domain::{validate, CoreError, Permission};
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

#[derive(Debug, Clone, Serialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct PeriodInfo {
    pub id: Option<i64>,
    pub period: String,
    pub label: String,
    pub kind: String,
    pub kind_label: String,
    pub start: String,
    pub end: String,
    /// not_started (no record yet), open or closed.
    pub status: String,
    pub status_label: String,
    pub rule_set_id: Option<i64>,
    pub rule_set_name: Option<String>,
    pub rule_set_version: Option<i64>,
    pub base_score: Option<f64>,
    pub closed_at: Option<String>,
    pub closed_by_name: Option<String>,
    pub bulletin_number: Option<String>,
    pub proposed: i64,
    pub confirmed: i64,
    pub rejected: i64,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct EvidenceRef {
    /// document, rectification, task, feedback, omission …
    pub kind: String,
    pub kind_label: String,
    pub id: i64,
    pub text: String,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct AssessmentRecord {
    pub id: i64,
    pub period: String,
    pub unit_id: i64,
    pub unit_name: String,
    pub unit_kind: String,
    pub rule_id: Option<i64>,
    pub rule_category: Option<String>,
    pub rule_description: Option<String>,
    pub origin: String,
    pub origin_label: String,
    pub points: f64,
    pub dimension: Option<String>,
    pub dimension_label: Option<String>,
    pub description: String,
    pub reason: String,
    pub occurred_on: Option<String>,
    pub evidence: Option<EvidenceRef>,
    pub status: String,
    pub status_label: String,
    pub decided_at: Option<String>,
    pub decided_by_name: Option<String>,
    pub decision_note: String,
    pub created_at: String,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct UnitScore {
    pub unit_id: i64,
    pub unit: String,
    pub kind: String,
    pub base: f64,
    pub deductions: f64,
    pub bonuses: f64,
    pub speed: f64,
    pub strength: f64,
    pub warmth: f64,
    pub score: f64,
    pub rank: usize,
    pub pending: i64,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct Ranking {
    pub period: PeriodInfo,
    pub departments: Vec<UnitScore>,
    pub branches: Vec<UnitScore>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ManualInput {
    pub period: String,
    pub unit_id: Option<i64>,
    pub rule_id: Option<i64>,
    pub description: String,
    pub occurred_on: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct AdjustmentInput {
    pub period: String,
    pub unit_id: Option<i64>,
    pub points: Option<f64>,
    pub reason: String,
}

pub(crate) fn evidence_kind_label(kind: &str) -> &'static str {
    match kind {
        "document" => "通知单/调度令",
        "rectification" => "整改事项",
        "task" => "计划任务",
        "feedback" => "反馈",
        "omission" => "漏项",
        "hotline" => "热线电话",
        "inspection" => "综合大检查",
        _ => "记录",
    }
}

pub(crate) struct PeriodRow {
    pub id: i64,
    pub period: Period,
    pub rule_set_id: i64,
    pub base_score: f64,
    pub closed: bool,
}

fn period_row(conn: &Connection, p: &Period) -> Result<Option<PeriodRow>> {
    conn.query_row(
        "SELECT id, rule_set_id, base_score, status FROM assessment_period WHERE period = ?1",
        [p.code()],
        |r| {
            Ok(PeriodRow {
                id: r.get(0)?,
                period: *p,
                rule_set_id: r.get(1)?,
                base_score: r.get(2)?,
                closed: r.get::<_, String>(3)? == "closed",
            })
        },
    )
    .optional()
    .map_err(sql_err)
}

pub(crate) fn frozen(p: &Period) -> CoreError {
    CoreError::conflict(format!("{}考核已关闭，结果已冻结，不能再修改", p.label()))
}

/// The period to write into: opened with the active rule set on first use;
/// a closed period refuses every change.
pub(crate) fn writable_period(conn: &Connection, p: &Period) -> Result<PeriodRow> {
    if let Some(row) = period_row(conn, p)? {
        if row.closed {
            return Err(frozen(p));
        }
        return Ok(row);
    }
    let set_id = super::rules::active_set_id(conn)?
        .ok_or_else(|| CoreError::conflict("还没有启用的考核细则，请先在“考核细则”中建立并启用"))?;
    let set = rule_set_in(conn, set_id)?;
    conn.execute(
        "INSERT INTO assessment_period (period, kind, start_date, end_date, rule_set_id, base_score, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![p.code(), p.kind.code(), p.start().to_string(), p.end().to_string(), set_id, set.base_score, now_text()],
    )
    .map_err(sql_err)?;
    Ok(PeriodRow {
        id: conn.last_insert_rowid(),
        period: *p,
        rule_set_id: set_id,
        base_score: set.base_score,
        closed: false,
    })
}

fn period_info(conn: &Connection, p: &Period) -> Result<PeriodInfo> {
    let mut info = PeriodInfo {
        id: None,
        period: p.code(),
        label: p.label(),
        kind: p.kind.code().into(),
        kind_label: p.kind.label().into(),
        start: p.start().to_string(),
        end: p.end().to_string(),
        status: "not_started".into(),
        status_label: "未开始".into(),
        rule_set_id: None,
        rule_set_name: None,
        rule_set_version: None,
        base_score: None,
        closed_at: None,
        closed_by_name: None,
        bulletin_number: None,
        proposed: 0,
        confirmed: 0,
        rejected: 0,
    };
    let row = conn
        .query_row(
            "SELECT p.id, p.status, p.rule_set_id, s.name, s.version, p.base_score, p.closed_at, p.closed_by_name,
             p.bulletin_number FROM assessment_period p JOIN assessment_rule_set s ON s.id = p.rule_set_id
             WHERE p.period = ?1",
            [p.code()],
            |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, i64>(2)?,
                    r.get::<_, String>(3)?,
                    r.get::<_, i64>(4)?,
                    r.get::<_, f64>(5)?,
                    r.get::<_, Option<String>>(6)?,
                    r.get::<_, Option<String>>(7)?,
                    r.get::<_, Option<String>>(8)?,
                ))
            },
        )
        .optional()
        .map_err(sql_err)?;
    match row {
        Some((id, status, set_id, name, version, base, closed_at, closed_by, bulletin)) => {
            info.id = Some(id);
            info.status_label = if status == "closed" {
                "已关闭"
            } else {
                "进行中"
            }
            .into();
            info.status = status;
            info.rule_set_id = Some(set_id);
            info.rule_set_name = Some(name);
            info.rule_set_version = Some(version);
            info.base_score = Some(base);
            info.closed_at = closed_at;
            info.closed_by_name = closed_by;
            info.bulletin_number = bulletin;
            let mut stmt = conn
                .prepare("SELECT status, COUNT(*) FROM assessment_record WHERE period_id = ?1 GROUP BY status")
                .map_err(sql_err)?;
            let counts = stmt
                .query_map([id], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))
                .map_err(sql_err)?;
            for c in counts {
                let (s, n) = c.map_err(sql_err)?;
                match s.as_str() {
                    "proposed" => info.proposed = n,
                    "confirmed" => info.confirmed = n,
                    _ => info.rejected = n,
                }
            }
        }
        None => {
            if let Some(id) = super::rules::active_set_id(conn)? {
                let set = rule_set_in(conn, id)?;
                info.rule_set_id = Some(id);
                info.rule_set_name = Some(set.name);
                info.rule_set_version = Some(set.version);
                info.base_score = Some(set.base_score);
            }
        }
    }
    Ok(info)
}

const RECORD_SELECT: &str = "SELECT r.id, p.period, r.unit_id, u.name, u.kind, r.rule_id, ru.category, ru.description,
    r.origin, r.points, r.dimension, r.description, r.reason, r.occurred_on, r.evidence_kind, r.evidence_id,
    r.evidence_text, r.status, r.decided_at, r.decided_by_name, r.decision_note, r.created_at
    FROM assessment_record r JOIN assessment_period p ON p.id = r.period_id JOIN unit u ON u.id = r.unit_id
    LEFT JOIN assessment_rule ru ON ru.id = r.rule_id";

fn record_from_row(r: &Row<'_>) -> rusqlite::Result<AssessmentRecord> {
    let origin: String = r.get(8)?;
    let dimension: Option<String> = r.get(10)?;
    let ev_kind: Option<String> = r.get(14)?;
    let status: String = r.get(17)?;
    Ok(AssessmentRecord {
        id: r.get(0)?,
        period: r.get(1)?,
        unit_id: r.get(2)?,
        unit_name: r.get(3)?,
        unit_kind: r.get(4)?,
        rule_id: r.get(5)?,
        rule_category: r.get(6)?,
        rule_description: r.get(7)?,
        origin_label: RecordOrigin::parse(&origin)
            .map(|o| o.label())
            .unwrap_or("")
            .into(),
        origin,
        points: r.get(9)?,
        dimension_label: dimension
            .as_deref()
            .and_then(|d| Dimension::parse(d).ok())
            .map(|d| d.label().into()),
        dimension,
        description: r.get(11)?,
        reason: r.get(12)?,
        occurred_on: r.get(13)?,
        evidence: match (ev_kind, r.get::<_, Option<i64>>(15)?) {
            (Some(kind), Some(id)) => Some(EvidenceRef {
                kind_label: evidence_kind_label(&kind).into(),
                kind,
                id,
                text: r.get::<_, Option<String>>(16)?.unwrap_or_default(),
            }),
            _ => None,
        },
        status_label: RecordStatus::parse(&status)
            .map(|s| s.label())
            .unwrap_or("")
            .into(),
        status,
        decided_at: r.get(18)?,
        decided_by_name: r.get(19)?,
        decision_note: r.get(20)?,
        created_at: r.get(21)?,
    })
}

pub(crate) fn record_in(conn: &Connection, id: i64) -> Result<AssessmentRecord> {
    conn.query_row(
        &format!("{RECORD_SELECT} WHERE r.id = ?1"),
        [id],
        record_from_row,
    )
    .optional()
    .map_err(sql_err)?
    .ok_or_else(|| CoreError::not_found("考核记录不存在"))
}

/// Departments and branches assessed in a period: active ones, those retired
/// after it began, and any with a record in it.
fn assessed_units(
    conn: &Connection,
    p: &Period,
    period_id: Option<i64>,
) -> Result<Vec<(i64, String, String)>> {
    let mut stmt = conn
        .prepare(
            "SELECT id, name, kind FROM unit WHERE kind IN ('department', 'branch')
             AND (retired_at IS NULL OR retired_at >= ?1
                  OR id IN (SELECT unit_id FROM assessment_record WHERE period_id = ?2))
             ORDER BY kind, sort_order, id",
        )
        .map_err(sql_err)?;
    let rows = stmt
        .query_map(
            params![p.start().to_string(), period_id.unwrap_or(-1)],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .map_err(sql_err)?
        .collect::<std::result::Result<Vec<_>, _>>()
        .map_err(sql_err);
    rows
}

/// Confirmed points of a period per unit: (total, speed, strength, warmth,
/// deductions, bonuses) and pending proposals.
#[derive(Default, Clone, Copy)]
struct Sums {
    total: f64,
    speed: f64,
    strength: f64,
    warmth: f64,
    deductions: f64,
    bonuses: f64,
    pending: i64,
}

fn sums(conn: &Connection, period_id: i64) -> Result<HashMap<i64, Sums>> {
    let mut stmt = conn
        .prepare("SELECT unit_id, points, dimension, status FROM assessment_record WHERE period_id = ?1 AND status <> 'rejected'")
        .map_err(sql_err)?;
    let rows = stmt
        .query_map([period_id], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, f64>(1)?,
                r.get::<_, Option<String>>(2)?,
                r.get::<_, String>(3)?,
            ))
        })
        .map_err(sql_err)?;
    let mut out: HashMap<i64, Sums> = HashMap::new();
    for row in rows {
        let (unit, points, dim, status) = row.map_err(sql_err)?;
        let s = out.entry(unit).or_default();
        if status == "proposed" {
            s.pending += 1;
            continue;
        }
        s.total += points;
        if points < 0.0 {
            s.deductions += -points;
        } else {
            s.bonuses += points;
        }
        match dim.as_deref() {
            Some("speed") => s.speed += points,
            Some("strength") => s.strength += points,
            Some("warmth") => s.warmth += points,
            _ => {}
        }
    }
    Ok(out)
}

fn round1(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

/// Standard competition ranking (1, 1, 3) by score, highest first; ties by name.
fn rank(mut list: Vec<UnitScore>) -> Vec<UnitScore> {
    list.sort_by(|a, b| {
        b.score
            .partial_cmp(&a.score)
            .unwrap_or(std::cmp::Ordering::Equal)
            .then_with(|| a.unit.cmp(&b.unit))
    });
    let mut prev: Option<f64> = None;
    let mut rank = 0;
    for (i, s) in list.iter_mut().enumerate() {
        if prev.is_none_or(|p| (p - s.score).abs() > 1e-9) {
            rank = i + 1;
            prev = Some(s.score);
        }
        s.rank = rank;
    }
    list
}

pub(crate) fn ranking_in(conn: &Connection, p: &Period) -> Result<Ranking> {
    let info = period_info(conn, p)?;
    let own = match info.id {
        Some(id) => sums(conn, id)?,
        None => HashMap::new(),
    };
    let base = info.base_score.unwrap_or(100.0);
    // Quarter and year: the mean of the month scores that exist, per unit.
    let mut month_means: HashMap<i64, f64> = HashMap::new();
    if p.kind != PeriodKind::Month {
        let mut per_unit: HashMap<i64, Vec<f64>> = HashMap::new();
        for m in p.months() {
            let Some(row) = period_row(conn, &m)? else {
                continue;
            };
            let ms = sums(conn, row.id)?;
            for (unit, _, _) in assessed_units(conn, &m, Some(row.id))? {
                let s = ms.get(&unit).copied().unwrap_or_default();
                per_unit
                    .entry(unit)
                    .or_default()
                    .push(row.base_score + s.total);
            }
        }
        for (unit, v) in per_unit {
            month_means.insert(unit, v.iter().sum::<f64>() / v.len() as f64);
        }
    }
    let mut departments = Vec::new();
    let mut branches = Vec::new();
    for (unit_id, name, kind) in assessed_units(conn, p, info.id)? {
        let s = own.get(&unit_id).copied().unwrap_or_default();
        let unit_base = month_means.get(&unit_id).copied().unwrap_or(base);
        let score = UnitScore {
            unit_id,
            unit: name,
            kind: kind.clone(),
            base: round1(unit_base),
            deductions: round1(s.deductions),
            bonuses: round1(s.bonuses),
            speed: round1(s.speed),
            strength: round1(s.strength),
            warmth: round1(s.warmth),
            score: round1(unit_base + s.total),
            rank: 0,
            pending: s.pending,
        };
        if kind == "department" {
            departments.push(score);
        } else {
            branches.push(score);
        }
    }
    Ok(Ranking {
        period: info,
        departments: rank(departments),
        branches: rank(branches),
    })
}

fn unit_kind(conn: &Connection, unit_id: i64) -> Result<(String, String)> {
    crate::in_register::active_unit(conn, unit_id)?
        .filter(|(_, k): &(String, String)| k == "department" || k == "branch")
        .ok_or_else(|| CoreError::validation("unitId", "请选择一个在册的党委部门或基层党支部"))
}

impl Store {
    pub fn assessment_period(&self, period: &str) -> Result<PeriodInfo> {
        period_info(&self.conn, &Period::parse(period)?)
    }

    /// Every period that has been opened, newest first.
    pub fn list_assessment_periods(&self) -> Result<Vec<PeriodInfo>> {
        let codes: Vec<String> = {
            let mut stmt = self
                .conn
                .prepare("SELECT period FROM assessment_period ORDER BY start_date DESC, kind")
                .map_err(sql_err)?;
            let v = stmt
                .query_map([], |r| r.get(0))
                .map_err(sql_err)?
                .collect::<std::result::Result<Vec<_>, _>>()
                .map_err(sql_err)?;
            v
        };
        codes.iter().map(|c| self.assessment_period(c)).collect()
    }

    pub fn list_assessment_records(
        &self,
        period: &str,
        status: Option<&str>,
    ) -> Result<Vec<AssessmentRecord>> {
        let p = Period::parse(period)?;
        let mut stmt = self
            .conn
            .prepare(&format!(
                "{RECORD_SELECT} WHERE p.period = ?1 AND (?2 IS NULL OR r.status = ?2)
                 ORDER BY CASE r.status WHEN 'proposed' THEN 0 WHEN 'confirmed' THEN 1 ELSE 2 END, u.kind, u.sort_order, u.id, r.id"
            ))
            .map_err(sql_err)?;
        let status = status.filter(|s| !s.is_empty());
        let rows = stmt
            .query_map(params![p.code(), status], record_from_row)
            .map_err(sql_err)?
            .collect::<std::result::Result<Vec<_>, _>>()
            .map_err(sql_err);
        rows
    }

    pub fn assessment_ranking(&self, period: &str) -> Result<Ranking> {
        ranking_in(&self.conn, &Period::parse(period)?)
    }

    /// An item entered by hand under a rule of the period's rule set; the
    /// office enters it, so it counts at once.
    pub fn add_assessment_record(
        &mut self,
        actor: &Actor,
        input: &ManualInput,
    ) -> Result<AssessmentRecord> {
        actor.require(Permission::EditRecords)?;
        let p = Period::parse(&input.period)?;
        let unit_id = input
            .unit_id
            .ok_or_else(|| CoreError::validation("unitId", "请选择被考核单位"))?;
        let rule_id = input
            .rule_id
            .ok_or_else(|| CoreError::validation("ruleId", "请选择考核条目"))?;
        let description =
            validate::required_text("description", "考核事实", &input.description, 500)?;
        let on = parse_opt_date("occurredOn", "发生日期", input.occurred_on.as_deref())?;
        if let Some(d) = on {
            if !p.contains(d) {
                return Err(CoreError::validation(
                    "occurredOn",
                    format!("发生日期不在{}内", p.label()),
                ));
            }
        }
        let tx = self.tx()?;
        let (unit_name, kind) = unit_kind(&tx, unit_id)?;
        let row = writable_period(&tx, &p)?;
        let rule = rule_in(&tx, rule_id)?;
        if rule.rule_set_id != row.rule_set_id {
            return Err(CoreError::validation(
                "ruleId",
                "该条目不属于本期使用的考核细则版本",
            ));
        }
        if !AppliesTo::parse(&rule.applies_to)?.covers(&kind) {
            return Err(CoreError::validation(
                "ruleId",
                format!(
                    "该条目适用于{}，不适用于“{unit_name}”",
                    rule.applies_to_label
                ),
            ));
        }
        let now = now_text();
        tx.execute(
            "INSERT INTO assessment_record (period_id, unit_id, rule_id, origin, points, dimension, description, occurred_on,
             status, decided_at, decided_by, decided_by_name, created_by, created_at)
             VALUES (?1, ?2, ?3, 'manual', ?4, ?5, ?6, ?7, 'confirmed', ?8, ?9, ?10, ?9, ?8)",
            params![row.id, unit_id, rule_id, rule.signed_points(), rule.dimension, description,
                on.map(|d| d.to_string()), now, actor.user_id, actor.username],
        )
        .map_err(sql_err)?;
        let id = tx.last_insert_rowid();
        record(
            &tx,
            actor,
            "assessment",
            Some(id),
            "create",
            &format!(
                "{}考核登记：{unit_name} {}{}分（{}）",
                p.label(),
                rule.direction_label,
                rule.points,
                description
            ),
            serde_json::json!({"unit": unit_name, "rule": rule.description, "points": rule.signed_points(), "description": description}),
        )?;
        commit(tx)?;
        record_in(&self.conn, id)
    }

    /// An adjustment of a unit's score with its reason (signed points).
    pub fn add_assessment_adjustment(
        &mut self,
        actor: &Actor,
        input: &AdjustmentInput,
    ) -> Result<AssessmentRecord> {
        actor.require(Permission::EditRecords)?;
        let p = Period::parse(&input.period)?;
        let unit_id = input
            .unit_id
            .ok_or_else(|| CoreError::validation("unitId", "请选择被考核单位"))?;
        let points = input.points.ok_or_else(|| {
            CoreError::validation("points", "请填写调整分值（加分为正，扣分为负）")
        })?;
        if points == 0.0 || points.abs() > 100.0 || (points * 10.0).fract().abs() > 1e-9 {
            return Err(CoreError::validation(
                "points",
                "调整分值应在-100到100之间、不为0，最多一位小数",
            ));
        }
        let reason = validate::required_text("reason", "调整原因", &input.reason, 300)?;
        let tx = self.tx()?;
        let (unit_name, _) = unit_kind(&tx, unit_id)?;
        let row = writable_period(&tx, &p)?;
        let now = now_text();
        tx.execute(
            "INSERT INTO assessment_record (period_id, unit_id, origin, points, description, reason, status, decided_at,
             decided_by, decided_by_name, created_by, created_at)
             VALUES (?1, ?2, 'adjustment', ?3, ?4, ?4, 'confirmed', ?5, ?6, ?7, ?6, ?5)",
            params![row.id, unit_id, points, reason, now, actor.user_id, actor.username],
        )
        .map_err(sql_err)?;
        let id = tx.last_insert_rowid();
        record(
            &tx,
            actor,
            "assessment",
            Some(id),
            "adjust",
            &format!(
                "{}考核调整：{unit_name} {points:+}分，原因：{reason}",
                p.label()
            ),
            serde_json::json!({"unit": unit_name, "points": points, "reason": reason}),
        )?;
        commit(tx)?;
        record_in(&self.conn, id)
    }

    /// Confirms or rejects proposals (a rejection needs a reason). Only
    /// proposals of an open period; all or nothing.
    pub fn decide_assessment_records(
        &mut self,
        actor: &Actor,
        ids: &[i64],
        confirm: bool,
        note: &str,
    ) -> Result<Vec<AssessmentRecord>> {
        actor.require(Permission::EditRecords)?;
        if ids.is_empty() {
            return Err(CoreError::validation("ids", "请至少选择一条建议"));
        }
        let note = validate::optional_text("note", "说明", note, 300)?;
        if !confirm && note.is_empty() {
            return Err(CoreError::validation("note", "驳回时请填写理由"));
        }
        let tx = self.tx()?;
        let now = now_text();
        for &id in ids {
            let r = record_in(&tx, id)?;
            let p = Period::parse(&r.period)?;
            writable_period(&tx, &p)?;
            if r.status != "proposed" {
                return Err(CoreError::conflict(format!(
                    "“{}”的这条记录已{}，不能重复处理",
                    r.unit_name, r.status_label
                )));
            }
            tx.execute(
                "UPDATE assessment_record SET status = ?1, decided_at = ?2, decided_by = ?3, decided_by_name = ?4,
                 decision_note = ?5 WHERE id = ?6",
                params![if confirm { "confirmed" } else { "rejected" }, now, actor.user_id, actor.username, note, id],
            )
            .map_err(sql_err)?;
            record(
                &tx,
                actor,
                "assessment",
                Some(id),
                if confirm { "confirm" } else { "reject" },
                &format!(
                    "{}{}考核建议：{} {:+}分（{}）",
                    if confirm { "确认" } else { "驳回" },
                    p.label(),
                    r.unit_name,
                    r.points,
                    r.description
                ),
                serde_json::json!({"note": note}),
            )?;
        }
        commit(tx)?;
        ids.iter().map(|&id| record_in(&self.conn, id)).collect()
    }

    /// Withdraws a confirmed hand entry or adjustment of an open period (kept
    /// as rejected, with the reason).
    pub fn cancel_assessment_record(
        &mut self,
        actor: &Actor,
        id: i64,
        reason: &str,
    ) -> Result<AssessmentRecord> {
        actor.require(Permission::EditRecords)?;
        let reason = validate::required_text("reason", "撤销原因", reason, 300)?;
        let tx = self.tx()?;
        let r = record_in(&tx, id)?;
        writable_period(&tx, &Period::parse(&r.period)?)?;
        if r.status != "confirmed" {
            return Err(CoreError::conflict(
                "只有已确认的记录可以撤销；待确认的建议请驳回",
            ));
        }
        tx.execute(
            "UPDATE assessment_record SET status = 'rejected', decided_at = ?1, decided_by = ?2, decided_by_name = ?3,
             decision_note = ?4 WHERE id = ?5",
            params![now_text(), actor.user_id, actor.username, format!("撤销：{reason}"), id],
        )
        .map_err(sql_err)?;
        record(
            &tx,
            actor,
            "assessment",
            Some(id),
            "cancel",
            &format!(
                "撤销考核记录：{} {:+}分，原因：{reason}",
                r.unit_name, r.points
            ),
            serde_json::json!({"reason": reason}),
        )?;
        commit(tx)?;
        record_in(&self.conn, id)
    }

    /// Closes a period: its scores are frozen from now on. Pending proposals
    /// must be decided first.
    /// A signer's act: the signer or administrator role and the password again.
    pub fn close_assessment_period(
        &mut self,
        actor: &Actor,
        period: &str,
        password: &str,
    ) -> Result<Ranking> {
        actor.require(Permission::EditRecords)?;
        Period::parse(period)?;
        self.confirm_signer_act(actor, password, crate::credentials::Act::ClosePeriod)?;
        self.close_assessment_period_as(actor, period)
    }

    /// The closing itself, once who may do it has been established.
    pub(crate) fn close_assessment_period_as(
        &mut self,
        actor: &Actor,
        period: &str,
    ) -> Result<Ranking> {
        let p = Period::parse(period)?;
        let tx = self.tx()?;
        let row = writable_period(&tx, &p)?;
        let pending: i64 = tx
            .query_row(
                "SELECT COUNT(*) FROM assessment_record WHERE period_id = ?1 AND status = 'proposed'",
                [row.id],
                |r| r.get(0),
            )
            .map_err(sql_err)?;
        if pending > 0 {
            return Err(CoreError::conflict(format!(
                "{}还有{pending}条考核建议未确认或驳回，请先处理再关闭",
                p.label()
            )));
        }
        tx.execute(
            "UPDATE assessment_period SET status = 'closed', closed_at = ?1, closed_by = ?2, closed_by_name = ?3 WHERE id = ?4",
            params![now_text(), actor.user_id, actor.username, row.id],
        )
        .map_err(sql_err)?;
        let ranking = ranking_in(&tx, &p)?;
        record(
            &tx,
            actor,
            "assessment_period",
            Some(row.id),
            "freeze",
            &format!("关闭{}考核，结果冻结", p.label()),
            serde_json::json!({
                "departments": ranking.departments.iter().map(|s| serde_json::json!({"unit": s.unit, "score": s.score, "rank": s.rank})).collect::<Vec<_>>(),
                "branches": ranking.branches.iter().map(|s| serde_json::json!({"unit": s.unit, "score": s.score, "rank": s.rank})).collect::<Vec<_>>(),
            }),
        )?;
        commit(tx)?;
        self.assessment_ranking(period)
    }
}
