//! Reading the tables out of a spreadsheet file.
use crate::SheetError;
use calamine::{open_workbook_auto_from_rs, Data, DataType, Reader};
use chrono::NaiveDate;
use std::io::Cursor;

/// One cell as read.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Empty,
    Text(String),
    Number(f64),
    Bool(bool),
    Date(NaiveDate),
    /// A formula error such as `#REF!`.
    Error(String),
}

impl Value {
    /// The cell as text, trimmed: whole numbers without ".0", dates as
    /// `YYYY-MM-DD`, booleans as 是/否, errors as written.
    pub fn text(&self) -> String {
        match self {
            Value::Empty => String::new(),
            Value::Text(s) => s.trim().to_string(),
            Value::Number(n) if n.fract() == 0.0 && n.abs() < 1e15 => format!("{}", *n as i64),
            Value::Number(n) => format!("{n}"),
            Value::Bool(b) => if *b { "是" } else { "否" }.into(),
            Value::Date(d) => d.format("%Y-%m-%d").to_string(),
            Value::Error(e) => e.clone(),
        }
    }

    pub fn is_empty(&self) -> bool {
        match self {
            Value::Empty => true,
            Value::Text(s) => s.trim().is_empty(),
            _ => false,
        }
    }
}

/// One row with the number Excel shows for it (1-based).
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub number: u32,
    pub cells: Vec<Value>,
}

impl Row {
    pub fn get(&self, col: usize) -> &Value {
        self.cells.get(col).unwrap_or(&Value::Empty)
    }
    pub fn is_blank(&self) -> bool {
        self.cells.iter().all(Value::is_empty)
    }
}

/// One sheet's used range, rows in order; `first_col` is the 0-based
/// column of `cells[0]`, so column letters come out as Excel shows them.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    pub sheet: String,
    pub first_col: usize,
    pub rows: Vec<Row>,
}

/// Where the header row is and which column holds each wanted field.
#[derive(Debug, Clone, PartialEq)]
pub struct HeaderMap {
    /// Index into [`Table::rows`] of the header row.
    pub row_index: usize,
    /// For each wanted field, its index into [`Row::cells`], if present.
    pub columns: Vec<Option<usize>>,
}

/// `A`, `B`, …, `Z`, `AA`, … for a 0-based column.
pub fn column_letter(col: usize) -> String {
    let mut n = col + 1;
    let mut out = Vec::new();
    while n > 0 {
        let r = (n - 1) % 26;
        out.push(b'A' + r as u8);
        n = (n - 1) / 26;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// A header title compared loosely: no spaces or line breaks, no `*` or
/// `＊` (required-field marks), full-width letters and brackets folded.
fn title_key(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace() && *c != '*' && *c != '＊')
        .map(|c| match c {
            '（' => '(',
            '）' => ')',
            '！'..='～' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            c => c,
        })
        .collect::<String>()
        .to_lowercase()
}

impl Table {
    /// Finds the header row among the first 20 rows: the first row where at
    /// least `min_hits` of the wanted fields are found. `wanted` lists, per
    /// field, the titles it may carry (`["编号", "序号"]`).
    pub fn find_header(&self, wanted: &[&[&str]], min_hits: usize) -> Option<HeaderMap> {
        for (i, row) in self.rows.iter().enumerate().take(20) {
            let keys: Vec<String> = row.cells.iter().map(|v| title_key(&v.text())).collect();
            let columns: Vec<Option<usize>> = wanted
                .iter()
                .map(|aliases| {
                    aliases.iter().find_map(|a| {
                        keys.iter()
                            .position(|k| !k.is_empty() && *k == title_key(a))
                    })
                })
                .collect();
            if columns.iter().filter(|c| c.is_some()).count() >= min_hits.max(1) {
                return Some(HeaderMap {
                    row_index: i,
                    columns,
                });
            }
        }
        None
    }

    /// The Excel column letter of `cells[col]`.
    pub fn letter(&self, col: usize) -> String {
        column_letter(self.first_col + col)
    }
}

fn value(d: &Data) -> Value {
    match d {
        Data::Empty => Value::Empty,
        Data::String(s) => Value::Text(s.clone()),
        Data::Int(i) => Value::Number(*i as f64),
        Data::Float(f) => Value::Number(*f),
        Data::Bool(b) => Value::Bool(*b),
        Data::DateTime(dt) if dt.is_datetime() => match d.as_date() {
            Some(date) => Value::Date(date),
            None => Value::Number(dt.as_f64()),
        },
        Data::DateTime(dt) => Value::Number(dt.as_f64()),
        Data::DateTimeIso(s) => match d.as_date() {
            Some(date) => Value::Date(date),
            None => Value::Text(s.clone()),
        },
        Data::DurationIso(s) => Value::Text(s.clone()),
        Data::Error(e) => Value::Error(format!("{e}")),
    }
}

/// Every sheet of an `.xlsx`, `.xls` or `.ods` file, in tab order.
pub fn read_workbook(bytes: &[u8]) -> Result<Vec<Table>, SheetError> {
    let mut book = open_workbook_auto_from_rs(Cursor::new(bytes)).map_err(|e| {
        SheetError(format!(
            "无法读取表格文件，请确认是 Excel 或 WPS 保存的 .xlsx 文件（{e}）"
        ))
    })?;
    let mut out = Vec::new();
    for name in book.sheet_names() {
        let range = book
            .worksheet_range(&name)
            .map_err(|e| SheetError(format!("无法读取工作表“{name}”：{e}")))?;
        let (first_row, first_col) = range.start().unwrap_or((0, 0));
        let rows = range
            .rows()
            .enumerate()
            .map(|(i, cells)| Row {
                number: first_row + i as u32 + 1,
                cells: cells.iter().map(value).collect(),
            })
            .collect();
        out.push(Table {
            sheet: name,
            first_col: first_col as usize,
            rows,
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{write_xlsx, Cell, Column, Sheet, Workbook};

    #[test]
    fn column_letters_as_excel_names_them() {
        assert_eq!(column_letter(0), "A");
        assert_eq!(column_letter(25), "Z");
        assert_eq!(column_letter(26), "AA");
        assert_eq!(column_letter(27), "AB");
        assert_eq!(column_letter(701), "ZZ");
        assert_eq!(column_letter(702), "AAA");
    }

    #[test]
    fn titles_compare_loosely() {
        assert_eq!(title_key(" 编 号\n*"), "编号");
        assert_eq!(title_key("责任单位（部门）"), "责任单位(部门)");
        assert_eq!(title_key("ＡＢＣ"), "abc");
    }

    #[test]
    fn our_own_workbook_reads_back_with_row_numbers_and_types() {
        let d = NaiveDate::from_ymd_opt(2026, 3, 25).unwrap();
        let book = Workbook {
            sheets: vec![Sheet {
                name: "清单".into(),
                title: Some("2026年3月工作清单".into()),
                subtitle: vec!["单位：综采一队党支部".into()],
                columns: vec![
                    Column::new("编号", 8.0),
                    Column::new("事项", 30.0),
                    Column::centered("应完成日期", 12.0),
                    Column::centered("件数", 6.0),
                ],
                rows: vec![
                    vec![
                        Cell::text("ZB-001"),
                        Cell::text("召开支部委员会"),
                        Cell::Date(d),
                        Cell::int(2),
                    ],
                    vec![
                        Cell::text("ZB-002"),
                        Cell::Empty,
                        Cell::Empty,
                        Cell::Number(1.5),
                    ],
                ],
                landscape: true,
            }],
        };
        let bytes = write_xlsx(&book).unwrap();
        let tables = read_workbook(&bytes).unwrap();
        assert_eq!(tables.len(), 1);
        let t = &tables[0];
        assert_eq!(t.sheet, "清单");
        let h = t
            .find_header(
                &[
                    &["编号"],
                    &["事项", "工作事项"],
                    &["应完成日期"],
                    &["没有的列"],
                ],
                2,
            )
            .unwrap();
        assert_eq!(
            t.rows[h.row_index].number, 3,
            "title, subtitle, then the header"
        );
        assert_eq!(h.columns, vec![Some(0), Some(1), Some(2), None]);
        let first = &t.rows[h.row_index + 1];
        assert_eq!(first.number, 4);
        assert_eq!(first.get(0).text(), "ZB-001");
        assert_eq!(first.get(2), &Value::Date(d));
        assert_eq!(first.get(3).text(), "2");
        let second = &t.rows[h.row_index + 2];
        assert!(second.get(1).is_empty());
        assert_eq!(second.get(3).text(), "1.5");
        assert_eq!(t.letter(2), "C");
    }

    #[test]
    fn garbage_is_refused_with_a_chinese_message() {
        let e = read_workbook(b"this is not a spreadsheet").unwrap_err();
        assert!(e.0.contains("无法读取表格文件"), "{e}");
    }
}
