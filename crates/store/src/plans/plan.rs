use crate::audit::{diff, record};
use crate::db::{commit, sql_err, Actor, Store};
use crate::{now_text, Result};
use diaodu_domain::plan::{parse_date, parse_opt_date, DispatchKind};
use diaodu_domain::{validate, CoreError, Permission};
use rusqlite::{params, OptionalExtension, Row};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase", default)]
pub struct SourceDocument {
    /// 发文机关, e.g. 省国资委党委.
    pub issuer: String,
    /// 文号.
    pub number: String,
    pub title: String,
    /// The archived file (文档管理) this source is, when the plan cites one;
    /// its issuer, number and title are then taken from the archive.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub archive_id: Option<i64>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct PlanInput {
    pub title: String,
    pub kind: String,
    pub goal: String,
    pub lead_unit_id: Option<i64>,
    pub start: String,
    pub end: Option<String>,
    pub note: String,
    pub sources: Vec<SourceDocument>,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct Plan {
    pub id: i64,
    pub title: String,
    pub kind: DispatchKind,
    pub kind_label: String,
    pub goal: String,
    pub lead_unit_id: Option<i64>,
    pub lead_unit_name: Option<String>,
    pub start: String,
    pub end: Option<String>,
    pub note: String,
    pub sources: Vec<SourceDocument>,
    pub archived: bool,
    pub archived_reason: Option<String>,
    pub created_at: String,
    pub task_count: i64,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PlanSummary {
    #[serde(flatten)]
    pub plan: Plan,
    /// The scheduled finish, or null when the plan has no task yet or cannot be scheduled.
    pub finish: Option<String>,
    pub done_count: i64,
    pub overdue_count: i64,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct PlanFilter {
    pub text: Option<String>,
    pub kind: Option<String>,
    /// active (default), archived or all.
    pub status: Option<String>,
}

const PLAN_SELECT: &str =
    "SELECT p.id, p.title, p.kind, p.goal, p.lead_unit_id, u.name, p.start_date, p.end_date,
    p.note, p.sources, p.archived_at, p.archived_reason, p.created_at,
    (SELECT COUNT(*) FROM task t WHERE t.plan_id = p.id AND t.kind = 'task')
    FROM plan p LEFT JOIN unit u ON u.id = p.lead_unit_id";

fn plan_from_row(r: &Row<'_>) -> rusqlite::Result<Plan> {
    let kind: String = r.get(2)?;
    let kind = DispatchKind::parse(&kind).unwrap_or(DispatchKind::Daily);
    let sources: String = r.get(9)?;
    let archived_at: Option<String> = r.get(10)?;
    Ok(Plan {
        id: r.get(0)?,
        title: r.get(1)?,
        kind,
        kind_label: kind.label().into(),
        goal: r.get(3)?,
        lead_unit_id: r.get(4)?,
        lead_unit_name: r.get(5)?,
        start: r.get(6)?,
        end: r.get(7)?,
        note: r.get(8)?,
        sources: serde_json::from_str(&sources).unwrap_or_default(),
        archived: archived_at.is_some(),
        archived_reason: r.get(11)?,
        created_at: r.get(12)?,
        task_count: r.get(13)?,
    })
}

pub(crate) fn plan_in(conn: &rusqlite::Connection, id: i64) -> Result<Plan> {
    conn.query_row(
        &format!("{PLAN_SELECT} WHERE p.id = ?1"),
        [id],
        plan_from_row,
    )
    .optional()
    .map_err(sql_err)?
    .ok_or_else(|| CoreError::not_found("计划不存在"))
}

/// Plans that are archived take no more edits.
pub(crate) fn editable_plan(conn: &rusqlite::Connection, id: i64) -> Result<Plan> {
    let p = plan_in(conn, id)?;
    if p.archived {
        return Err(CoreError::conflict(format!(
            "计划“{}”已归档，请先恢复再修改",
            p.title
        )));
    }
    Ok(p)
}

struct CheckedPlan {
    title: String,
    kind: DispatchKind,
    goal: String,
    lead_unit_id: Option<i64>,
    start: String,
    end: Option<String>,
    note: String,
    sources: Vec<SourceDocument>,
}

fn check(conn: &rusqlite::Connection, input: &PlanInput) -> Result<CheckedPlan> {
    let title = validate::required_text("title", "计划名称", &input.title, 100)?;
    let kind = DispatchKind::parse(&input.kind)?;
    let goal = validate::optional_text("goal", "工作目标", &input.goal, 2000)?;
    let note = validate::optional_text("note", "备注", &input.note, 2000)?;
    if input.start.trim().is_empty() {
        return Err(CoreError::validation("start", "请填写开始日期"));
    }
    let start = parse_date("start", "开始日期", &input.start)?;
    let end = parse_opt_date("end", "结束日期", input.end.as_deref())?;
    if end.is_some_and(|e| e < start) {
        return Err(CoreError::validation("end", "结束日期不能早于开始日期"));
    }
    if let Some(uid) = input.lead_unit_id {
        crate::in_register::require_active_unit(conn, uid, "leadUnitId", "牵头单位")?;
    }
    let mut sources = Vec::new();
    for (i, s) in input.sources.iter().enumerate() {
        if let Some(id) = s.archive_id {
            sources.push(crate::registers::archive_source(conn, id)?);
            continue;
        }
        let issuer = validate::optional_text("sources", "发文机关", &s.issuer, 60)?;
        let number = validate::optional_text("sources", "文号", &s.number, 60)?;
        let title = validate::optional_text("sources", "文件标题", &s.title, 200)?;
        if issuer.is_empty() && number.is_empty() && title.is_empty() {
            continue;
        }
        if title.is_empty() {
            return Err(CoreError::validation(
                "sources",
                format!("第{}个依据文件缺少标题", i + 1),
            ));
        }
        sources.push(SourceDocument {
            issuer,
            number,
            title,
            archive_id: None,
        });
    }
    Ok(CheckedPlan {
        title,
        kind,
        goal,
        lead_unit_id: input.lead_unit_id,
        start: start.to_string(),
        end: end.map(|d| d.to_string()),
        note,
        sources,
    })
}

fn plan_json(p: &Plan) -> serde_json::Value {
    serde_json::json!({"title": p.title, "kind": p.kind_label, "goal": p.goal, "leadUnit": p.lead_unit_name,
        "start": p.start, "end": p.end, "note": p.note, "sources": p.sources})
}

impl Store {
    pub fn list_plans(&self, filter: &PlanFilter) -> Result<Vec<PlanSummary>> {
        let status = filter.status.as_deref().unwrap_or("active");
        let mut stmt = self
            .conn
            .prepare(&format!(
                "{PLAN_SELECT} ORDER BY p.archived_at IS NOT NULL, p.start_date DESC, p.id DESC"
            ))
            .map_err(sql_err)?;
        let plans: Vec<Plan> = stmt
            .query_map([], plan_from_row)
            .map_err(sql_err)?
            .collect::<std::result::Result<_, _>>()
            .map_err(sql_err)?;
        let text = filter
            .text
            .as_deref()
            .map(str::trim)
            .filter(|t| !t.is_empty());
        let kind = filter.kind.as_deref().filter(|k| !k.is_empty());
        let mut out = Vec::new();
        for p in plans {
            let keep = match status {
                "archived" => p.archived,
                "all" => true,
                _ => !p.archived,
            } && kind.is_none_or(|k| p.kind.code() == k)
                && text.is_none_or(|t| {
                    p.title.contains(t)
                        || p.goal.contains(t)
                        || p.lead_unit_name.as_deref().is_some_and(|u| u.contains(t))
                });
            if !keep {
                continue;
            }
            let chart = super::chart::summary_counts(&self.conn, p.id);
            let (finish, done_count, overdue_count) = chart.unwrap_or((None, 0, 0));
            out.push(PlanSummary {
                plan: p,
                finish,
                done_count,
                overdue_count,
            });
        }
        Ok(out)
    }

    pub fn get_plan(&self, id: i64) -> Result<Plan> {
        plan_in(&self.conn, id)
    }

    pub fn create_plan(&mut self, actor: &Actor, input: &PlanInput) -> Result<Plan> {
        actor.require(Permission::EditRecords)?;
        let tx = self.tx()?;
        let c = check(&tx, input)?;
        tx.execute(
            "INSERT INTO plan (title, kind, goal, lead_unit_id, start_date, end_date, note, sources, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            params![c.title, c.kind.code(), c.goal, c.lead_unit_id, c.start, c.end, c.note,
                serde_json::to_string(&c.sources).unwrap_or_default(), now_text()],
        )
        .map_err(sql_err)?;
        let plan = plan_in(&tx, tx.last_insert_rowid())?;
        record(
            &tx,
            actor,
            "plan",
            Some(plan.id),
            "create",
            &format!("新建计划“{}”", plan.title),
            plan_json(&plan),
        )?;
        commit(tx)?;
        Ok(plan)
    }

    pub fn update_plan(&mut self, actor: &Actor, id: i64, input: &PlanInput) -> Result<Plan> {
        actor.require(Permission::EditRecords)?;
        let tx = self.tx()?;
        let before = editable_plan(&tx, id)?;
        let c = check(&tx, input)?;
        tx.execute(
            "UPDATE plan SET title = ?1, kind = ?2, goal = ?3, lead_unit_id = ?4, start_date = ?5, end_date = ?6,
             note = ?7, sources = ?8 WHERE id = ?9",
            params![c.title, c.kind.code(), c.goal, c.lead_unit_id, c.start, c.end, c.note,
                serde_json::to_string(&c.sources).unwrap_or_default(), id],
        )
        .map_err(sql_err)?;
        super::load::schedule(&tx, id)?;
        let after = plan_in(&tx, id)?;
        record(
            &tx,
            actor,
            "plan",
            Some(id),
            "update",
            &format!("修改计划“{}”", after.title),
            diff(&plan_json(&before), &plan_json(&after)),
        )?;
        commit(tx)?;
        Ok(after)
    }

    /// The year's plan of daily dispatch (日常调度) that collects tasks raised
    /// one by one (hotline calls, problems raised on visits), made on first use.
    pub(crate) fn year_plan(
        &mut self,
        actor: &Actor,
        title: &str,
        goal: &str,
        note: &str,
        year: i32,
    ) -> Result<i64> {
        let found: Option<i64> = self
            .conn
            .query_row(
                "SELECT id FROM plan WHERE title = ?1 AND archived_at IS NULL",
                [title],
                |r| r.get(0),
            )
            .optional()
            .map_err(sql_err)?;
        if let Some(id) = found {
            return Ok(id);
        }
        Ok(self
            .create_plan(
                actor,
                &PlanInput {
                    title: title.into(),
                    kind: "daily".into(),
                    goal: goal.into(),
                    start: format!("{year}-01-01"),
                    note: note.into(),
                    ..Default::default()
                },
            )?
            .id)
    }

    pub fn archive_plan(&mut self, actor: &Actor, id: i64, reason: &str) -> Result<Plan> {
        actor.require(Permission::EditRecords)?;
        let reason = validate::required_text("reason", "归档原因", reason, 200)?;
        let tx = self.tx()?;
        let p = editable_plan(&tx, id)?;
        tx.execute(
            "UPDATE plan SET archived_at = ?1, archived_reason = ?2 WHERE id = ?3",
            params![now_text(), reason, id],
        )
        .map_err(sql_err)?;
        record(
            &tx,
            actor,
            "plan",
            Some(id),
            "archive",
            &format!("归档计划“{}”：{reason}", p.title),
            serde_json::json!({"reason": reason}),
        )?;
        let after = plan_in(&tx, id)?;
        commit(tx)?;
        Ok(after)
    }

    pub fn restore_plan(&mut self, actor: &Actor, id: i64) -> Result<Plan> {
        actor.require(Permission::EditRecords)?;
        let tx = self.tx()?;
        let p = plan_in(&tx, id)?;
        if !p.archived {
            return Err(CoreError::conflict(format!("计划“{}”未归档", p.title)));
        }
        tx.execute(
            "UPDATE plan SET archived_at = NULL, archived_reason = NULL WHERE id = ?1",
            [id],
        )
        .map_err(sql_err)?;
        record(
            &tx,
            actor,
            "plan",
            Some(id),
            "reinstate",
            &format!("恢复计划“{}”", p.title),
            serde_json::json!({}),
        )?;
        let after = plan_in(&tx, id)?;
        commit(tx)?;
        Ok(after)
    }
}
