//! The work specification (工作规范), periodic work and omissions: thin
//! commands over the core. Files: the xlsx the user picked is read by the
//! page and sent as base64; exports and the printed omission report are
//! written through the native save dialog opened from Rust.
use super::output::{Preview, Saved};
use super::{parse, parse_or_default, Id, WithId, WithReason};
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
use base64::Engine;
use diaodu_documents::output;
use diaodu_domain::CoreError;
use diaodu_store::supervision::reminders::Reminder;
use diaodu_store::{
    Checklist, ChecklistRow, DoneInput, DoneManyInput, GenerateReport, OmissionReport,
    PeriodOverview, SpecFilter, SpecFollowUp, SpecImportPreview, SpecImportResult, SpecItem,
    SpecItemInput, WorkbookRequest,
};
use serde::Deserialize;
use tauri::{AppHandle, Runtime, State};

type Input = serde_json::Value;

#[tauri::command]
pub async fn list_spec_items(
    state: State<'_, AppState>,
    input: Option<Input>,
) -> ApiResult<Vec<SpecItem>> {
    let f: SpecFilter = parse_or_default(input)?;
    state.act(|s, _| s.list_spec_items(&f))
}

#[tauri::command]
pub async fn get_spec_item(
    state: State<'_, AppState>,
    input: Option<Input>,
) -> ApiResult<SpecItem> {
    let i: Id = parse(input)?;
    state.act(|s, _| s.get_spec_item(i.id))
}

#[tauri::command]
pub async fn create_spec_item(
    state: State<'_, AppState>,
    input: Option<Input>,
) -> ApiResult<SpecItem> {
    let i: SpecItemInput = parse(input)?;
    state.act(|s, a| s.create_spec_item(a, &i))
}

#[tauri::command]
pub async fn update_spec_item(
    state: State<'_, AppState>,
    input: Option<Input>,
) -> ApiResult<SpecItem> {
    let i: WithId<SpecItemInput> = parse(input)?;
    state.act(|s, a| s.update_spec_item(a, i.id, &i.fields))
}

#[tauri::command]
pub async fn retire_spec_item(
    state: State<'_, AppState>,
    input: Option<Input>,
) -> ApiResult<SpecItem> {
    let i: WithReason = parse(input)?;
    state.act(|s, a| s.retire_spec_item(a, i.id, &i.reason))
}

#[tauri::command]
pub async fn reinstate_spec_item(
    state: State<'_, AppState>,
    input: Option<Input>,
) -> ApiResult<SpecItem> {
    let i: Id = parse(input)?;
    state.act(|s, a| s.reinstate_spec_item(a, i.id))
}

#[derive(Deserialize)]
struct PeriodRef {
    #[serde(default)]
    period: String,
}

#[tauri::command]
pub async fn generate_spec_period(
    state: State<'_, AppState>,
    input: Option<Input>,
) -> ApiResult<GenerateReport> {
    let i: PeriodRef = parse(input)?;
    state.act(|s, a| s.generate_spec_period(a, &i.period))
}

#[tauri::command]
pub async fn spec_overview(
    state: State<'_, AppState>,
    input: Option<Input>,
) -> ApiResult<PeriodOverview> {
    let i: PeriodRef = parse(input)?;
    state.act(|s, _| s.spec_overview(&i.period))
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct ChecklistRef {
    unit_id: i64,
    #[serde(default)]
    period: String,
}

#[tauri::command]
pub async fn spec_checklist(
    state: State<'_, AppState>,
    input: Option<Input>,
) -> ApiResult<Checklist> {
    let i: ChecklistRef = parse(input)?;
    state.act(|s, _| s.spec_checklist(i.unit_id, &i.period))
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct ProgressRef {
    item_id: i64,
    #[serde(default)]
    period: String,
}

#[tauri::command]
pub async fn spec_item_progress(
    state: State<'_, AppState>,
    input: Option<Input>,
) -> ApiResult<Vec<ChecklistRow>> {
    let i: ProgressRef = parse(input)?;
    state.act(|s, _| s.spec_item_progress(i.item_id, &i.period))
}

#[tauri::command]
pub async fn mark_spec_done(
    state: State<'_, AppState>,
    input: Option<Input>,
) -> ApiResult<ChecklistRow> {
    let i: DoneInput = parse(input)?;
    state.act(|s, a| s.mark_spec_done(a, &i))
}

#[tauri::command]
pub async fn mark_spec_done_many(
    state: State<'_, AppState>,
    input: Option<Input>,
) -> ApiResult<usize> {
    let i: DoneManyInput = parse(input)?;
    state.act(|s, a| s.mark_spec_done_many(a, &i))
}

/// The periodic work due today and overdue (漏项), with the reminders and
/// 整改 items raised from each.
#[tauri::command]
pub async fn spec_due(state: State<'_, AppState>) -> ApiResult<Vec<SpecFollowUp>> {
    state.act(|s, _| s.spec_due())
}

/// A 催办通知单 for an omission (`id`: the instance).
#[tauri::command]
pub async fn send_spec_reminder(
    state: State<'_, AppState>,
    input: Option<Input>,
) -> ApiResult<Reminder> {
    let i: Id = parse(input)?;
    state.act(|s, a| s.send_spec_reminder(a, i.id))
}

#[tauri::command]
pub async fn unmark_spec_done(
    state: State<'_, AppState>,
    input: Option<Input>,
) -> ApiResult<ChecklistRow> {
    let i: Id = parse(input)?;
    state.act(|s, a| s.unmark_spec_done(a, i.id))
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
struct OmissionRef {
    period: String,
    unit_id: Option<i64>,
    as_of: Option<String>,
    printer: Option<String>,
    copies: Option<u32>,
}

#[tauri::command]
pub async fn spec_omissions(
    state: State<'_, AppState>,
    input: Option<Input>,
) -> ApiResult<OmissionReport> {
    let i: OmissionRef = parse(input)?;
    state.act(|s, a| s.spec_omissions(a, &i.period, i.unit_id, i.as_of.as_deref()))
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct SheetFile {
    #[serde(default)]
    file_name: String,
    /// The file's bytes, base64.
    #[serde(default)]
    data: String,
}

/// The workbook's tables, read only for a logged-in user who may import
/// (the session here, the role in the core before any parsing).
fn tables(state: &AppState, f: &SheetFile) -> ApiResult<Vec<diaodu_sheets::Table>> {
    let actor = state.actor()?;
    // base64 is 4 bytes for every 3: refuse by the encoded length first.
    diaodu_store::files::check_size(
        &f.file_name,
        f.data.len() as u64 / 4 * 3,
        diaodu_store::files::MAX_SHEET_FILE_BYTES,
    )?;
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(f.data.as_bytes())
        .map_err(|_| ApiError::bad_input("文件内容不是有效的 base64"))?;
    Ok(diaodu_store::files::read_spec_workbook(
        &actor,
        &bytes,
        &f.file_name,
    )?)
}

#[tauri::command]
pub async fn preview_spec_import(
    state: State<'_, AppState>,
    input: Option<Input>,
) -> ApiResult<SpecImportPreview> {
    let f: SheetFile = parse(input)?;
    let t = tables(&state, &f)?;
    state.act(|s, _| s.preview_spec_import(&t))
}

#[tauri::command]
pub async fn apply_spec_import(
    state: State<'_, AppState>,
    input: Option<Input>,
) -> ApiResult<SpecImportResult> {
    let f: SheetFile = parse(input)?;
    let t = tables(&state, &f)?;
    state.act(|s, a| s.apply_spec_import(a, &t, &f.file_name))
}

/// Where to save: the shared save path (native dialog, or `DIAODU_SAVE_DIR`).
async fn save_file<R: Runtime>(
    app: &AppHandle<R>,
    bytes: &[u8],
    name: &str,
    what: (&str, &str, &str),
) -> ApiResult<Option<Saved>> {
    super::output::save_file_with_dialog(app, bytes.to_vec(), name, what).await
}

#[tauri::command]
pub async fn export_spec_xlsx<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    input: Option<Input>,
) -> ApiResult<Option<Saved>> {
    let r: WorkbookRequest = parse(input)?;
    let (name, book) = state.act(|s, _| s.spec_workbook(&r))?;
    let bytes = diaodu_sheets::write_xlsx(&book).map_err(|e| CoreError::internal(e.0))?;
    save_file(&app, &bytes, &name, ("导出 Excel", "Excel 工作簿", "xlsx")).await
}

fn report_pdf(state: &AppState, r: &OmissionRef) -> ApiResult<(String, Vec<u8>)> {
    let fonts = state.fonts()?;
    state.act(|s, _| s.omission_report_pdf(&r.period, r.unit_id, r.as_of.as_deref(), &fonts))
}

#[tauri::command]
pub async fn preview_omission_report(
    state: State<'_, AppState>,
    input: Option<Input>,
) -> ApiResult<Preview> {
    let r: OmissionRef = parse(input)?;
    let (_, bytes) = report_pdf(&state, &r)?;
    super::output::preview_of(&state, bytes, 96)
}

#[tauri::command]
pub async fn save_omission_report_pdf<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    input: Option<Input>,
) -> ApiResult<Option<Saved>> {
    let r: OmissionRef = parse(input)?;
    let (name, bytes) = report_pdf(&state, &r)?;
    save_file(&app, &bytes, &name, ("另存为PDF", "PDF 文件", "pdf")).await
}

#[tauri::command]
pub async fn print_omission_report(
    state: State<'_, AppState>,
    input: Option<Input>,
) -> ApiResult<output::PrintJob> {
    let r: OmissionRef = parse(input)?;
    let (name, bytes) = report_pdf(&state, &r)?;
    super::output::send_to_printer(&bytes, r.printer.as_deref(), r.copies.unwrap_or(1), &name)
}
