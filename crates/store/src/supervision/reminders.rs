//! 催办: the reminder list (every supervised record with a missing node: a
//! periodic report not received, or the work not done by its date) and the
//! reminder notice (催办通知单) sent for one of them. Sending takes the next
//! number of the year (gap-free, its own prefix), freezes what is printed and
//! writes the audit entry, all in one immediate transaction.
use super::lights::working_days_overdue;
use super::nodes::NodeState;
use super::targets::{load_target, load_targets, SupervisedItem, Target};
use crate::audit::record;
use crate::db::{commit, sql_err, Actor, Store};
use crate::numbering::{take_number, PaperKind};
use crate::print::describe_rule;
use crate::{now_text, Result};
use chrono::{Datelike, NaiveDate};
use diaodu_documents::cn_date;
use diaodu_domain::dispatch::FeedbackForm;
use diaodu_domain::supervision::{NodeKind, TargetKind};
use diaodu_domain::{CoreError, Permission};
use rusqlite::{params, Connection, Row, Transaction, TransactionBehavior};
use serde::{Deserialize, Serialize};

/// Working days a unit has to answer a reminder notice.
pub const REMINDER_REPLY_WORKING_DAYS: i64 = 1;

/// What a reminder notice says, frozen when it is sent.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase", default)]
pub struct ReminderContent {
    pub number: String,
    pub unit: String,
    pub target_label: String,
    pub target_kind_label: String,
    /// What the record asks for: 要求每3个工作日以文字、图片等形式向党建调度室反馈工作进展.
    pub requirement: String,
    /// What is missing: 应于2026年3月5日、3月10日报送的工作进展至今未收到.
    pub missing: String,
    /// What to send: 工作进展情况及相关材料.
    pub asked: String,
    pub sent_on: String,
    pub reply_by: String,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct Reminder {
    pub id: i64,
    pub target_kind: String,
    pub target_id: i64,
    pub unit_id: Option<i64>,
    pub unit_name: Option<String>,
    pub number: String,
    pub sent_on: String,
    pub reply_by: String,
    /// The nodes it chased: [{date, kind}].
    pub nodes: serde_json::Value,
    pub content: ReminderContent,
    pub created_by: Option<String>,
    pub created_at: String,
}

/// A row of the reminder list: the record and the reminders already sent.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ReminderRow {
    #[serde(flatten)]
    pub item: SupervisedItem,
    pub reminders: Vec<Reminder>,
}

const SELECT: &str = "SELECT r.id, r.target_kind, r.target_id, r.unit_id, u.name, r.number, r.sent_on, r.reply_by,
    r.nodes, r.content, a.display_name, r.created_at
    FROM reminder r LEFT JOIN unit u ON u.id = r.unit_id LEFT JOIN app_user a ON a.id = r.created_by";

fn from_row(r: &Row<'_>) -> rusqlite::Result<Reminder> {
    let nodes: String = r.get(8)?;
    let content: String = r.get(9)?;
    Ok(Reminder {
        id: r.get(0)?,
        target_kind: r.get(1)?,
        target_id: r.get(2)?,
        unit_id: r.get(3)?,
        unit_name: r.get(4)?,
        number: r.get(5)?,
        sent_on: r.get(6)?,
        reply_by: r.get(7)?,
        nodes: serde_json::from_str(&nodes).unwrap_or(serde_json::Value::Null),
        content: serde_json::from_str(&content).unwrap_or_default(),
        created_by: r.get(10)?,
        created_at: r.get(11)?,
    })
}

pub(crate) fn reminders_where(
    conn: &Connection,
    clause: &str,
    args: &[&dyn rusqlite::ToSql],
) -> Result<Vec<Reminder>> {
    let mut stmt = conn
        .prepare(&format!(
            "{SELECT} {clause} ORDER BY r.sent_on DESC, r.id DESC"
        ))
        .map_err(sql_err)?;
    let rows = stmt
        .query_map(args, from_row)
        .map_err(sql_err)?
        .collect::<std::result::Result<Vec<_>, _>>()
        .map_err(sql_err)?;
    Ok(rows)
}

fn cn(d: NaiveDate) -> String {
    cn_date(d.year(), d.month(), d.day())
}

/// 3月5日、3月10日 (the year once, when all fall in the same year).
fn cn_dates(dates: &[NaiveDate]) -> String {
    let mut out = Vec::new();
    for (i, d) in dates.iter().enumerate() {
        if i == 0 || dates[i - 1].year() != d.year() {
            out.push(cn(*d));
        } else {
            out.push(format!("{}月{}日", d.month(), d.day()));
        }
    }
    out.join("、")
}

/// The words of the notice for a record's missing nodes, as of `on`.
fn content_for(
    t: &Target,
    missing: &[(NaiveDate, NodeKind)],
    cal: &diaodu_schedule::WorkCalendar,
    on: NaiveDate,
) -> ReminderContent {
    let feedback: Vec<NaiveDate> = missing
        .iter()
        .filter(|(_, k)| *k == NodeKind::Feedback)
        .map(|(d, _)| *d)
        .collect();
    let finish = missing.iter().find(|(_, k)| *k != NodeKind::Feedback);
    let mut requirement = Vec::new();
    if let Some(rule) = t
        .rule
        .as_ref()
        .filter(|r| r.mode != "none" && !r.mode.is_empty())
    {
        let forms: Vec<&str> = rule
            .forms
            .iter()
            .filter_map(|f| FeedbackForm::parse(f).ok().map(|f| f.label()))
            .collect();
        let forms = if forms.is_empty() {
            String::new()
        } else {
            format!("以{}等形式", forms.join("、"))
        };
        requirement.push(format!(
            "要求{}{forms}向党建调度室反馈工作进展",
            describe_rule(rule)
        ));
    }
    if let Some((d, kind)) = t.deadline {
        let word = if kind == NodeKind::Finish {
            "计划完成日期"
        } else {
            "完成时限"
        };
        requirement.push(format!("{word}为{}", cn(d)));
    }
    let mut said = Vec::new();
    if !feedback.is_empty() {
        said.push(format!(
            "应于{}报送的工作进展至今未收到",
            cn_dates(&feedback)
        ));
    }
    if let Some((d, _)) = finish {
        said.push(format!(
            "该项工作已超过{}{}个工作日，尚未报告办结",
            if t.deadline.map(|x| x.1) == Some(NodeKind::Finish) {
                "计划完成日期"
            } else {
                "完成时限"
            },
            working_days_overdue(cal, *d, on).max(1)
        ));
    }
    let asked = match (feedback.is_empty(), finish.is_some()) {
        (false, false) => "工作进展情况及相关文字、图片、视频资料",
        (true, true) => "办理结果；未能完成的，说明原因和预计完成时间",
        _ => "工作进展和办理结果；未能完成的，说明原因和预计完成时间",
    };
    let reply_by = cal
        .add_working_days(on, REMINDER_REPLY_WORKING_DAYS)
        .unwrap_or(on);
    ReminderContent {
        number: String::new(),
        unit: t.unit_name.clone(),
        target_label: match (&t.number, &t.plan_title) {
            (Some(_), _) => t.display_name(),
            (None, Some(plan)) => format!("《{plan}》网络推进图中的“{}”任务", t.title),
            (None, None) => format!("“{}”任务", t.title),
        },
        target_kind_label: t.kind_label.clone(),
        requirement: requirement.join("，"),
        missing: said.join("；"),
        asked: asked.into(),
        sent_on: on.to_string(),
        reply_by: reply_by.to_string(),
    }
}

impl Store {
    /// The reminder list as of `today`: every supervised record with a
    /// missing node, longest overdue first, with the reminders sent for it.
    pub fn reminder_list_on(&self, today: NaiveDate) -> Result<Vec<ReminderRow>> {
        let cal = crate::plans::calendar_of(&self.conn)?;
        let mut rows = Vec::new();
        for t in load_targets(&self.conn)? {
            if t.done {
                continue;
            }
            let item = SupervisedItem::of(&t, &cal, today);
            if item.missing.is_empty() {
                continue;
            }
            let reminders = reminders_where(
                &self.conn,
                "WHERE r.target_kind = ?1 AND r.target_id = ?2",
                &[&t.kind.code(), &t.id],
            )?;
            rows.push(ReminderRow { item, reminders });
        }
        rows.sort_by(|a, b| {
            b.item
                .overdue_days
                .cmp(&a.item.overdue_days)
                .then(a.item.unit_name.cmp(&b.item.unit_name))
        });
        Ok(rows)
    }

    pub fn reminder_list(&self) -> Result<Vec<ReminderRow>> {
        self.reminder_list_on(diaodu_domain::clock::today())
    }

    /// Sends (records) a reminder notice for the record's missing nodes.
    pub fn send_reminder(&mut self, actor: &Actor, kind: &str, id: i64) -> Result<Reminder> {
        self.send_reminder_on(actor, kind, id, diaodu_domain::clock::today())
    }

    pub(crate) fn send_reminder_on(
        &mut self,
        actor: &Actor,
        kind: &str,
        id: i64,
        on: NaiveDate,
    ) -> Result<Reminder> {
        actor.require(Permission::EditRecords)?;
        let kind = TargetKind::parse(kind)?;
        let prefix = self.number_prefix(PaperKind::Reminder)?;
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(sql_err)?;
        let cal = crate::plans::calendar_of(&tx)?;
        let t = load_target(&tx, kind, id)?.ok_or_else(|| {
            CoreError::not_found("该任务或文件不在督办范围内（草稿、已撤回或已归档）")
        })?;
        let missing: Vec<(NaiveDate, NodeKind)> = t
            .statuses(&cal, on)
            .iter()
            .filter(|s| s.state == NodeState::Missing)
            .map(|s| (s.node.date, s.node.kind))
            .collect();
        if t.done || missing.is_empty() {
            return Err(CoreError::conflict(format!(
                "{}目前没有缺报或逾期的节点，无需催办",
                t.display_name()
            )));
        }
        let nodes: Vec<serde_json::Value> = missing
            .iter()
            .map(|(d, k)| serde_json::json!({"date": d.to_string(), "kind": k.code()}))
            .collect();
        let nodes = serde_json::Value::Array(nodes);
        let content = content_for(&t, &missing, &cal, on);
        let (rid, content) = write_reminder(
            &tx,
            actor,
            (kind.code(), id),
            t.unit_id,
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
                "发出催办通知单 {number}：{}（{}）",
                t.display_name(),
                t.unit_name
            ),
            serde_json::json!({"number": number, "target": t.display_name(), "unit": t.unit_name, "nodes": nodes,
                "replyBy": content.reply_by}),
        )?;
        // 催办 is the office supervising the work (督办落实); an order takes
        // its tasks along.
        crate::closed_loop::advance_loop_stage_in(
            &tx,
            kind.code(),
            id,
            diaodu_domain::plan::TaskStatus::Supervising,
        )?;
        let out = reminders_where(&tx, "WHERE r.id = ?1", &[&rid])?
            .pop()
            .ok_or_else(|| CoreError::internal("催办记录写入后未能读出"))?;
        commit(tx)?;
        Ok(out)
    }

    pub fn get_reminder(&self, id: i64) -> Result<Reminder> {
        reminders_where(&self.conn, "WHERE r.id = ?1", &[&id])?
            .pop()
            .ok_or_else(|| CoreError::not_found("催办通知单不存在"))
    }

    /// Reminders sent, newest first; `year` narrows to one year.
    pub fn list_reminders_sent(&self, year: Option<i32>) -> Result<Vec<Reminder>> {
        match year {
            Some(y) => reminders_where(&self.conn, "WHERE r.year = ?1", &[&y]),
            None => reminders_where(&self.conn, "", &[]),
        }
    }

    /// The official document of a sent reminder, from its frozen content.
    pub fn reminder_document(&self, id: i64) -> Result<diaodu_documents::OfficialDocument> {
        let r = self.get_reminder(id)?;
        let issuer = self.issuer_name()?;
        Ok(super::print::reminder_document(&r.content, &issuer))
    }

    pub fn reminder_pdf(&self, id: i64, fonts: &diaodu_documents::Fonts) -> Result<Vec<u8>> {
        let doc = self.reminder_document(id)?;
        diaodu_documents::render_pdf(&doc, fonts).map_err(crate::print::doc_error)
    }
}

/// Writes a reminder notice in the caller's transaction: the row is inserted
/// first so that the register can name it, then numbered from the register
/// (its own prefix, gap-free per year) and its frozen content stored.
/// Answers the row's id and the content with its number.
#[allow(clippy::too_many_arguments)]
pub(crate) fn write_reminder(
    tx: &Transaction<'_>,
    actor: &Actor,
    (target_kind, target_id): (&str, i64),
    unit_id: Option<i64>,
    on: NaiveDate,
    prefix: &str,
    nodes: &serde_json::Value,
    mut content: ReminderContent,
) -> Result<(i64, ReminderContent)> {
    let now = now_text();
    tx.execute(
        "INSERT INTO reminder (target_kind, target_id, unit_id, nodes, year, seq, number, sent_on, reply_by,
         content, created_by, created_at) VALUES (?1, ?2, ?3, '[]', ?4, 0, '', ?5, '', '{}', ?6, ?7)",
        params![target_kind, target_id, unit_id, on.year(), on.to_string(), actor.user_id, now],
    )
    .map_err(sql_err)?;
    let rid = tx.last_insert_rowid();
    let taken = take_number(tx, PaperKind::Reminder, rid, prefix, on.year(), &now)?;
    content.number = taken.number.clone();
    tx.execute(
        "UPDATE reminder SET nodes = ?1, year = ?2, seq = ?3, number = ?4, reply_by = ?5, content = ?6
         WHERE id = ?7",
        params![
            nodes.to_string(),
            taken.year,
            taken.seq,
            taken.number,
            content.reply_by,
            serde_json::to_string(&content).unwrap_or_default(),
            rid
        ],
    )
    .map_err(sql_err)?;
    Ok((rid, content))
}

/// Reminders sent in a year to units of a kind (for the annual figures).
pub(crate) fn count_sent(conn: &Connection, year: i32, unit_kind: Option<&str>) -> Result<i64> {
    conn.query_row(
        "SELECT COUNT(*) FROM reminder r LEFT JOIN unit u ON u.id = r.unit_id
         WHERE r.year = ?1 AND (?2 IS NULL OR u.kind = ?2)",
        params![year, unit_kind],
        |r| r.get(0),
    )
    .map_err(sql_err)
}

/// Whether a reminder covers the record (for the detail panels).
pub(crate) fn reminders_of(conn: &Connection, kind: &str, id: i64) -> Result<Vec<Reminder>> {
    reminders_where(
        conn,
        "WHERE r.target_kind = ?1 AND r.target_id = ?2",
        &[&kind, &id],
    )
}

impl Store {
    /// Checks a target exists under supervision (used by the detail panel).
    pub(crate) fn supervised(&self, kind: TargetKind, id: i64) -> Result<Option<Target>> {
        load_target(&self.conn, kind, id)
    }
}
