//! Writes a sample tabular report to the given path (to look at the layout):
//! `cargo run -p diaodu-documents --example report_sample -- out.pdf`
use chrono::NaiveDate;
use diaodu_documents::{
    render_report, Fonts, Orientation, Report, ReportBlock, ReportColumn, ReportTable,
};

fn main() {
    let out = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "report.pdf".into());
    let fonts = Fonts::system().expect("a Chinese font");
    let report = Report {
        title: "2026年3月漏项报告".into(),
        subtitle: "综采一队党支部".into(),
        issuer: "漳村煤矿党委党建调度室".into(),
        printed_on: NaiveDate::from_ymd_opt(2026, 4, 1).unwrap(),
        orientation: Orientation::Portrait,
        blocks: vec![
            ReportBlock::Facts(vec![
                ("统计期间".into(), "2026年3月1日至31日".into()),
                ("应办事项".into(), "42项，已办39项，漏项3项".into()),
            ]),
            ReportBlock::Heading("一、漏项清单".into()),
            ReportBlock::Paragraph("以下事项在规定时限内未办理完毕，请对照《“1234”党建工作新模式工作规范》逐项补办，并于下周党建调度例会前反馈。".into()),
            ReportBlock::Table(ReportTable {
                columns: vec![
                    ReportColumn::new("序号", 0.6).center(),
                    ReportColumn::new("事项", 4.0),
                    ReportColumn::new("周期", 0.8).center(),
                    ReportColumn::new("应完成日期", 1.4).center(),
                    ReportColumn::new("责任人", 1.0),
                ],
                rows: (1..=60)
                    .map(|i| vec![i.to_string(), format!("第{i}项：召开支部委员会会议，传达学习上级党委文件精神，研究部署本月党建重点工作"), "月".into(), "2026-03-25".into(), "李明".into()])
                    .collect(),
                empty_text: "本期无漏项".into(),
            }),
        ],
    };
    std::fs::write(&out, render_report(&report, &fonts).expect("render")).unwrap();
}
