use std::fmt;

/// Why a file could not be read as a plan. The message is Chinese and names
/// the problem; `line` (and for JSON `column`) say where, when known.
///
/// `to_string()` gives the whole sentence a user sees, e.g.
/// `第12行：任务缺少 UID` or `前置任务 UID 7 不存在`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExchangeError {
    /// 1-based line in the file.
    pub line: Option<usize>,
    /// 1-based column (JSON only).
    pub column: Option<usize>,
    /// The problem, without the position.
    pub message: String,
}

impl ExchangeError {
    pub fn new(message: impl Into<String>) -> Self {
        ExchangeError {
            line: None,
            column: None,
            message: message.into(),
        }
    }

    pub fn at(line: Option<usize>, message: impl Into<String>) -> Self {
        ExchangeError {
            line,
            column: None,
            message: message.into(),
        }
    }
}

impl fmt::Display for ExchangeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.line, self.column) {
            (Some(l), Some(c)) => write!(f, "第{l}行第{c}列：{}", self.message),
            (Some(l), None) => write!(f, "第{l}行：{}", self.message),
            _ => f.write_str(&self.message),
        }
    }
}

impl std::error::Error for ExchangeError {}
