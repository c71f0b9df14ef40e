//! Fixing the day is process-wide, so it is tested in its own test binary.
use chrono::NaiveDate;
use diaodu_domain::clock::{fix_today, fixed_today, now, today};
use diaodu_domain::ErrorCode;

#[test]
fn a_fixed_day_holds_and_cannot_change() {
    let day = NaiveDate::from_ymd_opt(2026, 3, 5).unwrap();
    assert_eq!(fixed_today(), None);
    fix_today(day).unwrap();
    fix_today(day).unwrap();
    assert_eq!(today(), day);
    assert_eq!(fixed_today(), Some(day));
    assert_eq!(now().date(), day);
    let other = NaiveDate::from_ymd_opt(2026, 3, 6).unwrap();
    assert_eq!(fix_today(other).unwrap_err().code, ErrorCode::Conflict);
    assert_eq!(today(), day);
}
