//! The lists of a period: the committee's list of all items decomposed to
//! units (overview), one unit's checklist, one item across its units, and
//! ticking an instance done with date, note and evidence.
use super::items::{cycle_of, rule_of};
use super::{iso, omissions, parse_iso, parse_period, scope_label};
use crate::attachments::{attached_to_many, link_all, Attachment, AttachmentLink, AttachmentRef};
use crate::audit::record;
use crate::db::{commit, sql_err, Actor, Store};
use crate::{now_text, Result};
use chrono::NaiveDate;
use diaodu_domain::{validate, CoreError, Permission, UnitKind};
use diaodu_periodic::Period;
use diaodu_schedule::WorkCalendar;
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

/// One instance as a checklist shows it.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct ChecklistRow {
    pub id: i64,
    pub item_id: i64,
    pub unit_id: i64,
    pub unit_name: String,
    pub code: String,
    pub title: String,
    pub category: String,
    pub content: String,
    pub arrange: String,
    pub implement: String,
    pub statistics: String,
    pub evidence_expected: String,
    pub cycle: String,
    pub cycle_label: String,
    pub due_text: String,
    /// The version the instance was generated from, and whether the item
    /// has been edited since.
    pub version: i64,
    pub edited_since: bool,
    pub period: String,
    pub period_label: String,
    pub due_date: String,
    pub done_date: Option<String>,
    pub note: String,
    pub evidence: String,
    pub done_by: Option<String>,
    /// Evidence files from the attachment store (photos first).
    pub attachments: Vec<Attachment>,
    /// done, late (done after the due date), overdue (漏项), today, soon
    /// (within 3 working days), pending.
    pub status: String,
    pub status_label: String,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct Checklist {
    pub unit_id: i64,
    pub unit_name: String,
    pub unit_kind: String,
    pub period: String,
    pub label: String,
    pub today: String,
    pub total: usize,
    pub done: usize,
    pub overdue: usize,
    pub rows: Vec<ChecklistRow>,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct OverviewItem {
    pub item_id: i64,
    pub code: String,
    pub title: String,
    pub category: String,
    pub scope: String,
    pub scope_label: String,
    pub cycle_label: String,
    pub due_text: String,
    /// Names of the responsible units; 各党支部（N个） for branch items.
    pub units_text: String,
    pub unit_count: i64,
    /// Cycle periods due in the period (4 for a weekly item in most months).
    pub times: i64,
    pub instances: i64,
    pub done: i64,
    pub overdue: i64,
    pub first_due: String,
    pub last_due: String,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct OverviewUnit {
    pub unit_id: i64,
    pub unit_name: String,
    pub unit_kind: String,
    pub kind_label: String,
    pub instances: i64,
    pub done: i64,
    pub overdue: i64,
}

/// The committee's list of a period: every item, and every unit's share.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct PeriodOverview {
    pub period: String,
    pub label: String,
    pub today: String,
    /// Whether this exact period was generated (instances may exist anyway
    /// from a larger or overlapping period).
    pub generated: bool,
    pub total: i64,
    pub done: i64,
    pub overdue: i64,
    pub items: Vec<OverviewItem>,
    pub units: Vec<OverviewUnit>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct DoneInput {
    pub id: i64,
    pub done_date: String,
    pub note: String,
    pub evidence: String,
    /// The evidence files, replacing those attached before; absent keeps them.
    pub attachments: Option<Vec<AttachmentRef>>,
}

/// Several instances ticked done at once (批量登记完成).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct DoneManyInput {
    pub ids: Vec<i64>,
    pub done_date: String,
    pub note: String,
    pub evidence: String,
    /// One set of evidence files attached to every instance ticked.
    pub attachments: Vec<AttachmentRef>,
}

fn status(
    due: &str,
    done: Option<&str>,
    today: NaiveDate,
    cal: &WorkCalendar,
) -> (&'static str, &'static str) {
    let due_d = parse_iso(due).unwrap_or(today);
    match done {
        Some(d) if d <= due => ("done", "按时完成"),
        Some(_) => ("late", "逾期完成"),
        None if due_d < today => ("overdue", "漏项"),
        None if due_d == today => ("today", "今日到期"),
        None if cal.working_days_between(today, due_d) <= 4 => ("soon", "即将到期"),
        None => ("pending", "未到期"),
    }
}

pub(super) const ROW_SELECT: &str = "SELECT s.id, s.item_id, s.unit_id, u.name, i.code, v.title, v.category, v.content,
    v.arrange, v.implement, v.statistics, v.evidence, v.cycle, v.due_rule, v.version, i.current_version,
    s.period, s.due_date, s.done_date, s.note, s.evidence, s.done_by
    FROM spec_instance s JOIN spec_version v ON v.id = s.version_id JOIN spec_item i ON i.id = s.item_id
    JOIN unit u ON u.id = s.unit_id";

pub(super) fn rows(
    conn: &Connection,
    sql: &str,
    args: &[&dyn rusqlite::ToSql],
    today: NaiveDate,
    cal: &WorkCalendar,
) -> Result<Vec<ChecklistRow>> {
    let mut stmt = conn.prepare_cached(sql).map_err(sql_err)?;
    let mut out = stmt
        .query_map(args, |r| {
            let cycle = cycle_of(&r.get::<_, String>(12)?);
            let rule = rule_of(&r.get::<_, String>(13)?);
            let version: i64 = r.get(14)?;
            let period: String = r.get(16)?;
            let due: String = r.get(17)?;
            let done: Option<String> = r.get(18)?;
            let (st, label) = status(&due, done.as_deref(), today, cal);
            Ok(ChecklistRow {
                id: r.get(0)?,
                item_id: r.get(1)?,
                unit_id: r.get(2)?,
                unit_name: r.get(3)?,
                code: r.get(4)?,
                title: r.get(5)?,
                category: r.get(6)?,
                content: r.get(7)?,
                arrange: r.get(8)?,
                implement: r.get(9)?,
                statistics: r.get(10)?,
                evidence_expected: r.get(11)?,
                cycle: cycle.code().into(),
                cycle_label: cycle.label().into(),
                due_text: rule.describe(cycle),
                version,
                edited_since: r.get::<_, i64>(15)? != version,
                period_label: Period::parse(&period)
                    .map(|p| p.label())
                    .unwrap_or_else(|_| period.clone()),
                period,
                due_date: due,
                done_date: done,
                note: r.get(19)?,
                evidence: r.get(20)?,
                done_by: r.get(21)?,
                status: st.into(),
                status_label: label.into(),
                attachments: Vec::new(),
            })
        })
        .map_err(sql_err)?
        .collect::<std::result::Result<Vec<ChecklistRow>, _>>()
        .map_err(sql_err)?;
    let ids: Vec<i64> = out.iter().map(|r| r.id).collect();
    let mut files = attached_to_many(conn, AttachmentLink::SpecInstance, &ids)?;
    for r in &mut out {
        r.attachments = files.remove(&r.id).unwrap_or_default();
    }
    Ok(out)
}

fn unit_of(conn: &Connection, id: i64) -> Result<(String, String)> {
    conn.query_row("SELECT name, kind FROM unit WHERE id = ?1", [id], |r| {
        Ok((r.get(0)?, r.get(1)?))
    })
    .optional()
    .map_err(sql_err)?
    .ok_or_else(|| CoreError::not_found("单位不存在"))
}

pub(super) fn row_in(conn: &Connection, id: i64) -> Result<ChecklistRow> {
    let cal = crate::plans::calendar_of(conn)?;
    rows(
        conn,
        &format!("{ROW_SELECT} WHERE s.id = ?1"),
        &[&id],
        super::generate::today(),
        &cal,
    )?
    .pop()
    .ok_or_else(|| CoreError::not_found("周期工作记录不存在"))
}

fn check_done(
    conn: &Connection,
    input: &DoneInput,
) -> Result<(ChecklistRow, String, String, String)> {
    let row = row_in(conn, input.id)?;
    let text = input.done_date.trim();
    if text.is_empty() {
        return Err(CoreError::validation("doneDate", "请填写完成日期"));
    }
    let date = parse_iso(text)
        .filter(|_| text.len() == 10)
        .ok_or_else(|| CoreError::validation("doneDate", "完成日期格式应为 2026-03-05"))?;
    if date > super::generate::today() {
        return Err(CoreError::validation("doneDate", "完成日期不能晚于今天"));
    }
    if let Ok(p) = Period::parse(&row.period) {
        if date < p.start() {
            return Err(CoreError::validation(
                "doneDate",
                format!("完成日期不能早于本期开始（{}）", iso(p.start())),
            ));
        }
    }
    let note = validate::optional_text("note", "完成情况", &input.note, 500)?;
    let evidence = validate::optional_text("evidence", "佐证材料", &input.evidence, 500)?;
    Ok((row, iso(date), note, evidence))
}

impl Store {
    /// One unit's checklist for a period: what falls due in it, by due date.
    pub fn spec_checklist(&self, unit_id: i64, period: &str) -> Result<Checklist> {
        let p = parse_period(period)?;
        let (unit_name, unit_kind) = unit_of(&self.conn, unit_id)?;
        let cal = crate::plans::calendar_of(&self.conn)?;
        let today = super::generate::today();
        let rows = rows(
            &self.conn,
            &format!("{ROW_SELECT} WHERE s.unit_id = ?1 AND s.due_date BETWEEN ?2 AND ?3 ORDER BY s.due_date, i.code"),
            &[&unit_id, &iso(p.start()), &iso(p.end())],
            today,
            &cal,
        )?;
        Ok(Checklist {
            unit_id,
            unit_name,
            unit_kind,
            period: p.code(),
            label: p.label(),
            today: iso(today),
            total: rows.len(),
            done: rows.iter().filter(|r| r.done_date.is_some()).count(),
            overdue: rows.iter().filter(|r| r.status == "overdue").count(),
            rows,
        })
    }

    /// One item in a period across all its units (the decomposition of one
    /// line of the committee's list).
    pub fn spec_item_progress(&self, item_id: i64, period: &str) -> Result<Vec<ChecklistRow>> {
        let p = parse_period(period)?;
        let cal = crate::plans::calendar_of(&self.conn)?;
        rows(
            &self.conn,
            &format!(
                "{ROW_SELECT} WHERE s.item_id = ?1 AND s.due_date BETWEEN ?2 AND ?3
                 ORDER BY s.due_date, CASE u.kind WHEN 'committee' THEN 0 WHEN 'department' THEN 1 ELSE 2 END, u.id"
            ),
            &[&item_id, &iso(p.start()), &iso(p.end())],
            super::generate::today(),
            &cal,
        )
    }

    /// The committee's list of a period, decomposed to items and units.
    pub fn spec_overview(&self, period: &str) -> Result<PeriodOverview> {
        let p = parse_period(period)?;
        let today = iso(super::generate::today());
        let (from, to) = (iso(p.start()), iso(p.end()));
        let names = super::items::unit_names(&self.conn)?;
        let branches: i64 = self
            .conn
            .query_row(
                "SELECT COUNT(*) FROM unit WHERE kind = 'branch' AND retired_at IS NULL",
                [],
                |r| r.get(0),
            )
            .map_err(sql_err)?;
        let mut stmt = self
            .conn
            .prepare(
                "SELECT s.item_id, i.code, i.scope, MAX(s.version_id), COUNT(*), COUNT(DISTINCT s.unit_id),
                        COUNT(DISTINCT s.period), SUM(s.done_date IS NOT NULL),
                        SUM(s.done_date IS NULL AND s.due_date < ?3), MIN(s.due_date), MAX(s.due_date),
                        GROUP_CONCAT(DISTINCT s.unit_id)
                 FROM spec_instance s JOIN spec_item i ON i.id = s.item_id
                 WHERE s.due_date BETWEEN ?1 AND ?2
                 GROUP BY s.item_id ORDER BY i.scope = 'branch', i.code",
            )
            .map_err(sql_err)?;
        type Group = (
            i64,
            String,
            String,
            i64,
            i64,
            i64,
            i64,
            i64,
            i64,
            String,
            String,
            String,
        );
        let groups: Vec<Group> = stmt
            .query_map(params![from, to, today], |r| {
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                    r.get(6)?,
                    r.get(7)?,
                    r.get(8)?,
                    r.get(9)?,
                    r.get(10)?,
                    r.get(11)?,
                ))
            })
            .map_err(sql_err)?
            .collect::<std::result::Result<_, _>>()
            .map_err(sql_err)?;
        drop(stmt);
        let mut version_stmt = self
            .conn
            .prepare_cached(
                "SELECT title, category, cycle, due_rule FROM spec_version WHERE id = ?1",
            )
            .map_err(sql_err)?;
        let mut items = Vec::with_capacity(groups.len());
        for (
            item_id,
            code,
            scope,
            version_id,
            instances,
            unit_count,
            times,
            done,
            overdue,
            first,
            last,
            unit_ids,
        ) in groups
        {
            let (title, category, cycle, rule): (String, String, String, String) = version_stmt
                .query_row([version_id], |r| {
                    Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
                })
                .map_err(sql_err)?;
            let cycle = cycle_of(&cycle);
            let units_text = if scope == "branch" {
                if unit_count == branches {
                    format!("各党支部（{unit_count}个）")
                } else {
                    format!("党支部 {unit_count} 个")
                }
            } else {
                unit_ids
                    .split(',')
                    .filter_map(|u| u.parse::<i64>().ok())
                    .filter_map(|u| names.get(&u).cloned())
                    .collect::<Vec<_>>()
                    .join("、")
            };
            items.push(OverviewItem {
                item_id,
                code,
                title,
                category,
                scope_label: scope_label(&scope).into(),
                scope,
                cycle_label: cycle.label().into(),
                due_text: rule_of(&rule).describe(cycle),
                units_text,
                unit_count,
                times,
                instances,
                done,
                overdue,
                first_due: first,
                last_due: last,
            });
        }
        drop(version_stmt);
        let mut stmt = self
            .conn
            .prepare(
                "SELECT s.unit_id, u.name, u.kind, COUNT(*), SUM(s.done_date IS NOT NULL),
                        SUM(s.done_date IS NULL AND s.due_date < ?3)
                 FROM spec_instance s JOIN unit u ON u.id = s.unit_id
                 WHERE s.due_date BETWEEN ?1 AND ?2
                 GROUP BY s.unit_id
                 ORDER BY CASE u.kind WHEN 'committee' THEN 0 WHEN 'department' THEN 1 ELSE 2 END, u.id",
            )
            .map_err(sql_err)?;
        let units: Vec<OverviewUnit> = stmt
            .query_map(params![from, to, today], |r| {
                let kind: String = r.get(2)?;
                Ok(OverviewUnit {
                    unit_id: r.get(0)?,
                    unit_name: r.get(1)?,
                    kind_label: UnitKind::parse(&kind)
                        .map(|k| k.label())
                        .unwrap_or("")
                        .into(),
                    unit_kind: kind,
                    instances: r.get(3)?,
                    done: r.get(4)?,
                    overdue: r.get(5)?,
                })
            })
            .map_err(sql_err)?
            .collect::<std::result::Result<_, _>>()
            .map_err(sql_err)?;
        drop(stmt);
        let generated: bool = self
            .conn
            .query_row(
                "SELECT EXISTS(SELECT 1 FROM spec_generation WHERE period = ?1)",
                [p.code()],
                |r| r.get(0),
            )
            .map_err(sql_err)?;
        Ok(PeriodOverview {
            period: p.code(),
            label: p.label(),
            today,
            generated,
            total: units.iter().map(|u| u.instances).sum(),
            done: units.iter().map(|u| u.done).sum(),
            overdue: units.iter().map(|u| u.overdue).sum(),
            items,
            units,
        })
    }

    /// Ticks an instance done (完成登记) with its date, note and evidence;
    /// re-ticking corrects them. The omission record follows the date.
    pub fn mark_spec_done(&mut self, actor: &Actor, input: &DoneInput) -> Result<ChecklistRow> {
        actor.require(Permission::EditRecords)?;
        let files = self.attachment_store()?;
        let tx = self.tx()?;
        let (row, date, note, evidence) = check_done(&tx, input)?;
        tx.execute(
            "UPDATE spec_instance SET done_date = ?1, note = ?2, evidence = ?3, done_by = ?4, done_at = ?5 WHERE id = ?6",
            params![date, note, evidence, actor.username, now_text(), input.id],
        )
        .map_err(sql_err)?;
        let attached = input
            .attachments
            .as_ref()
            .map(|refs| link_all(&tx, &files, AttachmentLink::SpecInstance, input.id, refs))
            .transpose()?;
        omissions::follow_done(&tx, input.id)?;
        record(
            &tx,
            actor,
            "spec_instance",
            Some(input.id),
            "done",
            &format!(
                "登记完成：{} {}“{}”（{}），完成日期 {date}{}",
                row.unit_name,
                row.code,
                row.title,
                row.period_label,
                if date.as_str() > row.due_date.as_str() {
                    "，逾期"
                } else {
                    ""
                }
            ),
            serde_json::json!({
                "doneDate": {"from": row.done_date, "to": date},
                "note": note,
                "evidence": evidence,
                "attachments": attached.map(|a| a.iter().map(|f| f.name.clone()).collect::<Vec<_>>()),
            }),
        )?;
        commit(tx)?;
        row_in(&self.conn, input.id)
    }

    /// Ticks several instances done on one date with the same note, and
    /// one set of evidence files for all of them (stored once, linked to
    /// each). Instances already done are left as they are.
    pub fn mark_spec_done_many(&mut self, actor: &Actor, input: &DoneManyInput) -> Result<usize> {
        actor.require(Permission::EditRecords)?;
        if input.ids.is_empty() {
            return Err(CoreError::validation("ids", "请至少选择一项工作"));
        }
        if input.ids.len() > 2000 {
            return Err(CoreError::validation("ids", "一次最多登记2000项"));
        }
        let files = self.attachment_store()?;
        let tx = self.tx()?;
        let mut done = Vec::new();
        let mut names: Option<Vec<String>> = None;
        for id in &input.ids {
            let one = DoneInput {
                id: *id,
                done_date: input.done_date.clone(),
                note: input.note.clone(),
                evidence: input.evidence.clone(),
                attachments: None,
            };
            let (row, date, note, evidence) = check_done(&tx, &one)?;
            if row.done_date.is_some() {
                continue;
            }
            tx.execute(
                "UPDATE spec_instance SET done_date = ?1, note = ?2, evidence = ?3, done_by = ?4, done_at = ?5
                 WHERE id = ?6",
                params![date, note, evidence, actor.username, now_text(), id],
            )
            .map_err(sql_err)?;
            if !input.attachments.is_empty() {
                let linked = link_all(
                    &tx,
                    &files,
                    AttachmentLink::SpecInstance,
                    *id,
                    &input.attachments,
                )?;
                names = Some(linked.iter().map(|f| f.name.clone()).collect());
            }
            omissions::follow_done(&tx, *id)?;
            done.push(format!("{} {}", row.unit_name, row.code));
        }
        if !done.is_empty() {
            record(
                &tx,
                actor,
                "spec_instance",
                None,
                "done",
                &format!(
                    "批量登记完成 {} 项，完成日期 {}{}",
                    done.len(),
                    input.done_date.trim(),
                    names
                        .as_ref()
                        .map(|n| format!("，佐证附件 {}", n.join("、")))
                        .unwrap_or_default()
                ),
                serde_json::json!({"ids": input.ids, "doneDate": input.done_date.trim(), "items": done,
                    "note": input.note.trim(), "evidence": input.evidence.trim(), "attachments": names}),
            )?;
        }
        commit(tx)?;
        Ok(done.len())
    }

    /// Takes back a done tick (entered by mistake); the omission, if its
    /// day has passed, is open again.
    pub fn unmark_spec_done(&mut self, actor: &Actor, id: i64) -> Result<ChecklistRow> {
        actor.require(Permission::EditRecords)?;
        let tx = self.tx()?;
        let row = row_in(&tx, id)?;
        let Some(was) = row.done_date.clone() else {
            return Err(CoreError::conflict("这项工作尚未登记完成"));
        };
        tx.execute(
            "UPDATE spec_instance SET done_date = NULL, done_by = NULL, done_at = NULL WHERE id = ?1",
            [id],
        )
        .map_err(sql_err)?;
        omissions::follow_done(&tx, id)?;
        record(
            &tx,
            actor,
            "spec_instance",
            Some(id),
            "update",
            &format!(
                "撤销完成登记：{} {}“{}”（{}）",
                row.unit_name, row.code, row.title, row.period_label
            ),
            serde_json::json!({"doneDate": {"from": was, "to": null}}),
        )?;
        commit(tx)?;
        row_in(&self.conn, id)
    }
}
