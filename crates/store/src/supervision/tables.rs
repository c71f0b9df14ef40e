//! One table shape for figures that go both to paper and to a spreadsheet:
//! the same rows feed the PDF report engine and the xlsx workbook (written by
//! `diaodu-sheets`, like every workbook), so the two can never disagree.
use crate::Result;
use diaodu_documents::{Align, ReportBlock, ReportColumn, ReportTable};
use diaodu_domain::CoreError;
pub use diaodu_sheets::Cell;

/// A rate as a cell: a percentage, or a dash when nothing was due.
pub fn percent(rate: Option<f64>) -> Cell {
    rate.map_or_else(|| Cell::text("—"), Cell::Percent)
}

/// How a cell reads on paper.
pub fn cell_text(cell: &Cell) -> String {
    match cell {
        Cell::Empty => String::new(),
        Cell::Text(s) => s.clone(),
        Cell::Number(n) if n.fract() == 0.0 => format!("{n:.0}"),
        Cell::Number(n) => n.to_string(),
        Cell::Percent(p) => super::timeliness::percent(Some(*p)),
        Cell::Date(d) => d.to_string(),
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
                    .map(|r| r.iter().map(cell_text).collect())
                    .collect(),
                empty_text: self.empty_text.clone(),
            }),
        ]
    }
}

impl TableData {
    /// The table as a sheet: the book's title and the table's heading above
    /// it, `facts` under them, numbers and rates as numbers.
    fn sheet(&self, book_title: &str, facts: &[(String, String)]) -> diaodu_sheets::Sheet {
        // Tab names without the section's Chinese numbering (一、).
        let name = self
            .title
            .trim_start_matches(|c: char| "一二三四五六七八九十、".contains(c))
            .to_string();
        let mut rows = self.rows.clone();
        if rows.is_empty() && !self.empty_text.is_empty() {
            rows.push(vec![Cell::text(self.empty_text.clone())]);
        }
        diaodu_sheets::Sheet {
            name,
            title: Some(format!("{book_title}　{}", self.title)),
            subtitle: facts.iter().map(|(k, v)| format!("{k}：{v}")).collect(),
            columns: self
                .columns
                .iter()
                .map(|c| {
                    let width = f64::from(c.weight * 7.0).clamp(6.0, 60.0);
                    if c.numeric {
                        diaodu_sheets::Column {
                            align: diaodu_sheets::Align::Right,
                            ..diaodu_sheets::Column::new(c.title.clone(), width)
                        }
                    } else {
                        diaodu_sheets::Column::new(c.title.clone(), width)
                    }
                })
                .collect(),
            rows,
            landscape: self.columns.len() > 6,
        }
    }
}

/// A workbook: one sheet per table, the facts under the first table's title.
pub fn workbook(title: &str, facts: &[(String, String)], tables: &[TableData]) -> Result<Vec<u8>> {
    let book = diaodu_sheets::Workbook {
        sheets: tables
            .iter()
            .enumerate()
            .map(|(i, t)| t.sheet(title, if i == 0 { facts } else { &[] }))
            .collect(),
    };
    diaodu_sheets::write_xlsx(&book).map_err(|e| CoreError::internal(e.0))
}
