//! The catalogue: items with their versions. An edit that changes anything
//! adds a version; instances already generated keep theirs, except the
//! ones not yet due and not done, which follow the edit (see `generate`).
use super::{generate, scope_label};
use crate::audit::{diff, record};
use crate::db::{commit, sql_err, Actor, Store};
use crate::{now_text, Result};
use diaodu_domain::{validate, CoreError, Permission};
use diaodu_periodic::{parse_rule, Cycle, DueRule};
use rusqlite::{params, Connection, OptionalExtension, Transaction};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// An item as the catalogue shows it: its current version.
#[derive(Debug, Clone, Serialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct SpecItem {
    pub id: i64,
    pub code: String,
    /// committee (党委、部门) or branch (支部).
    pub scope: String,
    pub scope_label: String,
    pub version: i64,
    pub version_id: i64,
    pub category: String,
    pub title: String,
    pub content: String,
    /// 安排部署
    pub arrange: String,
    /// 组织实施
    pub implement: String,
    /// 汇总统计
    pub statistics: String,
    pub unit_ids: Vec<i64>,
    pub unit_names: Vec<String>,
    /// Branch items go to every active branch.
    pub every_branch: bool,
    pub cycle: String,
    pub cycle_label: String,
    pub due_rule: DueRule,
    /// The due rule in Chinese: 每月25日前.
    pub due_text: String,
    pub evidence: String,
    pub retired: bool,
    pub retired_at: Option<String>,
    pub retired_reason: Option<String>,
    pub created_at: String,
    pub updated_at: String,
    pub updated_by: String,
    /// The version history, newest first (only from `get_spec_item`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub versions: Option<Vec<SpecVersion>>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct SpecVersion {
    pub id: i64,
    pub version: i64,
    pub category: String,
    pub title: String,
    pub content: String,
    pub arrange: String,
    pub implement: String,
    pub statistics: String,
    pub unit_names: Vec<String>,
    pub cycle_label: String,
    pub due_text: String,
    pub evidence: String,
    pub note: String,
    pub created_at: String,
    pub created_by: String,
    /// Instances generated from this version.
    pub instances: i64,
}

/// The item form. `dueText` is what a clerk writes (每月25日前); `cycle`,
/// when given, must agree with it.
#[derive(Debug, Clone, Default, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase", default)]
pub struct SpecItemInput {
    /// Empty: the next free code of the scope (DW-001…, ZB-001…).
    pub code: String,
    pub scope: String,
    pub category: String,
    pub title: String,
    pub content: String,
    pub arrange: String,
    pub implement: String,
    pub statistics: String,
    pub unit_ids: Vec<i64>,
    pub cycle: String,
    pub due_text: String,
    pub evidence: String,
    /// Why this version (shown in the history).
    pub note: String,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct SpecFilter {
    pub scope: Option<String>,
    pub cycle: Option<String>,
    pub text: Option<String>,
    pub include_retired: bool,
}

/// A checked input, ready to store.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Checked {
    pub code: String,
    pub scope: &'static str,
    pub category: String,
    pub title: String,
    pub content: String,
    pub arrange: String,
    pub implement: String,
    pub statistics: String,
    pub unit_ids: Vec<i64>,
    pub cycle: Cycle,
    pub rule: DueRule,
    pub evidence: String,
    pub note: String,
}

/// The version fields that make two versions different (not the note).
fn content_json(c: &Checked) -> serde_json::Value {
    serde_json::json!({
        "category": c.category, "title": c.title, "content": c.content, "arrange": c.arrange,
        "implement": c.implement, "statistics": c.statistics, "unitIds": c.unit_ids,
        "cycle": c.cycle.code(), "dueRule": c.rule, "evidence": c.evidence,
    })
}

pub(crate) fn parse_scope(s: &str) -> Result<&'static str> {
    match s.trim() {
        "committee" | "党委部门" | "党委/部门" | "党委、部门" | "党委" | "部门" | "党委和部门"
        | "政工部门" => Ok("committee"),
        "branch" | "支部" | "党支部" | "基层党支部" | "各党支部" => Ok("branch"),
        other => Err(CoreError::validation(
            "scope",
            format!("适用范围“{other}”不正确，应为“党委部门”或“支部”"),
        )),
    }
}

fn check_code(code: &str) -> Result<String> {
    let c = validate::optional_text("code", "编号", code, 20)?;
    if c.chars()
        .any(|ch| ch.is_whitespace() || "/\\,，、;；".contains(ch))
    {
        return Err(CoreError::validation(
            "code",
            "编号不能含空格或分隔符，如 DW-001",
        ));
    }
    Ok(c)
}

/// Checks a form against the rules and the organisation.
pub(crate) fn check(conn: &Connection, i: &SpecItemInput) -> Result<Checked> {
    let code = check_code(&i.code)?;
    let scope = parse_scope(&i.scope)?;
    let title = validate::required_text("title", "工作事项", &i.title, 60)?;
    let category = validate::optional_text("category", "类别", &i.category, 20)?;
    let content = validate::optional_text("content", "工作内容", &i.content, 1000)?;
    let arrange = validate::optional_text("arrange", "安排部署要求", &i.arrange, 500)?;
    let implement = validate::optional_text("implement", "组织实施要求", &i.implement, 500)?;
    let statistics = validate::optional_text("statistics", "汇总统计要求", &i.statistics, 500)?;
    let evidence = validate::optional_text("evidence", "佐证材料", &i.evidence, 200)?;
    let note = validate::optional_text("note", "修改说明", &i.note, 200)?;
    let (cycle, rule) = parse_rule(&i.due_text).map_err(|e| super::period_err("dueText", e))?;
    if !i.cycle.trim().is_empty() {
        let given = Cycle::parse(&i.cycle).map_err(|e| super::period_err("cycle", e))?;
        if given != cycle {
            return Err(CoreError::validation(
                "cycle",
                format!(
                    "周期“{}”与完成时限“{}”不符（完成时限表示{}工作）",
                    given.label(),
                    i.due_text.trim(),
                    cycle.every()
                ),
            ));
        }
    }
    let mut unit_ids = i.unit_ids.clone();
    unit_ids.dedup();
    if scope == "branch" {
        if !unit_ids.is_empty() {
            return Err(CoreError::validation(
                "unitIds",
                "支部工作由各党支部负责，不再单独选择责任单位",
            ));
        }
    } else {
        if unit_ids.is_empty() {
            return Err(CoreError::validation("unitIds", "请选择责任单位"));
        }
        for id in &unit_ids {
            match crate::in_register::active_unit(conn, *id)? {
                Some((_, k)) if k == "committee" || k == "department" => {}
                None => return Err(CoreError::validation("unitIds", "责任单位不存在或已撤销")),
                Some(_) => return Err(CoreError::validation(
                    "unitIds",
                    "党委部门工作的责任单位应为矿党委或党委部门；支部工作请把适用范围选为“支部”",
                )),
            }
        }
    }
    Ok(Checked {
        code,
        scope,
        category,
        title,
        content,
        arrange,
        implement,
        statistics,
        unit_ids,
        cycle,
        rule,
        evidence,
        note,
    })
}

const ITEM_SELECT: &str =
    "SELECT i.id, i.code, i.scope, i.current_version, v.id, v.category, v.title, v.content,
    v.arrange, v.implement, v.statistics, v.unit_ids, v.cycle, v.due_rule, v.evidence, i.retired_at,
    i.retired_reason, i.created_at, v.created_at, v.created_by
    FROM spec_item i JOIN spec_version v ON v.item_id = i.id AND v.version = i.current_version";

pub(crate) fn unit_names(conn: &Connection) -> Result<HashMap<i64, String>> {
    let mut stmt = conn
        .prepare_cached("SELECT id, name FROM unit")
        .map_err(sql_err)?;
    let rows = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .map_err(sql_err)?
        .collect::<std::result::Result<HashMap<i64, String>, _>>()
        .map_err(sql_err);
    rows
}

pub(crate) fn rule_of(json: &str) -> DueRule {
    serde_json::from_str(json).unwrap_or(DueRule::Daily)
}

pub(crate) fn cycle_of(code: &str) -> Cycle {
    Cycle::parse(code).unwrap_or(Cycle::Month)
}

fn item_from_row(
    r: &rusqlite::Row<'_>,
    names: &HashMap<i64, String>,
) -> rusqlite::Result<SpecItem> {
    let scope: String = r.get(2)?;
    let unit_ids: Vec<i64> = serde_json::from_str(&r.get::<_, String>(11)?).unwrap_or_default();
    let cycle = cycle_of(&r.get::<_, String>(12)?);
    let rule = rule_of(&r.get::<_, String>(13)?);
    let retired_at: Option<String> = r.get(15)?;
    Ok(SpecItem {
        id: r.get(0)?,
        code: r.get(1)?,
        scope_label: scope_label(&scope).into(),
        every_branch: scope == "branch",
        scope,
        version: r.get(3)?,
        version_id: r.get(4)?,
        category: r.get(5)?,
        title: r.get(6)?,
        content: r.get(7)?,
        arrange: r.get(8)?,
        implement: r.get(9)?,
        statistics: r.get(10)?,
        unit_names: unit_ids
            .iter()
            .filter_map(|u| names.get(u).cloned())
            .collect(),
        unit_ids,
        cycle: cycle.code().into(),
        cycle_label: cycle.label().into(),
        due_text: rule.describe(cycle),
        due_rule: rule,
        evidence: r.get(14)?,
        retired: retired_at.is_some(),
        retired_at,
        retired_reason: r.get(16)?,
        created_at: r.get(17)?,
        updated_at: r.get(18)?,
        updated_by: r.get(19)?,
        versions: None,
    })
}

/// Committee items first, then branch items, each by code.
const ORDER: &str = " ORDER BY i.scope = 'branch', i.code";

pub(crate) fn all_items(conn: &Connection, include_retired: bool) -> Result<Vec<SpecItem>> {
    let names = unit_names(conn)?;
    let sql = format!(
        "{ITEM_SELECT}{}{ORDER}",
        if include_retired {
            ""
        } else {
            " WHERE i.retired_at IS NULL"
        }
    );
    let mut stmt = conn.prepare(&sql).map_err(sql_err)?;
    let rows = stmt
        .query_map([], |r| item_from_row(r, &names))
        .map_err(sql_err)?
        .collect::<std::result::Result<Vec<_>, _>>()
        .map_err(sql_err);
    rows
}

pub(crate) fn item_in(conn: &Connection, id: i64) -> Result<SpecItem> {
    let names = unit_names(conn)?;
    conn.query_row(&format!("{ITEM_SELECT} WHERE i.id = ?1"), [id], |r| {
        item_from_row(r, &names)
    })
    .optional()
    .map_err(sql_err)?
    .ok_or_else(|| CoreError::not_found("工作规范事项不存在"))
}

fn item_id_by_code(conn: &Connection, code: &str) -> Result<Option<i64>> {
    conn.query_row("SELECT id FROM spec_item WHERE code = ?1", [code], |r| {
        r.get(0)
    })
    .optional()
    .map_err(sql_err)
}

/// The next free code of a scope: DW-001 … for 党委部门, ZB-001 … for 支部.
pub(crate) fn next_code(conn: &Connection, scope: &str) -> Result<String> {
    let prefix = if scope == "branch" { "ZB-" } else { "DW-" };
    let mut stmt = conn
        .prepare_cached("SELECT code FROM spec_item WHERE code LIKE ?1")
        .map_err(sql_err)?;
    let max = stmt
        .query_map([format!("{prefix}%")], |r| r.get::<_, String>(0))
        .map_err(sql_err)?
        .filter_map(|c| c.ok())
        .filter_map(|c| c[prefix.len()..].parse::<u32>().ok())
        .max()
        .unwrap_or(0);
    Ok(format!("{prefix}{:03}", max + 1))
}

fn insert_version(
    tx: &Transaction<'_>,
    actor: &Actor,
    item_id: i64,
    version: i64,
    c: &Checked,
) -> Result<i64> {
    tx.execute(
        "INSERT INTO spec_version (item_id, version, category, title, content, arrange, implement, statistics,
         unit_ids, cycle, due_rule, evidence, note, created_at, created_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
        params![
            item_id,
            version,
            c.category,
            c.title,
            c.content,
            c.arrange,
            c.implement,
            c.statistics,
            serde_json::to_string(&c.unit_ids).unwrap_or_else(|_| "[]".into()),
            c.cycle.code(),
            serde_json::to_string(&c.rule).unwrap_or_default(),
            c.evidence,
            c.note,
            now_text(),
            actor.username,
        ],
    )
    .map_err(sql_err)?;
    Ok(tx.last_insert_rowid())
}

/// Creates an item (version 1) inside the caller's transaction.
pub(crate) fn insert_item(tx: &Transaction<'_>, actor: &Actor, c: &Checked) -> Result<i64> {
    let code = if c.code.is_empty() {
        next_code(tx, c.scope)?
    } else {
        c.code.clone()
    };
    if item_id_by_code(tx, &code)?.is_some() {
        return Err(CoreError::duplicate(
            "code",
            format!("编号“{code}”已被其他事项使用"),
        ));
    }
    tx.execute(
        "INSERT INTO spec_item (code, scope, current_version, created_at) VALUES (?1, ?2, 1, ?3)",
        params![code, c.scope, now_text()],
    )
    .map_err(sql_err)?;
    let id = tx.last_insert_rowid();
    insert_version(tx, actor, id, 1, c)?;
    let mut changes = content_json(c);
    changes["code"] = code.clone().into();
    changes["scope"] = c.scope.into();
    record(
        tx,
        actor,
        "spec_item",
        Some(id),
        "create",
        &format!("新建工作规范 {code}“{}”", c.title),
        changes,
    )?;
    Ok(id)
}

/// The checked form of the item's current version, for comparing an edit.
fn current_checked(tx: &Transaction<'_>, id: i64) -> Result<Checked> {
    let item = item_in(tx, id)?;
    Ok(Checked {
        code: item.code,
        scope: if item.scope == "branch" {
            "branch"
        } else {
            "committee"
        },
        category: item.category,
        title: item.title,
        content: item.content,
        arrange: item.arrange,
        implement: item.implement,
        statistics: item.statistics,
        unit_ids: item.unit_ids,
        cycle: cycle_of(&item.cycle),
        rule: item.due_rule,
        evidence: item.evidence,
        note: String::new(),
    })
}

/// Adds a version when anything changed; answers whether it did. The
/// scope of an item never changes (a committee item and a branch item are
/// different items); its code may.
pub(crate) fn update_item(
    tx: &Transaction<'_>,
    actor: &Actor,
    id: i64,
    c: &Checked,
) -> Result<bool> {
    let before = current_checked(tx, id)?;
    if before.scope != c.scope {
        return Err(CoreError::validation(
            "scope",
            "适用范围不能修改；如需改为另一范围，请撤销本事项后新建",
        ));
    }
    let code = if c.code.is_empty() {
        before.code.clone()
    } else {
        c.code.clone()
    };
    if code != before.code {
        if item_id_by_code(tx, &code)?.is_some_and(|other| other != id) {
            return Err(CoreError::duplicate(
                "code",
                format!("编号“{code}”已被其他事项使用"),
            ));
        }
        tx.execute(
            "UPDATE spec_item SET code = ?1 WHERE id = ?2",
            params![code, id],
        )
        .map_err(sql_err)?;
    }
    let (b, a) = (content_json(&before), content_json(c));
    if b == a {
        if code != before.code {
            record(
                tx,
                actor,
                "spec_item",
                Some(id),
                "update",
                &format!("工作规范 {} 改编号为 {code}", before.code),
                serde_json::json!({"code": {"from": before.code, "to": code}}),
            )?;
        }
        return Ok(code != before.code);
    }
    let current: i64 = tx
        .query_row(
            "SELECT current_version FROM spec_item WHERE id = ?1",
            [id],
            |r| r.get(0),
        )
        .map_err(sql_err)?;
    let version = current + 1;
    insert_version(tx, actor, id, version, c)?;
    tx.execute(
        "UPDATE spec_item SET current_version = ?1 WHERE id = ?2",
        params![version, id],
    )
    .map_err(sql_err)?;
    let mut changes = diff(&b, &a);
    if code != before.code {
        changes["code"] = serde_json::json!({"from": before.code, "to": code});
    }
    record(
        tx,
        actor,
        "spec_item",
        Some(id),
        "update",
        &format!(
            "修改工作规范 {code}“{}”，第{version}版{}",
            c.title,
            if c.note.is_empty() {
                String::new()
            } else {
                format!("：{}", c.note)
            }
        ),
        changes,
    )?;
    generate::follow_edit(tx, id)?;
    Ok(true)
}

impl Store {
    pub fn list_spec_items(&self, filter: &SpecFilter) -> Result<Vec<SpecItem>> {
        let items = all_items(&self.conn, filter.include_retired)?;
        let scope = filter.scope.as_deref().filter(|s| !s.is_empty());
        let cycle = filter.cycle.as_deref().filter(|s| !s.is_empty());
        let text = filter
            .text
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty());
        Ok(items
            .into_iter()
            .filter(|i| scope.is_none_or(|s| i.scope == s))
            .filter(|i| cycle.is_none_or(|c| i.cycle == c))
            .filter(|i| {
                text.is_none_or(|t| {
                    [
                        &i.code,
                        &i.title,
                        &i.category,
                        &i.content,
                        &i.evidence,
                        &i.due_text,
                    ]
                    .iter()
                    .any(|f| f.contains(t))
                        || i.unit_names.iter().any(|n| n.contains(t))
                })
            })
            .collect())
    }

    /// The item with its version history, newest first.
    pub fn get_spec_item(&self, id: i64) -> Result<SpecItem> {
        let mut item = item_in(&self.conn, id)?;
        let names = unit_names(&self.conn)?;
        let mut stmt = self
            .conn
            .prepare(
                "SELECT v.id, v.version, v.category, v.title, v.content, v.arrange, v.implement, v.statistics,
                 v.unit_ids, v.cycle, v.due_rule, v.evidence, v.note, v.created_at, v.created_by,
                 (SELECT COUNT(*) FROM spec_instance s WHERE s.version_id = v.id)
                 FROM spec_version v WHERE v.item_id = ?1 ORDER BY v.version DESC",
            )
            .map_err(sql_err)?;
        let versions = stmt
            .query_map([id], |r| {
                let units: Vec<i64> =
                    serde_json::from_str(&r.get::<_, String>(8)?).unwrap_or_default();
                let cycle = cycle_of(&r.get::<_, String>(9)?);
                let rule = rule_of(&r.get::<_, String>(10)?);
                Ok(SpecVersion {
                    id: r.get(0)?,
                    version: r.get(1)?,
                    category: r.get(2)?,
                    title: r.get(3)?,
                    content: r.get(4)?,
                    arrange: r.get(5)?,
                    implement: r.get(6)?,
                    statistics: r.get(7)?,
                    unit_names: if item.every_branch {
                        vec!["各党支部".into()]
                    } else {
                        units.iter().filter_map(|u| names.get(u).cloned()).collect()
                    },
                    cycle_label: cycle.label().into(),
                    due_text: rule.describe(cycle),
                    evidence: r.get(11)?,
                    note: r.get(12)?,
                    created_at: r.get(13)?,
                    created_by: r.get(14)?,
                    instances: r.get(15)?,
                })
            })
            .map_err(sql_err)?
            .collect::<std::result::Result<Vec<_>, _>>()
            .map_err(sql_err)?;
        item.versions = Some(versions);
        Ok(item)
    }

    pub fn create_spec_item(&mut self, actor: &Actor, input: &SpecItemInput) -> Result<SpecItem> {
        actor.require(Permission::EditRecords)?;
        let tx = self.tx()?;
        let c = check(&tx, input)?;
        let id = insert_item(&tx, actor, &c)?;
        generate::follow_edit(&tx, id)?;
        commit(tx)?;
        self.get_spec_item(id)
    }

    /// Saves an edit as a new version (nothing happens when nothing changed).
    pub fn update_spec_item(
        &mut self,
        actor: &Actor,
        id: i64,
        input: &SpecItemInput,
    ) -> Result<SpecItem> {
        actor.require(Permission::EditRecords)?;
        let tx = self.tx()?;
        let item = item_in(&tx, id)?;
        if item.retired {
            return Err(CoreError::conflict(format!(
                "事项 {} 已撤销，请先恢复再修改",
                item.code
            )));
        }
        let c = check(&tx, input)?;
        update_item(&tx, actor, id, &c)?;
        commit(tx)?;
        self.get_spec_item(id)
    }

    /// Retires an item: no more instances; pending future ones are removed,
    /// past ones and their omissions stay.
    pub fn retire_spec_item(&mut self, actor: &Actor, id: i64, reason: &str) -> Result<SpecItem> {
        actor.require(Permission::EditRecords)?;
        let reason = validate::required_text("reason", "撤销原因", reason, 200)?;
        let tx = self.tx()?;
        let item = item_in(&tx, id)?;
        if item.retired {
            return Err(CoreError::conflict(format!("事项 {} 已经撤销", item.code)));
        }
        tx.execute(
            "UPDATE spec_item SET retired_at = ?1, retired_reason = ?2 WHERE id = ?3",
            params![now_text(), reason, id],
        )
        .map_err(sql_err)?;
        let removed = generate::drop_pending(&tx, id)?;
        record(
            &tx,
            actor,
            "spec_item",
            Some(id),
            "retire",
            &format!("撤销工作规范 {}“{}”：{reason}", item.code, item.title),
            serde_json::json!({"reason": reason, "removedPending": removed}),
        )?;
        commit(tx)?;
        self.get_spec_item(id)
    }

    pub fn reinstate_spec_item(&mut self, actor: &Actor, id: i64) -> Result<SpecItem> {
        actor.require(Permission::EditRecords)?;
        let tx = self.tx()?;
        let item = item_in(&tx, id)?;
        if !item.retired {
            return Err(CoreError::conflict(format!("事项 {} 未撤销", item.code)));
        }
        tx.execute(
            "UPDATE spec_item SET retired_at = NULL, retired_reason = NULL WHERE id = ?1",
            [id],
        )
        .map_err(sql_err)?;
        generate::follow_edit(&tx, id)?;
        record(
            &tx,
            actor,
            "spec_item",
            Some(id),
            "reinstate",
            &format!("恢复工作规范 {}“{}”", item.code, item.title),
            serde_json::json!({}),
        )?;
        commit(tx)?;
        self.get_spec_item(id)
    }
}
