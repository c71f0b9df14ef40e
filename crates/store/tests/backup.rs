mod common;
use diaodu_domain::ErrorCode;
use diaodu_store::{SettingsInput, Store, UnitInput, DB_FILE_NAME};

fn unit(name: &str) -> UnitInput {
    UnitInput {
        name: name.into(),
        kind: "committee".into(),
        ..Default::default()
    }
}

#[test]
fn backup_and_restore_round_trip() {
    let (dir, mut s, a) = common::admin_store();
    s.create_unit(&a, &unit("矿党委")).unwrap();
    let file = dir.path().join("copy.db");
    s.backup_to(&a, &file).unwrap();
    let c = s.list_units(false).unwrap()[0].id;
    s.update_unit(&a, c, &unit("改过的名字")).unwrap();
    assert!(s.settings().unwrap().last_backup_at.is_some());
    drop(s);

    let report = Store::restore(dir.path(), &file).unwrap();
    assert!(std::path::Path::new(&report.safety_copy).is_file());
    let s = Store::open(dir.path()).unwrap();
    assert_eq!(s.list_units(false).unwrap()[0].name, "矿党委");
    assert_eq!(s.integrity_check().unwrap(), "ok");
}

#[test]
fn restore_refuses_foreign_files_and_touches_nothing() {
    let (dir, mut s, a) = common::admin_store();
    s.create_unit(&a, &unit("矿党委")).unwrap();
    drop(s);
    let db = dir.path().join(DB_FILE_NAME);
    let before = std::fs::read(&db).unwrap();

    let text = dir.path().join("notes.txt");
    std::fs::write(&text, "这不是数据库").unwrap();
    let e = Store::restore(dir.path(), &text).unwrap_err();
    assert_eq!(e.code, ErrorCode::Validation);
    assert!(e.message.contains("不是党建调度台的数据库"));

    let other = dir.path().join("other.db");
    foreign_sqlite_file(&other);
    assert!(Store::restore(dir.path(), &other).is_err());
    assert!(Store::restore(dir.path(), &dir.path().join("missing.db")).is_err());
    assert_eq!(std::fs::read(&db).unwrap(), before);
    assert!(
        !dir.path().join("backups").exists(),
        "no safety copy was needed"
    );
}

/// A file that starts like SQLite but is not this app's database.
fn foreign_sqlite_file(path: &std::path::Path) {
    let mut header = b"SQLite format 3\0".to_vec();
    header.resize(4096, 0);
    std::fs::write(path, header).unwrap();
}

#[test]
fn automatic_backup_runs_once_a_day_and_keeps_the_count() {
    let (dir, mut s, a) = common::admin_store();
    let bdir = dir.path().join("外部备份");
    s.update_settings(
        &a,
        &SettingsInput {
            idle_lock_minutes: 5,
            backup_dir: bdir.display().to_string(),
            backup_keep: 2,
        },
    )
    .unwrap();
    assert!(s.auto_backup_if_due().unwrap().is_some());
    assert!(
        s.auto_backup_if_due().unwrap().is_none(),
        "second call the same day does nothing"
    );
    for _ in 0..3 {
        std::thread::sleep(std::time::Duration::from_millis(1100));
        s.backup_now(&a).unwrap();
    }
    let count = std::fs::read_dir(&bdir).unwrap().count();
    assert_eq!(count, 2);
    let e = s
        .update_settings(
            &a,
            &SettingsInput {
                idle_lock_minutes: 0,
                backup_dir: String::new(),
                backup_keep: 2,
            },
        )
        .unwrap_err();
    assert_eq!(e.field.as_deref(), Some("idleLockMinutes"));
    let e = s
        .update_settings(
            &a,
            &SettingsInput {
                idle_lock_minutes: 5,
                backup_dir: "relative/dir".into(),
                backup_keep: 2,
            },
        )
        .unwrap_err();
    assert_eq!(e.field.as_deref(), Some("backupDir"));
}
