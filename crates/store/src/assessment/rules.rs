//! 考核细则: versioned rule sets. Only a draft changes; activating a draft
//! retires the previous active version of the same name; a change to an
//! active set is made in a new version (a copy), so periods scored with a
//! version keep it unchanged.
use crate::audit::record;
use crate::db::{commit, sql_err, Actor, Store};
use crate::{now_text, Result};
use diaodu_domain::assessment::{AppliesTo, Dimension, Direction, EvidenceSource};
use diaodu_domain::{validate, CoreError, Permission};
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Serialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct Rule {
    pub id: i64,
    pub rule_set_id: i64,
    pub position: i64,
    pub category: String,
    pub description: String,
    pub points: f64,
    pub direction: String,
    pub direction_label: String,
    pub dimension: String,
    pub dimension_label: String,
    pub applies_to: String,
    pub applies_to_label: String,
    pub evidence: Option<String>,
    pub evidence_label: Option<String>,
}

impl Rule {
    /// The signed points a record under this rule carries.
    pub fn signed_points(&self) -> f64 {
        if self.direction == "deduct" {
            -self.points
        } else {
            self.points
        }
    }
}

#[derive(Debug, Clone, Serialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct RuleSet {
    pub id: i64,
    pub name: String,
    pub version: i64,
    pub base_score: f64,
    pub note: String,
    pub status: String,
    pub status_label: String,
    pub previous_id: Option<i64>,
    pub created_at: String,
    pub activated_at: Option<String>,
    pub retired_at: Option<String>,
    /// How many assessment periods were scored with this version.
    pub periods: i64,
    pub rules: Vec<Rule>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct RuleSetInput {
    pub name: String,
    pub base_score: Option<f64>,
    pub note: String,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct RuleInput {
    pub category: String,
    pub description: String,
    pub points: Option<f64>,
    pub direction: String,
    pub dimension: String,
    pub applies_to: String,
    pub evidence: Option<String>,
}

fn status_label(s: &str) -> &'static str {
    match s {
        "draft" => "草稿",
        "active" => "启用中",
        "retired" => "已停用",
        _ => "",
    }
}

const RULE_COLS: &str = "id, rule_set_id, position, category, description, points, direction, dimension, applies_to, evidence";

fn rule_from_row(r: &Row<'_>) -> rusqlite::Result<Rule> {
    let direction: String = r.get(6)?;
    let dimension: String = r.get(7)?;
    let applies: String = r.get(8)?;
    let evidence: Option<String> = r.get(9)?;
    Ok(Rule {
        id: r.get(0)?,
        rule_set_id: r.get(1)?,
        position: r.get(2)?,
        category: r.get(3)?,
        description: r.get(4)?,
        points: r.get(5)?,
        direction_label: Direction::parse(&direction)
            .map(|d| d.label())
            .unwrap_or("")
            .into(),
        direction,
        dimension_label: Dimension::parse(&dimension)
            .map(|d| d.label())
            .unwrap_or("")
            .into(),
        dimension,
        applies_to_label: AppliesTo::parse(&applies)
            .map(|d| d.label())
            .unwrap_or("")
            .into(),
        applies_to: applies,
        evidence_label: evidence
            .as_deref()
            .and_then(|e| EvidenceSource::parse(e).ok())
            .map(|e| e.label().into()),
        evidence,
    })
}

pub(crate) fn rules_of(conn: &Connection, set_id: i64) -> Result<Vec<Rule>> {
    let mut stmt = conn
        .prepare(&format!(
            "SELECT {RULE_COLS} FROM assessment_rule WHERE rule_set_id = ?1 ORDER BY position, id"
        ))
        .map_err(sql_err)?;
    let rows = stmt
        .query_map([set_id], rule_from_row)
        .map_err(sql_err)?
        .collect::<std::result::Result<Vec<_>, _>>()
        .map_err(sql_err);
    rows
}

pub(crate) fn rule_in(conn: &Connection, id: i64) -> Result<Rule> {
    conn.query_row(
        &format!("SELECT {RULE_COLS} FROM assessment_rule WHERE id = ?1"),
        [id],
        rule_from_row,
    )
    .optional()
    .map_err(sql_err)?
    .ok_or_else(|| CoreError::not_found("考核细则条目不存在"))
}

pub(crate) fn rule_set_in(conn: &Connection, id: i64) -> Result<RuleSet> {
    let mut set = conn
        .query_row(
            "SELECT id, name, version, base_score, note, status, previous_id, created_at, activated_at, retired_at,
             (SELECT COUNT(*) FROM assessment_period p WHERE p.rule_set_id = s.id)
             FROM assessment_rule_set s WHERE id = ?1",
            [id],
            |r| {
                let status: String = r.get(5)?;
                Ok(RuleSet {
                    id: r.get(0)?,
                    name: r.get(1)?,
                    version: r.get(2)?,
                    base_score: r.get(3)?,
                    note: r.get(4)?,
                    status_label: status_label(&status).into(),
                    status,
                    previous_id: r.get(6)?,
                    created_at: r.get(7)?,
                    activated_at: r.get(8)?,
                    retired_at: r.get(9)?,
                    periods: r.get(10)?,
                    rules: Vec::new(),
                })
            },
        )
        .optional()
        .map_err(sql_err)?
        .ok_or_else(|| CoreError::not_found("考核细则不存在"))?;
    set.rules = rules_of(conn, id)?;
    Ok(set)
}

/// The active rule set new periods are scored with (the newest if several names are active).
pub(crate) fn active_set_id(conn: &Connection) -> Result<Option<i64>> {
    conn.query_row(
        "SELECT id FROM assessment_rule_set WHERE status = 'active' ORDER BY activated_at DESC, id DESC LIMIT 1",
        [],
        |r| r.get(0),
    )
    .optional()
    .map_err(sql_err)
}

fn draft_in(conn: &Connection, id: i64) -> Result<RuleSet> {
    let set = rule_set_in(conn, id)?;
    if set.status != "draft" {
        return Err(CoreError::conflict(format!(
            "《{}》第{}版已{}，内容已冻结；如需修改请“修订为新版本”",
            set.name,
            set.version,
            if set.status == "active" {
                "启用"
            } else {
                "停用"
            }
        )));
    }
    Ok(set)
}

struct CheckedRule {
    category: String,
    description: String,
    points: f64,
    direction: Direction,
    dimension: Dimension,
    applies_to: AppliesTo,
    evidence: Option<EvidenceSource>,
}

fn check_rule(i: &RuleInput) -> Result<CheckedRule> {
    let category = validate::required_text("category", "类别", &i.category, 30)?;
    let description = validate::required_text("description", "考核内容", &i.description, 300)?;
    let points = i
        .points
        .ok_or_else(|| CoreError::validation("points", "请填写分值"))?;
    if !(points > 0.0 && points <= 100.0) || (points * 10.0).fract().abs() > 1e-9 {
        return Err(CoreError::validation(
            "points",
            "分值应在0.1到100之间，最多一位小数",
        ));
    }
    let direction = if i.direction.trim().is_empty() {
        return Err(CoreError::validation("direction", "请选择扣分或加分"));
    } else {
        Direction::parse(&i.direction)?
    };
    let dimension = if i.dimension.trim().is_empty() {
        return Err(CoreError::validation(
            "dimension",
            "请选择考核维度：速度、力度或温度",
        ));
    } else {
        Dimension::parse(&i.dimension)?
    };
    let applies_to = if i.applies_to.trim().is_empty() {
        AppliesTo::Both
    } else {
        AppliesTo::parse(&i.applies_to)?
    };
    let evidence = match i
        .evidence
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        Some(e) => Some(EvidenceSource::parse(e)?),
        None => None,
    };
    if let Some(e) = evidence {
        let bonus = matches!(
            e,
            EvidenceSource::ClosedOnTime | EvidenceSource::AssistanceHelp
        );
        if bonus != (direction == Direction::Bonus) {
            return Err(CoreError::validation(
                "evidence",
                format!(
                    "依据来源“{}”只能用于{}条目",
                    e.label(),
                    if bonus { "加分" } else { "扣分" }
                ),
            ));
        }
    }
    Ok(CheckedRule {
        category,
        description,
        points,
        direction,
        dimension,
        applies_to,
        evidence,
    })
}

fn rule_json(r: &CheckedRule) -> serde_json::Value {
    serde_json::json!({"category": r.category, "description": r.description, "points": r.points,
        "direction": r.direction.label(), "dimension": r.dimension.label(), "appliesTo": r.applies_to.label(),
        "evidence": r.evidence.map(|e| e.label())})
}

fn check_base(base: Option<f64>) -> Result<f64> {
    let b = base.unwrap_or(100.0);
    if !(0.0..=1000.0).contains(&b) {
        return Err(CoreError::validation("baseScore", "基础分应在0到1000之间"));
    }
    Ok(b)
}

impl Store {
    pub fn list_rule_sets(&self) -> Result<Vec<RuleSet>> {
        let ids: Vec<i64> = {
            let mut stmt = self
                .conn
                .prepare(
                    "SELECT id FROM assessment_rule_set
                     ORDER BY CASE status WHEN 'active' THEN 0 WHEN 'draft' THEN 1 ELSE 2 END, name, version DESC",
                )
                .map_err(sql_err)?;
            let ids = stmt
                .query_map([], |r| r.get(0))
                .map_err(sql_err)?
                .collect::<std::result::Result<Vec<_>, _>>()
                .map_err(sql_err)?;
            ids
        };
        ids.into_iter()
            .map(|id| rule_set_in(&self.conn, id))
            .collect()
    }

    pub fn get_rule_set(&self, id: i64) -> Result<RuleSet> {
        rule_set_in(&self.conn, id)
    }

    /// A new rule set, version 1, as a draft.
    pub fn create_rule_set(&mut self, actor: &Actor, input: &RuleSetInput) -> Result<RuleSet> {
        actor.require(Permission::EditRecords)?;
        let name = validate::required_text("name", "细则名称", &input.name, 60)?;
        let note = validate::optional_text("note", "说明", &input.note, 500)?;
        let base = check_base(input.base_score)?;
        let tx = self.tx()?;
        let exists: bool = tx
            .query_row(
                "SELECT EXISTS(SELECT 1 FROM assessment_rule_set WHERE name = ?1)",
                [&name],
                |r| r.get(0),
            )
            .map_err(sql_err)?;
        if exists {
            return Err(CoreError::duplicate(
                "name",
                format!("已有名为《{name}》的考核细则；如需修改请在原细则上“修订为新版本”"),
            ));
        }
        tx.execute(
            "INSERT INTO assessment_rule_set (name, version, base_score, note, created_at) VALUES (?1, 1, ?2, ?3, ?4)",
            params![name, base, note, now_text()],
        )
        .map_err(sql_err)?;
        let id = tx.last_insert_rowid();
        record(
            &tx,
            actor,
            "rule_set",
            Some(id),
            "create",
            &format!("新建考核细则《{name}》（第1版，草稿）"),
            serde_json::json!({"name": name, "baseScore": base, "note": note}),
        )?;
        commit(tx)?;
        self.get_rule_set(id)
    }

    pub fn update_rule_set(
        &mut self,
        actor: &Actor,
        id: i64,
        input: &RuleSetInput,
    ) -> Result<RuleSet> {
        actor.require(Permission::EditRecords)?;
        let note = validate::optional_text("note", "说明", &input.note, 500)?;
        let base = check_base(input.base_score)?;
        let tx = self.tx()?;
        let before = draft_in(&tx, id)?;
        tx.execute(
            "UPDATE assessment_rule_set SET base_score = ?1, note = ?2 WHERE id = ?3",
            params![base, note, id],
        )
        .map_err(sql_err)?;
        record(
            &tx,
            actor,
            "rule_set",
            Some(id),
            "update",
            &format!("修改考核细则《{}》第{}版", before.name, before.version),
            crate::audit::diff(
                &serde_json::json!({"baseScore": before.base_score, "note": before.note}),
                &serde_json::json!({"baseScore": base, "note": note}),
            ),
        )?;
        commit(tx)?;
        self.get_rule_set(id)
    }

    pub fn add_rule(&mut self, actor: &Actor, set_id: i64, input: &RuleInput) -> Result<Rule> {
        actor.require(Permission::EditRecords)?;
        let c = check_rule(input)?;
        let tx = self.tx()?;
        let set = draft_in(&tx, set_id)?;
        let pos = set.rules.iter().map(|r| r.position).max().unwrap_or(0) + 1;
        tx.execute(
            "INSERT INTO assessment_rule (rule_set_id, position, category, description, points, direction, dimension, applies_to, evidence)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            params![set_id, pos, c.category, c.description, c.points, c.direction.code(), c.dimension.code(),
                c.applies_to.code(), c.evidence.map(|e| e.code())],
        )
        .map_err(sql_err)?;
        let id = tx.last_insert_rowid();
        record(
            &tx,
            actor,
            "rule",
            Some(id),
            "create",
            &format!(
                "《{}》第{}版新增条目：{}",
                set.name, set.version, c.description
            ),
            rule_json(&c),
        )?;
        commit(tx)?;
        rule_in(&self.conn, id)
    }

    pub fn update_rule(&mut self, actor: &Actor, id: i64, input: &RuleInput) -> Result<Rule> {
        actor.require(Permission::EditRecords)?;
        let c = check_rule(input)?;
        let tx = self.tx()?;
        let before = rule_in(&tx, id)?;
        let set = draft_in(&tx, before.rule_set_id)?;
        tx.execute(
            "UPDATE assessment_rule SET category = ?1, description = ?2, points = ?3, direction = ?4, dimension = ?5,
             applies_to = ?6, evidence = ?7 WHERE id = ?8",
            params![c.category, c.description, c.points, c.direction.code(), c.dimension.code(), c.applies_to.code(),
                c.evidence.map(|e| e.code()), id],
        )
        .map_err(sql_err)?;
        let b = serde_json::json!({"category": before.category, "description": before.description, "points": before.points,
            "direction": before.direction_label, "dimension": before.dimension_label, "appliesTo": before.applies_to_label,
            "evidence": before.evidence_label});
        record(
            &tx,
            actor,
            "rule",
            Some(id),
            "update",
            &format!(
                "《{}》第{}版修改条目：{}",
                set.name, set.version, c.description
            ),
            crate::audit::diff(&b, &rule_json(&c)),
        )?;
        commit(tx)?;
        rule_in(&self.conn, id)
    }

    /// Removes an item from a draft (a draft was never scored with).
    pub fn remove_rule(&mut self, actor: &Actor, id: i64) -> Result<RuleSet> {
        actor.require(Permission::EditRecords)?;
        let tx = self.tx()?;
        let before = rule_in(&tx, id)?;
        let set = draft_in(&tx, before.rule_set_id)?;
        tx.execute("DELETE FROM assessment_rule WHERE id = ?1", [id])
            .map_err(sql_err)?;
        record(
            &tx,
            actor,
            "rule",
            Some(id),
            "delete",
            &format!(
                "《{}》第{}版删除条目：{}",
                set.name, set.version, before.description
            ),
            serde_json::json!({"description": before.description, "points": before.points}),
        )?;
        commit(tx)?;
        self.get_rule_set(set.id)
    }

    /// Copies an active or retired version into a new draft (version + 1).
    pub fn revise_rule_set(&mut self, actor: &Actor, id: i64) -> Result<RuleSet> {
        actor.require(Permission::EditRecords)?;
        let tx = self.tx()?;
        let from = rule_set_in(&tx, id)?;
        if from.status == "draft" {
            return Err(CoreError::conflict("草稿可以直接修改，无需修订为新版本"));
        }
        let draft: Option<i64> = tx
            .query_row(
                "SELECT version FROM assessment_rule_set WHERE name = ?1 AND status = 'draft'",
                [&from.name],
                |r| r.get(0),
            )
            .optional()
            .map_err(sql_err)?;
        if let Some(v) = draft {
            return Err(CoreError::conflict(format!(
                "《{}》已有第{v}版草稿，请先修改并启用它",
                from.name
            )));
        }
        let version: i64 = tx
            .query_row(
                "SELECT MAX(version) + 1 FROM assessment_rule_set WHERE name = ?1",
                [&from.name],
                |r| r.get(0),
            )
            .map_err(sql_err)?;
        tx.execute(
            "INSERT INTO assessment_rule_set (name, version, base_score, note, previous_id, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![from.name, version, from.base_score, from.note, from.id, now_text()],
        )
        .map_err(sql_err)?;
        let new_id = tx.last_insert_rowid();
        tx.execute(
            "INSERT INTO assessment_rule (rule_set_id, position, category, description, points, direction, dimension, applies_to, evidence)
             SELECT ?1, position, category, description, points, direction, dimension, applies_to, evidence
             FROM assessment_rule WHERE rule_set_id = ?2 ORDER BY position, id",
            params![new_id, from.id],
        )
        .map_err(sql_err)?;
        record(
            &tx,
            actor,
            "rule_set",
            Some(new_id),
            "create",
            &format!(
                "修订考核细则《{}》：由第{}版复制为第{version}版草稿",
                from.name, from.version
            ),
            serde_json::json!({"from": from.version, "to": version}),
        )?;
        commit(tx)?;
        self.get_rule_set(new_id)
    }

    /// Puts a draft in force; the previous active version of the same name
    /// retires. A signer's act: the signer or administrator role and the
    /// password again.
    pub fn activate_rule_set(&mut self, actor: &Actor, id: i64, password: &str) -> Result<RuleSet> {
        actor.require(Permission::EditRecords)?;
        self.confirm_signer_act(actor, password, crate::credentials::Act::ActivateRules)?;
        self.activate_rule_set_as(actor, id)
    }

    /// Putting in force itself, once who may do it has been established.
    pub(crate) fn activate_rule_set_as(&mut self, actor: &Actor, id: i64) -> Result<RuleSet> {
        let tx = self.tx()?;
        let set = draft_in(&tx, id)?;
        if set.rules.is_empty() {
            return Err(CoreError::validation(
                "rules",
                "细则中还没有条目，请先添加考核条目再启用",
            ));
        }
        let now = now_text();
        tx.execute(
            "UPDATE assessment_rule_set SET status = 'retired', retired_at = ?1 WHERE name = ?2 AND status = 'active'",
            params![now, set.name],
        )
        .map_err(sql_err)?;
        tx.execute(
            "UPDATE assessment_rule_set SET status = 'active', activated_at = ?1 WHERE id = ?2",
            params![now, id],
        )
        .map_err(sql_err)?;
        record(
            &tx,
            actor,
            "rule_set",
            Some(id),
            "activate",
            &format!(
                "启用考核细则《{}》第{}版（{}条）",
                set.name,
                set.version,
                set.rules.len()
            ),
            serde_json::json!({"version": set.version}),
        )?;
        commit(tx)?;
        self.get_rule_set(id)
    }
}
