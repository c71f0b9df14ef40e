//! The statutory holidays and make-up working days (调休) of 2018–2026, as set
//! by the State Council General Office's yearly notices
//! 《国务院办公厅关于XXXX年部分节假日安排的通知》 (published each November or
//! December for the following year), plus the two mid-year changes of 2019 and
//! 2020.
//!
//! Each holiday is written the way the notice writes it: the whole run of days
//! off, weekend days included ("与周末连休"), and the weekend days that become
//! working days to pay for it. Keeping the notice's shape, rather than a bare
//! list of dates, lets a reader check a year against the published text line by
//! line.
//!
//! 2027 has no entry: its notice is not out yet. Until it is, 2027 follows plain
//! weekends, and the office enters the notice as calendar overrides when it
//! appears (the same path the mine's own non-working days take).

/// (year, month, day). Plain tuples keep the table readable; every one of them
/// is checked to be a real date by the module's tests.
pub type Ymd = (i32, u32, u32);

/// One holiday of a notice.
#[derive(Debug, Clone, Copy)]
pub struct StatutoryHoliday {
    pub name: &'static str,
    /// First and last day off, inclusive.
    pub off: (Ymd, Ymd),
    /// Weekend days declared working days (调休上班).
    pub make_up: &'static [Ymd],
}

/// One year's notice.
#[derive(Debug, Clone, Copy)]
pub struct Notice {
    pub year: i32,
    /// The notice (and any later amendment) the entries come from.
    pub source: &'static str,
    pub holidays: &'static [StatutoryHoliday],
}

const fn h(name: &'static str, first: Ymd, last: Ymd, make_up: &'static [Ymd]) -> StatutoryHoliday {
    StatutoryHoliday {
        name,
        off: (first, last),
        make_up,
    }
}

pub static NOTICES: &[Notice] = &[
    Notice {
        year: 2018,
        source: "国务院办公厅关于2018年部分节假日安排的通知（国办发明电〔2017〕12号）",
        holidays: &[
            h("元旦", (2017, 12, 30), (2018, 1, 1), &[]),
            h(
                "春节",
                (2018, 2, 15),
                (2018, 2, 21),
                &[(2018, 2, 11), (2018, 2, 24)],
            ),
            h("清明节", (2018, 4, 5), (2018, 4, 7), &[(2018, 4, 8)]),
            h("劳动节", (2018, 4, 29), (2018, 5, 1), &[(2018, 4, 28)]),
            h("端午节", (2018, 6, 16), (2018, 6, 18), &[]),
            h("中秋节", (2018, 9, 22), (2018, 9, 24), &[]),
            h(
                "国庆节",
                (2018, 10, 1),
                (2018, 10, 7),
                &[(2018, 9, 29), (2018, 9, 30)],
            ),
        ],
    },
    Notice {
        year: 2019,
        // The 2019 劳动节 was lengthened from one day to four by an amendment
        // of March 2019; the entry below is the amended one.
        source: "国务院办公厅关于2019年部分节假日安排的通知（国办发明电〔2018〕15号）；\
                 国务院办公厅关于调整2019年劳动节假期安排的通知（国办发明电〔2019〕2号）",
        holidays: &[
            h("元旦", (2018, 12, 30), (2019, 1, 1), &[(2018, 12, 29)]),
            h(
                "春节",
                (2019, 2, 4),
                (2019, 2, 10),
                &[(2019, 2, 2), (2019, 2, 3)],
            ),
            h("清明节", (2019, 4, 5), (2019, 4, 7), &[]),
            h(
                "劳动节",
                (2019, 5, 1),
                (2019, 5, 4),
                &[(2019, 4, 28), (2019, 5, 5)],
            ),
            h("端午节", (2019, 6, 7), (2019, 6, 9), &[]),
            h("中秋节", (2019, 9, 13), (2019, 9, 15), &[]),
            h(
                "国庆节",
                (2019, 10, 1),
                (2019, 10, 7),
                &[(2019, 9, 29), (2019, 10, 12)],
            ),
        ],
    },
    Notice {
        year: 2020,
        // The epidemic extension of January 2020 moved the end of the 春节
        // holiday from 1月30日 to 2月2日, which also cancelled the make-up
        // working day of Saturday 2月1日.
        source: "国务院办公厅关于2020年部分节假日安排的通知（国办发明电〔2019〕16号）；\
                 国务院办公厅关于延长2020年春节假期的通知（国办发明电〔2020〕1号）",
        holidays: &[
            h("元旦", (2020, 1, 1), (2020, 1, 1), &[]),
            h("春节", (2020, 1, 24), (2020, 2, 2), &[(2020, 1, 19)]),
            h("清明节", (2020, 4, 4), (2020, 4, 6), &[]),
            h(
                "劳动节",
                (2020, 5, 1),
                (2020, 5, 5),
                &[(2020, 4, 26), (2020, 5, 9)],
            ),
            h("端午节", (2020, 6, 25), (2020, 6, 27), &[(2020, 6, 28)]),
            h(
                "国庆节、中秋节",
                (2020, 10, 1),
                (2020, 10, 8),
                &[(2020, 9, 27), (2020, 10, 10)],
            ),
        ],
    },
    Notice {
        year: 2021,
        source: "国务院办公厅关于2021年部分节假日安排的通知（国办发明电〔2020〕27号）",
        holidays: &[
            h("元旦", (2021, 1, 1), (2021, 1, 3), &[]),
            h(
                "春节",
                (2021, 2, 11),
                (2021, 2, 17),
                &[(2021, 2, 7), (2021, 2, 20)],
            ),
            h("清明节", (2021, 4, 3), (2021, 4, 5), &[]),
            h(
                "劳动节",
                (2021, 5, 1),
                (2021, 5, 5),
                &[(2021, 4, 25), (2021, 5, 8)],
            ),
            h("端午节", (2021, 6, 12), (2021, 6, 14), &[]),
            h("中秋节", (2021, 9, 19), (2021, 9, 21), &[(2021, 9, 18)]),
            h(
                "国庆节",
                (2021, 10, 1),
                (2021, 10, 7),
                &[(2021, 9, 26), (2021, 10, 9)],
            ),
        ],
    },
    Notice {
        year: 2022,
        source: "国务院办公厅关于2022年部分节假日安排的通知（国办发明电〔2021〕11号）",
        holidays: &[
            h("元旦", (2022, 1, 1), (2022, 1, 3), &[]),
            h(
                "春节",
                (2022, 1, 31),
                (2022, 2, 6),
                &[(2022, 1, 29), (2022, 1, 30)],
            ),
            h("清明节", (2022, 4, 3), (2022, 4, 5), &[(2022, 4, 2)]),
            h(
                "劳动节",
                (2022, 4, 30),
                (2022, 5, 4),
                &[(2022, 4, 24), (2022, 5, 7)],
            ),
            h("端午节", (2022, 6, 3), (2022, 6, 5), &[]),
            h("中秋节", (2022, 9, 10), (2022, 9, 12), &[]),
            h(
                "国庆节",
                (2022, 10, 1),
                (2022, 10, 7),
                &[(2022, 10, 8), (2022, 10, 9)],
            ),
        ],
    },
    Notice {
        year: 2023,
        source: "国务院办公厅关于2023年部分节假日安排的通知（国办发明电〔2022〕16号）",
        holidays: &[
            h("元旦", (2022, 12, 31), (2023, 1, 2), &[]),
            h(
                "春节",
                (2023, 1, 21),
                (2023, 1, 27),
                &[(2023, 1, 28), (2023, 1, 29)],
            ),
            h("清明节", (2023, 4, 5), (2023, 4, 5), &[]),
            h(
                "劳动节",
                (2023, 4, 29),
                (2023, 5, 3),
                &[(2023, 4, 23), (2023, 5, 6)],
            ),
            h("端午节", (2023, 6, 22), (2023, 6, 24), &[(2023, 6, 25)]),
            h(
                "中秋节、国庆节",
                (2023, 9, 29),
                (2023, 10, 6),
                &[(2023, 10, 7), (2023, 10, 8)],
            ),
        ],
    },
    Notice {
        year: 2024,
        source: "国务院办公厅关于2024年部分节假日安排的通知（国办发明电〔2023〕7号）",
        holidays: &[
            h("元旦", (2023, 12, 30), (2024, 1, 1), &[]),
            h(
                "春节",
                (2024, 2, 10),
                (2024, 2, 17),
                &[(2024, 2, 4), (2024, 2, 18)],
            ),
            h("清明节", (2024, 4, 4), (2024, 4, 6), &[(2024, 4, 7)]),
            h(
                "劳动节",
                (2024, 5, 1),
                (2024, 5, 5),
                &[(2024, 4, 28), (2024, 5, 11)],
            ),
            h("端午节", (2024, 6, 8), (2024, 6, 10), &[]),
            h("中秋节", (2024, 9, 15), (2024, 9, 17), &[(2024, 9, 14)]),
            h(
                "国庆节",
                (2024, 10, 1),
                (2024, 10, 7),
                &[(2024, 9, 29), (2024, 10, 12)],
            ),
        ],
    },
    Notice {
        year: 2025,
        // First year under the amended 《全国年节及纪念日放假办法》 (amended by
        // the State Council in November 2024): 春节 gains 除夕 and 劳动节 gains
        // 5月2日, so both runs are a day longer than before.
        source: "国务院办公厅关于2025年部分节假日安排的通知（国办发明电〔2024〕12号）",
        holidays: &[
            h("元旦", (2025, 1, 1), (2025, 1, 1), &[]),
            h(
                "春节",
                (2025, 1, 28),
                (2025, 2, 4),
                &[(2025, 1, 26), (2025, 2, 8)],
            ),
            h("清明节", (2025, 4, 4), (2025, 4, 6), &[]),
            h("劳动节", (2025, 5, 1), (2025, 5, 5), &[(2025, 4, 27)]),
            h("端午节", (2025, 5, 31), (2025, 6, 2), &[]),
            h(
                "国庆节、中秋节",
                (2025, 10, 1),
                (2025, 10, 8),
                &[(2025, 9, 28), (2025, 10, 11)],
            ),
        ],
    },
    Notice {
        year: 2026,
        source: "国务院办公厅关于2026年部分节假日安排的通知（2025年11月发布）",
        holidays: &[
            h("元旦", (2026, 1, 1), (2026, 1, 3), &[(2026, 1, 4)]),
            h(
                "春节",
                (2026, 2, 15),
                (2026, 2, 23),
                &[(2026, 2, 14), (2026, 2, 28)],
            ),
            h("清明节", (2026, 4, 4), (2026, 4, 6), &[]),
            h("劳动节", (2026, 5, 1), (2026, 5, 5), &[(2026, 5, 9)]),
            h("端午节", (2026, 6, 19), (2026, 6, 21), &[]),
            h("中秋节", (2026, 9, 25), (2026, 9, 27), &[]),
            h(
                "国庆节",
                (2026, 10, 1),
                (2026, 10, 7),
                &[(2026, 9, 20), (2026, 10, 10)],
            ),
        ],
    },
];

/// The years whose notice the crate carries. A year outside this range follows
/// plain weekends until the office enters its notice as overrides.
pub fn has_notice(year: i32) -> bool {
    NOTICES.iter().any(|n| n.year == year)
}

/// The notice `year`'s statutory days come from, if the crate carries it.
pub fn notice_source(year: i32) -> Option<&'static str> {
    NOTICES.iter().find(|n| n.year == year).map(|n| n.source)
}

/// The first and last year whose notice the crate carries.
pub fn notice_years() -> (i32, i32) {
    let years = NOTICES.iter().map(|n| n.year);
    (
        years.clone().min().unwrap_or_default(),
        years.max().unwrap_or_default(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{Datelike, NaiveDate, Weekday};

    fn date(ymd: Ymd) -> NaiveDate {
        NaiveDate::from_ymd_opt(ymd.0, ymd.1, ymd.2).expect("table holds a real date")
    }

    #[test]
    fn every_entry_is_a_real_date_in_order() {
        for notice in NOTICES {
            for hol in notice.holidays {
                let (a, b) = (date(hol.off.0), date(hol.off.1));
                assert!(a <= b, "{} {}: range reversed", notice.year, hol.name);
                // A holiday run never spans more than ten days (the longest,
                // 2020's extended 春节, spans ten).
                assert!((b - a).num_days() < 10, "{} {}", notice.year, hol.name);
                for &m in hol.make_up {
                    let d = date(m);
                    // A make-up day only means something on a weekend.
                    assert!(
                        matches!(d.weekday(), Weekday::Sat | Weekday::Sun),
                        "{} {}: make-up day {d} is not a weekend",
                        notice.year,
                        hol.name
                    );
                    assert!(!(a..=b).contains(&d), "{d} is both off and on");
                }
            }
        }
    }

    #[test]
    fn years_are_consecutive_and_2027_awaits_its_notice() {
        let years: Vec<i32> = NOTICES.iter().map(|n| n.year).collect();
        assert_eq!(years, (2018..=2026).collect::<Vec<_>>());
        assert!(!has_notice(2027));
        assert_eq!(notice_years(), (2018, 2026));
        assert!(notice_source(2026).is_some_and(|s| s.contains("2026年部分节假日安排")));
        assert_eq!(notice_source(2027), None);
        assert_eq!(notice_source(2017), None);
    }
}
