//! One table shape for figures that go both to paper and to a spreadsheet:
//! the same rows feed the PDF report engine and an xlsx workbook, so the two
//! can never disagree. The xlsx side writes with rust_xlsxwriter directly, like
//! `assessment/xlsx.rs`; neither goes through `diaodu-sheets` yet (issue 16).
use crate::Result;
use diaodu_documents::{Align, ReportBlock, ReportColumn, ReportTable};
use diaodu_domain::CoreError;
use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Workbook};

#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Text(String),
    Int(i64),
    /// A fraction 0..1 shown as a percentage; `None` prints as a dash.
    Percent(Option<f64>),
}

impl Cell {
    pub fn text(&self) -> String {
        match self {
            Cell::Text(s) => s.clone(),
            Cell::Int(n) => n.to_string(),
            Cell::Percent(p) => super::timeliness::percent(*p),
        }
    }
}

#[derive(Debug, Clone)]
pub struct Column {
    pub title: String,
    /// Relative width on paper; also scales the spreadsheet column.
    pub weight: f32,
    pub numeric: bool,
}

impl Column {
    pub fn text(title: &str, weight: f32) -> Column {
        Column {
            title: title.into(),
            weight,
            numeric: false,
        }
    }
    pub fn number(title: &str, weight: f32) -> Column {
        Column {
            title: title.into(),
            weight,
            numeric: true,
        }
    }
}

#[derive(Debug, Clone)]
pub struct TableData {
    /// Section heading on paper, sheet name in the workbook.
    pub title: String,
    pub columns: Vec<Column>,
    pub rows: Vec<Vec<Cell>>,
    pub empty_text: String,
}

impl TableData {
    /// The heading and table blocks of the PDF report.
    pub fn report_blocks(&self) -> Vec<ReportBlock> {
        vec![
            ReportBlock::Heading(self.title.clone()),
            ReportBlock::Table(ReportTable {
                columns: self
                    .columns
                    .iter()
                    .map(|c| {
                        let col = ReportColumn::new(c.title.clone(), c.weight);
                        if c.numeric {
                            ReportColumn {
                                align: Align::Right,
                                ..col
                            }
                        } else {
                            col
                        }
                    })
                    .collect(),
                rows: self
                    .rows
                    .iter()
                    .map(|r| r.iter().map(Cell::text).collect())
                    .collect(),
                empty_text: self.empty_text.clone(),
            }),
        ]
    }
}

fn xlsx_err(e: rust_xlsxwriter::XlsxError) -> CoreError {
    CoreError::internal(format!("生成Excel文件失败：{e}"))
}

/// A workbook: one sheet per table, a title row and the facts above the
/// first table, header rows in bold, numbers as numbers and rates as
/// percentages (so the office can sum and sort them in Excel or WPS).
pub fn workbook(title: &str, facts: &[(String, String)], tables: &[TableData]) -> Result<Vec<u8>> {
    let mut wb = Workbook::new();
    let bold = Format::new().set_bold();
    let big = Format::new().set_bold().set_font_size(14);
    let head = Format::new()
        .set_bold()
        .set_align(FormatAlign::Center)
        .set_border(FormatBorder::Thin)
        .set_background_color("#E8E8E8");
    let cell = Format::new().set_border(FormatBorder::Thin).set_text_wrap();
    let num = Format::new().set_border(FormatBorder::Thin);
    let pct = Format::new()
        .set_border(FormatBorder::Thin)
        .set_num_format("0.0%");
    for (i, t) in tables.iter().enumerate() {
        let ws = wb.add_worksheet();
        // Sheet names: at most 31 characters, none of []:*?/\ .
        let name: String = t
            .title
            .trim_start_matches(|c: char| "一二三四五六七八九十、".contains(c))
            .chars()
            .filter(|c| !"[]:*?/\\".contains(*c))
            .take(31)
            .collect();
        ws.set_name(if name.is_empty() {
            format!("表{}", i + 1)
        } else {
            name
        })
        .map_err(xlsx_err)?;
        let mut row: u32 = 0;
        if i == 0 {
            ws.write_string_with_format(row, 0, title, &big)
                .map_err(xlsx_err)?;
            row += 1;
            for (k, v) in facts {
                ws.write_string_with_format(row, 0, k, &bold)
                    .map_err(xlsx_err)?;
                ws.write_string(row, 1, v).map_err(xlsx_err)?;
                row += 1;
            }
            row += 1;
        }
        ws.write_string_with_format(row, 0, &t.title, &bold)
            .map_err(xlsx_err)?;
        row += 1;
        for (c, col) in t.columns.iter().enumerate() {
            let c = c as u16;
            ws.write_string_with_format(row, c, &col.title, &head)
                .map_err(xlsx_err)?;
            ws.set_column_width(c, (col.weight * 7.0).clamp(6.0, 60.0))
                .map_err(xlsx_err)?;
        }
        row += 1;
        ws.set_freeze_panes(row, 0).map_err(xlsx_err)?;
        for r in &t.rows {
            for (c, v) in r.iter().enumerate() {
                let c = c as u16;
                match v {
                    Cell::Text(s) => ws.write_string_with_format(row, c, s, &cell),
                    Cell::Int(n) => ws.write_number_with_format(row, c, *n as f64, &num),
                    Cell::Percent(Some(p)) => ws.write_number_with_format(row, c, *p, &pct),
                    Cell::Percent(None) => ws.write_string_with_format(row, c, "—", &cell),
                }
                .map_err(xlsx_err)?;
            }
            row += 1;
        }
        if t.rows.is_empty() && !t.empty_text.is_empty() {
            ws.write_string(row, 0, &t.empty_text).map_err(xlsx_err)?;
        }
    }
    wb.save_to_buffer().map_err(xlsx_err)
}
