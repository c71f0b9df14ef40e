//! Plan exchange for 党建调度台: MS Project XML (MSPDI, which MS Project,
//! ProjectLibre and GanttProject read and write) and the app's own documented
//! JSON form (`docs/plan-json.md`).
//!
//! Everything goes through [`PlanDoc`], plain data whose serde form *is* the
//! JSON form. Import checks what every plan must satisfy (unique UIDs, links
//! between known tasks, no cycle, consistent outline levels, valid dates) and
//! fails with an [`ExchangeError`] whose Chinese message names the problem
//! and, for XML, the line.
//!
//! ```
//! use diaodu_exchange::{from_mspdi, to_mspdi, DocTask, PlanDoc};
//! let start = chrono::NaiveDate::from_ymd_opt(2026, 3, 2).unwrap();
//! let mut plan = PlanDoc::new("强化基础工作建设专项行动", start);
//! plan.tasks.push(DocTask::new("1", "制定实施方案", 5));
//! let back = from_mspdi(&to_mspdi(&plan)).unwrap();
//! assert_eq!(back.tasks[0].name, "制定实施方案");
//! assert_eq!(back.tasks[0].duration, 5);
//! ```
//!
//! No I/O, no store, no UI: the store turns a `PlanDoc` into rows and back.
mod calendar;
mod error;
mod json;
mod model;
mod mspdi;
mod validate;
mod xml;

/// Re-exported so users need not depend on the scheduler for these two.
pub use diaodu_schedule::{CalendarOverride, LinkKind};
pub use error::ExchangeError;
pub use json::{from_json, to_json};
pub use model::{
    DocLink, DocSource, DocTask, PlanDoc, FORMAT_NAME, FORMAT_VERSION, PLAN_KINDS, TASK_STATUSES,
};
pub use mspdi::{from_mspdi, to_mspdi};

/// The two exchange formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// MS Project XML.
    Mspdi,
    /// The JSON form of `docs/plan-json.md`.
    Json,
}

impl Format {
    /// `mspdi`/`xml` or `json`, as a command line names them.
    pub fn from_name(name: &str) -> Option<Format> {
        match name.trim().to_ascii_lowercase().as_str() {
            "mspdi" | "xml" | "msproject" | "ms-project" => Some(Format::Mspdi),
            "json" => Some(Format::Json),
            _ => None,
        }
    }

    /// The file extension, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Mspdi => "xml",
            Format::Json => "json",
        }
    }

    /// The MIME type of an exported file.
    pub fn mime_type(self) -> &'static str {
        match self {
            Format::Mspdi => "application/xml",
            Format::Json => "application/json",
        }
    }

    /// The format a file is in: by its extension (`.xml`, `.json`), else by
    /// its first character (`<` or `{`).
    pub fn detect(bytes: &[u8], file_name: &str) -> Option<Format> {
        let lower = file_name.to_ascii_lowercase();
        if lower.ends_with(".xml") {
            return Some(Format::Mspdi);
        }
        if lower.ends_with(".json") {
            return Some(Format::Json);
        }
        let text = decode(bytes).ok()?;
        match text
            .trim_start_matches('\u{feff}')
            .trim_start()
            .chars()
            .next()
        {
            Some('<') => Some(Format::Mspdi),
            Some('{') => Some(Format::Json),
            _ => None,
        }
    }
}

/// Writes the plan in the given format.
pub fn export(doc: &PlanDoc, format: Format) -> String {
    match format {
        Format::Mspdi => to_mspdi(doc),
        Format::Json => to_json(doc),
    }
}

/// Reads a plan from a file's bytes, choosing the format by the file name's
/// extension (`.xml` MSPDI, `.json` the JSON form) or, failing that, by the
/// content. UTF-8 (with or without BOM) and UTF-16 with a BOM are accepted.
pub fn detect_and_parse(bytes: &[u8], file_name: &str) -> Result<PlanDoc, ExchangeError> {
    let text = decode(bytes)?;
    match Format::detect(bytes, file_name) {
        Some(Format::Mspdi) => from_mspdi(&text),
        Some(Format::Json) => from_json(&text),
        None if text.trim().is_empty() => Err(ExchangeError::new("文件是空的")),
        None => Err(ExchangeError::new(format!(
            "无法识别文件“{file_name}”的格式：应为 MS Project XML（.xml）或调度台计划 JSON（.json）"
        ))),
    }
}

/// The file's text: UTF-8, or UTF-16 marked by its byte order mark.
fn decode(bytes: &[u8]) -> Result<String, ExchangeError> {
    let utf16 = |big_endian: bool| {
        let units: Vec<u16> = bytes[2..]
            .chunks_exact(2)
            .map(|c| {
                if big_endian {
                    u16::from_be_bytes([c[0], c[1]])
                } else {
                    u16::from_le_bytes([c[0], c[1]])
                }
            })
            .collect();
        String::from_utf16(&units).map_err(|_| ExchangeError::new("文件的 UTF-16 编码有误"))
    };
    match bytes {
        [0xFF, 0xFE, ..] => utf16(false),
        [0xFE, 0xFF, ..] => utf16(true),
        _ => match std::str::from_utf8(bytes) {
            Ok(s) => Ok(s.strip_prefix('\u{feff}').unwrap_or(s).to_string()),
            Err(e) => Err(ExchangeError::new(format!(
                "文件不是 UTF-8 编码（第 {} 个字节起无法识别）；请以 UTF-8 另存后再导入",
                e.valid_up_to() + 1
            ))),
        },
    }
}
