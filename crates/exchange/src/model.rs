//! The plan as the exchange formats carry it: plain data, and with serde's
//! camelCase names exactly the documented JSON form (`docs/plan-json.md`).
use chrono::NaiveDate;
use diaodu_schedule::{CalendarOverride, LinkKind};
use serde::{Deserialize, Serialize};

/// The value of [`PlanDoc::format`].
pub const FORMAT_NAME: &str = "diaodu-plan";
/// The version of the JSON form this crate writes and the newest it reads.
pub const FORMAT_VERSION: u32 = 1;

/// The dispatch kinds a plan may have (`PlanDoc::kind`) and their labels.
pub const PLAN_KINDS: [(&str, &str); 3] = [
    ("key", "重点调度"),
    ("special", "专项调度"),
    ("daily", "日常调度"),
];

/// The statuses of the closed loop a task may have (`DocTask::status`) and
/// their labels, and 已撤销 (a task kept but no longer to be done).
pub const TASK_STATUSES: [(&str, &str); 6] = [
    ("planned", "计划安排"),
    ("in_progress", "组织实施"),
    ("supervising", "督办落实"),
    ("rectifying", "整改完善"),
    ("closed", "完成闭合"),
    ("cancelled", "已撤销"),
];

/// A whole plan: its heading, tasks in outline order, links and the days of
/// its calendar that differ from the weekend rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PlanDoc {
    /// Always `"diaodu-plan"`.
    #[serde(default = "default_format")]
    pub format: String,
    /// Version of the form; this crate writes and reads 1.
    #[serde(default = "default_version")]
    pub version: u32,
    pub title: String,
    /// `"key"` (重点调度), `"special"` (专项调度) or `"daily"` (日常调度).
    #[serde(default)]
    pub kind: Option<String>,
    #[serde(default)]
    pub goal: String,
    #[serde(with = "date")]
    pub start: NaiveDate,
    #[serde(default, with = "opt_date")]
    pub end: Option<NaiveDate>,
    /// The documents the plan carries out.
    #[serde(default)]
    pub sources: Vec<DocSource>,
    /// Depth first: every task comes right after its parent (or after the
    /// parent's earlier sub-trees).
    #[serde(default)]
    pub tasks: Vec<DocTask>,
    #[serde(default)]
    pub links: Vec<DocLink>,
    /// Days that differ from "Monday to Friday work": holidays off, make-up
    /// days on, the mine's own days.
    #[serde(default, deserialize_with = "calendar_days")]
    pub calendar: Vec<CalendarOverride>,
}

/// A source document: issuing body, document number, title.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DocSource {
    #[serde(default)]
    pub issuer: String,
    #[serde(default)]
    pub number: String,
    #[serde(default)]
    pub title: String,
}

/// A task or stage.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DocTask {
    /// The key links use; in MSPDI the task's `<UID>`. Numbers are read as
    /// their decimal text.
    #[serde(with = "uid")]
    pub uid: String,
    #[serde(default)]
    pub name: String,
    /// 1 for a top-level task or stage; a task's sub-tasks are one deeper.
    #[serde(default = "one")]
    pub outline_level: u32,
    /// A stage, or a task broken into sub-tasks.
    #[serde(default)]
    pub summary: bool,
    #[serde(default)]
    pub milestone: bool,
    /// Planned start: the task starts no earlier than this.
    #[serde(default, with = "opt_date")]
    pub start: Option<NaiveDate>,
    /// Scheduled finish (inclusive). Informative: written on export, never
    /// needed on import.
    #[serde(default, with = "opt_date")]
    pub finish: Option<NaiveDate>,
    /// Working days; 0 for a milestone.
    #[serde(default)]
    pub duration: i64,
    /// 完成时限: finish no later than this.
    #[serde(default, with = "opt_date")]
    pub deadline: Option<NaiveDate>,
    /// 0 to 100.
    #[serde(default)]
    pub percent_complete: i64,
    #[serde(default, with = "opt_date")]
    pub actual_start: Option<NaiveDate>,
    #[serde(default, with = "opt_date")]
    pub actual_finish: Option<NaiveDate>,
    #[serde(default)]
    pub notes: String,
    /// The lead responsible unit, by name.
    #[serde(default)]
    pub unit: Option<String>,
    /// One of the codes of [`TASK_STATUSES`].
    #[serde(default)]
    pub status: Option<String>,
}

/// A precedence between two tasks, by their UIDs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DocLink {
    #[serde(with = "uid")]
    pub pred: String,
    #[serde(with = "uid")]
    pub succ: String,
    /// `"FS"`, `"SS"`, `"FF"` or `"SF"`; FS when left out.
    #[serde(default = "fs")]
    pub kind: LinkKind,
    /// Working days; negative for a lead.
    #[serde(default)]
    pub lag: i64,
}

impl PlanDoc {
    /// An empty plan with the given title and start.
    pub fn new(title: impl Into<String>, start: NaiveDate) -> Self {
        PlanDoc {
            format: default_format(),
            version: FORMAT_VERSION,
            title: title.into(),
            kind: None,
            goal: String::new(),
            start,
            end: None,
            sources: Vec::new(),
            tasks: Vec::new(),
            links: Vec::new(),
            calendar: Vec::new(),
        }
    }

    /// The task with this UID.
    pub fn task(&self, uid: &str) -> Option<&DocTask> {
        self.tasks.iter().find(|t| t.uid == uid)
    }
}

impl DocTask {
    /// A top-level task of `duration` working days with nothing else set.
    pub fn new(uid: impl Into<String>, name: impl Into<String>, duration: i64) -> Self {
        DocTask {
            uid: uid.into(),
            name: name.into(),
            outline_level: 1,
            summary: false,
            milestone: false,
            start: None,
            finish: None,
            duration,
            deadline: None,
            percent_complete: 0,
            actual_start: None,
            actual_finish: None,
            notes: String::new(),
            unit: None,
            status: None,
        }
    }
}

impl DocLink {
    pub fn new(pred: impl Into<String>, succ: impl Into<String>, kind: LinkKind, lag: i64) -> Self {
        DocLink {
            pred: pred.into(),
            succ: succ.into(),
            kind,
            lag,
        }
    }
}

fn default_format() -> String {
    FORMAT_NAME.to_string()
}

fn default_version() -> u32 {
    FORMAT_VERSION
}

fn one() -> u32 {
    1
}

fn fs() -> LinkKind {
    LinkKind::FinishToStart
}

/// `YYYY-MM-DD`, strictly.
pub(crate) fn parse_iso_date(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    if s.len() != 10 {
        return None;
    }
    NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
}

fn bad_date(s: &str) -> String {
    format!("日期“{s}”不对，应为 YYYY-MM-DD 格式的有效日期")
}

mod date {
    use super::*;
    use serde::{de::Error, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(d: &NaiveDate, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(&d.format("%Y-%m-%d"))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveDate, D::Error> {
        let s = String::deserialize(d)?;
        parse_iso_date(&s).ok_or_else(|| D::Error::custom(bad_date(&s)))
    }
}

mod opt_date {
    use super::*;
    use serde::{de::Error, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(d: &Option<NaiveDate>, s: S) -> Result<S::Ok, S::Error> {
        match d {
            Some(d) => s.collect_str(&d.format("%Y-%m-%d")),
            None => s.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<NaiveDate>, D::Error> {
        match Option::<String>::deserialize(d)? {
            None => Ok(None),
            Some(s) if s.trim().is_empty() => Ok(None),
            Some(s) => parse_iso_date(&s)
                .map(Some)
                .ok_or_else(|| D::Error::custom(bad_date(&s))),
        }
    }
}

mod uid {
    use serde::de::{Error, Visitor};
    use serde::{Deserializer, Serializer};
    use std::fmt;

    pub fn serialize<S: Serializer>(u: &str, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(u)
    }

    struct UidVisitor;

    impl<'de> Visitor<'de> for UidVisitor {
        type Value = String;

        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("UID（字符串或整数）")
        }

        fn visit_str<E: Error>(self, v: &str) -> Result<String, E> {
            Ok(v.to_string())
        }

        fn visit_string<E: Error>(self, v: String) -> Result<String, E> {
            Ok(v)
        }

        fn visit_i64<E: Error>(self, v: i64) -> Result<String, E> {
            Ok(v.to_string())
        }

        fn visit_u64<E: Error>(self, v: u64) -> Result<String, E> {
            Ok(v.to_string())
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
        d.deserialize_any(UidVisitor)
    }
}

/// The calendar list, with the same Chinese message for a bad date as
/// everywhere else.
fn calendar_days<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> Result<Vec<CalendarOverride>, D::Error> {
    #[derive(Deserialize)]
    struct Day {
        #[serde(with = "date")]
        date: NaiveDate,
        working: bool,
        #[serde(default)]
        name: String,
    }
    let days = Vec::<Day>::deserialize(d)?;
    Ok(days
        .into_iter()
        .map(|d| CalendarOverride {
            date: d.date,
            working: d.working,
            name: d.name,
        })
        .collect())
}
