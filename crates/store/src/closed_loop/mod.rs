//! Closing the loop (计划安排 → 组织实施 → 督办落实 → 整改完善 → 完成闭合):
//! feedback with evidence, rectification under 三定, the office's close-out
//! and the timeline of everything that happened to a task or a document.
mod closure;
mod feedback;
mod orders;
mod owners;
mod rectify;
mod sample;
mod target;
mod timeline;

pub use closure::{LoopClosure, LoopStatus, LoopStep};
pub use feedback::{Feedback, FeedbackInput};
pub use owners::LoopOwner;
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
pub(crate) use orders::feedback_flag;
#[allow(unused_imports)]
pub(crate) use rectify::insert_rectification;

impl crate::Store {
    /// Feedback, rectifications (with their history) and close-outs for the
    /// JSON export of all records.
    pub(crate) fn export_loop(&self) -> crate::Result<serde_json::Value> {
        use crate::db::sql_err;
        let ids = |sql: &str| -> crate::Result<Vec<i64>> {
            let mut stmt = self.conn.prepare(sql).map_err(sql_err)?;
            let rows = stmt.query_map([], |r| r.get(0)).map_err(sql_err)?;
            rows.collect::<std::result::Result<_, _>>().map_err(sql_err)
        };
        let feedback = ids("SELECT id FROM feedback ORDER BY id")?
            .into_iter()
            .map(|id| self.get_feedback(id))
            .collect::<crate::Result<Vec<_>>>()?;
        let rectifications = ids("SELECT id FROM rectification ORDER BY id")?
            .into_iter()
            .map(|id| self.get_rectification(id))
            .collect::<crate::Result<Vec<_>>>()?;
        let mut closures = Vec::new();
        let mut stmt = self
            .conn
            .prepare("SELECT DISTINCT target_kind, target_id FROM loop_closure ORDER BY target_kind, target_id")
            .map_err(sql_err)?;
        let targets: Vec<(String, i64)> = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .map_err(sql_err)?
            .collect::<std::result::Result<_, _>>()
            .map_err(sql_err)?;
        for (kind, id) in targets {
            let status = self.loop_status(&kind, id)?;
            closures.push(serde_json::json!({"targetKind": kind, "targetId": id, "closures": status.closures}));
        }
        Ok(
            serde_json::json!({"feedback": feedback, "rectifications": rectifications, "closures": closures}),
        )
    }
}
