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
    pub fn code(&self) -> ErrorCode {
        self.0.code
    }
}

pub type ApiResult<T> = Result<T, ApiError>;
