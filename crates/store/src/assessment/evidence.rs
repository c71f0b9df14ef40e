//! The proposal engine: reads the office's records for a month and proposes
//! assessment items under the rules that name an evidence source. One
//! function per source, each returning the facts with a link to the record
//! and a Chinese description; a proposal counts only once the office
//! confirms it. Proposing twice adds nothing (a unique evidence key).
//!
//! The omission source (漏项) reads the work specification's omission records.
use super::period::{Period, PeriodKind};
use super::rules::rules_of;
use super::scoring::{writable_period, PeriodRow};
use crate::audit::record;
use crate::db::{commit, sql_err, Actor, Store};
use crate::docs::FeedbackRule;
use crate::{now_text, Result};
use chrono::{Datelike, NaiveDate};
use diaodu_domain::assessment::{AppliesTo, EvidenceSource};
use diaodu_domain::dispatch::Urgency;
use diaodu_domain::{CoreError, Permission};
use diaodu_schedule::WorkCalendar;
use rusqlite::{params, Connection};
use serde::Serialize;
use std::collections::HashSet;

/// One fact from the records that a rule may score.
#[derive(Debug, Clone, PartialEq)]
pub struct Evidence {
    /// The unit the fact counts for.
    pub unit_id: i64,
    /// The record it links to: document, rectification, task, omission …
    pub kind: &'static str,
    pub id: i64,
    /// Unique per fact, so a fact is proposed once per rule and period.
    pub key: String,
    pub on: NaiveDate,
    pub text: String,
}

/// What the engine reads besides the database.
pub struct Context<'a> {
    pub period: &'a Period,
    pub cal: &'a WorkCalendar,
    /// Facts due after today have not happened yet.
    pub today: NaiveDate,
}

type Source = fn(&Connection, &Context<'_>) -> Result<Vec<Evidence>>;

/// The evidence sources, by the code a rule names.
pub fn source(code: EvidenceSource) -> Source {
    match code {
        EvidenceSource::LateReceipt => late_receipts,
        EvidenceSource::LateFeedback => late_feedback,
        EvidenceSource::MissingFeedback => missing_feedback,
        EvidenceSource::OverdueRectification => overdue_rectifications,
        EvidenceSource::ClosedOnTime => closed_on_time,
        EvidenceSource::AssistanceHelp => assistance_help,
        EvidenceSource::Omission => omissions,
    }
}

/// Dates of records are written as `2026-03-05` or `2026-03-05 10:00:00`.
fn day(s: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s.get(..10)?, "%Y-%m-%d").ok()
}

/// A date as the office writes it: 2026年3月5日.
pub(crate) fn cn(d: NaiveDate) -> String {
    diaodu_documents::cn_date(d.year(), d.month(), d.day())
}

struct DocFacts {
    id: i64,
    kind: String,
    title: String,
    number: Option<String>,
    unit: i64,
    urgency: Option<String>,
    signed: NaiveDate,
    received: Option<NaiveDate>,
    completed: Option<NaiveDate>,
    deadline: Option<NaiveDate>,
    rule: FeedbackRule,
}

impl DocFacts {
    fn name(&self) -> String {
        let kind = if self.kind == "order" {
            "调度令"
        } else {
            "通知单"
        };
        match &self.number {
            Some(n) => format!("{kind}{n}“{}”", self.title),
            None => format!("{kind}“{}”", self.title),
        }
    }
}

/// Signed documents that were not withdrawn.
fn signed_docs(conn: &Connection) -> Result<Vec<DocFacts>> {
    let mut stmt = conn
        .prepare(
            "SELECT id, kind, title, number, target_unit_id, urgency, signed_at, received_at, completed_at, deadline, feedback_rule
             FROM dispatch_doc WHERE signed_at IS NOT NULL AND status <> 'withdrawn' ORDER BY id",
        )
        .map_err(sql_err)?;
    let rows = stmt
        .query_map([], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, Option<String>>(3)?,
                r.get::<_, i64>(4)?,
                r.get::<_, Option<String>>(5)?,
                r.get::<_, String>(6)?,
                r.get::<_, Option<String>>(7)?,
                r.get::<_, Option<String>>(8)?,
                r.get::<_, Option<String>>(9)?,
                r.get::<_, String>(10)?,
            ))
        })
        .map_err(sql_err)?;
    let mut out = Vec::new();
    for row in rows {
        let (id, kind, title, number, unit, urgency, signed, received, completed, deadline, rule) =
            row.map_err(sql_err)?;
        let Some(signed) = day(&signed) else { continue };
        out.push(DocFacts {
            id,
            kind,
            title,
            number,
            unit,
            urgency,
            signed,
            received: received.as_deref().and_then(day),
            completed: completed.as_deref().and_then(day),
            deadline: deadline.as_deref().and_then(day),
            rule: serde_json::from_str(&rule).unwrap_or_default(),
        });
    }
    Ok(out)
}

/// 签收超时: the receipt came back after its due day (or is still missing
/// after it), the due day falling in the period.
pub fn late_receipts(conn: &Connection, cx: &Context<'_>) -> Result<Vec<Evidence>> {
    let mut out = Vec::new();
    for d in signed_docs(conn)? {
        let days = d
            .urgency
            .as_deref()
            .and_then(|u| Urgency::parse(u).ok())
            .unwrap_or(Urgency::Normal)
            .receipt_days();
        let Some(due) = cx.cal.add_working_days(d.signed, days) else {
            continue;
        };
        if !cx.period.contains(due) {
            continue;
        }
        let text = match d.received {
            Some(r) if r > due => format!(
                "{}应于{}前签收，实际{}签收（超时{}个工作日）",
                d.name(),
                cn(due),
                cn(r),
                cx.cal.working_days_between(due, r).max(1)
            ),
            None if cx.today > due => {
                format!("{}应于{}前签收，至今未签收", d.name(), cn(due))
            }
            _ => continue,
        };
        out.push(Evidence {
            unit_id: d.unit,
            kind: "document",
            id: d.id,
            key: format!("document:{}", d.id),
            on: due,
            text,
        });
    }
    Ok(out)
}

/// The days a document's feedback rule asks for a report, from signing up
/// to `until` (inclusive).
fn feedback_due_days(
    cal: &WorkCalendar,
    rule: &FeedbackRule,
    signed: NaiveDate,
    until: NaiveDate,
) -> Vec<NaiveDate> {
    let mut out = Vec::new();
    match rule.mode.as_str() {
        "every_n_days" => {
            let n = rule.every.unwrap_or(1).max(1);
            let mut k = 1;
            while let Some(d) = cal.add_working_days(signed, n * k) {
                if d > until || k > 400 {
                    break;
                }
                out.push(d);
                k += 1;
            }
        }
        "weekly" => {
            let wd = rule.weekday.unwrap_or(5).clamp(1, 7);
            let mut d = signed + chrono::Duration::days(1);
            while d <= until {
                if d.weekday().number_from_monday() == wd {
                    out.push(d);
                }
                d += chrono::Duration::days(1);
            }
        }
        "dates" => {
            out = rule
                .dates
                .iter()
                .filter_map(|s| day(s))
                .filter(|d| *d > signed && *d <= until)
                .collect();
            out.sort();
        }
        _ => {}
    }
    out
}

/// For each report day of the period that has passed: on time, late (a
/// report came after the day but before the next one) or missing.
fn feedback_facts(conn: &Connection, cx: &Context<'_>, want_late: bool) -> Result<Vec<Evidence>> {
    let mut out = Vec::new();
    let mut reports = conn
        .prepare("SELECT reported_on FROM feedback WHERE target_kind = 'document' AND target_id = ?1 ORDER BY reported_on")
        .map_err(sql_err)?;
    for d in signed_docs(conn)? {
        if d.rule.mode.is_empty() || d.rule.mode == "none" {
            continue;
        }
        // Reports are due until the work is done (or its deadline), never after today.
        let mut until = cx.today - chrono::Duration::days(1);
        if let Some(c) = d.completed {
            until = until.min(c);
        }
        if let Some(dl) = d.deadline {
            until = until.min(dl);
        }
        let dues = feedback_due_days(cx.cal, &d.rule, d.signed, until);
        let dates: Vec<NaiveDate> = reports
            .query_map([d.id], |r| r.get::<_, String>(0))
            .map_err(sql_err)?
            .filter_map(|r| r.ok().as_deref().and_then(day))
            .collect();
        for (i, due) in dues.iter().enumerate() {
            if !cx.period.contains(*due) {
                continue;
            }
            let prev = if i == 0 { d.signed } else { dues[i - 1] };
            let next = dues.get(i + 1).copied().unwrap_or(cx.today);
            if dates.iter().any(|r| *r > prev && *r <= *due) {
                continue;
            }
            let late = dates.iter().copied().find(|r| *r > *due && *r <= next);
            match (late, want_late) {
                (Some(r), true) => out.push(Evidence {
                    unit_id: d.unit,
                    kind: "document",
                    id: d.id,
                    key: format!("document:{}:{due}", d.id),
                    on: *due,
                    text: format!(
                        "{}应于{}反馈进展，{}才反馈（逾期{}天）",
                        d.name(),
                        cn(*due),
                        cn(r),
                        (r - *due).num_days()
                    ),
                }),
                (None, false) => out.push(Evidence {
                    unit_id: d.unit,
                    kind: "document",
                    id: d.id,
                    key: format!("document:{}:{due}", d.id),
                    on: *due,
                    text: format!("{}应于{}反馈进展，未收到反馈", d.name(), cn(*due)),
                }),
                _ => {}
            }
        }
    }
    Ok(out)
}

/// 反馈逾期.
pub fn late_feedback(conn: &Connection, cx: &Context<'_>) -> Result<Vec<Evidence>> {
    feedback_facts(conn, cx, true)
}

/// 未按期反馈 (no report at all for a report day).
pub fn missing_feedback(conn: &Connection, cx: &Context<'_>) -> Result<Vec<Evidence>> {
    feedback_facts(conn, cx, false)
}

/// 整改逾期: a rectification whose deadline falls in the period and that was
/// closed after it, or is still not closed after it.
pub fn overdue_rectifications(conn: &Connection, cx: &Context<'_>) -> Result<Vec<Evidence>> {
    let mut stmt = conn
        .prepare(
            "SELECT id, unit_id, item_name, deadline, closed_on FROM rectification
             WHERE deadline BETWEEN ?1 AND ?2 ORDER BY id",
        )
        .map_err(sql_err)?;
    let rows = stmt
        .query_map(
            params![cx.period.start().to_string(), cx.period.end().to_string()],
            |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, i64>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, String>(3)?,
                    r.get::<_, Option<String>>(4)?,
                ))
            },
        )
        .map_err(sql_err)?;
    let mut out = Vec::new();
    for row in rows {
        let (id, unit, item, deadline, closed) = row.map_err(sql_err)?;
        let Some(deadline) = day(&deadline) else {
            continue;
        };
        let text = match closed.as_deref().and_then(day) {
            Some(c) if c > deadline => format!(
                "整改事项“{item}”完成时限{}，{}才销号（逾期{}天）",
                cn(deadline),
                cn(c),
                (c - deadline).num_days()
            ),
            None if cx.today > deadline => {
                format!("整改事项“{item}”完成时限{}，逾期未销号", cn(deadline))
            }
            _ => continue,
        };
        out.push(Evidence {
            unit_id: unit,
            kind: "rectification",
            id,
            key: format!("rectification:{id}"),
            on: deadline,
            text,
        });
    }
    Ok(out)
}

/// 按期完成闭合: tasks closed, documents completed and loop close-outs (完成
/// 闭合) in the period on or before their deadline. One fact per piece of work.
pub fn closed_on_time(conn: &Connection, cx: &Context<'_>) -> Result<Vec<Evidence>> {
    let (from, to) = (cx.period.start().to_string(), cx.period.end().to_string());
    let mut facts: Vec<(&'static str, i64, i64, String, String, String)> = Vec::new();
    let mut q = |sql: &str, kind: &'static str| -> Result<()> {
        let mut stmt = conn.prepare(sql).map_err(sql_err)?;
        let rows = stmt
            .query_map(params![from, to], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, Option<i64>>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, String>(3)?,
                    r.get::<_, String>(4)?,
                ))
            })
            .map_err(sql_err)?;
        for row in rows {
            let (id, unit, name, done, deadline) = row.map_err(sql_err)?;
            if let Some(unit) = unit {
                facts.push((kind, id, unit, name, done, deadline));
            }
        }
        Ok(())
    };
    q(
        "SELECT id, lead_unit_id, name, actual_finish, deadline FROM task
         WHERE kind = 'task' AND status = 'closed' AND deadline IS NOT NULL AND actual_finish IS NOT NULL
         AND actual_finish BETWEEN ?1 AND ?2 AND actual_finish <= deadline",
        "task",
    )?;
    q(
        "SELECT id, target_unit_id, title, substr(completed_at, 1, 10), deadline FROM dispatch_doc
         WHERE status = 'completed' AND deadline IS NOT NULL AND completed_at IS NOT NULL
         AND substr(completed_at, 1, 10) BETWEEN ?1 AND ?2 AND substr(completed_at, 1, 10) <= deadline",
        "document",
    )?;
    q(
        "SELECT c.target_id, t.lead_unit_id, t.name, substr(c.closed_at, 1, 10), t.deadline FROM loop_closure c
         JOIN task t ON c.target_kind = 'task' AND t.id = c.target_id
         WHERE c.reopened_at IS NULL AND t.deadline IS NOT NULL
         AND substr(c.closed_at, 1, 10) BETWEEN ?1 AND ?2 AND substr(c.closed_at, 1, 10) <= t.deadline",
        "task",
    )?;
    q(
        "SELECT c.target_id, d.target_unit_id, d.title, substr(c.closed_at, 1, 10), d.deadline FROM loop_closure c
         JOIN dispatch_doc d ON c.target_kind = 'document' AND d.id = c.target_id
         WHERE c.reopened_at IS NULL AND d.deadline IS NOT NULL
         AND substr(c.closed_at, 1, 10) BETWEEN ?1 AND ?2 AND substr(c.closed_at, 1, 10) <= d.deadline",
        "document",
    )?;
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    for (kind, id, unit, name, done, deadline) in facts {
        let key = format!("{kind}:{id}");
        let (Some(done), Some(deadline)) = (day(&done), day(&deadline)) else {
            continue;
        };
        if !seen.insert(key.clone()) {
            continue;
        }
        let what = if kind == "task" { "任务" } else { "文件" };
        out.push(Evidence {
            unit_id: unit,
            kind,
            id,
            key,
            on: done,
            text: format!(
                "{what}“{name}”完成时限{}，{}按期完成闭合",
                cn(deadline),
                cn(done)
            ),
        });
    }
    Ok(out)
}

/// 包保帮扶解决问题: a rectification at a branch closed on time while the
/// branch was paired with a department (部门包保) counts for that department;
/// the fact names the leader when the branch is also a leader's assistance
/// point (领导帮扶点).
pub fn assistance_help(conn: &Connection, cx: &Context<'_>) -> Result<Vec<Evidence>> {
    let mut stmt = conn
        .prepare(
            "SELECT r.id, r.item_name, r.closed_on, r.deadline, b.name, pr.department_id,
             (SELECT group_concat(p.name, '、') FROM assistance_point a JOIN person p ON p.id = a.leader_id
              WHERE a.branch_id = r.unit_id AND substr(a.started_at, 1, 10) <= r.closed_on
              AND (a.ended_at IS NULL OR substr(a.ended_at, 1, 10) >= r.closed_on))
             FROM rectification r JOIN unit b ON b.id = r.unit_id AND b.kind = 'branch'
             JOIN pairing pr ON pr.branch_id = r.unit_id AND substr(pr.started_at, 1, 10) <= r.closed_on
                  AND (pr.ended_at IS NULL OR substr(pr.ended_at, 1, 10) >= r.closed_on)
             WHERE r.status = 'closed' AND r.closed_on BETWEEN ?1 AND ?2 AND r.closed_on <= r.deadline
             ORDER BY r.id, pr.department_id",
        )
        .map_err(sql_err)?;
    let rows = stmt
        .query_map(
            params![cx.period.start().to_string(), cx.period.end().to_string()],
            |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, String>(4)?,
                    r.get::<_, i64>(5)?,
                    r.get::<_, Option<String>>(6)?,
                ))
            },
        )
        .map_err(sql_err)?;
    let mut out = Vec::new();
    for row in rows {
        let (id, item, closed, branch, dept, leaders) = row.map_err(sql_err)?;
        let Some(closed) = day(&closed) else { continue };
        let point = leaders
            .filter(|l| !l.is_empty())
            .map(|l| format!("（矿领导{l}帮扶点）"))
            .unwrap_or_default();
        out.push(Evidence {
            unit_id: dept,
            kind: "rectification",
            id,
            key: format!("rectification:{id}:{dept}"),
            on: closed,
            text: format!(
                "包保的{branch}{point}整改事项“{item}”于{}按期销号",
                cn(closed)
            ),
        });
    }
    Ok(out)
}

/// 漏项: work-table items due in the period and not done by their due day
/// (`spec_omission`, kept by the work specification), still open or done late.
pub fn omissions(conn: &Connection, cx: &Context<'_>) -> Result<Vec<Evidence>> {
    let mut stmt = conn
        .prepare(
            "SELECT o.id, o.unit_id, o.due_date, o.status, o.done_date, v.title
             FROM spec_omission o
             JOIN spec_instance i ON i.id = o.instance_id
             JOIN spec_version v ON v.id = i.version_id
             WHERE o.due_date BETWEEN ?1 AND ?2 AND o.status IN ('open', 'late')
             ORDER BY o.id",
        )
        .map_err(sql_err)?;
    let rows = stmt
        .query_map(
            params![cx.period.start().to_string(), cx.period.end().to_string()],
            |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, i64>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, String>(3)?,
                    r.get::<_, Option<String>>(4)?,
                    r.get::<_, String>(5)?,
                ))
            },
        )
        .map_err(sql_err)?;
    let mut out = Vec::new();
    for row in rows {
        let (id, unit, due, status, done, title) = row.map_err(sql_err)?;
        let Some(due) = day(&due) else {
            continue;
        };
        if due >= cx.today {
            continue;
        }
        let text = match (status.as_str(), done.as_deref().and_then(day)) {
            ("late", Some(d)) => format!(
                "工作规范事项“{title}”应于{}前完成，{}才完成（漏项后补办）",
                cn(due),
                cn(d)
            ),
            _ => format!(
                "工作规范事项“{title}”应于{}前完成，未按时完成（漏项）",
                cn(due)
            ),
        };
        out.push(Evidence {
            unit_id: unit,
            kind: "omission",
            id,
            key: format!("omission:{id}"),
            on: due,
            text,
        });
    }
    Ok(out)
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct ProposalRun {
    pub period: String,
    /// New proposals made by this run.
    pub added: usize,
    /// Facts already proposed (or decided) before.
    pub known: usize,
}

fn unit_kinds(conn: &Connection) -> Result<std::collections::HashMap<i64, String>> {
    let mut stmt = conn.prepare("SELECT id, kind FROM unit").map_err(sql_err)?;
    let rows = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .map_err(sql_err)?
        .collect::<std::result::Result<_, _>>()
        .map_err(sql_err);
    rows
}

fn propose_into(
    conn: &Connection,
    actor: &Actor,
    row: &PeriodRow,
    today: NaiveDate,
) -> Result<ProposalRun> {
    let cal = crate::plans::calendar_of(conn)?;
    let cx = Context {
        period: &row.period,
        cal: &cal,
        today,
    };
    let kinds = unit_kinds(conn)?;
    let now = now_text();
    let mut run = ProposalRun {
        period: row.period.code(),
        added: 0,
        known: 0,
    };
    for rule in rules_of(conn, row.rule_set_id)? {
        let Some(code) = rule.evidence.as_deref() else {
            continue;
        };
        let applies = AppliesTo::parse(&rule.applies_to)?;
        for ev in source(EvidenceSource::parse(code)?)(conn, &cx)? {
            if !kinds.get(&ev.unit_id).is_some_and(|k| applies.covers(k)) {
                continue;
            }
            let n = conn
                .execute(
                    "INSERT OR IGNORE INTO assessment_record (period_id, unit_id, rule_id, origin, points, dimension,
                     description, occurred_on, evidence_kind, evidence_id, evidence_key, evidence_text, status,
                     created_by, created_at)
                     VALUES (?1, ?2, ?3, 'proposal', ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, 'proposed', ?12, ?13)",
                    params![row.id, ev.unit_id, rule.id, rule.signed_points(), rule.dimension, rule.description,
                        ev.on.to_string(), ev.kind, ev.id, ev.key, ev.text, actor.user_id, now],
                )
                .map_err(sql_err)?;
            if n == 1 {
                run.added += 1;
            } else {
                run.known += 1;
            }
        }
    }
    Ok(run)
}

impl Store {
    /// Reads the month's records and proposes items under every rule that
    /// names an evidence source. Quarter and year scores come from the months.
    pub fn propose_assessments(&mut self, actor: &Actor, period: &str) -> Result<ProposalRun> {
        actor.require(Permission::EditRecords)?;
        let p = Period::parse(period)?;
        if p.kind != PeriodKind::Month {
            return Err(CoreError::validation(
                "period",
                "季度和年度得分由各月汇总，请在月度考核中依据记录生成建议",
            ));
        }
        let today = diaodu_domain::clock::today();
        if p.start() > today {
            return Err(CoreError::validation(
                "period",
                format!("{}尚未开始，没有可依据的记录", p.label()),
            ));
        }
        let tx = self.tx()?;
        let row = writable_period(&tx, &p)?;
        let run = propose_into(&tx, actor, &row, today)?;
        record(
            &tx,
            actor,
            "assessment_period",
            Some(row.id),
            "propose",
            &format!(
                "依据记录生成{}考核建议：新增{}条（已有{}条）",
                p.label(),
                run.added,
                run.known
            ),
            serde_json::to_value(&run).unwrap_or_default(),
        )?;
        commit(tx)?;
        Ok(run)
    }
}

/// A record's title and its (label, value) lines.
type Described = Option<(String, Vec<(String, String)>)>;

/// A record a proposal links to, as the evidence panel shows it.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct EvidenceDetail {
    pub kind: String,
    pub kind_label: String,
    pub id: i64,
    pub title: String,
    /// (label, value) lines.
    pub facts: Vec<(String, String)>,
}

impl Store {
    /// The linked record by kind and id: documents, rectifications and tasks
    /// (omission records join at merge).
    pub fn evidence_detail(&self, kind: &str, id: i64) -> Result<EvidenceDetail> {
        let row = |sql: &str, labels: &[&str]| -> Result<Described> {
            use rusqlite::OptionalExtension;
            self.conn
                .query_row(sql, [id], |r| {
                    let title: String = r.get(0)?;
                    let mut facts = Vec::new();
                    for (i, l) in labels.iter().enumerate() {
                        let v: Option<String> = r.get(i + 1)?;
                        facts.push((l.to_string(), v.unwrap_or_else(|| "—".into())));
                    }
                    Ok((title, facts))
                })
                .optional()
                .map_err(sql_err)
        };
        let found = match kind {
            "document" => row(
                "SELECT d.title, d.number, u.name, d.urgency, d.signed_at, d.received_at, d.received_by, d.deadline, d.completed_at,
                 (SELECT group_concat(f.reported_on, '、') FROM feedback f WHERE f.target_kind = 'document' AND f.target_id = d.id)
                 FROM dispatch_doc d JOIN unit u ON u.id = d.target_unit_id WHERE d.id = ?1",
                &["文号", "责任单位", "紧急程度", "签发时间", "签收日期", "签收人", "完成时限", "办结日期", "反馈日期"],
            )?
            .map(|(t, mut f)| {
                if let Some(u) = f.get_mut(2) {
                    u.1 = match u.1.as_str() {
                        "urgent" => "特急".into(),
                        "expedited" => "加急".into(),
                        "normal" => "平急".into(),
                        other => other.into(),
                    };
                }
                (t, f)
            }),
            "rectification" => row(
                "SELECT r.item_name, r.problem, u.name, r.person_name, r.deadline, r.status, r.closed_on, r.source_ref
                 FROM rectification r JOIN unit u ON u.id = r.unit_id WHERE r.id = ?1",
                &["问题", "责任单位", "责任人", "完成时限", "状态", "销号日期", "来源"],
            )?
            .map(|(t, mut f)| {
                if let Some(s) = f.get_mut(4) {
                    s.1 = match s.1.as_str() {
                        "open" => "整改中".into(),
                        "verified" => "已验收".into(),
                        "closed" => "已销号".into(),
                        other => other.into(),
                    };
                }
                (t, f)
            }),
            "task" => row(
                "SELECT t.name, p.title, u.name, t.deadline, t.actual_finish, t.progress || '%'
                 FROM task t JOIN plan p ON p.id = t.plan_id LEFT JOIN unit u ON u.id = t.lead_unit_id WHERE t.id = ?1",
                &["所属计划", "责任单位", "完成时限", "实际完成", "进度"],
            )?,
            "omission" => row(
                "SELECT v.title, u.name, i.period, o.due_date,
                        CASE o.status WHEN 'open' THEN '未完成' WHEN 'late' THEN '逾期后补办' ELSE '已销项' END,
                        o.done_date
                 FROM spec_omission o JOIN spec_instance i ON i.id = o.instance_id
                 JOIN spec_version v ON v.id = i.version_id JOIN unit u ON u.id = o.unit_id WHERE o.id = ?1",
                &["责任单位", "周期", "应完成日期", "状态", "完成日期"],
            )?,
            _ => None,
        };
        let (title, facts) = found.ok_or_else(|| CoreError::not_found("依据记录不存在"))?;
        Ok(EvidenceDetail {
            kind: kind.into(),
            kind_label: super::scoring::evidence_kind_label(kind).into(),
            id,
            title,
            facts,
        })
    }
}
