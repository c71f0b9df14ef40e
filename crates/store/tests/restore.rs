//! A backup is the database, the attachments and `documents/` (seal image,
//! the office's fonts): restored on a fresh data directory, a signed order
//! prints with its seal and every attachment is there. A restore never loses
//! a file that existed before it. Needs poppler-utils and fonts-noto-cjk,
//! like the other document tests.
mod common;

use common::{copy_dir, feedback, image_rows, office, photo, today};
use diaodu_documents::FontRole;
use diaodu_store::{AttachmentRef, Store, BACKUP_POOL};
use std::path::{Path, PathBuf};

const NOTO_SERIF: &str = "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc";

fn files_in(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        if e.path().is_dir() {
            files_in(&e.path(), out);
        } else {
            out.push(e.path());
        }
    }
}

/// Whether the pool beside the backups holds a file with these bytes.
fn pool_holds(backups: &Path, bytes: &[u8]) -> bool {
    let mut all = Vec::new();
    files_in(&backups.join(BACKUP_POOL), &mut all);
    all.iter().any(|f| std::fs::read(f).unwrap() == bytes)
}

fn attach_photos(
    o: &mut common::Office,
    dir: &Path,
    seeds: &[u8],
) -> Vec<(AttachmentRef, PathBuf)> {
    let mut refs = Vec::new();
    for seed in seeds {
        let p = photo(dir, &format!("现场{seed}.png"), *seed);
        let s = o.s.stage_attachment(&o.dispatcher, &p).unwrap();
        refs.push((
            AttachmentRef {
                sha256: s.sha256,
                name: s.name,
            },
            p,
        ));
    }
    let mut f = feedback("task", o.task, o.unit, &today());
    f.attachments = refs.iter().map(|(r, _)| r.clone()).collect();
    o.s.add_feedback(&o.dispatcher, &f).unwrap();
    refs
}

#[test]
fn a_backup_restored_on_a_fresh_data_dir_prints_the_seal_and_has_every_attachment() {
    let mut o = office();
    let files = tempfile::tempdir().unwrap();
    let seal = files.path().join("我们的公章.png");
    std::fs::write(&seal, diaodu_documents::sample::seal_png()).unwrap();
    o.s.set_seal_image(&o.admin, Some(&seal)).unwrap();
    o.s.set_doc_font(&o.admin, FontRole::FangSong, Some(Path::new(NOTO_SERIF)))
        .unwrap();
    let refs = attach_photos(&mut o, files.path(), &[1, 2]);

    let backups = tempfile::tempdir().unwrap();
    let info =
        o.s.backup_to(&o.admin, &backups.path().join("备份.db"))
            .unwrap();
    assert_eq!(
        (info.attachments, info.attachments_missing, info.documents),
        (2, 0, 2),
        "two photos; the seal image and the font file"
    );

    // Another PC: the backup folder copied over, an empty data directory.
    let elsewhere = tempfile::tempdir().unwrap();
    let moved = elsewhere.path().join("拷贝的备份");
    copy_dir(backups.path(), &moved);
    let fresh = tempfile::tempdir().unwrap();
    let report = Store::restore(fresh.path(), &moved.join("备份.db")).unwrap();
    assert_eq!(
        (
            report.attachments_restored,
            report.attachments_missing,
            report.documents_restored,
            report.documents_missing
        ),
        (2, 0, 2, 0)
    );
    let s = Store::open(fresh.path()).unwrap();
    for (r, original) in &refs {
        let back = s.attachment_store().unwrap().path_of(&r.sha256);
        assert_eq!(
            std::fs::read(back).unwrap(),
            std::fs::read(original).unwrap()
        );
    }
    let shown = s.list_feedback("task", o.task).unwrap();
    assert_eq!(shown[0].attachments.len(), 2);
    let settings = s.doc_settings().unwrap();
    let kept_seal = fresh.path().join(&settings.seal.unwrap().file);
    assert_eq!(
        std::fs::read(kept_seal).unwrap(),
        diaodu_documents::sample::seal_png()
    );
    let font = settings.fonts[0].configured.clone().unwrap();
    assert_eq!(
        std::fs::metadata(fresh.path().join(&font.file))
            .unwrap()
            .len(),
        std::fs::metadata(NOTO_SERIF).unwrap().len()
    );
    // The signed order prints with the office's font and its seal.
    let fonts = diaodu_documents::Fonts::load(&s.font_config().unwrap()).unwrap();
    let pdf = s.doc_pdf(o.order, &fonts).unwrap();
    assert_eq!(
        image_rows(files.path(), &pdf),
        1,
        "the seal image is in the PDF"
    );
    assert_eq!(listed_backup_files(&s), 0);
}

/// Rows of the live database's `backup_file` table: the list belongs to
/// backup copies, so a restore leaves it empty.
fn listed_backup_files(s: &Store) -> i64 {
    rusqlite::Connection::open(s.db_path())
        .unwrap()
        .query_row("SELECT COUNT(*) FROM backup_file", [], |r| r.get(0))
        .unwrap()
}

#[test]
fn a_restore_never_loses_a_file_that_existed_before_it() {
    let mut o = office();
    let files = tempfile::tempdir().unwrap();
    let first_seal = files.path().join("旧公章.png");
    std::fs::write(&first_seal, diaodu_documents::sample::seal_png()).unwrap();
    o.s.set_seal_image(&o.admin, Some(&first_seal)).unwrap();
    // A backup from before the photos and the new seal, kept elsewhere.
    let elsewhere = tempfile::tempdir().unwrap();
    let before = elsewhere.path().join("之前.db");
    o.s.backup_to(&o.admin, &before).unwrap();

    let refs = attach_photos(&mut o, files.path(), &[3]);
    let new_seal = photo(files.path(), "新公章.png", 9);
    o.s.set_seal_image(&o.admin, Some(&new_seal)).unwrap();
    let backups = o.s.backup_dir().unwrap();
    let data_dir = o.dir.path().to_path_buf();
    drop(o.s);

    Store::restore(&data_dir, &before).unwrap();
    let s = Store::open(&data_dir).unwrap();
    let seal_file = data_dir.join(s.doc_settings().unwrap().seal.unwrap().file);
    assert_eq!(
        std::fs::read(&seal_file).unwrap(),
        diaodu_documents::sample::seal_png(),
        "the backup's seal is back"
    );
    // The safety copy holds everything as it was: the photo and the new seal.
    let photo_bytes = std::fs::read(&refs[0].1).unwrap();
    assert!(pool_holds(&backups, &photo_bytes), "the photo");
    assert!(
        pool_holds(&backups, &std::fs::read(&new_seal).unwrap()),
        "the new seal"
    );
    // A day later, the hourly clean-up of files no record uses keeps the
    // photo the database before the restore referred to.
    let stored = s.attachment_store().unwrap().path_of(&refs[0].0.sha256);
    std::fs::File::open(&stored)
        .unwrap()
        .set_modified(std::time::SystemTime::now() - std::time::Duration::from_secs(3 * 86_400))
        .unwrap();
    s.prune_staged_attachments().unwrap();
    assert_eq!(std::fs::read(&stored).unwrap(), photo_bytes);
    drop(s);

    // And going back to the safety copy restores all of it.
    let safety = std::fs::read_dir(&backups)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .find(|p| {
            p.file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with("before-restore-")
        })
        .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(1100));
    Store::restore(&data_dir, &safety).unwrap();
    let s = Store::open(&data_dir).unwrap();
    assert_eq!(
        std::fs::read(&seal_file).unwrap(),
        std::fs::read(&new_seal).unwrap()
    );
    assert_eq!(
        s.list_feedback("task", o.task).unwrap()[0]
            .attachments
            .len(),
        1
    );
}
