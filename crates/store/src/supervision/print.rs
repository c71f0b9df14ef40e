//! The printed forms of supervision: the reminder notice (催办通知单) and the
//! stage bulletin (通报), both official documents laid out by the engine.
use super::reminders::ReminderContent;
use chrono::{Datelike, NaiveDate};
use diaodu_documents::{
    cn_date, IssuerHeading, OfficialDocument, Paragraph, PrintedBy, Receipt, ReceiptRow, Signature,
};

fn cn(s: &str) -> String {
    NaiveDate::parse_from_str(s.get(..10).unwrap_or(s), "%Y-%m-%d")
        .map(|d| cn_date(d.year(), d.month(), d.day()))
        .unwrap_or_else(|_| s.to_string())
}

fn sentence(s: &str) -> String {
    let s = s.trim();
    if s.is_empty() || s.ends_with(['。', '；', '：', '！', '？']) {
        s.to_string()
    } else {
        format!("{s}。")
    }
}

/// 催办通知单 from what was frozen when it was sent.
pub fn reminder_document(c: &ReminderContent, issuer: &str) -> OfficialDocument {
    let mut first = format!("你单位承办的{}", c.target_label);
    if !c.requirement.is_empty() {
        first.push('，');
        first.push_str(&c.requirement);
    }
    first.push('。');
    first.push_str(&format!("截至{}，{}", cn(&c.sent_on), sentence(&c.missing)));
    let body = vec![
        Paragraph::body(first),
        Paragraph::body(format!(
            "请接此通知后抓紧办理，于{}前向党建调度室报送{}；确有困难的，请书面说明原因。本次催办情况纳入党建调度考核。",
            cn(&c.reply_by),
            c.asked
        )),
    ];
    let date = cn(&c.sent_on);
    OfficialDocument {
        issuer_heading: IssuerHeading::new(issuer, "催办通知单"),
        number: Some(c.number.clone()).filter(|n| !n.is_empty()),
        signer: None,
        urgency: None,
        title: "关于催报工作进展的通知".into(),
        addressees: c.unit.clone(),
        body,
        attachments: Vec::new(),
        signature: Signature {
            issuer: issuer.into(),
            date: date.clone(),
        },
        copy_to: None,
        printed_by: Some(PrintedBy {
            issuer: issuer.into(),
            date,
        }),
        receipt: Some(Receipt {
            title: "回执".into(),
            rows: vec![
                ReceiptRow::two("催办单编号", &c.number, "签收单位", &c.unit),
                ReceiptRow::two("签收人", "", "签收时间", "　　年　　月　　日"),
                ReceiptRow::tall("办理情况", 2),
            ],
            note: Some(format!(
                "请于{}前将回执连同反馈材料交回党建调度室。",
                cn(&c.reply_by)
            )),
        }),
        verification: None,
        seal: None,
    }
}

/// The body text of a bulletin as paragraphs: a line starting 一、二、… is a
/// first-level heading (黑体), （一）… a second-level one (楷体), others body.
pub fn bulletin_paragraphs(body: &str) -> Vec<Paragraph> {
    body.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(|l| {
            if is_heading1(l) {
                Paragraph::heading1(l)
            } else if is_heading2(l) {
                Paragraph::heading2(l)
            } else {
                Paragraph::body(l)
            }
        })
        .collect()
}

/// Up to three Chinese numerals followed by `end`.
fn numbered(mut chars: std::str::Chars<'_>, end: char) -> bool {
    const NUMS: &str = "一二三四五六七八九十";
    let mut n = 0;
    for c in chars.by_ref() {
        if NUMS.contains(c) {
            n += 1;
            continue;
        }
        return n > 0 && n <= 3 && c == end;
    }
    false
}

fn is_heading1(line: &str) -> bool {
    numbered(line.chars(), '、')
}

fn is_heading2(line: &str) -> bool {
    line.strip_prefix('（')
        .is_some_and(|rest| numbered(rest.chars(), '）'))
}

pub struct BulletinPrint<'a> {
    pub number: Option<&'a str>,
    pub title: &'a str,
    pub addressees: &'a str,
    pub body: &'a str,
    /// `2026-03-05` (issued) or today for a draft.
    pub date: &'a str,
}

/// 通报 as an official document.
pub fn bulletin_document(b: &BulletinPrint<'_>, issuer: &str) -> OfficialDocument {
    let date = cn(b.date);
    OfficialDocument {
        issuer_heading: IssuerHeading::new(issuer, "通报"),
        number: b.number.map(str::to_string),
        signer: None,
        urgency: None,
        title: b.title.into(),
        addressees: b.addressees.into(),
        body: bulletin_paragraphs(b.body),
        attachments: Vec::new(),
        signature: Signature {
            issuer: issuer.into(),
            date: date.clone(),
        },
        copy_to: None,
        printed_by: Some(PrintedBy {
            issuer: issuer.into(),
            date,
        }),
        receipt: None,
        verification: None,
        seal: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use diaodu_documents::FontRole;

    #[test]
    fn headings_are_recognised() {
        let p = bulletin_paragraphs(
            "一、总体情况\n本阶段……\n（一）按时完成\n1.任务\n十二、其他\n一二三四、不是",
        );
        let roles: Vec<FontRole> = p.iter().map(|p| p.runs[0].role).collect();
        assert_eq!(
            roles,
            vec![
                FontRole::HeiTi,
                FontRole::FangSong,
                FontRole::KaiTi,
                FontRole::FangSong,
                FontRole::HeiTi,
                FontRole::FangSong
            ]
        );
    }

    #[test]
    fn reminder_reads_as_a_notice() {
        let c = ReminderContent {
            number: "晋源党调催〔2026〕2号".into(),
            unit: "综采一队党支部".into(),
            target_label: "晋源党调令〔2026〕5号《关于报送自查报告的调度令》".into(),
            target_kind_label: "调度令".into(),
            requirement: "要求每周五以文字、图片等形式向党建调度室反馈工作进展".into(),
            missing: "应于2026年3月6日报送的工作进展至今未收到".into(),
            asked: "工作进展情况及相关文字、图片、视频资料".into(),
            sent_on: "2026-03-09".into(),
            reply_by: "2026-03-10".into(),
        };
        let d = reminder_document(&c, "晋源煤矿党委党建调度室");
        let text: String = d.body.iter().map(|p| p.text()).collect();
        assert!(
            text.contains("截至2026年3月9日，应于2026年3月6日报送的工作进展至今未收到。"),
            "{text}"
        );
        assert!(text.contains("于2026年3月10日前向党建调度室报送"), "{text}");
        assert_eq!(d.issuer_heading.text(), "晋源煤矿党委党建调度室催办通知单");
        assert_eq!(d.addressees, "综采一队党支部");
        assert_eq!(
            d.receipt.unwrap().rows[0].fields[0].value,
            "晋源党调催〔2026〕2号"
        );
    }
}
