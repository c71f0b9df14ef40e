//! The working calendar of the mine's offices: Monday to Friday, minus the
//! statutory holidays, plus the State Council's make-up working days (调休),
//! with the office's own changes on top.
//!
//! Overrides exist because the built-in data ends where the published notices
//! end (next year's notice comes out each December), and because the mine has
//! non-working days of its own. An override always wins over the built-in
//! data; of two overrides for the same day the later one in the list wins, so
//! an editor can append a correction without deleting the old entry.
pub mod cn_data;
mod index;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

use crate::error::ScheduleError;
use index::DayIndex;

pub use cn_data::{has_notice, notice_source, notice_years};

/// One day the office sets itself: a working day (a make-up day from next
/// year's notice) or a day off (a holiday, or one of the mine's own).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CalendarOverride {
    pub date: NaiveDate,
    pub working: bool,
    #[serde(default)]
    pub name: String,
}

/// Where a day's special status comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DaySource {
    /// The built-in State Council notices.
    Statutory,
    /// The office's own overrides.
    Override,
}

/// A day that differs from, or is explained beyond, a plain weekday/weekend:
/// what a calendar editor lists and what an exchange format exports as
/// calendar exceptions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SpecialDay {
    pub date: NaiveDate,
    pub working: bool,
    pub name: String,
    pub source: DaySource,
}

/// Years an override may fall in. The tables grow to cover every override,
/// so an unbounded year would make a calendar as large as the user's typo.
pub const OVERRIDE_YEARS: std::ops::RangeInclusive<i32> = 1900..=2200;

/// The span always precomputed; plans outside it still work (weekends only),
/// through the index's closed formula.
const TABLE_YEARS: std::ops::RangeInclusive<i32> = 2000..=2100;

#[derive(Debug, Clone)]
pub struct WorkCalendar {
    index: DayIndex,
    /// Day number → the explained special day.
    notes: HashMap<i64, SpecialDay>,
}

impl Default for WorkCalendar {
    fn default() -> Self {
        Self::statutory()
    }
}

fn day_number(date: NaiveDate) -> i64 {
    i64::from(date.num_days_from_ce())
}

fn date_of(day: Option<i64>) -> Option<NaiveDate> {
    NaiveDate::from_num_days_from_ce_opt(i32::try_from(day?).ok()?)
}

fn year_start(year: i32) -> i64 {
    // Years come from OVERRIDE_YEARS or TABLE_YEARS, always valid dates.
    NaiveDate::from_ymd_opt(year, 1, 1).map_or(0, day_number)
}

impl WorkCalendar {
    /// The statutory calendar with no overrides.
    pub fn statutory() -> Self {
        Self::build(&[])
    }

    /// The statutory calendar with the office's overrides applied in order.
    /// Refuses an override outside [`OVERRIDE_YEARS`].
    pub fn new(overrides: &[CalendarOverride]) -> Result<Self, ScheduleError> {
        if let Some(o) = overrides
            .iter()
            .find(|o| !OVERRIDE_YEARS.contains(&o.date.year()))
        {
            return Err(ScheduleError::CalendarOutOfRange { date: o.date });
        }
        Ok(Self::build(overrides))
    }

    fn build(overrides: &[CalendarOverride]) -> Self {
        let mut notes: HashMap<i64, SpecialDay> = HashMap::new();
        for notice in cn_data::NOTICES {
            for hol in notice.holidays {
                let range = (ymd(hol.off.0), ymd(hol.off.1));
                if let (Some(a), Some(b)) = range {
                    for day in day_number(a)..=day_number(b) {
                        note(&mut notes, day, false, hol.name, DaySource::Statutory);
                    }
                }
                for &m in hol.make_up {
                    if let Some(d) = ymd(m) {
                        note(
                            &mut notes,
                            day_number(d),
                            true,
                            hol.name,
                            DaySource::Statutory,
                        );
                    }
                }
            }
        }
        for o in overrides {
            note(
                &mut notes,
                day_number(o.date),
                o.working,
                &o.name,
                DaySource::Override,
            );
        }

        let first_year = overrides
            .iter()
            .map(|o| o.date.year())
            .fold(*TABLE_YEARS.start(), i32::min);
        let last_year = overrides
            .iter()
            .map(|o| o.date.year())
            .fold(*TABLE_YEARS.end(), i32::max);
        let first = year_start(first_year);
        let days = u32::try_from(year_start(last_year + 1) - first).unwrap_or(0);
        let index = DayIndex::build(first, days, |day| match notes.get(&day) {
            Some(n) => n.working,
            None => index::is_weekday(day),
        });
        WorkCalendar { index, notes }
    }

    pub fn is_working(&self, date: NaiveDate) -> bool {
        self.index.is_working(day_number(date))
    }

    /// The working day `n` working days after `date` (before it when `n` is
    /// negative), not counting `date` itself: Friday + 1 is the next Monday
    /// in a plain week, and so is Saturday + 1. With `n == 0`, `date` itself
    /// when it is a working day, else the next working day. `None` only past
    /// the dates chrono can represent.
    pub fn add_working_days(&self, date: NaiveDate, n: i64) -> Option<NaiveDate> {
        let day = day_number(date);
        let k = match n.cmp(&0) {
            std::cmp::Ordering::Greater => self.index.ordinal(day + 1).saturating_add(n - 1),
            std::cmp::Ordering::Less => self.index.ordinal(day).saturating_add(n),
            std::cmp::Ordering::Equal => self.index.ordinal(day),
        };
        date_of(self.index.nth(k))
    }

    /// Working days from `a` to `b`, both included; negative (the same count)
    /// when `b` is before `a`, so that it reads as a signed distance.
    pub fn working_days_between(&self, a: NaiveDate, b: NaiveDate) -> i64 {
        let (lo, hi) = if a <= b { (a, b) } else { (b, a) };
        let count = self.index.ordinal(day_number(hi) + 1) - self.index.ordinal(day_number(lo));
        if a <= b {
            count
        } else {
            -count
        }
    }

    /// The first working day after `date`.
    pub fn next_working_day(&self, date: NaiveDate) -> Option<NaiveDate> {
        date_of(self.index.nth(self.index.ordinal(day_number(date) + 1)))
    }

    /// The last working day before `date`.
    pub fn prev_working_day(&self, date: NaiveDate) -> Option<NaiveDate> {
        date_of(self.index.nth(self.index.ordinal(day_number(date)) - 1))
    }

    /// `date` if it is a working day, else the next one: where a start given on
    /// a day off actually lands.
    pub fn working_on_or_after(&self, date: NaiveDate) -> Option<NaiveDate> {
        date_of(self.index.nth(self.index.ordinal(day_number(date))))
    }

    /// `date` if it is a working day, else the previous one: the last day a
    /// deadline given on a day off can be met.
    pub fn working_on_or_before(&self, date: NaiveDate) -> Option<NaiveDate> {
        date_of(self.index.nth(self.index.ordinal(day_number(date) + 1) - 1))
    }

    /// The ordinal of the first working day on or after `date`: a working
    /// day's position in the calendar. Differences of indices are distances in
    /// working days, which is how the scheduler and baseline variances count.
    pub fn working_day_index(&self, date: NaiveDate) -> i64 {
        self.index.ordinal(day_number(date))
    }

    /// The working day with the given index (see [`Self::working_day_index`]).
    pub fn date_of_working_day(&self, index: i64) -> Option<NaiveDate> {
        date_of(self.index.nth(index))
    }

    /// The holiday, make-up day or override name of `date`, if it has one.
    pub fn day_name(&self, date: NaiveDate) -> Option<&str> {
        self.notes
            .get(&day_number(date))
            .map(|n| n.name.as_str())
            .filter(|n| !n.is_empty())
    }

    /// The special days in [from, to], in date order: holidays, make-up days
    /// and overrides (an override that restates a plain weekday or weekend is
    /// listed too, since the user entered it).
    pub fn special_days(&self, from: NaiveDate, to: NaiveDate) -> Vec<SpecialDay> {
        let (lo, hi) = (day_number(from), day_number(to));
        let mut days: Vec<SpecialDay> = self
            .notes
            .iter()
            .filter(|(&d, _)| d >= lo && d <= hi)
            .map(|(_, n)| n.clone())
            .collect();
        days.sort_by_key(|d| d.date);
        days
    }
}

fn ymd(t: cn_data::Ymd) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(t.0, t.1, t.2)
}

fn note(
    notes: &mut HashMap<i64, SpecialDay>,
    day: i64,
    working: bool,
    name: &str,
    source: DaySource,
) {
    if let Some(date) = date_of(Some(day)) {
        notes.insert(
            day,
            SpecialDay {
                date,
                working,
                name: name.to_string(),
                source,
            },
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("valid test date")
    }

    #[test]
    fn spring_festival_2026_and_its_make_up_saturdays() {
        let cal = WorkCalendar::statutory();
        // 2026 春节: 2月15日（日）至23日（一）放假, 2月14日（六）and 2月28日（六）上班.
        assert!(cal.is_working(d(2026, 2, 13)));
        assert!(cal.is_working(d(2026, 2, 14)));
        for day in 15..=23 {
            assert!(!cal.is_working(d(2026, 2, day)), "2月{day}日");
        }
        assert!(cal.is_working(d(2026, 2, 24)));
        assert!(cal.is_working(d(2026, 2, 28)));
        assert_eq!(cal.day_name(d(2026, 2, 16)), Some("春节"));
        assert_eq!(cal.day_name(d(2026, 2, 14)), Some("春节"));
        assert_eq!(cal.day_name(d(2026, 2, 25)), None);
    }

    #[test]
    fn adding_working_days_skips_holidays_and_uses_make_up_days() {
        let cal = WorkCalendar::statutory();
        // Fri 2月13日 + 1 → Sat 2月14日 (make-up); + 2 → Tue 2月24日.
        assert_eq!(
            cal.add_working_days(d(2026, 2, 13), 1),
            Some(d(2026, 2, 14))
        );
        assert_eq!(
            cal.add_working_days(d(2026, 2, 13), 2),
            Some(d(2026, 2, 24))
        );
        // And back again.
        assert_eq!(
            cal.add_working_days(d(2026, 2, 24), -1),
            Some(d(2026, 2, 14))
        );
        assert_eq!(
            cal.add_working_days(d(2026, 2, 24), -2),
            Some(d(2026, 2, 13))
        );
        // From a day off: + 1 is the first working day after it, 0 is the
        // working day it rolls to, - 1 the last working day before it.
        assert_eq!(
            cal.add_working_days(d(2026, 2, 18), 1),
            Some(d(2026, 2, 24))
        );
        assert_eq!(
            cal.add_working_days(d(2026, 2, 18), 0),
            Some(d(2026, 2, 24))
        );
        assert_eq!(
            cal.add_working_days(d(2026, 2, 18), -1),
            Some(d(2026, 2, 14))
        );
        assert_eq!(cal.add_working_days(d(2026, 3, 2), 0), Some(d(2026, 3, 2)));
    }

    #[test]
    fn counting_between_is_inclusive_and_signed() {
        let cal = WorkCalendar::statutory();
        // 2026-09-28 (Mon) .. 2026-10-09 (Fri): 28, 29, 30 Sept, then the
        // 国庆 run 1–7 Oct is off, 8 and 9 Oct work: 5 days.
        assert_eq!(cal.working_days_between(d(2026, 9, 28), d(2026, 10, 9)), 5);
        assert_eq!(cal.working_days_between(d(2026, 10, 9), d(2026, 9, 28)), -5);
        assert_eq!(cal.working_days_between(d(2026, 3, 2), d(2026, 3, 2)), 1);
        assert_eq!(cal.working_days_between(d(2026, 3, 7), d(2026, 3, 8)), 0);
        // Sat 10 Oct is a make-up day.
        assert_eq!(
            cal.working_days_between(d(2026, 10, 10), d(2026, 10, 11)),
            1
        );
    }

    #[test]
    fn next_and_previous_working_day() {
        let cal = WorkCalendar::statutory();
        assert_eq!(cal.next_working_day(d(2026, 9, 30)), Some(d(2026, 10, 8)));
        assert_eq!(cal.prev_working_day(d(2026, 10, 8)), Some(d(2026, 9, 30)));
        assert_eq!(cal.next_working_day(d(2026, 9, 19)), Some(d(2026, 9, 20)));
        assert_eq!(
            cal.working_on_or_after(d(2026, 10, 3)),
            Some(d(2026, 10, 8))
        );
        assert_eq!(
            cal.working_on_or_before(d(2026, 10, 3)),
            Some(d(2026, 9, 30))
        );
        assert_eq!(
            cal.working_on_or_before(d(2026, 9, 30)),
            Some(d(2026, 9, 30))
        );
    }

    #[test]
    fn overrides_win_and_the_later_one_wins() {
        let o = |date, working, name: &str| CalendarOverride {
            date,
            working,
            name: name.into(),
        };
        let cal = WorkCalendar::new(&[
            // The mine's own day off on a Tuesday.
            o(d(2026, 3, 10), false, "矿庆"),
            // A statutory make-up Saturday the mine does not work.
            o(d(2026, 2, 28), false, "矿内调整"),
            // 2027 元旦 ahead of the notice, then corrected.
            o(d(2027, 1, 1), false, "元旦"),
            o(d(2027, 1, 1), true, "更正"),
        ])
        .expect("years in range");
        assert!(!cal.is_working(d(2026, 3, 10)));
        assert!(!cal.is_working(d(2026, 2, 28)));
        assert!(cal.is_working(d(2027, 1, 1)));
        assert_eq!(cal.day_name(d(2026, 3, 10)), Some("矿庆"));
        assert_eq!(cal.add_working_days(d(2026, 3, 9), 1), Some(d(2026, 3, 11)));
        let listed = cal.special_days(d(2026, 3, 1), d(2026, 3, 31));
        assert_eq!(listed.len(), 1);
        assert_eq!(listed[0].source, DaySource::Override);
    }

    #[test]
    fn overrides_far_outside_the_table_extend_it_and_absurd_years_are_refused() {
        let far = CalendarOverride {
            date: d(2150, 6, 1), // a Monday
            working: false,
            name: String::new(),
        };
        let cal = WorkCalendar::new(std::slice::from_ref(&far)).expect("in range");
        assert!(!cal.is_working(far.date));
        assert_eq!(cal.day_name(far.date), None);
        let absurd = CalendarOverride {
            date: d(9999, 1, 1),
            ..far
        };
        assert!(matches!(
            WorkCalendar::new(&[absurd]),
            Err(ScheduleError::CalendarOutOfRange { .. })
        ));
    }

    #[test]
    fn outside_the_tables_only_weekends_are_off() {
        let cal = WorkCalendar::statutory();
        // 1990-01-01 was a Monday; 2200-01-01 is a Wednesday.
        assert!(cal.is_working(d(1990, 1, 1)));
        assert!(!cal.is_working(d(1989, 12, 31)));
        assert_eq!(
            cal.add_working_days(d(1989, 12, 29), 1),
            Some(d(1990, 1, 1))
        );
        assert_eq!(
            cal.add_working_days(d(2199, 12, 31), 1),
            Some(d(2200, 1, 1))
        );
        // Across the table's start: Fri 1999-12-31 + 1 = Mon 2000-01-03.
        assert_eq!(
            cal.add_working_days(d(1999, 12, 31), 1),
            Some(d(2000, 1, 3))
        );
        assert_eq!(
            cal.add_working_days(d(2000, 1, 3), -1),
            Some(d(1999, 12, 31))
        );
        // 52 full weeks from a Monday, far past the table.
        assert_eq!(
            cal.working_days_between(d(2300, 1, 1), d(2300, 12, 30)),
            5 * 52
        );
    }

    #[test]
    fn index_round_trip() {
        let cal = WorkCalendar::statutory();
        let i = cal.working_day_index(d(2026, 2, 14));
        assert_eq!(cal.date_of_working_day(i), Some(d(2026, 2, 14)));
        assert_eq!(cal.date_of_working_day(i + 1), Some(d(2026, 2, 24)));
        assert_eq!(cal.working_day_index(d(2026, 2, 15)), i + 1);
        assert_eq!(cal.add_working_days(NaiveDate::MAX, 1), None);
        assert_eq!(cal.add_working_days(d(2026, 1, 5), i64::MAX), None);
        assert_eq!(cal.add_working_days(d(2026, 1, 5), i64::MIN), None);
        assert_eq!(cal.date_of_working_day(i64::MIN), None);
    }
}
