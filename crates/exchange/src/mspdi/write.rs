//! Writing MSPDI. Elements are written in the order of Microsoft's schema
//! (MS Project refuses a file whose elements are out of order).
use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt::Display;

use chrono::{Datelike, NaiveDate, Weekday};

use super::{
    link_type_code, ALIAS_STATUS, ALIAS_UNIT, FIELD_STATUS, FIELD_UNIT, MINUTES_PER_DAY, NAMESPACE,
};
use crate::calendar::DocCalendar;
use crate::model::{DocLink, PlanDoc, PLAN_KINDS, TASK_STATUSES};
use crate::xml::escape;

/// Where the line after the label holds the plan's source documents in the
/// notes of the project summary task (UID 0).
pub(crate) const SOURCE_PREFIX: &str = "依据文件：";
/// Separator of issuer, number and title in such a line (U+FF5C).
pub(crate) const SOURCE_SEP: char = '｜';

struct Out {
    s: String,
    depth: usize,
}

impl Out {
    fn indent(&mut self) {
        for _ in 0..self.depth {
            self.s.push_str("  ");
        }
    }

    fn open(&mut self, name: &str) {
        self.indent();
        self.s.push('<');
        self.s.push_str(name);
        self.s.push_str(">\n");
        self.depth += 1;
    }

    fn close(&mut self, name: &str) {
        self.depth -= 1;
        self.indent();
        self.s.push_str("</");
        self.s.push_str(name);
        self.s.push_str(">\n");
    }

    /// An element holding a number or other text that needs no escaping.
    fn val(&mut self, name: &str, v: impl Display) {
        self.indent();
        self.s.push_str(&format!("<{name}>{v}</{name}>\n"));
    }

    /// An element holding free text.
    fn text(&mut self, name: &str, v: &str) {
        self.indent();
        self.s
            .push_str(&format!("<{name}>{}</{name}>\n", escape(v)));
    }
}

fn at_start(d: NaiveDate) -> String {
    format!("{}T08:00:00", d.format("%Y-%m-%d"))
}

fn at_finish(d: NaiveDate) -> String {
    format!("{}T17:00:00", d.format("%Y-%m-%d"))
}

/// Working days as an MSPDI duration of 8-hour days.
fn duration(days: i64) -> String {
    format!("PT{}H0M0S", days.max(0) * MINUTES_PER_DAY / 60)
}

fn flag(b: bool) -> u8 {
    u8::from(b)
}

/// The dates shown for each task. When the plan carries every task's
/// finish (the store fills them from its schedule), those; otherwise the
/// core scheduler's early dates on the plan's calendar; failing that (links
/// to stages, dates out of range) what each task's own dates and duration
/// give. A summary spans its sub-tasks.
fn shown_dates(doc: &PlanDoc, cal: &DocCalendar) -> Vec<(NaiveDate, NaiveDate)> {
    let complete = doc
        .tasks
        .iter()
        .enumerate()
        .all(|(i, t)| t.finish.is_some() || is_parent(doc, i));
    if !complete {
        if let Some(dates) = scheduled_dates(doc) {
            return dates;
        }
    }
    given_dates(doc, cal)
}

fn is_parent(doc: &PlanDoc, i: usize) -> bool {
    doc.tasks
        .get(i + 1)
        .is_some_and(|next| next.outline_level > doc.tasks[i].outline_level)
}

/// Early start and finish from `diaodu_schedule`, on a calendar that is
/// exactly the one exported: the weekend rule and the plan's own days (the
/// built-in statutory days are neutralised, since the file does not carry
/// them unless the plan lists them).
fn scheduled_dates(doc: &PlanDoc) -> Option<Vec<(NaiveDate, NaiveDate)>> {
    use diaodu_schedule::{schedule, CalendarOverride, Link, Task, WorkCalendar};

    let statutory = WorkCalendar::statutory().special_days(
        NaiveDate::from_ymd_opt(1900, 1, 1)?,
        NaiveDate::from_ymd_opt(2200, 12, 31)?,
    );
    let mut overrides: Vec<CalendarOverride> = statutory
        .into_iter()
        .map(|d| CalendarOverride {
            date: d.date,
            working: !matches!(d.date.weekday(), Weekday::Sat | Weekday::Sun),
            name: String::new(),
        })
        .collect();
    overrides.extend(doc.calendar.iter().cloned());
    let calendar = WorkCalendar::new(&overrides).ok()?;

    let mut index: HashMap<&str, i64> = HashMap::new();
    let mut parents: Vec<(u32, i64)> = Vec::new();
    let mut tasks = Vec::with_capacity(doc.tasks.len());
    for (i, t) in doc.tasks.iter().enumerate() {
        let id = i as i64;
        index.insert(t.uid.as_str(), id);
        while parents
            .last()
            .is_some_and(|&(level, _)| level >= t.outline_level)
        {
            parents.pop();
        }
        let duration = if t.milestone {
            0
        } else {
            u32::try_from(t.duration.max(0)).unwrap_or(u32::MAX)
        };
        tasks.push(Task {
            id,
            name: t.name.clone(),
            parent: parents.last().map(|&(_, p)| p),
            duration,
            start_no_earlier_than: t.start,
            deadline: t.deadline,
            actual_start: t.actual_start,
            actual_finish: t.actual_finish,
        });
        parents.push((t.outline_level, id));
    }
    let mut links = Vec::with_capacity(doc.links.len());
    for l in &doc.links {
        links.push(Link::new(
            *index.get(l.pred.as_str())?,
            *index.get(l.succ.as_str())?,
            l.kind,
            i32::try_from(l.lag).ok()?,
        ));
    }
    let plan = schedule(&tasks, &links, &calendar, doc.start).ok()?;
    Some(
        plan.tasks
            .iter()
            .map(|t| (t.early_start, t.early_finish.max(t.early_start)))
            .collect(),
    )
}

/// The dates each task's own fields give: actual or back-computed start,
/// given or computed finish.
fn given_dates(doc: &PlanDoc, cal: &DocCalendar) -> Vec<(NaiveDate, NaiveDate)> {
    let n = doc.tasks.len();
    let mut dates = Vec::with_capacity(n);
    for t in &doc.tasks {
        let dur = if t.milestone { 0 } else { t.duration.max(0) };
        let back = |f: NaiveDate| {
            let f = cal.on_or_before(f);
            if dur <= 1 {
                f
            } else {
                cal.add(f, -(dur - 1))
            }
        };
        let start = t
            .actual_start
            .or_else(|| t.finish.map(back))
            .or(t.start)
            .map(|d| cal.on_or_after(d))
            .unwrap_or_else(|| cal.on_or_after(doc.start));
        let finish = t.finish.or(t.actual_finish).unwrap_or_else(|| {
            if dur <= 1 {
                start
            } else {
                cal.add(start, dur - 1)
            }
        });
        dates.push((start, finish.max(start)));
    }
    // Children come after their summary, so going backwards every nested
    // summary is settled before its parent.
    for i in (0..n).rev() {
        let level = doc.tasks[i].outline_level;
        let mut span: Option<(NaiveDate, NaiveDate)> = None;
        for (j, t) in doc.tasks.iter().enumerate().skip(i + 1) {
            if t.outline_level <= level {
                break;
            }
            let (s, f) = dates[j];
            span = Some(match span {
                None => (s, f),
                Some((a, b)) => (a.min(s), b.max(f)),
            });
        }
        if let Some(span) = span {
            dates[i] = span;
        }
    }
    dates
}

/// Outline numbers ("1", "1.2", "1.2.3") from the outline levels.
fn outline_numbers(doc: &PlanDoc) -> Vec<String> {
    let mut counters: Vec<u32> = Vec::new();
    doc.tasks
        .iter()
        .map(|t| {
            let level = t.outline_level.max(1) as usize;
            counters.resize(level, 0);
            counters[level - 1] += 1;
            counters
                .iter()
                .map(|c| c.to_string())
                .collect::<Vec<_>>()
                .join(".")
        })
        .collect()
}

fn working_times(o: &mut Out) {
    o.open("WorkingTimes");
    for (from, to) in [("08:00:00", "12:00:00"), ("13:00:00", "17:00:00")] {
        o.open("WorkingTime");
        o.val("FromTime", from);
        o.val("ToTime", to);
        o.close("WorkingTime");
    }
    o.close("WorkingTimes");
}

/// The plan as an MSPDI document (UTF-8, MS Project 2007+ schema).
pub fn to_mspdi(doc: &PlanDoc) -> String {
    let cal = DocCalendar::new(&doc.calendar);
    let dates = shown_dates(doc, &cal);
    let outline = outline_numbers(doc);
    let project_finish = dates
        .iter()
        .map(|&(_, f)| f)
        .max()
        .unwrap_or(doc.start)
        .max(doc.start);
    let mut o = Out {
        s: String::with_capacity(2048 + doc.tasks.len() * 1024),
        depth: 0,
    };
    o.s.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n");
    o.s.push_str(&format!("<Project xmlns=\"{NAMESPACE}\">\n"));
    o.depth = 1;

    o.val("SaveVersion", 14);
    o.text("Name", &doc.title);
    o.text("Title", &doc.title);
    if !doc.goal.is_empty() {
        o.text("Subject", &doc.goal);
    }
    if let Some(kind) = &doc.kind {
        let label = PLAN_KINDS
            .iter()
            .find(|(code, _)| code == kind)
            .map_or(kind.as_str(), |(_, label)| label);
        o.text("Category", label);
    }
    o.val("ScheduleFromStart", 1);
    o.val("StartDate", at_start(doc.start));
    if let Some(end) = doc.end {
        o.val("FinishDate", at_finish(end));
    }
    o.val("CalendarUID", 1);
    o.val("DefaultStartTime", "08:00:00");
    o.val("DefaultFinishTime", "17:00:00");
    o.val("MinutesPerDay", MINUTES_PER_DAY);
    o.val("MinutesPerWeek", MINUTES_PER_DAY * 5);
    o.val("DaysPerMonth", 20);
    o.val("DurationFormat", 7);
    o.val("WorkFormat", 2);
    o.val("WeekStartDay", 1);
    o.val("NewTaskStartDate", 0);
    o.val("NewTasksAreManual", 0);

    o.open("ExtendedAttributes");
    for (id, field, alias) in [
        (FIELD_UNIT, "Text1", ALIAS_UNIT),
        (FIELD_STATUS, "Text2", ALIAS_STATUS),
    ] {
        o.open("ExtendedAttribute");
        o.val("FieldID", id);
        o.val("FieldName", field);
        o.text("Alias", alias);
        o.close("ExtendedAttribute");
    }
    o.close("ExtendedAttributes");

    write_calendar(&mut o, doc);

    o.open("Tasks");
    // The project summary task MS Project keeps as UID 0; its notes hold the
    // plan's goal and source documents.
    let mut notes = doc.goal.clone();
    for s in &doc.sources {
        if !notes.is_empty() {
            notes.push('\n');
        }
        notes.push_str(&format!(
            "{SOURCE_PREFIX}{}{SOURCE_SEP}{}{SOURCE_SEP}{}",
            s.issuer, s.number, s.title
        ));
    }
    o.open("Task");
    o.val("UID", 0);
    o.val("ID", 0);
    o.text("Name", &doc.title);
    o.val("Active", 1);
    o.val("Manual", 0);
    o.val("Type", 1);
    o.val("IsNull", 0);
    o.val("WBS", 0);
    o.val("OutlineNumber", 0);
    o.val("OutlineLevel", 0);
    o.val("Start", at_start(doc.start));
    o.val("Finish", at_finish(project_finish));
    o.val("Duration", duration(cal.span(doc.start, project_finish)));
    o.val("DurationFormat", 7);
    o.val("Milestone", 0);
    o.val("Summary", 1);
    o.val("ConstraintType", 0);
    if !notes.is_empty() {
        o.text("Notes", &notes);
    }
    o.close("Task");

    let uids = mspdi_uids(doc);
    let mut preds: HashMap<&str, Vec<&DocLink>> = HashMap::new();
    for l in &doc.links {
        preds.entry(l.succ.as_str()).or_default().push(l);
    }
    for (i, t) in doc.tasks.iter().enumerate() {
        let (start, finish) = dates[i];
        let milestone = t.milestone && !t.summary;
        o.open("Task");
        o.text("UID", &uids[t.uid.as_str()]);
        o.val("ID", i + 1);
        o.text("Name", &t.name);
        o.val("Active", 1);
        o.val("Manual", 0);
        // 0 = fixed units, what MS Project gives a new task; 1 = fixed duration.
        o.val("Type", if t.summary { 1 } else { 0 });
        o.val("IsNull", 0);
        o.val("WBS", &outline[i]);
        o.val("OutlineNumber", &outline[i]);
        o.val("OutlineLevel", t.outline_level.max(1));
        let task_preds = preds.get(t.uid.as_str());
        if milestone {
            // A milestone that follows other work marks the end of its day;
            // one that stands alone, the start.
            let at = if task_preds.is_some() {
                at_finish(finish)
            } else {
                at_start(start)
            };
            o.val("Start", &at);
            o.val("Finish", &at);
        } else {
            o.val("Start", at_start(start));
            o.val("Finish", at_finish(finish));
        }
        o.val("Duration", duration(if milestone { 0 } else { t.duration }));
        o.val("DurationFormat", 7);
        o.val("Milestone", flag(milestone));
        o.val("Summary", flag(t.summary));
        o.val("PercentComplete", t.percent_complete.clamp(0, 100));
        if let Some(d) = t.actual_start {
            o.val("ActualStart", at_start(d));
        }
        if let Some(d) = t.actual_finish {
            o.val("ActualFinish", at_finish(d));
        }
        match t.start {
            Some(d) => {
                o.val("ConstraintType", 4);
                o.val("ConstraintDate", at_start(d));
            }
            None => o.val("ConstraintType", 0),
        }
        if let Some(d) = t.deadline {
            o.val("Deadline", at_finish(d));
        }
        if !t.notes.is_empty() {
            o.text("Notes", &t.notes);
        }
        for l in task_preds.into_iter().flatten() {
            let Some(pred) = uids.get(l.pred.as_str()) else {
                continue;
            };
            o.open("PredecessorLink");
            o.text("PredecessorUID", pred);
            o.val("Type", link_type_code(l.kind));
            o.val("CrossProject", 0);
            o.val("LinkLag", l.lag * MINUTES_PER_DAY * 10);
            o.val("LagFormat", 7);
            o.close("PredecessorLink");
        }
        // The status as its Chinese label, which is what a user of MS Project
        // reads; the import accepts code or label.
        let status = t.status.as_deref().map(|s| {
            TASK_STATUSES
                .iter()
                .find(|(code, _)| *code == s)
                .map_or(s, |(_, label)| label)
        });
        for (id, value) in [(FIELD_UNIT, t.unit.as_deref()), (FIELD_STATUS, status)] {
            if let Some(v) = value.filter(|v| !v.is_empty()) {
                o.open("ExtendedAttribute");
                o.val("FieldID", id);
                o.text("Value", v);
                o.close("ExtendedAttribute");
            }
        }
        o.close("Task");
    }
    o.close("Tasks");
    o.s.push_str("</Project>\n");
    o.s
}

/// The UID each task gets in the file: its own when every task's UID is a
/// distinct whole number from 1 up (as MSPDI requires, 0 being the project
/// summary), else 1, 2, 3 … in outline order.
fn mspdi_uids(doc: &PlanDoc) -> HashMap<&str, String> {
    let mut seen = HashSet::new();
    let keep = doc.tasks.iter().all(|t| {
        let canonical = t
            .uid
            .parse::<i32>()
            .is_ok_and(|n| n >= 1 && n.to_string() == t.uid);
        canonical && seen.insert(t.uid.as_str())
    });
    doc.tasks
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let uid = if keep {
                t.uid.clone()
            } else {
                (i + 1).to_string()
            };
            (t.uid.as_str(), uid)
        })
        .collect()
}

/// The standard calendar: Monday to Friday 08:00–12:00 and 13:00–17:00, and
/// the plan's days as exceptions, runs of consecutive equal days merged into
/// one exception (国庆节 1–7 October is one entry, as MS Project shows it).
fn write_calendar(o: &mut Out, doc: &PlanDoc) {
    o.open("Calendars");
    o.open("Calendar");
    o.val("UID", 1);
    o.text("Name", "标准");
    o.val("IsBaseCalendar", 1);
    o.val("IsBaselineCalendar", 0);
    o.val("BaseCalendarUID", -1);
    o.open("WeekDays");
    // DayType 1 is Sunday … 7 Saturday.
    for day in 1..=7 {
        let working = (2..=6).contains(&day);
        o.open("WeekDay");
        o.val("DayType", day);
        o.val("DayWorking", flag(working));
        if working {
            working_times(o);
        }
        o.close("WeekDay");
    }
    o.close("WeekDays");

    // Later entries win, as in the app's calendar.
    let mut days: BTreeMap<NaiveDate, (bool, &str)> = BTreeMap::new();
    for d in &doc.calendar {
        days.insert(d.date, (d.working, d.name.as_str()));
    }
    let mut runs: Vec<(NaiveDate, NaiveDate, bool, &str)> = Vec::new();
    for (&date, &(working, name)) in &days {
        match runs.last_mut() {
            Some(run) if run.1.succ_opt() == Some(date) && run.2 == working && run.3 == name => {
                run.1 = date;
            }
            _ => runs.push((date, date, working, name)),
        }
    }
    if !runs.is_empty() {
        o.open("Exceptions");
        for (from, to, working, name) in runs {
            o.open("Exception");
            o.val("EnteredByOccurrences", 0);
            o.open("TimePeriod");
            o.val("FromDate", format!("{}T00:00:00", from.format("%Y-%m-%d")));
            o.val("ToDate", format!("{}T23:59:00", to.format("%Y-%m-%d")));
            o.close("TimePeriod");
            o.val("Occurrences", 1);
            if !name.is_empty() {
                o.text("Name", name);
            }
            // 1 = daily: every day of the period.
            o.val("Type", 1);
            o.val("DayWorking", flag(working));
            if working {
                working_times(o);
            }
            o.close("Exception");
        }
        o.close("Exceptions");
    }
    o.close("Calendar");
    o.close("Calendars");
}
