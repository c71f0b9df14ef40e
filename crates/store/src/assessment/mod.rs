//! Assessment and duty (规范化): versioned assessment rules, scoring by
//! period with proposals from the records, rewards and penalties, leaders'
//! duty roster, dispatchers' shifts and handovers, hotline calls,
//! comprehensive inspections, and the monthly and annual report sets.
mod evidence;
mod period;
mod rectify;
mod rules;
mod scoring;

pub use evidence::{Context, Evidence, ProposalRun};
pub use period::{Period, PeriodKind};
pub use rules::{Rule, RuleInput, RuleSet, RuleSetInput};
pub use scoring::{
    AdjustmentInput, AssessmentRecord, EvidenceRef, ManualInput, PeriodInfo, Ranking, UnitScore,
};
