//! Vocabulary of notices and dispatch orders.
use crate::error::{CoreError, CoreResult};

macro_rules! coded {
    ($(#[$m:meta])* $name:ident, $field:literal, $what:literal, { $($v:ident => $code:literal, $label:literal;)+ }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($v),+ }
        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$v),+];
            pub fn code(self) -> &'static str { match self { $($name::$v => $code),+ } }
            pub fn label(self) -> &'static str { match self { $($name::$v => $label),+ } }
            pub fn parse(s: &str) -> CoreResult<$name> {
                let s = s.trim();
                Self::ALL.iter().copied().find(|v| v.code() == s || v.label() == s).ok_or_else(|| {
                    let all: Vec<&str> = Self::ALL.iter().map(|v| v.label()).collect();
                    CoreError::validation($field, format!("{}只能是：{}", $what, all.join("、")))
                })
            }
        }
    };
}
// The closed loop's vocabulary (closed_loop.rs) is coded the same way.
pub(crate) use coded;

coded!(
    /// 通知单 or 调度令.
    DocKind, "kind", "文件类别", {
    Notice => "notice", "通知单";
    Order => "order", "调度令";
});

coded!(
    /// 轻重缓急: how fast an order must be received and acted on.
    Urgency, "urgency", "紧急程度", {
    Urgent => "urgent", "特急";
    Expedited => "expedited", "加急";
    Normal => "normal", "平急";
});

coded!(
    /// 调度方式 of a notice.
    DispatchMethod, "method", "调度方式", {
    Written => "written", "书面";
    Phone => "phone", "电话";
    Meeting => "meeting", "会议";
    Platform => "platform", "平台";
});

coded!(DocStatus, "status", "文件状态", {
    Draft => "draft", "草稿";
    Issued => "issued", "已签发";
    Received => "received", "已签收";
    InProgress => "in_progress", "办理中";
    Completed => "completed", "已办结";
    Withdrawn => "withdrawn", "已撤回";
});

coded!(
    /// 反馈形式.
    FeedbackForm, "feedbackRule", "反馈形式", {
    Text => "text", "文字";
    Image => "image", "图片";
    Video => "video", "视频";
});

impl Urgency {
    /// Working days a unit has to return the receipt after signing.
    pub fn receipt_days(self) -> i64 {
        match self {
            Urgency::Urgent => 1,
            Urgency::Expedited => 2,
            Urgency::Normal => 3,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_and_labels() {
        assert_eq!(Urgency::parse("特急").unwrap(), Urgency::Urgent);
        assert_eq!(DocKind::parse("order").unwrap().label(), "调度令");
        let e = DispatchMethod::parse("传真").unwrap_err();
        assert!(
            e.message.contains("书面、电话、会议、平台"),
            "{}",
            e.message
        );
        assert_eq!(DocStatus::InProgress.code(), "in_progress");
        assert!(Urgency::Urgent.receipt_days() < Urgency::Normal.receipt_days());
    }
}
