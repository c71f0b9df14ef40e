//! Files written by another program than our writer (openpyxl, see
//! tests/fixtures/make_spec_import.py) read back with their sheets, row
//! numbers, merged title, line-broken header titles and real date cells.
use chrono::NaiveDate;
use diaodu_sheets::{read_workbook, Value};

const FIXTURE: &[u8] = include_bytes!("fixtures/spec-import-openpyxl.xlsx");

#[test]
fn openpyxl_workbook_reads_with_excel_row_numbers() {
    let tables = read_workbook(FIXTURE).unwrap();
    let names: Vec<&str> = tables.iter().map(|t| t.sheet.as_str()).collect();
    assert_eq!(names, ["填表说明", "工作规范"]);

    // The instructions sheet has no such header; the data sheet has.
    let wanted: &[&[&str]] = &[&["编号"], &["工作事项"], &["完成时限"], &["责任单位"]];
    assert!(tables[0].find_header(wanted, 3).is_none());
    let t = &tables[1];
    let h = t
        .find_header(wanted, 3)
        .expect("header found below the title");
    assert_eq!(t.rows[h.row_index].number, 3);
    assert_eq!(h.columns, vec![Some(0), Some(3), Some(10), Some(8)]);

    let row = |n: u32| t.rows.iter().find(|r| r.number == n).expect("row present");
    assert_eq!(row(4).get(0).text(), "DW-101");
    assert_eq!(row(4).get(10).text(), "每月25号");
    assert_eq!(
        row(5).get(12),
        &Value::Date(NaiveDate::from_ymd_opt(2026, 1, 5).unwrap())
    );
    assert!(
        row(8).is_blank(),
        "the blank row is kept as blank, numbering intact"
    );
    assert_eq!(row(17).get(3).text(), "重复编号的事项");
    assert_eq!(t.letter(10), "K");
}
