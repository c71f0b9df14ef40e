use super::{parse, parse_or_default};
use crate::error::ApiResult;
use crate::state::AppState;
use diaodu_store::{
    AuditFilter, AuditPage, BackupInfo, SampleReport, Settings, SettingsInput, User, UserUpdate,
};
use serde::Deserialize;
use tauri::State;

type Input = serde_json::Value;

#[tauri::command]
pub async fn list_users(state: State<'_, AppState>) -> ApiResult<Vec<User>> {
    state.act(|s, a| {
        a.require(diaodu_domain::Permission::ManageUsers)?;
        s.list_users()
    })
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct NewUser {
    username: String,
    display_name: String,
    role: String,
    password: String,
}

#[tauri::command]
pub async fn create_user(state: State<'_, AppState>, input: Option<Input>) -> ApiResult<User> {
    let u: NewUser = parse(input)?;
    state.act(|s, a| s.create_user(a, &u.username, &u.display_name, &u.role, &u.password))
}

#[tauri::command]
pub async fn update_user(state: State<'_, AppState>, input: Option<Input>) -> ApiResult<User> {
    let u: UserUpdate = parse(input)?;
    state.act(|s, a| s.update_user(a, &u))
}

#[derive(Deserialize)]
struct PasswordReset {
    id: i64,
    password: String,
}

#[tauri::command]
pub async fn reset_password(state: State<'_, AppState>, input: Option<Input>) -> ApiResult<()> {
    let r: PasswordReset = parse(input)?;
    state.act(|s, a| s.reset_password(a, r.id, &r.password))
}

#[tauri::command]
pub async fn list_audit(state: State<'_, AppState>, input: Option<Input>) -> ApiResult<AuditPage> {
    let f: AuditFilter = parse_or_default(input)?;
    state.act(|s, _| s.list_audit(&f))
}

#[tauri::command]
pub async fn get_settings(state: State<'_, AppState>) -> ApiResult<Settings> {
    state.act(|s, _| s.settings())
}

#[tauri::command]
pub async fn update_settings(
    state: State<'_, AppState>,
    input: Option<Input>,
) -> ApiResult<Settings> {
    let i: SettingsInput = parse(input)?;
    let settings = state.act(|s, a| s.update_settings(a, &i))?;
    state.set_idle_minutes(settings.idle_lock_minutes);
    Ok(settings)
}

#[tauri::command]
pub async fn backup_now(state: State<'_, AppState>) -> ApiResult<BackupInfo> {
    state.act(|s, a| s.backup_now(a))
}

#[tauri::command]
pub async fn load_sample(state: State<'_, AppState>) -> ApiResult<SampleReport> {
    state.act(|s, a| s.load_sample(a))
}
