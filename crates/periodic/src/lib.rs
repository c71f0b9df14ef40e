//! The time side of the work specification (工作规范, 表格化): every standing
//! item has a cycle (年、季、月、旬、周、日) and a due rule inside the cycle
//! (每月25日前, 每旬最后一个工作日, 每季度首月10日前, 每周五, 每日).
//!
//! - [`Cycle`] and [`Period`]: one concrete year, quarter, month, dekad (旬:
//!   days 1–10, 11–20, 21 to the month's end), ISO week or day, written as
//!   `2026`, `2026-Q1`, `2026-03`, `2026-03-D2`, `2026-W11`, `2026-03-16`.
//! - [`DueRule`]: where in its cycle an item falls due, stored in a
//!   structured form, described in Chinese ([`DueRule::describe`]) and read
//!   back from the Chinese a clerk writes in a spreadsheet ([`parse_rule`]).
//! - [`due_date`] and [`due_in`]: the due dates on the working calendar.
//!
//! # The working-day rule
//! A due date never falls on a day off. A rule's nominal day (the 25th, the
//! Friday) that is a weekend, holiday or office day off moves back to the
//! last working day before it inside the same cycle: a deadline ("前") is met
//! early, never late. Only when the cycle has no working day on or before the
//! nominal day does it move forward to the first working day after it. The
//! make-up working days (调休) count as working days. A daily item is due on
//! each working day and on no day off. "The n-th working day" counts the
//! cycle's working days; a cycle with fewer than n has the item due on its
//! last working day (first, counting from the end).
//!
//! No I/O: the caller passes the [`diaodu_schedule::WorkCalendar`] built
//! from the statutory data and the office's overrides.
mod error;
mod period;
mod rule;
mod text;

pub use error::PeriodError;
pub use period::{Cycle, Period};
pub use rule::{due_date, due_in, DueRule};
pub use text::{parse_rule, weekday_name};
