//! The scheduler's entry point and its result.
use chrono::NaiveDate;
use serde::Serialize;
use std::collections::HashMap;

use crate::calendar::WorkCalendar;
use crate::error::ScheduleError;
use crate::model::{Link, Task, TaskId};
use crate::network::Network;
use crate::rollup::Row;
use crate::{constraints, cpm, rollup};

/// One task's computed dates. Dates are calendar dates on working days; a
/// finish is inclusive (a one-day task starting Monday finishes Monday) and a
/// milestone's start equals its finish. Floats are in working days.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ScheduledTask {
    pub id: TaskId,
    /// A summary task: its dates span its children and it has no links.
    pub summary: bool,
    pub early_start: NaiveDate,
    pub early_finish: NaiveDate,
    pub late_start: NaiveDate,
    pub late_finish: NaiveDate,
    /// Working days from early start to early finish, both included (0 for a
    /// milestone).
    pub duration: i64,
    pub total_float: i64,
    pub free_float: i64,
    /// Total float ≤ 0 and not yet finished.
    pub critical: bool,
    /// Total float < 0: a deadline on this task or after it cannot be met.
    pub cannot_meet_deadline: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct Schedule {
    pub project_start: NaiveDate,
    /// The latest early finish of any task.
    pub project_finish: NaiveDate,
    /// In the order the tasks were given.
    pub tasks: Vec<ScheduledTask>,
    /// The critical leaf tasks in precedence order.
    pub critical_path: Vec<TaskId>,
    #[serde(skip)]
    position: HashMap<TaskId, usize>,
}

impl Schedule {
    pub fn get(&self, id: TaskId) -> Option<&ScheduledTask> {
        self.position.get(&id).map(|&i| &self.tasks[i])
    }
}

/// Schedules a plan from `project_start` on `calendar`: a forward and a
/// backward pass over the links in precedence order, then the summary tasks'
/// roll-up. Links must join leaf tasks; cyclic links, unknown ids and links to
/// summary tasks are refused with a message naming the tasks.
pub fn schedule(
    tasks: &[Task],
    links: &[Link],
    calendar: &WorkCalendar,
    project_start: NaiveDate,
) -> Result<Schedule, ScheduleError> {
    let net = Network::build(tasks, links)?;
    let start = calendar.working_day_index(project_start);
    let inputs = constraints::prepare(&net, calendar, start)?;
    let (times, project_end) = cpm::run(&net, &inputs, start);
    let rows = rollup::rows(&net, &inputs, &times);

    let date = |index: i64| {
        calendar
            .date_of_working_day(index)
            .ok_or(ScheduleError::DateOutOfRange)
    };
    let mut out = Vec::with_capacity(tasks.len());
    for (i, task) in tasks.iter().enumerate() {
        out.push(dated(
            task.id,
            net.is_summary[i],
            &rows[i],
            inputs.span[i],
            date,
        )?);
    }
    let critical_path = net
        .precedence
        .iter()
        .filter(|&&i| rows[i].critical)
        .map(|&i| tasks[i].id)
        .collect();
    let position = tasks.iter().enumerate().map(|(i, t)| (t.id, i)).collect();
    Ok(Schedule {
        project_start,
        project_finish: date((project_end - 1).max(start))?,
        tasks: out,
        critical_path,
        position,
    })
}

fn dated(
    id: TaskId,
    summary: bool,
    row: &Row,
    span: i64,
    date: impl Fn(i64) -> Result<NaiveDate, ScheduleError>,
) -> Result<ScheduledTask, ScheduleError> {
    Ok(ScheduledTask {
        id,
        summary,
        early_start: date(row.start)?,
        early_finish: date(row.finish)?,
        late_start: date(row.late_start)?,
        late_finish: date(row.late_finish)?,
        duration: if summary {
            row.finish - row.start + 1
        } else {
            span
        },
        total_float: row.total_float,
        free_float: row.free_float,
        critical: row.critical,
        cannot_meet_deadline: row.cannot_meet_deadline,
    })
}
