//! Assessment periods as the office writes them: a month `2026-03`, a quarter
//! `2026-Q1` or a year `2026`. Pure; to be unified with the work-table cycle
//! type at merge.
use chrono::{Datelike, NaiveDate};
use diaodu_domain::CoreError;
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PeriodKind {
    Month,
    Quarter,
    Year,
}

impl PeriodKind {
    pub fn code(self) -> &'static str {
        match self {
            PeriodKind::Month => "month",
            PeriodKind::Quarter => "quarter",
            PeriodKind::Year => "year",
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            PeriodKind::Month => "月度",
            PeriodKind::Quarter => "季度",
            PeriodKind::Year => "年度",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    pub kind: PeriodKind,
    pub year: i32,
    /// Month 1–12 or quarter 1–4; 0 for a year.
    pub index: u32,
}

fn bad(text: &str) -> CoreError {
    CoreError::validation(
        "period",
        format!("考核期间“{text}”格式不正确，应为 2026-03（月）、2026-Q1（季）或 2026（年）"),
    )
}

impl Period {
    pub fn parse(text: &str) -> Result<Period, CoreError> {
        let t = text.trim();
        let year = |s: &str| -> Result<i32, CoreError> {
            match s.parse::<i32>() {
                Ok(y) if (2000..=2100).contains(&y) && s.len() == 4 => Ok(y),
                _ => Err(bad(text)),
            }
        };
        if let Some((y, rest)) = t.split_once('-') {
            let year = year(y)?;
            if let Some(q) = rest.strip_prefix(['Q', 'q']) {
                return match q.parse::<u32>() {
                    Ok(i @ 1..=4) if q.len() == 1 => Ok(Period {
                        kind: PeriodKind::Quarter,
                        year,
                        index: i,
                    }),
                    _ => Err(bad(text)),
                };
            }
            return match rest.parse::<u32>() {
                Ok(m @ 1..=12) if rest.len() == 2 => Ok(Period {
                    kind: PeriodKind::Month,
                    year,
                    index: m,
                }),
                _ => Err(bad(text)),
            };
        }
        Ok(Period {
            kind: PeriodKind::Year,
            year: year(t)?,
            index: 0,
        })
    }

    pub fn month(year: i32, month: u32) -> Period {
        Period {
            kind: PeriodKind::Month,
            year,
            index: month,
        }
    }

    /// The canonical text: `2026-03`, `2026-Q1`, `2026`.
    pub fn code(&self) -> String {
        match self.kind {
            PeriodKind::Month => format!("{}-{:02}", self.year, self.index),
            PeriodKind::Quarter => format!("{}-Q{}", self.year, self.index),
            PeriodKind::Year => format!("{}", self.year),
        }
    }

    /// As printed: 2026年3月 / 2026年第一季度 / 2026年度.
    pub fn label(&self) -> String {
        const Q: [&str; 4] = ["一", "二", "三", "四"];
        match self.kind {
            PeriodKind::Month => format!("{}年{}月", self.year, self.index),
            PeriodKind::Quarter => format!("{}年第{}季度", self.year, Q[self.index as usize - 1]),
            PeriodKind::Year => format!("{}年度", self.year),
        }
    }

    fn first_month(&self) -> u32 {
        match self.kind {
            PeriodKind::Month => self.index,
            PeriodKind::Quarter => (self.index - 1) * 3 + 1,
            PeriodKind::Year => 1,
        }
    }

    fn month_count(&self) -> u32 {
        match self.kind {
            PeriodKind::Month => 1,
            PeriodKind::Quarter => 3,
            PeriodKind::Year => 12,
        }
    }

    pub fn start(&self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.year, self.first_month(), 1).expect("valid period")
    }

    /// The last day, inclusive.
    pub fn end(&self) -> NaiveDate {
        let last = self.first_month() + self.month_count() - 1;
        let (y, m) = if last == 12 {
            (self.year + 1, 1)
        } else {
            (self.year, last + 1)
        };
        NaiveDate::from_ymd_opt(y, m, 1).expect("valid period") - chrono::Duration::days(1)
    }

    pub fn contains(&self, d: NaiveDate) -> bool {
        d >= self.start() && d <= self.end()
    }

    /// The months inside a quarter or year (the month itself for a month).
    pub fn months(&self) -> Vec<Period> {
        (0..self.month_count())
            .map(|i| Period::month(self.year, self.first_month() + i))
            .collect()
    }

    /// The month containing `d`.
    pub fn month_of(d: NaiveDate) -> Period {
        Period::month(d.year(), d.month())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn parses_month_quarter_year() {
        let m = Period::parse("2026-03").unwrap();
        assert_eq!(
            (m.kind, m.start(), m.end()),
            (PeriodKind::Month, d("2026-03-01"), d("2026-03-31"))
        );
        assert_eq!(m.label(), "2026年3月");
        let q = Period::parse(" 2026-q1 ").unwrap();
        assert_eq!(q.code(), "2026-Q1");
        assert_eq!((q.start(), q.end()), (d("2026-01-01"), d("2026-03-31")));
        assert_eq!(q.label(), "2026年第一季度");
        assert_eq!(q.months().len(), 3);
        let y = Period::parse("2026").unwrap();
        assert_eq!((y.start(), y.end()), (d("2026-01-01"), d("2026-12-31")));
        assert_eq!(y.months().last().unwrap().code(), "2026-12");
        assert_eq!(Period::parse("2024-02").unwrap().end(), d("2024-02-29"));
        assert_eq!(Period::parse("2026-Q4").unwrap().end(), d("2026-12-31"));
    }

    #[test]
    fn refuses_bad_text_in_chinese() {
        for bad in [
            "2026-13", "2026-3", "2026-Q5", "26", "2026-", "三月", "2026-00",
        ] {
            let e = Period::parse(bad).unwrap_err();
            assert_eq!(e.field.as_deref(), Some("period"), "{bad}");
            assert!(e.message.contains("格式不正确"), "{bad}");
        }
    }
}
