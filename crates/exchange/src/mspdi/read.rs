//! Reading MSPDI as MS Project 2007–2019, ProjectLibre and GanttProject
//! write it.
use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::{NaiveDate, NaiveTime};
use diaodu_schedule::CalendarOverride;

use super::write::{SOURCE_PREFIX, SOURCE_SEP};
use super::{
    is_elapsed_format, is_percent_format, link_kind_of, ALIAS_STATUS, ALIAS_UNIT, MINUTES_PER_DAY,
};
use crate::calendar::DocCalendar;
use crate::error::ExchangeError;
use crate::model::{
    DocLink, DocSource, DocTask, PlanDoc, FORMAT_NAME, FORMAT_VERSION, PLAN_KINDS, TASK_STATUSES,
};
use crate::validate::{validate, Lines};
use crate::xml::{self, Node};

/// Longest calendar exception read, in days (ten years).
const MAX_EXCEPTION_DAYS: i64 = 3660;

/// Aliases under which a custom text field is read as the responsible unit.
const UNIT_ALIASES: [&str; 4] = [ALIAS_UNIT, "责任部门", "牵头单位", "负责单位"];

struct Ctx {
    minutes_per_day: f64,
}

/// Custom fields whose alias says they carry the unit or the status.
struct Fields {
    unit: HashSet<String>,
    status: HashSet<String>,
}

/// A task as read, before ordering and checking.
struct Read {
    id: Option<i64>,
    /// The `<Start>` written, whatever the planned start.
    shown_start: Option<NaiveDate>,
    task: DocTask,
    line: usize,
    /// Each link with its line and, for a percentage lag, the percentage.
    links: Vec<(DocLink, usize, Option<f64>)>,
}

/// Reads and checks a plan from MSPDI.
pub fn from_mspdi(text: &str) -> Result<PlanDoc, ExchangeError> {
    let root = xml::parse(text)?;
    if root.name != "Project" {
        return Err(ExchangeError::at(
            Some(root.line),
            format!(
                "不是 MS Project XML 文件：根元素是 <{}>，应为 <Project>",
                root.name
            ),
        ));
    }
    let ctx = Ctx {
        minutes_per_day: match root.child("MinutesPerDay") {
            Some(n) => match number(n)? {
                Some(m) if m > 0.0 => m,
                _ => MINUTES_PER_DAY as f64,
            },
            None => MINUTES_PER_DAY as f64,
        },
    };

    let title = root
        .value("Title")
        .map(str::to_string)
        .or_else(|| root.value("Name").map(strip_extension))
        .unwrap_or_else(|| "未命名计划".to_string());
    let goal = root.value("Subject").unwrap_or("").to_string();
    let kind = root.value("Category").and_then(|c| {
        PLAN_KINDS
            .iter()
            .find(|(code, label)| c == *code || c == *label)
            .map(|(code, _)| code.to_string())
    });
    let project_start = opt_date(&root, "StartDate", false)?;
    let end = opt_date(&root, "FinishDate", true)?;

    // Custom fields: which field ids carry the unit and the status.
    let mut fields = Fields {
        unit: HashSet::new(),
        status: HashSet::new(),
    };
    if let Some(defs) = root.child("ExtendedAttributes") {
        for def in defs.children("ExtendedAttribute") {
            let (Some(id), Some(alias)) = (def.value("FieldID"), def.value("Alias")) else {
                continue;
            };
            if UNIT_ALIASES.contains(&alias) {
                fields.unit.insert(id.to_string());
            } else if alias == ALIAS_STATUS {
                fields.status.insert(id.to_string());
            }
        }
    }

    let calendar = read_calendar(&root)?;

    let doc_calendar = DocCalendar::new(&calendar);
    let mut read: Vec<Read> = Vec::new();
    let mut summary_notes = String::new();
    if let Some(tasks) = root.child("Tasks") {
        for node in tasks.children("Task") {
            let Some(uid) = node.value("UID") else {
                return Err(ExchangeError::at(Some(node.line), "任务缺少 UID"));
            };
            let outline_level = match node.child("OutlineLevel") {
                Some(n) => integer(n)?,
                None => None,
            };
            if uid == "0" || outline_level == Some(0) {
                // The project summary task: only its notes are the plan's.
                summary_notes = node
                    .child("Notes")
                    .map(|n| n.text.clone())
                    .unwrap_or_default();
                continue;
            }
            if flag(node, "IsNull") {
                // A blank row of MS Project's table.
                continue;
            }
            read.push(read_task(
                node,
                uid,
                outline_level,
                &ctx,
                project_start,
                &fields,
                &doc_calendar,
            )?);
        }
    }

    // Tasks in ID order (the order of MS Project's table), when all have one.
    if read.iter().all(|r| r.id.is_some()) {
        read.sort_by_key(|r| r.id);
    }

    let start = match project_start {
        Some(d) => d,
        None => read
            .iter()
            .filter_map(|r| r.shown_start.or(r.task.start).or(r.task.finish))
            .min()
            .ok_or_else(|| ExchangeError::at(Some(root.line), "缺少项目开始日期 <StartDate>"))?,
    };

    let mut doc = PlanDoc {
        format: FORMAT_NAME.to_string(),
        version: FORMAT_VERSION,
        title,
        kind,
        goal,
        start,
        end,
        sources: Vec::new(),
        tasks: Vec::with_capacity(read.len()),
        links: Vec::new(),
        calendar,
    };
    // Goal and source documents as `to_mspdi` writes them into the project
    // summary's notes; a goal in <Subject> wins.
    let mut goal_lines = Vec::new();
    for line in summary_notes.lines() {
        match line.strip_prefix(SOURCE_PREFIX) {
            Some(rest) => {
                let mut parts = rest.splitn(3, SOURCE_SEP).map(str::trim);
                doc.sources.push(DocSource {
                    issuer: parts.next().unwrap_or("").to_string(),
                    number: parts.next().unwrap_or("").to_string(),
                    title: parts.next().unwrap_or("").to_string(),
                });
            }
            None => goal_lines.push(line),
        }
    }
    if doc.goal.is_empty() {
        doc.goal = goal_lines.join("\n").trim().to_string();
    }

    let mut task_lines = Vec::with_capacity(read.len());
    let mut link_lines = Vec::new();
    let durations: HashMap<String, i64> = read
        .iter()
        .map(|r| (r.task.uid.clone(), r.task.duration))
        .collect();
    for r in read {
        for (mut link, line, percent) in r.links {
            // A percentage lag is a share of the predecessor's duration.
            if let Some(pct) = percent {
                let pred = durations.get(&link.pred).copied().unwrap_or(0);
                link.lag = (pred as f64 * pct / 100.0).round() as i64;
            }
            doc.links.push(link);
            link_lines.push(line);
        }
        doc.tasks.push(r.task);
        task_lines.push(r.line);
    }

    let lines = Lines {
        task: &|i| task_lines.get(i).copied(),
        link: &|k| link_lines.get(k).copied(),
    };
    validate(&mut doc, &lines)?;
    Ok(doc)
}

fn read_task(
    node: &Node,
    uid: &str,
    outline_level: Option<i64>,
    ctx: &Ctx,
    project_start: Option<NaiveDate>,
    fields: &Fields,
    cal: &DocCalendar,
) -> Result<Read, ExchangeError> {
    let id = match node.child("ID") {
        Some(n) => integer(n)?,
        None => None,
    };
    let outline_level = match outline_level {
        Some(l) => l,
        None => node
            .value("OutlineNumber")
            .map_or(1, |n| n.split('.').count() as i64),
    };
    let outline_level = u32::try_from(outline_level).map_err(|_| {
        ExchangeError::at(
            Some(node.line),
            format!("任务 UID {uid} 的大纲级别 {outline_level} 不对"),
        )
    })?;
    let name = node.value("Name").unwrap_or("").to_string();
    let summary = flag(node, "Summary");
    let start = opt_date(node, "Start", false)?;
    let finish = opt_date(node, "Finish", true)?;
    let format = match node.child("DurationFormat") {
        Some(n) => integer(n)?.unwrap_or(7),
        None => 7,
    };
    let duration = match node.child("Duration") {
        Some(n) if !n.text.trim().is_empty() => working_days(n, format, ctx)?,
        // No duration written: the working days from start to finish.
        _ => match (start, finish) {
            (Some(s), Some(f)) => cal.span(s, f),
            _ => 0,
        },
    };
    let milestone = flag(node, "Milestone") || (duration == 0 && !summary);
    let constraint = match node.child("ConstraintType") {
        Some(n) => Some(integer(n)?.unwrap_or(0)),
        None => None,
    };
    let constraint_date = opt_date(node, "ConstraintDate", false)?;
    let mut deadline = opt_date(node, "Deadline", true)?;
    let manual = flag(node, "Manual");
    let has_preds = node.child("PredecessorLink").is_some();

    // Planned start: a start-no-earlier-than or must-start-on constraint;
    // for a manually scheduled task its start; and for a task from a tool
    // that writes no constraint at all, a start later than the project's
    // that no predecessor explains.
    let planned = match (constraint, constraint_date) {
        (Some(2 | 4), Some(d)) => Some(d),
        _ if manual => start,
        (None, _) if !has_preds && !summary => match (start, project_start) {
            (Some(s), Some(p)) if s > p => Some(s),
            _ => None,
        },
        _ => None,
    };
    // Must-finish-on / finish-no-later-than act as a deadline.
    if let (Some(3 | 7), Some(d), None) = (constraint, constraint_date, deadline) {
        deadline = Some(d);
    }

    let percent_complete = match node.child("PercentComplete") {
        Some(n) => number(n)?.map_or(0, |p| p.round() as i64),
        None => 0,
    };
    let mut unit = None;
    let mut status = None;
    for attr in node.children("ExtendedAttribute") {
        let (Some(field), Some(value)) = (attr.value("FieldID"), attr.value("Value")) else {
            continue;
        };
        if fields.unit.contains(field) {
            unit = Some(value.to_string());
        } else if fields.status.contains(field) {
            status = TASK_STATUSES
                .iter()
                .find(|(code, label)| value == *code || value == *label)
                .map(|(code, _)| code.to_string());
        }
    }

    let mut links = Vec::new();
    for link in node.children("PredecessorLink") {
        if flag(link, "CrossProject") {
            continue;
        }
        let Some(pred) = link.value("PredecessorUID") else {
            return Err(ExchangeError::at(
                Some(link.line),
                format!("任务 UID {uid} 的前置关系缺少 PredecessorUID"),
            ));
        };
        let kind = match link.child("Type") {
            Some(t) => {
                let code = integer(t)?.unwrap_or(1);
                link_kind_of(code).ok_or_else(|| {
                    ExchangeError::at(
                        Some(t.line),
                        format!(
                            "前置关系类型 {code} 不对，应为 0（FF）、1（FS）、2（SF）或 3（SS）"
                        ),
                    )
                })?
            }
            None => diaodu_schedule::LinkKind::FinishToStart,
        };
        let lag_format = match link.child("LagFormat") {
            Some(n) => integer(n)?.unwrap_or(7),
            None => 7,
        };
        let raw = match link.child("LinkLag") {
            Some(n) => number(n)?.unwrap_or(0.0),
            None => 0.0,
        };
        let mut percent = None;
        let lag = if is_percent_format(lag_format) {
            // Settled once every task's duration is known.
            percent = Some(raw);
            0
        } else if is_elapsed_format(lag_format) {
            // Tenths of minutes of calendar time: about 5 working days a week.
            (raw / 10.0 / 1440.0 * 5.0 / 7.0).round() as i64
        } else {
            (raw / 10.0 / ctx.minutes_per_day).round() as i64
        };
        links.push((
            DocLink {
                pred: pred.to_string(),
                succ: uid.to_string(),
                kind,
                lag,
            },
            link.line,
            percent,
        ));
    }

    let task = DocTask {
        uid: uid.to_string(),
        name,
        outline_level,
        summary,
        milestone,
        start: planned,
        finish,
        duration,
        deadline,
        percent_complete,
        actual_start: opt_date(node, "ActualStart", false)?,
        actual_finish: opt_date(node, "ActualFinish", true)?,
        notes: node
            .child("Notes")
            .map(|n| n.text.clone())
            .unwrap_or_default(),
        unit,
        status,
    };
    Ok(Read {
        id,
        shown_start: start,
        task,
        line: node.line,
        links,
    })
}

fn strip_extension(name: &str) -> String {
    let lower = name.to_ascii_lowercase();
    for ext in [".xml", ".mpp", ".mpx"] {
        if lower.ends_with(ext) {
            return name[..name.len() - ext.len()].to_string();
        }
    }
    name.to_string()
}

/// `1` or `true`.
fn flag(node: &Node, name: &str) -> bool {
    matches!(node.value(name), Some("1") | Some("true"))
}

fn integer(node: &Node) -> Result<Option<i64>, ExchangeError> {
    Ok(number(node)?.map(|n| n.round() as i64))
}

fn number(node: &Node) -> Result<Option<f64>, ExchangeError> {
    let s = node.text.trim();
    if s.is_empty() {
        return Ok(None);
    }
    s.parse::<f64>()
        .ok()
        .filter(|n| n.is_finite())
        .map(Some)
        .ok_or_else(|| {
            ExchangeError::at(
                Some(node.line),
                format!("<{}> 的值“{s}”不是数字", node.name),
            )
        })
}

/// A date-time as MSPDI writes it (`2024-03-05T08:00:00`; a bare date is
/// accepted too), as the date it falls on. For a finish, midnight means the
/// end of the day before.
fn parse_date_time(s: &str, is_finish: bool) -> Option<NaiveDate> {
    let s = s.trim();
    let date = NaiveDate::parse_from_str(s.get(..10)?, "%Y-%m-%d").ok()?;
    let rest = &s[10..];
    if rest.is_empty() {
        return Some(date);
    }
    let time = rest.strip_prefix('T')?;
    let hms = time.get(..8).or_else(|| time.get(..5))?;
    let t = NaiveTime::parse_from_str(hms, "%H:%M:%S")
        .or_else(|_| NaiveTime::parse_from_str(hms, "%H:%M"))
        .ok()?;
    if is_finish && t == NaiveTime::MIN {
        return date.pred_opt();
    }
    Some(date)
}

fn date_of(node: &Node, is_finish: bool) -> Result<Option<NaiveDate>, ExchangeError> {
    let s = node.text.trim();
    if s.is_empty() || s == "NA" {
        return Ok(None);
    }
    parse_date_time(s, is_finish).map(Some).ok_or_else(|| {
        ExchangeError::at(
            Some(node.line),
            format!("<{}> 的日期“{s}”不对，应为 YYYY-MM-DDThh:mm:ss", node.name),
        )
    })
}

fn opt_date(
    parent: &Node,
    name: &str,
    is_finish: bool,
) -> Result<Option<NaiveDate>, ExchangeError> {
    match parent.child(name) {
        Some(n) => date_of(n, is_finish),
        None => Ok(None),
    }
}

/// An ISO 8601 duration (`PT40H0M0S`, `P2DT4H`, `-PT8H`) as
/// (days, minutes): the date part and the time part.
fn parse_duration(s: &str) -> Option<(f64, f64)> {
    let s = s.trim();
    let (sign, s) = match s.strip_prefix('-') {
        Some(rest) => (-1.0, rest),
        None => (1.0, s),
    };
    let s = s.strip_prefix('P')?;
    let (date_part, time_part) = match s.split_once('T') {
        Some((d, t)) => (d, Some(t)),
        None => (s, None),
    };
    let mut days = 0.0;
    let mut minutes = 0.0;
    let mut any = false;
    let mut num = String::new();
    for c in date_part.chars() {
        if c.is_ascii_digit() || c == '.' {
            num.push(c);
            continue;
        }
        let n: f64 = num.parse().ok()?;
        num.clear();
        any = true;
        days += n * match c {
            'Y' => 240.0,
            'M' => 20.0,
            'W' => 5.0,
            'D' => 1.0,
            _ => return None,
        };
    }
    if !num.is_empty() {
        return None;
    }
    if let Some(t) = time_part {
        for c in t.chars() {
            if c.is_ascii_digit() || c == '.' {
                num.push(c);
                continue;
            }
            let n: f64 = num.parse().ok()?;
            num.clear();
            any = true;
            minutes += n * match c {
                'H' => 60.0,
                'M' => 1.0,
                'S' => 1.0 / 60.0,
                _ => return None,
            };
        }
        if !num.is_empty() {
            return None;
        }
    }
    any.then_some((sign * days, sign * minutes))
}

/// A task's `<Duration>` in whole working days, rounded to the nearest.
/// Elapsed formats count calendar time: about 5 working days a week.
fn working_days(node: &Node, format: i64, ctx: &Ctx) -> Result<i64, ExchangeError> {
    let text = node.text.trim();
    let (days, minutes) = parse_duration(text).ok_or_else(|| {
        ExchangeError::at(
            Some(node.line),
            format!("工期“{text}”不对，应为 PT8H0M0S 这样的 ISO 8601 时长"),
        )
    })?;
    let working = if is_elapsed_format(format) {
        (days + minutes / 1440.0) * 5.0 / 7.0
    } else {
        days + minutes / ctx.minutes_per_day
    };
    Ok(working.round().max(0.0) as i64)
}

/// The plan's days off and make-up days: the exceptions of the project's
/// calendar and of the base calendars it derives from (base first, so the
/// project's own win), in both the 2007+ `<Exceptions>` form and the older
/// `<WeekDay>` with `<DayType>0</DayType>` form.
fn read_calendar(root: &Node) -> Result<Vec<CalendarOverride>, ExchangeError> {
    let Some(calendars) = root.child("Calendars") else {
        return Ok(Vec::new());
    };
    let all: Vec<&Node> = calendars.children("Calendar").collect();
    let by_uid = |uid: &str| all.iter().copied().find(|c| c.value("UID") == Some(uid));
    let first = root
        .value("CalendarUID")
        .and_then(by_uid)
        .or_else(|| all.iter().copied().find(|c| flag(c, "IsBaseCalendar")))
        .or_else(|| all.first().copied());
    let mut chain: Vec<&Node> = Vec::new();
    let mut next = first;
    while let Some(c) = next {
        if chain.iter().any(|seen| std::ptr::eq(*seen, c)) {
            break;
        }
        chain.push(c);
        next = c
            .value("BaseCalendarUID")
            .filter(|u| *u != "-1")
            .and_then(by_uid);
    }

    let mut days: BTreeMap<NaiveDate, (bool, String)> = BTreeMap::new();
    for cal in chain.iter().rev() {
        if let Some(week) = cal.child("WeekDays") {
            for wd in week.children("WeekDay") {
                if wd.value("DayType") != Some("0") {
                    continue;
                }
                let working = day_working(wd);
                for d in period(wd)? {
                    days.insert(d, (working, String::new()));
                }
            }
        }
        if let Some(exceptions) = cal.child("Exceptions") {
            for ex in exceptions.children("Exception") {
                // Only daily exceptions map onto dates; recurring ones
                // (weekly, monthly, yearly) are not read.
                let kind = match ex.child("Type") {
                    Some(n) => integer(n)?.unwrap_or(1),
                    None => 1,
                };
                if kind != 1 {
                    continue;
                }
                let every = match ex.child("PeriodNumber") {
                    Some(n) => integer(n)?.unwrap_or(1).max(1),
                    None => 1,
                };
                let working = day_working(ex);
                let name = ex.value("Name").unwrap_or("").to_string();
                for (k, d) in period(ex)?.into_iter().enumerate() {
                    if k as i64 % every == 0 {
                        days.insert(d, (working, name.clone()));
                    }
                }
            }
        }
    }
    Ok(days
        .into_iter()
        .map(|(date, (working, name))| CalendarOverride {
            date,
            working,
            name,
        })
        .collect())
}

fn day_working(node: &Node) -> bool {
    match node.value("DayWorking") {
        Some(v) => v == "1" || v == "true",
        None => node
            .child("WorkingTimes")
            .is_some_and(|w| w.child("WorkingTime").is_some()),
    }
}

/// The dates of a `<TimePeriod>`, both ends included.
fn period(node: &Node) -> Result<Vec<NaiveDate>, ExchangeError> {
    let Some(tp) = node.child("TimePeriod") else {
        return Ok(Vec::new());
    };
    let from = opt_date(tp, "FromDate", false)?;
    let to = opt_date(tp, "ToDate", true)?;
    let (Some(from), to) = (from, to) else {
        return Err(ExchangeError::at(
            Some(tp.line),
            "日历例外缺少开始日期 <FromDate>",
        ));
    };
    // A to-date of midnight the same day is that one day.
    let to = to.unwrap_or(from).max(from);
    let len = (to - from).num_days() + 1;
    if len > MAX_EXCEPTION_DAYS {
        return Err(ExchangeError::at(
            Some(tp.line),
            format!("日历例外 {from} 至 {to} 的范围过大（超过十年）"),
        ));
    }
    Ok(from.iter_days().take(len as usize).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations() {
        assert_eq!(parse_duration("PT40H0M0S"), Some((0.0, 2400.0)));
        assert_eq!(parse_duration("PT12H30M0S"), Some((0.0, 750.0)));
        assert_eq!(parse_duration("P2DT4H"), Some((2.0, 240.0)));
        assert_eq!(parse_duration("-PT8H0M0S"), Some((0.0, -480.0)));
        assert_eq!(parse_duration("PT0H0M0S"), Some((0.0, 0.0)));
        assert_eq!(parse_duration("8h"), None);
        assert_eq!(parse_duration("PT"), None);
        assert_eq!(parse_duration("PT8"), None);
    }

    #[test]
    fn date_times() {
        let d = |s| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok();
        assert_eq!(
            parse_date_time("2024-03-05T08:00:00", false),
            d("2024-03-05")
        );
        assert_eq!(parse_date_time("2024-03-05", false), d("2024-03-05"));
        assert_eq!(
            parse_date_time("2024-03-05T00:00:00", true),
            d("2024-03-04")
        );
        assert_eq!(
            parse_date_time("2024-03-05T17:00:00.000+08:00", true),
            d("2024-03-05")
        );
        assert_eq!(parse_date_time("2024-02-30T08:00:00", false), None);
        assert_eq!(parse_date_time("5 March", false), None);
    }
}
