//! The one error of this crate. Its message is Chinese and meant for the user,
//! like the rest of the core; `code` lets the store map it onto its own error
//! kinds without matching on text.
use chrono::NaiveDate;
use std::fmt;

use crate::model::TaskId;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ScheduleError {
    /// Links that run in a circle. `ids` follow the links and end with the
    /// first id again; `names` are the same tasks' names.
    Cycle {
        ids: Vec<TaskId>,
        names: Vec<String>,
    },
    /// Parent references that run in a circle, same shape as `Cycle`.
    HierarchyCycle {
        ids: Vec<TaskId>,
        names: Vec<String>,
    },
    DuplicateTask {
        id: TaskId,
    },
    /// A link names a task that is not in the plan.
    UnknownTask {
        id: TaskId,
    },
    UnknownParent {
        task: TaskId,
        parent: TaskId,
    },
    /// Links join leaf tasks only; a stage's dates come from its tasks.
    LinkToSummary {
        id: TaskId,
        name: String,
    },
    ActualFinishBeforeStart {
        id: TaskId,
        name: String,
    },
    /// A result fell outside the dates chrono can represent (absurd durations
    /// or lags).
    DateOutOfRange,
    /// A calendar override outside the years the calendar tables cover.
    CalendarOutOfRange {
        date: NaiveDate,
    },
}

impl ScheduleError {
    /// Builds a cycle error, looking the names up so the message can say which
    /// tasks the user has to look at.
    pub fn cycle(ids: Vec<TaskId>, name_of: impl Fn(TaskId) -> Option<String>) -> Self {
        let names = ids
            .iter()
            .map(|&id| display_name(id, name_of(id)))
            .collect();
        ScheduleError::Cycle { ids, names }
    }

    /// "conflict" for a cycle (the input is well-formed but contradicts the
    /// plan), "validation" for everything else.
    pub fn code(&self) -> &'static str {
        match self {
            ScheduleError::Cycle { .. } | ScheduleError::HierarchyCycle { .. } => "conflict",
            _ => "validation",
        }
    }

    pub fn message(&self) -> String {
        match self {
            ScheduleError::Cycle { names, .. } if names.len() == 2 => {
                format!("任务「{}」不能以自身为前置任务", names[0])
            }
            ScheduleError::Cycle { names, .. } => {
                format!("前置关系形成循环：{}", names.join(" → "))
            }
            ScheduleError::HierarchyCycle { names, .. } => {
                format!("任务层级形成循环：{}", names.join(" → "))
            }
            ScheduleError::DuplicateTask { id } => format!("任务编号重复：{id}"),
            ScheduleError::UnknownTask { id } => {
                format!("前置关系引用了不存在的任务（编号 {id}）")
            }
            ScheduleError::UnknownParent { task, parent } => {
                format!("任务（编号 {task}）的上级任务不存在（编号 {parent}）")
            }
            ScheduleError::LinkToSummary { name, .. } => {
                format!("「{name}」是汇总任务，前置关系只能连接具体任务")
            }
            ScheduleError::ActualFinishBeforeStart { name, .. } => {
                format!("任务「{name}」的实际完成日期早于实际开始日期")
            }
            ScheduleError::DateOutOfRange => {
                "排程结果超出可表示的日期范围，请检查工期和间隔".into()
            }
            ScheduleError::CalendarOutOfRange { date } => {
                format!("日历例外日期超出范围：{date}（可设置1900年至2200年）")
            }
        }
    }
}

/// A task's name for a message; an unnamed task is shown by its number so the
/// message still points somewhere.
pub(crate) fn display_name(id: TaskId, name: Option<String>) -> String {
    match name {
        Some(n) if !n.trim().is_empty() => n,
        _ => format!("任务{id}"),
    }
}

impl fmt::Display for ScheduleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message())
    }
}

impl std::error::Error for ScheduleError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cycle_message_names_the_tasks_in_order() {
        let names = |id: TaskId| match id {
            1 => Some("制定方案".to_string()),
            2 => Some("组织学习".to_string()),
            _ => None,
        };
        let e = ScheduleError::cycle(vec![1, 2, 3, 1], names);
        assert_eq!(
            e.message(),
            "前置关系形成循环：制定方案 → 组织学习 → 任务3 → 制定方案"
        );
        assert_eq!(e.code(), "conflict");
        assert_eq!(e.to_string(), e.message());
    }

    #[test]
    fn self_link_gets_its_own_message() {
        let e = ScheduleError::cycle(vec![5, 5], |_| Some("验收".into()));
        assert_eq!(e.message(), "任务「验收」不能以自身为前置任务");
    }
}
