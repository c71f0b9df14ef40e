//! 热线电话: calls to the office's hotline with who called, about what, how
//! it was handled and how fast. A call becomes a task, a dispatch order draft
//! or a rectification item in one step.
use super::rectify::{create_rectification_item, RectificationDraft};
use crate::audit::{diff, record};
use crate::db::{commit, sql_err, Actor, Store};
use crate::{now_text, Result};
use chrono::{Datelike, NaiveDateTime};
use diaodu_domain::plan::parse_opt_date;
use diaodu_domain::{validate, CoreError, Permission};
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct HotlineCall {
    pub id: i64,
    pub received_at: String,
    pub caller: String,
    pub caller_phone: String,
    pub unit_id: Option<i64>,
    pub unit_name: Option<String>,
    pub matter: String,
    pub handling: String,
    pub responded_at: Option<String>,
    /// Minutes from the call to the response.
    pub response_minutes: Option<i64>,
    pub response_text: String,
    pub task_id: Option<i64>,
    pub doc_id: Option<i64>,
    pub rectification_id: Option<i64>,
    /// Where it went: 任务 / 调度令 / 整改, or empty.
    pub turned_into: String,
    pub created_at: String,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct HotlineInput {
    /// `YYYY-MM-DD HH:MM`.
    pub received_at: String,
    pub caller: String,
    pub caller_phone: String,
    pub unit_id: Option<i64>,
    pub matter: String,
    pub handling: String,
    pub responded_at: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct HotlineConversion {
    pub id: i64,
    /// task, order or rectification.
    pub into: String,
    /// Task: the plan to put it in (default: this year's hotline plan).
    pub plan_id: Option<i64>,
    pub deadline: Option<String>,
    /// Order: 特急 / 加急 / 平急.
    pub urgency: Option<String>,
    /// Rectification: 三定.
    pub item_name: String,
    pub person_name: String,
}

fn response_text(m: Option<i64>) -> String {
    match m {
        None => "未回复".into(),
        Some(m) if m < 60 => format!("{m}分钟"),
        Some(m) if m < 60 * 24 => format!("{}小时{}分钟", m / 60, m % 60),
        Some(m) => format!("{}天{}小时", m / 1440, (m % 1440) / 60),
    }
}

fn parse_time(field: &str, label: &str, s: &str) -> Result<NaiveDateTime> {
    let t = s.trim().replace('T', " ");
    NaiveDateTime::parse_from_str(&t, "%Y-%m-%d %H:%M")
        .or_else(|_| NaiveDateTime::parse_from_str(&t, "%Y-%m-%d %H:%M:%S"))
        .map_err(|_| CoreError::validation(field, format!("{label}格式应为 2026-03-05 09:30")))
}

const SELECT: &str =
    "SELECT h.id, h.received_at, h.caller, h.caller_phone, h.unit_id, u.name, h.matter, h.handling,
    h.responded_at, h.task_id, h.doc_id, h.rectification_id, h.created_at
    FROM hotline_call h LEFT JOIN unit u ON u.id = h.unit_id";

fn from_row(r: &Row<'_>) -> rusqlite::Result<HotlineCall> {
    let received: String = r.get(1)?;
    let responded: Option<String> = r.get(8)?;
    let minutes = responded.as_deref().and_then(|t| {
        let a = NaiveDateTime::parse_from_str(&received, "%Y-%m-%d %H:%M").ok()?;
        let b = NaiveDateTime::parse_from_str(t, "%Y-%m-%d %H:%M").ok()?;
        Some((b - a).num_minutes())
    });
    let task_id: Option<i64> = r.get(9)?;
    let doc_id: Option<i64> = r.get(10)?;
    let rect_id: Option<i64> = r.get(11)?;
    let turned: Vec<&str> = [
        task_id.map(|_| "任务"),
        doc_id.map(|_| "调度令"),
        rect_id.map(|_| "整改"),
    ]
    .into_iter()
    .flatten()
    .collect();
    Ok(HotlineCall {
        id: r.get(0)?,
        received_at: received,
        caller: r.get(2)?,
        caller_phone: r.get(3)?,
        unit_id: r.get(4)?,
        unit_name: r.get(5)?,
        matter: r.get(6)?,
        handling: r.get(7)?,
        responded_at: responded,
        response_text: response_text(minutes),
        response_minutes: minutes,
        task_id,
        doc_id,
        rectification_id: rect_id,
        turned_into: turned.join("、"),
        created_at: r.get(12)?,
    })
}

fn call_in(conn: &Connection, id: i64) -> Result<HotlineCall> {
    conn.query_row(&format!("{SELECT} WHERE h.id = ?1"), [id], from_row)
        .optional()
        .map_err(sql_err)?
        .ok_or_else(|| CoreError::not_found("热线电话记录不存在"))
}

struct Checked {
    received: String,
    caller: String,
    phone: String,
    matter: String,
    handling: String,
    responded: Option<String>,
}

fn check(conn: &Connection, i: &HotlineInput) -> Result<Checked> {
    if i.received_at.trim().is_empty() {
        return Err(CoreError::validation("receivedAt", "请填写来电时间"));
    }
    let received = parse_time("receivedAt", "来电时间", &i.received_at)?;
    let caller = validate::required_text("caller", "来电人", &i.caller, 30)?;
    let phone = validate::phone(&i.caller_phone)
        .map_err(|e| CoreError::validation("callerPhone", e.message))?;
    let matter = validate::required_text("matter", "反映事项", &i.matter, 1000)?;
    let handling = validate::optional_text("handling", "处理情况", &i.handling, 1000)?;
    let responded = match i
        .responded_at
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        Some(t) => {
            let t = parse_time("respondedAt", "答复时间", t)?;
            if t < received {
                return Err(CoreError::validation(
                    "respondedAt",
                    "答复时间不能早于来电时间",
                ));
            }
            Some(t.format("%Y-%m-%d %H:%M").to_string())
        }
        None => None,
    };
    if let Some(u) = i.unit_id {
        crate::in_register::require_active_unit(conn, u, "unitId", "所涉单位")?;
    }
    Ok(Checked {
        received: received.format("%Y-%m-%d %H:%M").to_string(),
        caller,
        phone,
        matter,
        handling,
        responded,
    })
}

fn call_json(c: &HotlineCall) -> serde_json::Value {
    serde_json::json!({"receivedAt": c.received_at, "caller": c.caller, "callerPhone": c.caller_phone,
        "unit": c.unit_name, "matter": c.matter, "handling": c.handling, "respondedAt": c.responded_at})
}

impl Store {
    /// Calls received in `[from, to]` (dates, inclusive), newest first.
    pub fn list_hotline_calls(
        &self,
        from: Option<&str>,
        to: Option<&str>,
    ) -> Result<Vec<HotlineCall>> {
        let from = parse_opt_date("from", "开始日期", from)?.map(|d| d.to_string());
        let to = parse_opt_date("to", "结束日期", to)?.map(|d| d.to_string());
        let mut stmt = self
            .conn
            .prepare(&format!(
                "{SELECT} WHERE (?1 IS NULL OR substr(h.received_at, 1, 10) >= ?1)
                 AND (?2 IS NULL OR substr(h.received_at, 1, 10) <= ?2) ORDER BY h.received_at DESC, h.id DESC"
            ))
            .map_err(sql_err)?;
        let rows = stmt
            .query_map(params![from, to], from_row)
            .map_err(sql_err)?
            .collect::<std::result::Result<Vec<_>, _>>()
            .map_err(sql_err);
        rows
    }

    pub fn get_hotline_call(&self, id: i64) -> Result<HotlineCall> {
        call_in(&self.conn, id)
    }

    pub fn create_hotline_call(
        &mut self,
        actor: &Actor,
        input: &HotlineInput,
    ) -> Result<HotlineCall> {
        actor.require(Permission::EditRecords)?;
        let tx = self.tx()?;
        let c = check(&tx, input)?;
        let now = now_text();
        tx.execute(
            "INSERT INTO hotline_call (received_at, caller, caller_phone, unit_id, matter, handling, responded_at, created_by,
             created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9)",
            params![c.received, c.caller, c.phone, input.unit_id, c.matter, c.handling, c.responded, actor.user_id, now],
        )
        .map_err(sql_err)?;
        let call = call_in(&tx, tx.last_insert_rowid())?;
        record(
            &tx,
            actor,
            "hotline",
            Some(call.id),
            "create",
            &format!(
                "登记热线电话：{} 反映“{}”",
                call.caller,
                call.matter.chars().take(30).collect::<String>()
            ),
            call_json(&call),
        )?;
        commit(tx)?;
        Ok(call)
    }

    pub fn update_hotline_call(
        &mut self,
        actor: &Actor,
        id: i64,
        input: &HotlineInput,
    ) -> Result<HotlineCall> {
        actor.require(Permission::EditRecords)?;
        let tx = self.tx()?;
        let before = call_in(&tx, id)?;
        let c = check(&tx, input)?;
        tx.execute(
            "UPDATE hotline_call SET received_at = ?1, caller = ?2, caller_phone = ?3, unit_id = ?4, matter = ?5, handling = ?6,
             responded_at = ?7, updated_at = ?8 WHERE id = ?9",
            params![c.received, c.caller, c.phone, input.unit_id, c.matter, c.handling, c.responded, now_text(), id],
        )
        .map_err(sql_err)?;
        let after = call_in(&tx, id)?;
        record(
            &tx,
            actor,
            "hotline",
            Some(id),
            "update",
            &format!("修改热线电话记录：{}", after.caller),
            diff(&call_json(&before), &call_json(&after)),
        )?;
        commit(tx)?;
        Ok(after)
    }

    /// Turns a call into a task, an order draft or a rectification item.
    pub fn convert_hotline_call(
        &mut self,
        actor: &Actor,
        c: &HotlineConversion,
    ) -> Result<HotlineCall> {
        actor.require(Permission::EditRecords)?;
        let call = self.get_hotline_call(c.id)?;
        let unit = call.unit_id.ok_or_else(|| {
            CoreError::validation("unitId", "请先在来电记录中填写所涉单位（责任单位）")
        })?;
        let summary: String = call
            .matter
            .lines()
            .next()
            .unwrap_or("")
            .chars()
            .take(24)
            .collect();
        match c.into.as_str() {
            "task" => {
                if call.task_id.is_some() {
                    return Err(CoreError::conflict("该来电已转为任务"));
                }
                let deadline = parse_opt_date("deadline", "完成时限", c.deadline.as_deref())?
                    .ok_or_else(|| CoreError::validation("deadline", "请填写任务的完成时限"))?;
                let plan_id = match c.plan_id {
                    Some(p) => p,
                    None => self.hotline_plan(actor, &call.received_at)?,
                };
                let day = call.received_at.get(..10).unwrap_or_default().to_string();
                let task = self.create_task(
                    actor,
                    &crate::TaskInput {
                        plan_id,
                        kind: "task".into(),
                        name: format!("热线来电：{summary}"),
                        goal: call.matter.chars().take(200).collect(),
                        content: format!(
                            "{} {} 来电反映：{}",
                            call.received_at, call.caller, call.matter
                        ),
                        lead_unit_id: Some(unit),
                        start: Some(day),
                        deadline: Some(deadline.to_string()),
                        ..Default::default()
                    },
                )?;
                self.link_hotline(actor, c.id, "task_id", task, "转为任务")
            }
            "order" => {
                if call.doc_id.is_some() {
                    return Err(CoreError::conflict("该来电已转为调度令"));
                }
                let doc = self.create_doc(
                    actor,
                    &crate::DocInput {
                        kind: "order".into(),
                        title: format!("关于热线电话反映“{summary}”问题的调度令")
                            .chars()
                            .take(60)
                            .collect(),
                        urgency: Some(
                            c.urgency
                                .clone()
                                .filter(|u| !u.is_empty())
                                .unwrap_or_else(|| "expedited".into()),
                        ),
                        content: format!(
                            "{}，{}来电反映：{}",
                            call.received_at, call.caller, call.matter
                        ),
                        requirements: "接令后立即核实处理，处理结果及时向党建调度室反馈。".into(),
                        target_unit_id: Some(unit),
                        deadline: c.deadline.clone().filter(|d| !d.trim().is_empty()),
                        ..Default::default()
                    },
                )?;
                self.link_hotline(actor, c.id, "doc_id", doc.id, "转为调度令")
            }
            "rectification" => {
                if call.rectification_id.is_some() {
                    return Err(CoreError::conflict("该来电已转为整改事项"));
                }
                let tx = self.tx()?;
                let rid = create_rectification_item(
                    &tx,
                    actor,
                    &RectificationDraft {
                        source: "hotline",
                        source_ref: format!("hotline:{}", c.id),
                        problem: &call.matter,
                        item_name: &c.item_name,
                        unit_id: unit,
                        person_name: &c.person_name,
                        deadline: c.deadline.as_deref().unwrap_or(""),
                    },
                )?;
                tx.execute(
                    "UPDATE hotline_call SET rectification_id = ?1, updated_at = ?2 WHERE id = ?3",
                    params![rid, now_text(), c.id],
                )
                .map_err(sql_err)?;
                record(
                    &tx,
                    actor,
                    "hotline",
                    Some(c.id),
                    "update",
                    &format!("热线来电转为整改事项：{}", c.item_name.trim()),
                    serde_json::json!({"rectificationId": rid}),
                )?;
                commit(tx)?;
                self.get_hotline_call(c.id)
            }
            _ => Err(CoreError::validation(
                "into",
                "请选择转为任务、调度令或整改事项",
            )),
        }
    }

    fn link_hotline(
        &mut self,
        actor: &Actor,
        id: i64,
        column: &str,
        target: i64,
        what: &str,
    ) -> Result<HotlineCall> {
        let tx = self.tx()?;
        tx.execute(
            &format!("UPDATE hotline_call SET {column} = ?1, updated_at = ?2 WHERE id = ?3"),
            params![target, now_text(), id],
        )
        .map_err(sql_err)?;
        record(
            &tx,
            actor,
            "hotline",
            Some(id),
            "update",
            &format!("热线来电{what}"),
            serde_json::json!({column: target}),
        )?;
        commit(tx)?;
        self.get_hotline_call(id)
    }

    /// The year's plan for tasks from hotline calls (日常调度), made on first use.
    fn hotline_plan(&mut self, actor: &Actor, received_at: &str) -> Result<i64> {
        let year = NaiveDateTime::parse_from_str(received_at, "%Y-%m-%d %H:%M")
            .map(|t| t.year())
            .unwrap_or_else(|_| diaodu_domain::clock::today().year());
        self.year_plan(
            actor,
            &format!("{year}年热线电话交办事项"),
            "热线电话反映的问题逐件交办、限时办结",
            "由热线电话转交的任务自动归入此计划",
            year,
        )
    }
}
