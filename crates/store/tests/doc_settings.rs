//! Document settings (issuer, number prefixes, font files, seal image), what they do
//! to the printed documents, batches of documents and notices made from plan tasks.
//! Needs poppler-utils and fonts-noto-cjk, like the other document tests.
mod common;

use common::image_rows;
use diaodu_domain::ErrorCode;
use diaodu_store::{
    Actor, AuditFilter, DocInput, DocSettings, DocSettingsInput, FeedbackRule, PaperKind, Store,
    UnitInput,
};
use std::path::Path;

const NOTO_SERIF: &str = "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc";

fn setup() -> (tempfile::TempDir, Store, Actor, Actor, i64) {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Store::open(&dir.path().join("data")).unwrap();
    let admin = s
        .setup_admin("admin", "系统管理员", "Admin#2026")
        .unwrap()
        .actor();
    let signer = s
        .create_user(&admin, "signer", "关主任", "signer", "Signer#2026")
        .unwrap()
        .actor();
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
        urgency: Some("urgent".into()),
        content: "请于规定时限内报送支部基础工作自查报告。".into(),
        target_unit_id: Some(unit),
        deadline: Some("2026-12-04".into()),
        feedback_rule: FeedbackRule {
            mode: "weekly".into(),
            weekday: Some(5),
            forms: vec!["text".into()],
            ..Default::default()
        },
        ..Default::default()
    }
}

fn input(issuer: &str, order: &str, notice: &str) -> DocSettingsInput {
    DocSettingsInput {
        issuer_name: issuer.into(),
        order_prefix: Some(order.into()),
        notice_prefix: Some(notice.into()),
        seal_width_mm: Some(40.0),
        ..Default::default()
    }
}

fn prefix(s: &DocSettings, kind: PaperKind) -> String {
    s.prefixes
        .iter()
        .find(|p| p.kind == kind)
        .unwrap()
        .prefix
        .clone()
}

#[test]
fn every_numbered_kind_takes_its_prefix_from_the_settings_or_the_issuer_name() {
    let (_dir, mut s, admin, signer, unit) = setup();
    let kinds: Vec<PaperKind> = s
        .doc_settings()
        .unwrap()
        .prefixes
        .iter()
        .map(|p| p.kind)
        .collect();
    assert_eq!(kinds, PaperKind::ALL.to_vec());
    // The issuing body alone: every default follows its name, none is the sample's.
    let named = s
        .update_doc_settings(
            &admin,
            &DocSettingsInput {
                issuer_name: "漳村煤矿党委党建调度室".into(),
                ..Default::default()
            },
        )
        .unwrap();
    for (kind, expected) in [
        (PaperKind::Order, "漳村党调令"),
        (PaperKind::Notice, "漳村党调通"),
        (PaperKind::Reminder, "漳村党调催"),
        (PaperKind::StageBulletin, "漳村党调通报"),
        (PaperKind::RewardBulletin, "漳村党调通报"),
    ] {
        assert_eq!(prefix(&named, kind), expected, "{kind:?}");
        assert_eq!(s.number_prefix(kind).unwrap(), expected);
    }
    // Each is settable; an empty one goes back to the default; one left out stays.
    let set = s
        .update_doc_settings(
            &admin,
            &DocSettingsInput {
                issuer_name: "漳村煤矿党委党建调度室".into(),
                reminder_prefix: Some("漳党催".into()),
                reward_prefix: Some("漳党奖惩".into()),
                order_prefix: Some("漳党调令".into()),
                ..Default::default()
            },
        )
        .unwrap();
    assert_eq!(prefix(&set, PaperKind::Reminder), "漳党催");
    assert_eq!(prefix(&set, PaperKind::RewardBulletin), "漳党奖惩");
    assert_eq!(s.number_prefix(PaperKind::Reminder).unwrap(), "漳党催");
    let again = s
        .update_doc_settings(
            &admin,
            &DocSettingsInput {
                issuer_name: "漳村煤矿党委党建调度室".into(),
                reminder_prefix: Some("".into()),
                ..Default::default()
            },
        )
        .unwrap();
    assert_eq!(prefix(&again, PaperKind::Reminder), "漳村党调催");
    assert_eq!(prefix(&again, PaperKind::RewardBulletin), "漳党奖惩");
    let audits = settings_audits(&s);
    assert!(audits[0].contains("文号前缀"), "{audits:?}");
    // Orders and notices under one prefix share one sequence: never one number twice.
    s.update_doc_settings(
        &admin,
        &DocSettingsInput {
            issuer_name: "漳村煤矿党委党建调度室".into(),
            order_prefix: Some("漳党调".into()),
            notice_prefix: Some("漳党调".into()),
            ..Default::default()
        },
    )
    .unwrap();
    let o = s.create_doc(&admin, &order(unit)).unwrap();
    let o = s.sign_doc(&signer, o.id, "Signer#2026").unwrap();
    let n = s
        .create_doc(
            &admin,
            &DocInput {
                kind: "notice".into(),
                urgency: None,
                ..order(unit)
            },
        )
        .unwrap();
    let n = s.sign_doc(&signer, n.id, "Signer#2026").unwrap();
    let year = chrono::Local::now().format("%Y").to_string();
    assert_eq!(o.number, Some(format!("漳党调〔{year}〕1号")));
    assert_eq!(n.number, Some(format!("漳党调〔{year}〕2号")));
}

fn fonts() -> &'static diaodu_documents::Fonts {
    use std::sync::OnceLock;
    static F: OnceLock<diaodu_documents::Fonts> = OnceLock::new();
    F.get_or_init(|| diaodu_documents::Fonts::system().expect("fonts-noto-cjk must be installed"))
}

fn pdf_text(dir: &Path, pdf: &[u8]) -> String {
    let file = dir.join("t.pdf");
    std::fs::write(&file, pdf).unwrap();
    let out = std::process::Command::new("pdftotext")
        .args([file.to_str().unwrap(), "-"])
        .output()
        .expect("pdftotext (poppler-utils) must be installed");
    String::from_utf8_lossy(&out.stdout)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect()
}

fn settings_audits(s: &Store) -> Vec<String> {
    s.list_audit(&AuditFilter {
        entity: Some("settings".into()),
        ..Default::default()
    })
    .unwrap()
    .rows
    .into_iter()
    .map(|r| r.summary)
    .collect()
}

#[test]
fn issuer_and_prefixes_are_validated_audited_and_used_at_the_next_signing() {
    let (dir, mut s, admin, signer, unit) = setup();
    let defaults = s.doc_settings().unwrap();
    // Nothing set: a generic issuing body and prefixes made from it.
    assert_eq!(defaults.issuer_name, diaodu_store::DEFAULT_ISSUER);
    assert_eq!(prefix(&defaults, PaperKind::Order), "党调令");
    assert!(defaults.prefixes.iter().all(|p| p.custom.is_none()));
    assert_eq!(defaults.fonts.len(), 5);
    assert!(defaults.seal.is_none());

    // Only the admin; bad values named by field; nothing changed.
    let e = s
        .update_doc_settings(
            &signer,
            &input("漳村煤矿党委党建调度室", "漳党调令", "漳党调通"),
        )
        .unwrap_err();
    assert_eq!(e.code, ErrorCode::Forbidden);
    for (bad, field) in [
        (input("", "漳党调令", "漳党调通"), "issuerName"),
        (
            input("漳村煤矿党委", "漳党调令〔2026〕", "漳党调通"),
            "orderPrefix",
        ),
        (
            DocSettingsInput {
                reminder_prefix: Some("漳党催7号".into()),
                ..input("漳村煤矿党委", "漳党调令", "漳党调通")
            },
            "reminderPrefix",
        ),
        (
            DocSettingsInput {
                seal_width_mm: Some(5.0),
                ..input("漳村煤矿党委", "漳党调令", "漳党调通")
            },
            "sealWidthMm",
        ),
    ] {
        let e = s.update_doc_settings(&admin, &bad).unwrap_err();
        assert_eq!(e.field.as_deref(), Some(field), "{}", e.message);
    }
    assert_eq!(s.doc_settings().unwrap(), defaults);

    let first = s.create_doc(&admin, &order(unit)).unwrap();
    let first = s.sign_doc(&signer, first.id, "Signer#2026").unwrap();
    assert!(first.number.as_deref().unwrap().starts_with("党调令〔"));

    let saved = s
        .update_doc_settings(
            &admin,
            &input("漳村煤矿党委党建调度室", "漳党调令", "漳党调通"),
        )
        .unwrap();
    assert_eq!(saved.issuer_name, "漳村煤矿党委党建调度室");
    assert_eq!(saved.seal_width_mm, 40.0);
    let audits = settings_audits(&s);
    assert!(audits[0].contains("公文设置"), "{audits:?}");

    let second = s.create_doc(&admin, &order(unit)).unwrap();
    let second = s.sign_doc(&signer, second.id, "Signer#2026").unwrap();
    let number = second.number.clone().unwrap();
    assert!(number.starts_with("漳党调令〔"), "{number}");
    // The sequence of the kind and year goes on: no gap, no reuse.
    let seq = |n: &str| {
        n.split('〕')
            .nth(1)
            .unwrap()
            .trim_end_matches('号')
            .parse::<i64>()
            .unwrap()
    };
    assert_eq!(seq(&number), seq(first.number.as_deref().unwrap()) + 1);

    // The new issuer is printed on the new order; the order signed before keeps
    // the issuer it was signed under, and its code still checks out.
    let new_text = pdf_text(dir.path(), &s.doc_pdf(second.id, fonts()).unwrap());
    assert!(new_text.contains("漳村煤矿党委党建调度室"));
    let old_text = pdf_text(dir.path(), &s.doc_pdf(first.id, fonts()).unwrap());
    assert!(old_text.contains(diaodu_store::DEFAULT_ISSUER) && !old_text.contains("漳村煤矿"));
    let v = s
        .verify_code(first.verification_code.as_deref().unwrap())
        .unwrap();
    assert_eq!(v.result, "authentic");
}

#[test]
fn seal_image_is_checked_kept_in_the_data_dir_and_printed_on_signed_documents_only() {
    let (dir, mut s, admin, signer, unit) = setup();
    let bad = dir.path().join("seal.gif");
    std::fs::write(&bad, b"GIF89a not really").unwrap();
    let e = s.set_seal_image(&admin, Some(&bad)).unwrap_err();
    assert_eq!(e.field.as_deref(), Some("file"));
    assert!(e.message.contains("PNG 或 JPEG"), "{}", e.message);
    assert_eq!(
        s.set_seal_image(&signer, Some(&bad)).unwrap_err().code,
        ErrorCode::Forbidden
    );

    let png = dir.path().join("我们的公章.png");
    std::fs::write(&png, diaodu_documents::sample::seal_png()).unwrap();
    let saved = s.set_seal_image(&admin, Some(&png)).unwrap();
    let seal = saved.seal.clone().unwrap();
    assert_eq!(seal.original_name, "我们的公章.png");
    assert_eq!((seal.width_px, seal.height_px), (Some(420), Some(420)));
    // The copy is what prints: removing the original changes nothing.
    std::fs::remove_file(&png).unwrap();
    assert!(s.data_dir().join(&seal.file).exists());

    let draft = s.create_doc(&admin, &order(unit)).unwrap();
    assert_eq!(
        image_rows(dir.path(), &s.doc_pdf(draft.id, fonts()).unwrap()),
        0,
        "no seal on a draft"
    );
    let signed = s.sign_doc(&signer, draft.id, "Signer#2026").unwrap();
    let doc = s.official_document(signed.id).unwrap();
    assert_eq!(doc.seal.as_ref().unwrap().width_mm, Some(42.0));
    assert_eq!(
        image_rows(dir.path(), &s.doc_pdf(signed.id, fonts()).unwrap()),
        1,
        "the seal on the signed order"
    );
    let withdrawn = s
        .withdraw_doc(&admin, signed.id, "测试撤回", "Admin#2026")
        .unwrap();
    assert_eq!(
        image_rows(dir.path(), &s.doc_pdf(withdrawn.id, fonts()).unwrap()),
        0,
        "no seal once withdrawn"
    );

    let cleared = s.set_seal_image(&admin, None).unwrap();
    assert!(cleared.seal.is_none());
    assert!(!s.data_dir().join(&seal.file).exists(), "the copy goes too");
    let audits = settings_audits(&s);
    assert!(
        audits[0].contains("删除印章图片") && audits[1].contains("设置印章图片：我们的公章.png"),
        "{audits:?}"
    );
}

#[test]
fn a_font_file_for_a_role_is_checked_copied_and_loaded_first() {
    let (dir, mut s, admin, _signer, _unit) = setup();
    let latin = Path::new("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf");
    let e = s
        .set_doc_font(&admin, diaodu_documents::FontRole::KaiTi, Some(latin))
        .unwrap_err();
    assert_eq!(e.field.as_deref(), Some("file"));
    assert!(e.message.contains("不含汉字"), "{}", e.message);
    assert!(s.font_config().unwrap().files.is_empty());

    let noto = Path::new(NOTO_SERIF);
    assert!(noto.exists(), "fonts-noto-cjk is needed for this test");
    let saved = s
        .set_doc_font(&admin, diaodu_documents::FontRole::KaiTi, Some(noto))
        .unwrap();
    let kai = saved
        .fonts
        .iter()
        .find(|f| f.role == diaodu_documents::FontRole::KaiTi)
        .unwrap();
    let stored = kai.configured.clone().unwrap();
    assert_eq!(stored.original_name, "NotoSerifCJK-Regular.ttc");
    assert!(stored.family.as_deref().unwrap().contains("Noto Serif CJK"));
    let config = s.font_config().unwrap();
    assert_eq!(config.files.len(), 1);
    let fonts = diaodu_documents::Fonts::load(&config).unwrap();
    let resolved = fonts
        .resolved()
        .iter()
        .find(|r| r.role == diaodu_documents::FontRole::KaiTi)
        .unwrap();
    assert_eq!(resolved.source, diaodu_documents::FontSource::User);
    assert!(
        resolved.path.starts_with(s.data_dir()),
        "{:?}",
        resolved.path
    );
    assert!(settings_audits(&s)[0].contains("设置楷体字体"));

    let back = s
        .set_doc_font(&admin, diaodu_documents::FontRole::KaiTi, None)
        .unwrap();
    assert!(back.fonts.iter().all(|f| f.configured.is_none()));
    assert!(!s.data_dir().join(&stored.file).exists());
    let _ = dir;
}

fn sample_store() -> (tempfile::TempDir, Store, Actor) {
    let (dir, mut s, a) = common::admin_store();
    s.load_sample(&a).unwrap();
    (dir, s, a)
}

#[test]
fn a_stage_stands_for_its_tasks_and_notices_are_made_all_or_none() {
    let (_dir, mut s, a) = sample_store();
    let plan = s.list_plans(&Default::default()).unwrap()[0].plan.id;
    let chart = s.chart(plan, None).unwrap();
    let stage = chart
        .tasks
        .iter()
        .find(|t| {
            t.kind == "stage"
                && chart
                    .tasks
                    .iter()
                    .any(|c| c.parent_id == Some(t.id) && c.kind == "task")
        })
        .expect("a stage with tasks in the sample plan");
    let under: Vec<&diaodu_store::ChartTask> = chart
        .tasks
        .iter()
        .filter(|t| t.kind == "task" && t.outline.starts_with(&format!("{}.", stage.outline)))
        .collect();
    let units: std::collections::HashSet<i64> =
        under.iter().filter_map(|t| t.lead_unit_id).collect();
    let before = s.list_docs(&Default::default()).unwrap().len();
    // The stage and one of its own tasks again: each task once.
    let notices = s
        .notices_from_tasks(
            &a,
            &[stage.id, under[0].id],
            "platform",
            "每周五前在平台反馈",
        )
        .unwrap();
    assert_eq!(notices.len(), units.len());
    let listed: usize = notices.iter().map(|n| n.task_ids.len()).sum();
    assert_eq!(listed, under.len());
    for n in &notices {
        assert_eq!(n.method.as_deref(), Some("platform"));
        assert_eq!(n.requirements, "每周五前在平台反馈");
        // The notice's deadline is its last task's.
        let latest = under
            .iter()
            .filter(|t| n.task_ids.contains(&t.id))
            .filter_map(|t| t.deadline.clone())
            .max();
        assert_eq!(n.deadline, latest);
    }
    assert_eq!(
        s.list_docs(&Default::default()).unwrap().len(),
        before + notices.len()
    );

    // One task without a unit: the message names it and no notice is made at all.
    let orphan = s
        .create_task(
            &a,
            &diaodu_store::TaskInput {
                plan_id: plan,
                kind: "task".into(),
                name: "无责任单位的任务".into(),
                ..Default::default()
            },
        )
        .unwrap();
    let e = s
        .notices_from_tasks(&a, &[under[0].id, orphan], "written", "")
        .unwrap_err();
    assert_eq!(e.field.as_deref(), Some("taskIds"));
    assert!(e.message.contains("无责任单位的任务"), "{}", e.message);
    assert_eq!(
        s.list_docs(&Default::default()).unwrap().len(),
        before + notices.len()
    );
}

#[test]
fn a_batch_names_each_document_by_number_unit_and_title() {
    let (_dir, s, _a) = sample_store();
    let docs = s.list_docs(&Default::default()).unwrap();
    let ids: Vec<i64> = docs.iter().map(|d| d.id).take(4).collect();
    let items = s.batch_documents(&ids).unwrap();
    assert_eq!(items.len(), 4);
    for (item, d) in items.iter().zip(&docs) {
        let number = d.number.clone().unwrap_or_else(|| format!("草稿{}", d.id));
        assert_eq!(
            item.name,
            format!("{number}-{}-{}", d.target_unit_name, d.title)
        );
        assert_eq!(item.doc.title, d.title);
    }
    assert_eq!(
        s.batch_documents(&[]).unwrap_err().field.as_deref(),
        Some("ids")
    );
    assert_eq!(
        s.batch_documents(&[999_999]).unwrap_err().code,
        ErrorCode::NotFound
    );
}

#[test]
fn documents_from_plan_tasks_name_the_plan_once_as_their_basis() {
    let (_dir, s, _a) = sample_store();
    for d in s.list_docs(&Default::default()).unwrap() {
        if d.task_ids.is_empty() {
            continue;
        }
        let doc = s.official_document(d.id).unwrap();
        let first = doc.body[0].text();
        assert!(first.starts_with("根据《"), "{}: {first}", d.kind_label);
        assert!(!first.contains("根据根据"), "{}: {first}", d.kind_label);
        assert!(
            first.contains("网络推进图》工作安排"),
            "{}: {first}",
            d.kind_label
        );
    }
}
