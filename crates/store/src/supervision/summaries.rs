//! 一总结一通报: when a plan stage ends (or on demand), a draft summary and
//! bulletin is generated from the records — the stage's tasks done on time,
//! late and still open, the documents, feedback, supervision and reminders
//! behind them, their rectifications, and the units ranked by timeliness.
//! The user edits the draft; issuing takes the next bulletin number of the
//! year (gap-free, its own prefix) like signing an order, and it prints as an
//! official document.
use super::targets::{load_targets, Target};
use super::timeliness::{percent, timeliness, UnitTimeliness};
use crate::audit::{diff, record};
use crate::db::{commit, sql_err, Actor, Store};
use crate::numbering::{take_number, PaperKind};
use crate::{now_text, Result};
use chrono::{Datelike, NaiveDate};
use diaodu_documents::cn_date;
use diaodu_domain::supervision::{SummaryStatus, TargetKind};
use diaodu_domain::{validate, CoreError, Permission};
use diaodu_schedule::WorkCalendar;
use rusqlite::{params, Connection, OptionalExtension, Row, TransactionBehavior};
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};

pub const DEFAULT_ADDRESSEES: &str = "各党委部门、各基层党支部";

#[derive(Debug, Clone, Serialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct TaskLine {
    pub id: i64,
    pub name: String,
    pub unit: String,
    pub due: String,
    pub done_on: Option<String>,
    /// Working days late (done late) or overdue (still open).
    pub late_days: i64,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct RectLine {
    pub id: i64,
    pub item_name: String,
    pub unit: String,
    pub person: String,
    pub deadline: String,
    pub status: String,
}

/// The numbers a draft was generated from (kept with the summary).
#[derive(Debug, Clone, Serialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct StageFigures {
    pub plan_title: String,
    pub stage_name: String,
    pub period_from: String,
    pub period_to: String,
    pub as_of: String,
    pub task_count: i64,
    pub on_time: Vec<TaskLine>,
    pub late: Vec<TaskLine>,
    pub open: Vec<TaskLine>,
    pub notices: i64,
    pub orders: i64,
    pub feedback: i64,
    pub supervisions: i64,
    pub reminders: i64,
    pub rectifications_opened: i64,
    pub rectifications_closed: i64,
    pub rectifications_open: Vec<RectLine>,
    pub units: Vec<UnitTimeliness>,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct SummaryBrief {
    pub id: i64,
    pub status: String,
    pub status_label: String,
    pub number: Option<String>,
}

/// A stage as the summaries page offers it.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct SummaryStage {
    pub plan_id: i64,
    pub plan_title: String,
    pub stage_id: i64,
    pub stage_name: String,
    pub start: String,
    pub finish: String,
    /// The stage's scheduled finish has passed, or all its tasks are closed.
    pub ended: bool,
    pub task_count: i64,
    pub summaries: Vec<SummaryBrief>,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct MeetingRef {
    pub meeting_id: i64,
    pub held_on: String,
    pub label: String,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct Summary {
    pub id: i64,
    pub plan_id: i64,
    pub plan_title: String,
    pub stage_id: Option<i64>,
    pub stage_name: String,
    pub period_from: Option<String>,
    pub period_to: Option<String>,
    pub title: String,
    pub addressees: String,
    pub body: String,
    pub figures: serde_json::Value,
    pub status: String,
    pub status_label: String,
    pub number: Option<String>,
    pub issuer_name: Option<String>,
    pub issued_at: Option<String>,
    pub withdrawn_at: Option<String>,
    pub withdrawn_reason: Option<String>,
    pub created_at: String,
    pub updated_at: String,
    /// Drafted by the app itself when the stage ended (no one asked).
    pub auto_drafted: bool,
    /// Meetings where it was read out.
    pub read_at: Vec<MeetingRef>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct SummaryEdit {
    pub title: String,
    pub addressees: String,
    pub body: String,
}

const SELECT: &str = "SELECT s.id, s.plan_id, p.title, s.stage_id, s.stage_name, s.period_from, s.period_to, s.title,
    s.addressees, s.body, s.figures, s.status, s.number, s.issuer_name, s.issued_at, s.withdrawn_at,
    s.withdrawn_reason, s.created_at, s.updated_at, s.created_by IS NULL
    FROM stage_summary s JOIN plan p ON p.id = s.plan_id";

fn from_row(r: &Row<'_>) -> rusqlite::Result<Summary> {
    let figures: String = r.get(10)?;
    let status: String = r.get(11)?;
    Ok(Summary {
        id: r.get(0)?,
        plan_id: r.get(1)?,
        plan_title: r.get(2)?,
        stage_id: r.get(3)?,
        stage_name: r.get(4)?,
        period_from: r.get(5)?,
        period_to: r.get(6)?,
        title: r.get(7)?,
        addressees: r.get(8)?,
        body: r.get(9)?,
        figures: serde_json::from_str(&figures).unwrap_or(serde_json::Value::Null),
        status_label: SummaryStatus::parse(&status)
            .map(|s| s.label())
            .unwrap_or("")
            .into(),
        status,
        number: r.get(12)?,
        issuer_name: r.get(13)?,
        issued_at: r.get(14)?,
        withdrawn_at: r.get(15)?,
        withdrawn_reason: r.get(16)?,
        created_at: r.get(17)?,
        updated_at: r.get(18)?,
        auto_drafted: r.get(19)?,
        read_at: Vec::new(),
    })
}

fn summary_in(conn: &Connection, id: i64) -> Result<Summary> {
    let mut s = conn
        .query_row(&format!("{SELECT} WHERE s.id = ?1"), [id], from_row)
        .optional()
        .map_err(sql_err)?
        .ok_or_else(|| CoreError::not_found("阶段总结/通报不存在"))?;
    let mut stmt = conn
        .prepare_cached(
            "SELECT m.id, m.held_on, m.kind FROM meeting_bulletin b JOIN dispatch_meeting m ON m.id = b.meeting_id
             WHERE b.summary_id = ?1 ORDER BY m.held_on",
        )
        .map_err(sql_err)?;
    s.read_at = stmt
        .query_map([id], |r| {
            let held_on: String = r.get(1)?;
            let kind: String = r.get(2)?;
            Ok(MeetingRef {
                meeting_id: r.get(0)?,
                label: format!(
                    "{}{}",
                    held_on,
                    diaodu_domain::supervision::MeetingKind::parse(&kind)
                        .map(|k| k.label())
                        .unwrap_or("")
                ),
                held_on,
            })
        })
        .map_err(sql_err)?
        .collect::<std::result::Result<Vec<_>, _>>()
        .map_err(sql_err)?;
    Ok(s)
}

fn cn(d: NaiveDate) -> String {
    cn_date(d.year(), d.month(), d.day())
}

fn cn_str(s: &str) -> String {
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .map(cn)
        .unwrap_or_else(|_| s.into())
}

/// The stages of a plan: (stage id, name, start, finish, leaf task ids).
type StageInfo = (i64, String, NaiveDate, NaiveDate, Vec<i64>);

fn stages_of(conn: &Connection, plan_id: i64) -> Result<Vec<StageInfo>> {
    let rows = crate::plans::scheduled_tasks(conn, plan_id)?;
    let parent: HashMap<i64, Option<i64>> =
        rows.iter().map(|(t, _, _)| (t.id, t.parent_id)).collect();
    let mut out: Vec<StageInfo> = rows
        .iter()
        .filter(|(t, _, _)| t.kind == "stage")
        .map(|(t, s, f)| (t.id, t.name.clone(), *s, *f, Vec::new()))
        .collect();
    for (t, _, _) in rows.iter().filter(|(t, _, _)| t.kind == "task") {
        // Every stage above the task counts it (stages may nest).
        let mut cursor = t.parent_id;
        while let Some(p) = cursor {
            if let Some(stage) = out.iter_mut().find(|s| s.0 == p) {
                stage.4.push(t.id);
            }
            cursor = parent.get(&p).copied().flatten();
        }
    }
    Ok(out)
}

fn rect_rows(
    conn: &Connection,
    tasks: &HashSet<i64>,
    docs: &HashSet<i64>,
) -> Result<Vec<(RectLine, bool)>> {
    let mut stmt = conn
        .prepare_cached(
            "SELECT r.id, r.item_name, u.name, r.person_name, r.deadline, r.status, r.target_kind, r.target_id
             FROM rectification r JOIN unit u ON u.id = r.unit_id WHERE r.target_kind IS NOT NULL ORDER BY r.deadline, r.id",
        )
        .map_err(sql_err)?;
    let rows = stmt
        .query_map([], |r| {
            let status: String = r.get(5)?;
            Ok((
                RectLine {
                    id: r.get(0)?,
                    item_name: r.get(1)?,
                    unit: r.get(2)?,
                    person: r.get(3)?,
                    deadline: r.get(4)?,
                    status: status.clone(),
                },
                r.get::<_, String>(6)?,
                r.get::<_, i64>(7)?,
            ))
        })
        .map_err(sql_err)?
        .collect::<std::result::Result<Vec<_>, _>>()
        .map_err(sql_err)?;
    Ok(rows
        .into_iter()
        .filter(|(_, k, id)| {
            (k == "task" && tasks.contains(id)) || (k == "document" && docs.contains(id))
        })
        .map(|(l, _, _)| {
            let closed = l.status == "closed";
            (l, closed)
        })
        .collect())
}

fn count_on(
    conn: &Connection,
    table: &str,
    date_col: &str,
    targets: &[(&str, i64)],
) -> Result<i64> {
    let mut n = 0;
    let sql = format!(
        "SELECT COUNT(*) FROM {table} WHERE target_kind = ?1 AND target_id = ?2 AND {date_col} IS NOT NULL"
    );
    for (k, id) in targets {
        n += conn
            .query_row(&sql, params![k, id], |r| r.get::<_, i64>(0))
            .map_err(sql_err)?;
    }
    Ok(n)
}

/// Figures of one stage (or the whole plan when `stage_id` is None) as of `today`.
pub(crate) fn stage_figures(
    conn: &Connection,
    cal: &WorkCalendar,
    plan_id: i64,
    stage_id: Option<i64>,
    today: NaiveDate,
) -> Result<StageFigures> {
    let plan_title: String = conn
        .query_row("SELECT title FROM plan WHERE id = ?1", [plan_id], |r| {
            r.get(0)
        })
        .optional()
        .map_err(sql_err)?
        .ok_or_else(|| CoreError::validation("planId", "计划不存在"))?;
    let rows = crate::plans::scheduled_tasks(conn, plan_id)?;
    let (stage_name, from, to, task_ids): (String, NaiveDate, NaiveDate, Vec<i64>) = match stage_id
    {
        Some(sid) => {
            let stage = stages_of(conn, plan_id)?
                .into_iter()
                .find(|s| s.0 == sid)
                .ok_or_else(|| CoreError::validation("stageId", "所选阶段不属于该计划"))?;
            (stage.1, stage.2, stage.3, stage.4)
        }
        None => {
            let leaves: Vec<&_> = rows.iter().filter(|(t, _, _)| t.kind == "task").collect();
            let from = leaves.iter().map(|(_, s, _)| *s).min().unwrap_or(today);
            let to = leaves.iter().map(|(_, _, f)| *f).max().unwrap_or(today);
            (
                "全计划".into(),
                from,
                to,
                leaves.iter().map(|(t, _, _)| t.id).collect(),
            )
        }
    };
    let task_set: HashSet<i64> = task_ids.iter().copied().collect();
    let all = load_targets(conn)?;
    let targets: Vec<&Target> = all
        .iter()
        .filter(|t| match t.kind {
            TargetKind::Task => task_set.contains(&t.id),
            TargetKind::Document => t.task_ids.iter().any(|id| task_set.contains(id)),
        })
        .collect();
    let mut on_time = Vec::new();
    let mut late = Vec::new();
    let mut open = Vec::new();
    for t in targets.iter().filter(|t| t.kind == TargetKind::Task) {
        let Some((due, _)) = t.deadline else { continue };
        let line = |done_on: Option<NaiveDate>, late_days: i64| TaskLine {
            id: t.id,
            name: t.title.clone(),
            unit: t.unit_name.clone(),
            due: due.to_string(),
            done_on: done_on.map(|d| d.to_string()),
            late_days,
        };
        match (t.done, t.done_on) {
            (true, Some(d)) if d <= due => on_time.push(line(Some(d), 0)),
            (true, d) => {
                let days = d
                    .map(|d| super::lights::working_days_overdue(cal, due, d))
                    .unwrap_or(0);
                late.push(line(d, days.max(1)))
            }
            (false, _) => open.push(line(
                None,
                super::lights::working_days_overdue(cal, due, today),
            )),
        }
    }
    let docs: HashSet<i64> = targets
        .iter()
        .filter(|t| t.kind == TargetKind::Document)
        .map(|t| t.id)
        .collect();
    let keys: Vec<(&str, i64)> = targets.iter().map(|t| (t.kind.code(), t.id)).collect();
    let rects = rect_rows(conn, &task_set, &docs)?;
    let units = timeliness(
        targets.iter().copied(),
        cal,
        today,
        NaiveDate::MIN,
        NaiveDate::MAX,
    );
    Ok(StageFigures {
        plan_title,
        stage_name,
        period_from: from.to_string(),
        period_to: to.to_string(),
        as_of: today.to_string(),
        task_count: task_ids.len() as i64,
        on_time,
        late,
        open,
        notices: targets
            .iter()
            .filter(|t| t.doc_kind.as_deref() == Some("notice"))
            .count() as i64,
        orders: targets
            .iter()
            .filter(|t| t.doc_kind.as_deref() == Some("order"))
            .count() as i64,
        feedback: targets.iter().map(|t| t.feedback.len() as i64).sum(),
        supervisions: count_on(conn, "supervision_record", "supervised_on", &keys)?,
        reminders: count_on(conn, "reminder", "sent_on", &keys)?,
        rectifications_opened: rects.len() as i64,
        rectifications_closed: rects.iter().filter(|(_, c)| *c).count() as i64,
        rectifications_open: rects
            .into_iter()
            .filter(|(_, c)| !c)
            .map(|(l, _)| l)
            .collect(),
        units,
    })
}

/// The draft text of the bulletin: headings 一、二、… on their own lines
/// (printed in 黑体), numbered items 1. 2. …, plain text the user edits.
pub(crate) fn draft_body(f: &StageFigures) -> String {
    let mut out = Vec::new();
    let from = cn_str(&f.period_from);
    let to = cn_str(&f.period_to);
    let done = f.on_time.len() + f.late.len();
    out.push(format!(
        "根据《{}网络推进图》安排，{}（{from}至{to}）{}。现将本阶段工作推进情况通报如下：",
        f.plan_title,
        f.stage_name,
        if f.open.is_empty() {
            "各项任务已经完成"
        } else {
            "已进入收尾"
        }
    ));
    out.push("一、总体完成情况".into());
    let counted = done + f.open.iter().filter(|l| l.late_days > 0).count();
    let rate = (counted > 0).then(|| f.on_time.len() as f64 / counted as f64);
    out.push(format!(
        "本阶段共安排任务{}项，按时完成{}项，逾期完成{}项，尚未完成{}项，按时完成率{}。下发通知单{}份、调度令{}份，收到工作反馈{}次，开展督办{}次，发出催办通知单{}份。",
        f.task_count,
        f.on_time.len(),
        f.late.len(),
        f.open.len(),
        percent(rate),
        f.notices,
        f.orders,
        f.feedback,
        f.supervisions,
        f.reminders
    ));
    out.push("二、按时完成的任务".into());
    if f.on_time.is_empty() {
        out.push("本阶段没有按时完成的任务。".into());
    }
    for (i, l) in f.on_time.iter().enumerate() {
        out.push(format!(
            "{}.{}（{}，{}完成）",
            i + 1,
            l.name,
            l.unit,
            l.done_on.as_deref().map(cn_str).unwrap_or_default()
        ));
    }
    out.push("三、逾期完成和尚未完成的任务".into());
    if f.late.is_empty() && f.open.is_empty() {
        out.push("本阶段没有逾期的任务。".into());
    }
    let mut n = 0;
    for l in &f.late {
        n += 1;
        out.push(format!(
            "{n}.{}（{}，完成时限{}，{}完成，逾期{}个工作日）",
            l.name,
            l.unit,
            cn_str(&l.due),
            l.done_on.as_deref().map(cn_str).unwrap_or_default(),
            l.late_days
        ));
    }
    for l in &f.open {
        n += 1;
        let state = if l.late_days > 0 {
            format!("尚未完成，已逾期{}个工作日", l.late_days)
        } else {
            "正在推进".into()
        };
        out.push(format!(
            "{n}.{}（{}，完成时限{}，{state}）",
            l.name,
            l.unit,
            cn_str(&l.due)
        ));
    }
    out.push("四、问题整改情况".into());
    if f.rectifications_opened == 0 {
        out.push("本阶段未发现需要整改的问题。".into());
    } else {
        out.push(format!(
            "本阶段共发现问题{}个，已验收销号{}个，正在整改{}个。",
            f.rectifications_opened,
            f.rectifications_closed,
            f.rectifications_open.len()
        ));
        for (i, r) in f.rectifications_open.iter().enumerate() {
            out.push(format!(
                "{}.{}（{}，责任人{}，完成时限{}）",
                i + 1,
                r.item_name,
                r.unit,
                r.person,
                cn_str(&r.deadline)
            ));
        }
    }
    out.push("五、各单位完成及时率".into());
    if f.units.is_empty() {
        out.push("本阶段尚无到期事项。".into());
    }
    for (i, u) in f.units.iter().enumerate() {
        out.push(format!(
            "{}.{}：应办节点{}个，按时{}个，逾期{}个，缺报{}个，及时率{}。",
            i + 1,
            u.unit_name,
            u.counted,
            u.on_time,
            u.late,
            u.missing,
            percent(u.rate)
        ));
    }
    out.push("六、下一步工作要求".into());
    out.push(if f.open.is_empty() && f.rectifications_open.is_empty() {
        "各单位要巩固本阶段成果，按照网络推进图安排做好下一阶段工作。".to_string()
    } else {
        "未完成任务和未销号问题的责任单位要明确专人、倒排工期，按时间节点向党建调度室反馈进展；党建调度室将持续跟踪督办，并纳入党建调度考核。".to_string()
    });
    out.join("\n")
}

impl Store {
    /// Every stage of the plans in force, with its summaries; ended stages first.
    pub fn list_summary_stages_on(&self, today: NaiveDate) -> Result<Vec<SummaryStage>> {
        let plans: Vec<(i64, String)> = {
            let mut stmt = self
                .conn
                .prepare("SELECT id, title FROM plan WHERE archived_at IS NULL ORDER BY id")
                .map_err(sql_err)?;
            let rows = stmt
                .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
                .map_err(sql_err)?
                .collect::<std::result::Result<Vec<_>, _>>()
                .map_err(sql_err)?;
            rows
        };
        let mut out = Vec::new();
        for (pid, title) in plans {
            let closed: HashSet<i64> = crate::plans::scheduled_tasks(&self.conn, pid)?
                .into_iter()
                // Cancelled tasks (撤销) are settled too: nothing left to do.
                .filter(|(t, _, _)| t.status == "closed" || t.status == "cancelled")
                .map(|(t, _, _)| t.id)
                .collect();
            for (sid, name, start, finish, tasks) in stages_of(&self.conn, pid)? {
                let mut stmt = self
                    .conn
                    .prepare_cached(
                        "SELECT id, status, number FROM stage_summary WHERE plan_id = ?1 AND stage_id = ?2 ORDER BY id",
                    )
                    .map_err(sql_err)?;
                let summaries = stmt
                    .query_map(params![pid, sid], |r| {
                        let status: String = r.get(1)?;
                        Ok(SummaryBrief {
                            id: r.get(0)?,
                            status_label: SummaryStatus::parse(&status)
                                .map(|s| s.label())
                                .unwrap_or("")
                                .into(),
                            status,
                            number: r.get(2)?,
                        })
                    })
                    .map_err(sql_err)?
                    .collect::<std::result::Result<Vec<_>, _>>()
                    .map_err(sql_err)?;
                out.push(SummaryStage {
                    plan_id: pid,
                    plan_title: title.clone(),
                    stage_id: sid,
                    stage_name: name,
                    start: start.to_string(),
                    finish: finish.to_string(),
                    ended: finish < today
                        || (!tasks.is_empty() && tasks.iter().all(|t| closed.contains(t))),
                    task_count: tasks.len() as i64,
                    summaries,
                });
            }
        }
        out.sort_by(|a, b| b.ended.cmp(&a.ended).then(a.finish.cmp(&b.finish)));
        Ok(out)
    }

    /// 一总结一通报 without being asked: every stage that has ended and has
    /// no summary yet gets a draft generated from the records, for the office
    /// to edit, number and print. Run at start and hourly; a stage once
    /// drafted (even if the draft is later withdrawn) is not drafted again.
    pub fn draft_ended_stages(&mut self, today: NaiveDate) -> Result<Vec<Summary>> {
        let due: Vec<(i64, i64)> = self
            .list_summary_stages_on(today)?
            .into_iter()
            .filter(|s| s.ended && s.summaries.is_empty() && s.task_count > 0)
            .map(|s| (s.plan_id, s.stage_id))
            .collect();
        let actor = crate::spec::system_actor();
        due.into_iter()
            .map(|(plan, stage)| self.generate_summary_on(&actor, plan, Some(stage), today))
            .collect()
    }

    pub fn list_summary_stages(&self) -> Result<Vec<SummaryStage>> {
        self.list_summary_stages_on(diaodu_domain::clock::today())
    }

    pub fn list_summaries(&self) -> Result<Vec<Summary>> {
        let ids: Vec<i64> = {
            let mut stmt = self
                .conn
                .prepare("SELECT id FROM stage_summary ORDER BY id DESC")
                .map_err(sql_err)?;
            let rows = stmt
                .query_map([], |r| r.get(0))
                .map_err(sql_err)?
                .collect::<std::result::Result<Vec<_>, _>>()
                .map_err(sql_err)?;
            rows
        };
        ids.into_iter()
            .map(|id| summary_in(&self.conn, id))
            .collect()
    }

    pub fn get_summary(&self, id: i64) -> Result<Summary> {
        summary_in(&self.conn, id)
    }

    pub fn generate_summary(
        &mut self,
        actor: &Actor,
        plan_id: i64,
        stage_id: Option<i64>,
    ) -> Result<Summary> {
        self.generate_summary_on(actor, plan_id, stage_id, diaodu_domain::clock::today())
    }

    pub(crate) fn generate_summary_on(
        &mut self,
        actor: &Actor,
        plan_id: i64,
        stage_id: Option<i64>,
        today: NaiveDate,
    ) -> Result<Summary> {
        actor.require(Permission::EditRecords)?;
        let tx = self.tx()?;
        let cal = crate::plans::calendar_of(&tx)?;
        let f = stage_figures(&tx, &cal, plan_id, stage_id, today)?;
        let title: String = format!("关于《{}》{}工作情况的通报", f.plan_title, f.stage_name)
            .chars()
            .take(80)
            .collect();
        let body = draft_body(&f);
        let now = now_text();
        tx.execute(
            "INSERT INTO stage_summary (plan_id, stage_id, stage_name, period_from, period_to, title, addressees, body,
             figures, created_by, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?11)",
            params![plan_id, stage_id, f.stage_name, f.period_from, f.period_to, title, DEFAULT_ADDRESSEES, body,
                serde_json::to_string(&f).unwrap_or_default(), actor.user_id, now],
        )
        .map_err(sql_err)?;
        let id = tx.last_insert_rowid();
        record(
            &tx,
            actor,
            "summary",
            Some(id),
            "create",
            &format!("生成阶段总结草稿：{title}"),
            serde_json::json!({"plan": f.plan_title, "stage": f.stage_name, "tasks": f.task_count,
                "onTime": f.on_time.len(), "late": f.late.len(), "open": f.open.len()}),
        )?;
        let out = summary_in(&tx, id)?;
        commit(tx)?;
        Ok(out)
    }

    /// Only drafts are edited; an issued bulletin is frozen.
    pub fn update_summary(&mut self, actor: &Actor, id: i64, e: &SummaryEdit) -> Result<Summary> {
        actor.require(Permission::EditRecords)?;
        let title = validate::required_text("title", "标题", &e.title, 80)?;
        let addressees = validate::optional_text("addressees", "主送单位", &e.addressees, 200)?;
        let body = validate::required_text("body", "正文", &e.body, 20000)?;
        let tx = self.tx()?;
        let before = summary_in(&tx, id)?;
        if before.status != "draft" {
            return Err(CoreError::conflict(format!(
                "{}已{}，内容已冻结，不能修改",
                before
                    .number
                    .clone()
                    .unwrap_or_else(|| before.title.clone()),
                before.status_label
            )));
        }
        tx.execute(
            "UPDATE stage_summary SET title = ?1, addressees = ?2, body = ?3, updated_at = ?4 WHERE id = ?5",
            params![title, addressees, body, now_text(), id],
        )
        .map_err(sql_err)?;
        let after = summary_in(&tx, id)?;
        let j = |s: &Summary| serde_json::json!({"title": s.title, "addressees": s.addressees, "body": s.body});
        record(
            &tx,
            actor,
            "summary",
            Some(id),
            "update",
            &format!("修改阶段总结草稿：{title}"),
            diff(&j(&before), &j(&after)),
        )?;
        commit(tx)?;
        Ok(after)
    }

    /// Issues a draft: the signer's role and password again, then the next
    /// bulletin number of the year in one immediate transaction.
    pub fn issue_summary(&mut self, actor: &Actor, id: i64, password: &str) -> Result<Summary> {
        actor.require(Permission::SignDocuments)?;
        let user_id = actor
            .user_id
            .ok_or_else(|| CoreError::forbidden("印发需要以签发人身份登录"))?;
        let signer = self.confirm_own_password(
            actor,
            user_id,
            password,
            crate::credentials::Act::IssueSummary,
        )?;
        self.issue_summary_as(
            actor,
            id,
            Some(user_id),
            &signer.display_name,
            diaodu_domain::clock::now(),
        )
    }

    pub(crate) fn issue_summary_as(
        &mut self,
        actor: &Actor,
        id: i64,
        user_id: Option<i64>,
        issuer_name: &str,
        at: chrono::NaiveDateTime,
    ) -> Result<Summary> {
        let prefix = self.number_prefix(PaperKind::StageBulletin)?;
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(sql_err)?;
        let s = summary_in(&tx, id)?;
        if s.status != "draft" {
            return Err(CoreError::conflict(format!(
                "“{}”已{}，不能重复印发",
                s.title, s.status_label
            )));
        }
        let issued_at = at.format("%Y-%m-%d %H:%M:%S").to_string();
        let taken = take_number(
            &tx,
            PaperKind::StageBulletin,
            id,
            &prefix,
            at.year(),
            &issued_at,
        )?;
        let (year, seq, number) = (taken.year, taken.seq, taken.number);
        let hash = diaodu_documents::sha256_hex(
            &serde_json::json!({"number": number, "title": s.title, "addressees": s.addressees, "body": s.body,
                "issuer": issuer_name, "issuedAt": issued_at})
            .to_string(),
        );
        tx.execute(
            "UPDATE stage_summary SET status = 'issued', year = ?1, seq = ?2, number = ?3, issued_by = ?4,
             issuer_name = ?5, issued_at = ?6, content_hash = ?7, updated_at = ?6 WHERE id = ?8",
            params![year, seq, number, user_id, issuer_name, issued_at, hash, id],
        )
        .map_err(sql_err)?;
        record(
            &tx,
            actor,
            "summary",
            Some(id),
            "issue",
            &format!("印发通报“{}”，文号 {number}", s.title),
            serde_json::json!({"number": number, "sha256": hash}),
        )?;
        let out = summary_in(&tx, id)?;
        commit(tx)?;
        Ok(out)
    }

    /// Withdraws a draft or an issued bulletin; an issued number stays taken.
    /// Withdrawing an issued one is a signer's act: the signer or
    /// administrator role and the password again, as issuing asks.
    pub fn withdraw_summary(
        &mut self,
        actor: &Actor,
        id: i64,
        reason: &str,
        password: &str,
    ) -> Result<Summary> {
        actor.require(Permission::EditRecords)?;
        let reason = validate::required_text("reason", "撤回原因", reason, 200)?;
        if self.get_summary(id)?.number.is_some() {
            self.confirm_signer_act(actor, password, crate::credentials::Act::WithdrawSummary)?;
        }
        let tx = self.tx()?;
        let s = summary_in(&tx, id)?;
        if s.status == "withdrawn" {
            return Err(CoreError::conflict("已经撤回"));
        }
        tx.execute(
            "UPDATE stage_summary SET status = 'withdrawn', withdrawn_at = ?1, withdrawn_reason = ?2, updated_at = ?1
             WHERE id = ?3",
            params![now_text(), reason, id],
        )
        .map_err(sql_err)?;
        record(
            &tx,
            actor,
            "summary",
            Some(id),
            "update",
            &format!(
                "撤回：{}",
                s.number.clone().unwrap_or_else(|| s.title.clone())
            ),
            serde_json::json!({"reason": reason}),
        )?;
        let out = summary_in(&tx, id)?;
        commit(tx)?;
        Ok(out)
    }

    pub fn summary_document(&self, id: i64) -> Result<diaodu_documents::OfficialDocument> {
        let s = self.get_summary(id)?;
        let issuer = self.issuer_name()?;
        let today = diaodu_domain::clock::today().to_string();
        let date = s
            .issued_at
            .as_deref()
            .map(|d| d.get(..10).unwrap_or(d).to_string())
            .unwrap_or(today);
        Ok(super::print::bulletin_document(
            &super::print::BulletinPrint {
                number: s.number.as_deref(),
                title: &s.title,
                addressees: &s.addressees,
                body: &s.body,
                date: &date,
            },
            &issuer,
        ))
    }

    pub fn summary_pdf(&self, id: i64, fonts: &diaodu_documents::Fonts) -> Result<Vec<u8>> {
        let doc = self.summary_document(id)?;
        diaodu_documents::render_pdf(&doc, fonts).map_err(crate::print::doc_error)
    }
}
