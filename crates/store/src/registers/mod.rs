//! Registers beside the dispatch loop, from the office's systems (规范化):
//! leaders' visits to their assistance points with the problems raised and
//! what became of each (帮扶走访), the emergency event log with the leader on
//! duty and its printed report (应急管理), the duties of each post and person
//! (工作职责), and the archive of incoming files and 制度 texts with
//! full-text search that plans cite (文档管理). Each operation checks the
//! role, validates, and writes its audit entry in its transaction.
mod archive;
mod duties;
mod emergency;
mod figures;
mod sample;
mod visits;

pub use archive::{ArchiveFile, ArchiveFilter, ArchiveInput, CitingPlan};
pub use duties::{PostDuty, PostDutyFilter, PostDutyInput};
pub use emergency::{EmergencyEvent, EmergencyFilter, EmergencyInput, Notified, NotifiedInput};
pub use figures::RegisterFigures;
pub use sample::RegistersSampleReport;
pub use visits::{
    ProblemSolvedInput, ProblemToRectification, ProblemToTask, Visit, VisitFilter, VisitInput,
    VisitProblem,
};

pub(crate) use archive::archive_source;
pub(crate) use figures::register_figures;

use crate::db::sql_err;
use crate::Result;
use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::{Connection, OptionalExtension};

/// Today on the office's clock (fixed with `--today` in tests), for the
/// checks that refuse dates in the future.
pub(crate) fn today() -> NaiveDate {
    diaodu_domain::clock::today()
}

pub(crate) fn now_minute() -> NaiveDateTime {
    diaodu_domain::clock::now()
}

pub(crate) const TIME_FORMAT: &str = "%Y-%m-%d %H:%M";

/// The first line of a text, cut to `n` characters, for names and summaries.
pub(crate) fn short(text: &str, n: usize) -> String {
    let line = text.lines().next().unwrap_or("").trim();
    if line.chars().count() > n {
        format!("{}…", line.chars().take(n).collect::<String>())
    } else {
        line.to_string()
    }
}

/// An active person with the 矿领导 role: their name and title.
pub(crate) fn active_leader(conn: &Connection, id: i64, field: &str) -> Result<(String, String)> {
    let row: Option<(String, String, String)> = conn
        .query_row(
            "SELECT name, title, roles FROM person WHERE id = ?1 AND retired_at IS NULL",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()
        .map_err(sql_err)?;
    match row {
        Some((name, title, roles)) if roles.contains("\"leader\"") => Ok((name, title)),
        _ => Err(diaodu_domain::CoreError::validation(
            field,
            "请选择在册的矿领导（人员角色为“矿领导”）",
        )),
    }
}

pub(crate) use crate::query::rows;

impl crate::Store {
    /// The registers for the JSON export of all records.
    pub(crate) fn export_registers(&self) -> Result<serde_json::Value> {
        Ok(serde_json::json!({
            "visits": self.list_visits(&VisitFilter::default())?,
            "emergencies": self.list_emergencies(&EmergencyFilter::default())?,
            "postDuties": self.list_post_duties(&PostDutyFilter {
                include_ended: true,
                person_id: None,
            })?,
            "archive": self.list_archive(&ArchiveFilter {
                include_retired: true,
                ..Default::default()
            })?,
        }))
    }
}
