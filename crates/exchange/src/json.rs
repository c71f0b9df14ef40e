//! The documented JSON form (`docs/plan-json.md`).
use serde_json::error::Category;

use crate::error::ExchangeError;
use crate::model::PlanDoc;
use crate::validate::{validate, NO_LINES};

/// Reads and checks a plan in the JSON form.
pub fn from_json(text: &str) -> Result<PlanDoc, ExchangeError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(ExchangeError::new("文件是空的"));
    }
    let mut doc: PlanDoc = serde_json::from_str(text).map_err(json_error)?;
    validate(&mut doc, &NO_LINES)?;
    Ok(doc)
}

/// The plan in the JSON form, pretty-printed (two-space indent, UTF-8, Chinese
/// text as is).
pub fn to_json(doc: &PlanDoc) -> String {
    // Serialising plain data with string keys cannot fail.
    let mut s = serde_json::to_string_pretty(doc).unwrap_or_default();
    s.push('\n');
    s
}

fn json_error(e: serde_json::Error) -> ExchangeError {
    let full = e.to_string();
    // serde_json appends " at line L column C"; we say that in Chinese.
    let msg = match full.rfind(" at line ") {
        Some(i) => &full[..i],
        None => full.as_str(),
    };
    let message = match e.classify() {
        Category::Eof => "JSON 不完整：文件提前结束".to_string(),
        Category::Syntax => {
            if e.line() == 1 && e.column() <= 1 {
                "不是 JSON 文件".to_string()
            } else {
                format!("JSON 语法错误（{msg}）")
            }
        }
        Category::Io => format!("读取失败：{msg}"),
        Category::Data => data_message(msg),
    };
    ExchangeError {
        line: (e.line() > 0).then_some(e.line()),
        column: (e.column() > 0).then_some(e.column()),
        message,
    }
}

fn data_message(msg: &str) -> String {
    if let Some(rest) = msg.strip_prefix("missing field `") {
        let field = rest.trim_end_matches('`');
        return format!("缺少字段 {field}");
    }
    if let Some(rest) = msg.strip_prefix("unknown variant `") {
        if let Some((value, expected)) = rest.split_once("`, expected ") {
            let expected = expected.replace("one of ", "").replace('`', "");
            return format!("取值“{value}”不对，应为 {expected}");
        }
    }
    if let Some(rest) = msg.strip_prefix("invalid type: ") {
        if let Some((got, expected)) = rest.split_once(", expected ") {
            return format!("类型不对：得到 {got}，应为 {expected}");
        }
    }
    if let Some(rest) = msg.strip_prefix("invalid value: ") {
        if let Some((got, expected)) = rest.split_once(", expected ") {
            return format!("取值不对：得到 {got}，应为 {expected}");
        }
    }
    msg.to_string()
}
