//! Turns the tasks' dates (project start, start-no-earlier-than, deadline,
//! recorded actuals) into working-day boundaries for the passes, and hands a
//! summary task's dates down to every task under it.
use chrono::NaiveDate;

use crate::calendar::WorkCalendar;
use crate::cpm::{Inputs, Pinned};
use crate::error::{display_name, ScheduleError};
use crate::network::Network;

pub(crate) fn prepare(
    net: &Network,
    cal: &WorkCalendar,
    project_start: i64,
) -> Result<Inputs, ScheduleError> {
    let n = net.len();
    let mut inputs = Inputs {
        span: vec![0; n],
        not_before: vec![project_start; n],
        finish_limit: vec![None; n],
        pinned: vec![None; n],
    };
    // Parents come first, so a child starts from its parent's inherited
    // bounds and tightens them with its own.
    for &i in &net.top_down {
        let task = &net.tasks[i];
        let (mut not_before, mut limit) = (project_start, None);
        if let Some(p) = net.parent[i] {
            not_before = inputs.not_before[p];
            limit = inputs.finish_limit[p];
        }
        if let Some(d) = task.start_no_earlier_than {
            not_before = not_before.max(cal.working_day_index(d));
        }
        if let Some(d) = task.deadline {
            let own = end_of(cal, d);
            limit = Some(limit.map_or(own, |l: i64| l.min(own)));
        }
        inputs.not_before[i] = not_before;
        inputs.finish_limit[i] = limit;
        if !net.is_summary[i] {
            let (span, pin) = actuals(net, cal, i)?;
            inputs.span[i] = span;
            inputs.pinned[i] = pin;
        }
    }
    Ok(inputs)
}

/// The boundary that ends `date` (or the last working day before it, when it
/// is a day off): a finish dated on or before `date` ends at or before it.
fn end_of(cal: &WorkCalendar, date: NaiveDate) -> i64 {
    cal.working_day_index(date) + i64::from(cal.is_working(date))
}

/// The task's length and recorded position. Recorded dates are facts, so they
/// replace what the links would give; a recorded date on a day off moves to
/// the nearest working day inside the recorded period, because positions are
/// counted in working days. A task worked entirely on days off still keeps a
/// length of one day, or its finish would fall before its start.
fn actuals(
    net: &Network,
    cal: &WorkCalendar,
    i: usize,
) -> Result<(i64, Option<Pinned>), ScheduleError> {
    let task = &net.tasks[i];
    let planned = i64::from(task.duration);
    let milestone = task.duration == 0;
    let start = task.actual_start.map(|d| cal.working_day_index(d));
    let finish = task.actual_finish.map(|d| end_of(cal, d));
    if let (Some(a), Some(f)) = (task.actual_start, task.actual_finish) {
        if f < a {
            return Err(ScheduleError::ActualFinishBeforeStart {
                id: task.id,
                name: display_name(task.id, Some(task.name.clone())),
            });
        }
    }
    Ok(match (start, finish) {
        (None, None) => (planned, None),
        (_, Some(f)) if milestone => (0, Some(pin(f, true))),
        (Some(s), None) => (planned, Some(pin(s, false))),
        (None, Some(f)) => (planned, Some(pin(f - planned, false))),
        (Some(s), Some(f)) => ((f - s).max(1), Some(pin(s, false))),
    })
}

fn pin(start: i64, end_labeled: bool) -> Pinned {
    Pinned { start, end_labeled }
}
