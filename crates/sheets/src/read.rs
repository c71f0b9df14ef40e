//! Reading the tables out of a spreadsheet file.
use crate::SheetError;
use calamine::{Data, DataRef, DataType, Reader, Xlsx, XlsxError};
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

/// The most a workbook may hold. Checked before anything is loaded, so a
/// small file cannot make the reader allocate without bound: calamine lays a
/// sheet out as one dense block from its first to its last used cell, and a
/// 1.5 KB file with values in A1 and XFD1048576 would ask for 17 billion cells.
pub mod limits {
    /// The file itself (a catalogue of a few thousand rows is well under 1 MB).
    pub const FILE_BYTES: usize = 30 * 1024 * 1024;
    /// All parts of the package together once unzipped (zip bombs).
    pub const UNPACKED_BYTES: u64 = 64 * 1024 * 1024;
    /// Parts in the package.
    pub const PARTS: usize = 10_000;
    /// The used range of one sheet.
    pub const ROWS: u32 = 65_536;
    pub const COLUMNS: u32 = 256;
    pub const CELLS: u64 = 1_000_000;
}

/// The limits as the user reads them.
fn limits_text() -> String {
    format!(
        "最多 {} 行、{} 列（{}列）、共 {} 万个单元格",
        limits::ROWS,
        limits::COLUMNS,
        column_letter(limits::COLUMNS as usize - 1),
        limits::CELLS / 10_000
    )
}

fn not_xlsx(bytes: &[u8]) -> SheetError {
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        SheetError("这是旧版 Excel（.xls）文件，请在 Excel 或 WPS 中另存为 .xlsx 后再导入".into())
    } else {
        SheetError("不是 Excel 或 WPS 保存的 .xlsx 文件，请另存为 .xlsx 后再导入".into())
    }
}

/// Adds up what the parts of the package unpack to, from the zip directory,
/// without unpacking anything. The zip reader refuses to unpack a part past
/// the size the directory declares for it (a lying part ends in an error), so
/// the declared sizes bound everything calamine can unpack.
fn check_package(bytes: &[u8]) -> Result<(), SheetError> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|_| not_xlsx(bytes))?;
    if zip.len() > limits::PARTS {
        return Err(SheetError(format!(
            "文件由 {} 个部分组成，超过上限 {}，不像是正常的 .xlsx 文件",
            zip.len(),
            limits::PARTS
        )));
    }
    let mut total: u64 = 0;
    for i in 0..zip.len() {
        let part = zip
            .by_index_raw(i)
            .map_err(|e| SheetError(format!("文件已损坏，无法读取（{e}）")))?;
        total = total.saturating_add(part.size());
    }
    if total > limits::UNPACKED_BYTES {
        return Err(SheetError(format!(
            "文件解压后有 {} MB，超过 {} MB 的上限，可能不是正常的表格文件",
            total / (1024 * 1024),
            limits::UNPACKED_BYTES / (1024 * 1024)
        )));
    }
    Ok(())
}

/// A sheet's used range so far: first and last row and column, 0-based.
#[derive(Clone, Copy)]
struct Bounds {
    top: u32,
    left: u32,
    bottom: u32,
    right: u32,
}

impl Bounds {
    fn at((r, c): (u32, u32)) -> Bounds {
        Bounds {
            top: r,
            left: c,
            bottom: r,
            right: c,
        }
    }
    fn with(self, (r, c): (u32, u32)) -> Bounds {
        Bounds {
            top: self.top.min(r),
            left: self.left.min(c),
            bottom: self.bottom.max(r),
            right: self.right.max(c),
        }
    }
    fn rows(self) -> u32 {
        self.bottom - self.top + 1
    }
    fn columns(self) -> u32 {
        self.right - self.left + 1
    }
    fn fits(self) -> bool {
        self.rows() <= limits::ROWS
            && self.columns() <= limits::COLUMNS
            && u64::from(self.rows()) * u64::from(self.columns()) <= limits::CELLS
    }
    fn name(self) -> String {
        format!(
            "{}{}:{}{}",
            column_letter(self.left as usize),
            self.top + 1,
            column_letter(self.right as usize),
            self.bottom + 1
        )
    }
}

/// One sheet, streamed cell by cell: the used range is checked as each cell
/// arrives, and only the cells that hold something are kept until the range
/// is known to be within the limits.
fn read_sheet<RS: std::io::Read + std::io::Seek>(
    book: &mut Xlsx<RS>,
    name: &str,
) -> Result<Table, SheetError> {
    let unreadable = |e: XlsxError| SheetError(format!("无法读取工作表“{name}”：{e}"));
    let mut reader = match book.worksheet_cells_reader(name) {
        Ok(r) => r,
        // A chart sheet holds no table.
        Err(XlsxError::NotAWorksheet(_)) => {
            return Ok(Table {
                sheet: name.to_string(),
                first_col: 0,
                rows: Vec::new(),
            })
        }
        Err(e) => return Err(unreadable(e)),
    };
    let mut bounds: Option<Bounds> = None;
    let mut cells: Vec<((u32, u32), Value)> = Vec::new();
    while let Some(cell) = reader.next_cell().map_err(unreadable)? {
        if matches!(cell.get_value(), DataRef::Empty) {
            continue;
        }
        let pos = cell.get_position();
        let b = bounds.map_or(Bounds::at(pos), |b| b.with(pos));
        // The same cell written twice still counts: nothing unbounded is kept.
        if !b.fits() || cells.len() as u64 >= limits::CELLS {
            return Err(SheetError(format!(
                "工作表“{name}”的数据范围 {}（{} 行 × {} 列）超过导入上限：{}。请删去表格范围以外的内容后再导入",
                b.name(),
                b.rows(),
                b.columns(),
                limits_text()
            )));
        }
        bounds = Some(b);
        let data: Data = cell.get_value().clone().into();
        cells.push((pos, value(&data)));
    }
    let Some(b) = bounds else {
        return Ok(Table {
            sheet: name.to_string(),
            first_col: 0,
            rows: Vec::new(),
        });
    };
    let mut rows: Vec<Row> = (0..b.rows())
        .map(|i| Row {
            number: b.top + i + 1,
            cells: vec![Value::Empty; b.columns() as usize],
        })
        .collect();
    for ((r, c), v) in cells {
        rows[(r - b.top) as usize].cells[(c - b.left) as usize] = v;
    }
    Ok(Table {
        sheet: name.to_string(),
        first_col: b.left as usize,
        rows,
    })
}

/// Every sheet of an `.xlsx` file (as Excel and WPS save it), in tab order.
/// The file's size, its unpacked size and each sheet's used range are
/// checked against [`limits`] before anything is laid out in memory; an old
/// `.xls` or anything else is refused with a Chinese message saying what to do.
pub fn read_workbook(bytes: &[u8]) -> Result<Vec<Table>, SheetError> {
    if bytes.len() > limits::FILE_BYTES {
        return Err(SheetError(format!(
            "文件过大（{:.1} MB），超过 {} MB 的上限",
            bytes.len() as f64 / (1024.0 * 1024.0),
            limits::FILE_BYTES / (1024 * 1024)
        )));
    }
    if !bytes.starts_with(b"PK\x03\x04") {
        return Err(not_xlsx(bytes));
    }
    check_package(bytes)?;
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).map_err(|e| {
        SheetError(format!(
            "无法读取表格文件，请确认是 Excel 或 WPS 保存的 .xlsx 文件（{e}）"
        ))
    })?;
    let mut out = Vec::new();
    for name in book.sheet_names() {
        out.push(read_sheet(&mut book, &name)?);
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
        assert!(e.0.contains("不是 Excel 或 WPS 保存的 .xlsx 文件"), "{e}");
        let e = read_workbook(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]).unwrap_err();
        assert!(e.0.contains("另存为 .xlsx"), "{e}");
    }
}
