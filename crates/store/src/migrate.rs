//! Numbered migrations. Each one runs in its own transaction together with the
//! bump of `user_version`, so a database is always at exactly one version.
use crate::Result;
use diaodu_domain::{CoreError, ErrorCode};
use rusqlite::Connection;

/// Marks a database as ours (`PRAGMA application_id`), "DIAD" in ASCII.
pub const APPLICATION_ID: i64 = 0x4449_4144;

const MIGRATIONS: &[(i64, &str)] = &[
    (1, include_str!("../migrations/0001_foundation.sql")),
    (2, include_str!("../migrations/0002_plans.sql")),
    (3, include_str!("../migrations/0003_documents.sql")),
    (4, include_str!("../migrations/0004_spec.sql")),
    (5, include_str!("../migrations/0005_loop.sql")),
    (6, include_str!("../migrations/0006_supervision.sql")),
    (7, include_str!("../migrations/0007_assessment.sql")),
    (8, include_str!("../migrations/0008_spec_evidence.sql")),
    (
        9,
        include_str!("../migrations/0009_numbers_and_verification.sql"),
    ),
    (10, include_str!("../migrations/0010_task_deletion.sql")),
    (11, include_str!("../migrations/0011_accounts_backups.sql")),
    (12, include_str!("../migrations/0012_registers.sql")),
    (13, include_str!("../migrations/0013_order_tasks.sql")),
    (14, include_str!("../migrations/0014_followup.sql")),
];

pub const LATEST_SCHEMA_VERSION: i64 = MIGRATIONS[MIGRATIONS.len() - 1].0;

pub fn schema_version(conn: &Connection) -> Result<i64> {
    conn.query_row("PRAGMA user_version", [], |r| r.get(0))
        .map_err(|e| CoreError::storage(format!("无法读取数据库版本：{e}")))
}

pub fn application_id(conn: &Connection) -> Result<i64> {
    conn.query_row("PRAGMA application_id", [], |r| r.get(0))
        .map_err(|e| CoreError::storage(format!("无法读取数据库标识：{e}")))
}

/// Refuses a database written by a newer version before anything is written.
pub fn check_not_newer(conn: &Connection) -> Result<i64> {
    let v = schema_version(conn)?;
    if v > LATEST_SCHEMA_VERSION {
        return Err(CoreError::new(
            ErrorCode::NewerSchema,
            format!(
                "数据库由较新版本的党建调度台创建（结构版本 {v}，本程序支持到 {LATEST_SCHEMA_VERSION}），请升级程序后再打开；数据库未作任何改动"
            ),
        ));
    }
    Ok(v)
}

pub fn migrate(conn: &mut Connection) -> Result<i64> {
    let current = check_not_newer(conn)?;
    if current > 0 && application_id(conn)? != APPLICATION_ID {
        return Err(CoreError::storage("该文件不是党建调度台的数据库"));
    }
    for (version, sql) in MIGRATIONS.iter().filter(|(v, _)| *v > current) {
        let tx = conn
            .transaction()
            .map_err(|e| CoreError::storage(format!("无法开始迁移事务：{e}")))?;
        tx.execute_batch(sql)
            .and_then(|_| {
                tx.execute_batch(&format!(
                    "PRAGMA user_version = {version}; PRAGMA application_id = {APPLICATION_ID};"
                ))
            })
            .and_then(|_| tx.commit())
            .map_err(|e| CoreError::storage(format!("数据库迁移 {version} 失败，已回滚：{e}")))?;
    }
    schema_version(conn)
}
