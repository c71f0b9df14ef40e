//! `diaodu-cli spec …` through the real binary: generate prints how many
//! instances were created (and nothing the second time), omissions print one
//! JSON object per omission with unit, item and due date, import previews
//! without writing and applies with --apply, export writes an xlsx.
mod common;

use common::{cli, ok};
use std::path::Path;

/// The number after 新增 in "2026年3月：新增 N 项，该期共 M 项".
fn created(out: &str) -> usize {
    let after = out.split("新增 ").nth(1).expect("新增 in the output");
    after
        .split(' ')
        .next()
        .and_then(|n| n.parse().ok())
        .expect("a number")
}

#[test]
fn generate_and_omissions() {
    let d = tempfile::tempdir().unwrap();
    ok(&cli(d.path(), &["sample", "load"]));
    // A month the sample did not generate.
    let period = "2025-03";
    let first = ok(&cli(d.path(), &["spec", "generate", "--period", period]));
    assert!(first.starts_with("2025年3月："), "{first}");
    let n = created(&first);
    assert!(n > 1000, "{first}");
    assert_eq!(
        created(&ok(&cli(
            d.path(),
            &["spec", "generate", "--period", period]
        ))),
        0
    );
    // A dekad inside it is complete already; a bad period is refused in Chinese.
    assert_eq!(
        created(&ok(&cli(
            d.path(),
            &["spec", "generate", "--period", "2025-03-D2"]
        ))),
        0
    );
    let bad = cli(d.path(), &["spec", "generate", "--period", "2025-13"]);
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("月份“13”不正确"));

    // Nothing of March 2025 was ticked: every instance is an omission.
    let json = ok(&cli(
        d.path(),
        &["spec", "omissions", "--period", period, "--json"],
    ));
    let rows: serde_json::Value = serde_json::from_str(&json).unwrap();
    let rows = rows.as_array().unwrap();
    assert_eq!(rows.len(), n);
    for r in rows {
        assert!(r["unit"].as_str().is_some_and(|s| !s.is_empty()), "{r}");
        assert!(r["item"].as_str().is_some_and(|s| !s.is_empty()), "{r}");
        let due = r["due"].as_str().unwrap();
        assert!(
            due.starts_with("2025-03-") || due.starts_with("2025-04-"),
            "{due}"
        );
    }
    // One unit, as of a day in the middle of the month.
    let json = ok(&cli(
        d.path(),
        &[
            "spec",
            "omissions",
            "--period",
            period,
            "--unit",
            "综采一队党支部",
            "--as-of",
            "2025-03-15",
            "--json",
        ],
    ));
    let rows: Vec<serde_json::Value> = serde_json::from_str(&json).unwrap();
    assert!(!rows.is_empty());
    assert!(rows
        .iter()
        .all(|r| r["unit"] == "综采一队党支部" && r["due"].as_str().unwrap() < "2025-03-15"));
}

#[test]
fn import_previews_then_applies_and_export_writes_xlsx() {
    let d = tempfile::tempdir().unwrap();
    ok(&cli(d.path(), &["sample", "load"]));
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../sheets/tests/fixtures/spec-import-openpyxl.xlsx");
    let fixture = fixture.to_str().unwrap();
    let preview = ok(&cli(d.path(), &["spec", "import", fixture]));
    assert!(preview.contains("第12行 I列（责任单位）"), "{preview}");
    assert!(preview.contains("预览（未写入）：新增 7"), "{preview}");
    let before = ok(&cli(d.path(), &["spec", "list"])).lines().count();
    assert_eq!(before, 122);
    let applied = ok(&cli(d.path(), &["spec", "import", fixture, "--apply"]));
    assert!(applied.contains("已导入：新增 7"), "{applied}");
    assert_eq!(ok(&cli(d.path(), &["spec", "list"])).lines().count(), 129);

    let out = d.path().join("规范.xlsx");
    ok(&cli(
        d.path(),
        &["spec", "export", "--out", out.to_str().unwrap()],
    ));
    let bytes = std::fs::read(&out).unwrap();
    let tables = diaodu_sheets::read_workbook(&bytes).unwrap();
    assert_eq!(tables[0].rows.len(), 3 + 129);
}

#[test]
fn a_workbook_with_a_huge_range_is_refused_in_chinese_not_aborted() {
    // Before the limits, calamine laid this 6 KB file out as 17 billion
    // cells and the process aborted (exit 134).
    let d = tempfile::tempdir().unwrap();
    ok(&cli(d.path(), &["init"]));
    let file = d.path().join("规范（A1到XFD1048576）.xlsx");
    std::fs::write(&file, diaodu_sheets::test_files::corner_to_corner()).unwrap();
    let r = cli(d.path(), &["spec", "import", file.to_str().unwrap()]);
    assert_eq!(r.status.code(), Some(1), "{r:?}");
    let err = String::from_utf8_lossy(&r.stderr);
    assert!(
        err.contains("无法读取“规范（A1到XFD1048576）.xlsx”")
            && err.contains("A1:XFD1048576")
            && err.contains("最多 65536 行、256 列"),
        "{err}"
    );
    // An old .xls, and a file past the size limit (sparse: nothing is read).
    let xls = d.path().join("旧表.xls");
    std::fs::write(&xls, [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]).unwrap();
    let r = cli(d.path(), &["spec", "import", xls.to_str().unwrap()]);
    assert!(String::from_utf8_lossy(&r.stderr).contains("另存为 .xlsx"));
    let big = d.path().join("大表.xlsx");
    std::fs::File::create(&big)
        .unwrap()
        .set_len(diaodu_store::files::MAX_SHEET_FILE_BYTES as u64 + 1)
        .unwrap();
    let r = cli(d.path(), &["spec", "import", big.to_str().unwrap()]);
    assert!(
        String::from_utf8_lossy(&r.stderr).contains("文件“大表.xlsx”过大"),
        "{r:?}"
    );
}
