//! 调度会: the office's weekly 党建调度例会 and the mine's 矿大调度会, with
//! attendees, agenda and decisions (议定事项). A decision becomes a plan task
//! or a notice/order draft in one step through the ordinary record operations
//! (so every rule and audit entry of tasks and documents applies), and the
//! link is remembered. Bulletins read out at a meeting are recorded on it.
use crate::audit::{diff, record};
use crate::db::{commit, sql_err, Actor, Store};
use crate::docs::{DispatchDoc, DocInput, FeedbackRule};
use crate::{now_text, Result};
use chrono::{Datelike, NaiveDate};
use diaodu_domain::dispatch::DocStatus;
use diaodu_domain::plan::parse_opt_date;
use diaodu_domain::supervision::MeetingKind;
use diaodu_domain::{validate, CoreError, Permission};
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct MeetingInput {
    pub kind: String,
    pub held_on: String,
    /// HH:MM, optional.
    pub start_time: String,
    pub place: String,
    pub chair: String,
    pub attendees: String,
    pub agenda: String,
    pub notes: String,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct MeetingFilter {
    pub year: Option<i32>,
    pub kind: Option<String>,
    pub from: Option<String>,
    pub to: Option<String>,
    pub text: Option<String>,
    pub include_cancelled: bool,
    /// key, special or daily: the highest kind among the work its decisions
    /// became (daily when none).
    pub dispatch_kind: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct DecisionInput {
    pub text: String,
    pub unit_id: Option<i64>,
    pub deadline: Option<String>,
}

/// What the one step "decision → task" may override; the rest comes from the
/// decision (name, unit, deadline) and the meeting (start).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct DecisionTaskInput {
    pub plan_id: i64,
    /// The stage (or summary task) to put it under.
    pub parent_id: Option<i64>,
    pub name: Option<String>,
    pub lead_unit_id: Option<i64>,
    pub deadline: Option<String>,
}

/// What the one step "decision → notice/order draft" may override.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct DecisionDocInput {
    /// order (default) or notice.
    pub kind: String,
    pub title: Option<String>,
    pub urgency: Option<String>,
    pub method: Option<String>,
    pub target_unit_id: Option<i64>,
    pub deadline: Option<String>,
    pub feedback_rule: Option<FeedbackRule>,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct Decision {
    pub id: i64,
    pub meeting_id: i64,
    pub position: i64,
    pub text: String,
    pub unit_id: Option<i64>,
    pub unit_name: Option<String>,
    pub deadline: Option<String>,
    pub task_id: Option<i64>,
    /// The task's name, or null when it was deleted from the chart since.
    pub task_name: Option<String>,
    pub plan_id: Option<i64>,
    pub plan_title: Option<String>,
    pub doc_id: Option<i64>,
    pub doc_kind: Option<String>,
    pub doc_number: Option<String>,
    pub doc_title: Option<String>,
    pub doc_status: Option<String>,
    pub doc_status_label: Option<String>,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct BulletinRead {
    pub summary_id: i64,
    pub number: Option<String>,
    pub title: String,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct Meeting {
    pub id: i64,
    pub kind: String,
    pub kind_label: String,
    pub held_on: String,
    pub start_time: String,
    pub place: String,
    pub chair: String,
    pub attendees: String,
    pub agenda: String,
    pub notes: String,
    pub cancelled_at: Option<String>,
    pub cancelled_reason: Option<String>,
    pub created_at: String,
    /// 2026年3月2日党建调度例会
    pub label: String,
    /// key, special or daily (see `MeetingFilter::dispatch_kind`).
    pub dispatch_kind: String,
    pub decisions: Vec<Decision>,
    pub bulletins: Vec<BulletinRead>,
}

const SELECT: &str = "SELECT id, kind, held_on, start_time, place, chair, attendees, agenda, notes,
    cancelled_at, cancelled_reason, created_at FROM dispatch_meeting";

pub(crate) fn label_of(kind: MeetingKind, held_on: &str) -> String {
    match NaiveDate::parse_from_str(held_on, "%Y-%m-%d") {
        Ok(d) => format!("{}年{}月{}日{}", d.year(), d.month(), d.day(), kind.label()),
        Err(_) => kind.label().into(),
    }
}

fn from_row(r: &Row<'_>) -> rusqlite::Result<Meeting> {
    let kind: String = r.get(1)?;
    let held_on: String = r.get(2)?;
    let k = MeetingKind::parse(&kind).unwrap_or(MeetingKind::Regular);
    Ok(Meeting {
        id: r.get(0)?,
        kind_label: k.label().into(),
        label: label_of(k, &held_on),
        kind,
        held_on,
        start_time: r.get(3)?,
        place: r.get(4)?,
        chair: r.get(5)?,
        attendees: r.get(6)?,
        agenda: r.get(7)?,
        notes: r.get(8)?,
        cancelled_at: r.get(9)?,
        cancelled_reason: r.get(10)?,
        created_at: r.get(11)?,
        decisions: Vec::new(),
        bulletins: Vec::new(),
        dispatch_kind: String::new(),
    })
}

fn dispatch_kind_of(conn: &Connection, meeting: i64) -> Result<String> {
    let rank: u8 = conn
        .query_row(
            &format!("SELECT {}", super::stats::dispatch_rank::meeting("?1")),
            [meeting],
            |r| r.get(0),
        )
        .map_err(sql_err)?;
    Ok(super::stats::dispatch_rank::code(rank).into())
}

fn decisions_of(conn: &Connection, meeting: i64) -> Result<Vec<Decision>> {
    let mut stmt = conn
        .prepare_cached(
            "SELECT m.id, m.meeting_id, m.position, m.text, m.unit_id, u.name, m.deadline, m.task_id, t.name,
                    p.id, p.title, m.doc_id, d.kind, d.number, d.title, d.status
             FROM meeting_decision m LEFT JOIN unit u ON u.id = m.unit_id
             LEFT JOIN task t ON t.id = m.task_id LEFT JOIN plan p ON p.id = t.plan_id
             LEFT JOIN dispatch_doc d ON d.id = m.doc_id
             WHERE m.meeting_id = ?1 ORDER BY m.position, m.id",
        )
        .map_err(sql_err)?;
    let rows = stmt
        .query_map([meeting], |r| {
            let status: Option<String> = r.get(15)?;
            Ok(Decision {
                id: r.get(0)?,
                meeting_id: r.get(1)?,
                position: r.get(2)?,
                text: r.get(3)?,
                unit_id: r.get(4)?,
                unit_name: r.get(5)?,
                deadline: r.get(6)?,
                task_id: r.get(7)?,
                task_name: r.get(8)?,
                plan_id: r.get(9)?,
                plan_title: r.get(10)?,
                doc_id: r.get(11)?,
                doc_kind: r.get(12)?,
                doc_number: r.get(13)?,
                doc_title: r.get(14)?,
                doc_status_label: status
                    .as_deref()
                    .and_then(|s| DocStatus::parse(s).ok())
                    .map(|s| s.label().to_string()),
                doc_status: status,
            })
        })
        .map_err(sql_err)?
        .collect::<std::result::Result<Vec<_>, _>>()
        .map_err(sql_err)?;
    Ok(rows)
}

fn bulletins_of(conn: &Connection, meeting: i64) -> Result<Vec<BulletinRead>> {
    let mut stmt = conn
        .prepare_cached(
            "SELECT s.id, s.number, s.title FROM meeting_bulletin b JOIN stage_summary s ON s.id = b.summary_id
             WHERE b.meeting_id = ?1 ORDER BY b.created_at, s.id",
        )
        .map_err(sql_err)?;
    let rows = stmt
        .query_map([meeting], |r| {
            Ok(BulletinRead {
                summary_id: r.get(0)?,
                number: r.get(1)?,
                title: r.get(2)?,
            })
        })
        .map_err(sql_err)?
        .collect::<std::result::Result<Vec<_>, _>>()
        .map_err(sql_err)?;
    Ok(rows)
}

pub(crate) fn meeting_in(conn: &Connection, id: i64) -> Result<Meeting> {
    let mut m = conn
        .query_row(&format!("{SELECT} WHERE id = ?1"), [id], from_row)
        .optional()
        .map_err(sql_err)?
        .ok_or_else(|| CoreError::not_found("调度会不存在"))?;
    m.decisions = decisions_of(conn, id)?;
    m.dispatch_kind = dispatch_kind_of(conn, id)?;
    m.bulletins = bulletins_of(conn, id)?;
    Ok(m)
}

struct Checked {
    kind: MeetingKind,
    held_on: NaiveDate,
    start_time: String,
    place: String,
    chair: String,
    attendees: String,
    agenda: String,
    notes: String,
}

fn check(i: &MeetingInput) -> Result<Checked> {
    let kind = MeetingKind::parse(&i.kind)
        .map_err(|_| CoreError::validation("kind", "请选择会议类别：党建调度例会或矿大调度会"))?;
    let held_on = parse_opt_date("heldOn", "会议日期", Some(&i.held_on))?
        .ok_or_else(|| CoreError::validation("heldOn", "请填写会议日期"))?;
    let today = diaodu_domain::clock::today();
    if held_on > today + chrono::Duration::days(366) {
        return Err(CoreError::validation("heldOn", "会议日期不能晚于一年以后"));
    }
    let start_time = i.start_time.trim().to_string();
    if !start_time.is_empty() && chrono::NaiveTime::parse_from_str(&start_time, "%H:%M").is_err() {
        return Err(CoreError::validation("startTime", "开始时间格式应为 08:30"));
    }
    Ok(Checked {
        kind,
        held_on,
        start_time,
        place: validate::optional_text("place", "会议地点", &i.place, 60)?,
        chair: validate::optional_text("chair", "主持人", &i.chair, 40)?,
        attendees: validate::optional_text("attendees", "参会人员", &i.attendees, 2000)?,
        agenda: validate::optional_text("agenda", "会议议程", &i.agenda, 4000)?,
        notes: validate::optional_text("notes", "会议纪要", &i.notes, 8000)?,
    })
}

fn meeting_json(m: &Meeting) -> serde_json::Value {
    serde_json::json!({"kind": m.kind_label, "heldOn": m.held_on, "startTime": m.start_time, "place": m.place,
        "chair": m.chair, "attendees": m.attendees, "agenda": m.agenda, "notes": m.notes})
}

fn check_decision(
    conn: &Connection,
    i: &DecisionInput,
) -> Result<(String, Option<i64>, Option<NaiveDate>)> {
    let text = validate::required_text("text", "议定事项", &i.text, 1000)?;
    if let Some(u) = i.unit_id {
        crate::in_register::require_active_unit(conn, u, "unitId", "责任单位")?;
    }
    let deadline = parse_opt_date("deadline", "完成时限", i.deadline.as_deref())?;
    Ok((text, i.unit_id, deadline))
}

/// The decision and its meeting, refusing a cancelled meeting.
fn decision_in(conn: &Connection, id: i64) -> Result<(Decision, Meeting)> {
    let meeting: i64 = conn
        .query_row(
            "SELECT meeting_id FROM meeting_decision WHERE id = ?1",
            [id],
            |r| r.get(0),
        )
        .optional()
        .map_err(sql_err)?
        .ok_or_else(|| CoreError::not_found("议定事项不存在"))?;
    let m = meeting_in(conn, meeting)?;
    let d = m
        .decisions
        .iter()
        .find(|d| d.id == id)
        .cloned()
        .ok_or_else(|| CoreError::not_found("议定事项不存在"))?;
    Ok((d, m))
}

fn short(text: &str, max: usize) -> String {
    let first = text
        .split(['。', '；', '\n'])
        .map(str::trim)
        .find(|s| !s.is_empty())
        .unwrap_or(text);
    first.chars().take(max).collect()
}

impl Store {
    pub fn list_meetings(&self, f: &MeetingFilter) -> Result<Vec<Meeting>> {
        let mut w = crate::query::Where::default();
        if !f.include_cancelled {
            w.cond("cancelled_at IS NULL");
        }
        if let Some(y) = f.year {
            w.is("substr(held_on, 1, 4) = ?", format!("{y:04}"));
        }
        if let Some(k) = f.kind.as_deref().filter(|s| !s.is_empty()) {
            w.is("kind = ?", MeetingKind::parse(k)?.code().to_string());
        }
        if let Some(k) = f.dispatch_kind.as_deref().filter(|s| !s.is_empty()) {
            let rank = super::stats::dispatch_rank::parse(k).ok_or_else(|| {
                CoreError::validation("dispatchKind", "调度类别只能是重点、专项或日常调度")
            })?;
            w.cond(format!(
                "{} = {rank}",
                super::stats::dispatch_rank::meeting("dispatch_meeting.id")
            ));
        }
        if let Some(d) = f.from.as_deref().filter(|s| !s.is_empty()) {
            parse_opt_date("from", "开始日期", Some(d))?;
            w.is("held_on >= ?", d.to_string());
        }
        if let Some(d) = f.to.as_deref().filter(|s| !s.is_empty()) {
            parse_opt_date("to", "结束日期", Some(d))?;
            w.is("held_on <= ?", d.to_string());
        }
        if let Some(t) = f.text.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
            w.contains(
                "(agenda LIKE ? OR notes LIKE ? OR attendees LIKE ? OR place LIKE ? OR chair LIKE ?
                  OR id IN (SELECT meeting_id FROM meeting_decision WHERE text LIKE ?))",
                t,
            );
        }
        let mut rows = crate::query::rows(
            &self.conn,
            &format!(
                "{SELECT}{} ORDER BY held_on DESC, start_time DESC, id DESC",
                w.sql()
            ),
            w.params(),
            from_row,
        )?;
        for m in &mut rows {
            m.decisions = decisions_of(&self.conn, m.id)?;
            m.dispatch_kind = dispatch_kind_of(&self.conn, m.id)?;
            m.bulletins = bulletins_of(&self.conn, m.id)?;
        }
        Ok(rows)
    }

    pub fn get_meeting(&self, id: i64) -> Result<Meeting> {
        meeting_in(&self.conn, id)
    }

    /// A meeting with its decisions (each non-empty line of `decisions` one).
    pub fn create_meeting(
        &mut self,
        actor: &Actor,
        input: &MeetingInput,
        decisions: &[DecisionInput],
    ) -> Result<Meeting> {
        actor.require(Permission::EditRecords)?;
        let c = check(input)?;
        let tx = self.tx()?;
        let now = now_text();
        tx.execute(
            "INSERT INTO dispatch_meeting (kind, held_on, start_time, place, chair, attendees, agenda, notes,
             created_by, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10)",
            params![c.kind.code(), c.held_on.to_string(), c.start_time, c.place, c.chair, c.attendees, c.agenda,
                c.notes, actor.user_id, now],
        )
        .map_err(sql_err)?;
        let id = tx.last_insert_rowid();
        for (i, d) in decisions.iter().enumerate() {
            let (text, unit, deadline) = check_decision(&tx, d).map_err(|mut e| {
                e.message = format!("第{}条议定事项：{}", i + 1, e.message);
                e.field = Some("decisions".into());
                e
            })?;
            tx.execute(
                "INSERT INTO meeting_decision (meeting_id, position, text, unit_id, deadline, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)",
                params![id, i as i64, text, unit, deadline.map(|d| d.to_string()), now],
            )
            .map_err(sql_err)?;
        }
        let m = meeting_in(&tx, id)?;
        let mut changes = meeting_json(&m);
        changes["decisions"] = m.decisions.len().into();
        record(
            &tx,
            actor,
            "meeting",
            Some(id),
            "create",
            &format!("登记{}", m.label),
            changes,
        )?;
        commit(tx)?;
        Ok(m)
    }

    pub fn update_meeting(
        &mut self,
        actor: &Actor,
        id: i64,
        input: &MeetingInput,
    ) -> Result<Meeting> {
        actor.require(Permission::EditRecords)?;
        let c = check(input)?;
        let tx = self.tx()?;
        let before = meeting_in(&tx, id)?;
        if before.cancelled_at.is_some() {
            return Err(CoreError::conflict("会议已取消，不能再修改"));
        }
        tx.execute(
            "UPDATE dispatch_meeting SET kind = ?1, held_on = ?2, start_time = ?3, place = ?4, chair = ?5,
             attendees = ?6, agenda = ?7, notes = ?8, updated_at = ?9 WHERE id = ?10",
            params![c.kind.code(), c.held_on.to_string(), c.start_time, c.place, c.chair, c.attendees, c.agenda,
                c.notes, now_text(), id],
        )
        .map_err(sql_err)?;
        let after = meeting_in(&tx, id)?;
        record(
            &tx,
            actor,
            "meeting",
            Some(id),
            "update",
            &format!("修改{}", after.label),
            diff(&meeting_json(&before), &meeting_json(&after)),
        )?;
        commit(tx)?;
        Ok(after)
    }

    /// A meeting that did not take place; kept with the reason.
    pub fn cancel_meeting(&mut self, actor: &Actor, id: i64, reason: &str) -> Result<Meeting> {
        actor.require(Permission::EditRecords)?;
        let reason = validate::required_text("reason", "取消原因", reason, 200)?;
        let tx = self.tx()?;
        let m = meeting_in(&tx, id)?;
        if m.cancelled_at.is_some() {
            return Err(CoreError::conflict("会议已经取消"));
        }
        if m.decisions
            .iter()
            .any(|d| d.task_id.is_some() || d.doc_id.is_some())
            || !m.bulletins.is_empty()
        {
            return Err(CoreError::conflict(
                "会议已有转办的议定事项或通报记录，不能取消",
            ));
        }
        tx.execute(
            "UPDATE dispatch_meeting SET cancelled_at = ?1, cancelled_reason = ?2, updated_at = ?1 WHERE id = ?3",
            params![now_text(), reason, id],
        )
        .map_err(sql_err)?;
        record(
            &tx,
            actor,
            "meeting",
            Some(id),
            "cancel",
            &format!("取消{}", m.label),
            serde_json::json!({"reason": reason}),
        )?;
        let out = meeting_in(&tx, id)?;
        commit(tx)?;
        Ok(out)
    }

    pub fn add_decision(
        &mut self,
        actor: &Actor,
        meeting_id: i64,
        input: &DecisionInput,
    ) -> Result<Meeting> {
        actor.require(Permission::EditRecords)?;
        let tx = self.tx()?;
        let m = meeting_in(&tx, meeting_id)?;
        if m.cancelled_at.is_some() {
            return Err(CoreError::conflict("会议已取消，不能再添加议定事项"));
        }
        let (text, unit, deadline) = check_decision(&tx, input)?;
        let now = now_text();
        let position = m
            .decisions
            .iter()
            .map(|d| d.position + 1)
            .max()
            .unwrap_or(0);
        tx.execute(
            "INSERT INTO meeting_decision (meeting_id, position, text, unit_id, deadline, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)",
            params![meeting_id, position, text, unit, deadline.map(|d| d.to_string()), now],
        )
        .map_err(sql_err)?;
        let id = tx.last_insert_rowid();
        record(
            &tx,
            actor,
            "decision",
            Some(id),
            "create",
            &format!("{}新增议定事项：{}", m.label, short(&text, 30)),
            serde_json::json!({"text": text, "unitId": unit, "deadline": deadline.map(|d| d.to_string())}),
        )?;
        let out = meeting_in(&tx, meeting_id)?;
        commit(tx)?;
        Ok(out)
    }

    pub fn update_decision(
        &mut self,
        actor: &Actor,
        id: i64,
        input: &DecisionInput,
    ) -> Result<Meeting> {
        actor.require(Permission::EditRecords)?;
        let tx = self.tx()?;
        let (before, m) = decision_in(&tx, id)?;
        if m.cancelled_at.is_some() {
            return Err(CoreError::conflict("会议已取消，不能再修改议定事项"));
        }
        let (text, unit, deadline) = check_decision(&tx, input)?;
        tx.execute(
            "UPDATE meeting_decision SET text = ?1, unit_id = ?2, deadline = ?3, updated_at = ?4 WHERE id = ?5",
            params![text, unit, deadline.map(|d| d.to_string()), now_text(), id],
        )
        .map_err(sql_err)?;
        record(
            &tx,
            actor,
            "decision",
            Some(id),
            "update",
            &format!("修改{}议定事项：{}", m.label, short(&text, 30)),
            diff(
                &serde_json::json!({"text": before.text, "unitId": before.unit_id, "deadline": before.deadline}),
                &serde_json::json!({"text": text, "unitId": unit, "deadline": deadline.map(|d| d.to_string())}),
            ),
        )?;
        let out = meeting_in(&tx, m.id)?;
        commit(tx)?;
        Ok(out)
    }

    /// Removes a decision entered by mistake; one already turned into a task
    /// or a document stays (the link is part of the record).
    pub fn remove_decision(&mut self, actor: &Actor, id: i64) -> Result<Meeting> {
        actor.require(Permission::EditRecords)?;
        let tx = self.tx()?;
        let (d, m) = decision_in(&tx, id)?;
        if d.task_id.is_some() || d.doc_id.is_some() {
            return Err(CoreError::conflict("该议定事项已转为任务或文件，不能删除"));
        }
        tx.execute("DELETE FROM meeting_decision WHERE id = ?1", [id])
            .map_err(sql_err)?;
        record(
            &tx,
            actor,
            "decision",
            Some(id),
            "delete",
            &format!("删除{}议定事项：{}", m.label, short(&d.text, 30)),
            serde_json::json!({"text": d.text}),
        )?;
        let out = meeting_in(&tx, m.id)?;
        commit(tx)?;
        Ok(out)
    }

    pub(crate) fn link_decision(
        &mut self,
        actor: &Actor,
        id: i64,
        task: Option<i64>,
        doc: Option<i64>,
        what: &str,
    ) -> Result<Meeting> {
        let tx = self.tx()?;
        let (_, m) = decision_in(&tx, id)?;
        tx.execute(
            "UPDATE meeting_decision SET task_id = COALESCE(?1, task_id), doc_id = COALESCE(?2, doc_id), updated_at = ?3
             WHERE id = ?4",
            params![task, doc, now_text(), id],
        )
        .map_err(sql_err)?;
        record(
            &tx,
            actor,
            "decision",
            Some(id),
            "link",
            &format!("{}议定事项{what}", m.label),
            serde_json::json!({"taskId": task, "docId": doc}),
        )?;
        let out = meeting_in(&tx, m.id)?;
        commit(tx)?;
        Ok(out)
    }

    /// One step: the decision becomes a task of the chosen plan and stage,
    /// starting no earlier than the meeting, with the decision's unit and
    /// deadline unless given otherwise.
    pub fn decision_to_task(
        &mut self,
        actor: &Actor,
        id: i64,
        input: &DecisionTaskInput,
    ) -> Result<Meeting> {
        actor.require(Permission::EditRecords)?;
        let (d, m) = decision_in(&self.conn, id)?;
        if m.cancelled_at.is_some() {
            return Err(CoreError::conflict("会议已取消"));
        }
        if d.task_id.is_some() {
            return Err(CoreError::conflict("该议定事项已经转为计划任务"));
        }
        let name = input
            .name
            .clone()
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
            .unwrap_or_else(|| short(&d.text, 100));
        let task = crate::TaskInput {
            plan_id: input.plan_id,
            parent_id: input.parent_id,
            kind: "task".into(),
            name: name.clone(),
            goal: if d.text.chars().count() > name.chars().count() {
                d.text.chars().take(2000).collect()
            } else {
                String::new()
            },
            content: format!("来源：{}议定事项", m.label),
            lead_unit_id: input.lead_unit_id.or(d.unit_id),
            start: Some(m.held_on.clone()),
            deadline: input
                .deadline
                .clone()
                .filter(|s| !s.trim().is_empty())
                .or_else(|| d.deadline.clone()),
            ..Default::default()
        };
        let task_id = self.create_task(actor, &task)?;
        self.link_decision(
            actor,
            id,
            Some(task_id),
            None,
            &format!("转为计划任务“{name}”"),
        )
    }

    /// One step: the decision becomes a draft order (or notice) to its unit,
    /// with the decision as the dispatch matter. Returns the meeting and the
    /// draft, which is signed like any other.
    pub fn decision_to_doc(
        &mut self,
        actor: &Actor,
        id: i64,
        input: &DecisionDocInput,
    ) -> Result<(Meeting, DispatchDoc)> {
        actor.require(Permission::EditRecords)?;
        let (d, m) = decision_in(&self.conn, id)?;
        if m.cancelled_at.is_some() {
            return Err(CoreError::conflict("会议已取消"));
        }
        if d.doc_id.is_some() {
            return Err(CoreError::conflict("该议定事项已经转为文件"));
        }
        let kind = if input.kind.is_empty() {
            "order"
        } else {
            input.kind.as_str()
        };
        let order = kind == "order";
        let title = input
            .title
            .clone()
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
            .unwrap_or_else(|| {
                let what = short(&d.text, 30);
                let title = if order {
                    format!("关于{what}的调度令")
                } else {
                    format!("关于{what}的通知")
                };
                title.chars().take(60).collect()
            });
        let rule = input.feedback_rule.clone().unwrap_or_else(|| {
            if order {
                FeedbackRule {
                    mode: "weekly".into(),
                    weekday: Some(5),
                    forms: vec!["text".into(), "image".into()],
                    ..Default::default()
                }
            } else {
                FeedbackRule {
                    mode: "none".into(),
                    ..Default::default()
                }
            }
        });
        let doc = DocInput {
            kind: kind.into(),
            title,
            urgency: if order {
                Some(
                    input
                        .urgency
                        .clone()
                        .filter(|s| !s.is_empty())
                        .unwrap_or_else(|| "expedited".into()),
                )
            } else {
                None
            },
            method: if order {
                None
            } else {
                Some(
                    input
                        .method
                        .clone()
                        .filter(|s| !s.is_empty())
                        .unwrap_or_else(|| "meeting".into()),
                )
            },
            content: d.text.clone(),
            requirements: format!(
                "本事项经{}研究确定，请责任单位明确专人负责，按时间节点反馈落实情况。",
                m.label
            ),
            target_unit_id: input.target_unit_id.or(d.unit_id),
            deadline: input
                .deadline
                .clone()
                .filter(|s| !s.trim().is_empty())
                .or_else(|| d.deadline.clone()),
            feedback_rule: rule,
            task_ids: d
                .task_id
                .filter(|_| d.task_name.is_some())
                .into_iter()
                .collect(),
            ..Default::default()
        };
        let created = self.create_doc(actor, &doc)?;
        let what = format!("转为{}草稿“{}”", created.kind_label, created.title);
        let meeting = self.link_decision(actor, id, None, Some(created.id), &what)?;
        Ok((meeting, created))
    }

    /// Records that an issued bulletin was read out at a meeting.
    pub fn record_bulletin_read(
        &mut self,
        actor: &Actor,
        meeting_id: i64,
        summary_id: i64,
    ) -> Result<Meeting> {
        actor.require(Permission::EditRecords)?;
        let tx = self.tx()?;
        let m = meeting_in(&tx, meeting_id)?;
        if m.cancelled_at.is_some() {
            return Err(CoreError::conflict("会议已取消"));
        }
        let (status, number, title): (String, Option<String>, String) = tx
            .query_row(
                "SELECT status, number, title FROM stage_summary WHERE id = ?1",
                [summary_id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()
            .map_err(sql_err)?
            .ok_or_else(|| CoreError::validation("summaryId", "通报不存在"))?;
        if status != "issued" {
            return Err(CoreError::validation(
                "summaryId",
                "只有已印发的通报才能在会上通报",
            ));
        }
        if m.bulletins.iter().any(|b| b.summary_id == summary_id) {
            return Err(CoreError::conflict("已记录该通报在本次会议上通报"));
        }
        tx.execute(
            "INSERT INTO meeting_bulletin (meeting_id, summary_id, created_at) VALUES (?1, ?2, ?3)",
            params![meeting_id, summary_id, now_text()],
        )
        .map_err(sql_err)?;
        let label = number.clone().unwrap_or_else(|| title.clone());
        record(
            &tx,
            actor,
            "meeting",
            Some(meeting_id),
            "update",
            &format!("在{}上通报 {label}", m.label),
            serde_json::json!({"summaryId": summary_id, "number": number, "title": title}),
        )?;
        let out = meeting_in(&tx, meeting_id)?;
        commit(tx)?;
        Ok(out)
    }
}

/// Meetings held (not cancelled, on or before `today`) in a year, by kind.
pub(crate) fn count_held(conn: &Connection, year: i32, today: NaiveDate) -> Result<(i64, i64)> {
    conn.query_row(
        "SELECT COALESCE(SUM(kind = 'regular'), 0), COALESCE(SUM(kind = 'mine'), 0) FROM dispatch_meeting
         WHERE cancelled_at IS NULL AND substr(held_on, 1, 4) = ?1 AND held_on <= ?2",
        params![format!("{year:04}"), today.to_string()],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
    .map_err(sql_err)
}
