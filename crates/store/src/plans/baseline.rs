//! Named snapshots of a plan's scheduled dates, and variance against them.
use super::chart::BaselineDates;
use super::load;
use super::plan::plan_in;
use crate::audit::record;
use crate::db::{commit, sql_err, Actor, Store};
use crate::{now_text, Result};
use chrono::NaiveDate;
use diaodu_domain::{validate, CoreError, Permission};
use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;
use std::collections::HashMap;

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct BaselineInfo {
    pub id: i64,
    pub name: String,
    pub created_at: String,
}

pub(crate) struct LoadedBaseline {
    pub id: i64,
    pub name: String,
    pub tasks: HashMap<i64, BaselineDates>,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct VarianceRow {
    pub id: i64,
    pub name: String,
    /// Working days the current finish lies after the baseline's (negative = earlier).
    pub variance: i64,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Variance {
    pub tasks: Vec<VarianceRow>,
    pub stages: Vec<VarianceRow>,
}

pub(crate) fn list(conn: &Connection, plan_id: i64) -> Result<Vec<BaselineInfo>> {
    let mut stmt = conn
        .prepare_cached(
            "SELECT id, name, created_at FROM baseline WHERE plan_id = ?1 ORDER BY id DESC",
        )
        .map_err(sql_err)?;
    let rows = stmt
        .query_map([plan_id], |r| {
            Ok(BaselineInfo {
                id: r.get(0)?,
                name: r.get(1)?,
                created_at: r.get(2)?,
            })
        })
        .map_err(sql_err)?
        .collect::<std::result::Result<_, _>>()
        .map_err(sql_err)?;
    Ok(rows)
}

pub(crate) fn load(conn: &Connection, plan_id: i64, id: i64) -> Result<LoadedBaseline> {
    let name: String = conn
        .query_row(
            "SELECT name FROM baseline WHERE id = ?1 AND plan_id = ?2",
            params![id, plan_id],
            |r| r.get(0),
        )
        .optional()
        .map_err(sql_err)?
        .ok_or_else(|| CoreError::not_found("基线不存在"))?;
    let mut stmt = conn
        .prepare_cached(
            "SELECT task_id, start_date, finish_date FROM baseline_task WHERE baseline_id = ?1",
        )
        .map_err(sql_err)?;
    let tasks = stmt
        .query_map([id], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                BaselineDates {
                    start: r.get(1)?,
                    finish: r.get(2)?,
                },
            ))
        })
        .map_err(sql_err)?
        .collect::<std::result::Result<_, _>>()
        .map_err(sql_err)?;
    Ok(LoadedBaseline { id, name, tasks })
}

impl Store {
    pub fn list_baselines(&self, plan_id: i64) -> Result<Vec<BaselineInfo>> {
        plan_in(&self.conn, plan_id)?;
        list(&self.conn, plan_id)
    }

    /// Saves the current scheduled dates of every task under `name`.
    pub fn save_baseline(
        &mut self,
        actor: &Actor,
        plan_id: i64,
        name: &str,
    ) -> Result<BaselineInfo> {
        actor.require(Permission::EditRecords)?;
        let name = validate::required_text("name", "基线名称", name, 40)?;
        let tx = self.tx()?;
        let plan = plan_in(&tx, plan_id)?;
        let dup: bool = tx
            .query_row(
                "SELECT EXISTS(SELECT 1 FROM baseline WHERE plan_id = ?1 AND name = ?2)",
                params![plan_id, name],
                |r| r.get(0),
            )
            .map_err(sql_err)?;
        if dup {
            return Err(CoreError::duplicate("name", format!("基线“{name}”已存在")));
        }
        let (_, _, _, sched) = load::schedule(&tx, plan_id)?;
        let created_at = now_text();
        tx.execute(
            "INSERT INTO baseline (plan_id, name, created_at) VALUES (?1, ?2, ?3)",
            params![plan_id, name, created_at],
        )
        .map_err(sql_err)?;
        let id = tx.last_insert_rowid();
        {
            let mut ins = tx
                .prepare_cached("INSERT INTO baseline_task (baseline_id, task_id, start_date, finish_date) VALUES (?1, ?2, ?3, ?4)")
                .map_err(sql_err)?;
            for t in &sched.tasks {
                ins.execute(params![
                    id,
                    t.id,
                    t.early_start.to_string(),
                    t.early_finish.to_string()
                ])
                .map_err(sql_err)?;
            }
        }
        record(
            &tx,
            actor,
            "baseline",
            Some(id),
            "create",
            &format!("为计划“{}”保存基线“{name}”", plan.title),
            serde_json::json!({"tasks": sched.tasks.len()}),
        )?;
        commit(tx)?;
        Ok(BaselineInfo {
            id,
            name,
            created_at,
        })
    }

    /// Finish variance per task and per stage against a baseline, in working days.
    pub fn baseline_variance(&self, plan_id: i64, baseline_id: i64) -> Result<Variance> {
        let b = load(&self.conn, plan_id, baseline_id)?;
        let (tasks, _, cal, sched) = load::schedule(&self.conn, plan_id)?;
        let mut out = Variance {
            tasks: Vec::new(),
            stages: Vec::new(),
        };
        for t in &tasks {
            let (Some(s), Some(d)) = (sched.get(t.id), b.tasks.get(&t.id)) else {
                continue;
            };
            let Ok(bf) = NaiveDate::parse_from_str(&d.finish, "%Y-%m-%d") else {
                continue;
            };
            let row = VarianceRow {
                id: t.id,
                name: t.name.clone(),
                variance: cal.working_day_index(s.early_finish) - cal.working_day_index(bf),
            };
            if t.kind == "stage" {
                out.stages.push(row);
            } else {
                out.tasks.push(row);
            }
        }
        Ok(out)
    }
}
