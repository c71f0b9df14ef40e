//! A small office for the closed-loop tests: an administrator, a 签发人, a
//! 调度员 and a 查看 account, two units, a plan with one task and an order for
//! that task, signed and received.
#![allow(dead_code)]
use diaodu_store::{Actor, DocInput, FeedbackInput, PlanInput, Store, TaskInput, UnitInput};
use std::path::{Path, PathBuf};

pub struct Office {
    pub dir: tempfile::TempDir,
    pub s: Store,
    pub admin: Actor,
    pub signer: Actor,
    pub dispatcher: Actor,
    pub viewer: Actor,
    pub unit: i64,
    pub other_unit: i64,
    pub task: i64,
    pub order: i64,
}

/// Names the office's issuing body, as 公文设置 does; the default number
/// prefixes (晋源党调令, 晋源党调催, …) follow from it.
pub fn name_the_office(s: &mut Store, admin: &Actor) {
    s.update_doc_settings(
        admin,
        &diaodu_store::DocSettingsInput {
            issuer_name: "晋源煤矿党委党建调度室".into(),
            ..Default::default()
        },
    )
    .unwrap();
}

pub fn today() -> String {
    chrono::Local::now().date_naive().to_string()
}

/// A working day a week or two ahead (deadlines must fall on working days).
pub fn next_working_day() -> String {
    let d = chrono::Local::now().date_naive() + chrono::Duration::days(10);
    diaodu_schedule::WorkCalendar::statutory()
        .working_on_or_after(d)
        .unwrap()
        .to_string()
}

pub fn days_ago(n: i64) -> String {
    (chrono::Local::now().date_naive() - chrono::Duration::days(n)).to_string()
}

fn unit(s: &mut Store, a: &Actor, name: &str) -> i64 {
    s.create_unit(
        a,
        &UnitInput {
            name: name.into(),
            kind: "branch".into(),
            ..Default::default()
        },
    )
    .unwrap()
    .id
}

/// A new store in a temporary folder, with its administrator logged in.
pub fn admin_store() -> (tempfile::TempDir, Store, Actor) {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Store::open(dir.path()).unwrap();
    let admin = s
        .setup_admin("admin", "系统管理员", ADMIN_PASSWORD)
        .unwrap()
        .actor();
    (dir, s, admin)
}

pub const ADMIN_PASSWORD: &str = "Admin#2026";

pub fn office() -> Office {
    let (dir, mut s, admin) = admin_store();
    // The office's issuing body; its numbers (晋源党调令…) follow from it.
    name_the_office(&mut s, &admin);
    let signer = s
        .create_user(&admin, "signer", "关主任", "signer", "Signer#2026")
        .unwrap()
        .actor();
    let dispatcher = s
        .create_user(&admin, "diaodu", "李调度", "dispatcher", "Dispatch#2026")
        .unwrap()
        .actor();
    let viewer = s
        .create_user(&admin, "chakan", "查看员", "viewer", "Viewer#2026")
        .unwrap()
        .actor();
    let unit_id = unit(&mut s, &admin, "综采一队党支部");
    let other_unit = unit(&mut s, &admin, "机电科党支部");
    let plan = s
        .create_plan(
            &admin,
            &PlanInput {
                title: "强化基础工作建设专项行动".into(),
                kind: "special".into(),
                start: days_ago(30),
                ..Default::default()
            },
        )
        .unwrap();
    let task = s
        .create_task(
            &admin,
            &TaskInput {
                plan_id: plan.id,
                name: "支部标准化建设自查".into(),
                lead_unit_id: Some(unit_id),
                duration: Some(10),
                ..Default::default()
            },
        )
        .unwrap();
    let order = s
        .create_doc(
            &dispatcher,
            &DocInput {
                kind: "order".into(),
                title: "关于支部标准化建设自查的调度令".into(),
                urgency: Some("urgent".into()),
                content: "对照清单逐项自查。".into(),
                target_unit_id: Some(unit_id),
                task_ids: vec![task],
                ..Default::default()
            },
        )
        .unwrap()
        .id;
    s.sign_doc(&signer, order, "Signer#2026").unwrap();
    s.receive_doc(&dispatcher, order, "王书记", &today())
        .unwrap();
    Office {
        dir,
        s,
        admin,
        signer,
        dispatcher,
        viewer,
        unit: unit_id,
        other_unit,
        task,
        order,
    }
}

pub fn feedback(kind: &str, id: i64, unit: i64, on: &str) -> FeedbackInput {
    FeedbackInput {
        target_kind: kind.into(),
        target_id: id,
        reported_on: on.into(),
        unit_id: Some(unit),
        person_name: "王书记".into(),
        text: "已完成自查，形成问题清单。".into(),
        ..Default::default()
    }
}

/// A small photo, drawn here, written as PNG or JPEG by its extension.
pub fn photo(dir: &Path, name: &str, seed: u8) -> PathBuf {
    let img = image::RgbImage::from_fn(96, 64, |x, y| {
        image::Rgb([(x * 2) as u8 ^ seed, (y * 3) as u8, seed.wrapping_mul(7)])
    });
    let path = dir.join(name);
    img.save(&path).unwrap();
    path
}

/// Copies a folder tree (a backup folder carried to another PC).
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap().flatten() {
        let dest = to.join(e.file_name());
        if e.path().is_dir() {
            copy_dir(&e.path(), &dest);
        } else {
            std::fs::copy(e.path(), dest).unwrap();
        }
    }
}

/// Images in a PDF, as `pdfimages -list` counts them (the seal is one).
pub fn image_rows(dir: &Path, pdf: &[u8]) -> usize {
    let file = dir.join("i.pdf");
    std::fs::write(&file, pdf).unwrap();
    let out = std::process::Command::new("pdfimages")
        .args(["-list", file.to_str().unwrap()])
        .output()
        .expect("pdfimages (poppler-utils) must be installed");
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .skip(2)
        .filter(|l| l.split_whitespace().nth(2) == Some("image"))
        .count()
}
