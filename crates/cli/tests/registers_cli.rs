//! The registers through the real `diaodu-cli` binary on the sample data:
//! visits and emergencies in the annual figures, the emergency report as
//! PDF, the archive's search and a file archived from the command line.
mod common;

use common::{cli, ok};
use std::process::Output;

fn json(o: &Output) -> serde_json::Value {
    serde_json::from_str(&ok(o)).unwrap()
}

#[test]
fn registers_on_the_sample_data() {
    let d = tempfile::tempdir().unwrap();
    ok(&cli(d.path(), &["init"]));
    ok(&cli(d.path(), &["sample", "load"]));
    let year = chrono::Local::now().format("%Y").to_string();

    // The annual figures count what the registers hold.
    let stats = json(&cli(d.path(), &["stats", "--year", &year, "--json"]));
    let visits = json(&cli(
        d.path(),
        &["visit", "list", "--year", &year, "--json"],
    ));
    let visits = visits.as_array().unwrap();
    assert_eq!(stats["assistance_visits"], visits.len());
    let raised: usize = visits
        .iter()
        .map(|v| v["problems"].as_array().unwrap().len())
        .sum();
    assert_eq!(stats["visit_problems_raised"], raised);
    assert!(stats["visit_problems_solved"].as_i64().unwrap() > 0);
    let events = json(&cli(
        d.path(),
        &["emergency", "list", "--year", &year, "--json"],
    ));
    let events = events.as_array().unwrap();
    assert_eq!(stats["emergency_events"], events.len());
    let closed = events.iter().filter(|e| e["status"] == "closed").count();
    assert_eq!(stats["emergencies_closed"], closed);

    // The report of one event, as a PDF.
    let pdf = d.path().join("应急事件.pdf");
    let id = events[0]["id"].to_string();
    ok(&cli(
        d.path(),
        &["emergency", "pdf", &id, "--out", pdf.to_str().unwrap()],
    ));
    assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF"));
    let out = d.path().join("x.pdf");
    let bad = cli(
        d.path(),
        &[
            "emergency",
            "pdf",
            "--out",
            out.to_str().unwrap(),
            "--",
            "-5",
        ],
    );
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("编号不正确"));

    // The archive: Chinese words of titles and numbers.
    let found = json(&cli(d.path(), &["archive", "search", "专项行动", "--json"]));
    assert_eq!(found.as_array().unwrap().len(), 3);
    assert!(found.as_array().unwrap()[0]["citedBy"]
        .as_array()
        .unwrap()
        .iter()
        .any(|p| p["title"].as_str().unwrap().contains("专项行动")));
    let rules = json(&cli(
        d.path(),
        &["archive", "search", "--kind", "rule", "--json"],
    ));
    assert_eq!(rules.as_array().unwrap().len(), 3);
    let file = d.path().join("信息上报制度.txt");
    std::fs::write(&file, "信息上报制度（试行）").unwrap();
    ok(&cli(
        d.path(),
        &[
            "archive",
            "add",
            file.to_str().unwrap(),
            "--title",
            "信息上报制度",
            "--kind",
            "rule",
            "--number",
            "晋源党发〔2026〕9号",
            "--date",
            "2026-02-01",
        ],
    ));
    let found = json(&cli(
        d.path(),
        &["archive", "search", "〔2026〕9号", "--json"],
    ));
    assert_eq!(found[0]["title"], "信息上报制度");
    let future = cli(
        d.path(),
        &[
            "archive",
            "add",
            file.to_str().unwrap(),
            "--title",
            "x",
            "--date",
            "2100-01-01",
        ],
    );
    assert!(!future.status.success());
    assert!(String::from_utf8_lossy(&future.stderr).contains("不能晚于今天"));

    let duties = json(&cli(d.path(), &["duties", "list", "--json"]));
    assert!(duties
        .as_array()
        .unwrap()
        .iter()
        .any(|x| x["post"] == "调度员" && x["personName"].is_string()));
}
