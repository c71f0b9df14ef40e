//! Working-day ordinals: every date maps to the count of working days before
//! it, and every count back to its working day. With both in O(1), adding N
//! working days, counting working days between two dates and scheduling a
//! whole network become integer arithmetic; the calendar is consulted only
//! when a result is turned back into a date.
//!
//! Inside a precomputed span (the years that may hold holidays) the answer
//! comes from two tables; outside it, where only weekends are off, from a
//! closed formula, so no date is ever walked day by day.

/// Days are counted as `NaiveDate::num_days_from_ce`, on which day 1
/// (0001-01-01, proleptic Gregorian) is a Monday.
const MONDAY: i64 = 1;

/// Mon–Fri days in [MONDAY, day): the ordinal of a weekends-only calendar.
fn weekday_rank(day: i64) -> i64 {
    let from_monday = day - MONDAY;
    let weeks = from_monday.div_euclid(7);
    let into_week = from_monday.rem_euclid(7);
    weeks * 5 + into_week.min(5)
}

/// The weekday whose `weekday_rank` is `rank`: the inverse of `weekday_rank`
/// on Mon–Fri. None only for ranks no date could have.
fn weekday_at(rank: i64) -> Option<i64> {
    rank.div_euclid(5)
        .checked_mul(7)?
        .checked_add(MONDAY + rank.rem_euclid(5))
}

pub(crate) fn is_weekday(day: i64) -> bool {
    (day - MONDAY).rem_euclid(7) < 5
}

#[derive(Debug, Clone)]
pub(crate) struct DayIndex {
    /// Day number of the first day of the table.
    first: i64,
    /// `cum[i]`: working days in [first, first + i); one longer than the span,
    /// so whether day i works is `cum[i + 1] > cum[i]`.
    cum: Vec<u32>,
    /// Offsets from `first` of the working days, in order: `working[k]` is the
    /// day whose ordinal is k.
    working: Vec<u32>,
}

impl DayIndex {
    /// Precomputes `days` days from `first`, asking `works` about each once.
    pub fn build(first: i64, days: u32, works: impl Fn(i64) -> bool) -> Self {
        let mut cum = Vec::with_capacity(days as usize + 1);
        let mut working = Vec::with_capacity(days as usize * 5 / 7 + 8);
        let mut count = 0u32;
        cum.push(0);
        for offset in 0..days {
            if works(first + i64::from(offset)) {
                working.push(offset);
                count += 1;
            }
            cum.push(count);
        }
        DayIndex {
            first,
            cum,
            working,
        }
    }

    /// One past the last day of the table.
    fn end(&self) -> i64 {
        self.first + self.span()
    }

    fn span(&self) -> i64 {
        (self.cum.len() - 1) as i64
    }

    fn total(&self) -> i64 {
        i64::from(self.cum[self.cum.len() - 1])
    }

    pub fn is_working(&self, day: i64) -> bool {
        match self.offset(day) {
            Some(i) => self.cum[i + 1] > self.cum[i],
            None => is_weekday(day),
        }
    }

    fn offset(&self, day: i64) -> Option<usize> {
        if day >= self.first && day < self.end() {
            Some((day - self.first) as usize)
        } else {
            None
        }
    }

    /// Working days in [first, day): negative before the table. Equal for a
    /// day off and the working day that follows it, so it is also the ordinal
    /// of the first working day on or after `day`.
    pub fn ordinal(&self, day: i64) -> i64 {
        if day < self.first {
            weekday_rank(day) - weekday_rank(self.first)
        } else if day >= self.end() {
            self.total() + weekday_rank(day) - weekday_rank(self.end())
        } else {
            i64::from(self.cum[(day - self.first) as usize])
        }
    }

    /// The day number of the working day whose ordinal is `k`; None when `k`
    /// is beyond any representable day.
    pub fn nth(&self, k: i64) -> Option<i64> {
        if k < 0 {
            weekday_at(weekday_rank(self.first).checked_add(k)?)
        } else if k >= self.total() {
            weekday_at(weekday_rank(self.end()).checked_add(k - self.total())?)
        } else {
            Some(self.first + i64::from(self.working[k as usize]))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{Datelike, NaiveDate, Weekday};

    #[test]
    fn day_one_is_a_monday() {
        let d = NaiveDate::from_num_days_from_ce_opt(MONDAY as i32).expect("valid");
        assert_eq!(d.weekday(), Weekday::Mon);
    }

    #[test]
    fn weekday_rank_and_weekday_at_are_inverse() {
        for day in -30..60 {
            if is_weekday(day) {
                assert_eq!(weekday_at(weekday_rank(day)), Some(day));
            }
            // A weekend day has the rank of the Monday after it.
            assert!(weekday_at(weekday_rank(day)) >= Some(day));
        }
    }

    /// A table with one holiday (a Wednesday) and one make-up Saturday,
    /// compared day by day with a brute-force count on both sides of the
    /// table, where the weekend formula takes over.
    #[test]
    fn ordinal_and_nth_agree_with_brute_force_inside_and_outside() {
        let first = 700_001; // a Monday: (700_001 - 1) % 7 == 0
        assert!(is_weekday(first) && (first - 1) % 7 == 0);
        let holiday = first + 2;
        let make_up = first + 5;
        let works = |d: i64| (is_weekday(d) && d != holiday) || d == make_up;
        let idx = DayIndex::build(first, 21, works);

        let lo = first - 40;
        let hi = first + 60;
        let mut count = 0i64;
        // Brute force: ordinal relative to the table's first day.
        let base: i64 = (lo..first).filter(|&d| works(d)).count() as i64;
        for day in lo..hi {
            assert_eq!(idx.is_working(day), works(day), "day {day}");
            assert_eq!(idx.ordinal(day), count - base, "ordinal of {day}");
            if works(day) {
                assert_eq!(idx.nth(count - base), Some(day), "nth {}", count - base);
                count += 1;
            }
        }
    }
}
