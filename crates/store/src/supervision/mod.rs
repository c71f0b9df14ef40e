//! Supervision and reporting: the due light, supervision time nodes and
//! records, the reminder list and notices, dispatch meetings, stage
//! summaries and bulletins, the dashboard and the annual figures.
//!
//! Feedback and rectification rows (schema 0005) are written by the
//! feedback module; here they are only read, with plain SQL.
pub mod dashboard;
pub mod lights;
pub mod meetings;
pub mod nodes;
pub mod print;
pub mod records;
pub mod reminders;
pub mod sample;
pub mod stats;
pub mod summaries;
pub mod tables;
pub mod targets;
pub mod timeliness;

use crate::db::Store;
use crate::Result;
use chrono::NaiveDate;
use diaodu_domain::supervision::TargetKind;
use serde::Serialize;

/// Everything the detail panel of a task or a document shows about its
/// supervision: its light and nodes, the records and reminders.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TargetSupervision {
    /// None when it is not under supervision (a draft, withdrawn, a stage).
    pub item: Option<targets::SupervisedItem>,
    pub nodes: Vec<targets::NodeView>,
    pub records: Vec<records::SupervisionRecord>,
    pub reminders: Vec<reminders::Reminder>,
    pub feedback_count: usize,
}

impl Store {
    pub fn target_supervision_on(
        &self,
        kind: &str,
        id: i64,
        today: NaiveDate,
    ) -> Result<TargetSupervision> {
        let kind = TargetKind::parse(kind)?;
        records::target_facts(&self.conn, kind, id)?;
        let cal = crate::plans::calendar_of(&self.conn)?;
        let target = self.supervised(kind, id)?;
        let (item, nodes, feedback_count) = match &target {
            Some(t) => {
                let st = t.statuses(&cal, today);
                (
                    Some(targets::SupervisedItem::of(t, &cal, today)),
                    st.iter()
                        .map(|s| targets::NodeView::of(s, &cal, today))
                        .collect(),
                    t.feedback.len(),
                )
            }
            None => (None, Vec::new(), 0),
        };
        Ok(TargetSupervision {
            item,
            nodes,
            records: self.list_supervisions(&records::SupervisionFilter {
                target_kind: Some(kind.code().into()),
                target_id: Some(id),
                ..Default::default()
            })?,
            reminders: reminders::reminders_of(&self.conn, kind.code(), id)?,
            feedback_count,
        })
    }

    pub fn target_supervision(&self, kind: &str, id: i64) -> Result<TargetSupervision> {
        self.target_supervision_on(kind, id, diaodu_domain::clock::today())
    }
}
