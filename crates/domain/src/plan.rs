//! Vocabulary of plans and their network chart.
use crate::error::{CoreError, CoreResult};
use serde::{Deserialize, Serialize};

/// 三个调度: the three kinds of dispatch work.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DispatchKind {
    Key,
    Special,
    Daily,
}

impl DispatchKind {
    pub const ALL: [DispatchKind; 3] = [
        DispatchKind::Key,
        DispatchKind::Special,
        DispatchKind::Daily,
    ];
    pub fn code(self) -> &'static str {
        match self {
            DispatchKind::Key => "key",
            DispatchKind::Special => "special",
            DispatchKind::Daily => "daily",
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            DispatchKind::Key => "重点调度",
            DispatchKind::Special => "专项调度",
            DispatchKind::Daily => "日常调度",
        }
    }
    pub fn parse(s: &str) -> CoreResult<DispatchKind> {
        DispatchKind::ALL
            .into_iter()
            .find(|k| k.code() == s || k.label() == s)
            .ok_or_else(|| {
                CoreError::validation("kind", "请选择调度类别：重点调度、专项调度或日常调度")
            })
    }
}

/// The closed loop every task and order moves along, and 撤销 (cancelled):
/// a task that will not be done, kept with its records instead of deleted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TaskStatus {
    Planned,
    InProgress,
    Supervising,
    Rectifying,
    Closed,
    /// Tasks only; set and lifted with a reason (`cancel_task`,
    /// `resume_task`), never along the loop.
    Cancelled,
}

impl TaskStatus {
    /// The stages of the closed loop, in order (撤销 is not one of them).
    pub const ALL: [TaskStatus; 5] = [
        TaskStatus::Planned,
        TaskStatus::InProgress,
        TaskStatus::Supervising,
        TaskStatus::Rectifying,
        TaskStatus::Closed,
    ];
    pub fn code(self) -> &'static str {
        match self {
            TaskStatus::Planned => "planned",
            TaskStatus::InProgress => "in_progress",
            TaskStatus::Supervising => "supervising",
            TaskStatus::Rectifying => "rectifying",
            TaskStatus::Closed => "closed",
            TaskStatus::Cancelled => "cancelled",
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            TaskStatus::Planned => "计划安排",
            TaskStatus::InProgress => "组织实施",
            TaskStatus::Supervising => "督办落实",
            TaskStatus::Rectifying => "整改完善",
            TaskStatus::Closed => "完成闭合",
            TaskStatus::Cancelled => "已撤销",
        }
    }
    pub fn parse(s: &str) -> CoreResult<TaskStatus> {
        TaskStatus::ALL
            .into_iter()
            .chain([TaskStatus::Cancelled])
            .find(|k| k.code() == s || k.label() == s)
            .ok_or_else(|| CoreError::validation("status", format!("未知的任务状态“{s}”")))
    }
}

/// Parses `YYYY-MM-DD` with a message naming the field.
pub fn parse_date(field: &str, label: &str, s: &str) -> CoreResult<chrono::NaiveDate> {
    chrono::NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").map_err(|_| {
        CoreError::validation(
            field,
            format!("{label}格式不正确，应为如 2026-03-05 的日期"),
        )
    })
}

pub fn parse_opt_date(
    field: &str,
    label: &str,
    s: Option<&str>,
) -> CoreResult<Option<chrono::NaiveDate>> {
    match s.map(str::trim).filter(|s| !s.is_empty()) {
        None => Ok(None),
        Some(s) => parse_date(field, label, s).map(Some),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_statuses_dates() {
        assert_eq!(
            DispatchKind::parse("专项调度").unwrap(),
            DispatchKind::Special
        );
        assert!(DispatchKind::parse("x").is_err());
        assert_eq!(TaskStatus::parse("closed").unwrap().label(), "完成闭合");
        assert_eq!(
            TaskStatus::parse("cancelled").unwrap(),
            TaskStatus::Cancelled
        );
        assert!(!TaskStatus::ALL.contains(&TaskStatus::Cancelled));
        assert_eq!(
            parse_date("start", "开始日期", "2026-03-05")
                .unwrap()
                .to_string(),
            "2026-03-05"
        );
        let e = parse_date("start", "开始日期", "2026/3/5").unwrap_err();
        assert_eq!(e.field.as_deref(), Some("start"));
        assert_eq!(parse_opt_date("d", "x", Some(" ")).unwrap(), None);
    }
}
