//! Attachments in backups. Beside a backup file, `diaodu-attachments/`
//! holds the attached files under their content hash, shared by every
//! backup in that folder: content never changes, so a file is copied once
//! however many backups refer to it. A restore brings back the files the
//! restored database refers to before the database itself is replaced.
use super::{check_sha, link_or_copy, AttachmentStore};
use crate::Result;
use diaodu_domain::CoreError;
use rusqlite::{Connection, OpenFlags};
use std::collections::HashSet;
use std::path::{Path, PathBuf};

pub const BACKUP_POOL: &str = "diaodu-attachments";

/// What a backup or a restore did with the attachments.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Moved {
    /// Files the database refers to.
    pub total: usize,
    /// Files copied (or linked) now; the rest were there already.
    pub copied: usize,
    /// Files that could not be found anywhere.
    pub missing: usize,
}

fn pool_of(backup_file: &Path) -> PathBuf {
    backup_file
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
        .join(BACKUP_POOL)
}

fn in_pool(pool: &Path, sha: &str) -> PathBuf {
    pool.join(&sha[..2]).join(sha)
}

/// `file:` URI of a path, for SQLite's URI parameters.
fn file_uri(path: &Path) -> String {
    let text = path.to_string_lossy().replace('\\', "/");
    let mut out = String::from("file:");
    if text.as_bytes().get(1) == Some(&b':') {
        out.push('/');
    }
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/:".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The content hashes a database file refers to (none for a database from
/// before attachments existed). Opened as immutable: a backup in WAL format
/// would otherwise get -wal and -shm files beside it just for being read.
pub(crate) fn referenced(db_file: &Path) -> Result<Vec<String>> {
    let conn = Connection::open_with_flags(
        file_uri(db_file) + "?immutable=1",
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_URI,
    )
    .map_err(|e| CoreError::storage(format!("无法读取备份 {}：{e}", db_file.display())))?;
    let has_table: bool = conn
        .query_row(
            "SELECT EXISTS(SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'attachment')",
            [],
            |r| r.get(0),
        )
        .map_err(crate::db::sql_err)?;
    if !has_table {
        return Ok(Vec::new());
    }
    let mut stmt = conn
        .prepare("SELECT sha256 FROM attachment ORDER BY sha256")
        .map_err(crate::db::sql_err)?;
    let rows = stmt
        .query_map([], |r| r.get::<_, String>(0))
        .map_err(crate::db::sql_err)?;
    let all: Vec<String> = rows
        .collect::<std::result::Result<_, _>>()
        .map_err(crate::db::sql_err)?;
    Ok(all.into_iter().filter(|s| check_sha(s).is_ok()).collect())
}

fn copy_into(src: &Path, dest: &Path) -> std::io::Result<()> {
    if let Some(dir) = dest.parent() {
        std::fs::create_dir_all(dir)?;
    }
    link_or_copy(src, dest)
}

/// Copies the files the backup `backup_file` refers to from the store into
/// the pool beside it.
pub(crate) fn save(files: &AttachmentStore, backup_file: &Path) -> Result<Moved> {
    let pool = pool_of(backup_file);
    let mut moved = Moved::default();
    for sha in referenced(backup_file)? {
        moved.total += 1;
        let dest = in_pool(&pool, &sha);
        if dest.is_file() {
            continue;
        }
        let src = files.path_of(&sha);
        if !src.is_file() {
            moved.missing += 1;
            continue;
        }
        copy_into(&src, &dest)
            .map_err(|e| CoreError::storage(format!("附件备份失败（{}）：{e}", pool.display())))?;
        moved.copied += 1;
    }
    Ok(moved)
}

/// Brings the files the backup refers to back into the store.
pub(crate) fn restore(files: &AttachmentStore, backup_file: &Path) -> Result<Moved> {
    let pool = pool_of(backup_file);
    let mut moved = Moved::default();
    for sha in referenced(backup_file)? {
        moved.total += 1;
        if files.contains(&sha) {
            continue;
        }
        let src = in_pool(&pool, &sha);
        if !src.is_file() {
            moved.missing += 1;
            continue;
        }
        copy_into(&src, &files.path_of(&sha))
            .map_err(|e| CoreError::storage(format!("附件恢复失败，数据库未改动：{e}")))?;
        moved.copied += 1;
    }
    Ok(moved)
}

/// Removes pool files no backup database in `dir` refers to any more (after
/// old automatic backups were deleted). Databases that cannot be read keep
/// everything: nothing is removed then.
pub(crate) fn collect_garbage(dir: &Path) -> usize {
    let pool = dir.join(BACKUP_POOL);
    if !pool.is_dir() {
        return 0;
    }
    let mut used = HashSet::new();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let p = entry.path();
        if p.extension().is_some_and(|e| e == "db") {
            match referenced(&p) {
                Ok(list) => used.extend(list),
                Err(_) => return 0,
            }
        }
    }
    let mut removed = 0;
    for shard in std::fs::read_dir(&pool).into_iter().flatten().flatten() {
        for f in std::fs::read_dir(shard.path())
            .into_iter()
            .flatten()
            .flatten()
        {
            let name = f.file_name().to_string_lossy().to_string();
            if check_sha(&name).is_ok()
                && !used.contains(&name)
                && std::fs::remove_file(f.path()).is_ok()
            {
                removed += 1;
            }
        }
    }
    removed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_escape_what_sqlite_would_misread() {
        assert_eq!(
            file_uri(Path::new("/tmp/备份 1.db")),
            "file:/tmp/%E5%A4%87%E4%BB%BD%201.db"
        );
        assert_eq!(file_uri(Path::new("/a/b?c#d.db")), "file:/a/b%3Fc%23d.db");
        assert_eq!(
            file_uri(Path::new("C:\\备份\\x.db")),
            "file:/C:/%E5%A4%87%E4%BB%BD/x.db"
        );
    }
}
