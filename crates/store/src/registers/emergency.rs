//! 应急管理: the emergency event log. Each event keeps when and where it
//! happened, who reported it, what happened, the measures taken, the leaders
//! told of it, and its closure (time and note). The leader on duty at the
//! event's time comes from the leaders' duty roster (swaps included, as they
//! rewrite the roster's days) when the event is recorded or its time is
//! changed, and is kept with the record. Printed as a one-page report and as
//! the year's register through the tabular report layout.
use super::{rows, today, TIME_FORMAT};
use crate::assessment::duty::duty_slot;
use crate::audit::{diff, record};
use crate::db::{commit, sql_err, Actor, Store};
use crate::print::doc_error;
use crate::{now_text, Result};
use chrono::{Datelike, NaiveDateTime};
use diaodu_documents::{cn_date, Orientation, Report, ReportBlock, ReportColumn, ReportTable};
use diaodu_domain::registers::{self as reg, EmergencyCategory, EmergencyStatus};
use diaodu_domain::{validate, CoreError, Permission};
use rusqlite::{params, Connection, OptionalExtension, Row, Transaction};
use serde::{Deserialize, Serialize};
use std::collections::HashSet;

const MAX_NOTIFIED: usize = 30;

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct Notified {
    pub person_id: i64,
    pub name: String,
    pub title: String,
    pub notified_at: String,
    pub method: String,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct EmergencyEvent {
    pub id: i64,
    /// `YYYY-MM-DD HH:MM`.
    pub occurred_at: String,
    pub place: String,
    pub category: String,
    pub category_label: String,
    pub reporter: String,
    pub reporter_phone: String,
    pub what: String,
    pub measures: String,
    /// The leader on duty at the event's time, from the roster.
    pub duty_leader_id: Option<i64>,
    pub duty_leader_name: Option<String>,
    pub duty_leader_title: Option<String>,
    pub duty_leader_phone: Option<String>,
    /// The dispatcher on shift at the event's time, from the roster.
    pub duty_dispatcher: String,
    pub notified: Vec<Notified>,
    pub status: String,
    pub status_label: String,
    pub closed_at: Option<String>,
    pub closure_note: String,
    pub closed_by: Option<String>,
    pub created_at: String,
    pub updated_at: String,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct NotifiedInput {
    pub person_id: i64,
    /// Default: the event's time.
    pub notified_at: String,
    /// 电话、当面、短信 ….
    pub method: String,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct EmergencyInput {
    pub occurred_at: String,
    pub place: String,
    pub category: String,
    pub reporter: String,
    pub reporter_phone: String,
    pub what: String,
    pub measures: String,
    pub notified: Vec<NotifiedInput>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct EmergencyFilter {
    pub year: Option<i32>,
    /// open or closed.
    pub status: Option<String>,
}

const SELECT: &str = "SELECT e.id, e.occurred_at, e.place, e.category, e.reporter, e.reporter_phone, e.what,
    e.measures, e.duty_leader_id, p.name, p.title, p.phone, e.duty_dispatcher, e.status, e.closed_at,
    e.closure_note, cu.display_name, e.created_at, e.updated_at
    FROM emergency_event e LEFT JOIN person p ON p.id = e.duty_leader_id
    LEFT JOIN app_user cu ON cu.id = e.closed_by";

fn from_row(r: &Row<'_>) -> rusqlite::Result<EmergencyEvent> {
    let category: String = r.get(3)?;
    let status: String = r.get(13)?;
    let closed_at: Option<String> = r.get(14)?;
    Ok(EmergencyEvent {
        id: r.get(0)?,
        occurred_at: r.get(1)?,
        place: r.get(2)?,
        category_label: EmergencyCategory::parse(&category)
            .map(|c| c.label())
            .unwrap_or("")
            .into(),
        category,
        reporter: r.get(4)?,
        reporter_phone: r.get(5)?,
        what: r.get(6)?,
        measures: r.get(7)?,
        duty_leader_id: r.get(8)?,
        duty_leader_name: r.get(9)?,
        duty_leader_title: r.get(10)?,
        duty_leader_phone: r.get(11)?,
        duty_dispatcher: r.get(12)?,
        notified: Vec::new(),
        status_label: EmergencyStatus::parse(&status)
            .map(|s| s.label())
            .unwrap_or("")
            .into(),
        status,
        closed_by: r.get(16)?,
        closed_at,
        closure_note: r.get(15)?,
        created_at: r.get(17)?,
        updated_at: r.get(18)?,
    })
}

fn notified_of(conn: &Connection, id: i64) -> Result<Vec<Notified>> {
    rows(
        conn,
        "SELECT n.person_id, p.name, p.title, n.notified_at, n.method FROM emergency_notified n
         JOIN person p ON p.id = n.person_id WHERE n.event_id = ?1 ORDER BY n.notified_at, n.id",
        [id],
        |r| {
            Ok(Notified {
                person_id: r.get(0)?,
                name: r.get(1)?,
                title: r.get(2)?,
                notified_at: r.get(3)?,
                method: r.get(4)?,
            })
        },
    )
}

pub(crate) fn event_in(conn: &Connection, id: i64) -> Result<EmergencyEvent> {
    let mut e = conn
        .query_row(&format!("{SELECT} WHERE e.id = ?1"), [id], from_row)
        .optional()
        .map_err(sql_err)?
        .ok_or_else(|| CoreError::not_found("应急事件记录不存在"))?;
    e.notified = notified_of(conn, id)?;
    Ok(e)
}

struct Checked {
    occurred: NaiveDateTime,
    place: String,
    category: EmergencyCategory,
    reporter: String,
    phone: String,
    what: String,
    measures: String,
    /// (person, time, method), times as stored.
    notified: Vec<(i64, String, String)>,
}

fn check(conn: &Connection, i: &EmergencyInput) -> Result<Checked> {
    let now = super::now_minute();
    let occurred = reg::past_time("occurredAt", "发生时间", &i.occurred_at, now)?;
    let place = validate::required_text("place", "发生地点", &i.place, 100)?;
    let category = EmergencyCategory::parse(if i.category.trim().is_empty() {
        "other"
    } else {
        &i.category
    })?;
    let reporter = validate::required_text("reporter", "报告人", &i.reporter, 30)?;
    let phone = validate::phone(&i.reporter_phone)
        .map_err(|e| CoreError::validation("reporterPhone", e.message))?;
    let what = validate::required_text("what", "事件经过", &i.what, 4000)?;
    let measures = validate::optional_text("measures", "处置措施", &i.measures, 4000)?;
    if i.notified.len() > MAX_NOTIFIED {
        return Err(CoreError::validation(
            "notified",
            format!("通知领导最多{MAX_NOTIFIED}人"),
        ));
    }
    let mut seen = HashSet::new();
    let mut notified = Vec::new();
    for n in &i.notified {
        let name: Option<String> = conn
            .query_row(
                "SELECT name FROM person WHERE id = ?1 AND retired_at IS NULL",
                [n.person_id],
                |r| r.get(0),
            )
            .optional()
            .map_err(sql_err)?;
        let name = name.ok_or_else(|| {
            CoreError::validation("notified", "通知的领导不存在或已离任，请重新选择")
        })?;
        if !seen.insert(n.person_id) {
            return Err(CoreError::validation(
                "notified",
                format!("{name}重复出现在通知名单中"),
            ));
        }
        let at = if n.notified_at.trim().is_empty() {
            occurred
        } else {
            reg::past_time(
                "notified",
                &format!("通知{name}的时间"),
                &n.notified_at,
                now,
            )?
        };
        if at < occurred {
            return Err(CoreError::validation(
                "notified",
                format!("通知{name}的时间不能早于事件发生时间"),
            ));
        }
        let method = validate::optional_text("notified", "通知方式", &n.method, 20)?;
        notified.push((n.person_id, at.format(TIME_FORMAT).to_string(), method));
    }
    Ok(Checked {
        occurred,
        place,
        category,
        reporter,
        phone,
        what,
        measures,
        notified,
    })
}

/// The leader (person id) and the dispatcher (name) on duty at `at`.
fn on_duty(conn: &Connection, at: NaiveDateTime) -> Result<(Option<i64>, String)> {
    let (leader_day, shift, shift_day) = duty_slot(at);
    let leader: Option<i64> = conn
        .query_row(
            "SELECT person_id FROM leader_duty WHERE duty_date = ?1",
            [leader_day.to_string()],
            |r| r.get(0),
        )
        .optional()
        .map_err(sql_err)?;
    let dispatcher: Option<String> = conn
        .query_row(
            "SELECT u.display_name FROM dispatcher_shift s JOIN app_user u ON u.id = s.user_id
             WHERE s.shift_date = ?1 AND s.shift = ?2",
            params![shift_day.to_string(), shift.code()],
            |r| r.get(0),
        )
        .optional()
        .map_err(sql_err)?;
    Ok((leader, dispatcher.unwrap_or_default()))
}

fn write_notified(tx: &Transaction<'_>, id: i64, list: &[(i64, String, String)]) -> Result<()> {
    tx.execute("DELETE FROM emergency_notified WHERE event_id = ?1", [id])
        .map_err(sql_err)?;
    for (person, at, method) in list {
        tx.execute(
            "INSERT INTO emergency_notified (event_id, person_id, notified_at, method) VALUES (?1, ?2, ?3, ?4)",
            params![id, person, at, method],
        )
        .map_err(sql_err)?;
    }
    Ok(())
}

fn event_json(e: &EmergencyEvent) -> serde_json::Value {
    let notified: Vec<String> = e
        .notified
        .iter()
        .map(|n| {
            format!("{} {} {}", n.name, n.notified_at, n.method)
                .trim()
                .to_string()
        })
        .collect();
    serde_json::json!({"occurredAt": e.occurred_at, "place": e.place, "category": e.category_label,
        "reporter": e.reporter, "reporterPhone": e.reporter_phone, "what": e.what, "measures": e.measures,
        "dutyLeader": e.duty_leader_name, "dutyDispatcher": e.duty_dispatcher, "notified": notified,
        "closedAt": e.closed_at, "closureNote": e.closure_note})
}

fn open_event(conn: &Connection, id: i64) -> Result<EmergencyEvent> {
    reg::id("id", "应急事件", id)?;
    let e = event_in(conn, id)?;
    if e.status == EmergencyStatus::Closed.code() {
        return Err(CoreError::conflict(format!(
            "该应急事件已于 {} 结束处置，记录不能再修改",
            e.closed_at.clone().unwrap_or_default()
        )));
    }
    Ok(e)
}

fn cn_time(t: &str) -> String {
    match NaiveDateTime::parse_from_str(t, TIME_FORMAT) {
        Ok(t) => format!(
            "{} {}",
            cn_date(t.year(), t.month(), t.day()),
            t.format("%H:%M")
        ),
        Err(_) => t.to_string(),
    }
}

impl Store {
    /// Events, newest first.
    pub fn list_emergencies(&self, filter: &EmergencyFilter) -> Result<Vec<EmergencyEvent>> {
        if let Some(y) = filter.year {
            if !(2000..=2100).contains(&y) {
                return Err(CoreError::validation("year", "年份应在2000到2100之间"));
            }
        }
        let status = match filter
            .status
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
        {
            Some(s) => Some(EmergencyStatus::parse(s)?.code()),
            None => None,
        };
        let mut list = rows(
            &self.conn,
            &format!(
                "{SELECT} WHERE (?1 IS NULL OR substr(e.occurred_at, 1, 4) = ?1) AND (?2 IS NULL OR e.status = ?2)
                 ORDER BY e.occurred_at DESC, e.id DESC"
            ),
            params![filter.year.map(|y| format!("{y:04}")), status],
            from_row,
        )?;
        for e in &mut list {
            e.notified = notified_of(&self.conn, e.id)?;
        }
        Ok(list)
    }

    pub fn get_emergency(&self, id: i64) -> Result<EmergencyEvent> {
        reg::id("id", "应急事件", id)?;
        event_in(&self.conn, id)
    }

    /// Who was on duty at a time (the form shows it before the event is saved).
    pub fn duty_for_time(&self, at: &str) -> Result<crate::assessment::DutyNow> {
        let t = reg::time("occurredAt", "发生时间", at)?;
        self.duty_at(t)
    }

    pub fn create_emergency(
        &mut self,
        actor: &Actor,
        input: &EmergencyInput,
    ) -> Result<EmergencyEvent> {
        actor.require(Permission::EditRecords)?;
        let tx = self.tx()?;
        let c = check(&tx, input)?;
        let (leader, dispatcher) = on_duty(&tx, c.occurred)?;
        let now = now_text();
        tx.execute(
            "INSERT INTO emergency_event (occurred_at, place, category, reporter, reporter_phone, what, measures,
             duty_leader_id, duty_dispatcher, created_by, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?11)",
            params![c.occurred.format(TIME_FORMAT).to_string(), c.place, c.category.code(), c.reporter,
                c.phone, c.what, c.measures, leader, dispatcher, actor.user_id, now],
        )
        .map_err(sql_err)?;
        let id = tx.last_insert_rowid();
        write_notified(&tx, id, &c.notified)?;
        let e = event_in(&tx, id)?;
        record(
            &tx,
            actor,
            "emergency",
            Some(id),
            "create",
            &format!(
                "登记应急事件：{} {}（带班领导：{}）",
                e.occurred_at,
                e.place,
                e.duty_leader_name.as_deref().unwrap_or("值班表未排")
            ),
            event_json(&e),
        )?;
        commit(tx)?;
        Ok(e)
    }

    /// Edits an event still being handled. A changed time takes the leader on
    /// duty at the new time from the roster again.
    pub fn update_emergency(
        &mut self,
        actor: &Actor,
        id: i64,
        input: &EmergencyInput,
    ) -> Result<EmergencyEvent> {
        actor.require(Permission::EditRecords)?;
        let tx = self.tx()?;
        let before = open_event(&tx, id)?;
        let c = check(&tx, input)?;
        let occurred = c.occurred.format(TIME_FORMAT).to_string();
        let (leader, dispatcher) = if occurred == before.occurred_at {
            (before.duty_leader_id, before.duty_dispatcher.clone())
        } else {
            on_duty(&tx, c.occurred)?
        };
        tx.execute(
            "UPDATE emergency_event SET occurred_at = ?1, place = ?2, category = ?3, reporter = ?4, reporter_phone = ?5,
             what = ?6, measures = ?7, duty_leader_id = ?8, duty_dispatcher = ?9, updated_at = ?10 WHERE id = ?11",
            params![occurred, c.place, c.category.code(), c.reporter, c.phone, c.what, c.measures, leader,
                dispatcher, now_text(), id],
        )
        .map_err(sql_err)?;
        write_notified(&tx, id, &c.notified)?;
        let after = event_in(&tx, id)?;
        record(
            &tx,
            actor,
            "emergency",
            Some(id),
            "update",
            &format!("修改应急事件：{} {}", after.occurred_at, after.place),
            diff(&event_json(&before), &event_json(&after)),
        )?;
        commit(tx)?;
        Ok(after)
    }

    /// Closes the event with the time handling ended and what came of it;
    /// the record is then frozen.
    pub fn close_emergency(
        &mut self,
        actor: &Actor,
        id: i64,
        closed_at: &str,
        note: &str,
    ) -> Result<EmergencyEvent> {
        actor.require(Permission::EditRecords)?;
        let tx = self.tx()?;
        let e = open_event(&tx, id)?;
        let at = reg::past_time("closedAt", "结束时间", closed_at, super::now_minute())?;
        let at = at.format(TIME_FORMAT).to_string();
        if at < e.occurred_at {
            return Err(CoreError::validation(
                "closedAt",
                "结束时间不能早于事件发生时间",
            ));
        }
        let note = validate::required_text("closureNote", "处置结果", note, 2000)?;
        tx.execute(
            "UPDATE emergency_event SET status = 'closed', closed_at = ?1, closure_note = ?2, closed_by = ?3,
             updated_at = ?4 WHERE id = ?5",
            params![at, note, actor.user_id, now_text(), id],
        )
        .map_err(sql_err)?;
        record(
            &tx,
            actor,
            "emergency",
            Some(id),
            "close",
            &format!("应急事件处置结束：{} {}", e.occurred_at, e.place),
            serde_json::json!({"closedAt": at, "closureNote": note}),
        )?;
        let after = event_in(&tx, id)?;
        commit(tx)?;
        Ok(after)
    }

    /// One event as a report (应急事件报告单).
    pub fn emergency_report(&self, id: i64) -> Result<Report> {
        let e = self.get_emergency(id)?;
        let leader = match (&e.duty_leader_name, &e.duty_leader_title) {
            (Some(n), Some(t)) if !t.is_empty() => format!("{n}（{t}）"),
            (Some(n), _) => n.clone(),
            _ => "值班表中该时间未排带班领导".into(),
        };
        let reporter = if e.reporter_phone.is_empty() {
            e.reporter.clone()
        } else {
            format!("{}（{}）", e.reporter, e.reporter_phone)
        };
        let mut facts = vec![
            ("发生时间".to_string(), cn_time(&e.occurred_at)),
            ("发生地点".into(), e.place.clone()),
            ("事件类别".into(), e.category_label.clone()),
            ("报告人".into(), reporter),
            ("带班领导".into(), leader),
            (
                "值班调度员".into(),
                if e.duty_dispatcher.is_empty() {
                    "值班表中该时间未排调度员".into()
                } else {
                    e.duty_dispatcher.clone()
                },
            ),
            ("处置状态".into(), e.status_label.clone()),
        ];
        if let Some(at) = &e.closed_at {
            facts.push(("结束时间".into(), cn_time(at)));
        }
        let paragraph = |text: &str, empty: &str| {
            ReportBlock::Paragraph(if text.trim().is_empty() {
                empty.to_string()
            } else {
                text.to_string()
            })
        };
        let blocks = vec![
            ReportBlock::Facts(facts),
            ReportBlock::Heading("一、事件经过".into()),
            paragraph(&e.what, "（未填写）"),
            ReportBlock::Heading("二、处置措施".into()),
            paragraph(&e.measures, "（未填写）"),
            ReportBlock::Heading("三、通知领导情况".into()),
            ReportBlock::Table(ReportTable {
                columns: vec![
                    ReportColumn::new("序号", 0.7).center(),
                    ReportColumn::new("姓名", 1.4),
                    ReportColumn::new("职务", 2.0),
                    ReportColumn::new("通知时间", 2.2),
                    ReportColumn::new("方式", 1.2),
                ],
                rows: e
                    .notified
                    .iter()
                    .enumerate()
                    .map(|(i, n)| {
                        vec![
                            (i + 1).to_string(),
                            n.name.clone(),
                            n.title.clone(),
                            n.notified_at.clone(),
                            n.method.clone(),
                        ]
                    })
                    .collect(),
                empty_text: "未登记通知领导".into(),
            }),
            ReportBlock::Heading("四、处置结果".into()),
            paragraph(&e.closure_note, "尚在处置中。"),
        ];
        Ok(Report {
            title: "应急事件报告单".into(),
            subtitle: format!("{} · {}", cn_time(&e.occurred_at), e.place),
            issuer: self.issuer_name()?,
            printed_on: today(),
            orientation: Orientation::Portrait,
            blocks,
        })
    }

    /// The year's events as one table (应急事件登记表).
    pub fn emergency_register_report(&self, year: i32) -> Result<Report> {
        let list = self.list_emergencies(&EmergencyFilter {
            year: Some(year),
            status: None,
        })?;
        let closed = list.iter().filter(|e| e.closed_at.is_some()).count();
        let mut sorted = list;
        sorted.reverse();
        Ok(Report {
            title: format!("{year}年应急事件登记表"),
            subtitle: String::new(),
            issuer: self.issuer_name()?,
            printed_on: today(),
            orientation: Orientation::Landscape,
            blocks: vec![
                ReportBlock::Facts(vec![
                    ("登记年度".into(), format!("{year}年")),
                    ("事件总数".into(), format!("{}起", sorted.len())),
                    ("处置结束".into(), format!("{closed}起")),
                ]),
                ReportBlock::Table(ReportTable {
                    columns: vec![
                        ReportColumn::new("序号", 0.6).center(),
                        ReportColumn::new("发生时间", 1.6),
                        ReportColumn::new("地点", 1.6),
                        ReportColumn::new("类别", 1.0),
                        ReportColumn::new("事件经过", 3.6),
                        ReportColumn::new("带班领导", 1.1),
                        ReportColumn::new("处置结果", 2.6),
                    ],
                    rows: sorted
                        .iter()
                        .enumerate()
                        .map(|(i, e)| {
                            vec![
                                (i + 1).to_string(),
                                e.occurred_at.clone(),
                                e.place.clone(),
                                e.category_label.clone(),
                                e.what.clone(),
                                e.duty_leader_name.clone().unwrap_or_default(),
                                if e.closed_at.is_some() {
                                    e.closure_note.clone()
                                } else {
                                    "处置中".into()
                                },
                            ]
                        })
                        .collect(),
                    empty_text: "本年没有登记应急事件".into(),
                }),
            ],
        })
    }

    pub fn emergency_pdf(&self, id: i64, fonts: &diaodu_documents::Fonts) -> Result<Vec<u8>> {
        let r = self.emergency_report(id)?;
        diaodu_documents::render_report(&r, fonts).map_err(doc_error)
    }

    pub fn emergency_register_pdf(
        &self,
        year: i32,
        fonts: &diaodu_documents::Fonts,
    ) -> Result<Vec<u8>> {
        let r = self.emergency_register_report(year)?;
        diaodu_documents::render_report(&r, fonts).map_err(doc_error)
    }
}
