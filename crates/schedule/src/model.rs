//! What the scheduler is given: tasks and the links between them. Plain data,
//! so the store can fill it from its rows and the exchange formats from theirs.
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// A task's id as the store knows it.
pub type TaskId = i64;

/// A task of a plan. A task that some other task names as `parent` is a
/// summary task (a stage, or a task broken into sub-tasks): it is not
/// scheduled itself but spans its children, and its `duration` and actual
/// dates are ignored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Task {
    pub id: TaskId,
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub parent: Option<TaskId>,
    /// Working days; 0 makes the task a milestone.
    #[serde(default)]
    pub duration: u32,
    /// Start no earlier than this date. On a summary task it holds for every
    /// task under it.
    #[serde(default)]
    pub start_no_earlier_than: Option<NaiveDate>,
    /// Finish no later than this date (完成时限). On a summary task it holds
    /// for every task under it.
    #[serde(default)]
    pub deadline: Option<NaiveDate>,
    /// Once work has started, the recorded start replaces the planned one.
    #[serde(default)]
    pub actual_start: Option<NaiveDate>,
    /// A recorded finish pins the finish; the task counts as done.
    #[serde(default)]
    pub actual_finish: Option<NaiveDate>,
}

impl Task {
    pub fn new(id: TaskId, name: impl Into<String>, duration: u32) -> Self {
        Task {
            id,
            name: name.into(),
            parent: None,
            duration,
            start_no_earlier_than: None,
            deadline: None,
            actual_start: None,
            actual_finish: None,
        }
    }

    pub fn milestone(id: TaskId, name: impl Into<String>) -> Self {
        Self::new(id, name, 0)
    }

    pub fn under(mut self, parent: TaskId) -> Self {
        self.parent = Some(parent);
        self
    }

    pub fn not_before(mut self, date: NaiveDate) -> Self {
        self.start_no_earlier_than = Some(date);
        self
    }

    pub fn due(mut self, date: NaiveDate) -> Self {
        self.deadline = Some(date);
        self
    }
}

/// The four precedence types, named as MS Project and the exchange format
/// name them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum LinkKind {
    /// The successor starts after the predecessor finishes.
    #[serde(rename = "FS")]
    FinishToStart,
    /// The successor starts no earlier than the predecessor starts.
    #[serde(rename = "SS")]
    StartToStart,
    /// The successor finishes no earlier than the predecessor finishes.
    #[serde(rename = "FF")]
    FinishToFinish,
    /// The successor finishes no earlier than the predecessor starts.
    #[serde(rename = "SF")]
    StartToFinish,
}

impl LinkKind {
    /// The predecessor's start (rather than its finish) drives the link.
    pub(crate) fn driven_by_start(self) -> bool {
        matches!(self, LinkKind::StartToStart | LinkKind::StartToFinish)
    }

    /// The link constrains the successor's finish (rather than its start).
    pub(crate) fn constrains_finish(self) -> bool {
        matches!(self, LinkKind::FinishToFinish | LinkKind::StartToFinish)
    }
}

/// A precedence between two leaf tasks, with a lag in working days (negative
/// for a lead).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Link {
    pub pred: TaskId,
    pub succ: TaskId,
    pub kind: LinkKind,
    #[serde(default)]
    pub lag: i32,
}

impl Link {
    pub fn new(pred: TaskId, succ: TaskId, kind: LinkKind, lag: i32) -> Self {
        Link {
            pred,
            succ,
            kind,
            lag,
        }
    }

    pub fn fs(pred: TaskId, succ: TaskId) -> Self {
        Self::new(pred, succ, LinkKind::FinishToStart, 0)
    }

    pub fn with_lag(mut self, lag: i32) -> Self {
        self.lag = lag;
        self
    }
}
