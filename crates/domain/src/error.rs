use serde::Serialize;
use std::fmt;

/// Stable machine-readable error kinds; the UI switches on these.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    Validation,
    Duplicate,
    NotFound,
    Forbidden,
    Unauthenticated,
    Locked,
    Conflict,
    Storage,
    NewerSchema,
    Internal,
}

/// The one error of the core. Its message is always Chinese and meant for the
/// user; `field` names the form field it belongs to, when there is one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CoreError {
    pub code: ErrorCode,
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
}

impl CoreError {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        CoreError {
            code,
            message: message.into(),
            field: None,
        }
    }
    pub fn field(code: ErrorCode, field: &str, message: impl Into<String>) -> Self {
        CoreError {
            code,
            message: message.into(),
            field: Some(field.to_string()),
        }
    }
    pub fn validation(field: &str, message: impl Into<String>) -> Self {
        Self::field(ErrorCode::Validation, field, message)
    }
    pub fn duplicate(field: &str, message: impl Into<String>) -> Self {
        Self::field(ErrorCode::Duplicate, field, message)
    }
    pub fn not_found(message: impl Into<String>) -> Self {
        Self::new(ErrorCode::NotFound, message)
    }
    pub fn forbidden(message: impl Into<String>) -> Self {
        Self::new(ErrorCode::Forbidden, message)
    }
    pub fn conflict(message: impl Into<String>) -> Self {
        Self::new(ErrorCode::Conflict, message)
    }
    pub fn storage(message: impl Into<String>) -> Self {
        Self::new(ErrorCode::Storage, message)
    }
    pub fn internal(message: impl Into<String>) -> Self {
        Self::new(ErrorCode::Internal, message)
    }
}

impl fmt::Display for CoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for CoreError {}

pub type CoreResult<T> = Result<T, CoreError>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serializes_as_code_message_field() {
        let e = CoreError::validation("name", "单位名称不能为空");
        let v = serde_json::to_value(&e).unwrap();
        assert_eq!(v["code"], "validation");
        assert_eq!(v["message"], "单位名称不能为空");
        assert_eq!(v["field"], "name");
        let v = serde_json::to_value(CoreError::forbidden("无权限")).unwrap();
        assert!(v.get("field").is_none());
        assert_eq!(v["code"], "forbidden");
    }
}
