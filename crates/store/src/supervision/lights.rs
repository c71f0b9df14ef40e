//! The one due light of the app: every place that shows a task, a notice or
//! an order (the documents list, the Gantt table and bars, the reminder list,
//! the dashboard) takes its red / amber / green from [`due_light`].
//!
//! Rule (on the office's working calendar):
//! - done: the work is finished (task closed, document completed);
//! - overdue (red): the due date has passed — from the day after it;
//! - due soon (amber): at most [`DUE_SOON_WORKING_DAYS`] working days are
//!   left, counting the working days after today up to and including the due
//!   date (due today counts as 0 left). A long holiday therefore does not make
//!   a date look far away: on the last working day before the 国庆 week, a
//!   date on the first working day after it has 1 working day left.
use chrono::{Duration, NaiveDate};
use diaodu_schedule::WorkCalendar;
use serde::Serialize;

/// Working days left at which a date turns amber.
pub const DUE_SOON_WORKING_DAYS: i64 = 3;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DueState {
    Done,
    None,
    DueSoon,
    Overdue,
}

impl DueState {
    pub fn code(self) -> &'static str {
        match self {
            DueState::Done => "done",
            DueState::None => "none",
            DueState::DueSoon => "due_soon",
            DueState::Overdue => "overdue",
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            DueState::Done => "已完成",
            DueState::None => "正常",
            DueState::DueSoon => "临期",
            DueState::Overdue => "逾期",
        }
    }
}

/// Working days after `today` up to and including `due`; 0 when `due` is
/// today or already past.
pub fn working_days_left(cal: &WorkCalendar, today: NaiveDate, due: NaiveDate) -> i64 {
    if due <= today {
        0
    } else {
        cal.working_days_between(today + Duration::days(1), due)
    }
}

/// Working days a date is overdue by: the working days after `due` up to and
/// including `today` (a Friday date is 1 working day overdue on Monday).
pub fn working_days_overdue(cal: &WorkCalendar, due: NaiveDate, today: NaiveDate) -> i64 {
    if today <= due {
        0
    } else {
        cal.working_days_between(due + Duration::days(1), today)
    }
}

/// The light of one thing due on `due` (none without a date).
pub fn due_light(
    cal: &WorkCalendar,
    today: NaiveDate,
    done: bool,
    due: Option<NaiveDate>,
) -> DueState {
    if done {
        return DueState::Done;
    }
    match due {
        None => DueState::None,
        Some(d) if today > d => DueState::Overdue,
        Some(d) if working_days_left(cal, today, d) <= DUE_SOON_WORKING_DAYS => DueState::DueSoon,
        Some(_) => DueState::None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn plain_week() {
        let cal = WorkCalendar::statutory();
        // Mon 2026-03-09; Thu 03-12 has Tue, Wed, Thu left = 3 → amber.
        let mon = d(2026, 3, 9);
        assert_eq!(working_days_left(&cal, mon, d(2026, 3, 12)), 3);
        assert_eq!(
            due_light(&cal, mon, false, Some(d(2026, 3, 12))),
            DueState::DueSoon
        );
        // Fri 03-13 has 4 left → no light.
        assert_eq!(
            due_light(&cal, mon, false, Some(d(2026, 3, 13))),
            DueState::None
        );
        // Due today → amber; yesterday → red; done wins; no date → none.
        assert_eq!(due_light(&cal, mon, false, Some(mon)), DueState::DueSoon);
        assert_eq!(
            due_light(&cal, mon, false, Some(d(2026, 3, 8))),
            DueState::Overdue
        );
        assert_eq!(
            due_light(&cal, mon, true, Some(d(2026, 3, 8))),
            DueState::Done
        );
        assert_eq!(due_light(&cal, mon, false, None), DueState::None);
        // Friday's date is 1 working day overdue on Monday, 0 on the weekend.
        assert_eq!(working_days_overdue(&cal, d(2026, 3, 6), mon), 1);
        assert_eq!(working_days_overdue(&cal, d(2026, 3, 6), d(2026, 3, 8)), 0);
        // But Fri 02-27 is 2 working days overdue on Mon 03-02: Sat 02-28 is
        // a 春节 make-up working day.
        assert_eq!(working_days_overdue(&cal, d(2026, 2, 27), d(2026, 3, 2)), 2);
    }

    #[test]
    fn across_the_national_day_holiday_and_its_make_up_days() {
        // 2026 国庆/中秋: 10月1日（四）至7日（三）放假；9月20日（日）、10月10日（六）上班.
        let cal = WorkCalendar::statutory();
        let wed = d(2026, 9, 30);
        // Due Mon 10-12: Thu 8, Fri 9, Sat 10 (make-up), Mon 12 → 4 left.
        assert_eq!(working_days_left(&cal, wed, d(2026, 10, 12)), 4);
        assert_eq!(
            due_light(&cal, wed, false, Some(d(2026, 10, 12))),
            DueState::None
        );
        // Due Fri 10-09: 8, 9 → 2 left although it is 9 calendar days away.
        assert_eq!(
            due_light(&cal, wed, false, Some(d(2026, 10, 9))),
            DueState::DueSoon
        );
        // A date inside the holiday is overdue only from the day after it.
        assert_eq!(
            due_light(&cal, d(2026, 10, 3), false, Some(d(2026, 10, 3))),
            DueState::DueSoon
        );
        assert_eq!(
            due_light(&cal, d(2026, 10, 4), false, Some(d(2026, 10, 3))),
            DueState::Overdue
        );
        // Overdue since Wed 09-30: the holiday adds nothing, Thu 8 and Fri 9
        // do, and the make-up Saturday 10 counts too.
        assert_eq!(working_days_overdue(&cal, wed, d(2026, 10, 7)), 0);
        assert_eq!(working_days_overdue(&cal, wed, d(2026, 10, 10)), 3);
        // Sun 09-20 is a make-up working day: from Fri 09-18 a Tuesday date
        // (09-22) has Sun 20, Mon 21, Tue 22 = 3 left.
        assert_eq!(working_days_left(&cal, d(2026, 9, 18), d(2026, 9, 22)), 3);
    }
}
