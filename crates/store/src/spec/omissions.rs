//! Omissions (漏项): instances that were due and not done by their due
//! date. They are found when periods are generated, at start, hourly, and
//! when someone who may write opens the report, and kept as records for the
//! assessment: an omission stays when the work is done late (status
//! `late`); only a done date corrected to on time clears it (`cleared`,
//! kept with the change). Records are made only for days before today: a
//! report as of a later day, or a viewer's, is computed and records nothing.
use super::generate::today;
use super::items::cycle_of;
use super::{iso, parse_iso, parse_period};
use crate::audit::record;
use crate::db::{commit, sql_err, Actor, Store};
use crate::{now_text, Result};
use chrono::NaiveDate;
use diaodu_domain::Permission;
use diaodu_periodic::Period;
use rusqlite::{params, Transaction};
use serde::Serialize;

/// Records the omissions of days before `as_of`; answers how many are new.
/// A unit retired before the due date owes nothing.
pub(crate) fn refresh(tx: &Transaction<'_>, as_of: NaiveDate) -> Result<usize> {
    tx.execute(
        "INSERT OR IGNORE INTO spec_omission (instance_id, unit_id, item_id, due_date, found_at, status, done_date, updated_at)
         SELECT s.id, s.unit_id, s.item_id, s.due_date, ?2,
                CASE WHEN s.done_date IS NULL THEN 'open' ELSE 'late' END, s.done_date, ?2
         FROM spec_instance s JOIN unit u ON u.id = s.unit_id
         WHERE s.due_date < ?1 AND (s.done_date IS NULL OR s.done_date > s.due_date)
           AND (u.retired_at IS NULL OR substr(u.retired_at, 1, 10) > s.due_date)",
        params![iso(as_of), now_text()],
    )
    .map_err(sql_err)
}

/// Keeps an instance's omission record in step with its done date.
pub(crate) fn follow_done(tx: &Transaction<'_>, instance_id: i64) -> Result<()> {
    tx.execute(
        "UPDATE spec_omission SET
           status = (SELECT CASE WHEN s.done_date IS NULL THEN 'open'
                                 WHEN s.done_date > s.due_date THEN 'late' ELSE 'cleared' END
                     FROM spec_instance s WHERE s.id = spec_omission.instance_id),
           done_date = (SELECT done_date FROM spec_instance s WHERE s.id = spec_omission.instance_id),
           updated_at = ?2
         WHERE instance_id = ?1",
        params![instance_id, now_text()],
    )
    .map_err(sql_err)?;
    Ok(())
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct Omission {
    /// The omission record, once recorded (a report past today, or a
    /// viewer's, shows omissions not recorded yet).
    pub id: Option<i64>,
    pub instance_id: i64,
    pub unit_id: i64,
    pub unit_name: String,
    pub item_id: i64,
    pub code: String,
    pub title: String,
    pub category: String,
    pub cycle_label: String,
    /// The cycle period the work belonged to, e.g. 2026-03-D2.
    pub period: String,
    pub period_label: String,
    pub due_date: String,
    /// open (not done) or late (done after the due date).
    pub status: String,
    pub status_label: String,
    pub done_date: Option<String>,
    pub evidence_expected: String,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct OmissionUnit {
    pub unit_id: i64,
    pub unit_name: String,
    pub unit_kind: String,
    /// Instances due in the period before the as-of day.
    pub due: i64,
    pub done_on_time: i64,
    pub omissions: i64,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct OmissionReport {
    pub period: String,
    pub label: String,
    /// Omissions are days before this one.
    pub as_of: String,
    pub unit_id: Option<i64>,
    pub unit_name: Option<String>,
    pub total: usize,
    pub units: Vec<OmissionUnit>,
    pub rows: Vec<Omission>,
}

fn status_label(s: &str) -> &'static str {
    match s {
        "late" => "逾期完成",
        "cleared" => "已更正",
        _ => "未完成",
    }
}

/// The day a report is as of: the one given, or today.
fn as_of_day(as_of: Option<&str>) -> Result<NaiveDate> {
    match as_of.map(str::trim).filter(|s| !s.is_empty()) {
        Some(s) => parse_iso(s).ok_or_else(|| {
            diaodu_domain::CoreError::validation("asOf", "截止日期格式应为 2026-03-31")
        }),
        None => Ok(today()),
    }
}

impl Store {
    /// The omission report of `period` (all units, or one), as of a day
    /// (default today): what was due before that day and not done by its
    /// due date. For someone who may write, the omissions of days before
    /// today are recorded first (never later ones: a day not yet over is no
    /// omission); the report itself is computed from the instances.
    pub fn spec_omissions(
        &mut self,
        actor: &Actor,
        period: &str,
        unit_id: Option<i64>,
        as_of: Option<&str>,
    ) -> Result<OmissionReport> {
        let p = parse_period(period)?;
        let as_of = as_of_day(as_of)?;
        if actor.role.allows(Permission::EditRecords) {
            let up_to = as_of.min(today());
            let tx = self.tx()?;
            let found = refresh(&tx, up_to)?;
            if found > 0 {
                record(
                    &tx,
                    actor,
                    "spec_omission",
                    None,
                    "check",
                    &format!("检查漏项：截至{up_to}新发现 {found} 项"),
                    serde_json::json!({"asOf": iso(up_to), "found": found}),
                )?;
            }
            commit(tx)?;
        }
        self.omission_report(&p, unit_id, as_of)
    }

    /// The omission report, computed only: it records nothing (printed
    /// reports and workbooks, whoever makes them).
    pub(crate) fn omission_report_of(
        &self,
        period: &str,
        unit_id: Option<i64>,
        as_of: Option<&str>,
    ) -> Result<OmissionReport> {
        self.omission_report(&parse_period(period)?, unit_id, as_of_day(as_of)?)
    }

    fn omission_report(
        &self,
        p: &Period,
        unit_id: Option<i64>,
        as_of: NaiveDate,
    ) -> Result<OmissionReport> {
        let (from, to) = (iso(p.start()), iso(p.end()));
        let mut stmt = self
            .conn
            .prepare(
                // What `refresh` records, computed from the instances (the
                // same rule), with the record where there is one.
                "SELECT o.id, s.id, s.unit_id, u.name, s.item_id, i.code, v.title, v.category, v.cycle,
                        s.period, s.due_date, CASE WHEN s.done_date IS NULL THEN 'open' ELSE 'late' END,
                        s.done_date, v.evidence
                 FROM spec_instance s
                 JOIN spec_version v ON v.id = s.version_id
                 JOIN spec_item i ON i.id = s.item_id
                 JOIN unit u ON u.id = s.unit_id
                 LEFT JOIN spec_omission o ON o.instance_id = s.id
                 WHERE s.due_date BETWEEN ?1 AND ?2 AND s.due_date < ?3
                   AND (s.done_date IS NULL OR s.done_date > s.due_date)
                   AND (u.retired_at IS NULL OR substr(u.retired_at, 1, 10) > s.due_date)
                   AND (?4 IS NULL OR s.unit_id = ?4)
                 ORDER BY CASE u.kind WHEN 'committee' THEN 0 WHEN 'department' THEN 1 ELSE 2 END,
                          u.id, s.due_date, i.code",
            )
            .map_err(sql_err)?;
        let rows = stmt
            .query_map(params![from, to, iso(as_of), unit_id], |r| {
                let cycle = cycle_of(&r.get::<_, String>(8)?);
                let period: String = r.get(9)?;
                let status: String = r.get(11)?;
                Ok(Omission {
                    id: r.get(0)?,
                    instance_id: r.get(1)?,
                    unit_id: r.get(2)?,
                    unit_name: r.get(3)?,
                    item_id: r.get(4)?,
                    code: r.get(5)?,
                    title: r.get(6)?,
                    category: r.get(7)?,
                    cycle_label: cycle.label().into(),
                    period_label: Period::parse(&period)
                        .map(|x| x.label())
                        .unwrap_or_else(|_| period.clone()),
                    period,
                    due_date: r.get(10)?,
                    status_label: status_label(&status).into(),
                    status,
                    done_date: r.get(12)?,
                    evidence_expected: r.get(13)?,
                })
            })
            .map_err(sql_err)?
            .collect::<std::result::Result<Vec<_>, _>>()
            .map_err(sql_err)?;
        drop(stmt);
        let mut stmt = self
            .conn
            .prepare(
                "SELECT s.unit_id, u.name, u.kind, COUNT(*),
                        SUM(s.done_date IS NOT NULL AND s.done_date <= s.due_date)
                 FROM spec_instance s JOIN unit u ON u.id = s.unit_id
                 WHERE s.due_date BETWEEN ?1 AND ?2 AND s.due_date < ?3 AND (?4 IS NULL OR s.unit_id = ?4)
                 GROUP BY s.unit_id
                 ORDER BY CASE u.kind WHEN 'committee' THEN 0 WHEN 'department' THEN 1 ELSE 2 END, u.id",
            )
            .map_err(sql_err)?;
        let mut units = stmt
            .query_map(params![from, to, iso(as_of), unit_id], |r| {
                Ok(OmissionUnit {
                    unit_id: r.get(0)?,
                    unit_name: r.get(1)?,
                    unit_kind: r.get(2)?,
                    due: r.get(3)?,
                    done_on_time: r.get(4)?,
                    omissions: 0,
                })
            })
            .map_err(sql_err)?
            .collect::<std::result::Result<Vec<_>, _>>()
            .map_err(sql_err)?;
        for u in &mut units {
            u.omissions = rows.iter().filter(|o| o.unit_id == u.unit_id).count() as i64;
        }
        let unit_name = match unit_id {
            Some(id) => Some(
                self.conn
                    .query_row("SELECT name FROM unit WHERE id = ?1", [id], |r| r.get(0))
                    .map_err(|_| diaodu_domain::CoreError::not_found("单位不存在"))?,
            ),
            None => None,
        };
        Ok(OmissionReport {
            period: p.code(),
            label: p.label(),
            as_of: iso(as_of),
            unit_id,
            unit_name,
            total: rows.len(),
            units,
            rows,
        })
    }
}
