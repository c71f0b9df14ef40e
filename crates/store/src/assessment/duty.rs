//! Duty: the leaders' 24-hour duty roster (one leader a day, 08:00 to 08:00),
//! swaps with a reason, and the dispatchers' two shifts a day. Who is on
//! duty now is shown in the main window's status bar.
use super::period::{Period, PeriodKind};
use crate::audit::record;
use crate::db::{commit, sql_err, Actor, Store};
use crate::{now_text, Result};
use chrono::{Datelike, NaiveDate, NaiveDateTime, Timelike};
use diaodu_domain::assessment::{Shift, LEADER_DUTY_CHANGE_HOUR};
use diaodu_domain::plan::parse_date;
use diaodu_domain::{validate, CoreError, Permission};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct DutyDay {
    pub date: String,
    /// 一 … 日
    pub weekday: String,
    pub person_id: Option<i64>,
    pub person_name: Option<String>,
    pub person_title: Option<String>,
    pub phone: Option<String>,
    pub note: String,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct DutySwap {
    pub id: i64,
    pub date_a: String,
    pub date_b: String,
    pub person_a: String,
    pub person_b: String,
    pub reason: String,
    pub swapped_by: String,
    pub swapped_at: String,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct ShiftSlot {
    pub date: String,
    pub weekday: String,
    pub shift: String,
    pub shift_label: String,
    pub hours: String,
    pub user_id: Option<i64>,
    pub user_name: Option<String>,
    pub note: String,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct Roster {
    pub month: String,
    pub label: String,
    pub leaders: Vec<DutyDay>,
    pub shifts: Vec<ShiftSlot>,
    pub swaps: Vec<DutySwap>,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct OnDuty {
    pub name: String,
    pub phone: String,
    pub label: String,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct DutyNow {
    pub at: String,
    pub leader: Option<OnDuty>,
    pub dispatcher: Option<OnDuty>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct LeaderDutyInput {
    pub date: String,
    pub person_id: Option<i64>,
    pub note: String,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ShiftInput {
    pub date: String,
    pub shift: String,
    pub user_id: Option<i64>,
    pub note: String,
}

pub(crate) fn weekday_cn(d: NaiveDate) -> &'static str {
    ["一", "二", "三", "四", "五", "六", "日"][d.weekday().num_days_from_monday() as usize]
}

fn month_of(text: &str) -> Result<Period> {
    let p = Period::parse(text)?;
    if p.kind != PeriodKind::Month {
        return Err(CoreError::validation("month", "请选择月份，如 2026-03"));
    }
    Ok(p)
}

fn days(p: &Period) -> Vec<NaiveDate> {
    p.start()
        .iter_days()
        .take_while(|d| *d <= p.end())
        .collect()
}

fn leader_days(conn: &Connection, p: &Period) -> Result<Vec<DutyDay>> {
    let mut stmt = conn
        .prepare(
            "SELECT d.person_id, p.name, p.title, p.phone, d.note FROM leader_duty d JOIN person p ON p.id = d.person_id
             WHERE d.duty_date = ?1",
        )
        .map_err(sql_err)?;
    days(p)
        .into_iter()
        .map(|d| {
            let row = stmt
                .query_row([d.to_string()], |r| {
                    Ok((
                        r.get::<_, i64>(0)?,
                        r.get::<_, String>(1)?,
                        r.get::<_, String>(2)?,
                        r.get::<_, String>(3)?,
                        r.get::<_, String>(4)?,
                    ))
                })
                .optional()
                .map_err(sql_err)?;
            Ok(DutyDay {
                date: d.to_string(),
                weekday: weekday_cn(d).into(),
                person_id: row.as_ref().map(|r| r.0),
                person_name: row.as_ref().map(|r| r.1.clone()),
                person_title: row.as_ref().map(|r| r.2.clone()),
                phone: row.as_ref().map(|r| r.3.clone()),
                note: row.map(|r| r.4).unwrap_or_default(),
            })
        })
        .collect()
}

fn shift_slots(conn: &Connection, p: &Period) -> Result<Vec<ShiftSlot>> {
    let mut stmt = conn
        .prepare(
            "SELECT s.user_id, u.display_name, s.note FROM dispatcher_shift s JOIN app_user u ON u.id = s.user_id
             WHERE s.shift_date = ?1 AND s.shift = ?2",
        )
        .map_err(sql_err)?;
    let mut out = Vec::new();
    for d in days(p) {
        for shift in [Shift::Day, Shift::Night] {
            let row = stmt
                .query_row(params![d.to_string(), shift.code()], |r| {
                    Ok((
                        r.get::<_, i64>(0)?,
                        r.get::<_, String>(1)?,
                        r.get::<_, String>(2)?,
                    ))
                })
                .optional()
                .map_err(sql_err)?;
            out.push(ShiftSlot {
                date: d.to_string(),
                weekday: weekday_cn(d).into(),
                shift: shift.code().into(),
                shift_label: shift.label().into(),
                hours: shift.time_label().into(),
                user_id: row.as_ref().map(|r| r.0),
                user_name: row.as_ref().map(|r| r.1.clone()),
                note: row.map(|r| r.2).unwrap_or_default(),
            });
        }
    }
    Ok(out)
}

fn swaps(conn: &Connection, p: &Period) -> Result<Vec<DutySwap>> {
    let mut stmt = conn
        .prepare(
            "SELECT s.id, s.date_a, s.date_b, a.name, b.name, s.reason, COALESCE(u.display_name, '命令行'), s.swapped_at
             FROM leader_duty_swap s JOIN person a ON a.id = s.person_a JOIN person b ON b.id = s.person_b
             LEFT JOIN app_user u ON u.id = s.swapped_by
             WHERE s.date_a BETWEEN ?1 AND ?2 OR s.date_b BETWEEN ?1 AND ?2 ORDER BY s.id",
        )
        .map_err(sql_err)?;
    let rows = stmt
        .query_map(params![p.start().to_string(), p.end().to_string()], |r| {
            Ok(DutySwap {
                id: r.get(0)?,
                date_a: r.get(1)?,
                date_b: r.get(2)?,
                person_a: r.get(3)?,
                person_b: r.get(4)?,
                reason: r.get(5)?,
                swapped_by: r.get(6)?,
                swapped_at: r.get(7)?,
            })
        })
        .map_err(sql_err)?
        .collect::<std::result::Result<Vec<_>, _>>()
        .map_err(sql_err);
    rows
}

/// A person in the roster must be an active 矿领导.
fn leader_name(conn: &Connection, person_id: i64) -> Result<String> {
    let row: Option<(String, String)> = conn
        .query_row(
            "SELECT name, roles FROM person WHERE id = ?1 AND retired_at IS NULL",
            [person_id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()
        .map_err(sql_err)?;
    match row {
        Some((name, roles)) if roles.contains("\"leader\"") => Ok(name),
        _ => Err(CoreError::validation(
            "personId",
            "请选择在册的矿领导（人员角色为“矿领导”）",
        )),
    }
}

/// A dispatcher on the shift schedule is an enabled account that may edit records.
fn dispatcher_name(conn: &Connection, user_id: i64) -> Result<String> {
    let row: Option<(String, String)> = conn
        .query_row(
            "SELECT display_name, role FROM app_user WHERE id = ?1 AND disabled = 0",
            [user_id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()
        .map_err(sql_err)?;
    match row {
        Some((name, role)) if role != "viewer" => Ok(name),
        _ => Err(CoreError::validation(
            "userId",
            "请选择启用中的调度员账号（“查看”角色不能值班）",
        )),
    }
}

/// The leaders' duty day (which starts at 08:00) and the dispatchers' shift
/// with its day that a moment falls in.
pub(crate) fn duty_slot(at: NaiveDateTime) -> (NaiveDate, Shift, NaiveDate) {
    let date = at.date();
    let leader_day = if at.hour() < LEADER_DUTY_CHANGE_HOUR {
        date.pred_opt().unwrap_or(date)
    } else {
        date
    };
    let (shift, shift_day) =
        if at.hour() >= Shift::Day.hours().0 && at.hour() < Shift::Day.hours().1 {
            (Shift::Day, date)
        } else if at.hour() >= Shift::Night.hours().0 {
            (Shift::Night, date)
        } else {
            (Shift::Night, date.pred_opt().unwrap_or(date))
        };
    (leader_day, shift, shift_day)
}

/// An account that may stand a dispatcher's shift.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct DutyUser {
    pub id: i64,
    pub username: String,
    pub display_name: String,
}

impl Store {
    /// Enabled accounts that may edit records: who can stand a shift and
    /// confirm a handover (readable by every role, unlike the user list).
    pub fn list_duty_users(&self) -> Result<Vec<DutyUser>> {
        let mut stmt = self
            .conn
            .prepare("SELECT id, username, display_name FROM app_user WHERE disabled = 0 AND role <> 'viewer' ORDER BY id")
            .map_err(sql_err)?;
        let rows = stmt
            .query_map([], |r| {
                Ok(DutyUser {
                    id: r.get(0)?,
                    username: r.get(1)?,
                    display_name: r.get(2)?,
                })
            })
            .map_err(sql_err)?
            .collect::<std::result::Result<Vec<_>, _>>()
            .map_err(sql_err);
        rows
    }

    pub fn duty_roster(&self, month: &str) -> Result<Roster> {
        let p = month_of(month)?;
        Ok(Roster {
            month: p.code(),
            label: p.label(),
            leaders: leader_days(&self.conn, &p)?,
            shifts: shift_slots(&self.conn, &p)?,
            swaps: swaps(&self.conn, &p)?,
        })
    }

    /// Puts a leader on duty for a day (replacing whoever was there); no
    /// person clears the day.
    pub fn set_leader_duty(&mut self, actor: &Actor, input: &LeaderDutyInput) -> Result<DutyDay> {
        actor.require(Permission::EditRecords)?;
        let date = parse_date("date", "值班日期", &input.date)?;
        let note = validate::optional_text("note", "备注", &input.note, 100)?;
        let tx = self.tx()?;
        let before: Option<String> = tx
            .query_row(
                "SELECT p.name FROM leader_duty d JOIN person p ON p.id = d.person_id WHERE d.duty_date = ?1",
                [date.to_string()],
                |r| r.get(0),
            )
            .optional()
            .map_err(sql_err)?;
        let summary = match input.person_id {
            Some(pid) => {
                let name = leader_name(&tx, pid)?;
                tx.execute(
                    "INSERT INTO leader_duty (duty_date, person_id, note, updated_at) VALUES (?1, ?2, ?3, ?4)
                     ON CONFLICT(duty_date) DO UPDATE SET person_id = ?2, note = ?3, updated_at = ?4",
                    params![date.to_string(), pid, note, now_text()],
                )
                .map_err(sql_err)?;
                format!("{date} 带班值班领导：{name}")
            }
            None => {
                tx.execute(
                    "DELETE FROM leader_duty WHERE duty_date = ?1",
                    [date.to_string()],
                )
                .map_err(sql_err)?;
                format!("取消 {date} 的领导值班安排")
            }
        };
        record(
            &tx,
            actor,
            "duty",
            None,
            "update",
            &summary,
            serde_json::json!({"date": date.to_string(), "from": before, "note": note}),
        )?;
        commit(tx)?;
        let p = Period::month_of(date);
        Ok(leader_days(&self.conn, &p)?
            .into_iter()
            .find(|d| d.date == date.to_string())
            .expect("the day is in its month"))
    }

    /// Fills the month's empty days with the given leaders in turn.
    pub fn fill_leader_roster(
        &mut self,
        actor: &Actor,
        month: &str,
        person_ids: &[i64],
    ) -> Result<Roster> {
        actor.require(Permission::EditRecords)?;
        let p = month_of(month)?;
        if person_ids.is_empty() {
            return Err(CoreError::validation("personIds", "请至少选择一位矿领导"));
        }
        let tx = self.tx()?;
        let names = person_ids
            .iter()
            .map(|&id| leader_name(&tx, id))
            .collect::<Result<Vec<_>>>()?;
        let mut filled = 0;
        for d in days(&p) {
            let n = tx
                .execute(
                    "INSERT OR IGNORE INTO leader_duty (duty_date, person_id, updated_at) VALUES (?1, ?2, ?3)",
                    params![d.to_string(), person_ids[filled % person_ids.len()], now_text()],
                )
                .map_err(sql_err)?;
            filled += n;
        }
        record(
            &tx,
            actor,
            "duty",
            None,
            "update",
            &format!(
                "{}领导值班按顺序排班：{}（{filled}天）",
                p.label(),
                names.join("、")
            ),
            serde_json::json!({"month": p.code(), "leaders": names, "days": filled}),
        )?;
        commit(tx)?;
        self.duty_roster(month)
    }

    /// Swaps the leaders of two days, with the reason on record.
    pub fn swap_leader_duty(
        &mut self,
        actor: &Actor,
        date_a: &str,
        date_b: &str,
        reason: &str,
    ) -> Result<Vec<DutySwap>> {
        actor.require(Permission::EditRecords)?;
        let a = parse_date("dateA", "调换日期", date_a)?;
        let b = parse_date("dateB", "对调日期", date_b)?;
        let reason = validate::required_text("reason", "调班原因", reason, 200)?;
        let tx = self.tx()?;
        let who = |d: NaiveDate, field: &str| -> Result<(i64, String)> {
            tx.query_row(
                "SELECT d.person_id, p.name FROM leader_duty d JOIN person p ON p.id = d.person_id WHERE d.duty_date = ?1",
                [d.to_string()],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()
            .map_err(sql_err)?
            .ok_or_else(|| CoreError::validation(field, format!("{d} 还没有安排值班领导")))
        };
        let (pa, na) = who(a, "dateA")?;
        let (pb, nb) = who(b, "dateB")?;
        if pa == pb {
            return Err(CoreError::validation(
                "dateB",
                "两天是同一位领导值班，无需调换",
            ));
        }
        let now = now_text();
        tx.execute(
            "UPDATE leader_duty SET person_id = ?1, updated_at = ?2 WHERE duty_date = ?3",
            params![pb, now, a.to_string()],
        )
        .map_err(sql_err)?;
        tx.execute(
            "UPDATE leader_duty SET person_id = ?1, updated_at = ?2 WHERE duty_date = ?3",
            params![pa, now, b.to_string()],
        )
        .map_err(sql_err)?;
        tx.execute(
            "INSERT INTO leader_duty_swap (date_a, date_b, person_a, person_b, reason, swapped_by, swapped_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![a.to_string(), b.to_string(), pa, pb, reason, actor.user_id, now],
        )
        .map_err(sql_err)?;
        record(
            &tx,
            actor,
            "duty",
            Some(tx.last_insert_rowid()),
            "swap",
            &format!("领导值班调班：{a} {na} 与 {b} {nb} 对调，原因：{reason}"),
            serde_json::json!({"dateA": a.to_string(), "dateB": b.to_string(), "reason": reason}),
        )?;
        commit(tx)?;
        swaps(&self.conn, &Period::month_of(a))
    }

    /// Puts a dispatcher on a shift (replacing); no user clears it.
    pub fn set_dispatcher_shift(&mut self, actor: &Actor, input: &ShiftInput) -> Result<ShiftSlot> {
        actor.require(Permission::EditRecords)?;
        let date = parse_date("date", "值班日期", &input.date)?;
        let shift = Shift::parse(&input.shift)?;
        let note = validate::optional_text("note", "备注", &input.note, 100)?;
        let tx = self.tx()?;
        let summary = match input.user_id {
            Some(uid) => {
                let name = dispatcher_name(&tx, uid)?;
                tx.execute(
                    "INSERT INTO dispatcher_shift (shift_date, shift, user_id, note, updated_at) VALUES (?1, ?2, ?3, ?4, ?5)
                     ON CONFLICT(shift_date, shift) DO UPDATE SET user_id = ?3, note = ?4, updated_at = ?5",
                    params![date.to_string(), shift.code(), uid, note, now_text()],
                )
                .map_err(sql_err)?;
                format!("{date} {} 值班调度员：{name}", shift.label())
            }
            None => {
                tx.execute(
                    "DELETE FROM dispatcher_shift WHERE shift_date = ?1 AND shift = ?2",
                    params![date.to_string(), shift.code()],
                )
                .map_err(sql_err)?;
                format!("取消 {date} {} 的调度员值班", shift.label())
            }
        };
        record(
            &tx,
            actor,
            "duty",
            None,
            "update",
            &summary,
            serde_json::json!({"date": date.to_string(), "shift": shift.code(), "note": note}),
        )?;
        commit(tx)?;
        let p = Period::month_of(date);
        Ok(shift_slots(&self.conn, &p)?
            .into_iter()
            .find(|s| s.date == date.to_string() && s.shift == shift.code())
            .expect("the shift is in its month"))
    }

    /// Who is on duty at `at`: the leader of the duty day (which starts at
    /// 08:00) and the dispatcher of the shift.
    pub fn duty_at(&self, at: NaiveDateTime) -> Result<DutyNow> {
        let (leader_day, shift, shift_day) = duty_slot(at);
        let leader = self
            .conn
            .query_row(
                "SELECT p.name, p.phone, p.title FROM leader_duty d JOIN person p ON p.id = d.person_id WHERE d.duty_date = ?1",
                [leader_day.to_string()],
                |r| {
                    Ok(OnDuty {
                        name: r.get(0)?,
                        phone: r.get(1)?,
                        label: r.get::<_, String>(2)?,
                    })
                },
            )
            .optional()
            .map_err(sql_err)?;
        let dispatcher = self
            .conn
            .query_row(
                "SELECT u.display_name FROM dispatcher_shift s JOIN app_user u ON u.id = s.user_id
                 WHERE s.shift_date = ?1 AND s.shift = ?2",
                params![shift_day.to_string(), shift.code()],
                |r| {
                    Ok(OnDuty {
                        name: r.get(0)?,
                        phone: String::new(),
                        label: shift.label().into(),
                    })
                },
            )
            .optional()
            .map_err(sql_err)?;
        Ok(DutyNow {
            at: at.format("%Y-%m-%d %H:%M").to_string(),
            leader,
            dispatcher,
        })
    }

    pub fn duty_now(&self) -> Result<DutyNow> {
        self.duty_at(diaodu_domain::clock::now())
    }
}
