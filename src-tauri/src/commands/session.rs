use super::parse;
use crate::error::ApiResult;
use crate::state::{AppState, SessionView};
use serde::{Deserialize, Serialize};
use tauri::State;

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AppInfo {
    version: &'static str,
    schema_version: i64,
    data_dir: String,
    db_path: String,
    needs_setup: bool,
    last_backup_at: Option<String>,
    backup_dir: String,
    backup_keep: i64,
    idle_lock_minutes: i64,
    /// The core's today (`YYYY-MM-DD`): the window takes its dates from it.
    today: String,
    /// Whether today was fixed at start (`--today` / `DIAODU_TODAY`).
    today_fixed: bool,
}

#[tauri::command]
pub async fn app_info(state: State<'_, AppState>) -> ApiResult<AppInfo> {
    let store = state.store()?;
    let settings = store.settings()?;
    Ok(AppInfo {
        version: env!("CARGO_PKG_VERSION"),
        schema_version: store.schema_version()?,
        data_dir: state.data_dir().display().to_string(),
        db_path: store.db_path().display().to_string(),
        needs_setup: store.user_count()? == 0,
        last_backup_at: settings.last_backup_at,
        backup_dir: settings.backup_dir_effective,
        backup_keep: settings.backup_keep,
        idle_lock_minutes: settings.idle_lock_minutes,
        today: diaodu_domain::clock::today().to_string(),
        today_fixed: diaodu_domain::clock::fixed_today().is_some(),
    })
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct SetupInput {
    username: String,
    display_name: String,
    password: String,
}

#[tauri::command]
pub async fn setup_admin(
    state: State<'_, AppState>,
    input: Option<serde_json::Value>,
) -> ApiResult<SessionView> {
    let input: SetupInput = parse(input)?;
    let user = {
        let mut store = state.store()?;
        store.setup_admin(&input.username, &input.display_name, &input.password)?;
        store.login(&input.username, &input.password)?
    };
    state.begin(user)
}

#[derive(Deserialize)]
struct LoginInput {
    username: String,
    password: String,
}

#[tauri::command]
pub async fn login(
    state: State<'_, AppState>,
    input: Option<serde_json::Value>,
) -> ApiResult<SessionView> {
    let input: LoginInput = parse(input)?;
    let user = state.store()?.login(&input.username, &input.password)?;
    state.begin(user)
}

#[tauri::command]
pub async fn logout(state: State<'_, AppState>) -> ApiResult<()> {
    if let Some(actor) = state.end()? {
        state.store()?.record_logout(&actor)?;
    }
    Ok(())
}

#[tauri::command]
pub async fn current_session(state: State<'_, AppState>) -> ApiResult<Option<SessionView>> {
    state.view()
}

#[tauri::command]
pub async fn heartbeat(state: State<'_, AppState>) -> ApiResult<()> {
    state.actor().map(|_| ())
}

#[tauri::command]
pub async fn lock(state: State<'_, AppState>) -> ApiResult<()> {
    state.lock()
}

#[derive(Deserialize)]
struct UnlockInput {
    password: String,
}

#[tauri::command]
pub async fn unlock(
    state: State<'_, AppState>,
    input: Option<serde_json::Value>,
) -> ApiResult<SessionView> {
    let input: UnlockInput = parse(input)?;
    let id = state.session_user_id()?;
    let user = state.store()?.unlock(id, &input.password)?;
    state.unlocked(user)
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct PasswordChange {
    old_password: String,
    new_password: String,
}

#[tauri::command]
pub async fn change_password(
    state: State<'_, AppState>,
    input: Option<serde_json::Value>,
) -> ApiResult<()> {
    let input: PasswordChange = parse(input)?;
    state.act(|s, a| s.change_own_password(a, &input.old_password, &input.new_password))
}

/// Called by the UI once its first screen is drawn. With
/// `DIAODU_EXIT_WHEN_READY` set (the cold-start benchmark), the process
/// prints the time since start and exits, so start-up can be timed without
/// a WebDriver in between.
#[tauri::command]
pub async fn startup_ready(state: State<'_, AppState>) -> ApiResult<u64> {
    let ms = state.uptime_ms() as u64;
    if std::env::var_os("DIAODU_EXIT_WHEN_READY").is_some() {
        println!("diaodu-ready {ms}");
        std::process::exit(0);
    }
    Ok(ms)
}
