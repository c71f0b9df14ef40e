//! Evidence files: picking them with the native dialog (opened from Rust, so
//! the webview needs no file access), copying them into the attachment store
//! on a worker thread without holding the store (a 2 GB video takes a while),
//! thumbnails, and opening a file in the system's own viewer.
use super::parse;
use crate::dialogs;
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
use base64::Engine;
use diaodu_domain::{CoreError, Permission};
use diaodu_store::{AttachmentSettings, StoredFile};
use serde::{Deserialize, Serialize};
use std::path::PathBuf;
use tauri::{AppHandle, Runtime, State};

type Input = serde_json::Value;

/// Extensions offered in the file dialog (the store checks the content).
const PICK_EXTENSIONS: &[&str] = &[
    "jpg", "jpeg", "png", "webp", "heic", "heif", "mp4", "m4v", "mov", "avi", "3gp", "pdf", "doc",
    "docx", "xls", "xlsx", "ppt", "pptx", "wps", "et", "dps", "odt", "ods", "txt",
];

#[tauri::command]
pub async fn pick_attachment_files<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
) -> ApiResult<Vec<String>> {
    state.act(|_, a| a.require(Permission::EditRecords))?;
    let dialog = dialogs::file_dialog(&app, "选择照片、视频或文档")?
        .add_filter("照片、视频和文档", PICK_EXTENSIONS)
        .add_filter("所有文件", &["*"]);
    Ok(dialogs::pick_files(dialog)
        .await
        .into_iter()
        .map(|p| p.display().to_string())
        .collect())
}

#[derive(Deserialize)]
struct PathInput {
    #[serde(default)]
    path: String,
}

/// Copies one file into the store and answers what it is; the record that
/// uses it (feedback, rectification) is saved afterwards with its sha256.
#[tauri::command]
pub async fn stage_attachment(
    state: State<'_, AppState>,
    input: Option<Input>,
) -> ApiResult<StoredFile> {
    let i: PathInput = parse(input)?;
    if i.path.trim().is_empty() {
        return Err(CoreError::validation("attachments", "请选择文件").into());
    }
    let files = state.act(|s, a| {
        a.require(Permission::EditRecords)?;
        s.attachment_store()
    })?;
    let path = PathBuf::from(i.path);
    tauri::async_runtime::spawn_blocking(move || files.ingest_file(&path))
        .await
        .map_err(|e| ApiError::from(CoreError::internal(format!("复制附件时出错：{e}"))))?
        .map_err(ApiError::from)
}

#[derive(Deserialize)]
struct ShaInput {
    #[serde(default)]
    sha256: String,
    #[serde(default)]
    name: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Thumbnail {
    data_url: Option<String>,
}

#[tauri::command]
pub async fn attachment_thumbnail(
    state: State<'_, AppState>,
    input: Option<Input>,
) -> ApiResult<Thumbnail> {
    let i: ShaInput = parse(input)?;
    let bytes = state.act(|s, _| s.attachment_thumbnail(&i.sha256))?;
    let b64 = base64::engine::general_purpose::STANDARD;
    Ok(Thumbnail {
        data_url: bytes.map(|b| format!("data:image/jpeg;base64,{}", b64.encode(b))),
    })
}

#[derive(Serialize)]
pub struct Opened {
    path: String,
}

#[tauri::command]
pub async fn open_attachment(
    state: State<'_, AppState>,
    input: Option<Input>,
) -> ApiResult<Opened> {
    let i: ShaInput = parse(input)?;
    let path = state.act(|s, _| s.attachment_open_path(&i.sha256, &i.name))?;
    // The file keeps the user's name: opened without a shell (viewer.rs).
    diaodu_documents::viewer::open_in_viewer(&path).map_err(super::output::doc_err)?;
    Ok(Opened {
        path: path.display().to_string(),
    })
}

#[tauri::command]
pub async fn get_attachment_settings(state: State<'_, AppState>) -> ApiResult<AttachmentSettings> {
    state.act(|s, _| s.attachment_settings())
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Limit {
    max_mb: i64,
}

#[tauri::command]
pub async fn update_attachment_settings(
    state: State<'_, AppState>,
    input: Option<Input>,
) -> ApiResult<AttachmentSettings> {
    let i: Limit = parse(input)?;
    state.act(|s, a| s.update_attachment_settings(a, i.max_mb))
}
