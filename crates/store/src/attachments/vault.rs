//! Attachments and `documents/` in backups. Beside a backup file,
//! `diaodu-attachments/` holds the attached files under their content hash,
//! shared by every backup in that folder: content never changes, so a file
//! is copied once however many backups refer to it. The files of
//! `documents/` (seal image, the office's fonts) go into the same pool, and
//! the backup copy lists them in its `backup_file` table (path and hash), so
//! a backup is the database, the attachments and `documents/` as they were.
//! A restore brings back the files the restored database refers to before
//! the database itself is replaced.
use super::{check_sha, link_or_copy, AttachmentStore};
use crate::Result;
use diaodu_domain::CoreError;
use rusqlite::{Connection, OpenFlags};
use sha2::{Digest, Sha256};
use std::collections::HashSet;
use std::io::Read;
use std::path::{Path, PathBuf};

/// The folder of the data directory that goes with every backup.
const DOCUMENTS_DIR: &str = "documents";

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

/// Opens a database file read-only as immutable: a backup in WAL format
/// would otherwise get -wal and -shm files beside it just for being read.
fn open_immutable(db_file: &Path) -> Result<Connection> {
    Connection::open_with_flags(
        file_uri(db_file) + "?immutable=1",
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_URI,
    )
    .map_err(|e| CoreError::storage(format!("无法读取备份 {}：{e}", db_file.display())))
}

fn has_table(conn: &Connection, name: &str) -> Result<bool> {
    conn.query_row(
        "SELECT EXISTS(SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?1)",
        [name],
        |r| r.get(0),
    )
    .map_err(crate::db::sql_err)
}

/// The text values of a one-column query.
pub(crate) fn column_of(conn: &Connection, sql: &str) -> Result<Vec<String>> {
    let mut stmt = conn.prepare(sql).map_err(crate::db::sql_err)?;
    let rows = stmt
        .query_map([], |r| r.get::<_, String>(0))
        .map_err(crate::db::sql_err)?;
    rows.collect::<std::result::Result<_, _>>()
        .map_err(crate::db::sql_err)
}

/// The content hashes of the attachments a database file refers to (none
/// for a database from before attachments existed).
pub(crate) fn referenced(db_file: &Path) -> Result<Vec<String>> {
    let conn = open_immutable(db_file)?;
    if !has_table(&conn, "attachment")? {
        return Ok(Vec::new());
    }
    let all = column_of(&conn, "SELECT sha256 FROM attachment ORDER BY sha256")?;
    Ok(all.into_iter().filter(|s| check_sha(s).is_ok()).collect())
}

/// The files of `documents/` a backup copy lists: (path in the data
/// directory, content hash). None for a backup from before the list existed.
pub(crate) fn documents_listed(db_file: &Path) -> Result<Vec<(String, String)>> {
    let conn = open_immutable(db_file)?;
    if !has_table(&conn, "backup_file")? {
        return Ok(Vec::new());
    }
    let mut stmt = conn
        .prepare("SELECT path, sha256 FROM backup_file ORDER BY path")
        .map_err(crate::db::sql_err)?;
    let rows = stmt
        .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))
        .map_err(crate::db::sql_err)?;
    let all: Vec<(String, String)> = rows
        .collect::<std::result::Result<_, _>>()
        .map_err(crate::db::sql_err)?;
    Ok(all
        .into_iter()
        .filter(|(path, sha)| check_sha(sha).is_ok() && safe_documents_path(path))
        .collect())
}

/// Every pool file a backup keeps: its attachments and its documents.
fn kept_by(db_file: &Path) -> Result<Vec<String>> {
    let mut all = referenced(db_file)?;
    all.extend(documents_listed(db_file)?.into_iter().map(|(_, sha)| sha));
    Ok(all)
}

/// A listed path must stay inside `documents/`: a doctored backup must not
/// make a restore write anywhere else.
fn safe_documents_path(path: &str) -> bool {
    let p = Path::new(path);
    let mut parts = p.components();
    matches!(parts.next(), Some(std::path::Component::Normal(first)) if first == DOCUMENTS_DIR)
        && parts.clone().next().is_some()
        && parts.all(|c| matches!(c, std::path::Component::Normal(_)))
}

fn sha256_of(path: &Path) -> std::io::Result<(String, u64)> {
    let mut file = std::fs::File::open(path)?;
    let mut hasher = Sha256::new();
    let mut buf = vec![0u8; 64 * 1024];
    let mut size = 0u64;
    loop {
        let n = match file.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        size += n as u64;
        hasher.update(&buf[..n]);
    }
    Ok((super::to_hex(&hasher.finalize()), size))
}

/// Every regular file under `dir`, depth first, in name order.
fn files_under(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    let mut entries: Vec<_> = std::fs::read_dir(dir)?.collect::<std::io::Result<_>>()?;
    entries.sort_by_key(|e| e.file_name());
    for e in entries {
        let ty = e.file_type()?;
        if ty.is_dir() {
            files_under(&e.path(), out)?;
        } else if ty.is_file() && e.path().extension().is_none_or(|x| x != "partial") {
            out.push(e.path());
        }
    }
    Ok(())
}

/// A copy through a temporary name in the destination's folder, so a file
/// is never seen half written.
fn copy_whole(src: &Path, dest: &Path) -> std::io::Result<()> {
    let dir = dest.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let mut tmp = tempfile::Builder::new().prefix(".copy-").tempfile_in(dir)?;
    std::io::copy(&mut std::fs::File::open(src)?, tmp.as_file_mut())?;
    tmp.as_file().sync_all()?;
    tmp.persist(dest).map_err(|e| e.error)?;
    Ok(())
}

/// Lists `documents/` of `data_dir` in the backup copy `db_copy` (not yet
/// under its final name) and copies the files into the pool beside
/// `backup_file`. Copied, not linked: a file edited in place later must not
/// change what the backup holds.
pub(crate) fn save_documents(data_dir: &Path, db_copy: &Path, backup_file: &Path) -> Result<Moved> {
    let storage =
        |e: std::io::Error| CoreError::storage(format!("备份公文设置文件（印章、字体）失败：{e}"));
    let mut files = Vec::new();
    let root = data_dir.join(DOCUMENTS_DIR);
    if root.is_dir() {
        files_under(&root, &mut files).map_err(storage)?;
    }
    let pool = pool_of(backup_file);
    let mut rows = Vec::new();
    let mut moved = Moved::default();
    for f in files {
        let Ok(rel) = f.strip_prefix(data_dir) else {
            continue;
        };
        let rel = rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect::<Vec<_>>()
            .join("/");
        if !safe_documents_path(&rel) {
            continue;
        }
        let (sha, size) = sha256_of(&f).map_err(storage)?;
        moved.total += 1;
        let dest = in_pool(&pool, &sha);
        if !dest.is_file() {
            copy_whole(&f, &dest).map_err(storage)?;
            moved.copied += 1;
        }
        rows.push((rel, sha, size));
    }
    let conn = Connection::open(db_copy).map_err(crate::db::sql_err)?;
    // The copy is ours alone: a plain rollback journal leaves no -wal file
    // beside it once closed.
    conn.execute_batch("PRAGMA journal_mode = DELETE; BEGIN; DELETE FROM backup_file;")
        .map_err(crate::db::sql_err)?;
    for (path, sha, size) in &rows {
        conn.execute(
            "INSERT INTO backup_file (path, sha256, size) VALUES (?1, ?2, ?3)",
            rusqlite::params![path, sha, *size as i64],
        )
        .map_err(crate::db::sql_err)?;
    }
    conn.execute_batch("COMMIT;").map_err(crate::db::sql_err)?;
    conn.close().map_err(|(_, e)| crate::db::sql_err(e))?;
    Ok(moved)
}

/// Puts the files of `documents/` listed in the backup back into
/// `data_dir`, each checked against its hash. Files already there with the
/// same content are left alone; others are replaced whole.
pub(crate) fn restore_documents(data_dir: &Path, backup_file: &Path) -> Result<Moved> {
    let pool = pool_of(backup_file);
    let mut moved = Moved::default();
    for (path, sha) in documents_listed(backup_file)? {
        moved.total += 1;
        let dest = data_dir.join(&path);
        if sha256_of(&dest).is_ok_and(|(s, _)| s == sha) {
            continue;
        }
        let src = in_pool(&pool, &sha);
        if !sha256_of(&src).is_ok_and(|(s, _)| s == sha) {
            moved.missing += 1;
            continue;
        }
        copy_whole(&src, &dest).map_err(|e| {
            CoreError::storage(format!("公文设置文件 {path} 恢复失败，数据库未改动：{e}"))
        })?;
        moved.copied += 1;
    }
    Ok(moved)
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
            match kept_by(&p) {
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
