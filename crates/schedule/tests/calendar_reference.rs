//! The built-in calendar against the reference data
//! (`tests/data/holiday-cn/YYYY.json`, copied from NateScarlet/holiday-cn): every
//! day of 2018–2027 must agree.
//!
//! The reference lists, per notice, the days off (`isOffDay: true`) and the
//! make-up working days (`isOffDay: false`). A day is a working day when it
//! is a make-up day, or a Monday–Friday not listed as off.
use chrono::{Datelike, NaiveDate, Weekday};
use diaodu_schedule::WorkCalendar;
use serde::Deserialize;
use std::collections::HashMap;
use std::path::PathBuf;

#[derive(Deserialize)]
struct YearFile {
    year: i32,
    days: Vec<RefDay>,
}

#[derive(Deserialize)]
struct RefDay {
    name: String,
    date: NaiveDate,
    #[serde(rename = "isOffDay")]
    is_off_day: bool,
}

/// The reference files kept in the repository (`tests/data/holiday-cn`).
/// Not finding them is a failure: a calendar test that silently skips
/// proves nothing.
fn reference_dir() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/data/holiday-cn");
    assert!(
        dir.join("2018.json").is_file(),
        "reference calendar data not found in {}",
        dir.display()
    );
    dir
}

/// All listed days of all files, keyed by date. A date may be listed by two
/// notices (the 元旦 run at a year's turn is in the next year's file); they
/// must then agree.
fn reference() -> HashMap<NaiveDate, (bool, String)> {
    let dir = reference_dir();
    let mut listed: HashMap<NaiveDate, (bool, String)> = HashMap::new();
    for year in 2018..=2027 {
        let path = dir.join(format!("{year}.json"));
        let text = std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
        let file: YearFile = serde_json::from_str(&text)
            .unwrap_or_else(|e| panic!("cannot parse {}: {e}", path.display()));
        assert_eq!(file.year, year, "{}", path.display());
        for day in file.days {
            if let Some((off, _)) = listed.get(&day.date) {
                assert_eq!(
                    *off, day.is_off_day,
                    "{} listed twice, differently",
                    day.date
                );
            }
            listed.insert(day.date, (day.is_off_day, day.name));
        }
    }
    assert!(
        listed.len() > 300,
        "suspiciously little reference data: {}",
        listed.len()
    );
    listed
}

#[test]
fn every_day_of_2018_to_2027_matches_the_reference() {
    let listed = reference();
    let cal = WorkCalendar::statutory();
    let mut day = NaiveDate::from_ymd_opt(2018, 1, 1).expect("valid");
    let last = NaiveDate::from_ymd_opt(2027, 12, 31).expect("valid");
    let mut mismatches = Vec::new();
    let mut checked = 0;
    while day <= last {
        let weekday = !matches!(day.weekday(), Weekday::Sat | Weekday::Sun);
        let expected = match listed.get(&day) {
            Some((off, _)) => !off,
            None => weekday,
        };
        if cal.is_working(day) != expected {
            let name = listed.get(&day).map(|(_, n)| n.as_str()).unwrap_or("");
            mismatches.push(format!(
                "{day} ({:?}) {name}: expected {}",
                day.weekday(),
                if expected { "working" } else { "off" }
            ));
        }
        checked += 1;
        day = day.succ_opt().expect("within range");
    }
    assert_eq!(checked, 3652);
    assert!(
        mismatches.is_empty(),
        "calendar differs from the reference:\n{}",
        mismatches.join("\n")
    );
}

/// Every listed day carries the right holiday name, so the Gantt view's shading
/// tooltips say what the notice says. The reference joins 国庆 and 中秋 in
/// either order; the built-in data follows each notice's own order.
#[test]
fn listed_days_carry_the_notices_holiday_names() {
    let listed = reference();
    let cal = WorkCalendar::statutory();
    for (date, (_, name)) in &listed {
        // The reference lists 2020-02-03, the day work resumed after the
        // extended 春节, as a working Monday; it is no special day.
        if *date == NaiveDate::from_ymd_opt(2020, 2, 3).expect("valid") {
            continue;
        }
        let ours = cal.day_name(*date).unwrap_or("");
        let mut a: Vec<&str> = ours.split('、').collect();
        let mut b: Vec<&str> = name.split('、').collect();
        a.sort_unstable();
        b.sort_unstable();
        assert_eq!(a, b, "{date}");
    }
}
