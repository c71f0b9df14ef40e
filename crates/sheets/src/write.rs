//! Workbooks as a clerk keeps them (see the crate docs).
use crate::SheetError;
use chrono::NaiveDate;
use rust_xlsxwriter::{
    Color, DocProperties, Format, FormatAlign, FormatBorder, Workbook as XlsxBook, Worksheet,
};

/// One cell's value.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Empty,
    Text(String),
    Number(f64),
    /// A fraction (0.875) shown as a percentage (87.5%), still a number to
    /// Excel so the office can sort and average it.
    Percent(f64),
    Date(NaiveDate),
}

impl Cell {
    pub fn text(s: impl Into<String>) -> Cell {
        Cell::Text(s.into())
    }
    /// A date, or an empty cell for none.
    pub fn date(d: Option<NaiveDate>) -> Cell {
        d.map_or(Cell::Empty, Cell::Date)
    }
    pub fn int(n: i64) -> Cell {
        Cell::Number(n as f64)
    }
}

/// Horizontal alignment of a column's cells.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Align {
    #[default]
    Left,
    Center,
    Right,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    pub title: String,
    /// Width in Excel's character units (a Chinese character is about 2).
    pub width: f64,
    pub align: Align,
}

impl Column {
    pub fn new(title: impl Into<String>, width: f64) -> Column {
        Column {
            title: title.into(),
            width,
            align: Align::Left,
        }
    }
    pub fn centered(title: impl Into<String>, width: f64) -> Column {
        Column {
            align: Align::Center,
            ..Column::new(title, width)
        }
    }
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Sheet {
    /// The tab's name; cut to Excel's 31 characters, `[]:*?/\` replaced.
    pub name: String,
    /// A title row above the table, merged across its columns.
    pub title: Option<String>,
    /// Lines under the title: unit, period, export time.
    pub subtitle: Vec<String>,
    pub columns: Vec<Column>,
    pub rows: Vec<Vec<Cell>>,
    /// Print across the page (wide tables).
    pub landscape: bool,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Workbook {
    pub sheets: Vec<Sheet>,
}

fn err(e: rust_xlsxwriter::XlsxError) -> SheetError {
    SheetError(format!("无法生成 Excel 文件：{e}"))
}

const FONT: &str = "宋体";
/// A4 in Excel's paper size codes.
const A4: u8 = 9;

struct Formats {
    title: Format,
    subtitle: Format,
    header: Format,
    cells: [Format; 3],
    dates: Format,
    numbers: Format,
    percents: Format,
}

fn formats() -> Formats {
    let base = Format::new()
        .set_font_name(FONT)
        .set_font_size(10.5)
        .set_border(FormatBorder::Thin)
        .set_border_color(Color::RGB(0x80_80_80))
        .set_align(FormatAlign::VerticalCenter)
        .set_text_wrap();
    Formats {
        title: Format::new()
            .set_font_name(FONT)
            .set_font_size(16)
            .set_bold()
            .set_align(FormatAlign::Center)
            .set_align(FormatAlign::VerticalCenter),
        subtitle: Format::new().set_font_name(FONT).set_font_size(10.5),
        header: base
            .clone()
            .set_bold()
            .set_background_color(Color::RGB(0xE7_EC_F3))
            .set_align(FormatAlign::Center),
        cells: [
            base.clone().set_align(FormatAlign::Left),
            base.clone().set_align(FormatAlign::Center),
            base.clone().set_align(FormatAlign::Right),
        ],
        dates: base
            .clone()
            .set_align(FormatAlign::Center)
            .set_num_format("yyyy-mm-dd"),
        numbers: base
            .clone()
            .set_align(FormatAlign::Right)
            .set_num_format("0"),
        percents: base.set_align(FormatAlign::Right).set_num_format("0.0%"),
    }
}

fn tab_name(name: &str, index: usize) -> String {
    let cleaned: String = name
        .chars()
        .map(|c| if "[]:*?/\\".contains(c) { '-' } else { c })
        .take(31)
        .collect();
    let cleaned = cleaned.trim_matches('\'').trim().to_string();
    if cleaned.is_empty() {
        format!("Sheet{}", index + 1)
    } else {
        cleaned
    }
}

fn write_sheet(
    ws: &mut Worksheet,
    sheet: &Sheet,
    f: &Formats,
    index: usize,
) -> Result<(), SheetError> {
    ws.set_name(tab_name(&sheet.name, index)).map_err(err)?;
    let ncols = sheet.columns.len().max(1) as u16;
    let mut row: u32 = 0;
    if let Some(title) = &sheet.title {
        if ncols > 1 {
            ws.merge_range(row, 0, row, ncols - 1, title, &f.title)
                .map_err(err)?;
        } else {
            ws.write_string_with_format(row, 0, title, &f.title)
                .map_err(err)?;
        }
        ws.set_row_height(row, 30).map_err(err)?;
        row += 1;
    }
    for line in &sheet.subtitle {
        if ncols > 1 {
            ws.merge_range(row, 0, row, ncols - 1, line, &f.subtitle)
                .map_err(err)?;
        } else {
            ws.write_string_with_format(row, 0, line, &f.subtitle)
                .map_err(err)?;
        }
        row += 1;
    }
    let header = row;
    for (c, col) in sheet.columns.iter().enumerate() {
        let c = c as u16;
        ws.write_string_with_format(header, c, &col.title, &f.header)
            .map_err(err)?;
        ws.set_column_width(c, col.width).map_err(err)?;
    }
    ws.set_row_height(header, 22).map_err(err)?;
    for (r, cells) in sheet.rows.iter().enumerate() {
        let r = header + 1 + r as u32;
        for (c, col) in sheet.columns.iter().enumerate() {
            let text_format = &f.cells[col.align as usize];
            let c16 = c as u16;
            match cells.get(c).unwrap_or(&Cell::Empty) {
                Cell::Empty => ws.write_blank(r, c16, text_format).map(|_| ()),
                Cell::Text(s) => ws
                    .write_string_with_format(r, c16, s, text_format)
                    .map(|_| ()),
                Cell::Number(n) => {
                    let format = if n.fract() == 0.0 {
                        &f.numbers
                    } else {
                        text_format
                    };
                    ws.write_number_with_format(r, c16, *n, format).map(|_| ())
                }
                Cell::Percent(p) => ws
                    .write_number_with_format(r, c16, *p, &f.percents)
                    .map(|_| ()),
                Cell::Date(d) => ws
                    .write_datetime_with_format(r, c16, d, &f.dates)
                    .map(|_| ()),
            }
            .map_err(err)?;
        }
    }
    let last = header + sheet.rows.len() as u32;
    if !sheet.columns.is_empty() {
        ws.set_freeze_panes(header + 1, 0).map_err(err)?;
        ws.autofilter(header, 0, last, ncols - 1).map_err(err)?;
        ws.set_repeat_rows(0, header).map_err(err)?;
    }
    ws.set_paper_size(A4);
    if sheet.landscape {
        ws.set_landscape();
    }
    ws.set_print_fit_to_pages(1, 0);
    ws.set_print_center_horizontally(true);
    ws.set_margins(0.5, 0.5, 0.6, 0.6, 0.3, 0.3);
    ws.set_footer("&C第 &P 页，共 &N 页");
    Ok(())
}

/// The workbook as `.xlsx` bytes.
pub fn write_xlsx(book: &Workbook) -> Result<Vec<u8>, SheetError> {
    let mut xlsx = XlsxBook::new();
    let props = DocProperties::new().set_title(
        book.sheets
            .first()
            .and_then(|s| s.title.clone())
            .unwrap_or_default(),
    );
    xlsx.set_properties(&props);
    let f = formats();
    if book.sheets.is_empty() {
        xlsx.add_worksheet();
    }
    let mut used: Vec<String> = Vec::new();
    for (i, sheet) in book.sheets.iter().enumerate() {
        // Excel refuses two tabs of the same name (case-insensitively).
        let mut s = sheet.clone();
        let base = tab_name(&s.name, i);
        s.name = base.clone();
        let mut n = 2;
        while used
            .iter()
            .any(|u| u.to_lowercase() == s.name.to_lowercase())
        {
            let suffix = format!("({n})");
            s.name = format!(
                "{}{suffix}",
                base.chars()
                    .take(31 - suffix.chars().count())
                    .collect::<String>()
            );
            n += 1;
        }
        used.push(s.name.clone());
        let ws = xlsx.add_worksheet();
        write_sheet(ws, &s, &f, i)?;
    }
    xlsx.save_to_buffer().map_err(err)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tab_names_are_made_acceptable_to_excel() {
        assert_eq!(tab_name("2026/03 漏项", 0), "2026-03 漏项");
        assert_eq!(tab_name("", 2), "Sheet3");
        assert_eq!(tab_name(&"长".repeat(40), 0).chars().count(), 31);
    }

    #[test]
    fn duplicate_tab_names_get_a_number() {
        let sheet = |name: &str| Sheet {
            name: name.into(),
            columns: vec![Column::new("a", 10.0)],
            ..Default::default()
        };
        let bytes = write_xlsx(&Workbook {
            sheets: vec![sheet("清单"), sheet("清单")],
        })
        .unwrap();
        let tables = crate::read_workbook(&bytes).unwrap();
        let names: Vec<&str> = tables.iter().map(|t| t.sheet.as_str()).collect();
        assert_eq!(names, ["清单", "清单(2)"]);
    }

    #[test]
    fn percentages_stay_numbers() {
        let bytes = write_xlsx(&Workbook {
            sheets: vec![Sheet {
                name: "按时率".into(),
                columns: vec![Column::new("单位", 10.0), Column::new("按时率", 8.0)],
                rows: vec![vec![Cell::text("一支部"), Cell::Percent(0.875)]],
                ..Default::default()
            }],
        })
        .unwrap();
        let tables = crate::read_workbook(&bytes).unwrap();
        assert_eq!(tables[0].rows[1].get(1), &crate::Value::Number(0.875));
    }
}
