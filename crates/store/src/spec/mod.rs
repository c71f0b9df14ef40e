//! The work specification (工作规范) and the periodic work it generates:
//! the catalogue of standing items with versions (`items`), instances per
//! unit and period (`generate`), the committee's list and each unit's
//! checklist with ticking done (`lists`), omissions (`omissions`), Excel
//! import (`import`) and export (`workbooks`), and the sample table (`sample`).
//!
//! Time arithmetic (periods, due rules, the working-day rule) lives in
//! diaodu-periodic; this module stores and lists.
mod dump;
mod followup;
mod generate;
mod import;
mod items;
mod lists;
mod omissions;
mod print;
mod sample;
mod workbooks;

pub(crate) use followup::due_on;
pub use followup::SpecFollowUp;
pub use generate::{GenerateReport, StartupReport};
pub use import::{ImportCellError, ImportRow, SpecImportPreview, SpecImportResult};
pub use items::{SpecFilter, SpecItem, SpecItemInput, SpecVersion};
pub use lists::{
    Checklist, ChecklistRow, DoneInput, DoneManyInput, OverviewItem, OverviewUnit, PeriodOverview,
};
pub use omissions::{Omission, OmissionReport, OmissionUnit};
pub use sample::SpecSampleReport;
pub use workbooks::WorkbookRequest;

use diaodu_domain::CoreError;
use diaodu_periodic::{Period, PeriodError};

/// A period typed by the user, as a field error.
pub(crate) fn parse_period(text: &str) -> crate::Result<Period> {
    Period::parse(text).map_err(|e| CoreError::validation("period", e.message()))
}

pub(crate) fn period_err(field: &str, e: PeriodError) -> CoreError {
    CoreError::validation(field, e.message())
}

/// `YYYY-MM-DD`.
pub(crate) fn iso(d: chrono::NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

pub(crate) fn parse_iso(s: &str) -> Option<chrono::NaiveDate> {
    chrono::NaiveDate::parse_from_str(s.get(..10)?, "%Y-%m-%d").ok()
}

/// Who generates periods and finds omissions when nobody is logged in: at
/// start, and hourly while the app runs.
pub fn system_actor() -> crate::Actor {
    crate::Actor {
        user_id: None,
        username: "系统".into(),
        role: diaodu_domain::Role::Admin,
    }
}

pub(crate) fn scope_label(scope: &str) -> &'static str {
    match scope {
        "branch" => "支部",
        _ => "党委部门",
    }
}
