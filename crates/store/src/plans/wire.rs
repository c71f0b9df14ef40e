//! The chart as it crosses to the window (docs/ipc-plans.md, "The chart on
//! the wire"): column arrays instead of an object per task, dates as day
//! numbers since 1970-01-01, unit and person names once in a table. An edit
//! answers with a delta against the chart the window was last sent: the
//! tasks and links that changed, the ones removed, and the chart's own
//! fields that changed. `ChartCache` keeps that last chart and numbers every
//! answer (`rev`), so the window applies a delta only to the chart it was
//! computed against and asks for the whole chart otherwise.
use super::chart::{Chart, ChartBaseline, ChartCalendar, ChartLink, ChartTask};
use chrono::Datelike;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap, HashSet};

/// The day number of a "YYYY-MM-DD" date: days since 1970-01-01 (the
/// window's `days.js` counts the same way). Anything else is None.
pub fn day_number(text: &str) -> Option<i32> {
    let b = text.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let digits = |r: std::ops::Range<usize>| -> Option<i32> {
        b[r].iter().try_fold(0i32, |acc, c| {
            c.is_ascii_digit().then(|| acc * 10 + i32::from(c - b'0'))
        })
    };
    let (y, m, d) = (digits(0..4)?, digits(5..7)?, digits(8..10)?);
    // chrono knows the calendar (month lengths, leap years); the digits are
    // read by hand because this runs for every date of every task.
    let date = chrono::NaiveDate::from_ymd_opt(y, u32::try_from(m).ok()?, u32::try_from(d).ok()?)?;
    Some(date.num_days_from_ce() - UNIX_EPOCH_FROM_CE)
}

/// `NaiveDate::num_days_from_ce` of 1970-01-01.
const UNIX_EPOCH_FROM_CE: i32 = 719_163;

fn day(text: &str) -> i32 {
    day_number(text).unwrap_or(i32::MIN)
}

fn opt_day(text: &Option<String>) -> Option<i32> {
    text.as_deref().and_then(day_number)
}

/// Tasks as columns: entry `i` of every array is task `i`.
#[derive(Debug, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TaskColumns<'a> {
    pub id: Vec<i64>,
    pub parent_id: Vec<Option<i64>>,
    pub kind: Vec<&'a str>,
    pub outline: Vec<&'a str>,
    pub depth: Vec<usize>,
    pub position: Vec<i64>,
    pub name: Vec<&'a str>,
    pub goal: Vec<&'a str>,
    pub content: Vec<&'a str>,
    pub lead_unit_id: Vec<Option<i64>>,
    pub cooperating_unit_ids: Vec<&'a [i64]>,
    pub person_id: Vec<Option<i64>>,
    pub start: Vec<Option<i32>>,
    pub duration: Vec<i64>,
    pub deadline: Vec<Option<i32>>,
    pub progress: Vec<i64>,
    pub status: Vec<&'a str>,
    pub actual_start: Vec<Option<i32>>,
    pub actual_finish: Vec<Option<i32>>,
    pub external_uid: Vec<Option<&'a str>>,
    pub early_start: Vec<i32>,
    pub early_finish: Vec<i32>,
    pub late_start: Vec<i32>,
    pub late_finish: Vec<i32>,
    pub total_float: Vec<i64>,
    pub free_float: Vec<i64>,
    pub critical: Vec<u8>,
    pub cannot_meet_deadline: Vec<u8>,
    pub due_state: Vec<&'a str>,
    pub baseline_variance: Vec<Option<i64>>,
    /// Unit and person names, and the label of each status, once.
    pub units: BTreeMap<i64, &'a str>,
    pub people: BTreeMap<i64, &'a str>,
    pub status_labels: BTreeMap<&'a str, &'a str>,
}

impl<'a> TaskColumns<'a> {
    fn with_capacity(n: usize) -> Self {
        TaskColumns {
            id: Vec::with_capacity(n),
            parent_id: Vec::with_capacity(n),
            kind: Vec::with_capacity(n),
            outline: Vec::with_capacity(n),
            depth: Vec::with_capacity(n),
            position: Vec::with_capacity(n),
            name: Vec::with_capacity(n),
            goal: Vec::with_capacity(n),
            content: Vec::with_capacity(n),
            lead_unit_id: Vec::with_capacity(n),
            cooperating_unit_ids: Vec::with_capacity(n),
            person_id: Vec::with_capacity(n),
            start: Vec::with_capacity(n),
            duration: Vec::with_capacity(n),
            deadline: Vec::with_capacity(n),
            progress: Vec::with_capacity(n),
            status: Vec::with_capacity(n),
            actual_start: Vec::with_capacity(n),
            actual_finish: Vec::with_capacity(n),
            external_uid: Vec::with_capacity(n),
            early_start: Vec::with_capacity(n),
            early_finish: Vec::with_capacity(n),
            late_start: Vec::with_capacity(n),
            late_finish: Vec::with_capacity(n),
            total_float: Vec::with_capacity(n),
            free_float: Vec::with_capacity(n),
            critical: Vec::with_capacity(n),
            cannot_meet_deadline: Vec::with_capacity(n),
            due_state: Vec::with_capacity(n),
            baseline_variance: Vec::with_capacity(n),
            ..Default::default()
        }
    }

    fn push(&mut self, t: &'a ChartTask) {
        self.id.push(t.id);
        self.parent_id.push(t.parent_id);
        self.kind.push(&t.kind);
        self.outline.push(&t.outline);
        self.depth.push(t.depth);
        self.position.push(t.position);
        self.name.push(&t.name);
        self.goal.push(&t.goal);
        self.content.push(&t.content);
        self.lead_unit_id.push(t.lead_unit_id);
        if let (Some(u), Some(n)) = (t.lead_unit_id, t.lead_unit_name.as_deref()) {
            self.units.insert(u, n);
        }
        // The core names every unit it has; a name missing (never so far)
        // leaves the window to name the ones the table has.
        if t.cooperating_unit_ids.len() == t.cooperating_unit_names.len() {
            for (u, n) in t.cooperating_unit_ids.iter().zip(&t.cooperating_unit_names) {
                self.units.insert(*u, n);
            }
        }
        self.cooperating_unit_ids.push(&t.cooperating_unit_ids);
        self.person_id.push(t.person_id);
        if let (Some(p), Some(n)) = (t.person_id, t.person_name.as_deref()) {
            self.people.insert(p, n);
        }
        self.start.push(opt_day(&t.start));
        self.duration.push(t.duration);
        self.deadline.push(opt_day(&t.deadline));
        self.progress.push(t.progress);
        self.status.push(&t.status);
        self.status_labels.insert(&t.status, &t.status_label);
        self.actual_start.push(opt_day(&t.actual_start));
        self.actual_finish.push(opt_day(&t.actual_finish));
        self.external_uid.push(t.external_uid.as_deref());
        self.early_start.push(day(&t.early_start));
        self.early_finish.push(day(&t.early_finish));
        self.late_start.push(day(&t.late_start));
        self.late_finish.push(day(&t.late_finish));
        self.total_float.push(t.total_float);
        self.free_float.push(t.free_float);
        self.critical.push(u8::from(t.critical));
        self.cannot_meet_deadline
            .push(u8::from(t.cannot_meet_deadline));
        self.due_state.push(t.due_state);
        self.baseline_variance.push(t.baseline_variance);
    }

    pub fn len(&self) -> usize {
        self.id.len()
    }

    pub fn is_empty(&self) -> bool {
        self.id.is_empty()
    }
}

#[derive(Debug, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LinkColumns<'a> {
    pub id: Vec<i64>,
    pub pred_id: Vec<i64>,
    pub succ_id: Vec<i64>,
    pub kind: Vec<&'a str>,
    pub lag: Vec<i64>,
}

impl<'a> LinkColumns<'a> {
    fn push(&mut self, l: &'a ChartLink) {
        self.id.push(l.id);
        self.pred_id.push(l.pred_id);
        self.succ_id.push(l.succ_id);
        self.kind.push(&l.kind);
        self.lag.push(l.lag);
    }
}

/// The whole chart on the wire. `plan`, `today`, `projectStart`,
/// `projectFinish`, `criticalPath`, `calendar`, `baselines` and `baseline`
/// are as in the chart; `tasks` and `links` are columns.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct WireChart<'a> {
    pub format: &'static str,
    pub rev: u64,
    pub baseline_id: Option<i64>,
    pub plan: &'a super::Plan,
    pub today: &'a str,
    pub project_start: &'a str,
    pub project_finish: &'a str,
    pub critical_path: &'a [i64],
    pub calendar: &'a ChartCalendar,
    pub baselines: &'a [super::BaselineInfo],
    pub baseline: Option<&'a ChartBaseline>,
    pub tasks: TaskColumns<'a>,
    pub links: LinkColumns<'a>,
}

pub const WIRE_FORMAT: &str = "chart-columns/1";
pub const DELTA_FORMAT: &str = "chart-delta/1";

pub fn encode(chart: &Chart, rev: u64, baseline_id: Option<i64>) -> WireChart<'_> {
    let mut tasks = TaskColumns::with_capacity(chart.tasks.len());
    for t in &chart.tasks {
        tasks.push(t);
    }
    let mut links = LinkColumns::default();
    for l in &chart.links {
        links.push(l);
    }
    WireChart {
        format: WIRE_FORMAT,
        rev,
        baseline_id,
        plan: &chart.plan,
        today: &chart.today,
        project_start: &chart.project_start,
        project_finish: &chart.project_finish,
        critical_path: &chart.critical_path,
        calendar: &chart.calendar,
        baselines: &chart.baselines,
        baseline: chart.baseline.as_ref(),
        tasks,
        links,
    }
}

/// What an edit changed, against the chart numbered `base`. Tasks and links
/// listed are whole (new or changed); `order` (every task id in outline
/// order) is there only when tasks were added, removed or reordered, and
/// `linkOrder` likewise for links. The chart's own fields are there when
/// they changed.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct WireDelta<'a> {
    pub format: &'static str,
    pub base: u64,
    pub rev: u64,
    pub baseline_id: Option<i64>,
    pub plan: &'a super::Plan,
    pub today: &'a str,
    pub project_start: &'a str,
    pub project_finish: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub critical_path: Option<&'a [i64]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub calendar: Option<&'a ChartCalendar>,
    pub baselines: &'a [super::BaselineInfo],
    /// Present (possibly null) only when the baseline shown changed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub baseline: Option<Option<&'a ChartBaseline>>,
    pub tasks: TaskColumns<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub order: Option<Vec<i64>>,
    pub links: LinkColumns<'a>,
    pub removed_links: Vec<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub link_order: Option<Vec<i64>>,
}

impl WireDelta<'_> {
    /// Changed or new tasks.
    pub fn changed_tasks(&self) -> &[i64] {
        &self.tasks.id
    }
}

/// The delta from `before` to `after`.
pub fn delta<'a>(
    before: &Chart,
    after: &'a Chart,
    base: u64,
    rev: u64,
    baseline_id: Option<i64>,
) -> WireDelta<'a> {
    let old: HashMap<i64, &ChartTask> = before.tasks.iter().map(|t| (t.id, t)).collect();
    let mut tasks = TaskColumns::default();
    for t in &after.tasks {
        if old.get(&t.id).is_none_or(|o| *o != t) {
            tasks.push(t);
        }
    }
    let same_order = before.tasks.len() == after.tasks.len()
        && before
            .tasks
            .iter()
            .zip(&after.tasks)
            .all(|(a, b)| a.id == b.id);
    let old_links: HashMap<i64, &ChartLink> = before.links.iter().map(|l| (l.id, l)).collect();
    let new_ids: HashSet<i64> = after.links.iter().map(|l| l.id).collect();
    let mut links = LinkColumns::default();
    for l in &after.links {
        if old_links.get(&l.id).is_none_or(|o| *o != l) {
            links.push(l);
        }
    }
    let removed_links: Vec<i64> = before
        .links
        .iter()
        .map(|l| l.id)
        .filter(|id| !new_ids.contains(id))
        .collect();
    // Without an order the window keeps the links left in place and appends
    // the new ones; say the order when that would not give `after`'s.
    let kept = before
        .links
        .iter()
        .map(|l| l.id)
        .filter(|id| new_ids.contains(id));
    let appended = after
        .links
        .iter()
        .map(|l| l.id)
        .filter(|id| !old_links.contains_key(id));
    let same_link_order = kept.chain(appended).eq(after.links.iter().map(|l| l.id));
    WireDelta {
        format: DELTA_FORMAT,
        base,
        rev,
        baseline_id,
        plan: &after.plan,
        today: &after.today,
        project_start: &after.project_start,
        project_finish: &after.project_finish,
        critical_path: (before.critical_path != after.critical_path)
            .then_some(after.critical_path.as_slice()),
        calendar: (before.calendar != after.calendar).then_some(&after.calendar),
        baselines: &after.baselines,
        baseline: (before.baseline != after.baseline).then_some(after.baseline.as_ref()),
        tasks,
        order: (!same_order).then(|| after.tasks.iter().map(|t| t.id).collect()),
        links,
        removed_links,
        link_order: (!same_link_order).then(|| after.links.iter().map(|l| l.id).collect()),
    }
}

/// The last chart sent to the window, by plan and baseline, with its number.
#[derive(Default)]
pub struct ChartCache {
    last: Option<Sent>,
    counter: u64,
}

struct Sent {
    plan_id: i64,
    baseline_id: Option<i64>,
    rev: u64,
    chart: Chart,
}

impl ChartCache {
    fn next(&mut self) -> u64 {
        self.counter += 1;
        self.counter
    }

    /// The whole chart as JSON, remembered as the window's.
    pub fn whole(&mut self, chart: Chart, baseline_id: Option<i64>) -> crate::Result<String> {
        let rev = self.next();
        let json = to_json(&encode(&chart, rev, baseline_id))?;
        self.remember(chart, baseline_id, rev);
        Ok(json)
    }

    /// The baseline the window shows for this plan, if the last chart sent
    /// was this plan's (an edit answers with the same baseline).
    pub fn baseline_for(&self, plan_id: i64) -> Option<i64> {
        self.last
            .as_ref()
            .filter(|s| s.plan_id == plan_id)
            .and_then(|s| s.baseline_id)
    }

    /// The answer to an edit as JSON: a delta against the last chart sent
    /// when that was this plan's with this baseline, else the whole chart.
    pub fn edited(&mut self, chart: Chart, baseline_id: Option<i64>) -> crate::Result<String> {
        let prev = match self.last.take() {
            Some(p) if p.plan_id == chart.plan.id && p.baseline_id == baseline_id => p,
            _ => return self.whole(chart, baseline_id),
        };
        let rev = self.next();
        let json = to_json(&delta(&prev.chart, &chart, prev.rev, rev, baseline_id))?;
        self.remember(chart, baseline_id, rev);
        Ok(json)
    }

    fn remember(&mut self, chart: Chart, baseline_id: Option<i64>, rev: u64) {
        self.last = Some(Sent {
            plan_id: chart.plan.id,
            baseline_id,
            rev,
            chart,
        });
    }

    /// Forgets the chart sent (the window will be sent a whole one next).
    pub fn clear(&mut self) {
        self.last = None;
    }
}

fn to_json<T: Serialize>(value: &T) -> crate::Result<String> {
    serde_json::to_string(value)
        .map_err(|e| diaodu_domain::CoreError::internal(format!("图表无法序列化：{e}")))
}

/// The reference reading of the wire form, in the chart's own JSON shape
/// (what `serde_json::to_value(&Chart)` gives). The window's decoder
/// (`ui/js/api/chart-wire.js`) does the same; the tests hold both to it.
pub mod reading {
    use serde_json::{json, Map, Value};

    const DATES: [&str; 8] = [
        "start",
        "deadline",
        "actualStart",
        "actualFinish",
        "earlyStart",
        "earlyFinish",
        "lateStart",
        "lateFinish",
    ];
    const FLAGS: [&str; 2] = ["critical", "cannotMeetDeadline"];
    const TABLES: [&str; 3] = ["units", "people", "statusLabels"];

    /// "YYYY-MM-DD" of a day number.
    /// A day outside chrono's range reads as an empty text.
    pub fn day_text(day: i64) -> String {
        chrono::NaiveDate::from_ymd_opt(1970, 1, 1)
            .and_then(|epoch| epoch.checked_add_signed(chrono::Duration::try_days(day)?))
            .map_or_else(String::new, |d| d.to_string())
    }

    fn cell(key: &str, v: &Value) -> Value {
        if DATES.contains(&key) {
            return v.as_i64().map_or(Value::Null, |d| day_text(d).into());
        }
        if FLAGS.contains(&key) {
            return Value::Bool(v.as_i64() == Some(1));
        }
        v.clone()
    }

    /// Task objects from task columns.
    pub fn tasks(cols: &Value) -> Vec<Value> {
        let ids = cols["id"].as_array().cloned().unwrap_or_default();
        let name = |table: &str, id: &Value| -> Value {
            id.as_i64()
                .and_then(|i| cols[table].get(i.to_string()).cloned())
                .unwrap_or(Value::Null)
        };
        let mut out = Vec::with_capacity(ids.len());
        for i in 0..ids.len() {
            let mut t = Map::new();
            for (key, col) in cols.as_object().into_iter().flatten() {
                if TABLES.contains(&key.as_str()) {
                    continue;
                }
                t.insert(key.clone(), cell(key, &col[i]));
            }
            t.insert("leadUnitName".into(), name("units", &t["leadUnitId"]));
            let coop: Vec<Value> = t["cooperatingUnitIds"]
                .as_array()
                .into_iter()
                .flatten()
                .map(|u| name("units", u))
                .filter(|n| !n.is_null())
                .collect();
            t.insert("cooperatingUnitNames".into(), coop.into());
            t.insert("personName".into(), name("people", &t["personId"]));
            let status = t["status"].as_str().unwrap_or("").to_string();
            t.insert(
                "statusLabel".into(),
                cols["statusLabels"][status.as_str()].clone(),
            );
            let milestone = t["kind"] == "task" && t["duration"] == 0;
            t.insert("milestone".into(), milestone.into());
            out.push(Value::Object(t));
        }
        out
    }

    pub fn links(cols: &Value) -> Vec<Value> {
        let n = cols["id"].as_array().map_or(0, Vec::len);
        (0..n)
            .map(|i| {
                json!({"id": cols["id"][i], "predId": cols["predId"][i], "succId": cols["succId"][i],
                       "kind": cols["kind"][i], "lag": cols["lag"][i]})
            })
            .collect()
    }

    const HEAD: [&str; 8] = [
        "plan",
        "today",
        "projectStart",
        "projectFinish",
        "criticalPath",
        "calendar",
        "baselines",
        "baseline",
    ];

    /// The chart of a whole wire chart.
    pub fn chart(wire: &Value) -> Value {
        let mut c = Map::new();
        for k in HEAD {
            c.insert(k.into(), wire[k].clone());
        }
        c.insert("tasks".into(), tasks(&wire["tasks"]).into());
        c.insert("links".into(), links(&wire["links"]).into());
        Value::Object(c)
    }

    /// `chart` with `delta` applied.
    pub fn apply(chart: &Value, delta: &Value) -> Value {
        let mut c = chart.clone();
        for k in HEAD {
            if let Some(v) = delta.get(k) {
                c[k] = v.clone();
            }
        }
        let changed = tasks(&delta["tasks"]);
        let by_id = |list: &[Value]| -> std::collections::HashMap<i64, Value> {
            list.iter()
                .map(|t| (t["id"].as_i64().unwrap_or(0), t.clone()))
                .collect()
        };
        let mut all = by_id(chart["tasks"].as_array().map_or(&[][..], |v| v));
        for t in &changed {
            all.insert(t["id"].as_i64().unwrap_or(0), t.clone());
        }
        let order: Vec<i64> = match delta.get("order") {
            Some(o) => o
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(Value::as_i64)
                .collect(),
            None => chart["tasks"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|t| t["id"].as_i64())
                .collect(),
        };
        c["tasks"] = order.iter().filter_map(|id| all.get(id).cloned()).collect();
        let new_links = links(&delta["links"]);
        let removed: Vec<i64> = delta["removedLinks"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(Value::as_i64)
            .collect();
        let mut all = by_id(chart["links"].as_array().map_or(&[][..], |v| v));
        let mut order: Vec<i64> = chart["links"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|l| l["id"].as_i64())
            .filter(|id| !removed.contains(id))
            .collect();
        for l in &new_links {
            let id = l["id"].as_i64().unwrap_or(0);
            if all.insert(id, l.clone()).is_none() {
                order.push(id);
            }
        }
        if let Some(o) = delta.get("linkOrder") {
            order = o
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(Value::as_i64)
                .collect();
        }
        c["links"] = order.iter().filter_map(|id| all.get(id).cloned()).collect();
        c
    }
}
