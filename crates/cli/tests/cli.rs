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
    // Every area's records are in the export.
    for key in ["documents", "meetings", "supervisionRecords", "summaries"] {
        assert!(
            !json[key].as_array().unwrap().is_empty(),
            "{key} in the export"
        );
    }
    assert!(!json["closedLoop"].is_null() && !json["spec"].is_null());
    for table in [
        "assessment_rule",
        "hotline_call",
        "inspection_finding",
        "handover",
    ] {
        assert!(
            !json["assessment"][table].as_array().unwrap().is_empty(),
            "{table} in the export"
        );
    }
}

#[test]
fn backup_and_restore_refuse_foreign_files() {
    let d = tempfile::tempdir().unwrap();
    ok(&cli(
        d.path(),
        &["user", "add", "admin", "--role", "admin"],
        "Admin#2026\n",
    ));
    let loaded = ok(&cli(d.path(), &["sample", "load"], ""));
    assert!(
        loaded.contains("示例调度员账号 diaodu1、") && loaded.contains("已停用且没有可用密码"),
        "{loaded}"
    );
    let png = d.path().join("公章.png");
    std::fs::write(&png, diaodu_documents::sample::seal_png()).unwrap();
    ok(&cli(d.path(), &["doc", "seal", png.to_str().unwrap()], ""));
    let file = d.path().join("备份.db");
    let saved = ok(&cli(
        d.path(),
        &["backup", "--to", file.to_str().unwrap()],
        "",
    ));
    assert!(saved.contains("公文设置文件 1 个"), "{saved}");
    assert!(file.is_file());

    // Another data directory gets the database and the seal image back.
    let other = tempfile::tempdir().unwrap();
    ok(&cli(other.path(), &["init"], ""));
    let restored = ok(&cli(other.path(), &["restore", file.to_str().unwrap()], ""));
    assert!(
        restored.contains("公文设置文件（印章、字体）：恢复 1 个"),
        "{restored}"
    );
    assert_eq!(
        std::fs::read(other.path().join("documents").join("seal.png")).unwrap(),
        diaodu_documents::sample::seal_png()
    );
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
    // A plan file past the limit is refused by its size, before it is read
    // or parsed (sparse: 65 MB on paper, nothing written).
    let big = d.path().join("大计划.xml");
    std::fs::File::create(&big)
        .unwrap()
        .set_len(diaodu_store::files::MAX_PLAN_FILE_BYTES as u64 + 1)
        .unwrap();
    let r = cli(d.path(), &["plan", "import", big.to_str().unwrap()], "");
    assert!(!r.status.success());
    assert!(
        String::from_utf8_lossy(&r.stderr)
            .contains("文件“大计划.xml”过大（64.0 MB），超过 64 MB 的上限"),
        "{r:?}"
    );
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
    let out = ok(&cli(d.path(), &["doc", "verify", &code], ""));
    assert!(out.contains("真实有效"), "{out}");
    assert!(
        out.contains(number) && out.contains("查验不能证明"),
        "{out}"
    );
    // The text a scanner reads from the printed QR code verifies too.
    let qr = qr_text(&file);
    assert_eq!(qr, format!("DIAODU-VERIFY:{code}"));
    assert!(ok(&cli(d.path(), &["doc", "verify", &qr], "")).contains("真实有效"));
    assert!(ok(&cli(d.path(), &["doc", "verify", &qr.to_lowercase()], "")).contains("真实有效"));
    let unknown = cli(d.path(), &["doc", "verify", "ABCDE-12345"], "");
    assert!(!unknown.status.success());
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("查无此验证码"));

    // A withdrawn order (the sample has one): printed in red on screen, and
    // here a non-zero exit with the reason in Chinese.
    let withdrawn = docs
        .iter()
        .find(|x| x["kind"] == "order" && x["status"] == "withdrawn" && !x["number"].is_null())
        .expect("the sample has a signed order that was withdrawn");
    let file = d.path().join("withdrawn.pdf");
    ok(&cli(
        d.path(),
        &[
            "doc",
            "pdf",
            &withdrawn["id"].to_string(),
            "--out",
            file.to_str().unwrap(),
        ],
        "",
    ));
    let v = cli(d.path(), &["doc", "verify", &qr_text(&file)], "");
    assert!(!v.status.success());
    assert!(String::from_utf8_lossy(&v.stdout).contains("已撤回作废"));
    assert!(
        String::from_utf8_lossy(&v.stderr).contains("验证未通过：该文件已撤回作废"),
        "{}",
        String::from_utf8_lossy(&v.stderr)
    );
}

/// What a scanner reads from the QR code of a PDF, on whichever page the
/// signature block falls (pdftoppm renders it, zbarimg from zbar-tools decodes it).
fn qr_text(pdf: &Path) -> String {
    let dir = tempfile::tempdir().unwrap();
    let r = std::process::Command::new("pdftoppm")
        .args(["-r", "150", "-png"])
        .arg(pdf)
        .arg(dir.path().join("page"))
        .status()
        .expect("pdftoppm (poppler-utils) must be installed");
    assert!(r.success());
    let mut pages: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    pages.sort();
    for page in pages {
        let out = std::process::Command::new("zbarimg")
            .args(["--quiet", "--raw", "-Sdisable", "-Sqrcode.enable"])
            .arg(&page)
            .output()
            .expect("zbarimg (zbar-tools) must be installed");
        let text = String::from_utf8(out.stdout).unwrap().trim().to_string();
        if !text.is_empty() {
            return text;
        }
    }
    panic!("no QR code on any page of {}", pdf.display());
}

#[test]
fn doc_settings_set_every_prefix_and_numbers_follow() {
    let d = tempfile::tempdir().unwrap();
    ok(&cli(
        d.path(),
        &["user", "add", "admin", "--role", "admin"],
        "Admin#2026\n",
    ));
    // Nothing set: a generic issuing body, prefixes made from it.
    let shown = ok(&cli(d.path(), &["doc", "settings"], ""));
    assert!(shown.contains("党委党建调度室"), "{shown}");
    assert!(!shown.contains("晋源"), "{shown}");
    for kind in [
        "order",
        "notice",
        "reminder",
        "stage_bulletin",
        "reward_bulletin",
    ] {
        assert!(shown.contains(kind), "{kind} missing: {shown}");
    }
    let set = ok(&cli(
        d.path(),
        &[
            "doc",
            "settings",
            "--issuer",
            "漳村煤矿党委党建调度室",
            "--prefix",
            "催办通知单=漳党催",
            "--prefix",
            "reward_bulletin=漳党奖惩",
        ],
        "",
    ));
    assert!(
        set.contains("reminder\t催办通知单\t漳党催（已设置）"),
        "{set}"
    );
    assert!(
        set.contains("reward_bulletin\t考核奖惩通报\t漳党奖惩（已设置）"),
        "{set}"
    );
    assert!(
        set.contains("order\t调度令\t漳村党调令（按发文机关自动生成）"),
        "{set}"
    );
    let bad = cli(
        d.path(),
        &["doc", "settings", "--prefix", "order=漳党调令〔2026〕"],
        "",
    );
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("不能含有"));
    let bad = cli(d.path(), &["doc", "settings", "--prefix", "memo=甲"], "");
    assert!(String::from_utf8_lossy(&bad.stderr).contains("未知的文件类别"));
    // Back to the default with an empty prefix.
    let back = ok(&cli(
        d.path(),
        &["doc", "settings", "--prefix", "reminder="],
        "",
    ));
    assert!(
        back.contains("reminder\t催办通知单\t漳村党调催（按发文机关自动生成）"),
        "{back}"
    );
}

#[test]
fn doc_seal_font_and_combined_pdf() {
    let d = tempfile::tempdir().unwrap();
    ok(&cli(d.path(), &["sample", "load"], ""));
    let docs: Vec<serde_json::Value> =
        serde_json::from_str(&ok(&cli(d.path(), &["doc", "list", "--json"], ""))).unwrap();
    let signed: Vec<&serde_json::Value> = docs
        .iter()
        .filter(|x| x["number"].is_string() && x["status"] != "withdrawn")
        .take(3)
        .collect();
    assert_eq!(signed.len(), 3);

    // A seal that is not an image is refused with the reason; a PNG is kept.
    let bad = d.path().join("seal.txt");
    std::fs::write(&bad, "not an image").unwrap();
    let refused = cli(d.path(), &["doc", "seal", bad.to_str().unwrap()], "");
    assert!(!refused.status.success());
    assert!(String::from_utf8_lossy(&refused.stderr).contains("PNG 或 JPEG"));
    let png = d.path().join("seal.png");
    std::fs::write(&png, diaodu_documents::sample::seal_png()).unwrap();
    assert!(
        ok(&cli(d.path(), &["doc", "seal", png.to_str().unwrap()], "")).contains("已设置印章图片")
    );
    let wrong_role = cli(d.path(), &["doc", "font", "comic", "x.ttf"], "");
    assert!(String::from_utf8_lossy(&wrong_role.stderr).contains("未知的字体用途"));

    // Three signed documents in one combined PDF, each with the seal.
    let file = d.path().join("合并.pdf");
    let mut args = vec!["doc".to_string(), "pdf".into()];
    args.extend(signed.iter().map(|x| x["id"].to_string()));
    args.extend(["--out".into(), file.to_str().unwrap().into()]);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    assert!(ok(&cli(d.path(), &args, "")).contains("已将 3 份合并保存"));
    let text = std::process::Command::new("pdftotext")
        .args([file.to_str().unwrap(), "-"])
        .output()
        .unwrap();
    let text: String = String::from_utf8_lossy(&text.stdout)
        .split_whitespace()
        .collect();
    for x in &signed {
        assert!(text.contains(x["number"].as_str().unwrap()));
    }
    let images = std::process::Command::new("pdfimages")
        .args(["-list", file.to_str().unwrap()])
        .output()
        .unwrap();
    let placed = String::from_utf8_lossy(&images.stdout)
        .lines()
        .skip(2)
        .filter(|l| l.split_whitespace().nth(2) == Some("image"))
        .count();
    assert_eq!(placed, 3, "the seal on each signed document");
    assert!(ok(&cli(d.path(), &["doc", "seal", "--clear"], "")).contains("已删除印章图片"));
}

#[test]
fn stats_json_counts_the_records() {
    use chrono::Datelike;
    let d = tempfile::tempdir().unwrap();
    ok(&cli(d.path(), &["init"], ""));
    let year = chrono::Local::now().year();
    let today = chrono::Local::now().date_naive().to_string();
    {
        // Records made through the store, as the app would.
        let mut s = diaodu_store::Store::open(d.path()).unwrap();
        let a = diaodu_store::Actor::cli();
        let unit = |s: &mut diaodu_store::Store, name: &str, kind: &str, parent: Option<i64>| {
            s.create_unit(
                &a,
                &diaodu_store::UnitInput {
                    name: name.into(),
                    kind: kind.into(),
                    parent_id: parent,
                    ..Default::default()
                },
            )
            .unwrap()
            .id
        };
        let c = unit(&mut s, "矿党委", "committee", None);
        let branch = unit(&mut s, "综采一队党支部", "branch", Some(c));
        for kind in ["regular", "regular", "mine"] {
            s.create_meeting(
                &a,
                &diaodu_store::MeetingInput {
                    kind: kind.into(),
                    held_on: today.clone(),
                    ..Default::default()
                },
                &[],
            )
            .unwrap();
        }
        for _ in 0..2 {
            s.create_supervision(
                &a,
                &diaodu_store::SupervisionInput {
                    unit_id: Some(branch),
                    supervised_on: today.clone(),
                    method: "onsite".into(),
                    supervisor: "赵敏".into(),
                    ..Default::default()
                },
            )
            .unwrap();
        }
    }
    let out = ok(&cli(
        d.path(),
        &["stats", "--year", &year.to_string(), "--json"],
        "",
    ));
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["year"], year);
    assert_eq!(v["dispatch_meetings"], 3);
    assert_eq!(v["branch_supervisions"], 2);
    for key in [
        "key_tasks_dispatched",
        "orders_issued",
        "notices_issued",
        "feedback_received",
        "rectifications_opened",
        "rectifications_closed",
    ] {
        assert_eq!(v[key], 0, "{key}");
    }
    assert!(v["on_time_rate_by_unit"].as_object().unwrap().is_empty());

    // With the sample: the JSON equals the store's own figures, and the
    // report and workbook are written.
    let e = tempfile::tempdir().unwrap();
    ok(&cli(e.path(), &["sample", "load"], ""));
    let pdf = e.path().join("stats.pdf");
    let xlsx = e.path().join("stats.xlsx");
    let out = ok(&cli(
        e.path(),
        &[
            "stats",
            "--year",
            &year.to_string(),
            "--json",
            "--pdf",
            pdf.to_str().unwrap(),
            "--xlsx",
            xlsx.to_str().unwrap(),
        ],
        "",
    ));
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let s = diaodu_store::Store::open(e.path())
        .unwrap()
        .annual_stats(year)
        .unwrap();
    assert_eq!(v["dispatch_meetings"], s.dispatch_meetings);
    assert_eq!(v["branch_supervisions"], s.branch_supervisions);
    assert_eq!(v["orders_issued"], s.orders_issued);
    assert!(s.dispatch_meetings > 0 && s.branch_supervisions > 0);
    let rates = v["on_time_rate_by_unit"].as_object().unwrap();
    assert_eq!(rates.len(), s.on_time_rate_by_unit.len());
    for (unit, rate) in &s.on_time_rate_by_unit {
        // serde_json reads floats back to within one ulp.
        assert!(
            (rates[unit].as_f64().unwrap() - *rate).abs() < 1e-12,
            "{unit}"
        );
    }
    assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF"));
    assert!(std::fs::read(&xlsx).unwrap().starts_with(b"PK"));
    // A bad year answers in Chinese with a non-zero exit.
    let bad = cli(e.path(), &["stats", "--year", "1800", "--json"], "");
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("年份"));
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

#[test]
fn today_can_be_fixed_by_argument_or_environment() {
    let d = tempfile::tempdir().unwrap();
    ok(&cli(d.path(), &["init"], ""));
    // The annual figures count "as of today": the fixed day, not the clock's.
    let out = ok(&cli(
        d.path(),
        &["--today", "2026-03-05", "stats", "--year", "2026"],
        "",
    ));
    assert!(out.contains("截至 2026-03-05"), "{out}");
    let env = Command::new(env!("CARGO_BIN_EXE_diaodu-cli"))
        .args([
            "--data-dir",
            d.path().to_str().unwrap(),
            "stats",
            "--year",
            "2026",
        ])
        .env("DIAODU_TODAY", "2026-04-01")
        .output()
        .unwrap();
    assert!(ok(&env).contains("截至 2026-04-01"));
    let bad = cli(d.path(), &["--today", "2026-13-01", "init"], "");
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("YYYY-MM-DD"));
}
