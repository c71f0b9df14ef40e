//! The crate's error: a stable machine code and a Chinese message for the user,
//! serialised as `{code, message}` like the core's `CoreError`.

use serde::Serialize;
use std::fmt;

/// Stable machine-readable error kinds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DocErrorCode {
    /// A character of the document is in none of the available fonts.
    MissingGlyph,
    /// No usable font was found for the document at all.
    FontNotFound,
    /// A configured font file cannot be read or parsed.
    FontInvalid,
    /// A seal or signature image cannot be decoded.
    ImageInvalid,
    /// The document content is not acceptable (e.g. an empty title).
    Validation,
    /// The user cancelled a batch.
    Cancelled,
    /// A bug or an unexpected condition inside the PDF engine.
    Internal,
}

impl DocErrorCode {
    /// The code as serialised (`missing_glyph`, …).
    pub fn as_str(self) -> &'static str {
        match self {
            DocErrorCode::MissingGlyph => "missing_glyph",
            DocErrorCode::FontNotFound => "font_not_found",
            DocErrorCode::FontInvalid => "font_invalid",
            DocErrorCode::ImageInvalid => "image_invalid",
            DocErrorCode::Validation => "validation",
            DocErrorCode::Cancelled => "cancelled",
            DocErrorCode::Internal => "internal",
        }
    }
}

/// The one error of the PDF engine. `message` is Chinese and meant for the user.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DocError {
    pub code: DocErrorCode,
    pub message: String,
}

impl DocError {
    pub fn new(code: DocErrorCode, message: impl Into<String>) -> Self {
        DocError {
            code,
            message: message.into(),
        }
    }

    /// A character that no available font has, named with its code point.
    pub fn missing_glyph(c: char) -> Self {
        DocError::new(
            DocErrorCode::MissingGlyph,
            format!(
                "字体中没有字符“{c}”(U+{:04X})：请改用其他文字，或在设置中指定包含该字符的字体文件",
                c as u32
            ),
        )
    }

    pub fn validation(message: impl Into<String>) -> Self {
        DocError::new(DocErrorCode::Validation, message)
    }

    pub fn internal(message: impl Into<String>) -> Self {
        DocError::new(DocErrorCode::Internal, message)
    }
}

impl fmt::Display for DocError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for DocError {}

pub type DocResult<T> = Result<T, DocError>;
