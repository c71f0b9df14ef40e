//! Preview, save and print of notices and orders. The PDF is made by the
//! core; the save dialog opens from Rust, so the webview needs no file access.
use super::parse;
use crate::dialogs;
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
use base64::Engine;
use diaodu_documents::output::{self, Printer};
use serde::{Deserialize, Serialize};
use tauri::{AppHandle, Runtime, State};

type Input = serde_json::Value;

#[derive(Deserialize)]
struct DocRef {
    id: i64,
}

fn pdf(state: &AppState, id: i64) -> ApiResult<(Vec<u8>, String)> {
    let fonts = state.fonts()?;
    state.act(|s, _| {
        let d = s.get_doc(id)?;
        let name = format!(
            "{}-{}.pdf",
            d.number.clone().unwrap_or_else(|| format!("草稿{}", d.id)),
            d.title
        );
        Ok((s.doc_pdf(id, &fonts)?, name))
    })
}

pub(crate) fn doc_err(e: diaodu_documents::DocError) -> ApiError {
    diaodu_store::print::doc_error(e).into()
}

/// What a preview dialog opens with: the first pages drawn, how many there
/// are, and the token to ask for the others (`preview_page`).
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Preview {
    pub(crate) token: u64,
    pub(crate) page_count: u32,
    pub(crate) pages: Vec<String>,
}

fn data_url(png: &[u8]) -> String {
    let b64 = base64::engine::general_purpose::STANDARD;
    format!("data:image/png;base64,{}", b64.encode(png))
}

/// Keeps a PDF for its preview and draws its first pages; the rest are drawn
/// when the user turns to them, so a long report opens at once.
pub(crate) fn preview_of(state: &AppState, bytes: Vec<u8>, dpi: u32) -> ApiResult<Preview> {
    let preview = output::PdfPreview::new(bytes, dpi).map_err(doc_err)?;
    let pages = preview.first_pages_png().map_err(doc_err)?;
    let page_count = preview.page_count();
    let token = state.previews.keep(preview);
    Ok(Preview {
        token,
        page_count,
        pages: pages.iter().map(|p| data_url(p)).collect(),
    })
}

#[derive(Deserialize)]
struct PageRef {
    token: u64,
    page: u32,
}

#[derive(Serialize)]
pub struct PreviewPage {
    page: u32,
    src: String,
}

/// One further page of an open preview.
#[tauri::command]
pub async fn preview_page(
    state: State<'_, AppState>,
    input: Option<Input>,
) -> ApiResult<PreviewPage> {
    let r: PageRef = parse(input)?;
    // Only a signed-in, unlocked user turns pages.
    state.actor()?;
    let preview = state.previews.get(r.token).map_err(doc_err)?;
    let png = preview.pages_png(r.page, r.page).map_err(doc_err)?;
    let src = png.first().map(|p| data_url(p)).unwrap_or_default();
    Ok(PreviewPage { page: r.page, src })
}

#[tauri::command]
pub async fn preview_doc(state: State<'_, AppState>, input: Option<Input>) -> ApiResult<Preview> {
    let r: DocRef = parse(input)?;
    let (bytes, _) = pdf(&state, r.id)?;
    preview_of(&state, bytes, 96)
}

#[derive(Serialize)]
pub struct Saved {
    pub(crate) path: String,
}

#[tauri::command]
pub async fn save_doc_pdf<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    input: Option<Input>,
) -> ApiResult<Option<Saved>> {
    let r: DocRef = parse(input)?;
    let (bytes, name) = pdf(&state, r.id)?;
    save_with_dialog(&app, bytes, &name).await
}

/// Asks where to save (the native dialog, opened from Rust) and writes the file.
pub(crate) async fn save_with_dialog<R: Runtime>(
    app: &AppHandle<R>,
    bytes: Vec<u8>,
    name: &str,
) -> ApiResult<Option<Saved>> {
    save_file_with_dialog(app, bytes, name, ("另存为PDF", "PDF 文件", "pdf")).await
}

/// The same for any file: (dialog title, filter label, extension). With
/// `DIAODU_SAVE_DIR` set (automated runs under a virtual display, where no
/// one can click a dialog) no dialog opens and the file goes into that
/// folder under its proposed name.
pub(crate) async fn save_file_with_dialog<R: Runtime>(
    app: &AppHandle<R>,
    bytes: Vec<u8>,
    name: &str,
    (title, filter, ext): (&str, &str, &str),
) -> ApiResult<Option<Saved>> {
    let name = name.replace(['/', '\\'], "-");
    let chosen = match std::env::var_os("DIAODU_SAVE_DIR") {
        Some(dir) => Some(std::path::PathBuf::from(dir).join(&name)),
        None => {
            let dialog = dialogs::file_dialog(app, title)?
                .set_file_name(&name)
                .add_filter(filter, &[ext]);
            dialogs::save_file(dialog).await
        }
    };
    let Some(path) = chosen else {
        return Ok(None);
    };
    std::fs::write(&path, bytes).map_err(|e| {
        ApiError::from(diaodu_domain::CoreError::storage(format!(
            "无法保存到 {}：{e}",
            path.display()
        )))
    })?;
    Ok(Some(Saved {
        path: path.display().to_string(),
    }))
}

#[tauri::command]
pub async fn list_printers() -> ApiResult<Vec<Printer>> {
    Ok(output::list_printers())
}

#[derive(Deserialize)]
struct PrintRequest {
    id: i64,
    #[serde(default)]
    printer: Option<String>,
    #[serde(default = "one")]
    copies: u32,
}

pub(crate) fn one() -> u32 {
    1
}

/// Prints and answers the job id the print system gave, if any.
pub(crate) fn send_to_printer(
    bytes: &[u8],
    printer: Option<&str>,
    copies: u32,
    file_name: &str,
) -> ApiResult<output::PrintJob> {
    let title = file_name.strip_suffix(".pdf").unwrap_or(file_name);
    output::print_pdf(bytes, printer, copies, title).map_err(doc_err)
}

#[tauri::command]
pub async fn print_doc(
    state: State<'_, AppState>,
    input: Option<Input>,
) -> ApiResult<output::PrintJob> {
    let r: PrintRequest = parse(input)?;
    let (bytes, name) = pdf(&state, r.id)?;
    send_to_printer(&bytes, r.printer.as_deref(), r.copies, &name)
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct ChartRequest {
    plan_id: i64,
    #[serde(flatten)]
    options: diaodu_store::ChartPrintOptions,
    #[serde(default)]
    printer: Option<String>,
    #[serde(default = "one")]
    copies: u32,
}

fn chart_pdf(state: &AppState, r: &ChartRequest) -> ApiResult<(Vec<u8>, String)> {
    let fonts = state.fonts()?;
    state.act(|s, _| {
        let title = s.get_plan(r.plan_id)?.title;
        Ok((
            s.chart_pdf(r.plan_id, &r.options, &fonts)?,
            format!("{title}-网络推进图.pdf"),
        ))
    })
}

#[tauri::command]
pub async fn preview_chart(state: State<'_, AppState>, input: Option<Input>) -> ApiResult<Preview> {
    let r: ChartRequest = parse(input)?;
    let (bytes, _) = chart_pdf(&state, &r)?;
    preview_of(&state, bytes, 72)
}

#[tauri::command]
pub async fn save_chart_pdf<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    input: Option<Input>,
) -> ApiResult<Option<Saved>> {
    let r: ChartRequest = parse(input)?;
    let (bytes, name) = chart_pdf(&state, &r)?;
    save_with_dialog(&app, bytes, &name).await
}

#[tauri::command]
pub async fn print_chart(
    state: State<'_, AppState>,
    input: Option<Input>,
) -> ApiResult<output::PrintJob> {
    let r: ChartRequest = parse(input)?;
    let (bytes, name) = chart_pdf(&state, &r)?;
    send_to_printer(&bytes, r.printer.as_deref(), r.copies, &name)
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct PlanText {
    #[serde(default)]
    file_name: String,
    #[serde(default)]
    content: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Imported {
    plan_id: i64,
    title: String,
    tasks: usize,
    links: usize,
}

/// Imports a plan file the user picked in the page's file chooser (MSPDI
/// .xml or the JSON form); the webview reads only the file the user chose.
/// It is parsed outside the store lock, after the session and role checks.
#[tauri::command]
pub async fn import_plan_text(
    state: State<'_, AppState>,
    input: Option<Input>,
) -> ApiResult<Imported> {
    let r: PlanText = parse(input)?;
    // The session before anything is parsed; the role and the size in the core.
    let actor = state.actor()?;
    let doc = diaodu_store::files::read_plan_file(&actor, r.content.as_bytes(), &r.file_name)?;
    let plan_id = state.act(|s, a| s.import_plan(a, &doc))?;
    Ok(Imported {
        plan_id,
        title: doc.title.clone(),
        tasks: doc.tasks.len(),
        links: doc.links.len(),
    })
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct PlanExport {
    plan_id: i64,
    #[serde(default)]
    format: String,
}

/// Exports a plan as MS Project XML or JSON through the native save dialog.
#[tauri::command]
pub async fn export_plan_file<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    input: Option<Input>,
) -> ApiResult<Option<Saved>> {
    let r: PlanExport = parse(input)?;
    let format = diaodu_exchange::Format::from_name(if r.format.is_empty() {
        "mspdi"
    } else {
        &r.format
    })
    .ok_or_else(|| {
        ApiError::from(diaodu_domain::CoreError::validation(
            "format",
            "导出格式只能是 MS Project XML 或 JSON",
        ))
    })?;
    let doc = state.act(|s, _| s.export_plan(r.plan_id))?;
    let text = diaodu_exchange::export(&doc, format);
    let name = format!("{}.{}", doc.title, format.extension());
    let filter = if format == diaodu_exchange::Format::Json {
        "JSON 文件"
    } else {
        "MS Project XML"
    };
    save_file_with_dialog(
        &app,
        text.into_bytes(),
        &name,
        ("导出计划", filter, format.extension()),
    )
    .await
}
