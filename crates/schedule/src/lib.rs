//! Scheduling of a plan's network chart (网络推进图) on the working calendar of
//! the People's Republic of China.
//!
//! - [`calendar`]: weekends, statutory holidays, the State Council's make-up
//!   working days (调休) for 2018–2026 from the published notices, and the
//!   office's own overrides for later years and the mine's own days off.
//! - [`schedule()`]: forward and backward pass over FS/SS/FF/SF links with lags
//!   and leads, early and late dates, total and free float, the critical path,
//!   deadlines as constraints (negative float = cannot meet the deadline),
//!   recorded actual dates, and summary tasks spanning their children.
//! - [`would_create_cycle`]: the check to run before storing a new link.
//!
//! Links join leaf tasks only: a stage's dates are its tasks' dates, and a
//! link to a stage would have to be copied onto every task inside it anyway.
//! A stage's start-no-earlier-than date and deadline do apply to every task
//! under it.
//!
//! No I/O and no dependency on the store or the UI shell: the store loads the
//! plan, calls [`schedule()`] and saves or returns the result.
pub mod calendar;
mod constraints;
mod cpm;
pub mod error;
pub mod model;
pub mod network;
mod rollup;
mod schedule;

pub use calendar::{CalendarOverride, DaySource, SpecialDay, WorkCalendar};
pub use error::ScheduleError;
pub use model::{Link, LinkKind, Task, TaskId};
pub use network::would_create_cycle;
pub use schedule::{schedule, Schedule, ScheduledTask};
