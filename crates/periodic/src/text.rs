//! Due rules in the Chinese the specification is written in: described for
//! the screen and the printed table, read back from a spreadsheet cell.
use crate::error::PeriodError;
use crate::period::Cycle;
use crate::rule::DueRule;

const WEEKDAYS: [&str; 7] = ["一", "二", "三", "四", "五", "六", "日"];

/// 一 … 日 for 1 = Monday … 7 = Sunday.
pub fn weekday_name(weekday: u32) -> &'static str {
    WEEKDAYS
        .get((weekday.clamp(1, 7) - 1) as usize)
        .copied()
        .unwrap_or("")
}

fn quarter_month(month: u32) -> &'static str {
    match month {
        1 => "首月",
        2 => "第二个月",
        _ => "末月",
    }
}

impl DueRule {
    /// The rule as the specification writes it: 每月25日前, 每旬最后一个工作日,
    /// 每季度首月10日前, 每周五, 每日. [`parse_rule`] reads every text this
    /// gives back to the same rule.
    pub fn describe(&self, cycle: Cycle) -> String {
        let every = cycle.every();
        match *self {
            DueRule::Daily => "每日".into(),
            DueRule::Weekday { weekday } => format!("每周{}", weekday_name(weekday)),
            DueRule::Workday { n: -1 } => format!("{every}最后一个工作日"),
            DueRule::Workday { n } if n < 0 => format!("{every}倒数第{}个工作日", -n),
            DueRule::Workday { n } => format!("{every}第{n}个工作日"),
            DueRule::Day { month, day } => match cycle {
                Cycle::Year => format!("每年{month}月{day}日前"),
                Cycle::Quarter => format!("每季度{}{day}日前", quarter_month(month)),
                Cycle::Dekad => format!("每旬第{day}日前"),
                _ => format!("{every}{day}日前"),
            },
        }
    }
}

/// Full-width digits to ASCII, spaces and the usual trailing words dropped.
fn normalize(text: &str) -> String {
    let mut s: String = text
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            '号' => '日',
            '天' => '日',
            c => c,
        })
        .collect();
    s = s
        .replace("每个月", "每月")
        .replace("每星期", "每周")
        .replace("周星期", "周");
    for tail in ["完成", "以前", "之前", "前", "以内", "内", "止"] {
        if let Some(t) = s.strip_suffix(tail) {
            s = t.to_string();
        }
    }
    s
}

/// A number in Arabic or Chinese digits (一 … 三十一), the whole text.
fn number(s: &str) -> Option<u32> {
    if !s.is_empty() && s.chars().all(|c| c.is_ascii_digit()) {
        return s.parse().ok().filter(|n| *n < 1000);
    }
    let digit = |c: char| {
        "零一二三四五六七八九"
            .chars()
            .position(|d| d == c)
            .map(|p| p as u32)
    };
    let chars: Vec<char> = s
        .chars()
        .map(|c| if c == '两' { '二' } else { c })
        .collect();
    match chars.as_slice() {
        [c] if *c == '十' => Some(10),
        [c] => digit(*c),
        ['十', u] => Some(10 + digit(*u)?),
        [t, '十'] => Some(digit(*t)? * 10),
        [t, '十', u] => Some(digit(*t)? * 10 + digit(*u)?),
        _ => None,
    }
}

fn weekday(s: &str) -> Option<u32> {
    match s {
        "日" | "天" | "七" | "7" => Some(7),
        _ => WEEKDAYS
            .iter()
            .position(|w| *w == s)
            .map(|p| p as u32 + 1)
            .or_else(|| number(s).filter(|n| (1..=6).contains(n))),
    }
}

/// "第N个工作日", "最后一个工作日", "倒数第N个工作日", "末", "底": the
/// working-day rules after the cycle word.
fn workday(rest: &str) -> Option<DueRule> {
    let end_words = [
        "最后一个工作日",
        "最后1个工作日",
        "末",
        "底",
        "末最后一个工作日",
    ];
    if end_words.contains(&rest) {
        return Some(DueRule::Workday { n: -1 });
    }
    if let Some(n) = rest
        .strip_prefix("倒数第")
        .and_then(|r| r.strip_suffix("个工作日"))
        .and_then(number)
    {
        return Some(DueRule::Workday { n: -(n as i32) });
    }
    let n = rest
        .strip_prefix('第')
        .unwrap_or(rest)
        .strip_suffix("个工作日")
        .and_then(number)?;
    Some(DueRule::Workday { n: n as i32 })
}

/// "D日" → D.
fn day_of(rest: &str) -> Option<u32> {
    rest.strip_suffix('日').and_then(number)
}

fn quarter_month_of(word: &str) -> Option<u32> {
    match word {
        "首" | "第一个" | "第1个" | "第一" | "第1" | "一" | "初" => Some(1),
        "次" | "第二个" | "第2个" | "第二" | "第2" | "二" | "中间" | "中" => Some(2),
        "末" | "最后一个" | "第三个" | "第3个" | "第三" | "第3" | "三" | "尾" => {
            Some(3)
        }
        _ => None,
    }
}

fn parse_inner(s: &str) -> Option<(Cycle, DueRule)> {
    if matches!(s, "每日" | "每个工作日" | "每工作日" | "日" | "每一日") {
        return Some((Cycle::Day, DueRule::Daily));
    }
    let prefixes: [(&str, Cycle); 7] = [
        ("每季度", Cycle::Quarter),
        ("每季", Cycle::Quarter),
        ("每年", Cycle::Year),
        ("每月", Cycle::Month),
        ("每旬", Cycle::Dekad),
        ("每周", Cycle::Week),
        ("每日", Cycle::Day),
    ];
    let (cycle, rest) = prefixes
        .iter()
        .find_map(|(p, c)| s.strip_prefix(p).map(|r| (*c, r)))?;
    if let Some(rule) = workday(rest) {
        return Some((cycle, rule));
    }
    let rule = match cycle {
        Cycle::Week => DueRule::Weekday {
            weekday: weekday(rest)?,
        },
        Cycle::Year => {
            let (m, d) = rest.split_once('月')?;
            DueRule::Day {
                month: number(m)?,
                day: day_of(d)?,
            }
        }
        Cycle::Quarter => {
            let (m, d) = rest.split_once('月')?;
            DueRule::Day {
                month: quarter_month_of(m)?,
                day: day_of(d)?,
            }
        }
        Cycle::Month => DueRule::Day {
            month: 1,
            day: day_of(rest)?,
        },
        Cycle::Dekad => DueRule::Day {
            month: 1,
            day: day_of(rest.strip_prefix('第').unwrap_or(rest))?,
        },
        Cycle::Day => return None,
    };
    Some((cycle, rule))
}

/// Reads a due rule as a clerk writes it: 每月25日前, 每月25号, 每旬最后一个工作日,
/// 每季度首月10日前, 每季度末月20日前, 每年12月20日前, 每年第1个工作日,
/// 每月倒数第2个工作日, 每月底, 每周五, 每星期一, 每日. Answers the cycle the
/// text implies together with the rule, already checked against it.
pub fn parse_rule(text: &str) -> Result<(Cycle, DueRule), PeriodError> {
    let s = normalize(text);
    if s.is_empty() {
        return Err(PeriodError::new("完成时限不能为空，如“每月25日前”"));
    }
    let (cycle, rule) = parse_inner(&s).ok_or_else(|| {
        PeriodError::new(format!(
            "无法识别完成时限“{}”，请写如：每年12月20日前、每季度首月10日前、每月25日前、每旬最后一个工作日、每周五、每日",
            text.trim()
        ))
    })?;
    rule.check(cycle)
        .map_err(|e| PeriodError::new(format!("完成时限“{}”：{}", text.trim(), e.message())))?;
    Ok((cycle, rule))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_what_clerks_write() {
        let cases: [(&str, Cycle, DueRule); 19] = [
            (
                "每月25日前",
                Cycle::Month,
                DueRule::Day { month: 1, day: 25 },
            ),
            ("每月25号", Cycle::Month, DueRule::Day { month: 1, day: 25 }),
            (
                "每个月 ２５ 日之前",
                Cycle::Month,
                DueRule::Day { month: 1, day: 25 },
            ),
            (
                "每月二十五日前",
                Cycle::Month,
                DueRule::Day { month: 1, day: 25 },
            ),
            (
                "每旬最后一个工作日",
                Cycle::Dekad,
                DueRule::Workday { n: -1 },
            ),
            (
                "每季度首月10日前",
                Cycle::Quarter,
                DueRule::Day { month: 1, day: 10 },
            ),
            (
                "每季末月20日前",
                Cycle::Quarter,
                DueRule::Day { month: 3, day: 20 },
            ),
            (
                "每季度第二个月15日",
                Cycle::Quarter,
                DueRule::Day { month: 2, day: 15 },
            ),
            (
                "每年12月20日前",
                Cycle::Year,
                DueRule::Day { month: 12, day: 20 },
            ),
            (
                "每年一月三十一日前",
                Cycle::Year,
                DueRule::Day { month: 1, day: 31 },
            ),
            ("每年第1个工作日", Cycle::Year, DueRule::Workday { n: 1 }),
            (
                "每月倒数第2个工作日",
                Cycle::Month,
                DueRule::Workday { n: -2 },
            ),
            (
                "每月第三个工作日内",
                Cycle::Month,
                DueRule::Workday { n: 3 },
            ),
            ("每月底前", Cycle::Month, DueRule::Workday { n: -1 }),
            ("每周五", Cycle::Week, DueRule::Weekday { weekday: 5 }),
            ("每星期一前", Cycle::Week, DueRule::Weekday { weekday: 1 }),
            ("每周日", Cycle::Week, DueRule::Weekday { weekday: 7 }),
            ("每日", Cycle::Day, DueRule::Daily),
            (
                "每旬第5天前",
                Cycle::Dekad,
                DueRule::Day { month: 1, day: 5 },
            ),
        ];
        for (text, cycle, rule) in cases {
            assert_eq!(parse_rule(text), Ok((cycle, rule)), "{text}");
        }
    }

    #[test]
    fn every_description_reads_back_to_its_rule() {
        let mut rules: Vec<(Cycle, DueRule)> = vec![(Cycle::Day, DueRule::Daily)];
        for w in 1..=7 {
            rules.push((Cycle::Week, DueRule::Weekday { weekday: w }));
        }
        for m in 1..=12 {
            rules.push((Cycle::Year, DueRule::Day { month: m, day: 28 }));
        }
        for m in 1..=3 {
            for day in [1, 10, 31] {
                rules.push((Cycle::Quarter, DueRule::Day { month: m, day }));
            }
        }
        for day in 1..=31 {
            rules.push((Cycle::Month, DueRule::Day { month: 1, day }));
        }
        for day in 1..=11 {
            rules.push((Cycle::Dekad, DueRule::Day { month: 1, day }));
        }
        for cycle in [
            Cycle::Year,
            Cycle::Quarter,
            Cycle::Month,
            Cycle::Dekad,
            Cycle::Week,
        ] {
            for n in [1, 2, 5, -1, -2, -5] {
                rules.push((cycle, DueRule::Workday { n }));
            }
        }
        for (cycle, rule) in rules {
            let text = rule.describe(cycle);
            assert_eq!(parse_rule(&text), Ok((cycle, rule)), "{text}");
        }
    }

    #[test]
    fn describes_in_the_specification_s_words() {
        assert_eq!(
            DueRule::Day { month: 1, day: 25 }.describe(Cycle::Month),
            "每月25日前"
        );
        assert_eq!(
            DueRule::Workday { n: -1 }.describe(Cycle::Dekad),
            "每旬最后一个工作日"
        );
        assert_eq!(
            DueRule::Day { month: 1, day: 10 }.describe(Cycle::Quarter),
            "每季度首月10日前"
        );
        assert_eq!(
            DueRule::Weekday { weekday: 5 }.describe(Cycle::Week),
            "每周五"
        );
        assert_eq!(DueRule::Daily.describe(Cycle::Day), "每日");
        assert_eq!(
            DueRule::Workday { n: 3 }.describe(Cycle::Month),
            "每月第3个工作日"
        );
        assert_eq!(
            DueRule::Workday { n: -2 }.describe(Cycle::Year),
            "每年倒数第2个工作日"
        );
    }

    #[test]
    fn unreadable_or_impossible_rules_say_why() {
        let e = parse_rule("月底").unwrap_err();
        assert!(e.message().contains("无法识别完成时限“月底”"), "{e}");
        assert!(parse_rule("").unwrap_err().message().contains("不能为空"));
        assert!(parse_rule("每月32日前")
            .unwrap_err()
            .message()
            .contains("1到31"));
        assert!(parse_rule("每年2月30日前")
            .unwrap_err()
            .message()
            .contains("2月没有30日"));
        assert!(parse_rule("每旬第12日").is_err());
        assert!(parse_rule("每周八").is_err());
        assert!(parse_rule("每月第30个工作日")
            .unwrap_err()
            .message()
            .contains("1到23"));
        assert!(parse_rule("每两周五").is_err());
    }

    #[test]
    fn chinese_numbers() {
        assert_eq!(number("十"), Some(10));
        assert_eq!(number("十五"), Some(15));
        assert_eq!(number("二十"), Some(20));
        assert_eq!(number("三十一"), Some(31));
        assert_eq!(number("两"), Some(2));
        assert_eq!(number("12"), Some(12));
        assert_eq!(number("十十"), None);
        assert_eq!(number(""), None);
    }
}
