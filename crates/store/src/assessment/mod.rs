//! Assessment and duty (规范化): versioned assessment rules, scoring by
//! period with proposals from the records, rewards and penalties, leaders'
//! duty roster, dispatchers' shifts and handovers, hotline calls,
//! comprehensive inspections, and the monthly and annual report sets.
pub(crate) mod duty;
mod evidence;
mod handover;
mod hotline;
mod inspection;
mod period;
mod rectify;
mod reports;
mod rewards;
mod rules;
mod sample;
mod scoring;
#[cfg(test)]
mod tests;
mod xlsx;

pub use duty::{
    DutyDay, DutyNow, DutySwap, DutyUser, LeaderDutyInput, OnDuty, Roster, ShiftInput, ShiftSlot,
};
pub use evidence::{Context, Evidence, EvidenceDetail, ProposalRun};
pub use handover::{Handover, HandoverInput, HandoverItem};
pub use hotline::{HotlineCall, HotlineConversion, HotlineInput};
pub use inspection::{Finding, FindingInput, Inspection, InspectionInput};
pub use period::{Period, PeriodKind};
pub use reports::{ReportRequest, ReportSection, ReportSet};
pub use rewards::{RewardInput, RewardPenalty};
pub use rules::{Rule, RuleInput, RuleSet, RuleSetInput};
pub use sample::AssessmentSampleReport;
pub use scoring::{
    AdjustmentInput, AssessmentRecord, EvidenceRef, ManualInput, PeriodInfo, Ranking, UnitScore,
};
pub use xlsx::report_xlsx;
