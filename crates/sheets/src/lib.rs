//! Spreadsheets in and out, for the office's tables (表格化).
//!
//! # Writing: [`write_xlsx`]
//! A [`Workbook`] is plain data: sheets, each with an optional title row
//! (merged across the columns, bold, larger), optional subtitle lines (who,
//! which period, when exported), one header row of [`Column`]s (title and
//! width in Excel's character units) and rows of [`Cell`]s (text, number,
//! date, empty). Every sheet comes out the way a clerk keeps a register: bold
//! shaded header with thin borders on every cell, wrapped text, dates as
//! `yyyy-mm-dd` real dates (sortable and filterable in Excel and WPS), the
//! header frozen and filterable, A4 printing with the header repeated on
//! every page, fitted to the page width, and "第 N 页，共 M 页" in the footer.
//!
//! ```
//! use diaodu_sheets::{write_xlsx, Cell, Column, Sheet, Workbook};
//! let book = Workbook {
//!     sheets: vec![Sheet {
//!         name: "漏项".into(),
//!         title: Some("2026年3月漏项报告".into()),
//!         subtitle: vec!["导出时间：2026-04-01 09:00".into()],
//!         columns: vec![Column::new("责任单位", 18.0), Column::new("应完成日期", 12.0)],
//!         rows: vec![vec![Cell::text("综采一队党支部"), Cell::Date(chrono::NaiveDate::from_ymd_opt(2026, 3, 25).unwrap())]],
//!         landscape: false,
//!     }],
//! };
//! let bytes = write_xlsx(&book).unwrap();
//! assert_eq!(&bytes[..2], b"PK");
//! ```
//! Every workbook the product writes goes through this writer (the work
//! specification's export, the assessment report sets in
//! `store/src/assessment/xlsx.rs`, the annual figures in
//! `store/src/supervision/tables.rs`); only this crate depends on
//! rust_xlsxwriter. Tab names are made legal and unique here.
//!
//! # Reading: [`read_workbook`]
//! Reads `.xlsx` as Excel and WPS save them, through calamine, into
//! [`Table`]s of [`Value`]s that keep the sheet's own row numbers, so an
//! import can report "第7行 C列：…". Memory stays bounded whatever the file
//! holds: the file size, what its parts really unpack to and each sheet's
//! used range (streamed cell by cell) are checked against [`limits`] before
//! a sheet is laid out. Old `.xls` and `.ods` files are refused with a
//! message asking for `.xlsx` (their readers lay out any range they are given). [`Table::find_header`]
//! locates the header row by its titles (a title row above it, blank rows,
//! full-width characters, line breaks and `*` marks inside titles are all
//! tolerated), and [`column_letter`] names columns as Excel does.
mod read;
#[cfg(any(test, feature = "test-files"))]
pub mod test_files;
mod write;

pub use read::{column_letter, limits, read_workbook, HeaderMap, Row, Table, Value};
pub use write::{write_xlsx, Align, Cell, Column, Sheet, Workbook};

use std::fmt;

/// A spreadsheet that cannot be read or written; the message is Chinese.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SheetError(pub String);

impl fmt::Display for SheetError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for SheetError {}
