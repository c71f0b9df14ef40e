//! Periodic work followed up (issue 14, point 3): the work due on a day and
//! the work overdue (漏项) as of it, for 工作台, the desktop notification and
//! `diaodu-cli spec due`; the 催办通知单 sent for an omission (numbered from
//! the same register and printed like every reminder); and what was raised
//! from each omission (its reminders and 整改 items, `source_ref` `spec:<id>`).
use super::lists::{row_in, rows, ChecklistRow, ROW_SELECT};
use super::parse_iso;
use crate::audit::record;
use crate::db::{commit, sql_err, Actor, Store};
use crate::numbering::PaperKind;
use crate::supervision::lights::working_days_overdue;
use crate::supervision::reminders::{reminders_where, write_reminder, Reminder, ReminderContent};
use crate::Result;
use chrono::{Datelike, NaiveDate};
use diaodu_documents::cn_date;
use diaodu_domain::{CoreError, Permission};
use rusqlite::{Connection, OptionalExtension, TransactionBehavior};
use serde::Serialize;
use std::collections::HashMap;

/// One instance due on or before a day and not done by it, with what the
/// office has done about it.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct SpecFollowUp {
    #[serde(flatten)]
    pub row: ChecklistRow,
    /// Working days past its due date (0 when due that day).
    pub overdue_days: i64,
    /// The 催办通知单 sent for it, newest first.
    pub reminders: Vec<Reminder>,
    /// The 整改 items opened from it.
    pub rectification_ids: Vec<i64>,
}

fn cn(d: NaiveDate) -> String {
    cn_date(d.year(), d.month(), d.day())
}

/// `spec:<instance id>`: how a reminder's target and a 整改 item's source
/// name an instance.
pub(crate) fn spec_ref(id: i64) -> String {
    format!("spec:{id}")
}

/// Reminders and 整改 ids raised from each instance, by instance id.
type Raised = (HashMap<i64, Vec<Reminder>>, HashMap<i64, Vec<i64>>);

fn raised(conn: &Connection) -> Result<Raised> {
    let mut reminders: HashMap<i64, Vec<Reminder>> = HashMap::new();
    for r in reminders_where(conn, "WHERE r.target_kind = 'spec'", &[])? {
        reminders.entry(r.target_id).or_default().push(r);
    }
    let mut stmt = conn
        .prepare_cached(
            "SELECT id, source_ref FROM rectification WHERE source_ref LIKE 'spec:%' ORDER BY id",
        )
        .map_err(sql_err)?;
    let rows = stmt
        .query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))
        .map_err(sql_err)?
        .collect::<std::result::Result<Vec<_>, _>>()
        .map_err(sql_err)?;
    let mut rects: HashMap<i64, Vec<i64>> = HashMap::new();
    for (id, source) in rows {
        if let Some(instance) = source
            .strip_prefix("spec:")
            .and_then(|s| s.parse::<i64>().ok())
        {
            rects.entry(instance).or_default().push(id);
        }
    }
    Ok((reminders, rects))
}

/// The instances due on or before `day` and not done by it, oldest due
/// first; a row done after `day` reads as not done (as it stood that day).
pub(crate) fn due_on(conn: &Connection, day: NaiveDate) -> Result<Vec<SpecFollowUp>> {
    let cal = crate::plans::calendar_of(conn)?;
    let day_text = day.to_string();
    let found = rows(
        conn,
        &format!(
            "{ROW_SELECT} WHERE s.due_date <= ?1 AND (s.done_date IS NULL OR s.done_date > ?1)
             ORDER BY s.due_date, u.name, i.code, s.id"
        ),
        &[&day_text],
        day,
        &cal,
    )?;
    let (mut reminders, mut rects) = raised(conn)?;
    Ok(found
        .into_iter()
        .map(|mut row| {
            let due = parse_iso(&row.due_date).unwrap_or(day);
            let (status, label) = if due < day {
                ("overdue", "漏项")
            } else {
                ("today", "今日到期")
            };
            row.status = status.into();
            row.status_label = label.into();
            row.done_date = None;
            row.attachments.clear();
            SpecFollowUp {
                overdue_days: if due < day {
                    working_days_overdue(&cal, due, day).max(1)
                } else {
                    0
                },
                reminders: reminders.remove(&row.id).unwrap_or_default(),
                rectification_ids: rects.remove(&row.id).unwrap_or_default(),
                row,
            }
        })
        .collect())
}

impl Store {
    /// The periodic work due on or before `day` and not done by it.
    pub fn spec_due_on(&self, day: NaiveDate) -> Result<Vec<SpecFollowUp>> {
        due_on(&self.conn, day)
    }

    pub fn spec_due(&self) -> Result<Vec<SpecFollowUp>> {
        self.spec_due_on(diaodu_domain::clock::today())
    }

    /// Sends (records) a 催办通知单 for an omission: an instance past its
    /// due date and not done.
    pub fn send_spec_reminder(&mut self, actor: &Actor, instance_id: i64) -> Result<Reminder> {
        self.send_spec_reminder_on(actor, instance_id, diaodu_domain::clock::today())
    }

    pub fn send_spec_reminder_on(
        &mut self,
        actor: &Actor,
        instance_id: i64,
        on: NaiveDate,
    ) -> Result<Reminder> {
        actor.require(Permission::EditRecords)?;
        let prefix = self.number_prefix(PaperKind::Reminder)?;
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(sql_err)?;
        let cal = crate::plans::calendar_of(&tx)?;
        let row = row_in(&tx, instance_id)?;
        let due = parse_iso(&row.due_date)
            .ok_or_else(|| CoreError::internal("周期工作的应完成日期无法识别"))?;
        if row.done_date.is_some() {
            return Err(CoreError::conflict(format!(
                "{}“{}”（{}）已登记完成，无需催办",
                row.unit_name, row.title, row.period_label
            )));
        }
        if due >= on {
            return Err(CoreError::conflict(format!(
                "{}“{}”（{}）应于{}前完成，尚未逾期，无需催办",
                row.unit_name, row.title, row.period_label, row.due_date
            )));
        }
        // One 催办 at a time: while the last one's reply period runs, a second
        // (a double click, two dispatchers) would only number another paper.
        let pending: Option<(String, String, String)> = tx
            .query_row(
                "SELECT number, sent_on, reply_by FROM reminder
                 WHERE target_kind = 'spec' AND target_id = ?1 AND reply_by >= ?2
                 ORDER BY sent_on DESC, id DESC LIMIT 1",
                rusqlite::params![instance_id, on.to_string()],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()
            .map_err(sql_err)?;
        if let Some((number, sent_on, reply_by)) = pending {
            return Err(CoreError::conflict(format!(
                "{}“{}”（{}）已于{}发出催办通知单{}，答复期限为{}；期限过后仍未完成的，可再次催办",
                row.unit_name, row.title, row.period_label, sent_on, number, reply_by
            )));
        }
        let reply_by = cal
            .add_working_days(
                on,
                crate::supervision::reminders::REMINDER_REPLY_WORKING_DAYS,
            )
            .unwrap_or(on);
        let late = working_days_overdue(&cal, due, on).max(1);
        let content = ReminderContent {
            number: String::new(),
            unit: row.unit_name.clone(),
            target_label: format!(
                "《工作规范》第{}项“{}”（{}）",
                row.code, row.title, row.period_label
            ),
            target_kind_label: "工作规范事项".into(),
            requirement: format!("按规定应于{}前完成", cn(due)),
            missing: format!("该项工作已超过完成时限{late}个工作日，尚未登记完成"),
            asked: if row.evidence_expected.trim().is_empty() {
                "完成情况及佐证材料；未能完成的，说明原因和预计完成时间".into()
            } else {
                format!(
                    "完成情况及佐证材料（{}）；未能完成的，说明原因和预计完成时间",
                    row.evidence_expected.trim()
                )
            },
            sent_on: on.to_string(),
            reply_by: reply_by.to_string(),
        };
        let nodes = serde_json::json!([{"date": row.due_date, "kind": "spec"}]);
        let (rid, content) = write_reminder(
            &tx,
            actor,
            ("spec", instance_id),
            Some(row.unit_id),
            on,
            &prefix,
            &nodes,
            content,
        )?;
        let number = content.number.clone();
        record(
            &tx,
            actor,
            "reminder",
            Some(rid),
            "create",
            &format!(
                "发出催办通知单 {}：{} {}“{}”（{}）漏项",
                number, row.unit_name, row.code, row.title, row.period_label
            ),
            serde_json::json!({"number": number, "target": spec_ref(instance_id), "unit": row.unit_name,
                "item": row.title, "due": row.due_date, "replyBy": content.reply_by}),
        )?;
        let out = reminders_where(&tx, "WHERE r.id = ?1", &[&rid])?
            .pop()
            .ok_or_else(|| CoreError::internal("催办记录写入后未能读出"))?;
        commit(tx)?;
        Ok(out)
    }
}
