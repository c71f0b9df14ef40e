//! Vocabulary of the office's registers beside the dispatch loop: the
//! emergency event log (应急管理), the archive of incoming files and 制度
//! texts (文档管理), and what became of a problem raised on a leader's visit
//! to an assistance point (帮扶走访). Dates and times are checked here so
//! every entry point refuses the same bad input with the same message.
use crate::error::{CoreError, CoreResult};
use chrono::{NaiveDate, NaiveDateTime};

coded!(
    /// What kind of emergency: the office coordinates more than production
    /// (后勤保障、地面安全、综合治理、信访维稳, as the article says).
    EmergencyCategory, "category", "事件类别", {
    Safety => "safety", "安全生产";
    Surface => "surface", "地面安全";
    Logistics => "logistics", "后勤保障";
    Order => "order", "综合治理";
    Stability => "stability", "信访维稳";
    Other => "other", "其他";
});

coded!(
    /// An emergency is being handled until it is closed with a time and a note.
    EmergencyStatus, "status", "处置状态", {
    Open => "open", "处置中";
    Closed => "closed", "已结束";
});

coded!(
    /// 来文 (a file received from a higher body) or 制度 (a standing rule text).
    ArchiveKind, "kind", "文档类别", {
    Incoming => "incoming", "来文";
    Rule => "rule", "制度";
});

coded!(
    /// What became of a problem raised on a visit.
    ProblemOutcome, "outcome", "问题去向", {
    Pending => "pending", "待处理";
    Task => "task", "转为任务";
    Rectification => "rectification", "转为整改";
    Onsite => "onsite", "现场解决";
});

/// Records of what happened carry dates inside the years the app plans for.
const FIRST_YEAR: i32 = 2000;
const LAST_YEAR: i32 = 2100;

fn in_range(field: &str, label: &str, d: NaiveDate) -> CoreResult<()> {
    use chrono::Datelike;
    if (FIRST_YEAR..=LAST_YEAR).contains(&d.year()) {
        Ok(())
    } else {
        Err(CoreError::validation(
            field,
            format!("{label}的年份应在{FIRST_YEAR}到{LAST_YEAR}之间"),
        ))
    }
}

/// A required date `YYYY-MM-DD` in the supported years.
pub fn date(field: &str, label: &str, s: &str) -> CoreResult<NaiveDate> {
    if s.trim().is_empty() {
        return Err(CoreError::validation(field, format!("请填写{label}")));
    }
    let d = crate::plan::parse_date(field, label, s)?;
    in_range(field, label, d)?;
    Ok(d)
}

/// A date of something that has happened: not after `today`.
pub fn past_date(field: &str, label: &str, s: &str, today: NaiveDate) -> CoreResult<NaiveDate> {
    let d = date(field, label, s)?;
    if d > today {
        return Err(CoreError::validation(
            field,
            format!("{label}不能晚于今天（{today}）"),
        ));
    }
    Ok(d)
}

/// A time `YYYY-MM-DD HH:MM` (seconds and a `T` separator are accepted).
pub fn time(field: &str, label: &str, s: &str) -> CoreResult<NaiveDateTime> {
    let t = s.trim().replace('T', " ");
    if t.is_empty() {
        return Err(CoreError::validation(field, format!("请填写{label}")));
    }
    let parsed = NaiveDateTime::parse_from_str(&t, "%Y-%m-%d %H:%M")
        .or_else(|_| NaiveDateTime::parse_from_str(&t, "%Y-%m-%d %H:%M:%S"))
        .map_err(|_| {
            CoreError::validation(field, format!("{label}格式应为如 2026-03-05 09:30 的时间"))
        })?;
    in_range(field, label, parsed.date())?;
    Ok(parsed)
}

/// A time that has passed: not after `now`.
pub fn past_time(
    field: &str,
    label: &str,
    s: &str,
    now: NaiveDateTime,
) -> CoreResult<NaiveDateTime> {
    let t = time(field, label, s)?;
    if t > now {
        return Err(CoreError::validation(
            field,
            format!("{label}不能晚于现在（{}）", now.format("%Y-%m-%d %H:%M")),
        ));
    }
    Ok(t)
}

/// Record ids come from the window; a negative or zero one is a bad request,
/// answered with the field it was given in.
pub fn id(field: &str, label: &str, id: i64) -> CoreResult<i64> {
    if id > 0 {
        Ok(id)
    } else {
        Err(CoreError::validation(field, format!("{label}编号不正确")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn dates_and_times_are_checked_with_chinese_messages() {
        let today = d(2026, 3, 5);
        assert_eq!(
            past_date("on", "走访日期", "2026-03-05", today).unwrap(),
            today
        );
        let e = past_date("on", "走访日期", "2026-03-06", today).unwrap_err();
        assert_eq!(e.field.as_deref(), Some("on"));
        assert!(e.message.contains("不能晚于今天"));
        assert!(date("on", "日期", "2026-02-30")
            .unwrap_err()
            .message
            .contains("格式"));
        assert!(date("on", "日期", "1899-01-01")
            .unwrap_err()
            .message
            .contains("年份"));
        assert!(date("on", "日期", " ")
            .unwrap_err()
            .message
            .contains("请填写"));
        let now = d(2026, 3, 5).and_hms_opt(10, 0, 0).unwrap();
        assert!(past_time("at", "发生时间", "2026-03-05 09:30", now).is_ok());
        assert!(past_time("at", "发生时间", "2026-03-05T09:30:15", now).is_ok());
        assert!(past_time("at", "发生时间", "2026-03-05 10:01", now)
            .unwrap_err()
            .message
            .contains("不能晚于现在"));
        assert!(time("at", "发生时间", "昨天")
            .unwrap_err()
            .message
            .contains("格式"));
        assert!(id("id", "事件", -3)
            .unwrap_err()
            .message
            .contains("编号不正确"));
        assert_eq!(id("id", "事件", 7).unwrap(), 7);
    }

    #[test]
    fn codes_and_labels() {
        assert_eq!(
            EmergencyCategory::parse("信访维稳").unwrap(),
            EmergencyCategory::Stability
        );
        assert_eq!(ArchiveKind::parse("rule").unwrap().label(), "制度");
        assert_eq!(ProblemOutcome::Onsite.label(), "现场解决");
        assert!(EmergencyStatus::parse("x")
            .unwrap_err()
            .message
            .contains("处置中"));
    }
}
