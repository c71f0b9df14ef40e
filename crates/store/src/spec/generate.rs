//! Generating the periodic instances: every active item, for every
//! responsible unit (committee items to their units, branch items to every
//! active branch), for every cycle period whose due date falls in the
//! chosen period. One row per (item, unit, cycle period): generating again
//! adds only what is missing (a new branch, a new item).
use super::items::{cycle_of, rule_of};
use super::{iso, omissions, parse_period, system_actor};
use crate::audit::record;
use crate::db::{commit, sql_err, Actor, Store};
use crate::{now_text, Result};
use chrono::NaiveDate;
use diaodu_domain::Permission;
use diaodu_periodic::{due_in, Cycle, DueRule, Period};
use diaodu_schedule::WorkCalendar;
use rusqlite::{params, Connection, Transaction};
use serde::Serialize;

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct GenerateReport {
    pub period: String,
    pub label: String,
    /// Instances added now (0 when the period was complete already).
    pub created: usize,
    /// All instances due in the period after generating.
    pub total: i64,
    /// Omissions newly found (instances of past days not done).
    pub omissions_found: usize,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct StartupReport {
    pub periods: Vec<String>,
    pub created: usize,
    pub omissions_found: usize,
}

/// What one item generates: its current version and its units.
struct ItemPlan {
    item_id: i64,
    version_id: i64,
    cycle: Cycle,
    rule: DueRule,
    units: Vec<i64>,
}

fn active_branches(conn: &Connection) -> Result<Vec<i64>> {
    let mut stmt = conn
        .prepare_cached(
            "SELECT id FROM unit WHERE kind = 'branch' AND retired_at IS NULL ORDER BY id",
        )
        .map_err(sql_err)?;
    let ids = stmt
        .query_map([], |r| r.get(0))
        .map_err(sql_err)?
        .collect::<std::result::Result<Vec<i64>, _>>()
        .map_err(sql_err);
    ids
}

fn plans(conn: &Connection, only: Option<i64>) -> Result<Vec<ItemPlan>> {
    let branches = active_branches(conn)?;
    let active: std::collections::HashSet<i64> = {
        let mut stmt = conn
            .prepare_cached("SELECT id FROM unit WHERE retired_at IS NULL")
            .map_err(sql_err)?;
        let ids = stmt
            .query_map([], |r| r.get(0))
            .map_err(sql_err)?
            .collect::<std::result::Result<_, _>>()
            .map_err(sql_err)?;
        ids
    };
    let mut stmt = conn
        .prepare_cached(
            "SELECT i.id, v.id, i.scope, v.unit_ids, v.cycle, v.due_rule
             FROM spec_item i JOIN spec_version v ON v.item_id = i.id AND v.version = i.current_version
             WHERE i.retired_at IS NULL AND (?1 IS NULL OR i.id = ?1) ORDER BY i.id",
        )
        .map_err(sql_err)?;
    let rows = stmt
        .query_map([only], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, String>(4)?,
                r.get::<_, String>(5)?,
            ))
        })
        .map_err(sql_err)?
        .collect::<std::result::Result<Vec<_>, _>>()
        .map_err(sql_err)?;
    Ok(rows
        .into_iter()
        .map(
            |(item_id, version_id, scope, units, cycle, rule)| ItemPlan {
                item_id,
                version_id,
                cycle: cycle_of(&cycle),
                rule: rule_of(&rule),
                units: if scope == "branch" {
                    branches.clone()
                } else {
                    serde_json::from_str::<Vec<i64>>(&units)
                        .unwrap_or_default()
                        .into_iter()
                        .filter(|u| active.contains(u))
                        .collect()
                },
            },
        )
        .collect())
}

/// Inserts the missing instances due in `period` (and after `after`, when
/// given); answers how many were added.
fn generate_in(
    tx: &Transaction<'_>,
    cal: &WorkCalendar,
    period: &Period,
    only: Option<i64>,
    after: Option<NaiveDate>,
) -> Result<usize> {
    let now = now_text();
    let mut insert = tx
        .prepare_cached(
            "INSERT OR IGNORE INTO spec_instance (item_id, version_id, unit_id, period, due_date, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        )
        .map_err(sql_err)?;
    let mut created = 0;
    for plan in plans(tx, only)? {
        for (p, due) in due_in(plan.cycle, &plan.rule, period, cal) {
            if after.is_some_and(|a| due <= a) {
                continue;
            }
            let (code, due) = (p.code(), iso(due));
            for unit in &plan.units {
                created += insert
                    .execute(params![plan.item_id, plan.version_id, unit, code, due, now])
                    .map_err(sql_err)?;
            }
        }
    }
    Ok(created)
}

fn remember(tx: &Transaction<'_>, period: &Period) -> Result<()> {
    tx.execute(
        "INSERT INTO spec_generation (period, first_day, last_day, generated_at) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT(period) DO UPDATE SET generated_at = excluded.generated_at",
        params![period.code(), iso(period.start()), iso(period.end()), now_text()],
    )
    .map_err(sql_err)?;
    Ok(())
}

/// Generates `period` without looking for omissions (the sample ticks its
/// work done before the omissions are recorded).
pub(crate) fn generate_only(
    tx: &Transaction<'_>,
    cal: &WorkCalendar,
    period: &Period,
) -> Result<usize> {
    let created = generate_in(tx, cal, period, None, None)?;
    remember(tx, period)?;
    Ok(created)
}

pub(crate) fn today() -> NaiveDate {
    diaodu_domain::clock::today()
}

/// Removes an item's instances that are not yet due and not done, so an
/// edit or retirement does not leave work under the old terms.
pub(crate) fn drop_pending(tx: &Transaction<'_>, item_id: i64) -> Result<usize> {
    tx.execute(
        "DELETE FROM spec_instance WHERE item_id = ?1 AND due_date > ?2 AND done_date IS NULL
         AND id NOT IN (SELECT instance_id FROM spec_omission)",
        params![item_id, iso(today())],
    )
    .map_err(sql_err)
}

/// After an item was created, edited or reinstated: its pending instances
/// are made again from the current version in every period already
/// generated, for the days still to come. Past days are never touched.
pub(crate) fn follow_edit(tx: &Transaction<'_>, item_id: i64) -> Result<usize> {
    drop_pending(tx, item_id)?;
    let today = today();
    let cal = crate::plans::calendar_of(tx)?;
    let mut stmt = tx
        .prepare("SELECT period FROM spec_generation WHERE last_day > ?1")
        .map_err(sql_err)?;
    let periods: Vec<String> = stmt
        .query_map([iso(today)], |r| r.get(0))
        .map_err(sql_err)?
        .collect::<std::result::Result<_, _>>()
        .map_err(sql_err)?;
    drop(stmt);
    let mut created = 0;
    for code in periods {
        if let Ok(p) = Period::parse(&code) {
            created += generate_in(tx, &cal, &p, Some(item_id), Some(today))?;
        }
    }
    Ok(created)
}

fn total_due(conn: &Connection, period: &Period) -> Result<i64> {
    conn.query_row(
        "SELECT COUNT(*) FROM spec_instance WHERE due_date BETWEEN ?1 AND ?2",
        params![iso(period.start()), iso(period.end())],
        |r| r.get(0),
    )
    .map_err(sql_err)
}

impl Store {
    /// Generates every instance due in `period` (2026, 2026-Q1, 2026-03,
    /// 2026-03-D2, 2026-W11, 2026-03-16) and records the omissions of past
    /// days. Idempotent.
    pub fn generate_spec_period(&mut self, actor: &Actor, period: &str) -> Result<GenerateReport> {
        actor.require(Permission::EditRecords)?;
        let p = parse_period(period)?;
        self.generate_period_as(actor, &p, today())
    }

    pub(crate) fn generate_period_as(
        &mut self,
        actor: &Actor,
        p: &Period,
        as_of: NaiveDate,
    ) -> Result<GenerateReport> {
        let cal = crate::plans::calendar_of(&self.conn)?;
        let tx = self.tx()?;
        let created = generate_only(&tx, &cal, p)?;
        let found = omissions::refresh(&tx, as_of)?;
        if created > 0 || found > 0 {
            record(
                &tx,
                actor,
                "spec_period",
                None,
                "generate",
                &format!(
                    "生成{}的周期工作 {created} 项{}",
                    p.label(),
                    if found > 0 {
                        format!("，发现漏项 {found} 项")
                    } else {
                        String::new()
                    }
                ),
                serde_json::json!({"period": p.code(), "created": created, "omissionsFound": found}),
            )?;
        }
        let total = total_due(&tx, p)?;
        commit(tx)?;
        Ok(GenerateReport {
            period: p.code(),
            label: p.label(),
            created,
            total,
            omissions_found: found,
        })
    }

    /// At start (and hourly): the current and the coming month are
    /// generated and the omissions up to `today` recorded, as 系统.
    pub fn prepare_spec_periods(&mut self, today: NaiveDate) -> Result<StartupReport> {
        let this = Period::containing(Cycle::Month, today);
        let mut report = StartupReport {
            periods: Vec::new(),
            created: 0,
            omissions_found: 0,
        };
        for p in [this, this.next()] {
            let r = self.generate_period_as(&system_actor(), &p, today)?;
            report.periods.push(r.period);
            report.created += r.created;
            report.omissions_found += r.omissions_found;
        }
        Ok(report)
    }

    /// The periods generated so far, newest first: (code, label, generated at).
    pub fn list_spec_generations(&self) -> Result<Vec<(String, String, String)>> {
        let mut stmt = self
            .conn
            .prepare("SELECT period, generated_at FROM spec_generation ORDER BY first_day DESC, last_day")
            .map_err(sql_err)?;
        let rows = stmt
            .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))
            .map_err(sql_err)?
            .collect::<std::result::Result<Vec<_>, _>>()
            .map_err(sql_err)?;
        Ok(rows
            .into_iter()
            .map(|(code, at)| {
                let label = Period::parse(&code)
                    .map(|p| p.label())
                    .unwrap_or_else(|_| code.clone());
                (code, label, at)
            })
            .collect())
    }
}
