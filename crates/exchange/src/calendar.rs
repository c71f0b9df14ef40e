//! The plan's own calendar as the exchange formats see it: Monday to Friday,
//! with the plan's listed days on top (later entries win). Used to fill in
//! the informative dates of an export, never to schedule.
use chrono::{Datelike, NaiveDate, Weekday};
use diaodu_schedule::CalendarOverride;
use std::collections::HashMap;

/// Longest run of days off the helpers step over before giving up.
const MAX_STEP: usize = 3700;

pub(crate) struct DocCalendar {
    days: HashMap<NaiveDate, bool>,
}

impl DocCalendar {
    pub fn new(days: &[CalendarOverride]) -> Self {
        DocCalendar {
            days: days.iter().map(|d| (d.date, d.working)).collect(),
        }
    }

    pub fn is_working(&self, d: NaiveDate) -> bool {
        match self.days.get(&d) {
            Some(&w) => w,
            None => !matches!(d.weekday(), Weekday::Sat | Weekday::Sun),
        }
    }

    /// `d`, or the first working day after it.
    pub fn on_or_after(&self, d: NaiveDate) -> NaiveDate {
        let mut x = d;
        for _ in 0..MAX_STEP {
            if self.is_working(x) {
                return x;
            }
            match x.succ_opt() {
                Some(n) => x = n,
                None => break,
            }
        }
        d
    }

    /// `d`, or the last working day before it.
    pub fn on_or_before(&self, d: NaiveDate) -> NaiveDate {
        let mut x = d;
        for _ in 0..MAX_STEP {
            if self.is_working(x) {
                return x;
            }
            match x.pred_opt() {
                Some(n) => x = n,
                None => break,
            }
        }
        d
    }

    /// `n` working days after the working day `d` (before it for negative
    /// `n`).
    pub fn add(&self, d: NaiveDate, n: i64) -> NaiveDate {
        let mut x = d;
        let mut left = n.unsigned_abs();
        let mut idle = 0usize;
        while left > 0 {
            let next = if n > 0 { x.succ_opt() } else { x.pred_opt() };
            let Some(next) = next else { break };
            x = next;
            if self.is_working(x) {
                left -= 1;
                idle = 0;
            } else {
                idle += 1;
                if idle > MAX_STEP {
                    break;
                }
            }
        }
        x
    }

    /// Working days from `a` to `b`, both included (0 when `b < a`).
    pub fn span(&self, a: NaiveDate, b: NaiveDate) -> i64 {
        if b < a {
            return 0;
        }
        let mut count = 0;
        let mut x = a;
        while x <= b {
            if self.is_working(x) {
                count += 1;
            }
            match x.succ_opt() {
                Some(n) => x = n,
                None => break,
            }
        }
        count
    }
}
