//! Due dates checked against the reference holiday data
//! (`tests/data/holiday-cn/YYYY.json`, copied from NateScarlet/holiday-cn): for every period of
//! 2018–2026 and a rule of every kind, the due date is a working day by the
//! reference, and no reference working day lies between it and the rule's
//! nominal day inside the period (the date moved back as little as possible).
use chrono::{Datelike, Duration, NaiveDate, Weekday};
use diaodu_periodic::{due_date, due_in, Cycle, DueRule, Period};
use diaodu_schedule::WorkCalendar;
use std::collections::HashMap;
use std::path::PathBuf;

/// The reference files kept in the repository (`tests/data/holiday-cn`).
fn reference_dir() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/data/holiday-cn");
    assert!(
        dir.join("2018.json").is_file(),
        "reference calendar data not found in {}",
        dir.display()
    );
    dir
}

/// date → is off, from the reference files (without serde_derive: the
/// files are read with serde_json's Value).
fn reference() -> HashMap<NaiveDate, bool> {
    let mut out = HashMap::new();
    for year in 2018..=2027 {
        let path = reference_dir().join(format!("{year}.json"));
        let text =
            std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let v: serde_json::Value = serde_json::from_str(&text).expect("valid JSON");
        for day in v["days"].as_array().expect("days") {
            let date = NaiveDate::parse_from_str(day["date"].as_str().expect("date"), "%Y-%m-%d")
                .expect("date");
            out.insert(date, day["isOffDay"].as_bool().expect("isOffDay"));
        }
    }
    assert!(out.len() > 300, "too little reference data");
    out
}

struct Oracle(HashMap<NaiveDate, bool>);

impl Oracle {
    fn working(&self, d: NaiveDate) -> bool {
        match self.0.get(&d) {
            Some(off) => !off,
            None => !matches!(d.weekday(), Weekday::Sat | Weekday::Sun),
        }
    }
}

/// A rule, and for working-day rules the day they count back from.
type Case = (Cycle, DueRule, Option<fn(&Period) -> NaiveDate>);

fn rules() -> Vec<Case> {
    vec![
        (Cycle::Year, DueRule::Day { month: 12, day: 20 }, None),
        (Cycle::Quarter, DueRule::Day { month: 1, day: 10 }, None),
        (Cycle::Quarter, DueRule::Day { month: 3, day: 25 }, None),
        (Cycle::Month, DueRule::Day { month: 1, day: 25 }, None),
        (Cycle::Month, DueRule::Day { month: 1, day: 5 }, None),
        (Cycle::Month, DueRule::Day { month: 1, day: 31 }, None),
        (
            Cycle::Dekad,
            DueRule::Workday { n: -1 },
            Some(|p: &Period| p.end()),
        ),
        (Cycle::Dekad, DueRule::Day { month: 1, day: 8 }, None),
        (Cycle::Week, DueRule::Weekday { weekday: 5 }, None),
        (Cycle::Week, DueRule::Weekday { weekday: 1 }, None),
        (
            Cycle::Month,
            DueRule::Workday { n: -1 },
            Some(|p: &Period| p.end()),
        ),
    ]
}

/// The nominal day of a calendar-day rule, computed here independently.
fn nominal(p: &Period, rule: &DueRule) -> Option<NaiveDate> {
    match *rule {
        DueRule::Weekday { weekday } => Some(p.start() + Duration::days(i64::from(weekday) - 1)),
        DueRule::Day { month, day } => {
            if let Period::Dekad(..) = p {
                let d = p.start() + Duration::days(i64::from(day) - 1);
                return Some(d.min(p.end()));
            }
            let mut y = p.start().year();
            let mut m = p.start().month() + month - 1;
            if m > 12 {
                m -= 12;
                y += 1;
            }
            let mut d = day;
            while NaiveDate::from_ymd_opt(y, m, d).is_none() {
                d -= 1;
            }
            NaiveDate::from_ymd_opt(y, m, d)
        }
        _ => None,
    }
}

#[test]
fn due_dates_fall_on_reference_working_days_as_late_as_the_rule_allows() {
    let oracle = Oracle(reference());
    let cal = WorkCalendar::statutory();
    let (from, to) = (
        NaiveDate::from_ymd_opt(2018, 1, 1).unwrap(),
        NaiveDate::from_ymd_opt(2026, 12, 31).unwrap(),
    );
    let mut checked = 0;
    let mut moved = 0;
    for (cycle, rule, end_of) in rules() {
        for p in Period::overlapping(cycle, from, to) {
            let due =
                due_date(&p, &rule, &cal).unwrap_or_else(|| panic!("{p} {rule:?} has no due date"));
            assert!(
                oracle.working(due),
                "{p} {rule:?}: {due} is a day off in the reference"
            );
            let target = end_of
                .map(|f| f(&p))
                .or_else(|| nominal(&p, &rule))
                .expect("nominal");
            if due <= target {
                // Nothing working between the due date and the nominal day.
                let mut d = due + Duration::days(1);
                while d <= target {
                    assert!(
                        !oracle.working(d),
                        "{p} {rule:?}: {due} chosen though {d} works"
                    );
                    d += Duration::days(1);
                }
                assert!(due >= p.start(), "{p} {rule:?}: {due} before the period");
            } else {
                // Moved forward only when nothing before it in the period works.
                let mut d = p.start();
                while d <= target {
                    assert!(
                        !oracle.working(d),
                        "{p} {rule:?}: moved forward to {due} though {d} works"
                    );
                    d += Duration::days(1);
                }
            }
            if due != target {
                moved += 1;
            }
            checked += 1;
        }
    }
    assert!(
        checked > 2000 && moved > 300,
        "checked {checked}, moved {moved}"
    );
}

#[test]
fn daily_items_are_due_exactly_on_the_reference_working_days() {
    let oracle = Oracle(reference());
    let cal = WorkCalendar::statutory();
    for year in 2018..=2026 {
        let due: Vec<NaiveDate> = due_in(Cycle::Day, &DueRule::Daily, &Period::Year(year), &cal)
            .into_iter()
            .map(|(_, d)| d)
            .collect();
        let expected: Vec<NaiveDate> = Period::overlapping(
            Cycle::Day,
            Period::Year(year).start(),
            Period::Year(year).end(),
        )
        .into_iter()
        .map(|p| p.start())
        .filter(|d| oracle.working(*d))
        .collect();
        assert_eq!(due, expected, "{year}");
    }
}
