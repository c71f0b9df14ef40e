//! 工作职责: the duties of each post (调度室主任, 调度员, 带班领导 …) and of
//! the person holding it, from a day until a day. A change of duties ends
//! the old entry and starts a new one, so the register shows who was
//! responsible for what on any day.
use super::rows;
use crate::audit::{diff, record};
use crate::db::{commit, sql_err, Actor, Store};
use crate::{now_text, Result};
use diaodu_domain::registers as reg;
use diaodu_domain::{validate, CoreError, Permission};
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct PostDuty {
    pub id: i64,
    pub post: String,
    pub unit_id: Option<i64>,
    pub unit_name: Option<String>,
    /// None: the post's duties whoever holds it.
    pub person_id: Option<i64>,
    pub person_name: Option<String>,
    pub duties: String,
    pub since: String,
    pub until: Option<String>,
    /// In force on the day asked about (today by default).
    pub current: bool,
    pub created_at: String,
    pub updated_at: String,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct PostDutyInput {
    pub post: String,
    pub unit_id: Option<i64>,
    pub person_id: Option<i64>,
    pub duties: String,
    pub since: String,
    pub until: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct PostDutyFilter {
    /// Also entries that have ended (or not yet begun).
    pub include_ended: bool,
    pub person_id: Option<i64>,
}

const SELECT: &str =
    "SELECT d.id, d.post, d.unit_id, u.name, d.person_id, p.name, d.duties, d.since, d.until,
    d.created_at, d.updated_at FROM post_duty d LEFT JOIN unit u ON u.id = d.unit_id
    LEFT JOIN person p ON p.id = d.person_id";

fn from_row(r: &Row<'_>) -> rusqlite::Result<PostDuty> {
    let since: String = r.get(7)?;
    let until: Option<String> = r.get(8)?;
    let today = super::today().to_string();
    Ok(PostDuty {
        id: r.get(0)?,
        post: r.get(1)?,
        unit_id: r.get(2)?,
        unit_name: r.get(3)?,
        person_id: r.get(4)?,
        person_name: r.get(5)?,
        duties: r.get(6)?,
        current: since <= today && until.as_ref().is_none_or(|u| *u >= today),
        since,
        until,
        created_at: r.get(9)?,
        updated_at: r.get(10)?,
    })
}

fn duty_in(conn: &Connection, id: i64) -> Result<PostDuty> {
    reg::id("id", "职责记录", id)?;
    conn.query_row(&format!("{SELECT} WHERE d.id = ?1"), [id], from_row)
        .optional()
        .map_err(sql_err)?
        .ok_or_else(|| CoreError::not_found("职责记录不存在"))
}

struct Checked {
    post: String,
    duties: String,
    since: String,
    until: Option<String>,
}

fn check(conn: &Connection, i: &PostDutyInput, before: Option<&PostDuty>) -> Result<Checked> {
    let post = validate::required_text("post", "岗位", &i.post, 40)?;
    let duties = validate::required_text("duties", "工作职责", &i.duties, 4000)?;
    let since = reg::date("since", "起始日期", &i.since)?;
    let until = match i.until.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        Some(u) => {
            let u = reg::date("until", "截止日期", u)?;
            if u < since {
                return Err(CoreError::validation("until", "截止日期不能早于起始日期"));
            }
            Some(u.to_string())
        }
        None => None,
    };
    if let Some(u) = i
        .unit_id
        .filter(|u| before.is_none_or(|b| b.unit_id != Some(*u)))
    {
        crate::in_register::require_active_unit(conn, u, "unitId", "所在单位")?;
    }
    if let Some(p) = i
        .person_id
        .filter(|p| before.is_none_or(|b| b.person_id != Some(*p)))
    {
        if !crate::in_register::person_is_active(conn, p)? {
            return Err(CoreError::validation("personId", "人员不存在或已离任"));
        }
    }
    // The same post held by the same person (or the post's general duties)
    // is in the register once for any day.
    let overlap: Option<String> = conn
        .query_row(
            "SELECT since FROM post_duty WHERE post = ?1 AND person_id IS ?2 AND id IS NOT ?3
             AND since <= COALESCE(?5, '9999-12-31') AND COALESCE(until, '9999-12-31') >= ?4 LIMIT 1",
            params![post, i.person_id, before.map(|b| b.id), since.to_string(), until],
            |r| r.get(0),
        )
        .optional()
        .map_err(sql_err)?;
    if let Some(other) = overlap {
        return Err(CoreError::duplicate(
            "since",
            format!("“{post}”的职责已有自 {other} 起的记录，时间不能重叠；如职责有变，请先为原记录填写截止日期"),
        ));
    }
    Ok(Checked {
        post,
        duties,
        since: since.to_string(),
        until,
    })
}

fn duty_json(d: &PostDuty) -> serde_json::Value {
    serde_json::json!({"post": d.post, "unit": d.unit_name, "person": d.person_name, "duties": d.duties,
        "since": d.since, "until": d.until})
}

impl Store {
    /// The register, by post and then from the latest start.
    pub fn list_post_duties(&self, filter: &PostDutyFilter) -> Result<Vec<PostDuty>> {
        let list = rows(
            &self.conn,
            &format!(
                "{SELECT} WHERE (?1 IS NULL OR d.person_id = ?1)
                 ORDER BY d.post, d.person_id IS NOT NULL, p.name, d.since DESC, d.id"
            ),
            [filter.person_id],
            from_row,
        )?;
        Ok(list
            .into_iter()
            .filter(|d| filter.include_ended || d.current)
            .collect())
    }

    pub fn get_post_duty(&self, id: i64) -> Result<PostDuty> {
        duty_in(&self.conn, id)
    }

    pub fn create_post_duty(&mut self, actor: &Actor, input: &PostDutyInput) -> Result<PostDuty> {
        actor.require(Permission::EditRecords)?;
        let tx = self.tx()?;
        let c = check(&tx, input, None)?;
        let now = now_text();
        tx.execute(
            "INSERT INTO post_duty (post, unit_id, person_id, duties, since, until, created_by, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)",
            params![c.post, input.unit_id, input.person_id, c.duties, c.since, c.until, actor.user_id, now],
        )
        .map_err(sql_err)?;
        let d = duty_in(&tx, tx.last_insert_rowid())?;
        record(
            &tx,
            actor,
            "post_duty",
            Some(d.id),
            "create",
            &format!(
                "登记工作职责：{}{}",
                d.post,
                d.person_name
                    .as_ref()
                    .map(|p| format!("（{p}）"))
                    .unwrap_or_default()
            ),
            duty_json(&d),
        )?;
        commit(tx)?;
        Ok(d)
    }

    pub fn update_post_duty(
        &mut self,
        actor: &Actor,
        id: i64,
        input: &PostDutyInput,
    ) -> Result<PostDuty> {
        actor.require(Permission::EditRecords)?;
        let tx = self.tx()?;
        let before = duty_in(&tx, id)?;
        let c = check(&tx, input, Some(&before))?;
        tx.execute(
            "UPDATE post_duty SET post = ?1, unit_id = ?2, person_id = ?3, duties = ?4, since = ?5, until = ?6,
             updated_at = ?7 WHERE id = ?8",
            params![c.post, input.unit_id, input.person_id, c.duties, c.since, c.until, now_text(), id],
        )
        .map_err(sql_err)?;
        let after = duty_in(&tx, id)?;
        record(
            &tx,
            actor,
            "post_duty",
            Some(id),
            "update",
            &format!("修改工作职责：{}", after.post),
            diff(&duty_json(&before), &duty_json(&after)),
        )?;
        commit(tx)?;
        Ok(after)
    }
}
