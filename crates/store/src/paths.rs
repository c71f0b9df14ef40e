use std::path::PathBuf;

pub const DB_FILE_NAME: &str = "diaodu.db";
pub const DATA_DIR_ENV: &str = "DIAODU_DATA_DIR";

/// `--data-dir` wins, then `DIAODU_DATA_DIR`, then the platform's app-data
/// directory (e.g. `~/.local/share/diaodu`, `%APPDATA%\diaodu`).
pub fn resolve_data_dir(cli: Option<PathBuf>) -> PathBuf {
    if let Some(dir) = cli {
        return dir;
    }
    if let Some(dir) = std::env::var_os(DATA_DIR_ENV).filter(|v| !v.is_empty()) {
        return PathBuf::from(dir);
    }
    dirs::data_dir()
        .unwrap_or_else(|| PathBuf::from("."))
        .join("diaodu")
}
