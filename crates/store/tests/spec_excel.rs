//! Importing the specification from an xlsx written by another program
//! (openpyxl; see crates/sheets/tests/fixtures/make_spec_import.py) with
//! bad rows reported by row and column and not written; exporting the
//! catalogue and the period tables, and the export importing back unchanged.
mod common;
use diaodu_sheets::{read_workbook, write_xlsx, Value};
use diaodu_store::{SpecFilter, Store, UnitInput, WorkbookRequest};

const FIXTURE: &[u8] = include_bytes!("../../sheets/tests/fixtures/spec-import-openpyxl.xlsx");

fn setup() -> (tempfile::TempDir, Store, diaodu_store::Actor) {
    let (dir, mut s, admin) = common::admin_store();
    let committee = s
        .create_unit(
            &admin,
            &UnitInput {
                name: "晋源煤矿党委".into(),
                kind: "committee".into(),
                ..Default::default()
            },
        )
        .unwrap()
        .id;
    for (name, kind) in [
        ("党委组织部", "department"),
        ("党委宣传部", "department"),
        ("纪委办公室", "department"),
        ("工会", "department"),
        ("综采一队党支部", "branch"),
        ("机电科党支部", "branch"),
    ] {
        s.create_unit(
            &admin,
            &UnitInput {
                name: name.into(),
                kind: kind.into(),
                parent_id: Some(committee),
                ..Default::default()
            },
        )
        .unwrap();
    }
    (dir, s, admin)
}

#[test]
fn preview_reports_each_bad_cell_and_writes_nothing() {
    let (_d, s, _admin) = setup();
    let audit_before = s.list_audit(&Default::default()).unwrap().total;
    let tables = read_workbook(FIXTURE).unwrap();
    let p = s.preview_spec_import(&tables).unwrap();
    assert_eq!(p.sheet, "工作规范");
    assert_eq!(p.header_row, 3);
    assert_eq!(
        (p.creates, p.updates, p.unchanged, p.error_rows),
        (7, 0, 0, 6),
        "{:#?}",
        p.errors
    );
    let errs: Vec<(u32, &str, &str)> = p
        .errors
        .iter()
        .map(|e| (e.row, e.column.as_str(), e.column_title.as_str()))
        .collect();
    assert_eq!(
        errs,
        vec![
            (12, "I", "责任单位"),
            (13, "K", "完成时限"),
            (14, "J", "周期"),
            (15, "D", "工作事项"),
            (16, "B", "适用范围"),
            (17, "A", "编号")
        ]
    );
    let reason = |row: u32| {
        p.errors
            .iter()
            .find(|e| e.row == row)
            .unwrap()
            .reason
            .clone()
    };
    assert!(
        reason(12).contains("找不到单位“不存在的部门”"),
        "{}",
        reason(12)
    );
    assert!(
        reason(13).contains("无法识别完成时限“月底”"),
        "{}",
        reason(13)
    );
    assert!(reason(14).contains("不符"), "{}", reason(14));
    assert!(reason(15).contains("工作事项不能为空"), "{}", reason(15));
    assert!(reason(16).contains("车间"), "{}", reason(16));
    assert!(reason(17).contains("与第4行重复"), "{}", reason(17));
    assert_eq!(p.rows.len(), 13, "the blank row 8 is skipped");
    assert!(p
        .rows
        .iter()
        .filter(|r| r.row >= 12)
        .all(|r| r.action == "error"));
    // Nothing was written.
    assert!(s
        .list_spec_items(&SpecFilter {
            include_retired: true,
            ..Default::default()
        })
        .unwrap()
        .is_empty());
    assert_eq!(
        s.list_audit(&Default::default()).unwrap().total,
        audit_before
    );
}

#[test]
fn import_writes_the_good_rows_only_and_again_changes_nothing() {
    let (_d, mut s, admin) = setup();
    let tables = read_workbook(FIXTURE).unwrap();
    let r = s.apply_spec_import(&admin, &tables, "规范.xlsx").unwrap();
    assert_eq!((r.created, r.updated, r.unchanged, r.skipped), (7, 0, 0, 6));
    assert_eq!(r.errors.len(), 6);
    let items = s.list_spec_items(&SpecFilter::default()).unwrap();
    let codes: Vec<&str> = items.iter().map(|i| i.code.as_str()).collect();
    assert_eq!(
        codes,
        ["DW-101", "DW-102", "DW-103", "DW-104", "ZB-101", "ZB-102", "ZB-103"]
    );
    let study = items.iter().find(|i| i.code == "DW-102").unwrap();
    assert_eq!(study.unit_names, ["党委宣传部", "党委组织部"]);
    assert_eq!(study.due_text, "每季度首月10日前");
    assert_eq!(
        items.iter().find(|i| i.code == "DW-101").unwrap().due_text,
        "每月25日前"
    );
    assert_eq!(
        items.iter().find(|i| i.code == "ZB-102").unwrap().due_text,
        "每周五"
    );
    let daily = items.iter().find(|i| i.code == "ZB-103").unwrap();
    assert_eq!(
        (daily.title.as_str(), daily.cycle.as_str()),
        ("每日调度信息报送", "day")
    );
    assert!(items.iter().all(|i| i.title != "重复编号的事项"));

    let again = s.apply_spec_import(&admin, &tables, "规范.xlsx").unwrap();
    assert_eq!((again.created, again.updated, again.unchanged), (0, 0, 7));
    assert_eq!(s.list_spec_items(&SpecFilter::default()).unwrap().len(), 7);
    let audit = s
        .list_audit(&diaodu_store::AuditFilter {
            action: Some("import".into()),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(audit.total, 2);
    assert!(audit.rows[0].summary.contains("跳过有错误的 6 行"));
}

#[test]
fn exported_catalogue_imports_back_unchanged_and_an_edited_cell_makes_a_version() {
    let (_d, mut s, admin) = setup();
    s.apply_spec_import(&admin, &read_workbook(FIXTURE).unwrap(), "规范.xlsx")
        .unwrap();
    let (name, book) = s
        .spec_workbook(&WorkbookRequest {
            kind: "catalogue".into(),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(name, "工作规范.xlsx");
    let bytes = write_xlsx(&book).unwrap();
    let mut tables = read_workbook(&bytes).unwrap();
    let p = s.preview_spec_import(&tables).unwrap();
    assert_eq!(
        (p.creates, p.updates, p.unchanged, p.error_rows),
        (0, 0, 7, 0),
        "{:#?}",
        p.errors
    );

    // A clerk changes one due rule in Excel.
    let t = &mut tables[0];
    let header = t
        .rows
        .iter()
        .position(|r| r.cells.iter().any(|c| c.text() == "完成时限"))
        .unwrap();
    let due_col = t.rows[header]
        .cells
        .iter()
        .position(|c| c.text() == "完成时限")
        .unwrap();
    let row = t
        .rows
        .iter_mut()
        .find(|r| r.get(0).text() == "DW-101")
        .unwrap();
    row.cells[due_col] = Value::Text("每月20日前".into());
    let r = s
        .apply_spec_import(&admin, &tables, "工作规范.xlsx")
        .unwrap();
    assert_eq!((r.created, r.updated, r.unchanged), (0, 1, 6));
    let item = s
        .list_spec_items(&SpecFilter {
            text: Some("DW-101".into()),
            ..Default::default()
        })
        .unwrap()
        .remove(0);
    assert_eq!((item.version, item.due_text.as_str()), (2, "每月20日前"));
}

#[test]
fn period_tables_export_with_their_rows() {
    let (_d, mut s, admin) = setup();
    s.apply_spec_import(&admin, &read_workbook(FIXTURE).unwrap(), "规范.xlsx")
        .unwrap();
    let period = "2026-03";
    let g = s.generate_spec_period(&admin, period).unwrap();
    let unit = s
        .list_units(false)
        .unwrap()
        .into_iter()
        .find(|u| u.name == "综采一队党支部")
        .unwrap()
        .id;

    let (name, book) = s
        .spec_workbook(&WorkbookRequest {
            kind: "overview".into(),
            period: period.into(),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(name, "2026年3月党建工作清单.xlsx");
    let t = read_workbook(&write_xlsx(&book).unwrap()).unwrap();
    assert_eq!(t.len(), 2);
    let items = s.spec_overview(period).unwrap().items.len();
    assert_eq!(
        t[0].rows.len(),
        3 + items,
        "title, subtitle, header and one row per item"
    );
    assert_eq!(t[0].rows[0].get(0).text(), "2026年3月党建工作清单");

    let (name, book) = s
        .spec_workbook(&WorkbookRequest {
            kind: "checklist".into(),
            period: period.into(),
            unit_id: Some(unit),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(name, "综采一队党支部-2026年3月工作清单.xlsx");
    let t = read_workbook(&write_xlsx(&book).unwrap()).unwrap();
    let n = s.spec_checklist(unit, period).unwrap().total;
    assert_eq!(t[0].rows.len(), 3 + n);
    // Due dates are real dates in the sheet.
    assert!(
        matches!(t[0].rows[3].get(6), Value::Date(_)),
        "{:?}",
        t[0].rows[3].get(6)
    );

    let (name, book) = s
        .spec_workbook(&WorkbookRequest {
            kind: "omissions".into(),
            period: period.into(),
            as_of: Some("2026-04-01".into()),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(name, "2026年3月漏项报告.xlsx");
    let t = read_workbook(&write_xlsx(&book).unwrap()).unwrap();
    // Nothing was ticked: every instance of March is an omission by April 1st.
    assert_eq!(t[0].rows.len() as i64, 3 + g.total);
    assert_eq!(t[1].sheet, "单位汇总");
}
