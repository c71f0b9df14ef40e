//! A report set as an xlsx workbook (written by `diaodu-sheets`): one sheet
//! per section, the same table data as the PDF (title, facts, header row,
//! rows). Right-aligned columns that hold numbers are written as numbers so
//! the office can sum them.
use super::reports::{ReportSection, ReportSet};
use crate::Result;
use diaodu_documents::Align;
use diaodu_domain::CoreError;
use diaodu_sheets::{Cell, Column, Sheet, Workbook};

fn sheet(set: &ReportSet, s: &ReportSection) -> Sheet {
    let columns = &s.table.columns;
    let right = |c: usize| columns.get(c).is_some_and(|col| col.align == Align::Right);
    let mut rows: Vec<Vec<Cell>> = s
        .table
        .rows
        .iter()
        .map(|r| {
            r.iter()
                .enumerate()
                .map(|(c, text)| match text.parse::<f64>() {
                    Ok(n) if right(c) && n.is_finite() => Cell::Number(n),
                    _ => Cell::text(text.clone()),
                })
                .collect()
        })
        .collect();
    if rows.is_empty() && !s.table.empty_text.is_empty() {
        rows.push(vec![Cell::text(s.table.empty_text.clone())]);
    }
    Sheet {
        name: s.heading.clone(),
        title: Some(format!("{}　{}", set.title, s.heading)),
        subtitle: s.facts.iter().map(|(k, v)| format!("{k}：{v}")).collect(),
        columns: columns
            .iter()
            .map(|col| {
                let width = f64::from(col.weight * 9.0).clamp(6.0, 60.0);
                let align = match col.align {
                    Align::Right => diaodu_sheets::Align::Right,
                    Align::Center => diaodu_sheets::Align::Center,
                    Align::Left => diaodu_sheets::Align::Left,
                };
                Column {
                    align,
                    ..Column::new(col.title.clone(), width)
                }
            })
            .collect(),
        rows,
        landscape: columns.len() > 6,
    }
}

pub fn report_xlsx(set: &ReportSet) -> Result<Vec<u8>> {
    let book = Workbook {
        sheets: set.sections.iter().map(|s| sheet(set, s)).collect(),
    };
    diaodu_sheets::write_xlsx(&book).map_err(|e| CoreError::internal(e.0))
}
