//! Drives the real `diaodu-cli` binary.
use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

fn cli(dir: &Path, args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_diaodu-cli"))
        .arg("--data-dir")
        .arg(dir)
        .args(args)
        .env_remove("DIAODU_DATA_DIR")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

fn ok(o: &Output) -> String {
    assert!(
        o.status.success(),
        "stderr: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8(o.stdout.clone()).unwrap()
}

#[test]
fn init_user_sample_export() {
    let d = tempfile::tempdir().unwrap();
    assert!(ok(&cli(d.path(), &["init"], "")).contains("数据库已就绪"));
    assert!(ok(&cli(
        d.path(),
        &["user", "add", "admin", "--role", "管理员"],
        "Admin#2026\n"
    ))
    .contains("管理员"));
    ok(&cli(
        d.path(),
        &["user", "add", "viewer1", "--role", "viewer"],
        "Viewer#2026\n",
    ));

    let dup = cli(
        d.path(),
        &["user", "add", "admin", "--role", "admin"],
        "Admin#2026\n",
    );
    assert!(!dup.status.success());
    assert!(String::from_utf8_lossy(&dup.stderr).contains("已存在"));
    let bad = cli(
        d.path(),
        &["user", "add", "x1", "--role", "boss"],
        "Admin#2026\n",
    );
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("未知角色"));
    let nopw = cli(d.path(), &["user", "add", "x2", "--role", "viewer"], "");
    assert!(!nopw.status.success());

    assert!(ok(&cli(d.path(), &["sample", "load"], "")).contains("示例数据"));
    let again = cli(d.path(), &["sample", "load"], "");
    assert!(!again.status.success());

    let json: serde_json::Value =
        serde_json::from_str(&ok(&cli(d.path(), &["export", "--json"], ""))).unwrap();
    assert_eq!(json["units"].as_array().unwrap().len(), 41);
    // admin, viewer1 and the sample's three dispatcher accounts (for shifts and handovers).
    assert_eq!(json["users"].as_array().unwrap().len(), 5);
    assert!(json["users"][0].get("passwordHash").is_none());
    assert_eq!(json["plans"][0]["tasks"].as_array().unwrap().len(), 44);
    assert!(json["audit"].as_array().unwrap().len() > 100);
}

#[test]
fn backup_and_restore_refuse_foreign_files() {
    let d = tempfile::tempdir().unwrap();
    ok(&cli(
        d.path(),
        &["user", "add", "admin", "--role", "admin"],
        "Admin#2026\n",
    ));
    ok(&cli(d.path(), &["sample", "load"], ""));
    let file = d.path().join("备份.db");
    ok(&cli(
        d.path(),
        &["backup", "--to", file.to_str().unwrap()],
        "",
    ));
    assert!(file.is_file());

    let other = tempfile::tempdir().unwrap();
    ok(&cli(other.path(), &["init"], ""));
    ok(&cli(other.path(), &["restore", file.to_str().unwrap()], ""));
    let json: serde_json::Value =
        serde_json::from_str(&ok(&cli(other.path(), &["export", "--json"], ""))).unwrap();
    assert_eq!(json["units"].as_array().unwrap().len(), 41);

    let junk = d.path().join("junk.db");
    std::fs::write(&junk, "not a database").unwrap();
    let r = cli(other.path(), &["restore", junk.to_str().unwrap()], "");
    assert!(!r.status.success());
    assert!(String::from_utf8_lossy(&r.stderr).contains("不是党建调度台的数据库"));
}

#[test]
fn plan_schedule_prints_one_object_per_task() {
    let d = tempfile::tempdir().unwrap();
    ok(&cli(
        d.path(),
        &["user", "add", "admin", "--role", "admin"],
        "Admin#2026\n",
    ));
    ok(&cli(d.path(), &["sample", "load"], ""));
    let list = ok(&cli(d.path(), &["plan", "list"], ""));
    let id = list.split('\t').next().unwrap().trim().to_string();
    let out = ok(&cli(d.path(), &["plan", "schedule", &id, "--json"], ""));
    let rows: Vec<serde_json::Value> = serde_json::from_str(&out).unwrap();
    assert_eq!(rows.len(), 44);
    for r in &rows {
        for key in [
            "uid",
            "name",
            "early_start",
            "early_finish",
            "late_start",
            "late_finish",
            "total_float",
            "critical",
        ] {
            assert!(r.get(key).is_some(), "{key} missing in {r}");
        }
        assert!(r["early_start"].as_str().unwrap() <= r["early_finish"].as_str().unwrap());
    }
    assert!(rows.iter().any(|r| r["critical"] == true));
    let missing = cli(d.path(), &["plan", "schedule", "999", "--json"], "");
    assert!(!missing.status.success());
    assert!(String::from_utf8_lossy(&missing.stderr).contains("计划不存在"));
}

#[test]
fn mspdi_and_json_export_import_keep_the_schedule() {
    let d = tempfile::tempdir().unwrap();
    ok(&cli(
        d.path(),
        &["user", "add", "admin", "--role", "admin"],
        "Admin#2026\n",
    ));
    ok(&cli(d.path(), &["sample", "load"], ""));
    let id = ok(&cli(d.path(), &["plan", "list"], ""))
        .split('\t')
        .next()
        .unwrap()
        .trim()
        .to_string();
    let schedule = |plan: &str| -> Vec<serde_json::Value> {
        serde_json::from_str(&ok(&cli(
            d.path(),
            &["plan", "schedule", plan, "--json"],
            "",
        )))
        .unwrap()
    };
    let original = schedule(&id);
    for (format, ext) in [("mspdi", "xml"), ("json", "json")] {
        let file = d.path().join(format!("plan.{ext}"));
        ok(&cli(
            d.path(),
            &[
                "plan",
                "export",
                &id,
                "--format",
                format,
                "--out",
                file.to_str().unwrap(),
            ],
            "",
        ));
        let new_id = ok(&cli(
            d.path(),
            &["plan", "import", file.to_str().unwrap()],
            "",
        ))
        .trim()
        .to_string();
        assert_ne!(new_id, id);
        let imported = schedule(&new_id);
        assert_eq!(imported.len(), original.len(), "{format}");
        for (a, b) in original.iter().zip(&imported) {
            for key in [
                "name",
                "early_start",
                "early_finish",
                "late_finish",
                "total_float",
                "critical",
            ] {
                assert_eq!(a[key], b[key], "{format}: {key} of {}", a["name"]);
            }
            // The imported tasks carry the uid they were exported with.
            assert_eq!(
                b["uid"],
                a["id"].to_string().as_str().trim_matches('"'),
                "{format}"
            );
        }
    }
    let bad = d.path().join("bad.xml");
    std::fs::write(&bad, "<Project xmlns=\"http://schemas.microsoft.com/project\"><Tasks><Task><Name>无UID</Name></Task></Tasks></Project>").unwrap();
    let r = cli(d.path(), &["plan", "import", bad.to_str().unwrap()], "");
    assert!(!r.status.success());
    assert!(String::from_utf8_lossy(&r.stderr).contains("UID"));
}

#[test]
fn doc_list_pdf_and_verify() {
    let d = tempfile::tempdir().unwrap();
    ok(&cli(
        d.path(),
        &["user", "add", "admin", "--role", "admin"],
        "Admin#2026\n",
    ));
    ok(&cli(d.path(), &["sample", "load"], ""));
    let docs: Vec<serde_json::Value> =
        serde_json::from_str(&ok(&cli(d.path(), &["doc", "list", "--json"], ""))).unwrap();
    for status in [
        "draft",
        "issued",
        "received",
        "in_progress",
        "completed",
        "withdrawn",
    ] {
        assert!(
            docs.iter()
                .any(|x| x["kind"] == "order" && x["status"] == status),
            "no order {status}"
        );
    }
    assert!(docs.iter().any(|x| x["kind"] == "notice"));
    for x in &docs {
        for key in ["id", "kind", "number", "status"] {
            assert!(x.get(key).is_some());
        }
    }
    let signed = docs
        .iter()
        .find(|x| x["kind"] == "order" && x["status"] == "issued")
        .unwrap();
    let id = signed["id"].to_string();
    let file = d.path().join("order.pdf");
    ok(&cli(
        d.path(),
        &["doc", "pdf", &id, "--out", file.to_str().unwrap()],
        "",
    ));
    let text = std::process::Command::new("pdftotext")
        .args([file.to_str().unwrap(), "-"])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&text.stdout)
        .split_whitespace()
        .collect::<String>();
    let number = signed["number"].as_str().unwrap();
    assert!(text.contains(number), "{number} not in {text}");
    // The code printed on the page verifies.
    let code = text
        .split("验证码")
        .nth(1)
        .map(|r| {
            r.chars()
                .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
                .take(11)
                .collect::<String>()
        })
        .unwrap_or_default();
    assert_eq!(code.len(), 11, "no verification code printed: {text}");
    assert!(ok(&cli(d.path(), &["doc", "verify", &code], "")).contains("真实有效"));
    let unknown = cli(d.path(), &["doc", "verify", "ABCDE-12345"], "");
    assert!(!unknown.status.success());
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("查无此验证码"));
}

#[test]
fn assess_score_json_report_and_bulletin() {
    let d = tempfile::tempdir().unwrap();
    ok(&cli(d.path(), &["init"], ""));
    ok(&cli(d.path(), &["sample", "load"], ""));
    // The sample closes the month three months back; find it from the JSON export of periods.
    let today = std::process::Command::new("date")
        .arg("+%Y-%m")
        .output()
        .unwrap();
    let ym = String::from_utf8(today.stdout).unwrap().trim().to_string();
    let (y, m): (i32, u32) = (ym[..4].parse().unwrap(), ym[5..].parse().unwrap());
    let back = |n: u32| {
        let k = y * 12 + m as i32 - 1 - n as i32;
        format!("{}-{:02}", k / 12, k % 12 + 1)
    };
    let oldest = back(3);
    let out = ok(&cli(
        d.path(),
        &["assess", "score", "--period", &oldest, "--json"],
        "",
    ));
    let rows: serde_json::Value = serde_json::from_str(&out).unwrap();
    let rows = rows.as_array().unwrap();
    assert_eq!(rows.len(), 40, "10 departments and 30 branches");
    for r in rows {
        assert!(
            r["unit"].is_string() && r["score"].is_number() && r["rank"].as_u64().unwrap() >= 1,
            "{r}"
        );
    }
    let ones = rows.iter().filter(|r| r["rank"] == 1).count();
    assert!(ones >= 2, "departments and branches are ranked apart");
    // A closed period refuses more work, in Chinese.
    let again = cli(d.path(), &["assess", "close", "--period", &oldest], "");
    assert!(!again.status.success());
    assert!(String::from_utf8_lossy(&again.stderr).contains("已关闭，结果已冻结"));
    let bad = cli(d.path(), &["assess", "score", "--period", "2026-13"], "");
    assert!(String::from_utf8_lossy(&bad.stderr).contains("格式不正确"));
    // Report set and bulletin.
    let pdf = d.path().join("r.pdf");
    ok(&cli(
        d.path(),
        &[
            "assess",
            "report",
            "--kind",
            "monthly",
            "--period",
            &oldest,
            "--out",
            pdf.to_str().unwrap(),
        ],
        "",
    ));
    assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF"));
    let xlsx = d.path().join("r.xlsx");
    ok(&cli(
        d.path(),
        &[
            "assess",
            "report",
            "--kind",
            "annual",
            "--period",
            &oldest[..4],
            "--out",
            xlsx.to_str().unwrap(),
        ],
        "",
    ));
    assert!(std::fs::read(&xlsx).unwrap().starts_with(b"PK"));
    let b = d.path().join("b.pdf");
    ok(&cli(
        d.path(),
        &[
            "assess",
            "bulletin",
            "--period",
            &oldest,
            "--out",
            b.to_str().unwrap(),
        ],
        "",
    ));
    assert!(ok(&cli(d.path(), &["duty", "now"], "")).contains("带班领导："));
}
