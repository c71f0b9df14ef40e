//! Sample feedback, rectifications and close-outs (filled in below).
use serde::Serialize;

#[derive(Debug, Clone, Default, Serialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct LoopSampleReport {
    pub feedback: usize,
    pub attachments: usize,
    pub rectifications: usize,
    pub closures: usize,
}
