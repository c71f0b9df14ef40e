use diaodu_domain::{CoreError, ErrorCode};
use serde::Serialize;

/// What a command returns on failure; crosses IPC as `{code, message, field?}`.
#[derive(Debug, Serialize)]
pub struct ApiError(CoreError);

impl From<CoreError> for ApiError {
    fn from(e: CoreError) -> Self {
        ApiError(e)
    }
}

impl ApiError {
    pub fn unauthenticated() -> Self {
        ApiError(CoreError::new(ErrorCode::Unauthenticated, "请先登录"))
    }
    pub fn locked() -> Self {
        ApiError(CoreError::new(
            ErrorCode::Locked,
            "长时间未操作，已锁定，请输入密码解锁",
        ))
    }
    pub fn bad_input(detail: impl std::fmt::Display) -> Self {
        ApiError(CoreError::new(
            ErrorCode::Validation,
            format!("请求参数格式不正确：{detail}"),
        ))
    }
    /// A request whose `input` does not have the command's shape, said in
    /// Chinese: serde's own text is English and quotes the input (up to
    /// megabytes of it), so neither reaches the window.
    pub fn malformed(e: &serde_json::Error) -> Self {
        Self::bad_input(serde_detail(&e.to_string()))
    }
    pub fn code(&self) -> ErrorCode {
        self.0.code
    }
}

pub type ApiResult<T> = Result<T, ApiError>;

/// What serde's message says, in Chinese: the field a struct is missing or
/// does not know (field names are the contract's camelCase names), and for
/// a wrong type or value what was expected. The input itself is not quoted.
pub(crate) fn serde_detail(message: &str) -> String {
    let quoted = |m: &str| -> String {
        m.split('`')
            .nth(1)
            .unwrap_or("")
            .chars()
            .take(40)
            .collect::<String>()
    };
    if message.starts_with("missing field") {
        return format!("缺少字段 {}", quoted(message));
    }
    if message.starts_with("duplicate field") {
        return format!("字段 {} 重复", quoted(message));
    }
    if message.starts_with("unknown field") {
        return format!("不认识的字段 {}", quoted(message));
    }
    if message.starts_with("unknown variant") {
        return "取值不在可选范围内".into();
    }
    let expected = message
        .rsplit_once(", expected ")
        .map(|(_, e)| kind(e))
        .unwrap_or("其他格式");
    if message.starts_with("invalid type") {
        return format!("类型不正确，应为{expected}");
    }
    if message.starts_with("invalid value") {
        return format!("数值超出范围，应为{expected}");
    }
    if message.starts_with("invalid length") {
        return format!("个数不正确，应为{expected}");
    }
    // chrono's own messages for a date or time it cannot read.
    if [
        "input contains invalid characters",
        "premature end of input",
        "trailing input",
        "input is out of range",
        "input is not enough",
        "no possible date and time",
        "impossible",
    ]
    .iter()
    .any(|m| message.contains(m))
    {
        return "日期或时间不正确（日期应为 YYYY-MM-DD，时间应为 YYYY-MM-DD HH:MM:SS）".into();
    }
    // A message of our own (a custom deserialiser in the core) is Chinese.
    if message
        .chars()
        .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
    {
        return message
            .split(" at line ")
            .next()
            .unwrap_or(message)
            .to_string();
    }
    "格式不正确".into()
}

/// serde's name of an expected type, as the form would say it.
fn kind(expected: &str) -> &'static str {
    let e = expected.to_ascii_lowercase();
    if e.starts_with('u') && e[1..].chars().all(|c| c.is_ascii_digit()) && e.len() > 1 {
        "非负整数"
    } else if e.starts_with('i') && e[1..].chars().all(|c| c.is_ascii_digit()) && e.len() > 1 {
        "整数"
    } else if e.starts_with('f') && e[1..].chars().all(|c| c.is_ascii_digit()) && e.len() > 1 {
        "数字"
    } else if e.contains("struct") || e.contains("map") {
        "对象"
    } else if e.contains("string") || e.contains("str") || e.contains("date") {
        "文本"
    } else if e.contains("bool") {
        "是或否（true/false）"
    } else if e.contains("sequence") || e.contains("tuple") || e.contains("array") {
        "列表"
    } else if e.contains("char") {
        "单个字符"
    } else if e.contains("integer") {
        "整数"
    } else if e.contains("variant") || e.contains("one of") {
        "可选值之一"
    } else {
        "其他格式"
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[allow(dead_code)]
    #[derive(Deserialize, Debug)]
    #[serde(rename_all = "camelCase")]
    struct Form {
        plan_id: i64,
        copies: Option<u32>,
        name: Option<String>,
        ids: Option<Vec<i64>>,
        day: Option<chrono::NaiveDate>,
        #[serde(default)]
        done: bool,
    }

    fn detail(v: serde_json::Value) -> String {
        let e = serde_json::from_value::<Form>(v).unwrap_err();
        let ApiError(core) = ApiError::malformed(&e);
        core.message
    }

    #[test]
    fn malformed_input_is_answered_in_chinese_without_the_input() {
        let huge = "x".repeat(100_000);
        let cases = [
            (serde_json::json!(null), "类型不正确，应为对象"),
            (serde_json::json!(huge.clone()), "类型不正确，应为对象"),
            (serde_json::json!({}), "缺少字段 planId"),
            (serde_json::json!({"planId": 1.5}), "类型不正确，应为整数"),
            (serde_json::json!({"planId": huge}), "类型不正确，应为整数"),
            (
                serde_json::json!({"planId": 1, "copies": -1}),
                "数值超出范围，应为非负整数",
            ),
            (
                serde_json::json!({"planId": 1, "name": [1]}),
                "类型不正确，应为文本",
            ),
            (
                serde_json::json!({"planId": 1, "ids": {}}),
                "类型不正确，应为列表",
            ),
            (
                serde_json::json!({"planId": 1, "done": "\u{0}"}),
                "类型不正确，应为是或否",
            ),
            (
                serde_json::json!({"planId": 1, "day": "2026-02-30"}),
                "日期或时间不正确",
            ),
            (
                serde_json::json!({"planId": 1, "day": "abc"}),
                "日期或时间不正确",
            ),
            (
                serde_json::json!({"planId": 1, "day": ""}),
                "日期或时间不正确",
            ),
        ];
        for (input, want) in cases {
            let m = detail(input.clone());
            assert!(
                m.starts_with("请求参数格式不正确：") && m.contains(want),
                "{input:.80} answered {m}"
            );
            assert!(m.len() < 200, "the input is not quoted: {m:.200}");
            assert!(!m.contains("expected") && !m.contains("invalid"), "{m}");
        }
    }
}
