//! Cycles and concrete periods.
use crate::error::PeriodError;
use chrono::{Datelike, Duration, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};
use std::fmt;

/// How often a specification item recurs. Ordered from the longest to the
/// shortest, the order the specification lists them in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Cycle {
    Year,
    Quarter,
    Month,
    Dekad,
    Week,
    Day,
}

impl Cycle {
    pub const ALL: [Cycle; 6] = [
        Cycle::Year,
        Cycle::Quarter,
        Cycle::Month,
        Cycle::Dekad,
        Cycle::Week,
        Cycle::Day,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Cycle::Year => "year",
            Cycle::Quarter => "quarter",
            Cycle::Month => "month",
            Cycle::Dekad => "dekad",
            Cycle::Week => "week",
            Cycle::Day => "day",
        }
    }

    /// The one-character name used in the specification's 周期 column.
    pub fn label(self) -> &'static str {
        match self {
            Cycle::Year => "年",
            Cycle::Quarter => "季",
            Cycle::Month => "月",
            Cycle::Dekad => "旬",
            Cycle::Week => "周",
            Cycle::Day => "日",
        }
    }

    /// "每年", "每季度", …: how a rule of this cycle begins.
    pub fn every(self) -> &'static str {
        match self {
            Cycle::Year => "每年",
            Cycle::Quarter => "每季度",
            Cycle::Month => "每月",
            Cycle::Dekad => "每旬",
            Cycle::Week => "每周",
            Cycle::Day => "每日",
        }
    }

    /// Accepts the code (`month`), the label (`月`) and the usual longer
    /// forms (`月度`, `每月`, `季度`, `星期`, `天`).
    pub fn parse(s: &str) -> Result<Cycle, PeriodError> {
        let t = s.trim().trim_start_matches('每');
        let found = match t {
            "year" | "年" | "年度" => Some(Cycle::Year),
            "quarter" | "季" | "季度" => Some(Cycle::Quarter),
            "month" | "月" | "月度" => Some(Cycle::Month),
            "dekad" | "旬" => Some(Cycle::Dekad),
            "week" | "周" | "星期" => Some(Cycle::Week),
            "day" | "日" | "天" => Some(Cycle::Day),
            _ => None,
        };
        found.ok_or_else(|| {
            PeriodError::new(format!(
                "未知的工作周期“{}”，可选：年、季、月、旬、周、日",
                s.trim()
            ))
        })
    }
}

impl fmt::Display for Cycle {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// One concrete period of a cycle. Quarters are 1–4, months 1–12, dekads
/// 1–3 (上旬 1–10, 中旬 11–20, 下旬 21 to the month's end), weeks are ISO
/// weeks (Monday to Sunday, week 1 holds the year's first Thursday) of
/// their ISO year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Period {
    Year(i32),
    Quarter(i32, u32),
    Month(i32, u32),
    Dekad(i32, u32, u32),
    Week(i32, u32),
    Day(NaiveDate),
}

/// Years a period may be in: wide enough for any office, narrow enough that
/// every date below exists.
const YEARS: std::ops::RangeInclusive<i32> = 1900..=2200;

fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    // Callers pass checked values; the fallback is never reached.
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or(NaiveDate::MIN)
}

/// Days in month `m` of year `y`.
pub(crate) fn days_in_month(y: i32, m: u32) -> u32 {
    let (ny, nm) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
    ymd(ny, nm, 1).pred_opt().map_or(28, |d| d.day())
}

fn number(s: &str, what: &str, range: std::ops::RangeInclusive<u32>) -> Result<u32, PeriodError> {
    s.parse::<u32>()
        .ok()
        .filter(|n| range.contains(n) && s.chars().all(|c| c.is_ascii_digit()))
        .ok_or_else(|| PeriodError::new(format!("{what}“{s}”不正确")))
}

fn year(s: &str) -> Result<i32, PeriodError> {
    if s.len() != 4 {
        return Err(PeriodError::new(format!("年份“{s}”应为4位数字")));
    }
    let y = number(s, "年份", 0..=9999)? as i32;
    if !YEARS.contains(&y) {
        return Err(PeriodError::new(format!(
            "年份应在{}到{}之间",
            YEARS.start(),
            YEARS.end()
        )));
    }
    Ok(y)
}

impl Period {
    /// Reads `2026`, `2026-Q1`, `2026-03`, `2026-03-D2`, `2026-W11` or
    /// `2026-03-16` (full-width digits and a lower-case q/d/w are accepted).
    pub fn parse(text: &str) -> Result<Period, PeriodError> {
        let s: String = text
            .trim()
            .chars()
            .map(|c| match c {
                '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
                '－' | '—' | '–' => '-',
                c => c.to_ascii_uppercase(),
            })
            .collect();
        let bad = || {
            PeriodError::new(format!(
                "期间“{}”格式不正确，应为 2026、2026-Q1、2026-03、2026-03-D2（中旬）、2026-W11 或 2026-03-16",
                text.trim()
            ))
        };
        let parts: Vec<&str> = s.split('-').collect();
        match parts.as_slice() {
            [y] => Ok(Period::Year(year(y)?)),
            [y, q] if q.starts_with('Q') => {
                Ok(Period::Quarter(year(y)?, number(&q[1..], "季度", 1..=4)?))
            }
            [y, w] if w.starts_with('W') => {
                let y = year(y)?;
                let w = number(&w[1..], "周次", 1..=53)?;
                if NaiveDate::from_isoywd_opt(y, w, Weekday::Mon).is_none() {
                    return Err(PeriodError::new(format!("{y}年没有第{w}周")));
                }
                Ok(Period::Week(y, w))
            }
            [y, m] if m.len() == 2 => Ok(Period::Month(year(y)?, number(m, "月份", 1..=12)?)),
            [y, m, d] if d.starts_with('D') && m.len() == 2 => Ok(Period::Dekad(
                year(y)?,
                number(m, "月份", 1..=12)?,
                number(&d[1..], "旬（D1 上旬、D2 中旬、D3 下旬）", 1..=3)?,
            )),
            [y, m, d] if m.len() == 2 && d.len() == 2 => {
                let y = year(y)?;
                let m = number(m, "月份", 1..=12)?;
                let d = number(d, "日期", 1..=31)?;
                NaiveDate::from_ymd_opt(y, m, d)
                    .map(Period::Day)
                    .ok_or_else(|| PeriodError::new(format!("{y}年{m}月没有{d}日")))
            }
            _ => Err(bad()),
        }
    }

    /// The period of `cycle` that contains `date`.
    pub fn containing(cycle: Cycle, date: NaiveDate) -> Period {
        let (y, m, d) = (date.year(), date.month(), date.day());
        match cycle {
            Cycle::Year => Period::Year(y),
            Cycle::Quarter => Period::Quarter(y, (m - 1) / 3 + 1),
            Cycle::Month => Period::Month(y, m),
            Cycle::Dekad => Period::Dekad(y, m, ((d - 1) / 10 + 1).min(3)),
            Cycle::Week => {
                let w = date.iso_week();
                Period::Week(w.year(), w.week())
            }
            Cycle::Day => Period::Day(date),
        }
    }

    pub fn cycle(&self) -> Cycle {
        match self {
            Period::Year(_) => Cycle::Year,
            Period::Quarter(..) => Cycle::Quarter,
            Period::Month(..) => Cycle::Month,
            Period::Dekad(..) => Cycle::Dekad,
            Period::Week(..) => Cycle::Week,
            Period::Day(_) => Cycle::Day,
        }
    }

    /// The first day of the period.
    pub fn start(&self) -> NaiveDate {
        match *self {
            Period::Year(y) => ymd(y, 1, 1),
            Period::Quarter(y, q) => ymd(y, (q - 1) * 3 + 1, 1),
            Period::Month(y, m) => ymd(y, m, 1),
            Period::Dekad(y, m, k) => ymd(y, m, (k - 1) * 10 + 1),
            Period::Week(y, w) => {
                NaiveDate::from_isoywd_opt(y, w, Weekday::Mon).unwrap_or(NaiveDate::MIN)
            }
            Period::Day(d) => d,
        }
    }

    /// The last day of the period (inclusive).
    pub fn end(&self) -> NaiveDate {
        match *self {
            Period::Year(y) => ymd(y, 12, 31),
            Period::Quarter(y, q) => ymd(y, q * 3, days_in_month(y, q * 3)),
            Period::Month(y, m) => ymd(y, m, days_in_month(y, m)),
            Period::Dekad(y, m, 3) => ymd(y, m, days_in_month(y, m)),
            Period::Dekad(y, m, k) => ymd(y, m, k * 10),
            Period::Week(..) => self.start() + Duration::days(6),
            Period::Day(d) => d,
        }
    }

    /// Number of days in the period.
    pub fn len_days(&self) -> i64 {
        (self.end() - self.start()).num_days() + 1
    }

    pub fn contains(&self, date: NaiveDate) -> bool {
        self.start() <= date && date <= self.end()
    }

    /// The period of the same cycle right after this one.
    pub fn next(&self) -> Period {
        Period::containing(self.cycle(), self.end() + Duration::days(1))
    }

    /// The period of the same cycle right before this one.
    pub fn prev(&self) -> Period {
        Period::containing(self.cycle(), self.start() - Duration::days(1))
    }

    /// The periods of `cycle` that overlap [from, to], in order.
    pub fn overlapping(cycle: Cycle, from: NaiveDate, to: NaiveDate) -> Vec<Period> {
        let mut out = Vec::new();
        if from > to {
            return out;
        }
        let mut p = Period::containing(cycle, from);
        while p.start() <= to {
            out.push(p);
            p = p.next();
        }
        out
    }

    /// The code: `2026`, `2026-Q1`, `2026-03`, `2026-03-D2`, `2026-W11`, `2026-03-16`.
    pub fn code(&self) -> String {
        match *self {
            Period::Year(y) => format!("{y}"),
            Period::Quarter(y, q) => format!("{y}-Q{q}"),
            Period::Month(y, m) => format!("{y}-{m:02}"),
            Period::Dekad(y, m, k) => format!("{y}-{m:02}-D{k}"),
            Period::Week(y, w) => format!("{y}-W{w:02}"),
            Period::Day(d) => d.format("%Y-%m-%d").to_string(),
        }
    }

    /// How the office writes it: 2026年、2026年第1季度、2026年3月、
    /// 2026年3月中旬、2026年第11周（3月9日—3月15日）、2026年3月16日.
    pub fn label(&self) -> String {
        match *self {
            Period::Year(y) => format!("{y}年"),
            Period::Quarter(y, q) => format!("{y}年第{q}季度"),
            Period::Month(y, m) => format!("{y}年{m}月"),
            Period::Dekad(y, m, k) => {
                format!("{y}年{m}月{}", ["上旬", "中旬", "下旬"][(k - 1) as usize])
            }
            Period::Week(y, w) => {
                let (a, b) = (self.start(), self.end());
                format!(
                    "{y}年第{w}周（{}月{}日—{}月{}日）",
                    a.month(),
                    a.day(),
                    b.month(),
                    b.day()
                )
            }
            Period::Day(d) => format!("{}年{}月{}日", d.year(), d.month(), d.day()),
        }
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.code())
    }
}

impl std::str::FromStr for Period {
    type Err = PeriodError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Period::parse(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("valid test date")
    }

    #[test]
    fn parses_every_form_and_round_trips() {
        for (text, p) in [
            ("2026", Period::Year(2026)),
            ("2026-Q1", Period::Quarter(2026, 1)),
            ("2026-q4", Period::Quarter(2026, 4)),
            ("2026-03", Period::Month(2026, 3)),
            ("2026-03-D2", Period::Dekad(2026, 3, 2)),
            ("2026-W11", Period::Week(2026, 11)),
            ("2026-w01", Period::Week(2026, 1)),
            ("2026-03-16", Period::Day(d(2026, 3, 16))),
            ("２０２６－０３", Period::Month(2026, 3)),
        ] {
            let parsed = Period::parse(text).unwrap_or_else(|e| panic!("{text}: {e}"));
            assert_eq!(parsed, p, "{text}");
            assert_eq!(Period::parse(&parsed.code()).unwrap(), p);
        }
    }

    #[test]
    fn refuses_malformed_and_impossible_periods() {
        for bad in [
            "",
            "26",
            "2026-Q5",
            "2026-Q0",
            "2026-13",
            "2026-3",
            "2026-03-D4",
            "2026-02-30",
            "2026-W54",
            "1800",
            "2026/03",
            "2026-03-16-1",
            "abcd",
            "2026-W",
            "2025-W53",
        ] {
            assert!(Period::parse(bad).is_err(), "{bad} should be refused");
        }
        // A year has ISO week 53 when it starts on a Thursday (2026) or is a
        // leap year starting on a Wednesday (2020); 2025 does not.
        assert!(Period::parse("2020-W53").is_ok());
        assert!(Period::parse("2026-W53").is_ok());
        assert!(Period::parse("2025-W53")
            .unwrap_err()
            .message()
            .contains("没有第53周"));
        assert!(Period::parse("2026-02-29")
            .unwrap_err()
            .message()
            .contains("没有29日"));
        assert!(Period::parse("2024-02-29").is_ok());
    }

    #[test]
    fn dekads_end_on_the_28th_to_the_31st() {
        // February in a common and a leap year, a 30-day and a 31-day month.
        assert_eq!(Period::Dekad(2026, 2, 3).end(), d(2026, 2, 28));
        assert_eq!(Period::Dekad(2024, 2, 3).end(), d(2024, 2, 29));
        assert_eq!(Period::Dekad(2026, 4, 3).end(), d(2026, 4, 30));
        assert_eq!(Period::Dekad(2026, 3, 3).end(), d(2026, 3, 31));
        assert_eq!(Period::Dekad(2026, 2, 3).len_days(), 8);
        assert_eq!(Period::Dekad(2024, 2, 3).len_days(), 9);
        assert_eq!(Period::Dekad(2026, 3, 3).len_days(), 11);
        assert_eq!(Period::Dekad(2026, 3, 1).start(), d(2026, 3, 1));
        assert_eq!(Period::Dekad(2026, 3, 1).end(), d(2026, 3, 10));
        assert_eq!(Period::Dekad(2026, 3, 2).start(), d(2026, 3, 11));
        assert_eq!(Period::Dekad(2026, 3, 2).end(), d(2026, 3, 20));
        // The 31st belongs to 下旬, the 21st starts it, the 20th does not.
        assert_eq!(
            Period::containing(Cycle::Dekad, d(2026, 3, 31)),
            Period::Dekad(2026, 3, 3)
        );
        assert_eq!(
            Period::containing(Cycle::Dekad, d(2026, 3, 21)),
            Period::Dekad(2026, 3, 3)
        );
        assert_eq!(
            Period::containing(Cycle::Dekad, d(2026, 3, 20)),
            Period::Dekad(2026, 3, 2)
        );
        // Next after 下旬 is next month's 上旬, also across a year.
        assert_eq!(Period::Dekad(2026, 12, 3).next(), Period::Dekad(2027, 1, 1));
        assert_eq!(Period::Dekad(2027, 1, 1).prev(), Period::Dekad(2026, 12, 3));
        assert_eq!(Period::Dekad(2026, 3, 2).label(), "2026年3月中旬");
    }

    #[test]
    fn quarters_and_months() {
        assert_eq!(Period::Quarter(2026, 1).start(), d(2026, 1, 1));
        assert_eq!(Period::Quarter(2026, 1).end(), d(2026, 3, 31));
        assert_eq!(Period::Quarter(2026, 2).end(), d(2026, 6, 30));
        assert_eq!(Period::Quarter(2026, 3).start(), d(2026, 7, 1));
        assert_eq!(Period::Quarter(2026, 4).end(), d(2026, 12, 31));
        assert_eq!(Period::Quarter(2026, 4).next(), Period::Quarter(2027, 1));
        assert_eq!(
            Period::containing(Cycle::Quarter, d(2026, 9, 30)),
            Period::Quarter(2026, 3)
        );
        assert_eq!(
            Period::containing(Cycle::Quarter, d(2026, 10, 1)),
            Period::Quarter(2026, 4)
        );
        assert_eq!(Period::Month(2026, 12).next(), Period::Month(2027, 1));
        assert_eq!(Period::Month(2024, 2).end(), d(2024, 2, 29));
        assert_eq!(Period::Year(2024).len_days(), 366);
        assert_eq!(Period::Quarter(2026, 1).label(), "2026年第1季度");
    }

    #[test]
    fn iso_weeks_across_year_boundaries() {
        // 2026-01-01 is a Thursday: week 1 of 2026 runs 2025-12-29 .. 2026-01-04.
        assert_eq!(
            Period::containing(Cycle::Week, d(2025, 12, 29)),
            Period::Week(2026, 1)
        );
        assert_eq!(Period::Week(2026, 1).start(), d(2025, 12, 29));
        assert_eq!(Period::Week(2026, 1).end(), d(2026, 1, 4));
        // 2021-01-01 is a Friday: it belongs to week 53 of 2020.
        assert_eq!(
            Period::containing(Cycle::Week, d(2021, 1, 3)),
            Period::Week(2020, 53)
        );
        assert_eq!(Period::Week(2020, 53).next(), Period::Week(2021, 1));
        assert_eq!(Period::Week(2021, 1).start(), d(2021, 1, 4));
        // 2026 has 53 weeks: week 53 runs 2026-12-28 .. 2027-01-03 (it holds
        // Thursday 2026-12-31), and 2027's week 1 starts on 2027-01-04.
        assert_eq!(Period::Week(2026, 52).next(), Period::Week(2026, 53));
        assert_eq!(
            Period::containing(Cycle::Week, d(2027, 1, 3)),
            Period::Week(2026, 53)
        );
        assert_eq!(Period::Week(2026, 53).next(), Period::Week(2027, 1));
        assert_eq!(Period::Week(2027, 1).start(), d(2027, 1, 4));
        assert_eq!(Period::Week(2026, 11).start(), d(2026, 3, 9));
        assert_eq!(
            Period::Week(2026, 11).label(),
            "2026年第11周（3月9日—3月15日）"
        );
        // Every week of 2018–2027 is seven days and follows the one before.
        let mut w = Period::containing(Cycle::Week, d(2018, 1, 1));
        while w.start().year() < 2028 {
            assert_eq!(w.len_days(), 7, "{w}");
            assert_eq!(w.start().weekday(), Weekday::Mon, "{w}");
            assert_eq!(w.next().start(), w.end() + Duration::days(1));
            w = w.next();
        }
    }

    #[test]
    fn overlapping_periods_cover_a_span_without_gaps() {
        let weeks = Period::overlapping(Cycle::Week, d(2026, 3, 1), d(2026, 3, 31));
        assert_eq!(weeks.first(), Some(&Period::Week(2026, 9)));
        assert_eq!(weeks.last(), Some(&Period::Week(2026, 14)));
        assert_eq!(weeks.len(), 6);
        let dekads = Period::overlapping(Cycle::Dekad, d(2026, 1, 1), d(2026, 12, 31));
        assert_eq!(dekads.len(), 36);
        let days = Period::overlapping(Cycle::Day, d(2024, 1, 1), d(2024, 12, 31));
        assert_eq!(days.len(), 366);
        assert!(Period::overlapping(Cycle::Day, d(2024, 1, 2), d(2024, 1, 1)).is_empty());
    }

    #[test]
    fn cycles_parse_from_codes_and_chinese() {
        assert_eq!(Cycle::parse("季度").unwrap(), Cycle::Quarter);
        assert_eq!(Cycle::parse("每月").unwrap(), Cycle::Month);
        assert_eq!(Cycle::parse(" 旬 ").unwrap(), Cycle::Dekad);
        assert_eq!(Cycle::parse("week").unwrap(), Cycle::Week);
        assert!(Cycle::parse("半年").unwrap_err().message().contains("半年"));
    }
}
