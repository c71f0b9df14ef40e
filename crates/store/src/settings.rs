use crate::audit::{diff, record};
use crate::db::{commit, sql_err, Actor, Store};
use crate::Result;
use diaodu_domain::{CoreError, Permission};
use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};
use std::path::PathBuf;

pub const DEFAULT_IDLE_LOCK_MINUTES: i64 = 10;
pub const DEFAULT_BACKUP_KEEP: i64 = 14;

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct Settings {
    pub idle_lock_minutes: i64,
    /// As configured; empty means `backups/` in the data directory.
    pub backup_dir: String,
    pub backup_dir_effective: String,
    pub backup_keep: i64,
    pub last_backup_at: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SettingsInput {
    pub idle_lock_minutes: i64,
    #[serde(default)]
    pub backup_dir: String,
    pub backup_keep: i64,
}

impl Store {
    pub(crate) fn setting(&self, key: &str) -> Result<Option<String>> {
        self.conn
            .query_row("SELECT value FROM setting WHERE key = ?1", [key], |r| {
                r.get(0)
            })
            .optional()
            .map_err(sql_err)
    }

    fn setting_i64(&self, key: &str, default: i64) -> Result<i64> {
        Ok(self
            .setting(key)?
            .and_then(|v| v.parse().ok())
            .unwrap_or(default))
    }

    pub(crate) fn set_setting_raw(
        tx: &rusqlite::Transaction<'_>,
        key: &str,
        value: &str,
    ) -> Result<()> {
        tx.execute(
            "INSERT INTO setting (key, value) VALUES (?1, ?2) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            params![key, value],
        )
        .map_err(sql_err)?;
        Ok(())
    }

    pub fn backup_dir(&self) -> Result<PathBuf> {
        let configured = self.setting("backup_dir")?.unwrap_or_default();
        Ok(if configured.trim().is_empty() {
            self.data_dir().join("backups")
        } else {
            PathBuf::from(configured)
        })
    }

    pub fn settings(&self) -> Result<Settings> {
        Ok(Settings {
            idle_lock_minutes: self.setting_i64("idle_lock_minutes", DEFAULT_IDLE_LOCK_MINUTES)?,
            backup_dir: self.setting("backup_dir")?.unwrap_or_default(),
            backup_dir_effective: self.backup_dir()?.display().to_string(),
            backup_keep: self.setting_i64("backup_keep", DEFAULT_BACKUP_KEEP)?,
            last_backup_at: self.setting("last_backup_at")?,
        })
    }

    pub fn update_settings(&mut self, actor: &Actor, input: &SettingsInput) -> Result<Settings> {
        actor.require(Permission::ManageSettings)?;
        if !(1..=240).contains(&input.idle_lock_minutes) {
            return Err(CoreError::validation(
                "idleLockMinutes",
                "空闲锁定时间应在1到240分钟之间",
            ));
        }
        if !(1..=365).contains(&input.backup_keep) {
            return Err(CoreError::validation(
                "backupKeep",
                "备份保留份数应在1到365之间",
            ));
        }
        let dir = input.backup_dir.trim();
        if !dir.is_empty() {
            let p = PathBuf::from(dir);
            if !p.is_absolute() {
                return Err(CoreError::validation(
                    "backupDir",
                    "备份目录须为完整路径（例如 /home/user/备份 或 D:\\备份）",
                ));
            }
            std::fs::create_dir_all(&p).map_err(|e| {
                CoreError::validation("backupDir", format!("无法使用该备份目录：{e}"))
            })?;
        }
        let before = self.settings()?;
        let tx = self.tx()?;
        Store::set_setting_raw(
            &tx,
            "idle_lock_minutes",
            &input.idle_lock_minutes.to_string(),
        )?;
        Store::set_setting_raw(&tx, "backup_dir", dir)?;
        Store::set_setting_raw(&tx, "backup_keep", &input.backup_keep.to_string())?;
        let b = serde_json::json!({"idleLockMinutes": before.idle_lock_minutes, "backupDir": before.backup_dir, "backupKeep": before.backup_keep});
        let a = serde_json::json!({"idleLockMinutes": input.idle_lock_minutes, "backupDir": dir, "backupKeep": input.backup_keep});
        record(
            &tx,
            actor,
            "settings",
            None,
            "update",
            "修改系统设置",
            diff(&b, &a),
        )?;
        commit(tx)?;
        self.settings()
    }
}
