mod common;

use common::{copy_dir, feedback, office, photo, today};
use diaodu_domain::ErrorCode;
use diaodu_store::{AttachmentRef, AttachmentStore, Store, BACKUP_POOL};
use std::path::Path;

/// Files in the store folder, temporary ones included.
fn stored_files(root: &Path) -> Vec<String> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(root).into_iter().flatten().flatten() {
        if e.path().is_dir() {
            out.extend(stored_files(&e.path()));
        } else {
            out.push(e.file_name().to_string_lossy().to_string());
        }
    }
    out.sort();
    out
}

#[test]
fn the_same_content_is_stored_once() {
    let dir = tempfile::tempdir().unwrap();
    let files = AttachmentStore::new(dir.path().join("attachments"), 10 * 1024 * 1024);
    let a = photo(dir.path(), "一.jpg", 9);
    let copy = dir.path().join("二.jpg");
    std::fs::copy(&a, &copy).unwrap();
    let first = files.ingest_file(&a).unwrap();
    let second = files.ingest_file(&copy).unwrap();
    assert_eq!(first.sha256, second.sha256);
    assert_eq!(
        (first.name.as_str(), second.name.as_str()),
        ("一.jpg", "二.jpg")
    );
    assert_eq!(first.media_type, "image/jpeg");
    assert!(first.has_thumb);
    let stored = stored_files(files.root());
    assert_eq!(
        stored,
        vec![first.sha256.clone(), format!("{}.thumb.jpg", first.sha256)]
    );
    let path = files.path_of(&first.sha256);
    assert_eq!(
        path.parent().unwrap().file_name().unwrap().to_str(),
        Some(&first.sha256[..2])
    );
    assert_eq!(std::fs::read(path).unwrap(), std::fs::read(&a).unwrap());
    use sha2::Digest;
    let digest: String = sha2::Sha256::digest(std::fs::read(&a).unwrap())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    assert_eq!(first.sha256, digest, "named by the SHA-256 of the content");
    assert!(std::fs::metadata(files.path_of(&first.sha256))
        .unwrap()
        .permissions()
        .readonly());
    let other = files.ingest_file(&photo(dir.path(), "三.png", 10)).unwrap();
    assert_ne!(other.sha256, first.sha256);
}

#[test]
fn oversize_and_disallowed_files_are_refused_by_name() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("attachments");
    let files = AttachmentStore::new(&root, 1024 * 1024);

    // Declared too big: refused before anything is copied.
    let mut video = b"\0\0\0\x18ftypmp42\0\0\0\0isommp42".to_vec();
    video.resize(1024 * 1024 + 1, 0x55);
    let big = dir.path().join("巡查录像.mp4");
    std::fs::write(&big, &video).unwrap();
    let e = files.ingest_file(&big).unwrap_err();
    assert_eq!(e.code, ErrorCode::Validation);
    assert!(
        e.message.contains("巡查录像.mp4") && e.message.contains("超过附件大小上限 1 MB"),
        "{}",
        e.message
    );
    // A source that does not say its size is stopped while copying, and the
    // partial copy is gone.
    let e = files
        .ingest_reader("直播录像.mp4", std::io::Cursor::new(video.clone()), None)
        .unwrap_err();
    assert!(e.message.contains("直播录像.mp4"), "{}", e.message);
    assert!(
        stored_files(&root).is_empty(),
        "no partial file left: {:?}",
        stored_files(&root)
    );

    for (name, bytes) in [
        ("通知.jpg", b"MZ\x90\0\x03\0\0\0\x04\0".to_vec()),
        ("脚本.sh", b"#!/bin/sh\nrm -rf /\n".to_vec()),
        ("压缩包.zip", b"PK\x03\x04\x14\0\0\0\0\0setup.exe".to_vec()),
    ] {
        let p = dir.path().join(name);
        std::fs::write(&p, bytes).unwrap();
        let e = files.ingest_file(&p).unwrap_err();
        assert!(
            e.message.contains(name) && e.message.contains("类型不在允许范围内"),
            "{}",
            e.message
        );
        assert!(e.message.contains("允许：照片"), "{}", e.message);
    }
    let empty = dir.path().join("空.txt");
    std::fs::write(&empty, b"").unwrap();
    assert!(files
        .ingest_file(&empty)
        .unwrap_err()
        .message
        .contains("空文件"));
    let e = files.ingest_file(&dir.path().join("没有.pdf")).unwrap_err();
    assert!(e.message.contains("找不到文件"), "{}", e.message);
    assert!(stored_files(&root).is_empty());

    // Allowed documents pass and keep no thumbnail.
    let pdf = dir.path().join("整改报告.pdf");
    std::fs::write(&pdf, b"%PDF-1.4\n%\xe2\xe3\n1 0 obj\n<<>>\nendobj\n").unwrap();
    let s = files.ingest_file(&pdf).unwrap();
    assert_eq!((s.kind.as_str(), s.has_thumb), ("document", false));
}

#[test]
fn the_limit_is_a_setting() {
    let mut o = office();
    assert_eq!(o.s.attachment_settings().unwrap().max_mb, 2048);
    assert_eq!(
        o.s.attachment_store().unwrap().max_bytes(),
        2048 * 1024 * 1024
    );
    let e =
        o.s.update_attachment_settings(&o.dispatcher, 10)
            .unwrap_err();
    assert_eq!(e.code, ErrorCode::Forbidden);
    let e = o.s.update_attachment_settings(&o.admin, 0).unwrap_err();
    assert_eq!(e.field.as_deref(), Some("attachmentMaxMb"));
    o.s.update_attachment_settings(&o.admin, 1).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("大照片.jpg");
    let mut bytes = vec![0xFF, 0xD8, 0xFF, 0xE0];
    bytes.resize(2 * 1024 * 1024, 1);
    std::fs::write(&p, bytes).unwrap();
    let e = o.s.stage_attachment(&o.dispatcher, &p).unwrap_err();
    assert!(
        e.message.contains("大照片.jpg") && e.message.contains("1 MB"),
        "{}",
        e.message
    );
    assert!(o.s.stage_attachment(&o.viewer, &p).is_err());
}

#[test]
fn backup_and_restore_carry_the_attachments() {
    let mut o = office();
    let files = tempfile::tempdir().unwrap();
    let png = photo(files.path(), "现场.png", 1);
    let pdf = files.path().join("整改报告.pdf");
    std::fs::write(&pdf, b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\n").unwrap();
    let mut refs = Vec::new();
    for p in [&png, &pdf] {
        let s = o.s.stage_attachment(&o.dispatcher, p).unwrap();
        refs.push(AttachmentRef {
            sha256: s.sha256,
            name: s.name,
        });
    }
    let mut f = feedback("task", o.task, o.unit, &today());
    f.attachments = refs.clone();
    o.s.add_feedback(&o.dispatcher, &f).unwrap();

    let backups = tempfile::tempdir().unwrap();
    let file = backups.path().join("备份.db");
    let info = o.s.backup_to(&o.admin, &file).unwrap();
    assert_eq!((info.attachments, info.attachments_missing), (2, 0));
    for r in &refs {
        let kept = backups
            .path()
            .join(BACKUP_POOL)
            .join(&r.sha256[..2])
            .join(&r.sha256);
        assert!(kept.is_file(), "{} kept beside the backup", r.name);
    }
    // A second backup in the same folder shares the files.
    let second = backups.path().join("备份2.db");
    o.s.backup_to(&o.admin, &second).unwrap();

    // The attachments are lost from the data directory …
    let common::Office { dir: _keep, s, .. } = o;
    let data_dir = _keep.path().to_path_buf();
    drop(s);
    make_writable(&data_dir.join("attachments"));
    std::fs::remove_dir_all(data_dir.join("attachments")).unwrap();
    // … and come back with the restore.
    let report = Store::restore(&data_dir, &file).unwrap();
    assert_eq!(
        (report.attachments_restored, report.attachments_missing),
        (2, 0)
    );
    let s = Store::open(&data_dir).unwrap();
    for (r, original) in refs.iter().zip([&png, &pdf]) {
        let back = s.attachment_store().unwrap().path_of(&r.sha256);
        assert_eq!(
            std::fs::read(back).unwrap(),
            std::fs::read(original).unwrap()
        );
    }
    // The thumbnail, not backed up, is made again on request.
    assert!(s.attachment_thumbnail(&refs[0].sha256).unwrap().is_some());
    let restored = s.list_feedback("task", 1).unwrap();
    assert_eq!(restored[0].attachments.len(), 2);

    // Into a fresh data directory on another machine, from a copied folder.
    let elsewhere = tempfile::tempdir().unwrap();
    let moved = elsewhere.path().join("拷贝");
    copy_dir(backups.path(), &moved);
    let fresh = tempfile::tempdir().unwrap();
    drop(Store::open(fresh.path()).unwrap());
    let report = Store::restore(fresh.path(), &moved.join("备份.db")).unwrap();
    assert_eq!(report.attachments_restored, 2);
    let s = Store::open(fresh.path()).unwrap();
    assert!(s.attachment_store().unwrap().contains(&refs[1].sha256));

    // A backup whose attachments folder was not copied along still restores
    // the records, and says how many files are missing.
    let bare = tempfile::tempdir().unwrap();
    std::fs::copy(&file, bare.path().join("只有数据库.db")).unwrap();
    let fresh = tempfile::tempdir().unwrap();
    let report = Store::restore(fresh.path(), &bare.path().join("只有数据库.db")).unwrap();
    assert_eq!(
        (report.attachments_restored, report.attachments_missing),
        (0, 2)
    );
}

#[test]
fn pool_files_go_when_no_backup_refers_to_them() {
    let mut o = office();
    o.s.update_settings(
        &o.admin,
        &diaodu_store::SettingsInput {
            idle_lock_minutes: 10,
            backup_dir: String::new(),
            backup_keep: 1,
        },
    )
    .unwrap();
    // A backup from before the photo was attached, kept elsewhere.
    let elsewhere = tempfile::tempdir().unwrap();
    let before = elsewhere.path().join("照片之前.db");
    o.s.backup_to(&o.admin, &before).unwrap();

    let files = tempfile::tempdir().unwrap();
    let a =
        o.s.stage_attachment(&o.dispatcher, &photo(files.path(), "旧.png", 1))
            .unwrap();
    let mut f = feedback("task", o.task, o.unit, &today());
    f.attachments = vec![AttachmentRef {
        sha256: a.sha256.clone(),
        name: a.name.clone(),
    }];
    o.s.add_feedback(&o.dispatcher, &f).unwrap();
    o.s.backup_now(&o.admin).unwrap();
    let backups = o.s.backup_dir().unwrap();
    let kept = backups
        .join(BACKUP_POOL)
        .join(&a.sha256[..2])
        .join(&a.sha256);
    assert!(kept.is_file());

    // Going back to the earlier backup leaves no record using the photo;
    // the safety copy of the restore still refers to it.
    let data_dir = o.dir.path().to_path_buf();
    let admin = o.admin.clone();
    drop(o.s);
    Store::restore(&data_dir, &before).unwrap();
    let mut s = Store::open(&data_dir).unwrap();
    std::thread::sleep(std::time::Duration::from_millis(1100));
    s.backup_now(&admin).unwrap();
    assert!(kept.is_file(), "the safety copy still refers to it");
    for e in std::fs::read_dir(&backups).unwrap().flatten() {
        if e.file_name()
            .to_string_lossy()
            .starts_with("before-restore-")
        {
            std::fs::remove_file(e.path()).unwrap();
        }
    }
    std::thread::sleep(std::time::Duration::from_millis(1100));
    s.backup_now(&admin).unwrap();
    assert!(!kept.exists(), "no backup refers to it any more");
}

fn make_writable(dir: &Path) {
    for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        if e.path().is_dir() {
            make_writable(&e.path());
        } else {
            let mut p = e.metadata().unwrap().permissions();
            #[allow(clippy::permissions_set_readonly_false)]
            p.set_readonly(false);
            std::fs::set_permissions(e.path(), p).unwrap();
        }
    }
}
