//! Due rules inside a cycle and the due dates they give on the calendar.
use crate::error::PeriodError;
use crate::period::{days_in_month, Cycle, Period};
use chrono::{Datelike, Duration, NaiveDate};
use diaodu_schedule::WorkCalendar;
use serde::{Deserialize, Serialize};

fn one() -> u32 {
    1
}

/// Where in its cycle an item falls due. Stored as JSON, e.g.
/// `{"kind":"day","month":1,"day":25}` for 每月25日前.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum DueRule {
    /// By the `day`-th day of the cycle's `month`-th month: a year counts
    /// months 1–12, a quarter 1–3 (首月、第二个月、末月), a month only 1. In a
    /// dekad `day` is the dekad's own day (1–11). A day past the month's (or
    /// dekad's) end means its last day: 每月31日前 is the 30th in April.
    Day {
        #[serde(default = "one")]
        month: u32,
        day: u32,
    },
    /// The `n`-th working day of the cycle; negative counts from the end
    /// (-1 = 最后一个工作日).
    Workday { n: i32 },
    /// A day of the week, 1 = Monday … 7 = Sunday (weekly items).
    Weekday { weekday: u32 },
    /// Every working day (daily items).
    Daily,
}

/// The most working days a cycle can have, bounding "the n-th working day".
fn max_workdays(cycle: Cycle) -> Option<i32> {
    match cycle {
        Cycle::Year => Some(260),
        Cycle::Quarter => Some(70),
        Cycle::Month => Some(23),
        Cycle::Dekad => Some(9),
        Cycle::Week => Some(7),
        Cycle::Day => None,
    }
}

impl DueRule {
    /// Whether the rule fits `cycle`; the message says what would.
    pub fn check(&self, cycle: Cycle) -> Result<(), PeriodError> {
        let every = cycle.every();
        match (*self, cycle) {
            (DueRule::Daily, Cycle::Day) => Ok(()),
            (_, Cycle::Day) => Err(PeriodError::new("日工作的完成时限只能是“每日”")),
            (DueRule::Daily, _) => Err(PeriodError::new(format!(
                "“每日”只适用于周期为“日”的工作，{every}的工作请写如“{}”",
                example(cycle)
            ))),
            (DueRule::Weekday { weekday }, Cycle::Week) => {
                if (1..=7).contains(&weekday) {
                    Ok(())
                } else {
                    Err(PeriodError::new("星期应为一到日"))
                }
            }
            (DueRule::Weekday { .. }, _) => Err(PeriodError::new(format!(
                "“每周X”只适用于周期为“周”的工作，{every}的工作请写如“{}”",
                example(cycle)
            ))),
            (DueRule::Day { .. }, Cycle::Week) => Err(PeriodError::new(
                "周工作的完成时限请写星期，如“每周五”，或“每周最后一个工作日”",
            )),
            (DueRule::Day { month, day }, _) => check_day(cycle, month, day),
            (DueRule::Workday { n }, _) => {
                let max = max_workdays(cycle).unwrap_or(1);
                if n == 0 || n.abs() > max {
                    Err(PeriodError::new(format!(
                        "{every}的第几个工作日应在1到{max}之间（倒数同样）"
                    )))
                } else {
                    Ok(())
                }
            }
        }
    }

    /// The day the rule names before any working-day adjustment; None for
    /// the rules counted in working days.
    fn nominal(&self, p: &Period) -> Option<NaiveDate> {
        let start = p.start();
        match *self {
            DueRule::Day { month, day } => match p {
                Period::Dekad(..) | Period::Week(..) | Period::Day(_) => {
                    let len = p.len_days() as u32;
                    Some(start + Duration::days(i64::from(day.clamp(1, len) - 1)))
                }
                _ => {
                    let months =
                        start.year() * 12 + start.month0() as i32 + month.max(1) as i32 - 1;
                    let (y, m) = (months.div_euclid(12), months.rem_euclid(12) as u32 + 1);
                    NaiveDate::from_ymd_opt(y, m, day.clamp(1, days_in_month(y, m)))
                }
            },
            DueRule::Weekday { weekday } => {
                let offset = (i64::from(weekday.clamp(1, 7))
                    - 1
                    - i64::from(start.weekday().num_days_from_monday()))
                .rem_euclid(7);
                Some(start + Duration::days(offset))
            }
            DueRule::Workday { .. } | DueRule::Daily => None,
        }
    }
}

fn example(cycle: Cycle) -> &'static str {
    match cycle {
        Cycle::Year => "每年12月20日前",
        Cycle::Quarter => "每季度首月10日前",
        Cycle::Month => "每月25日前",
        Cycle::Dekad => "每旬最后一个工作日",
        Cycle::Week => "每周五",
        Cycle::Day => "每日",
    }
}

fn check_day(cycle: Cycle, month: u32, day: u32) -> Result<(), PeriodError> {
    match cycle {
        Cycle::Year => {
            if !(1..=12).contains(&month) {
                return Err(PeriodError::new("月份应在1到12之间"));
            }
            // The leap year's length: 每年2月29日前 is the 28th in a common year.
            let max = days_in_month(2024, month);
            if !(1..=max).contains(&day) {
                return Err(PeriodError::new(format!("{month}月没有{day}日")));
            }
            Ok(())
        }
        Cycle::Quarter => {
            if !(1..=3).contains(&month) {
                return Err(PeriodError::new("季度内的月份只能是首月、第二个月或末月"));
            }
            if !(1..=31).contains(&day) {
                return Err(PeriodError::new("日期应在1到31之间"));
            }
            Ok(())
        }
        Cycle::Month => {
            if month != 1 {
                return Err(PeriodError::new("月工作的完成时限只写几日，如“每月25日前”"));
            }
            if !(1..=31).contains(&day) {
                return Err(PeriodError::new("日期应在1到31之间"));
            }
            Ok(())
        }
        Cycle::Dekad => {
            if month != 1 || !(1..=11).contains(&day) {
                return Err(PeriodError::new(
                    "旬内的第几日应在1到11之间（下旬最多11天）",
                ));
            }
            Ok(())
        }
        Cycle::Week | Cycle::Day => Err(PeriodError::new(format!(
            "{}工作的完成时限请写如“{}”",
            cycle.label(),
            example(cycle)
        ))),
    }
}

/// The due date of the item of `rule` in period `p`, on the working
/// calendar (see the crate docs for the rule). None only for a daily item
/// on a day off, which is not due at all.
pub fn due_date(p: &Period, rule: &DueRule, cal: &WorkCalendar) -> Option<NaiveDate> {
    let (start, end) = (p.start(), p.end());
    match *rule {
        DueRule::Daily => cal.is_working(start).then_some(start),
        DueRule::Day { .. } | DueRule::Weekday { .. } => {
            let nominal = rule.nominal(p)?;
            if cal.is_working(nominal) {
                return Some(nominal);
            }
            match cal.working_on_or_before(nominal) {
                Some(before) if before >= start => Some(before),
                _ => cal.working_on_or_after(nominal),
            }
        }
        DueRule::Workday { n } => {
            let first = cal.working_on_or_after(start)?;
            if first > end {
                // Not one working day in the cycle: the first one after it.
                return Some(first);
            }
            let last = cal.working_on_or_before(end)?;
            let (i_first, i_last) = (cal.working_day_index(first), cal.working_day_index(last));
            let k = if n > 0 {
                (i_first + i64::from(n) - 1).min(i_last)
            } else {
                (i_last + i64::from(n) + 1).max(i_first)
            };
            cal.date_of_working_day(k)
        }
    }
}

/// The instances of an item of `cycle` and `rule` that fall due inside
/// `within`: (the cycle period, its due date), in date order. An item is
/// listed in the period its due date falls in, so a weekly item due on a
/// Friday belongs to the month of that Friday.
pub fn due_in(
    cycle: Cycle,
    rule: &DueRule,
    within: &Period,
    cal: &WorkCalendar,
) -> Vec<(Period, NaiveDate)> {
    // A due date is never before its cycle period starts and at most a
    // holiday run after it ends, so earlier periods need looking at only
    // that far back.
    let from = within.start() - Duration::days(45);
    Period::overlapping(cycle, from, within.end())
        .into_iter()
        .filter_map(|p| due_date(&p, rule, cal).map(|d| (p, d)))
        .filter(|(_, d)| within.contains(*d))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use diaodu_schedule::CalendarOverride;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("valid test date")
    }
    fn cal() -> WorkCalendar {
        WorkCalendar::statutory()
    }
    fn p(s: &str) -> Period {
        Period::parse(s).unwrap()
    }
    const MONTH_25: DueRule = DueRule::Day { month: 1, day: 25 };
    const LAST_WORKDAY: DueRule = DueRule::Workday { n: -1 };

    #[test]
    fn day_of_month_on_a_working_day_stays() {
        // 2026-03-25 is a Wednesday.
        assert_eq!(
            due_date(&p("2026-03"), &MONTH_25, &cal()),
            Some(d(2026, 3, 25))
        );
    }

    #[test]
    fn day_of_month_on_a_weekend_moves_back() {
        // 2026-04-25 is a Saturday → Friday the 24th.
        assert_eq!(
            due_date(&p("2026-04"), &MONTH_25, &cal()),
            Some(d(2026, 4, 24))
        );
        // 2026-01-25 is a Sunday → Friday the 23rd.
        assert_eq!(
            due_date(&p("2026-01"), &MONTH_25, &cal()),
            Some(d(2026, 1, 23))
        );
    }

    #[test]
    fn a_deadline_in_a_holiday_run_moves_to_the_last_working_day_before_it() {
        // 国庆 2026: 10月1日–7日 off. 每月5日前 in October → 9月30日 would be
        // outside the cycle, so the first working day after: 10月8日.
        let oct5 = DueRule::Day { month: 1, day: 5 };
        assert_eq!(due_date(&p("2026-10"), &oct5, &cal()), Some(d(2026, 10, 8)));
        // 春节 2026: 2月15日–23日 off, Saturday 2月14日 a make-up working day.
        // 每月20日前 in February → back to the make-up Saturday the 14th.
        let feb20 = DueRule::Day { month: 1, day: 20 };
        assert_eq!(
            due_date(&p("2026-02"), &feb20, &cal()),
            Some(d(2026, 2, 14))
        );
        // The 中旬 of February 2026 (11–20): its last working day is 2月14日.
        assert_eq!(
            due_date(&p("2026-02-D2"), &LAST_WORKDAY, &cal()),
            Some(d(2026, 2, 14))
        );
    }

    #[test]
    fn make_up_saturdays_count_as_working_days() {
        // 2026-02-28 (Saturday) is a make-up working day: the 下旬 of
        // February ends on it, and 每月28日前 stays on it.
        assert_eq!(
            due_date(&p("2026-02-D3"), &LAST_WORKDAY, &cal()),
            Some(d(2026, 2, 28))
        );
        let feb28 = DueRule::Day { month: 1, day: 28 };
        assert_eq!(
            due_date(&p("2026-02"), &feb28, &cal()),
            Some(d(2026, 2, 28))
        );
        // 国庆 2026: Saturday 10月10日 is a make-up day, so the 上旬's last
        // working day is the 10th itself, a Saturday.
        assert_eq!(
            due_date(&p("2026-10-D1"), &LAST_WORKDAY, &cal()),
            Some(d(2026, 10, 10))
        );
        // Weekly on Saturdays is moved back only when the Saturday is off.
        let saturday = DueRule::Weekday { weekday: 6 };
        assert_eq!(
            due_date(&p("2026-W41"), &saturday, &cal()),
            Some(d(2026, 10, 10))
        );
        assert_eq!(
            due_date(&p("2026-W11"), &saturday, &cal()),
            Some(d(2026, 3, 13))
        );
    }

    #[test]
    fn dekad_last_working_day_for_dekads_ending_on_the_28th_to_the_31st() {
        // 下旬 ends: Feb 2027 on Sunday the 28th → Friday 26th; Feb 2024 (leap) on
        // Thursday the 29th; April 2026 on Thursday the 30th; May 2026 on Sunday
        // the 31st → Friday the 29th; March 2026 on Tuesday the 31st.
        for (code, due) in [
            ("2027-02-D3", d(2027, 2, 26)),
            ("2024-02-D3", d(2024, 2, 29)),
            ("2026-04-D3", d(2026, 4, 30)),
            ("2026-05-D3", d(2026, 5, 29)),
            ("2026-03-D3", d(2026, 3, 31)),
        ] {
            assert_eq!(
                due_date(&p(code), &LAST_WORKDAY, &cal()),
                Some(due),
                "{code}"
            );
        }
        // 每旬第11日前 exists only in an 11-day 下旬; shorter ones end earlier.
        let day11 = DueRule::Day { month: 1, day: 11 };
        assert_eq!(
            due_date(&p("2026-03-D3"), &day11, &cal()),
            Some(d(2026, 3, 31))
        );
        assert_eq!(
            due_date(&p("2026-04-D3"), &day11, &cal()),
            Some(d(2026, 4, 30))
        );
        // 2026-02-D3 has 8 days, the 28th is a make-up Saturday.
        assert_eq!(
            due_date(&p("2026-02-D3"), &day11, &cal()),
            Some(d(2026, 2, 28))
        );
    }

    #[test]
    fn day_past_the_month_end_is_the_last_day() {
        let day31 = DueRule::Day { month: 1, day: 31 };
        assert_eq!(
            due_date(&p("2026-04"), &day31, &cal()),
            Some(d(2026, 4, 30))
        );
        // Feb 2026: 28th is a make-up Saturday (working).
        assert_eq!(
            due_date(&p("2026-02"), &day31, &cal()),
            Some(d(2026, 2, 28))
        );
        // Feb 2025: the 28th is a Friday.
        assert_eq!(
            due_date(&p("2025-02"), &day31, &cal()),
            Some(d(2025, 2, 28))
        );
        let leap = DueRule::Day { month: 2, day: 29 };
        assert!(leap.check(Cycle::Year).is_ok());
        // 2025-02-28 Friday, 2024-02-29 Thursday.
        assert_eq!(due_date(&p("2025"), &leap, &cal()), Some(d(2025, 2, 28)));
        assert_eq!(due_date(&p("2024"), &leap, &cal()), Some(d(2024, 2, 29)));
    }

    #[test]
    fn quarter_rules_count_months_inside_the_quarter() {
        let first10 = DueRule::Day { month: 1, day: 10 };
        let last20 = DueRule::Day { month: 3, day: 20 };
        // Q1 2026: 1月10日 is a Saturday → Friday 1月9日.
        assert_eq!(
            due_date(&p("2026-Q1"), &first10, &cal()),
            Some(d(2026, 1, 9))
        );
        // Q2: 4月10日 Friday.
        assert_eq!(
            due_date(&p("2026-Q2"), &first10, &cal()),
            Some(d(2026, 4, 10))
        );
        // Q4: 10月10日 is the make-up Saturday.
        assert_eq!(
            due_date(&p("2026-Q4"), &first10, &cal()),
            Some(d(2026, 10, 10))
        );
        // Q3 末月: 9月20日 is a Sunday, but a make-up working day: it stays.
        assert_eq!(
            due_date(&p("2026-Q3"), &last20, &cal()),
            Some(d(2026, 9, 20))
        );
        // Q1 末月: 3月20日 is a Friday.
        assert_eq!(
            due_date(&p("2026-Q1"), &last20, &cal()),
            Some(d(2026, 3, 20))
        );
        // 每季度末月31日前 in Q2: June has 30 days; 6月30日 is a Tuesday.
        let last31 = DueRule::Day { month: 3, day: 31 };
        assert_eq!(
            due_date(&p("2026-Q2"), &last31, &cal()),
            Some(d(2026, 6, 30))
        );
        // The last working day of Q4 2026: Thursday 12月31日.
        assert_eq!(
            due_date(&p("2026-Q4"), &LAST_WORKDAY, &cal()),
            Some(d(2026, 12, 31))
        );
    }

    #[test]
    fn the_first_working_days_of_a_year_and_month_skip_holidays() {
        let first = DueRule::Workday { n: 1 };
        let third = DueRule::Workday { n: 3 };
        // 元旦 2026: 1月1日–3日 off, Sunday 1月4日 a make-up working day.
        assert_eq!(due_date(&p("2026"), &first, &cal()), Some(d(2026, 1, 4)));
        assert_eq!(due_date(&p("2026-01"), &third, &cal()), Some(d(2026, 1, 6)));
        // October 2026: 1–7 off, 8 Thu, 9 Fri, 10 Sat (make-up).
        assert_eq!(
            due_date(&p("2026-10"), &third, &cal()),
            Some(d(2026, 10, 10))
        );
        // Counting from the end: the penultimate working day of March 2026 is Monday the 30th.
        assert_eq!(
            due_date(&p("2026-03"), &DueRule::Workday { n: -2 }, &cal()),
            Some(d(2026, 3, 30))
        );
    }

    #[test]
    fn a_cycle_with_too_few_working_days_uses_its_last_and_a_cycle_with_none_the_next() {
        // The 上旬 of October 2026 has 3 working days (8, 9, 10).
        let fifth = DueRule::Workday { n: 5 };
        assert_eq!(
            due_date(&p("2026-10-D1"), &fifth, &cal()),
            Some(d(2026, 10, 10))
        );
        assert_eq!(
            due_date(&p("2026-10-D1"), &DueRule::Workday { n: -5 }, &cal()),
            Some(d(2026, 10, 8))
        );
        // A week entirely off (the office's own days off over 国庆 week 40
        // of 2026, 9月28日–10月4日, Monday to Sunday): the first working day after.
        let mut days = Vec::new();
        for day in [28, 29, 30] {
            days.push(CalendarOverride {
                date: d(2026, 9, day),
                working: false,
                name: "检修停产".into(),
            });
        }
        let c = WorkCalendar::new(&days).unwrap();
        assert_eq!(
            due_date(&p("2026-W40"), &LAST_WORKDAY, &c),
            Some(d(2026, 10, 8))
        );
        assert_eq!(
            due_date(&p("2026-W40"), &DueRule::Weekday { weekday: 5 }, &c),
            Some(d(2026, 10, 8))
        );
    }

    #[test]
    fn office_overrides_move_due_dates_too() {
        // The mine's own day off on Wednesday 2026-03-25.
        let c = WorkCalendar::new(&[CalendarOverride {
            date: d(2026, 3, 25),
            working: false,
            name: "矿庆".into(),
        }])
        .unwrap();
        assert_eq!(due_date(&p("2026-03"), &MONTH_25, &c), Some(d(2026, 3, 24)));
    }

    #[test]
    fn daily_items_are_due_on_working_days_only() {
        let c = cal();
        assert_eq!(
            due_date(&p("2026-03-16"), &DueRule::Daily, &c),
            Some(d(2026, 3, 16))
        );
        assert_eq!(due_date(&p("2026-03-15"), &DueRule::Daily, &c), None);
        assert_eq!(due_date(&p("2026-10-03"), &DueRule::Daily, &c), None);
        // The make-up Saturday 2026-10-10 is a working day.
        assert_eq!(
            due_date(&p("2026-10-10"), &DueRule::Daily, &c),
            Some(d(2026, 10, 10))
        );
        // March 2026: 22 working days.
        assert_eq!(
            due_in(Cycle::Day, &DueRule::Daily, &p("2026-03"), &c).len(),
            22
        );
        // October 2026: 22 weekdays minus 5 holiday weekdays (1, 2, 5, 6, 7) plus Saturday the 10th = 18.
        assert_eq!(
            due_in(Cycle::Day, &DueRule::Daily, &p("2026-10"), &c).len(),
            18
        );
    }

    #[test]
    fn weekly_items_belong_to_the_month_of_their_due_date() {
        let friday = DueRule::Weekday { weekday: 5 };
        let march = due_in(Cycle::Week, &friday, &p("2026-03"), &cal());
        let dates: Vec<NaiveDate> = march.iter().map(|(_, d)| *d).collect();
        assert_eq!(
            dates,
            vec![
                d(2026, 3, 6),
                d(2026, 3, 13),
                d(2026, 3, 20),
                d(2026, 3, 27)
            ]
        );
        assert_eq!(march[0].0, Period::Week(2026, 10));
        // Across a year: the Friday of ISO week 1 of 2026 is 2026-01-02, a
        // holiday; Thursday 2026-01-01 too, and Wednesday 12-31 is in the week
        // (which began on Monday 2025-12-29), so it is due then, in December 2025.
        let dec = due_in(Cycle::Week, &friday, &p("2025-12"), &cal());
        assert_eq!(dec.last(), Some(&(Period::Week(2026, 1), d(2025, 12, 31))));
        let jan = due_in(Cycle::Week, &friday, &p("2026-01"), &cal());
        assert_eq!(jan.first().map(|x| x.0), Some(Period::Week(2026, 2)));
    }

    #[test]
    fn due_in_a_year_covers_every_cycle_once() {
        let c = cal();
        let y = p("2026");
        assert_eq!(
            due_in(Cycle::Year, &DueRule::Day { month: 12, day: 20 }, &y, &c).len(),
            1
        );
        assert_eq!(
            due_in(Cycle::Quarter, &DueRule::Day { month: 1, day: 10 }, &y, &c).len(),
            4
        );
        assert_eq!(due_in(Cycle::Month, &MONTH_25, &y, &c).len(), 12);
        assert_eq!(due_in(Cycle::Dekad, &LAST_WORKDAY, &y, &c).len(), 36);
        // 2026 has 53 ISO weeks. Week 1's Friday (元旦 holiday) moves back to
        // 2025-12-31; week 53's Friday is 2027-01-01, a plain Friday while
        // the 2027 notice is not built in: 51 Fridays due in 2026.
        let friday = DueRule::Weekday { weekday: 5 };
        assert_eq!(due_in(Cycle::Week, &friday, &y, &c).len(), 51);
        // With the office's override for 元旦 2027 it moves back into 2026.
        let with_2027 = WorkCalendar::new(&[CalendarOverride {
            date: NaiveDate::from_ymd_opt(2027, 1, 1).unwrap(),
            working: false,
            name: "元旦".into(),
        }])
        .unwrap();
        let fridays = due_in(Cycle::Week, &friday, &y, &with_2027);
        assert_eq!(fridays.len(), 52);
        assert_eq!(
            fridays.last(),
            Some(&(
                Period::Week(2026, 53),
                NaiveDate::from_ymd_opt(2026, 12, 31).unwrap()
            ))
        );
    }

    #[test]
    fn rules_are_checked_against_their_cycle() {
        assert!(MONTH_25.check(Cycle::Month).is_ok());
        assert!(MONTH_25.check(Cycle::Week).is_err());
        assert!(DueRule::Day { month: 2, day: 5 }
            .check(Cycle::Month)
            .is_err());
        assert!(DueRule::Day { month: 4, day: 5 }
            .check(Cycle::Quarter)
            .is_err());
        assert!(DueRule::Day { month: 4, day: 31 }
            .check(Cycle::Year)
            .unwrap_err()
            .message()
            .contains("4月没有31日"));
        assert!(DueRule::Day { month: 1, day: 12 }
            .check(Cycle::Dekad)
            .is_err());
        assert!(DueRule::Daily.check(Cycle::Month).is_err());
        assert!(DueRule::Daily.check(Cycle::Day).is_ok());
        assert!(LAST_WORKDAY.check(Cycle::Day).is_err());
        assert!(DueRule::Workday { n: 0 }.check(Cycle::Month).is_err());
        assert!(DueRule::Workday { n: 24 }.check(Cycle::Month).is_err());
        assert!(DueRule::Weekday { weekday: 8 }.check(Cycle::Week).is_err());
        assert!(DueRule::Weekday { weekday: 5 }.check(Cycle::Month).is_err());
    }

    #[test]
    fn stored_as_tagged_json() {
        let json = serde_json::to_string(&MONTH_25).unwrap();
        assert_eq!(json, r#"{"kind":"day","month":1,"day":25}"#);
        let back: DueRule = serde_json::from_str(r#"{"kind":"day","day":25}"#).unwrap();
        assert_eq!(back, MONTH_25);
        let w: DueRule = serde_json::from_str(r#"{"kind":"workday","n":-1}"#).unwrap();
        assert_eq!(w, LAST_WORKDAY);
        assert_eq!(
            serde_json::to_string(&DueRule::Daily).unwrap(),
            r#"{"kind":"daily"}"#
        );
    }
}
