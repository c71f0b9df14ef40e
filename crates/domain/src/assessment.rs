//! Vocabulary of assessment (考核), duty (值班) and the records they read.
use crate::error::{CoreError, CoreResult};

coded!(
    /// The three dimensions of the article: 执行看速度、落实讲力度、帮扶有温度.
    Dimension, "dimension", "考核维度", {
    Speed => "speed", "速度";
    Strength => "strength", "力度";
    Warmth => "warmth", "温度";
});

coded!(
    /// 扣分 or 加分.
    Direction, "direction", "加减分", {
    Deduct => "deduct", "扣分";
    Bonus => "bonus", "加分";
});

coded!(
    /// Which units a rule applies to.
    AppliesTo, "appliesTo", "适用对象", {
    Department => "department", "党委部门";
    Branch => "branch", "基层党支部";
    Both => "both", "部门和支部";
});

coded!(
    /// The record source that proposes items under a rule.
    EvidenceSource, "evidence", "依据来源", {
    LateReceipt => "late_receipt", "签收超时";
    LateFeedback => "late_feedback", "反馈逾期";
    MissingFeedback => "missing_feedback", "未按期反馈";
    OverdueRectification => "overdue_rectification", "整改逾期";
    ClosedOnTime => "closed_on_time", "按期完成闭合";
    AssistanceHelp => "assistance_help", "包保帮扶解决问题";
    Omission => "omission", "漏项";
});

coded!(RecordStatus, "status", "考核记录状态", {
    Proposed => "proposed", "待确认";
    Confirmed => "confirmed", "已确认";
    Rejected => "rejected", "已驳回";
});

coded!(RecordOrigin, "origin", "记录来源", {
    Manual => "manual", "手工登记";
    Proposal => "proposal", "依据记录建议";
    Adjustment => "adjustment", "调整";
});

coded!(
    /// 奖 or 惩.
    RewardKind, "kind", "奖惩类别", {
    Reward => "reward", "奖励";
    Penalty => "penalty", "处罚";
});

coded!(
    /// Dispatchers' two 12-hour shifts.
    Shift, "shift", "班次", {
    Day => "day", "白班";
    Night => "night", "夜班";
});

impl AppliesTo {
    /// Whether a unit of this kind (`department` / `branch`) is covered.
    pub fn covers(self, unit_kind: &str) -> bool {
        match self {
            AppliesTo::Both => unit_kind == "department" || unit_kind == "branch",
            AppliesTo::Department => unit_kind == "department",
            AppliesTo::Branch => unit_kind == "branch",
        }
    }
}

impl Shift {
    /// When the shift starts and ends (hours, the night shift ends next day).
    pub fn hours(self) -> (u32, u32) {
        match self {
            Shift::Day => (8, 20),
            Shift::Night => (20, 8),
        }
    }
    pub fn time_label(self) -> &'static str {
        match self {
            Shift::Day => "08:00—20:00",
            Shift::Night => "20:00—次日08:00",
        }
    }
}

/// Leaders' 24-hour duty changes over at this hour.
pub const LEADER_DUTY_CHANGE_HOUR: u32 = 8;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_and_labels() {
        assert_eq!(Dimension::parse("温度").unwrap(), Dimension::Warmth);
        assert_eq!(Direction::parse("deduct").unwrap().label(), "扣分");
        assert!(AppliesTo::Both.covers("branch"));
        assert!(!AppliesTo::Department.covers("branch"));
        assert!(!AppliesTo::Both.covers("committee"));
        let e = EvidenceSource::parse("x").unwrap_err();
        assert!(e.message.contains("签收超时"));
        assert_eq!(Shift::Night.hours(), (20, 8));
    }
}
