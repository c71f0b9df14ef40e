//! Closing the loop (计划安排 → 组织实施 → 督办落实 → 整改完善 → 完成闭合):
//! feedback with evidence, rectification under 三定, the office's close-out
//! and the timeline of everything that happened to a task or a document.
mod closure;
mod feedback;
mod rectify;
mod sample;
mod target;
mod timeline;

pub use closure::{LoopClosure, LoopStatus, LoopStep};
pub use feedback::{Feedback, FeedbackInput};
pub use rectify::{
    Rectification, RectificationEvent, RectificationFilter, RectificationInput, VerificationInput,
};
pub use sample::LoopSampleReport;
pub use timeline::TimelineEvent;

// For other modules of the store that act on the loop inside their own
// transaction (supervision, inspections, hotline calls, meetings).
#[allow(unused_imports)]
pub(crate) use closure::advance_in as advance_loop_stage_in;
#[allow(unused_imports)]
pub(crate) use rectify::insert_rectification;
