//! Plans and their network chart. Every edit runs in one transaction that
//! also reschedules the plan: an edit the scheduler refuses (a cycle, a link
//! to a stage) rolls back whole, with the scheduler's message.
mod baseline;
mod calendar;
mod chart;
mod exchange;
mod load;
mod plan;
mod removal;
mod sample_key;
mod tasks;
pub mod wire;

pub use baseline::{BaselineInfo, Variance};
pub use calendar::{CalendarDay, CalendarYear};
pub(crate) use chart::due_state;
pub use chart::{Chart, ChartLink, ChartTask};
pub use plan::{Plan, PlanFilter, PlanInput, PlanSummary, SourceDocument};
pub(crate) use tasks::write_loop_fields;
pub use tasks::{LinkInput, TaskInput};
pub use wire::ChartCache;

use diaodu_domain::CoreError;
use diaodu_schedule::ScheduleError;

pub(crate) fn schedule_err(e: ScheduleError) -> CoreError {
    match e.code() {
        "conflict" => CoreError::conflict(e.message()),
        _ => CoreError::validation("schedule", e.message()),
    }
}

pub(crate) fn calendar_of(
    conn: &rusqlite::Connection,
) -> crate::Result<diaodu_schedule::WorkCalendar> {
    load::calendar(conn)
}

/// A plan's tasks in outline order with their scheduled start and finish
/// (supervision nodes and stage summaries read them).
pub(crate) fn scheduled_tasks(
    conn: &rusqlite::Connection,
    plan_id: i64,
) -> crate::Result<Vec<(load::TaskRow, chrono::NaiveDate, chrono::NaiveDate)>> {
    let (tasks, _, _, sched) = load::schedule(conn, plan_id)?;
    Ok(tasks
        .into_iter()
        .filter_map(|t| {
            let s = sched.get(t.id)?;
            let (start, finish) = (s.early_start, s.early_finish);
            Some((t, start, finish))
        })
        .collect())
}
