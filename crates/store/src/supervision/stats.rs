//! Annual figures (年度统计): what the office reports each year, counted from
//! its records. Each figure's exact meaning is in docs/ipc-supervision.md and
//! in the `说明` column of the printed table, so the paper says what it counts.
use super::meetings::count_held;
use super::tables::{percent, workbook, Cell, Column, TableData};
use super::targets::{load_targets, Target};
use super::timeliness::{timeliness, UnitTimeliness};
use crate::db::{sql_err, Store};
use crate::Result;
use chrono::{Datelike, NaiveDate};
use diaodu_documents::{Orientation, Report, ReportBlock};
use diaodu_domain::CoreError;
use rusqlite::{params, Connection};
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Debug, Clone, Serialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct MonthFigures {
    pub month: u32,
    pub meetings: i64,
    pub supervisions: i64,
    pub reminders: i64,
    pub notices: i64,
    pub orders: i64,
    pub feedback: i64,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct AnnualStats {
    pub year: i32,
    /// The day the figures were counted on (nodes not yet due are not counted).
    pub as_of: String,
    pub dispatch_meetings: i64,
    pub regular_meetings: i64,
    pub mine_meetings: i64,
    pub meeting_decisions: i64,
    pub key_tasks_dispatched: i64,
    pub branch_supervisions: i64,
    pub branch_supervision_records: i64,
    pub branch_reminders: i64,
    pub supervision_records: i64,
    pub reminders_sent: i64,
    pub orders_issued: i64,
    pub notices_issued: i64,
    pub bulletins_issued: i64,
    pub feedback_received: i64,
    pub rectifications_opened: i64,
    pub rectifications_closed: i64,
    /// Leaders' visits to their assistance points (帮扶走访) in the year.
    pub assistance_visits: i64,
    pub visit_problems_raised: i64,
    /// Visit problems solved in the year (on the spot, task closed, item closed out).
    pub visit_problems_solved: i64,
    pub emergency_events: i64,
    pub emergencies_closed: i64,
    /// Unit name → fraction of its counted nodes met on time.
    pub on_time_rate_by_unit: BTreeMap<String, f64>,
    pub units: Vec<UnitTimeliness>,
    pub months: Vec<MonthFigures>,
    /// The same figures for the work of each kind of plan (重点/专项/日常调度);
    /// absent inside a kind.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub by_dispatch_kind: Option<ByDispatchKind>,
}

/// The annual figures counted for one kind of dispatch work each.
#[derive(Debug, Clone, Serialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct ByDispatchKind {
    pub key: Box<AnnualStats>,
    pub special: Box<AnnualStats>,
    pub daily: Box<AnnualStats>,
}

/// Which dispatch kind a record belongs to, in SQL: the kind of its plan
/// (a task's plan; for a notice or order, its tasks' plans, the highest of
/// 重点 > 专项 > 日常 when they differ). Work that belongs to no plan (a
/// document without tasks, a record without a target, periodic work, visits,
/// emergencies) is 日常调度. As ranks: 0 key, 1 special, 2 daily.
pub(crate) mod dispatch_rank {
    const RANK: &str = "CASE p.kind WHEN 'key' THEN 0 WHEN 'special' THEN 1 ELSE 2 END";

    pub fn task(id: &str) -> String {
        format!("(SELECT {RANK} FROM task t JOIN plan p ON p.id = t.plan_id WHERE t.id = {id})")
    }

    pub fn doc(id: &str) -> String {
        format!(
            "(SELECT MIN({RANK}) FROM dispatch_doc dd, json_each(dd.task_ids) j
              JOIN task t ON t.id = j.value JOIN plan p ON p.id = t.plan_id WHERE dd.id = {id})"
        )
    }

    /// A (target_kind, target_id) pair; 2 when it has none.
    pub fn target(kind: &str, id: &str) -> String {
        format!(
            "COALESCE(CASE {kind} WHEN 'task' THEN {} WHEN 'document' THEN {} END, 2)",
            task(id),
            doc(id)
        )
    }

    /// A document's rank: 2 (daily) when none of its tasks is in a plan.
    pub fn doc_or_daily(id: &str) -> String {
        format!("COALESCE({}, 2)", doc(id))
    }

    /// A meeting's rank: the highest among the work its decisions became.
    pub fn meeting(id: &str) -> String {
        format!(
            "COALESCE((SELECT MIN({}) FROM meeting_decision md WHERE md.meeting_id = {id}), 2)",
            decision("md")
        )
    }

    /// A decision's rank: that of the task or document it became.
    pub fn decision(alias: &str) -> String {
        format!(
            "COALESCE({}, {}, 2)",
            task(&format!("{alias}.task_id")),
            doc(&format!("{alias}.doc_id"))
        )
    }

    pub fn code(rank: u8) -> &'static str {
        match rank {
            0 => "key",
            1 => "special",
            _ => "daily",
        }
    }

    pub fn parse(kind: &str) -> Option<u8> {
        match kind {
            "key" => Some(0),
            "special" => Some(1),
            "daily" => Some(2),
            _ => None,
        }
    }
}

/// ` AND <rank> = n`, or nothing for all kinds.
fn only(kind: Option<u8>, rank: &str) -> String {
    kind.map(|k| format!(" AND {rank} = {k}"))
        .unwrap_or_default()
}

fn year_text(year: i32) -> String {
    format!("{year:04}")
}

fn count(conn: &Connection, sql: &str, year: i32) -> Result<i64> {
    conn.query_row(sql, params![year_text(year)], |r| r.get(0))
        .map_err(sql_err)
}

/// Distinct tasks of 重点 plans (key dispatch) dispatched by the notices and
/// orders signed in the year (not withdrawn). Inside a dispatch kind: the
/// tasks of that kind's plans.
fn key_tasks(conn: &Connection, year: i32, kind: Option<u8>) -> Result<i64> {
    let rank = kind.unwrap_or(0);
    conn.query_row(
        &format!(
            "SELECT COUNT(DISTINCT j.value) FROM dispatch_doc d, json_each(d.task_ids) j
             WHERE d.year = ?1 AND d.number IS NOT NULL AND d.status <> 'withdrawn'
               AND {} = ?2",
            dispatch_rank::task("j.value")
        ),
        params![year, rank],
        |r| r.get(0),
    )
    .map_err(sql_err)
}

fn months(
    conn: &Connection,
    year: i32,
    today: NaiveDate,
    kind: Option<u8>,
) -> Result<Vec<MonthFigures>> {
    // Every query takes the year as ?1; meetings also take today as ?2
    // (a meeting counts once it has been held).
    let by_month = |sql: &str| -> Result<BTreeMap<u32, i64>> {
        let mut stmt = conn.prepare(sql).map_err(sql_err)?;
        let args: Vec<String> = if sql.contains("?2") {
            vec![year_text(year), today.to_string()]
        } else {
            vec![year_text(year)]
        };
        let rows = stmt
            .query_map(rusqlite::params_from_iter(args.iter()), |r| {
                Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?))
            })
            .map_err(sql_err)?
            .collect::<std::result::Result<Vec<_>, _>>()
            .map_err(sql_err)?;
        Ok(rows
            .into_iter()
            .filter_map(|(m, n)| m.parse::<u32>().ok().map(|m| (m, n)))
            .collect())
    };
    let meetings = by_month(&format!(
        "SELECT substr(held_on, 6, 2), COUNT(*) FROM dispatch_meeting m WHERE cancelled_at IS NULL
         AND substr(held_on, 1, 4) = ?1 AND held_on <= ?2{} GROUP BY 1",
        only(kind, &dispatch_rank::meeting("m.id"))
    ))?;
    let supervisions = by_month(&format!(
        "SELECT substr(supervised_on, 6, 2), COUNT(*) FROM supervision_record s
         WHERE substr(supervised_on, 1, 4) = ?1{} GROUP BY 1",
        only(kind, &dispatch_rank::target("s.target_kind", "s.target_id"))
    ))?;
    let reminders = by_month(&format!(
        "SELECT substr(sent_on, 6, 2), COUNT(*) FROM reminder r WHERE substr(sent_on, 1, 4) = ?1{} GROUP BY 1",
        only(kind, &dispatch_rank::target("r.target_kind", "r.target_id"))
    ))?;
    let docs = |doc_kind: &str| {
        by_month(&format!(
            "SELECT substr(signed_at, 6, 2), COUNT(*) FROM dispatch_doc d WHERE kind = '{doc_kind}' AND number IS NOT NULL
             AND status <> 'withdrawn' AND substr(signed_at, 1, 4) = ?1{} GROUP BY 1",
            only(kind, &dispatch_rank::doc_or_daily("d.id"))
        ))
    };
    let notices = docs("notice")?;
    let orders = docs("order")?;
    let feedback = by_month(&format!(
        "SELECT substr(reported_on, 6, 2), COUNT(*) FROM feedback f WHERE substr(reported_on, 1, 4) = ?1{} GROUP BY 1",
        only(kind, &dispatch_rank::target("f.target_kind", "f.target_id"))
    ))?;
    let get = |m: &BTreeMap<u32, i64>, k: u32| m.get(&k).copied().unwrap_or(0);
    Ok((1..=12)
        .map(|m| MonthFigures {
            month: m,
            meetings: get(&meetings, m),
            supervisions: get(&supervisions, m),
            reminders: get(&reminders, m),
            notices: get(&notices, m),
            orders: get(&orders, m),
            feedback: get(&feedback, m),
        })
        .collect())
}

/// The dispatch kind (rank) of each supervised record.
fn target_ranks(conn: &Connection) -> Result<std::collections::HashMap<(String, i64), u8>> {
    let mut out = std::collections::HashMap::new();
    for (kind, table, rank) in [
        ("task", "task", dispatch_rank::task("x.id")),
        (
            "document",
            "dispatch_doc",
            dispatch_rank::doc_or_daily("x.id"),
        ),
    ] {
        let mut stmt = conn
            .prepare(&format!("SELECT x.id, COALESCE({rank}, 2) FROM {table} x"))
            .map_err(sql_err)?;
        let rows = stmt
            .query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, u8>(1)?)))
            .map_err(sql_err)?
            .collect::<std::result::Result<Vec<_>, _>>()
            .map_err(sql_err)?;
        for (id, r) in rows {
            out.insert((kind.to_string(), id), r);
        }
    }
    Ok(out)
}

pub(crate) fn annual_stats(conn: &Connection, year: i32, today: NaiveDate) -> Result<AnnualStats> {
    if !(2000..=2100).contains(&year) {
        return Err(CoreError::validation("year", "年份应在2000到2100之间"));
    }
    let targets = load_targets(conn)?;
    let mut top = figures(conn, year, today, None, &targets)?;
    let ranks = target_ranks(conn)?;
    let kind = |k: u8| -> Result<Box<AnnualStats>> {
        let mine: Vec<Target> = targets
            .iter()
            .filter(|t| {
                ranks
                    .get(&(t.kind.code().to_string(), t.id))
                    .copied()
                    .unwrap_or(2)
                    == k
            })
            .cloned()
            .collect();
        Ok(Box::new(figures(conn, year, today, Some(k), &mine)?))
    };
    top.by_dispatch_kind = Some(ByDispatchKind {
        key: kind(0)?,
        special: kind(1)?,
        daily: kind(2)?,
    });
    Ok(top)
}

/// The figures of the year, of all work or of one dispatch kind (rank);
/// `targets` are the supervised records of that kind.
fn figures(
    conn: &Connection,
    year: i32,
    today: NaiveDate,
    kind: Option<u8>,
    targets: &[Target],
) -> Result<AnnualStats> {
    let (regular, mine): (i64, i64) = conn
        .query_row(
            &format!(
                "SELECT COALESCE(SUM(kind = 'regular'), 0), COALESCE(SUM(kind = 'mine'), 0) FROM dispatch_meeting m
                 WHERE cancelled_at IS NULL AND substr(held_on, 1, 4) = ?1 AND held_on <= ?2{}",
                only(kind, &dispatch_rank::meeting("m.id"))
            ),
            params![year_text(year), today.to_string()],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .map_err(sql_err)?;
    if kind.is_none() {
        // The meetings page counts with the same rule.
        debug_assert_eq!(count_held(conn, year, today)?, (regular, mine));
    }
    let supervised = only(kind, &dispatch_rank::target("s.target_kind", "s.target_id"));
    let branch_records = count(
        conn,
        &format!(
            "SELECT COUNT(*) FROM supervision_record s JOIN unit u ON u.id = s.unit_id
             WHERE u.kind = 'branch' AND substr(s.supervised_on, 1, 4) = ?1{supervised}"
        ),
        year,
    )?;
    let reminded = only(kind, &dispatch_rank::target("r.target_kind", "r.target_id"));
    let reminders = |unit_kind: Option<&str>| -> Result<i64> {
        if kind.is_none() {
            return super::reminders::count_sent(conn, year, unit_kind);
        }
        conn.query_row(
            &format!(
                "SELECT COUNT(*) FROM reminder r LEFT JOIN unit u ON u.id = r.unit_id
                 WHERE r.year = ?1 AND (?2 IS NULL OR u.kind = ?2){reminded}"
            ),
            params![year, unit_kind],
            |r| r.get(0),
        )
        .map_err(sql_err)
    };
    let branch_reminders = reminders(Some("branch"))?;
    let issued = |doc_kind: &str| -> Result<i64> {
        conn.query_row(
            &format!(
                "SELECT COUNT(*) FROM dispatch_doc d WHERE kind = ?1 AND year = ?2 AND number IS NOT NULL
                 AND status <> 'withdrawn'{}",
                only(kind, &dispatch_rank::doc_or_daily("d.id"))
            ),
            params![doc_kind, year],
            |r| r.get(0),
        )
        .map_err(sql_err)
    };
    let cal = crate::plans::calendar_of(conn)?;
    let from = NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or(NaiveDate::MIN);
    let to = NaiveDate::from_ymd_opt(year, 12, 31).unwrap_or(NaiveDate::MAX);
    // Visits and emergencies belong to no plan: 日常调度.
    let registers = if kind.is_none_or(|k| k == 2) {
        crate::registers::register_figures(conn, year)?
    } else {
        Default::default()
    };
    let units: Vec<UnitTimeliness> = timeliness(targets.iter(), &cal, today, from, to)
        .into_iter()
        .filter(|u| u.counted > 0)
        .collect();
    let fed = only(kind, &dispatch_rank::target("f.target_kind", "f.target_id"));
    let rect = only(kind, &dispatch_rank::target("x.target_kind", "x.target_id"));
    Ok(AnnualStats {
        year,
        as_of: today.to_string(),
        dispatch_meetings: regular + mine,
        regular_meetings: regular,
        mine_meetings: mine,
        meeting_decisions: conn
            .query_row(
                &format!(
                    "SELECT COUNT(*) FROM meeting_decision d JOIN dispatch_meeting m ON m.id = d.meeting_id
                     WHERE m.cancelled_at IS NULL AND substr(m.held_on, 1, 4) = ?1 AND m.held_on <= ?2{}",
                    only(kind, &dispatch_rank::decision("d"))
                ),
                params![year_text(year), today.to_string()],
                |r| r.get(0),
            )
            .map_err(sql_err)?,
        key_tasks_dispatched: key_tasks(conn, year, kind)?,
        branch_supervisions: branch_records + branch_reminders,
        branch_supervision_records: branch_records,
        branch_reminders,
        supervision_records: count(
            conn,
            &format!(
                "SELECT COUNT(*) FROM supervision_record s WHERE substr(supervised_on, 1, 4) = ?1{supervised}"
            ),
            year,
        )?,
        reminders_sent: reminders(None)?,
        orders_issued: issued("order")?,
        notices_issued: issued("notice")?,
        bulletins_issued: conn
            .query_row(
                &format!(
                    "SELECT COUNT(*) FROM stage_summary x JOIN plan p ON p.id = x.plan_id WHERE x.year = ?1
                     AND x.number IS NOT NULL AND x.status <> 'withdrawn'{}",
                    only(kind, "(CASE p.kind WHEN 'key' THEN 0 WHEN 'special' THEN 1 ELSE 2 END)")
                ),
                [year],
                |r| r.get(0),
            )
            .map_err(sql_err)?,
        feedback_received: count(
            conn,
            &format!("SELECT COUNT(*) FROM feedback f WHERE substr(reported_on, 1, 4) = ?1{fed}"),
            year,
        )?,
        rectifications_opened: count(
            conn,
            &format!("SELECT COUNT(*) FROM rectification x WHERE substr(created_at, 1, 4) = ?1{rect}"),
            year,
        )?,
        rectifications_closed: count(
            conn,
            &format!(
                "SELECT COUNT(*) FROM rectification x WHERE status = 'closed' AND substr(closed_on, 1, 4) = ?1{rect}"
            ),
            year,
        )?,
        assistance_visits: registers.assistance_visits,
        visit_problems_raised: registers.visit_problems_raised,
        visit_problems_solved: registers.visit_problems_solved,
        emergency_events: registers.emergency_events,
        emergencies_closed: registers.emergencies_closed,
        on_time_rate_by_unit: units
            .iter()
            .filter_map(|u| u.rate.map(|r| (u.unit_name.clone(), r)))
            .collect(),
        units,
        months: months(conn, year, today, kind)?,
        by_dispatch_kind: None,
    })
}

/// The figures as tables: what each counts, per unit, per month. The PDF
/// report and the xlsx workbook are both made from these.
pub fn stats_tables(s: &AnnualStats) -> Vec<TableData> {
    let row = |name: &str, n: i64, what: &str| {
        vec![
            Cell::Text(name.into()),
            Cell::int(n),
            Cell::Text(what.into()),
        ]
    };
    let figures = TableData {
        title: "一、年度工作数字".into(),
        columns: vec![
            Column::text("项目", 3.0),
            Column::number("数量", 1.2),
            Column::text("统计口径", 6.0),
        ],
        rows: vec![
            row(
                "召开党建调度会议",
                s.dispatch_meetings,
                &format!(
                    "本年已召开（未取消）的调度会：党建调度例会{}次，矿大调度会{}次",
                    s.regular_meetings, s.mine_meetings
                ),
            ),
            row(
                "调度落实重点工作",
                s.key_tasks_dispatched,
                "本年签发（未撤回）的通知单、调度令所调度的重点调度计划任务（去重）",
            ),
            row(
                "对基层党支部调度和督办",
                s.branch_supervisions,
                &format!(
                    "本年对基层党支部的督办记录{}次，加上发给基层党支部的催办通知单{}份",
                    s.branch_supervision_records, s.branch_reminders
                ),
            ),
            row(
                "督办记录（全部单位）",
                s.supervision_records,
                "本年登记的督办记录，含现场、电话、会议、平台督办",
            ),
            row(
                "发出催办通知单",
                s.reminders_sent,
                "本年发出的催办通知单（按编号计）",
            ),
            row("签发调度令", s.orders_issued, "本年签发、未撤回的调度令"),
            row("签发通知单", s.notices_issued, "本年签发、未撤回的通知单"),
            row(
                "印发阶段通报",
                s.bulletins_issued,
                "本年印发、未撤回的阶段总结通报",
            ),
            row(
                "收到工作反馈",
                s.feedback_received,
                "反馈日期在本年的反馈记录",
            ),
            row(
                "新增整改问题",
                s.rectifications_opened,
                "本年登记的整改问题",
            ),
            row(
                "整改销号",
                s.rectifications_closed,
                "销号日期在本年、目前仍为已销号的整改问题",
            ),
            row(
                "调度会议定事项",
                s.meeting_decisions,
                "本年已召开的调度会上登记的议定事项",
            ),
            row(
                "领导帮扶点走访",
                s.assistance_visits,
                &format!(
                    "走访日期在本年的矿领导帮扶点走访，提出问题{}个",
                    s.visit_problems_raised
                ),
            ),
            row(
                "帮扶走访解决问题",
                s.visit_problems_solved,
                "本年解决的走访问题：现场解决，或所转任务完成闭合、所转整改销号",
            ),
            row(
                "应急事件",
                s.emergency_events,
                &format!(
                    "发生时间在本年的应急事件，已处置结束{}起",
                    s.emergencies_closed
                ),
            ),
        ],
        empty_text: String::new(),
    };
    let units = TableData {
        title: "二、各单位按时率".into(),
        columns: vec![
            Column::number("序号", 0.8),
            Column::text("单位", 3.2),
            Column::number("应办节点", 1.2),
            Column::number("按时", 1.0),
            Column::number("逾期", 1.0),
            Column::number("缺报", 1.0),
            Column::number("按时率", 1.2),
        ],
        rows: s
            .units
            .iter()
            .enumerate()
            .map(|(i, u)| {
                vec![
                    Cell::int(i as i64 + 1),
                    Cell::Text(u.unit_name.clone()),
                    Cell::int(u.counted),
                    Cell::int(u.on_time),
                    Cell::int(u.late),
                    Cell::int(u.missing),
                    percent(u.rate),
                ]
            })
            .collect(),
        empty_text: "本年尚无到期的反馈节点和完成时限".into(),
    };
    let months = TableData {
        title: "三、分月情况".into(),
        columns: vec![
            Column::text("月份", 1.0),
            Column::number("调度会", 1.0),
            Column::number("督办", 1.0),
            Column::number("催办", 1.0),
            Column::number("通知单", 1.0),
            Column::number("调度令", 1.0),
            Column::number("反馈", 1.0),
        ],
        rows: s
            .months
            .iter()
            .map(|m| {
                vec![
                    Cell::Text(format!("{}月", m.month)),
                    Cell::int(m.meetings),
                    Cell::int(m.supervisions),
                    Cell::int(m.reminders),
                    Cell::int(m.notices),
                    Cell::int(m.orders),
                    Cell::int(m.feedback),
                ]
            })
            .collect(),
        empty_text: String::new(),
    };
    let mut tables = vec![figures, units, months];
    if let Some(k) = &s.by_dispatch_kind {
        let kinds = [
            ("重点调度", &k.key),
            ("专项调度", &k.special),
            ("日常调度", &k.daily),
        ];
        tables.push(TableData {
            title: "四、按调度类别".into(),
            columns: vec![
                Column::text("调度类别", 1.6),
                Column::number("调度会", 1.0),
                Column::number("调度落实计划任务", 1.6),
                Column::number("调度令", 1.0),
                Column::number("通知单", 1.0),
                Column::number("反馈", 1.0),
                Column::number("督办", 1.0),
                Column::number("催办", 1.0),
                Column::number("新增整改", 1.2),
            ],
            rows: kinds
                .iter()
                .map(|(label, f)| {
                    vec![
                        Cell::Text((*label).into()),
                        Cell::int(f.dispatch_meetings),
                        Cell::int(f.key_tasks_dispatched),
                        Cell::int(f.orders_issued),
                        Cell::int(f.notices_issued),
                        Cell::int(f.feedback_received),
                        Cell::int(f.supervision_records),
                        Cell::int(f.reminders_sent),
                        Cell::int(f.rectifications_opened),
                    ]
                })
                .collect(),
            empty_text: String::new(),
        });
    }
    tables
}

fn facts(s: &AnnualStats, issuer: &str) -> Vec<(String, String)> {
    let as_of = NaiveDate::parse_from_str(&s.as_of, "%Y-%m-%d")
        .map(|d| format!("{}年{}月{}日", d.year(), d.month(), d.day()))
        .unwrap_or_default();
    vec![
        ("统计年度".into(), format!("{}年", s.year)),
        ("统计截至".into(), as_of),
        ("编制单位".into(), issuer.into()),
    ]
}

impl Store {
    pub fn annual_stats_on(&self, year: i32, today: NaiveDate) -> Result<AnnualStats> {
        annual_stats(&self.conn, year, today)
    }

    pub fn annual_stats(&self, year: i32) -> Result<AnnualStats> {
        annual_stats(&self.conn, year, diaodu_domain::clock::today())
    }

    /// The figures as a tabular report (A4) for the PDF engine.
    pub fn annual_report(&self, year: i32) -> Result<Report> {
        let s = self.annual_stats(year)?;
        let issuer = self.issuer_name()?;
        let mut blocks = vec![ReportBlock::Facts(facts(&s, &issuer))];
        for t in stats_tables(&s) {
            blocks.extend(t.report_blocks());
        }
        Ok(Report {
            title: format!("{}年党建调度工作统计", s.year),
            subtitle: String::new(),
            issuer,
            printed_on: diaodu_domain::clock::today(),
            orientation: Orientation::Portrait,
            blocks,
        })
    }

    pub fn annual_pdf(&self, year: i32, fonts: &diaodu_documents::Fonts) -> Result<Vec<u8>> {
        let r = self.annual_report(year)?;
        diaodu_documents::render_report(&r, fonts).map_err(crate::print::doc_error)
    }

    pub fn annual_xlsx(&self, year: i32) -> Result<Vec<u8>> {
        let s = self.annual_stats(year)?;
        let issuer = self.issuer_name()?;
        workbook(
            &format!("{}年党建调度工作统计", s.year),
            &facts(&s, &issuer),
            &stats_tables(&s),
        )
    }
}
