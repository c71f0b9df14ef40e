//! Builders from the office's structured records to official documents: the
//! dispatch order (调度令) and the notice (通知单), each with its tear-off receipt.
//! The store fills these from its records; the renderer knows nothing of them.

use serde::{Deserialize, Serialize};

use crate::fonts::FontRole;
use crate::official::{
    IssuerHeading, OfficialDocument, Paragraph, PrintedBy, Receipt, ReceiptRow, Signature, Urgency,
};

/// A date as official documents write it: Arabic numerals, no zero padding
/// (`2026年1月5日`).
pub fn cn_date(year: i32, month: u32, day: u32) -> String {
    format!("{year}年{month}月{day}日")
}

/// Chinese ordinal for first-level headings: 一、二、… 二十.
pub fn cn_ordinal(n: usize) -> String {
    const D: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        0 => D[0].to_string(),
        1..=9 => D[n].to_string(),
        10 => "十".to_string(),
        11..=19 => format!("十{}", D[n - 10]),
        20..=99 => {
            let (t, u) = (n / 10, n % 10);
            if u == 0 {
                format!("{}十", D[t])
            } else {
                format!("{}十{}", D[t], D[u])
            }
        }
        _ => n.to_string(),
    }
}

fn ends_sentence(s: &str) -> String {
    let s = s.trim();
    if s.is_empty() || s.ends_with(['。', '！', '？', '；', '：', '.']) {
        s.to_string()
    } else {
        format!("{s}。")
    }
}

fn join_cn(items: &[String]) -> String {
    items
        .iter()
        .map(|s| s.trim())
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join("、")
}

/// Adds numbered first-level sections (一、二、…) as run-in headings.
struct Sections {
    body: Vec<Paragraph>,
    n: usize,
}

impl Sections {
    fn new() -> Self {
        Sections {
            body: Vec::new(),
            n: 0,
        }
    }
    /// A section whose heading stands on its own line, then paragraphs.
    fn block(&mut self, heading: &str, paragraphs: impl IntoIterator<Item = Paragraph>) {
        self.n += 1;
        self.body.push(Paragraph::heading1(format!(
            "{}、{}",
            cn_ordinal(self.n),
            heading
        )));
        self.body.extend(paragraphs);
    }
    /// A short section run in with its heading: `四、完成时限。2026年1月20日前完成。`
    fn run_in(&mut self, heading: &str, text: &str) {
        self.n += 1;
        self.body.push(Paragraph::lead(
            FontRole::HeiTi,
            format!("{}、{}。", cn_ordinal(self.n), heading),
            ends_sentence(text),
        ));
    }
}

/// Splits user text into paragraphs at line breaks.
fn paragraphs(text: &str) -> Vec<Paragraph> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(|l| Paragraph::body(ends_sentence(l)))
        .collect()
}

/// The content of a dispatch order (党建调度令).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct OrderContent {
    /// Issuing body, e.g. 晋源煤矿党委党建调度室.
    pub issuer: String,
    /// Red-heading suffix; default 调度令.
    #[serde(default)]
    pub heading_suffix: Option<String>,
    /// 晋党调令〔2026〕7号; `None` while a draft.
    #[serde(default)]
    pub number: Option<String>,
    pub urgency: Option<Urgency>,
    #[serde(default)]
    pub signer: Option<String>,
    /// Title; default 关于{matter summary}的调度令 is the caller's job — when
    /// empty, 党建调度令 is used.
    #[serde(default)]
    pub title: String,
    /// 责任单位 (主送).
    pub responsible_unit: String,
    #[serde(default)]
    pub cooperating_units: Vec<String>,
    #[serde(default)]
    pub responsible_person: Option<String>,
    /// 依据 (the plan task(s) or documents it comes from), one sentence.
    #[serde(default)]
    pub basis: Option<String>,
    /// 调度事项: one paragraph per line.
    pub matter: String,
    /// 工作要求: numbered items.
    #[serde(default)]
    pub requirements: Vec<String>,
    /// 完成时限, e.g. 2026年1月20日.
    pub deadline: String,
    /// e.g. 每3个工作日 / 每周五 / 于1月10日、1月15日.
    pub feedback_rule: String,
    /// 文字 / 图片 / 视频.
    #[serde(default)]
    pub feedback_forms: Vec<String>,
    #[serde(default)]
    pub feedback_deadline: Option<String>,
    #[serde(default)]
    pub contact: Option<String>,
    #[serde(default)]
    pub phone: Option<String>,
    /// Number of the order this one amends.
    #[serde(default)]
    pub amends: Option<String>,
    /// 成文日期 (the signing date), e.g. 2026年1月5日.
    pub date: String,
    #[serde(default)]
    pub copy_to: Option<String>,
    #[serde(default)]
    pub attachments: Vec<String>,
    /// Add the tear-off receipt (default true).
    #[serde(default = "yes")]
    pub receipt: bool,
}

fn yes() -> bool {
    true
}

impl OrderContent {
    pub fn to_document(&self) -> OfficialDocument {
        let mut s = Sections::new();
        let mut intro = Vec::new();
        if let Some(a) = self.amends.as_deref().filter(|a| !a.trim().is_empty()) {
            intro.push(Paragraph::body(format!(
                "本令对{}调度令予以修正，原令与本令不一致的，以本令为准。",
                a.trim()
            )));
        }
        if let Some(b) = self.basis.as_deref().filter(|b| !b.trim().is_empty()) {
            intro.push(Paragraph::body(format!(
                "{}，现将有关事项调度如下：",
                b.trim().trim_end_matches(['。', '，', '；'])
            )));
        }
        s.body.extend(intro);
        let matter = paragraphs(&self.matter);
        if matter.len() == 1 && matter[0].text().chars().count() <= 40 {
            s.run_in("调度事项", &matter[0].text());
        } else {
            s.block("调度事项", matter);
        }
        let reqs: Vec<Paragraph> = self
            .requirements
            .iter()
            .map(|r| r.trim())
            .filter(|r| !r.is_empty())
            .enumerate()
            .map(|(i, r)| Paragraph::body(format!("{}.{}", i + 1, ends_sentence(r))))
            .collect();
        if !reqs.is_empty() {
            s.block("工作要求", reqs);
        }
        let mut duty = format!("责任单位：{}", self.responsible_unit.trim());
        let coop = join_cn(&self.cooperating_units);
        if !coop.is_empty() {
            duty.push_str(&format!("；配合单位：{coop}"));
        }
        if let Some(p) = self
            .responsible_person
            .as_deref()
            .filter(|p| !p.trim().is_empty())
        {
            duty.push_str(&format!("；责任人：{}", p.trim()));
        }
        s.run_in("责任分工", &duty);
        s.run_in("完成时限", &format!("{}前完成", self.deadline.trim()));
        let forms = join_cn(&self.feedback_forms);
        let mut fb = self.feedback_rule.trim().to_string();
        if !forms.is_empty() {
            fb.push_str(&format!("以{forms}等形式"));
        }
        fb.push_str("向党建调度室反馈工作进展");
        if let Some(d) = self
            .feedback_deadline
            .as_deref()
            .filter(|d| !d.trim().is_empty())
        {
            fb.push_str(&format!("，{}前报送完成情况", d.trim()));
        }
        s.run_in("反馈要求", &fb);
        if let Some(c) = contact_line(self.contact.as_deref(), self.phone.as_deref()) {
            s.body.push(Paragraph::body(c));
        }

        let number = self.number.clone().filter(|n| !n.trim().is_empty());
        let title = if self.title.trim().is_empty() {
            "党建调度令".to_string()
        } else {
            self.title.trim().to_string()
        };
        OfficialDocument {
            issuer_heading: IssuerHeading::new(
                self.issuer.trim(),
                self.heading_suffix.clone().unwrap_or_else(|| "调度令".into()),
            ),
            number: number.clone(),
            signer: self.signer.clone(),
            urgency: self.urgency,
            title,
            addressees: self.responsible_unit.trim().to_string(),
            body: s.body,
            attachments: self.attachments.clone(),
            signature: Signature {
                issuer: self.issuer.trim().to_string(),
                date: self.date.trim().to_string(),
            },
            copy_to: self.copy_to.clone(),
            printed_by: Some(PrintedBy {
                issuer: self.issuer.trim().to_string(),
                date: self.date.trim().to_string(),
            }),
            receipt: self.receipt.then(|| Receipt {
                title: "回执".into(),
                rows: vec![
                    ReceiptRow::two(
                        "调度令编号",
                        number.as_deref().unwrap_or(""),
                        "签收单位",
                        self.responsible_unit.trim(),
                    ),
                    ReceiptRow::two("签收人", "", "签收时间", "　　年　　月　　日"),
                    ReceiptRow::tall("办理结果", 2),
                    ReceiptRow::one("延期理由", ""),
                    ReceiptRow::one("办结意见", ""),
                ],
                note: Some(
                    "请于收到本令后1个工作日内签收，并将回执交回党建调度室；办结意见由党建调度室填写。"
                        .into(),
                ),
            }),
            verification: None,
            seal: None,
        }
    }
}

fn contact_line(contact: Option<&str>, phone: Option<&str>) -> Option<String> {
    let c = contact.map(str::trim).filter(|s| !s.is_empty());
    let p = phone.map(str::trim).filter(|s| !s.is_empty());
    match (c, p) {
        (Some(c), Some(p)) => Some(format!("联系人：{c}，联系电话：{p}。")),
        (Some(c), None) => Some(format!("联系人：{c}。")),
        (None, Some(p)) => Some(format!("联系电话：{p}。")),
        (None, None) => None,
    }
}

/// 调度方式.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DispatchMethod {
    /// 书面
    Written,
    /// 电话
    Phone,
    /// 会议
    Meeting,
    /// 平台
    Platform,
}

impl DispatchMethod {
    pub fn label(self) -> &'static str {
        match self {
            DispatchMethod::Written => "书面",
            DispatchMethod::Phone => "电话",
            DispatchMethod::Meeting => "会议",
            DispatchMethod::Platform => "平台",
        }
    }
}

/// The content of a task notice (党建调度通知单).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct NoticeContent {
    pub issuer: String,
    /// Red-heading suffix; default 通知单.
    #[serde(default)]
    pub heading_suffix: Option<String>,
    #[serde(default)]
    pub number: Option<String>,
    /// Default 党建调度通知单.
    #[serde(default)]
    pub title: String,
    /// 调度对象 (the unit, 主送).
    pub target_unit: String,
    /// The plan or task it comes from (e.g. the network chart's name).
    #[serde(default)]
    pub basis: Option<String>,
    /// 调度内容: one paragraph per line.
    pub content: String,
    pub methods: Vec<DispatchMethod>,
    /// 任务目标.
    #[serde(default)]
    pub goal: Option<String>,
    /// 完成时限.
    pub deadline: String,
    /// 反馈要求.
    #[serde(default)]
    pub feedback: Option<String>,
    #[serde(default)]
    pub contact: Option<String>,
    #[serde(default)]
    pub phone: Option<String>,
    pub date: String,
    #[serde(default)]
    pub copy_to: Option<String>,
    #[serde(default = "yes")]
    pub receipt: bool,
}

impl NoticeContent {
    pub fn to_document(&self) -> OfficialDocument {
        let mut s = Sections::new();
        match self.basis.as_deref().filter(|b| !b.trim().is_empty()) {
            Some(b) => s.body.push(Paragraph::body(format!(
                "根据{}工作安排，现将有关调度事项通知如下：",
                b.trim()
            ))),
            None => s.body.push(Paragraph::body("现将有关调度事项通知如下：")),
        }
        let content = paragraphs(&self.content);
        if content.len() == 1 {
            s.run_in("调度内容", &content[0].text());
        } else {
            s.block("调度内容", content);
        }
        s.run_in("调度对象", self.target_unit.trim());
        let methods: Vec<String> = self.methods.iter().map(|m| m.label().to_string()).collect();
        s.run_in(
            "调度方式",
            &if methods.is_empty() {
                "书面".to_string()
            } else {
                join_cn(&methods)
            },
        );
        if let Some(goal) = self.goal.as_deref().filter(|g| !g.trim().is_empty()) {
            s.run_in("任务目标", goal);
        }
        s.run_in("完成时限", &format!("{}前完成", self.deadline.trim()));
        if let Some(fb) = self.feedback.as_deref().filter(|g| !g.trim().is_empty()) {
            s.run_in("反馈要求", fb);
        }
        if let Some(c) = contact_line(self.contact.as_deref(), self.phone.as_deref()) {
            s.body.push(Paragraph::body(c));
        }
        let number = self.number.clone().filter(|n| !n.trim().is_empty());
        OfficialDocument {
            issuer_heading: IssuerHeading::new(
                self.issuer.trim(),
                self.heading_suffix
                    .clone()
                    .unwrap_or_else(|| "通知单".into()),
            ),
            number: number.clone(),
            signer: None,
            urgency: None,
            title: if self.title.trim().is_empty() {
                "党建调度通知单".into()
            } else {
                self.title.trim().into()
            },
            addressees: self.target_unit.trim().into(),
            body: s.body,
            attachments: Vec::new(),
            signature: Signature {
                issuer: self.issuer.trim().into(),
                date: self.date.trim().into(),
            },
            copy_to: self.copy_to.clone(),
            printed_by: None,
            receipt: self.receipt.then(|| Receipt {
                title: "回执".into(),
                rows: vec![
                    ReceiptRow::two(
                        "通知单编号",
                        number.as_deref().unwrap_or(""),
                        "签收单位",
                        self.target_unit.trim(),
                    ),
                    ReceiptRow::two("签收人", "", "签收时间", "　　年　　月　　日"),
                    ReceiptRow::tall("落实安排", 2),
                ],
                note: Some("请签收后将回执交回党建调度室。".into()),
            }),
            verification: None,
            seal: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinals() {
        assert_eq!(cn_ordinal(1), "一");
        assert_eq!(cn_ordinal(10), "十");
        assert_eq!(cn_ordinal(12), "十二");
        assert_eq!(cn_ordinal(20), "二十");
        assert_eq!(cn_ordinal(23), "二十三");
    }

    #[test]
    fn dates_have_no_zero_padding() {
        assert_eq!(cn_date(2026, 1, 5), "2026年1月5日");
    }

    #[test]
    fn order_document_carries_every_field() {
        let o = OrderContent {
            issuer: "晋源煤矿党委党建调度室".into(),
            number: Some("晋党调令〔2026〕7号".into()),
            urgency: Some(Urgency::Critical),
            signer: Some("王建国".into()),
            responsible_unit: "综采一队党支部".into(),
            cooperating_units: vec!["组织部".into(), "宣传部".into()],
            responsible_person: Some("李志强".into()),
            matter: "完成台账整改".into(),
            requirements: vec!["逐项自查".into()],
            deadline: "2026年1月20日".into(),
            feedback_rule: "每3个工作日".into(),
            feedback_forms: vec!["文字".into(), "图片".into()],
            contact: Some("赵敏".into()),
            phone: Some("0355-6021234".into()),
            date: cn_date(2026, 1, 5),
            receipt: true,
            ..Default::default()
        };
        let d = o.to_document();
        let text: String = d
            .body
            .iter()
            .map(|p| p.text())
            .collect::<Vec<_>>()
            .join("\n");
        for needle in [
            "一、调度事项",
            "二、工作要求",
            "1.逐项自查。",
            "责任单位：综采一队党支部；配合单位：组织部、宣传部；责任人：李志强。",
            "2026年1月20日前完成。",
            "每3个工作日以文字、图片等形式向党建调度室反馈工作进展。",
            "联系人：赵敏，联系电话：0355-6021234。",
        ] {
            assert!(text.contains(needle), "{needle} not in {text}");
        }
        assert_eq!(d.issuer_heading.text(), "晋源煤矿党委党建调度室调度令");
        assert_eq!(d.addressees, "综采一队党支部");
        let r = d.receipt.unwrap();
        assert_eq!(r.rows[0].fields[0].value, "晋党调令〔2026〕7号");
    }
}
