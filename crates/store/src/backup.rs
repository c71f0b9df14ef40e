//! Backups with SQLite's online backup API (consistent while the app keeps
//! writing), daily automatic backups with retention, and a guarded restore.
use crate::attachments::vault;
use crate::audit::record;
use crate::db::{commit, Actor, Store};
use crate::migrate::{self, APPLICATION_ID};
use crate::{now_text, Result};
use diaodu_domain::{CoreError, Permission};
use rusqlite::{Connection, DatabaseName, OpenFlags};
use serde::Serialize;
use std::path::{Path, PathBuf};

const AUTO_PREFIX: &str = "diaodu-";

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct BackupInfo {
    pub path: String,
    pub at: String,
    /// Attached files the backup refers to, kept in `diaodu-attachments/`
    /// beside it, and how many of them were missing from the store.
    pub attachments: usize,
    pub attachments_missing: usize,
    /// Files of `documents/` (seal image, fonts) kept with the backup.
    pub documents: usize,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RestoreReport {
    pub restored_from: String,
    pub safety_copy: String,
    pub schema_version: i64,
    /// Attached files brought back into the store, and those the backup
    /// referred to but that were not beside it.
    pub attachments_restored: usize,
    pub attachments_missing: usize,
    /// Files of `documents/` put back, and those listed but not found.
    pub documents_restored: usize,
    pub documents_missing: usize,
}

/// Copies the live database into `dest` through a temporary file, so a
/// half-written backup never carries the final name, with the files of
/// `documents/` listed in the copy and kept in the pool beside it.
fn copy_live(conn: &Connection, data_dir: &Path, dest: &Path) -> Result<vault::Moved> {
    if let Some(parent) = dest.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent).map_err(|e| {
            CoreError::storage(format!("无法创建备份目录 {}：{e}", parent.display()))
        })?;
    }
    let tmp = dest.with_extension("partial");
    let _ = std::fs::remove_file(&tmp);
    conn.backup(DatabaseName::Main, &tmp, None)
        .map_err(|e| CoreError::storage(format!("备份失败：{e}")))?;
    let documents = vault::save_documents(data_dir, &tmp, dest).inspect_err(|_| {
        let _ = std::fs::remove_file(&tmp);
    })?;
    std::fs::rename(&tmp, dest)
        .map_err(|e| CoreError::storage(format!("备份文件无法保存到 {}：{e}", dest.display())))?;
    Ok(documents)
}

/// Opens a candidate file read-only and checks that it is a healthy database
/// of this app that this version can read.
fn check_restorable(file: &Path) -> Result<i64> {
    if !file.is_file() {
        return Err(CoreError::validation(
            "file",
            format!("找不到文件 {}", file.display()),
        ));
    }
    let not_ours = || {
        CoreError::validation(
            "file",
            format!(
                "{} 不是党建调度台的数据库或备份文件，未做任何改动",
                file.display()
            ),
        )
    };
    let conn = Connection::open_with_flags(file, OpenFlags::SQLITE_OPEN_READ_ONLY)
        .map_err(|_| not_ours())?;
    let app_id = migrate::application_id(&conn).map_err(|_| not_ours())?;
    if app_id != APPLICATION_ID {
        return Err(not_ours());
    }
    let version = migrate::check_not_newer(&conn)?;
    let ok: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .map_err(|_| not_ours())?;
    if ok != "ok" {
        return Err(CoreError::validation(
            "file",
            format!("备份文件已损坏（{ok}），未做任何改动"),
        ));
    }
    Ok(version)
}

impl Store {
    /// Backs the database up to `dest` and records it.
    pub fn backup_to(&mut self, actor: &Actor, dest: &Path) -> Result<BackupInfo> {
        actor.require(Permission::EditRecords)?;
        let documents = copy_live(&self.conn, self.data_dir(), dest)?;
        // All or nothing: a database whose attachments could not be saved
        // with it is not left behind looking like a good backup.
        let moved = vault::save(&self.attachment_store()?, dest).inspect_err(|_| {
            let _ = std::fs::remove_file(dest);
        })?;
        let at = now_text();
        let tx = self.tx()?;
        Store::set_setting_raw(&tx, "last_backup_at", &at)?;
        record(
            &tx,
            actor,
            "backup",
            None,
            "backup",
            &format!("备份到 {}", dest.display()),
            serde_json::json!({"path": dest.display().to_string(), "attachments": moved.total, "attachmentsCopied": moved.copied, "attachmentsMissing": moved.missing, "documents": documents.total}),
        )?;
        commit(tx)?;
        Ok(BackupInfo {
            path: dest.display().to_string(),
            at,
            attachments: moved.total,
            attachments_missing: moved.missing,
            documents: documents.total,
        })
    }

    /// A backup into the configured folder, then old automatic backups beyond
    /// the retention count are removed.
    pub fn backup_now(&mut self, actor: &Actor) -> Result<BackupInfo> {
        let dir = self.backup_dir()?;
        let name = format!(
            "{AUTO_PREFIX}{}.db",
            diaodu_domain::clock::now().format("%Y%m%d-%H%M%S")
        );
        let info = self.backup_to(actor, &dir.join(name))?;
        self.prune_backups(&dir)?;
        Ok(info)
    }

    /// Runs the daily backup if none was made today. Returns what it made.
    pub fn auto_backup_if_due(&mut self) -> Result<Option<BackupInfo>> {
        let today = diaodu_domain::clock::now().format("%Y-%m-%d").to_string();
        let last = self.setting("last_backup_at")?.unwrap_or_default();
        if last.starts_with(&today) {
            return Ok(None);
        }
        let system = Actor {
            user_id: None,
            username: "自动备份".into(),
            role: diaodu_domain::Role::Admin,
        };
        self.backup_now(&system).map(Some)
    }

    fn prune_backups(&self, dir: &Path) -> Result<()> {
        let keep = self.settings()?.backup_keep.max(1) as usize;
        let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
            .map_err(|e| CoreError::storage(format!("无法读取备份目录：{e}")))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| {
                p.file_name()
                    .and_then(|n| n.to_str())
                    .is_some_and(|n| n.starts_with(AUTO_PREFIX) && n.ends_with(".db"))
            })
            .collect();
        // Names carry the timestamp, so name order is age order.
        files.sort();
        let excess = files.len().saturating_sub(keep);
        for old in &files[..excess] {
            let _ = std::fs::remove_file(old);
        }
        if excess > 0 {
            vault::collect_garbage(dir);
        }
        Ok(())
    }

    /// Replaces the database of `data_dir` with the backup `file`, and puts
    /// back the attachments and the files of `documents/` kept with it. The
    /// file is checked first and nothing is touched if it is not a sound
    /// backup of this app. The current state is kept first as a safety copy
    /// in the backup folder, made like any backup (database, attachments,
    /// `documents/`), and the files the current database refers to are
    /// marked as retained, so the hourly clean-up of unused files never
    /// removes them: a restore never loses a file that existed before it.
    pub fn restore(data_dir: &Path, file: &Path) -> Result<RestoreReport> {
        check_restorable(file)?;
        let mut store = Store::open(data_dir)?;
        let safety = store.backup_dir()?.join(format!(
            "before-restore-{}.db",
            diaodu_domain::clock::now().format("%Y%m%d-%H%M%S")
        ));
        copy_live(&store.conn, data_dir, &safety)?;
        let files = store.attachment_store()?;
        vault::save(&files, &safety).inspect_err(|_| {
            let _ = std::fs::remove_file(&safety);
        })?;
        let before = vault::column_of(&store.conn, "SELECT sha256 FROM attachment")?;
        // Files first: adding content-addressed files harms nothing if the
        // database restore then fails, and the restored records find them.
        // documents/ as it was is in the safety copy's pool.
        let moved = vault::restore(&files, file)?;
        let documents = vault::restore_documents(data_dir, file)?;
        store
            .conn
            .restore(
                DatabaseName::Main,
                file,
                None::<fn(rusqlite::backup::Progress)>,
            )
            .map_err(|e| {
                CoreError::storage(format!(
                    "恢复失败，原数据库未改动（安全副本 {}）：{e}",
                    safety.display()
                ))
            })?;
        crate::db::configure(&store.conn)?;
        let version = migrate::migrate(&mut store.conn)?;
        let now = now_text();
        let tx = store.tx()?;
        // The list describes the backup, not the live data directory.
        tx.execute("DELETE FROM backup_file", [])
            .map_err(crate::db::sql_err)?;
        let reason = format!("恢复数据前的数据库引用（安全副本 {}）", safety.display());
        for sha in &before {
            tx.execute(
                "INSERT OR IGNORE INTO attachment_retained (sha256, reason, retained_at) VALUES (?1, ?2, ?3)",
                rusqlite::params![sha, reason, now],
            )
            .map_err(crate::db::sql_err)?;
        }
        record(
            &tx,
            &Actor::cli(),
            "backup",
            None,
            "restore",
            &format!("从 {} 恢复数据", file.display()),
            serde_json::json!({"file": file.display().to_string(), "safetyCopy": safety.display().to_string(),
                "attachmentsRestored": moved.copied, "attachmentsMissing": moved.missing,
                "attachmentsRetained": before.len(),
                "documentsRestored": documents.copied, "documentsMissing": documents.missing}),
        )?;
        commit(tx)?;
        Ok(RestoreReport {
            restored_from: file.display().to_string(),
            safety_copy: safety.display().to_string(),
            schema_version: version,
            attachments_restored: moved.copied,
            attachments_missing: moved.missing,
            documents_restored: documents.copied,
            documents_missing: documents.missing,
        })
    }
}
