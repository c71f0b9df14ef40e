//! The working calendar as the office edits it: statutory days come with the
//! program; the office adds next year's notice and the mine's own days off.
use super::load;
use crate::audit::record;
use crate::db::{commit, sql_err, Actor, Store};
use crate::{now_text, Result};
use chrono::{Datelike, NaiveDate};
use diaodu_domain::plan::parse_date;
use diaodu_domain::{validate, CoreError, Permission};
use rusqlite::params;
use serde::Serialize;

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct CalendarDay {
    pub date: String,
    pub working: bool,
    pub name: String,
    /// statutory or override.
    pub source: &'static str,
    pub weekday: u32,
}

/// Whether the State Council's notice of a year comes with the program: the
/// calendar screen says plainly when it does not (a year follows plain
/// weekends until the office enters the notice).
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct CalendarYear {
    pub year: i32,
    /// The program carries the year's official notice.
    pub official: bool,
    /// The notice the statutory days come from, when carried.
    pub notice: Option<String>,
    /// The first and last year whose notice the program carries.
    pub notice_from: i32,
    pub notice_to: i32,
}

fn year_range(year: i32) -> Result<(NaiveDate, NaiveDate)> {
    if !(1900..=2200).contains(&year) {
        return Err(CoreError::validation("year", "年份应在1900到2200之间"));
    }
    let from = NaiveDate::from_ymd_opt(year, 1, 1)
        .ok_or_else(|| CoreError::validation("year", "年份不正确"))?;
    let to = NaiveDate::from_ymd_opt(year, 12, 31)
        .ok_or_else(|| CoreError::validation("year", "年份不正确"))?;
    Ok((from, to))
}

impl Store {
    /// What the program knows officially about `year`'s days off.
    pub fn calendar_year(&self, year: i32) -> Result<CalendarYear> {
        year_range(year)?;
        let (notice_from, notice_to) = diaodu_schedule::calendar::notice_years();
        let notice = diaodu_schedule::calendar::notice_source(year);
        Ok(CalendarYear {
            year,
            official: notice.is_some(),
            notice: notice.map(str::to_string),
            notice_from,
            notice_to,
        })
    }

    /// Days of `year` that differ from (or are named beyond) the weekend rule.
    pub fn list_calendar_days(&self, year: i32) -> Result<Vec<CalendarDay>> {
        let (from, to) = year_range(year)?;
        let cal = load::calendar(&self.conn)?;
        Ok(cal
            .special_days(from, to)
            .into_iter()
            .map(|d| CalendarDay {
                date: d.date.to_string(),
                working: d.working,
                name: d.name,
                source: match d.source {
                    diaodu_schedule::DaySource::Statutory => "statutory",
                    diaodu_schedule::DaySource::Override => "override",
                },
                weekday: d.date.weekday().number_from_monday(),
            })
            .collect())
    }

    pub fn set_calendar_day(
        &mut self,
        actor: &Actor,
        date: &str,
        working: bool,
        name: &str,
    ) -> Result<Vec<CalendarDay>> {
        actor.require(Permission::EditRecords)?;
        let d = parse_date("date", "日期", date)?;
        year_range(d.year())?;
        let name = validate::optional_text("name", "说明", name, 40)?;
        if !working && name.is_empty() {
            return Err(CoreError::validation(
                "name",
                "请填写休息日的名称，如“矿庆日”",
            ));
        }
        let tx = self.tx()?;
        tx.execute(
            "INSERT INTO calendar_day (date, working, name, updated_at) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT(date) DO UPDATE SET working = excluded.working, name = excluded.name, updated_at = excluded.updated_at",
            params![d.to_string(), working as i64, name, now_text()],
        )
        .map_err(sql_err)?;
        // Every plan is rescheduled on read; make sure the new calendar is sound.
        load::calendar(&tx)?;
        let what = if working { "工作日" } else { "休息日" };
        record(
            &tx,
            actor,
            "calendar",
            None,
            "update",
            &format!(
                "将 {d} 设为{what}{}",
                if name.is_empty() {
                    String::new()
                } else {
                    format!("（{name}）")
                }
            ),
            serde_json::json!({"date": d.to_string(), "working": working, "name": name}),
        )?;
        commit(tx)?;
        self.list_calendar_days(d.year())
    }

    pub fn remove_calendar_day(&mut self, actor: &Actor, date: &str) -> Result<Vec<CalendarDay>> {
        actor.require(Permission::EditRecords)?;
        let d = parse_date("date", "日期", date)?;
        let tx = self.tx()?;
        let n = tx
            .execute("DELETE FROM calendar_day WHERE date = ?1", [d.to_string()])
            .map_err(sql_err)?;
        if n == 0 {
            return Err(CoreError::not_found(format!(
                "{d} 没有自定义设置（法定假日不能删除，只能覆盖）"
            )));
        }
        record(
            &tx,
            actor,
            "calendar",
            None,
            "end",
            &format!("取消 {d} 的自定义设置"),
            serde_json::json!({"date": d.to_string()}),
        )?;
        commit(tx)?;
        self.list_calendar_days(d.year())
    }
}
