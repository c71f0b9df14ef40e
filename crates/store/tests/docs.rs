mod common;

use diaodu_domain::ErrorCode;
use diaodu_store::{Actor, DocInput, FeedbackRule, Store, UnitInput};

fn setup() -> (tempfile::TempDir, Store, Actor, Actor, i64) {
    let (dir, mut s, admin) = common::admin_store();
    let signer = s
        .create_user(&admin, "signer", "关主任", "signer", "Signer#2026")
        .unwrap()
        .actor();
    // The numbers below (晋源党调令…) follow from the issuing body's name.
    common::name_the_office(&mut s, &admin);
    let unit = s
        .create_unit(
            &admin,
            &UnitInput {
                name: "综采一队党支部".into(),
                kind: "branch".into(),
                ..Default::default()
            },
        )
        .unwrap();
    (dir, s, admin, signer, unit.id)
}

fn order(unit: i64) -> DocInput {
    DocInput {
        kind: "order".into(),
        title: "关于报送支部自查报告的调度令".into(),
        urgency: Some("特急".into()),
        content: "请于规定时限内报送支部基础工作自查报告。".into(),
        target_unit_id: Some(unit),
        deadline: Some("2026-12-04".into()),
        feedback_rule: FeedbackRule {
            mode: "every_n_days".into(),
            every: Some(2),
            forms: vec!["text".into(), "image".into()],
            ..Default::default()
        },
        phone: "0355-5921234".into(),
        ..Default::default()
    }
}

#[test]
fn drafts_validate_and_only_signers_sign_with_their_password() {
    let (_d, mut s, admin, signer, unit) = setup();
    let mut bad = order(unit);
    bad.urgency = None;
    assert_eq!(
        s.create_doc(&admin, &bad).unwrap_err().field.as_deref(),
        Some("urgency")
    );
    let mut bad = order(unit);
    bad.feedback_rule.forms.clear();
    assert_eq!(
        s.create_doc(&admin, &bad).unwrap_err().field.as_deref(),
        Some("feedbackRule")
    );
    let d = s.create_doc(&admin, &order(unit)).unwrap();
    assert_eq!(d.status, "draft");
    assert!(d.number.is_none());

    let dispatcher = s
        .create_user(&admin, "disp", "调度员甲", "dispatcher", "Disp#20261")
        .unwrap()
        .actor();
    assert_eq!(
        s.sign_doc(&dispatcher, d.id, "Disp#20261")
            .unwrap_err()
            .code,
        ErrorCode::Forbidden
    );
    assert_eq!(
        s.sign_doc(&signer, d.id, "wrong-password")
            .unwrap_err()
            .field
            .as_deref(),
        Some("password")
    );
    let signed = s.sign_doc(&signer, d.id, "Signer#2026").unwrap();
    let year = chrono::Local::now().format("%Y").to_string();
    assert_eq!(
        signed.number.as_deref(),
        Some(format!("晋源党调令〔{year}〕1号").as_str())
    );
    assert_eq!(signed.signer_name.as_deref(), Some("关主任"));
    assert_eq!(signed.content_hash.as_ref().unwrap().len(), 64);
    assert_eq!(
        s.sign_doc(&signer, d.id, "Signer#2026").unwrap_err().code,
        ErrorCode::Conflict
    );

    // Signed content is frozen; a change is an amending order.
    let e = s.update_doc(&admin, d.id, &order(unit)).unwrap_err();
    assert_eq!(e.code, ErrorCode::Conflict);
    let amend = s.amend_doc(&admin, d.id).unwrap();
    assert_eq!(amend.amends_id, Some(d.id));
    assert_eq!(amend.status, "draft");
}

#[test]
fn numbers_are_gap_free_per_kind_and_never_reused() {
    let (_d, mut s, admin, signer, unit) = setup();
    let mut numbers = Vec::new();
    for i in 0..3 {
        let d = s.create_doc(&admin, &order(unit)).unwrap();
        let signed = s.sign_doc(&signer, d.id, "Signer#2026").unwrap();
        numbers.push(signed.number.clone().unwrap());
        if i == 1 {
            s.withdraw_doc(&admin, d.id, "内容有误", "Admin#2026")
                .unwrap();
        }
    }
    let notice = DocInput {
        kind: "notice".into(),
        title: "通知".into(),
        content: "内容".into(),
        target_unit_id: Some(unit),
        ..Default::default()
    };
    let n = s.create_doc(&admin, &notice).unwrap();
    let n = s.sign_doc(&signer, n.id, "Signer#2026").unwrap();
    assert!(
        n.number.unwrap().ends_with("〕1号"),
        "notices count on their own"
    );
    // A withdrawn draft never takes a number.
    let draft = s.create_doc(&admin, &order(unit)).unwrap();
    s.withdraw_doc(&admin, draft.id, "不再需要", "").unwrap();
    let d = s.create_doc(&admin, &order(unit)).unwrap();
    let last = s
        .sign_doc(&signer, d.id, "Signer#2026")
        .unwrap()
        .number
        .unwrap();
    let seqs: Vec<String> = numbers
        .iter()
        .chain([&last])
        .map(|n| n.rsplit('〕').next().unwrap().to_string())
        .collect();
    assert_eq!(seqs, ["1号", "2号", "3号", "4号"]);
    let withdrawn = s
        .list_docs(&diaodu_store::DocFilter {
            status: Some("withdrawn".into()),
            ..Default::default()
        })
        .unwrap();
    assert!(
        withdrawn
            .iter()
            .any(|d| d.number.as_deref() == Some(numbers[1].as_str())),
        "keeps its number"
    );
}

#[test]
fn two_processes_signing_at_once_get_distinct_numbers() {
    let (dir, mut s, admin, _signer, unit) = setup();
    let ids: Vec<i64> = (0..20)
        .map(|_| s.create_doc(&admin, &order(unit)).unwrap().id)
        .collect();
    drop(s);
    let path = dir.path().to_path_buf();
    let handles: Vec<_> = [0usize, 1]
        .into_iter()
        .map(|k| {
            let path = path.clone();
            let mine: Vec<i64> = ids.iter().copied().skip(k).step_by(2).collect();
            std::thread::spawn(move || {
                let mut store = Store::open(&path).unwrap();
                let signer = store.login("signer", "Signer#2026").unwrap().actor();
                mine.into_iter()
                    .map(|id| {
                        store
                            .sign_doc(&signer, id, "Signer#2026")
                            .unwrap()
                            .number
                            .unwrap()
                    })
                    .collect::<Vec<_>>()
            })
        })
        .collect();
    let mut all: Vec<String> = handles
        .into_iter()
        .flat_map(|h| h.join().unwrap())
        .collect();
    all.sort_by_key(|n| {
        n.rsplit('〕')
            .next()
            .unwrap()
            .trim_end_matches('号')
            .parse::<i64>()
            .unwrap()
    });
    let year = chrono::Local::now().format("%Y").to_string();
    let expected: Vec<String> = (1..=20)
        .map(|i| format!("晋源党调令〔{year}〕{i}号"))
        .collect();
    assert_eq!(all, expected);
}

#[test]
fn receipt_progress_and_verification() {
    let (dir, mut s, admin, signer, unit) = setup();
    let d = s.create_doc(&admin, &order(unit)).unwrap();
    assert_eq!(
        s.receive_doc(&admin, d.id, "王书记", "2026-01-01")
            .unwrap_err()
            .code,
        ErrorCode::Conflict,
        "not signed yet"
    );
    let d = s.sign_doc(&signer, d.id, "Signer#2026").unwrap();
    let today = chrono::Local::now().format("%Y-%m-%d").to_string();
    assert_eq!(
        s.receive_doc(&admin, d.id, " ", &today)
            .unwrap_err()
            .field
            .as_deref(),
        Some("receivedBy")
    );
    let r = s.receive_doc(&admin, d.id, "王书记", &today).unwrap();
    assert_eq!(r.status, "received");
    assert!(!r.late_receipt);
    s.start_doc(&admin, d.id).unwrap();
    let done = s.complete_doc(&admin, d.id, &today).unwrap();
    assert_eq!(done.status_label, "已办结");

    let code = d.verification_code.clone().unwrap();
    let v = s.verify_code(&code.to_lowercase()).unwrap();
    assert_eq!(v.result, "authentic", "{}", v.message);
    assert_eq!(s.verify_code("00000-00000").unwrap().result, "unknown");
    assert_eq!(
        s.verify_code("12").unwrap_err().field.as_deref(),
        Some("code")
    );
    drop(s);
    // Someone edits the frozen content in the database file directly.
    let c = rusqlite_conn(dir.path());
    c.execute(
        "UPDATE dispatch_doc SET canonical = replace(canonical, 'urgency=特急', 'urgency=平急')",
        [],
    )
    .unwrap();
    drop(c);
    let s = Store::open(dir.path()).unwrap();
    let v = s.verify_code(&code).unwrap();
    assert_eq!(v.result, "changed");
    assert!(!v.valid);
    assert!(v.message.contains("哈希不一致"), "{}", v.message);
}

/// The text of the QR code printed on a signed document, from the document
/// the print uses.
fn printed_qr_text(s: &Store, id: i64) -> String {
    let doc = s.official_document(id).unwrap();
    diaodu_documents::qr_payload(
        doc.verification
            .as_deref()
            .expect("a signed document has a code"),
    )
}

#[test]
fn the_qr_text_and_every_typed_form_of_the_code_verify() {
    let (_dir, mut s, admin, signer, unit) = setup();
    let d = s.create_doc(&admin, &order(unit)).unwrap();
    let d = s.sign_doc(&signer, d.id, "Signer#2026").unwrap();
    let code = d.verification_code.clone().unwrap();
    let qr = printed_qr_text(&s, d.id);
    assert_eq!(qr, format!("DIAODU-VERIFY:{code}"));
    let full_width: String = qr
        .chars()
        .map(|c| match c {
            '!'..='~' => char::from_u32(c as u32 + 0xFEE0).unwrap(),
            c => c,
        })
        .collect();
    for typed in [
        qr.clone(),
        qr.to_lowercase(),
        format!("  {qr}\n"),
        code.clone(),
        code.to_lowercase(),
        code.replace('-', " "),
        full_width,
    ] {
        let v = s.verify_code(&typed).unwrap();
        assert_eq!(v.result, "authentic", "{typed:?}: {}", v.message);
        assert!(v.valid);
        assert_eq!(v.document.as_ref().unwrap().id, d.id);
        let signed = v.signed.unwrap();
        assert_eq!(signed.number, d.number.clone().unwrap());
        assert_eq!(signed.target_unit, "综采一队党支部");
        assert!(!v.limits.is_empty());
    }
    // Not a code at all: a field error, not a crash.
    assert_eq!(
        s.verify_code("DIAODU-VERIFY:")
            .unwrap_err()
            .field
            .as_deref(),
        Some("code")
    );
    assert_eq!(
        s.verify_code(&"9".repeat(100_000))
            .unwrap_err()
            .field
            .as_deref(),
        Some("code")
    );
}

#[test]
fn withdrawn_and_superseded_papers_are_not_valid() {
    let (_dir, mut s, admin, signer, unit) = setup();
    let a = s.create_doc(&admin, &order(unit)).unwrap();
    let a = s.sign_doc(&signer, a.id, "Signer#2026").unwrap();
    s.withdraw_doc(&admin, a.id, "任务取消", "Admin#2026")
        .unwrap();
    let v = s.verify_code(&printed_qr_text(&s, a.id)).unwrap();
    assert_eq!(v.result, "withdrawn", "{}", v.message);
    assert!(!v.valid);
    assert!(
        v.message.contains("已撤回") && v.message.contains("任务取消"),
        "{}",
        v.message
    );

    let b = s.create_doc(&admin, &order(unit)).unwrap();
    let b = s.sign_doc(&signer, b.id, "Signer#2026").unwrap();
    let fix = s.amend_doc(&admin, b.id).unwrap();
    // A draft amendment changes nothing yet.
    assert_eq!(
        s.verify_code(&printed_qr_text(&s, b.id)).unwrap().result,
        "authentic"
    );
    let fix = s.sign_doc(&signer, fix.id, "Signer#2026").unwrap();
    let v = s.verify_code(&printed_qr_text(&s, b.id)).unwrap();
    assert_eq!(v.result, "superseded", "{}", v.message);
    assert!(!v.valid);
    assert!(
        v.message.contains(fix.number.as_deref().unwrap()),
        "{}",
        v.message
    );
    assert_eq!(
        s.verify_code(&printed_qr_text(&s, fix.id)).unwrap().result,
        "authentic"
    );
}

#[test]
fn the_live_record_is_compared_with_what_was_signed() {
    let (dir, mut s, admin, signer, unit) = setup();
    let d = s.create_doc(&admin, &order(unit)).unwrap();
    let d = s.sign_doc(&signer, d.id, "Signer#2026").unwrap();
    let qr = printed_qr_text(&s, d.id);
    // A unit renamed after signing: still authentic, the rename is said.
    s.update_unit(
        &admin,
        unit,
        &UnitInput {
            name: "综采一队党总支".into(),
            kind: "branch".into(),
            ..Default::default()
        },
    )
    .unwrap();
    let v = s.verify_code(&qr).unwrap();
    assert_eq!(v.result, "authentic", "{}", v.message);
    assert!(
        v.checks.iter().any(|c| c.contains("综采一队党支部")),
        "{:?}",
        v.checks
    );
    // The reprint is the paper as signed, under the old name.
    assert_eq!(
        s.official_document(d.id).unwrap().addressees,
        "综采一队党支部"
    );
    drop(s);
    // The record's own content edited in the database file after signing.
    let c = rusqlite_conn(dir.path());
    c.execute(
        "UPDATE dispatch_doc SET content = '改过的调度事项' WHERE id = ?1",
        [d.id],
    )
    .unwrap();
    drop(c);
    let s = Store::open(dir.path()).unwrap();
    let v = s.verify_code(&qr).unwrap();
    assert_eq!(v.result, "changed");
    assert!(v.message.contains("调度内容"), "{}", v.message);
    drop(s);
    // The kept printed form edited: its canonical text no longer matches.
    let c = rusqlite_conn(dir.path());
    c.execute(
        "UPDATE dispatch_doc SET content = '请于规定时限内报送支部基础工作自查报告。',
         signed_document = replace(signed_document, '自查报告', '自查总结') WHERE id = ?1",
        [d.id],
    )
    .unwrap();
    drop(c);
    let s = Store::open(dir.path()).unwrap();
    let v = s.verify_code(&qr).unwrap();
    assert_eq!(v.result, "changed");
    assert!(v.message.contains("打印版本"), "{}", v.message);
}

#[test]
fn documents_signed_before_the_printed_form_was_frozen_still_verify_and_print() {
    let (dir, mut s, admin, signer, unit) = setup();
    let d = s.create_doc(&admin, &order(unit)).unwrap();
    let d = s.sign_doc(&signer, d.id, "Signer#2026").unwrap();
    drop(s);
    // As migration 0009 leaves a document signed earlier: the JSON record was
    // the hashed text, and no printed form was kept.
    let c = rusqlite_conn(dir.path());
    let record: String = c
        .query_row(
            "SELECT signed_record FROM dispatch_doc WHERE id = ?1",
            [d.id],
            |r| r.get(0),
        )
        .unwrap();
    let hash = diaodu_documents::sha256_hex(&record);
    c.execute(
        "UPDATE dispatch_doc SET canonical = ?1, content_hash = ?2, signed_document = NULL WHERE id = ?3",
        rusqlite::params![record, hash, d.id],
    )
    .unwrap();
    drop(c);
    let s = Store::open(dir.path()).unwrap();
    let code = diaodu_documents::verification_code(&hash);
    let v = s.verify_code(&diaodu_documents::qr_payload(&code)).unwrap();
    assert_eq!(v.result, "authentic", "{}", v.message);
    let doc = s.official_document(d.id).unwrap();
    assert_eq!(doc.verification.as_deref(), Some(code.as_str()));
    assert_eq!(doc.number, d.number);
}

fn rusqlite_conn(dir: &std::path::Path) -> rusqlite::Connection {
    rusqlite::Connection::open(dir.join(diaodu_store::DB_FILE_NAME)).unwrap()
}

#[test]
fn notices_from_tasks_make_one_per_unit() {
    let (_dir, mut s, a) = common::admin_store();
    s.load_sample(&a).unwrap();
    let plan = s.list_plans(&Default::default()).unwrap()[0].plan.id;
    let chart = s.chart(plan, None).unwrap();
    let tasks: Vec<i64> = chart
        .tasks
        .iter()
        .filter(|t| t.kind == "task")
        .take(8)
        .map(|t| t.id)
        .collect();
    let units: std::collections::HashSet<_> = chart
        .tasks
        .iter()
        .filter(|t| tasks.contains(&t.id))
        .filter_map(|t| t.lead_unit_id)
        .collect();
    let notices = s
        .notices_from_tasks(&a, &tasks, "meeting", "每周五前反馈进展")
        .unwrap();
    assert_eq!(notices.len(), units.len());
    assert!(notices.iter().all(|n| n.kind == "notice"
        && n.status == "draft"
        && n.method_label.as_deref() == Some("会议")));
    let total: usize = notices.iter().map(|n| n.task_ids.len()).sum();
    assert_eq!(total, tasks.len());
    assert!(notices[0].content.starts_with("1. "));
    assert_eq!(
        s.notices_from_tasks(&a, &[], "", "")
            .unwrap_err()
            .field
            .as_deref(),
        Some("taskIds")
    );
}

#[test]
fn signed_order_prints_with_number_unit_content_and_code() {
    let (dir, mut s, admin, signer, unit) = setup();
    let d = s.create_doc(&admin, &order(unit)).unwrap();
    let d = s.sign_doc(&signer, d.id, "Signer#2026").unwrap();
    let fonts =
        diaodu_documents::Fonts::system().expect("CJK fonts (fonts-noto-cjk) must be installed");
    let pdf = s.doc_pdf(d.id, &fonts).unwrap();
    let file = dir.path().join("order.pdf");
    std::fs::write(&file, pdf).unwrap();
    let out = std::process::Command::new("pdftotext")
        .args(["-layout", file.to_str().unwrap(), "-"])
        .output()
        .expect("pdftotext (poppler-utils) must be installed");
    let text = String::from_utf8_lossy(&out.stdout)
        .split_whitespace()
        .collect::<String>();
    let number = d.number.clone().unwrap();
    assert!(
        text.contains(&number.split_whitespace().collect::<String>()),
        "number missing: {text}"
    );
    assert!(text.contains("综采一队党支部"));
    assert!(text.contains("支部基础工作自查报告"));
    assert!(
        text.contains(&d.verification_code.clone().unwrap()),
        "verification code missing"
    );
    assert!(text.contains("每2个工作日"));
}
