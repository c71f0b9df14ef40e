//! The sample work specification: 95 committee and department items and 27
//! branch items (sample_items.txt), the previous, current and coming month
//! generated, most past work ticked done and some left as omissions, so
//! every list and report has something true to show.
use super::generate::{generate_only, today};
use super::items::{check, insert_item, SpecItemInput};
use super::{iso, omissions};
use crate::audit::record;
use crate::db::{commit, sql_err, Actor, Store};
use crate::Result;
use chrono::Duration;
use diaodu_domain::CoreError;
use diaodu_periodic::{Cycle, Period};
use rusqlite::params;
use serde::Serialize;
use std::collections::HashMap;

const ITEMS: &str = include_str!("sample_items.txt");

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct SpecSampleReport {
    pub committee_items: usize,
    pub branch_items: usize,
    pub instances: usize,
    pub done: usize,
    pub omissions: usize,
}

/// The sample lines as item forms, units by short or full name.
pub(crate) fn sample_inputs(units: &HashMap<String, i64>) -> Result<Vec<SpecItemInput>> {
    let mut out = Vec::new();
    for line in ITEMS
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
    {
        let f: Vec<&str> = line.split('|').collect();
        let [scope, category, title, unit_names, due, content, arrange, implement, statistics, evidence] =
            f[..]
        else {
            return Err(CoreError::internal(format!(
                "示例工作规范格式不正确：{line}"
            )));
        };
        let branch = scope == "支部";
        let unit_ids = if branch {
            Vec::new()
        } else {
            unit_names
                .split('、')
                .map(|n| {
                    units
                        .get(n)
                        .copied()
                        .ok_or_else(|| CoreError::internal(format!("示例数据中找不到单位“{n}”")))
                })
                .collect::<Result<_>>()?
        };
        out.push(SpecItemInput {
            scope: if branch { "branch" } else { "committee" }.into(),
            category: category.into(),
            title: title.into(),
            content: content.into(),
            arrange: arrange.into(),
            implement: implement.into(),
            statistics: statistics.into(),
            unit_ids,
            due_text: due.into(),
            evidence: evidence.into(),
            ..Default::default()
        });
    }
    Ok(out)
}

/// A fixed spread over instance ids: the same sample every time.
fn spread(id: i64) -> u64 {
    ((id as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 33) % 100
}

impl Store {
    pub(crate) fn load_sample_spec(&mut self, actor: &Actor) -> Result<SpecSampleReport> {
        let units: HashMap<String, i64> = {
            let mut stmt = self
                .conn
                .prepare("SELECT id, name, short_name FROM unit WHERE retired_at IS NULL")
                .map_err(sql_err)?;
            let rows: Vec<(i64, String, String)> = stmt
                .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
                .map_err(sql_err)?
                .collect::<std::result::Result<_, _>>()
                .map_err(sql_err)?;
            let mut map = HashMap::new();
            for (id, name, short) in rows {
                map.insert(short, id);
                map.insert(name, id);
            }
            map
        };
        let inputs = sample_inputs(&units)?;
        let today = today();
        let this = Period::containing(Cycle::Month, today);
        let cal = crate::plans::calendar_of(&self.conn)?;
        let tx = self.tx()?;
        let mut committee = 0;
        for input in &inputs {
            let checked = check(&tx, input)?;
            if checked.scope == "committee" {
                committee += 1;
            }
            insert_item(&tx, actor, &checked)?;
        }
        let mut instances = 0;
        for p in [this.prev(), this, this.next()] {
            instances += generate_only(&tx, &cal, &p)?;
        }
        // Past work: most done on the day (or the working day before), a
        // few done late, about one in twenty left undone.
        let past: Vec<(i64, String, String)> = {
            let mut stmt = tx
                .prepare("SELECT id, due_date, period FROM spec_instance WHERE due_date < ?1")
                .map_err(sql_err)?;
            let rows = stmt
                .query_map([iso(today)], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
                .map_err(sql_err)?
                .collect::<std::result::Result<_, _>>()
                .map_err(sql_err)?;
            rows
        };
        let mut done = 0;
        {
            let mut tick = tx
                .prepare(
                    "UPDATE spec_instance SET done_date = ?1, note = ?2, evidence = ?3, done_by = ?4, done_at = ?5 WHERE id = ?6",
                )
                .map_err(sql_err)?;
            for (id, due, period) in past {
                let Some(due) = super::parse_iso(&due) else {
                    continue;
                };
                let start = Period::parse(&period).map(|p| p.start()).unwrap_or(due);
                let r = spread(id);
                let date = match r {
                    0..=4 => continue,
                    5..=7 => due + Duration::days(2),
                    8..=30 => cal
                        .prev_working_day(due)
                        .filter(|d| *d >= start)
                        .unwrap_or(due),
                    _ => due,
                };
                if date >= today {
                    continue;
                }
                let note = if r <= 7 {
                    "补办完成"
                } else {
                    "已按要求完成"
                };
                tick.execute(params![
                    iso(date),
                    note,
                    "已上传平台",
                    "示例数据",
                    format!("{} 17:30:00", iso(date)),
                    id
                ])
                .map_err(sql_err)?;
                done += 1;
            }
        }
        let found = omissions::refresh(&tx, today)?;
        let report = SpecSampleReport {
            committee_items: committee,
            branch_items: inputs.len() - committee,
            instances,
            done,
            omissions: found,
        };
        record(
            &tx,
            actor,
            "spec_period",
            None,
            "generate",
            &format!(
                "示例数据：工作规范 {} 项，生成{}至{}的周期工作 {instances} 条，登记完成 {done} 条，漏项 {found} 项（虚构）",
                inputs.len(),
                this.prev().label(),
                this.next().label()
            ),
            serde_json::to_value(&report).unwrap_or_default(),
        )?;
        commit(tx)?;
        Ok(report)
    }
}
