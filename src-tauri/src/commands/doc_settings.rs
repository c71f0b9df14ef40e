//! 公文设置: issuer, number prefixes, the office's font files and its seal image.
//! The files are chosen in native dialogs opened from Rust (the webview has no
//! file access); the core checks and keeps them and audits every change.
use super::parse;
use crate::dialogs;
use crate::error::ApiResult;
use crate::state::AppState;
use base64::Engine;
use diaodu_documents::{FontRole, FontSource};
use diaodu_domain::Permission;
use diaodu_store::{DocSettings, DocSettingsInput};
use serde::{Deserialize, Serialize};
use std::path::PathBuf;
use tauri::{AppHandle, Runtime, State};

type Input = serde_json::Value;

#[tauri::command]
pub async fn get_doc_settings(state: State<'_, AppState>) -> ApiResult<DocSettings> {
    state.act(|s, _| s.doc_settings())
}

#[tauri::command]
pub async fn update_doc_settings(
    state: State<'_, AppState>,
    input: Option<Input>,
) -> ApiResult<DocSettings> {
    let i: DocSettingsInput = parse(input)?;
    state.act(|s, a| s.update_doc_settings(a, &i))
}

#[derive(Deserialize)]
struct RoleRef {
    role: String,
}

async fn pick_file<R: Runtime>(
    app: &AppHandle<R>,
    title: &str,
    filter: &str,
    extensions: &[&str],
) -> ApiResult<Option<PathBuf>> {
    let dialog = dialogs::file_dialog(app, title)?.add_filter(filter, extensions);
    Ok(dialogs::pick_file(dialog).await)
}

/// Lets the admin choose a font file for a role; `null` when the dialog was closed.
#[tauri::command]
pub async fn choose_doc_font<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    input: Option<Input>,
) -> ApiResult<Option<DocSettings>> {
    let r: RoleRef = parse(input)?;
    let role = diaodu_store::parse_font_role(&r.role)?;
    // Refuse before the dialog opens, not after the user has chosen.
    state.act(|_, a| a.require(Permission::ManageSettings))?;
    let title = format!("选择{}字体文件", role.label());
    let Some(path) = pick_file(
        &app,
        &title,
        "字体文件",
        &["ttf", "otf", "ttc", "otc", "TTF", "OTF", "TTC"],
    )
    .await?
    else {
        return Ok(None);
    };
    let saved = state.act(|s, a| s.set_doc_font(a, role, Some(&path)))?;
    state.reset_fonts();
    Ok(Some(saved))
}

#[tauri::command]
pub async fn clear_doc_font(
    state: State<'_, AppState>,
    input: Option<Input>,
) -> ApiResult<DocSettings> {
    let r: RoleRef = parse(input)?;
    let role = diaodu_store::parse_font_role(&r.role)?;
    let saved = state.act(|s, a| s.set_doc_font(a, role, None))?;
    state.reset_fonts();
    Ok(saved)
}

/// Lets the admin choose the seal or signature image; `null` when the dialog was closed.
#[tauri::command]
pub async fn choose_seal_image<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
) -> ApiResult<Option<DocSettings>> {
    state.act(|_, a| a.require(Permission::ManageSettings))?;
    let Some(path) = pick_file(
        &app,
        "选择印章或签名图片（PNG 或 JPEG）",
        "PNG 或 JPEG 图片",
        &["png", "jpg", "jpeg", "PNG", "JPG", "JPEG"],
    )
    .await?
    else {
        return Ok(None);
    };
    Ok(Some(state.act(|s, a| s.set_seal_image(a, Some(&path)))?))
}

#[tauri::command]
pub async fn clear_seal_image(state: State<'_, AppState>) -> ApiResult<DocSettings> {
    state.act(|s, a| s.set_seal_image(a, None))
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SealPreview {
    /// `data:image/png;base64,…`, or `None` when no seal is set.
    data_url: Option<String>,
}

#[tauri::command]
pub async fn seal_image_preview(state: State<'_, AppState>) -> ApiResult<SealPreview> {
    let seal = state.act(|s, _| s.seal_image())?;
    Ok(SealPreview {
        data_url: seal.map(|seal| {
            let mime = if seal.bytes.starts_with(b"\x89PNG") {
                "image/png"
            } else {
                "image/jpeg"
            };
            format!(
                "data:{mime};base64,{}",
                base64::engine::general_purpose::STANDARD.encode(&seal.bytes)
            )
        }),
    })
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FontInUse {
    role: FontRole,
    role_label: &'static str,
    family: String,
    file: String,
    /// user (the office's file) or system (an installed font).
    source: FontSource,
    /// No font of this role was found: another role's font stands in.
    substitute: bool,
}

/// The font each role is actually printed with.
#[tauri::command]
pub async fn doc_fonts_in_use(state: State<'_, AppState>) -> ApiResult<Vec<FontInUse>> {
    state.actor()?;
    let fonts = state.fonts()?;
    Ok(fonts
        .resolved()
        .iter()
        .map(|r| FontInUse {
            role: r.role,
            role_label: r.role_label,
            family: r.family.clone(),
            file: r
                .path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
            source: r.source,
            substitute: r.substitute,
        })
        .collect())
}
