//! MS Project XML (MSPDI), the exchange format MS Project, ProjectLibre and
//! GanttProject all read and write.
//!
//! See `docs/plan-json.md` ("MS Project XML") for the mapping and what does
//! not carry over.
mod read;
mod write;

pub use read::from_mspdi;
pub use write::to_mspdi;

use diaodu_schedule::LinkKind;

pub(crate) const NAMESPACE: &str = "http://schemas.microsoft.com/project";
/// Working minutes in a day of the standard calendar (08:00–12:00, 13:00–17:00).
pub(crate) const MINUTES_PER_DAY: i64 = 480;
/// MSPDI field id of the task field Text1, which carries the responsible unit.
pub(crate) const FIELD_UNIT: &str = "188743731";
/// MSPDI field id of the task field Text2, which carries the status.
pub(crate) const FIELD_STATUS: &str = "188743734";
pub(crate) const ALIAS_UNIT: &str = "责任单位";
pub(crate) const ALIAS_STATUS: &str = "状态";

/// MSPDI `<Type>` of a `<PredecessorLink>`.
pub(crate) fn link_type_code(kind: LinkKind) -> u8 {
    match kind {
        LinkKind::FinishToFinish => 0,
        LinkKind::FinishToStart => 1,
        LinkKind::StartToFinish => 2,
        LinkKind::StartToStart => 3,
    }
}

pub(crate) fn link_kind_of(code: i64) -> Option<LinkKind> {
    match code {
        0 => Some(LinkKind::FinishToFinish),
        1 => Some(LinkKind::FinishToStart),
        2 => Some(LinkKind::StartToFinish),
        3 => Some(LinkKind::StartToStart),
        _ => None,
    }
}

/// Duration and lag formats counted in elapsed (calendar) time rather than
/// working time: em, eh, ed, ew, emo, e% and their "estimated" variants.
pub(crate) fn is_elapsed_format(code: i64) -> bool {
    matches!(code, 4 | 6 | 8 | 10 | 12 | 20 | 36 | 38 | 40 | 42 | 44 | 52)
}

/// Percentage lag formats (% and e%, plain and estimated).
pub(crate) fn is_percent_format(code: i64) -> bool {
    matches!(code, 19 | 20 | 51 | 52)
}
