//! The tabular report: text comes back out of the PDF, long tables run over
//! pages with the header repeated, fonts are embedded and subset, page numbers
//! count the whole document. Needs poppler-utils and a Chinese font.
use std::process::Command;

use chrono::NaiveDate;
use diaodu_documents::{
    render_report, Align, Fonts, Orientation, Report, ReportBlock, ReportColumn, ReportTable,
};

fn run(tool: &str, args: &[&str]) -> String {
    let out = Command::new(tool)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("cannot run {tool} ({e}): install poppler-utils"));
    assert!(out.status.success(), "{tool} failed");
    String::from_utf8(out.stdout).unwrap()
}

fn sample(rows: usize) -> Report {
    Report {
        title: "2026年3月漏项报告".into(),
        subtitle: "综采一队党支部".into(),
        issuer: "漳村煤矿党委党建调度室".into(),
        printed_on: NaiveDate::from_ymd_opt(2026, 4, 1).unwrap(),
        orientation: Orientation::Portrait,
        blocks: vec![
            ReportBlock::Facts(vec![
                ("统计期间".into(), "2026年3月1日至31日".into()),
                ("应办事项".into(), "42项".into()),
            ]),
            ReportBlock::Heading("一、漏项清单".into()),
            ReportBlock::Paragraph(
                "以下事项在规定时限内未办理完毕，请各单位对照工作规范逐项补办，并于下周例会前反馈。"
                    .into(),
            ),
            ReportBlock::Table(ReportTable {
                columns: vec![
                    ReportColumn::new("序号", 0.6).center(),
                    ReportColumn::new("事项", 4.0),
                    ReportColumn::new("应完成日期", 1.4),
                    ReportColumn {
                        title: "得分".into(),
                        weight: 0.8,
                        align: Align::Right,
                    },
                ],
                rows: (1..=rows)
                    .map(|i| {
                        vec![
                            i.to_string(),
                            format!("第{i}项：组织支部委员会学习贯彻上级党委文件精神并形成会议记录"),
                            "2026-03-25".into(),
                            format!("{:.1}", 100.0 - i as f64 * 0.5),
                        ]
                    })
                    .collect(),
                empty_text: "本期无漏项".into(),
            }),
        ],
    }
}

#[test]
fn long_table_runs_over_pages_with_header_and_page_numbers() {
    let fonts = Fonts::system().expect("a Chinese font (fonts-noto-cjk)");
    let pdf = render_report(&sample(80), &fonts).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("r.pdf");
    std::fs::write(&path, &pdf).unwrap();
    let p = path.to_str().unwrap();
    let info = run("pdfinfo", &[p]);
    let pages: usize = info
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .unwrap()
        .trim()
        .parse()
        .unwrap();
    assert!(
        pages >= 3,
        "80 wrapped rows need several pages, got {pages}"
    );
    assert!(
        info.contains("595") && info.contains("841"),
        "A4 portrait: {info}"
    );
    let text = run("pdftotext", &["-layout", p, "-"]);
    let squashed: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    assert!(squashed.contains("2026年3月漏项报告"));
    assert!(squashed.contains("第80项"));
    assert!(squashed.contains(&format!("第{pages}页共{pages}页")));
    // The header row is repeated on every page.
    assert_eq!(text.matches("应完成日期").count(), pages);
    let fonts_out = run("pdffonts", &[p]);
    for line in fonts_out.lines().skip(2) {
        assert!(line.contains("yes"), "font not embedded: {line}");
        assert!(line.contains('+'), "font not subset: {line}");
    }
}

#[test]
fn empty_table_prints_its_empty_text_and_landscape_is_landscape() {
    let fonts = Fonts::system().expect("a Chinese font (fonts-noto-cjk)");
    let mut r = sample(0);
    r.orientation = Orientation::Landscape;
    let pdf = render_report(&r, &fonts).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("r.pdf");
    std::fs::write(&path, &pdf).unwrap();
    let p = path.to_str().unwrap();
    let info = run("pdfinfo", &[p]);
    assert!(info.contains("841") && info.contains("595"));
    let size = info.lines().find(|l| l.starts_with("Page size")).unwrap();
    let w: f32 = size.split_whitespace().nth(2).unwrap().parse().unwrap();
    assert!(w > 800.0, "landscape width: {size}");
    let text = run("pdftotext", &[p, "-"]);
    assert!(text.contains("本期无漏项"));
}

#[test]
fn rows_must_match_the_columns() {
    let fonts = Fonts::system().expect("a Chinese font (fonts-noto-cjk)");
    let mut r = sample(2);
    if let ReportBlock::Table(t) = &mut r.blocks[3] {
        t.rows[1].pop();
    }
    let e = render_report(&r, &fonts).unwrap_err();
    assert!(e.message.contains("第2行"), "{}", e.message);
}
