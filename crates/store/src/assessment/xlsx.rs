//! A report set as an xlsx workbook: one sheet per section, the same table
//! data as the PDF (title, facts, header row, rows). Right-aligned columns
//! that hold numbers are written as numbers so the office can sum them.
use super::reports::ReportSet;
use crate::Result;
use diaodu_documents::Align;
use diaodu_domain::CoreError;
use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Workbook, XlsxError};

fn err(e: XlsxError) -> CoreError {
    CoreError::internal(format!("生成Excel文件失败：{e}"))
}

/// Sheet names: at most 31 characters, none of `[]:*?/\`, unique.
fn sheet_name(heading: &str, used: &mut Vec<String>) -> String {
    let clean: String = heading
        .chars()
        .filter(|c| !matches!(c, '[' | ']' | ':' | '*' | '?' | '/' | '\\'))
        .take(28)
        .collect();
    let mut name = if clean.is_empty() {
        "表".to_string()
    } else {
        clean
    };
    let mut n = 2;
    while used.contains(&name) {
        name = format!("{}{n}", name.chars().take(28).collect::<String>());
        n += 1;
    }
    used.push(name.clone());
    name
}

pub fn report_xlsx(set: &ReportSet) -> Result<Vec<u8>> {
    let mut book = Workbook::new();
    let title = Format::new().set_bold().set_font_size(14);
    let fact = Format::new().set_font_color("#555555");
    let head = Format::new()
        .set_bold()
        .set_background_color("#E8E8E8")
        .set_border(FormatBorder::Thin)
        .set_align(FormatAlign::Center);
    let cell = Format::new().set_border(FormatBorder::Thin).set_text_wrap();
    let number = Format::new()
        .set_border(FormatBorder::Thin)
        .set_align(FormatAlign::Right);
    let mut used = Vec::new();
    for s in &set.sections {
        let sheet = book.add_worksheet();
        sheet
            .set_name(sheet_name(&s.heading, &mut used))
            .map_err(err)?;
        sheet
            .write_string_with_format(0, 0, format!("{}　{}", set.title, s.heading), &title)
            .map_err(err)?;
        let mut row: u32 = 1;
        for (k, v) in &s.facts {
            sheet
                .write_string_with_format(row, 0, format!("{k}：{v}"), &fact)
                .map_err(err)?;
            row += 1;
        }
        row += 1;
        for (c, col) in s.table.columns.iter().enumerate() {
            let c = c as u16;
            sheet
                .write_string_with_format(row, c, &col.title, &head)
                .map_err(err)?;
            sheet
                .set_column_width(c, (col.weight * 9.0).clamp(6.0, 60.0))
                .map_err(err)?;
        }
        sheet.set_freeze_panes(row + 1, 0).map_err(err)?;
        for r in &s.table.rows {
            row += 1;
            for (c, text) in r.iter().enumerate() {
                let right = s
                    .table
                    .columns
                    .get(c)
                    .is_some_and(|col| col.align == Align::Right);
                match text.parse::<f64>() {
                    Ok(n) if right => {
                        sheet
                            .write_number_with_format(row, c as u16, n, &number)
                            .map_err(err)?;
                    }
                    _ => {
                        sheet
                            .write_string_with_format(row, c as u16, text, &cell)
                            .map_err(err)?;
                    }
                }
            }
        }
        if s.table.rows.is_empty() && !s.table.empty_text.is_empty() {
            sheet
                .write_string(row + 1, 0, &s.table.empty_text)
                .map_err(err)?;
        }
    }
    book.save_to_buffer().map_err(err)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sheet_names_are_legal_and_unique() {
        let mut used = Vec::new();
        assert_eq!(sheet_name("热线电话", &mut used), "热线电话");
        assert_eq!(sheet_name("热线电话", &mut used), "热线电话2");
        assert_eq!(sheet_name("a/b:c", &mut used), "abc");
        let long = "一".repeat(40);
        assert!(sheet_name(&long, &mut used).chars().count() <= 31);
    }
}
