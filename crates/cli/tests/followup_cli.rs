//! Issue 14 on the sample data through the real binary: `spec due --date
//! YYYY-MM-DD --json` lists {unit, item, due, status} of the periodic work due
//! on or before the day and not done by it; `stats --json` has
//! `by_dispatch_kind` with the same figures per kind of plan, and
//! `key_tasks_dispatched` counts only tasks of 重点 plans.
mod common;

use common::{cli, ok};
use std::process::Command;

/// Runs on a fixed day, so the sample is dated the same every time.
fn at(dir: &std::path::Path, day: &str, args: &[&str]) -> String {
    let o = Command::new(env!("CARGO_BIN_EXE_diaodu-cli"))
        .arg("--data-dir")
        .arg(dir)
        .arg("--today")
        .arg(day)
        .args(args)
        .env_remove("DIAODU_DATA_DIR")
        .output()
        .unwrap();
    ok(&o)
}

const DAY: &str = "2026-12-04";

#[test]
fn spec_due_lists_work_due_and_not_done() {
    let d = tempfile::tempdir().unwrap();
    at(d.path(), DAY, &["sample", "load"]);
    let out = at(d.path(), DAY, &["spec", "due", "--date", DAY, "--json"]);
    let rows: Vec<serde_json::Value> = serde_json::from_str(&out).unwrap();
    assert!(!rows.is_empty());
    for r in &rows {
        let keys: Vec<&String> = r.as_object().unwrap().keys().collect();
        assert_eq!(keys, ["due", "item", "status", "unit"], "{r}");
        let due = r["due"].as_str().unwrap();
        assert!(due <= DAY, "{r}");
        let status = r["status"].as_str().unwrap();
        assert_eq!(status, if due == DAY { "today" } else { "overdue" }, "{r}");
        assert!(!r["unit"].as_str().unwrap().is_empty());
        assert!(!r["item"].as_str().unwrap().is_empty());
    }
    assert!(rows.iter().any(|r| r["status"] == "overdue"));
    // The same list as the store's, and an earlier day lists only what was
    // due by then.
    let s = diaodu_store::Store::open(d.path()).unwrap();
    let day = chrono::NaiveDate::from_ymd_opt(2026, 12, 4).unwrap();
    assert_eq!(rows.len(), s.spec_due_on(day).unwrap().len());
    let before = at(
        d.path(),
        DAY,
        &["spec", "due", "--date", "2026-11-20", "--json"],
    );
    let before: Vec<serde_json::Value> = serde_json::from_str(&before).unwrap();
    assert!(before
        .iter()
        .all(|r| r["due"].as_str().unwrap() <= "2026-11-20"));
    // A bad date is refused in Chinese.
    let bad = cli(d.path(), &["spec", "due", "--date", "2026-13-01", "--json"]);
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("日期"));
}

#[test]
fn stats_by_dispatch_kind() {
    let d = tempfile::tempdir().unwrap();
    at(d.path(), DAY, &["sample", "load"]);
    let out = at(d.path(), DAY, &["stats", "--year", "2026", "--json"]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let by = v["by_dispatch_kind"].as_object().unwrap();
    let kinds: Vec<&String> = by.keys().collect();
    assert_eq!(kinds, ["daily", "key", "special"]);
    let mut top: Vec<String> = v.as_object().unwrap().keys().cloned().collect();
    top.retain(|k| k != "by_dispatch_kind");
    for (kind, f) in by {
        let mut keys: Vec<String> = f.as_object().unwrap().keys().cloned().collect();
        keys.sort();
        let mut want = top.clone();
        want.sort();
        assert_eq!(keys, want, "{kind}");
    }
    for figure in [
        "dispatch_meetings",
        "notices_issued",
        "orders_issued",
        "feedback_received",
        "supervision_records",
        "reminders_sent",
        "rectifications_opened",
    ] {
        let sum: i64 = by.values().map(|f| f[figure].as_i64().unwrap()).sum();
        assert_eq!(sum, v[figure].as_i64().unwrap(), "{figure}");
    }
    // Only tasks of 重点 plans: the sample's key plan has two dispatched.
    assert_eq!(v["key_tasks_dispatched"], 2);
    assert_eq!(by["key"]["key_tasks_dispatched"], 2);
    assert_eq!(by["key"]["notices_issued"], 2);
}
