//! The preview draws pages when asked for: a long report opens with its first
//! pages only, any further page is drawn on its own, and the previews are kept
//! by token (the most recent few). Needs poppler-utils and a Chinese font.
use chrono::NaiveDate;
use diaodu_documents::output::{PdfPreview, Previews, PREVIEW_FIRST_PAGES};
use diaodu_documents::{
    render_report, DocErrorCode, Fonts, Orientation, Report, ReportBlock, ReportColumn, ReportTable,
};

const PNG: &[u8] = b"\x89PNG\r\n\x1a\n";

/// A report of `rows` omissions, one table over many pages.
fn report(rows: usize) -> Vec<u8> {
    let fonts = Fonts::system().expect("a Chinese font (fonts-noto-cjk)");
    let r = Report {
        title: "2026年9月漏项报告".into(),
        subtitle: "全部单位".into(),
        issuer: "漳村煤矿党委党建调度室".into(),
        printed_on: NaiveDate::from_ymd_opt(2026, 10, 1).unwrap(),
        orientation: Orientation::Portrait,
        blocks: vec![ReportBlock::Table(ReportTable {
            columns: vec![
                ReportColumn::new("序号", 0.6).center(),
                ReportColumn::new("事项", 4.0),
                ReportColumn::new("应完成日期", 1.4),
            ],
            rows: (1..=rows)
                .map(|i| {
                    vec![
                        i.to_string(),
                        format!("第{i}项：支部委员会会议"),
                        "2026-09-25".into(),
                    ]
                })
                .collect(),
            empty_text: "本期无漏项".into(),
        })],
    };
    render_report(&r, &fonts).unwrap()
}

fn pdfinfo_pages(pdf: &[u8]) -> u32 {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("r.pdf");
    std::fs::write(&path, pdf).unwrap();
    let out = std::process::Command::new("pdfinfo")
        .arg(&path)
        .output()
        .expect("pdfinfo (poppler-utils)");
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .unwrap()
        .trim()
        .parse()
        .unwrap()
}

#[test]
fn a_long_report_opens_with_its_first_pages_and_draws_others_when_asked() {
    let pdf = report(600);
    let pages = pdfinfo_pages(&pdf);
    assert!(pages > 10, "600 rows make a long report, got {pages} pages");
    let preview = PdfPreview::new(pdf, 72).unwrap();
    assert_eq!(preview.page_count(), pages);

    let first = preview.first_pages_png().unwrap();
    assert_eq!(
        first.len(),
        PREVIEW_FIRST_PAGES as usize,
        "only the first pages are drawn"
    );
    assert!(first.iter().all(|p| p.starts_with(PNG)));

    let last = preview.pages_png(pages, pages).unwrap();
    assert_eq!(last.len(), 1);
    assert!(last[0].starts_with(PNG));
    assert_ne!(last[0], first[0], "the last page is not the first");
    // Drawn alone, a page is the same image as drawn among the first ones.
    assert_eq!(preview.pages_png(2, 2).unwrap()[0], first[1]);
}

#[test]
fn a_short_paper_comes_whole_and_pages_out_of_range_are_refused() {
    let preview = PdfPreview::new(report(5), 72).unwrap();
    assert_eq!(preview.page_count(), 1);
    assert_eq!(preview.first_pages_png().unwrap().len(), 1);
    for (first, last) in [(0, 1), (2, 2), (1, 2)] {
        let e = preview.pages_png(first, last).unwrap_err();
        assert_eq!(e.code, DocErrorCode::Validation);
        assert_eq!(e.message, "页码应在1到1之间");
    }
}

#[test]
fn not_a_pdf_is_a_clear_error() {
    let e = PdfPreview::new(b"not a pdf".to_vec(), 72).unwrap_err();
    assert!(e.message.starts_with("生成预览失败"), "{}", e.message);
}

#[test]
fn previews_are_kept_by_token_the_most_recent_few() {
    let previews = Previews::default();
    let pdf = report(5);
    let tokens: Vec<u64> = (0..Previews::KEPT + 1)
        .map(|_| previews.keep(PdfPreview::new(pdf.clone(), 72).unwrap()))
        .collect();
    let distinct: std::collections::HashSet<_> = tokens.iter().collect();
    assert_eq!(distinct.len(), tokens.len(), "one token each");
    for t in &tokens[1..] {
        assert_eq!(previews.get(*t).unwrap().page_count(), 1);
    }
    let e = previews.get(tokens[0]).unwrap_err();
    assert_eq!(e.code, DocErrorCode::Validation);
    assert_eq!(e.message, "该预览已关闭，请重新打开预览");
    assert!(previews.get(u64::MAX).is_err(), "an unknown token");
}
