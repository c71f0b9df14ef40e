use std::fmt;

/// A period or due rule that cannot be read or does not fit its cycle. The
/// message is Chinese and meant for the user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PeriodError(pub String);

impl PeriodError {
    pub(crate) fn new(message: impl Into<String>) -> Self {
        PeriodError(message.into())
    }
    pub fn message(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for PeriodError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for PeriodError {}
