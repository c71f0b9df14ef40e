//! What day and time it is, for every decision that depends on the date (due
//! lights, periods, drafts, numbering years, dashboards, audit times).
//!
//! One place, so that a process can be started on a fixed "today" (`--today
//! YYYY-MM-DD` or `DIAODU_TODAY`, read once at start by the app and the CLI)
//! and every part of it, the window included, agrees on that day. Without an
//! override this is the local clock. With one, the date is fixed and the time
//! of day still runs, so records keep their order.

use crate::error::CoreError;
use chrono::{Local, NaiveDate, NaiveDateTime};
use std::sync::OnceLock;

/// The environment variable that fixes today (same form as `--today`).
pub const TODAY_ENV: &str = "DIAODU_TODAY";

static FIXED_TODAY: OnceLock<NaiveDate> = OnceLock::new();

/// Local date and time now (on the fixed day, if one was set).
pub fn now() -> NaiveDateTime {
    let real = Local::now().naive_local();
    match FIXED_TODAY.get() {
        Some(day) => day.and_time(real.time()),
        None => real,
    }
}

/// Today's local date (the fixed day, if one was set).
pub fn today() -> NaiveDate {
    now().date()
}

/// The fixed day, if this process was started with one.
pub fn fixed_today() -> Option<NaiveDate> {
    FIXED_TODAY.get().copied()
}

/// Fixes today for the rest of the process. Setting the same day again is
/// harmless; a different day is refused, so no part runs on another day.
pub fn fix_today(day: NaiveDate) -> Result<(), CoreError> {
    let set = *FIXED_TODAY.get_or_init(|| day);
    if set == day {
        Ok(())
    } else {
        Err(CoreError::conflict(format!(
            "本次运行的“今天”已设为 {set}，不能再改为 {day}"
        )))
    }
}

/// `YYYY-MM-DD` as the day to run on.
pub fn parse_today(text: &str) -> Result<NaiveDate, CoreError> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").map_err(|_| {
        CoreError::validation(
            "today",
            format!("“今天”应写成 YYYY-MM-DD，例如 2026-03-05，而不是“{text}”"),
        )
    })
}

/// The value of `--today DAY` / `--today=DAY` among `args` (empty when the
/// value is missing, so that it is refused rather than ignored).
pub fn today_arg(args: impl IntoIterator<Item = String>) -> Option<String> {
    let mut args = args.into_iter();
    while let Some(a) = args.next() {
        if a == "--today" {
            return Some(args.next().unwrap_or_default());
        }
        if let Some(v) = a.strip_prefix("--today=") {
            return Some(v.to_string());
        }
    }
    None
}

/// The day asked for by the argument, else by the `env` value (of
/// [`TODAY_ENV`]); `None` when neither is given.
pub fn requested_today(
    arg: Option<&str>,
    env: Option<&str>,
) -> Result<Option<NaiveDate>, CoreError> {
    match (arg, env) {
        (Some(v), _) => parse_today(v).map(Some),
        (None, Some(v)) if !v.trim().is_empty() => parse_today(v).map(Some),
        _ => Ok(None),
    }
}

/// Fixes today from the `--today` value `arg`, else from [`TODAY_ENV`], if
/// either is given; called once at start. Returns the fixed day.
pub fn fix_today_from(arg: Option<&str>) -> Result<Option<NaiveDate>, CoreError> {
    let env = std::env::var(TODAY_ENV).ok();
    let asked = requested_today(arg, env.as_deref())?;
    if let Some(day) = asked {
        fix_today(day)?;
    }
    Ok(asked)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ErrorCode;

    fn args(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn today_from_argument_or_environment() {
        let d = NaiveDate::from_ymd_opt(2026, 3, 5);
        let arg = |v: &[&str]| today_arg(args(v));
        assert_eq!(
            arg(&["--today", "2026-03-05"]).as_deref(),
            Some("2026-03-05")
        );
        assert_eq!(
            arg(&["--data-dir", "/x", "--today=2026-03-05"]).as_deref(),
            Some("2026-03-05")
        );
        assert_eq!(arg(&["--today"]).as_deref(), Some(""));
        assert_eq!(arg(&["--data-dir", "/x"]), None);
        assert_eq!(requested_today(Some("2026-03-05"), None).unwrap(), d);
        // The argument wins over the environment.
        assert_eq!(
            requested_today(Some("2026-03-05"), Some("2025-01-01")).unwrap(),
            d
        );
        assert_eq!(requested_today(None, Some("2026-03-05")).unwrap(), d);
        assert_eq!(requested_today(None, None).unwrap(), None);
        assert_eq!(requested_today(None, Some(" ")).unwrap(), None);
    }

    #[test]
    fn a_malformed_today_is_refused_in_chinese() {
        for bad in ["2026-13-01", "", "明天"] {
            let e = requested_today(Some(bad), None).unwrap_err();
            assert_eq!(e.code, ErrorCode::Validation);
            assert!(e.message.contains("YYYY-MM-DD"), "{}", e.message);
        }
        assert!(requested_today(None, Some("2026/03/05")).is_err());
    }
}
