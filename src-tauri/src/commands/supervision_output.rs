//! Preview, save and print of the reminder notice, the stage bulletin and
//! the annual figures (PDF and xlsx). The core makes the bytes; the save
//! dialog opens from Rust, so the webview needs no file access.
use super::output::{one, preview_of, save_file_with_dialog, save_with_dialog, Preview, Saved};
use super::parse;
use super::supervision::Year;
use crate::error::ApiResult;
use crate::state::AppState;
use diaodu_documents::output;
use serde::Deserialize;
use tauri::{AppHandle, Runtime, State};

type Input = serde_json::Value;

/// What is printed: a reminder, a bulletin or a year's figures.
#[derive(Clone, Copy)]
enum Paper {
    Reminder(i64),
    Summary(i64),
    Stats(i32),
}

fn pdf(state: &AppState, paper: Paper) -> ApiResult<(Vec<u8>, String)> {
    let fonts = state.fonts()?;
    state.act(|s, _| match paper {
        Paper::Reminder(id) => {
            let r = s.get_reminder(id)?;
            Ok((
                s.reminder_pdf(id, &fonts)?,
                format!("{}-催办通知单.pdf", r.number),
            ))
        }
        Paper::Summary(id) => {
            let x = s.get_summary(id)?;
            let name = format!(
                "{}-{}.pdf",
                x.number.clone().unwrap_or_else(|| format!("草稿{}", x.id)),
                x.title
            );
            Ok((s.summary_pdf(id, &fonts)?, name))
        }
        Paper::Stats(year) => Ok((
            s.annual_pdf(year, &fonts)?,
            format!("{year}年党建调度工作统计.pdf"),
        )),
    })
}

#[derive(Deserialize)]
struct IdRef {
    id: i64,
}

#[derive(Deserialize)]
struct PrintById {
    id: i64,
    #[serde(default)]
    printer: Option<String>,
    #[serde(default = "one")]
    copies: u32,
}

#[derive(Deserialize)]
struct PrintYear {
    year: i32,
    #[serde(default)]
    printer: Option<String>,
    #[serde(default = "one")]
    copies: u32,
}

fn print(
    state: &AppState,
    paper: Paper,
    printer: Option<&str>,
    copies: u32,
) -> ApiResult<output::PrintJob> {
    let (bytes, name) = pdf(state, paper)?;
    super::output::send_to_printer(&bytes, printer, copies, &name)
}

#[tauri::command]
pub async fn preview_reminder(
    state: State<'_, AppState>,
    input: Option<Input>,
) -> ApiResult<Preview> {
    let r: IdRef = parse(input)?;
    preview_of(&state, pdf(&state, Paper::Reminder(r.id))?.0, 96)
}

#[tauri::command]
pub async fn save_reminder_pdf<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    input: Option<Input>,
) -> ApiResult<Option<Saved>> {
    let r: IdRef = parse(input)?;
    let (bytes, name) = pdf(&state, Paper::Reminder(r.id))?;
    save_with_dialog(&app, bytes, &name).await
}

#[tauri::command]
pub async fn print_reminder(
    state: State<'_, AppState>,
    input: Option<Input>,
) -> ApiResult<output::PrintJob> {
    let r: PrintById = parse(input)?;
    print(
        &state,
        Paper::Reminder(r.id),
        r.printer.as_deref(),
        r.copies,
    )
}

#[tauri::command]
pub async fn preview_summary(
    state: State<'_, AppState>,
    input: Option<Input>,
) -> ApiResult<Preview> {
    let r: IdRef = parse(input)?;
    preview_of(&state, pdf(&state, Paper::Summary(r.id))?.0, 96)
}

#[tauri::command]
pub async fn save_summary_pdf<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    input: Option<Input>,
) -> ApiResult<Option<Saved>> {
    let r: IdRef = parse(input)?;
    let (bytes, name) = pdf(&state, Paper::Summary(r.id))?;
    save_with_dialog(&app, bytes, &name).await
}

#[tauri::command]
pub async fn print_summary(
    state: State<'_, AppState>,
    input: Option<Input>,
) -> ApiResult<output::PrintJob> {
    let r: PrintById = parse(input)?;
    print(&state, Paper::Summary(r.id), r.printer.as_deref(), r.copies)
}

#[tauri::command]
pub async fn preview_stats(state: State<'_, AppState>, input: Option<Input>) -> ApiResult<Preview> {
    let r: Year = parse(input)?;
    preview_of(&state, pdf(&state, Paper::Stats(r.year))?.0, 96)
}

#[tauri::command]
pub async fn save_stats_pdf<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    input: Option<Input>,
) -> ApiResult<Option<Saved>> {
    let r: Year = parse(input)?;
    let (bytes, name) = pdf(&state, Paper::Stats(r.year))?;
    save_with_dialog(&app, bytes, &name).await
}

#[tauri::command]
pub async fn save_stats_xlsx<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    input: Option<Input>,
) -> ApiResult<Option<Saved>> {
    let r: Year = parse(input)?;
    let bytes = state.act(|s, _| s.annual_xlsx(r.year))?;
    let name = format!("{}年党建调度工作统计.xlsx", r.year);
    save_file_with_dialog(&app, bytes, &name, ("导出Excel", "Excel 工作簿", "xlsx")).await
}

#[tauri::command]
pub async fn print_stats(
    state: State<'_, AppState>,
    input: Option<Input>,
) -> ApiResult<output::PrintJob> {
    let r: PrintYear = parse(input)?;
    print(&state, Paper::Stats(r.year), r.printer.as_deref(), r.copies)
}
