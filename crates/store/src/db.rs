use crate::{migrate, paths::DB_FILE_NAME, Result};
use diaodu_domain::{CoreError, Permission, Role};
use rusqlite::{Connection, OpenFlags, Transaction};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// Who is acting: every record operation takes one and checks its role.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    pub user_id: Option<i64>,
    pub username: String,
    pub role: Role,
}

impl Actor {
    /// The command-line program acting as the machine's operator; it has the
    /// administrator's rights because whoever runs it already owns the files.
    pub fn cli() -> Actor {
        Actor {
            user_id: None,
            username: "命令行".into(),
            role: Role::Admin,
        }
    }
    pub fn require(&self, p: Permission) -> Result<()> {
        self.role.require(p)
    }
}

/// The open database of one data directory.
pub struct Store {
    pub(crate) conn: Connection,
    data_dir: PathBuf,
    /// Password hashes verified so far (see `credentials.rs`).
    pub(crate) password_checks: std::cell::Cell<u64>,
}

pub(crate) fn sql_err(e: rusqlite::Error) -> CoreError {
    CoreError::storage(format!("数据库操作失败：{e}"))
}

/// Applies the connection settings every connection to the database needs.
/// `synchronous = FULL` makes a commit reach the disk before it returns, so a
/// committed write survives a killed process and a power cut alike.
pub(crate) fn configure(conn: &Connection) -> Result<()> {
    conn.busy_timeout(Duration::from_secs(5)).map_err(sql_err)?;
    conn.execute_batch(
        "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;",
    )
    .map_err(sql_err)
}

impl Store {
    /// Opens (creating if needed) the database in `data_dir` and migrates it.
    /// A database from a newer version is refused before anything is written.
    pub fn open(data_dir: &Path) -> Result<Store> {
        std::fs::create_dir_all(data_dir).map_err(|e| {
            CoreError::storage(format!("无法创建数据目录 {}：{e}", data_dir.display()))
        })?;
        let path = data_dir.join(DB_FILE_NAME);
        let mut conn = Connection::open_with_flags(
            &path,
            OpenFlags::SQLITE_OPEN_READ_WRITE
                | OpenFlags::SQLITE_OPEN_CREATE
                | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(|e| CoreError::storage(format!("无法打开数据库 {}：{e}", path.display())))?;
        conn.busy_timeout(Duration::from_secs(5)).map_err(sql_err)?;
        migrate::check_not_newer(&conn)?;
        configure(&conn)?;
        migrate::migrate(&mut conn)?;
        Ok(Store {
            conn,
            data_dir: data_dir.to_path_buf(),
            password_checks: std::cell::Cell::new(0),
        })
    }

    pub fn data_dir(&self) -> &Path {
        &self.data_dir
    }

    pub fn db_path(&self) -> PathBuf {
        self.data_dir.join(DB_FILE_NAME)
    }

    pub fn schema_version(&self) -> Result<i64> {
        migrate::schema_version(&self.conn)
    }

    pub(crate) fn tx(&mut self) -> Result<Transaction<'_>> {
        self.conn.transaction().map_err(sql_err)
    }

    /// `PRAGMA integrity_check`, for tests and the restore check.
    pub fn integrity_check(&self) -> Result<String> {
        self.conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .map_err(sql_err)
    }
}

/// Ids as a JSON array, for `IN (SELECT value FROM json_each(?))`.
pub(crate) fn json_ids(ids: &[i64]) -> String {
    let parts: Vec<String> = ids.iter().map(i64::to_string).collect();
    format!("[{}]", parts.join(","))
}

pub(crate) fn commit(tx: Transaction<'_>) -> Result<()> {
    tx.commit().map_err(sql_err)
}

#[cfg(test)]
pub(crate) mod testing {
    use super::*;
    use diaodu_domain::Role;

    pub fn store() -> (tempfile::TempDir, Store) {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        (dir, store)
    }
    pub fn actor(role: Role) -> Actor {
        Actor {
            user_id: None,
            username: format!("测试{}", role.label()),
            role,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::testing::*;
    use super::*;

    #[test]
    fn opens_with_wal_foreign_keys_and_full_sync() {
        let (_d, s) = store();
        let mode: String = s
            .conn
            .query_row("PRAGMA journal_mode", [], |r| r.get(0))
            .unwrap();
        assert_eq!(mode, "wal");
        let fk: i64 = s
            .conn
            .query_row("PRAGMA foreign_keys", [], |r| r.get(0))
            .unwrap();
        assert_eq!(fk, 1);
        let sync: i64 = s
            .conn
            .query_row("PRAGMA synchronous", [], |r| r.get(0))
            .unwrap();
        assert_eq!(sync, 2);
        assert_eq!(s.schema_version().unwrap(), crate::LATEST_SCHEMA_VERSION);
    }

    #[test]
    fn reopening_is_idempotent() {
        let dir = tempfile::tempdir().unwrap();
        drop(Store::open(dir.path()).unwrap());
        let s = Store::open(dir.path()).unwrap();
        assert_eq!(s.schema_version().unwrap(), crate::LATEST_SCHEMA_VERSION);
    }

    #[test]
    fn newer_database_is_refused_and_untouched() {
        let dir = tempfile::tempdir().unwrap();
        drop(Store::open(dir.path()).unwrap());
        let path = dir.path().join(DB_FILE_NAME);
        {
            let c = Connection::open(&path).unwrap();
            c.execute_batch("PRAGMA user_version = 999; PRAGMA wal_checkpoint(TRUNCATE);")
                .unwrap();
        }
        let before = std::fs::read(&path).unwrap();
        let err = Store::open(dir.path()).err().unwrap();
        assert_eq!(err.code, diaodu_domain::ErrorCode::NewerSchema);
        assert!(err.message.contains("较新版本"));
        assert_eq!(std::fs::read(&path).unwrap(), before);
    }

    #[test]
    fn foreign_database_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(DB_FILE_NAME);
        {
            let c = Connection::open(&path).unwrap();
            c.execute_batch("CREATE TABLE t(x); PRAGMA user_version = 1;")
                .unwrap();
        }
        let err = Store::open(dir.path()).err().unwrap();
        assert!(err.message.contains("不是党建调度台"));
    }
}
