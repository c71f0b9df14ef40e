//! Registers (docs/ipc-registers.md): visits to assistance points and their
//! problems, the emergency log with its printed report, the duties register
//! and the archive. Thin: parse, call the core as the session's user.
use super::output::{one, preview_of, save_with_dialog, send_to_printer, Preview, Saved};
use super::{parse, parse_or_default, Id, WithId, WithReason};
use crate::error::ApiResult;
use crate::state::AppState;
use diaodu_documents::output;
use diaodu_store::assessment::DutyNow;
use diaodu_store::{
    ArchiveFile, ArchiveFilter, ArchiveInput, EmergencyEvent, EmergencyFilter, EmergencyInput,
    PostDuty, PostDutyFilter, PostDutyInput, ProblemSolvedInput, ProblemToRectification,
    ProblemToTask, Visit, VisitFilter, VisitInput,
};
use serde::Deserialize;
use tauri::{AppHandle, Runtime, State};

type Input = serde_json::Value;

// ---------- visits (帮扶走访) ----------

#[tauri::command]
pub async fn list_visits(
    state: State<'_, AppState>,
    input: Option<Input>,
) -> ApiResult<Vec<Visit>> {
    let f: VisitFilter = parse_or_default(input)?;
    state.act(|s, _| s.list_visits(&f))
}

#[tauri::command]
pub async fn get_visit(state: State<'_, AppState>, input: Option<Input>) -> ApiResult<Visit> {
    let i: Id = parse(input)?;
    state.act(|s, _| s.get_visit(i.id))
}

#[tauri::command]
pub async fn create_visit(state: State<'_, AppState>, input: Option<Input>) -> ApiResult<Visit> {
    let i: VisitInput = parse(input)?;
    state.act(|s, a| s.create_visit(a, &i))
}

#[tauri::command]
pub async fn update_visit(state: State<'_, AppState>, input: Option<Input>) -> ApiResult<Visit> {
    let i: WithId<VisitInput> = parse(input)?;
    state.act(|s, a| s.update_visit(a, i.id, &i.fields))
}

#[tauri::command]
pub async fn problem_to_task(state: State<'_, AppState>, input: Option<Input>) -> ApiResult<Visit> {
    let i: ProblemToTask = parse(input)?;
    state.act(|s, a| s.problem_to_task(a, &i))
}

#[tauri::command]
pub async fn problem_to_rectification(
    state: State<'_, AppState>,
    input: Option<Input>,
) -> ApiResult<Visit> {
    let i: ProblemToRectification = parse(input)?;
    state.act(|s, a| s.problem_to_rectification(a, &i))
}

#[tauri::command]
pub async fn solve_problem_onsite(
    state: State<'_, AppState>,
    input: Option<Input>,
) -> ApiResult<Visit> {
    let i: ProblemSolvedInput = parse(input)?;
    state.act(|s, a| s.solve_problem_onsite(a, &i))
}

// ---------- emergencies (应急管理) ----------

#[tauri::command]
pub async fn list_emergencies(
    state: State<'_, AppState>,
    input: Option<Input>,
) -> ApiResult<Vec<EmergencyEvent>> {
    let f: EmergencyFilter = parse_or_default(input)?;
    state.act(|s, _| s.list_emergencies(&f))
}

#[tauri::command]
pub async fn get_emergency(
    state: State<'_, AppState>,
    input: Option<Input>,
) -> ApiResult<EmergencyEvent> {
    let i: Id = parse(input)?;
    state.act(|s, _| s.get_emergency(i.id))
}

#[tauri::command]
pub async fn create_emergency(
    state: State<'_, AppState>,
    input: Option<Input>,
) -> ApiResult<EmergencyEvent> {
    let i: EmergencyInput = parse(input)?;
    state.act(|s, a| s.create_emergency(a, &i))
}

#[tauri::command]
pub async fn update_emergency(
    state: State<'_, AppState>,
    input: Option<Input>,
) -> ApiResult<EmergencyEvent> {
    let i: WithId<EmergencyInput> = parse(input)?;
    state.act(|s, a| s.update_emergency(a, i.id, &i.fields))
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Closure {
    id: i64,
    #[serde(default)]
    closed_at: String,
    #[serde(default)]
    closure_note: String,
}

#[tauri::command]
pub async fn close_emergency(
    state: State<'_, AppState>,
    input: Option<Input>,
) -> ApiResult<EmergencyEvent> {
    let i: Closure = parse(input)?;
    state.act(|s, a| s.close_emergency(a, i.id, &i.closed_at, &i.closure_note))
}

#[derive(Deserialize)]
struct At {
    #[serde(default)]
    at: String,
}

/// Who was on duty at a time: the form shows the leader before saving.
#[tauri::command]
pub async fn duty_for_time(state: State<'_, AppState>, input: Option<Input>) -> ApiResult<DutyNow> {
    let i: At = parse(input)?;
    state.act(|s, _| s.duty_for_time(&i.at))
}

/// What is printed: one event's report or a year's register.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Paper {
    id: Option<i64>,
    year: Option<i32>,
    #[serde(default)]
    printer: Option<String>,
    #[serde(default = "one")]
    copies: u32,
}

fn pdf(state: &AppState, p: &Paper) -> ApiResult<(Vec<u8>, String)> {
    let fonts = state.fonts()?;
    state.act(|s, _| match (p.id, p.year) {
        (Some(id), _) => {
            let e = s.get_emergency(id)?;
            let day = e.occurred_at.get(..10).unwrap_or_default().to_string();
            Ok((
                s.emergency_pdf(id, &fonts)?,
                format!("应急事件报告单-{day}-{}.pdf", e.place),
            ))
        }
        (None, Some(year)) => Ok((
            s.emergency_register_pdf(year, &fonts)?,
            format!("{year}年应急事件登记表.pdf"),
        )),
        (None, None) => Err(diaodu_store::CoreError::validation(
            "id",
            "请选择要打印的应急事件或年度",
        )),
    })
}

#[tauri::command]
pub async fn preview_emergency(
    state: State<'_, AppState>,
    input: Option<Input>,
) -> ApiResult<Preview> {
    let p: Paper = parse(input)?;
    preview_of(&state, pdf(&state, &p)?.0, 96)
}

#[tauri::command]
pub async fn save_emergency_pdf<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    input: Option<Input>,
) -> ApiResult<Option<Saved>> {
    let p: Paper = parse(input)?;
    let (bytes, name) = pdf(&state, &p)?;
    save_with_dialog(&app, bytes, &name).await
}

#[tauri::command]
pub async fn print_emergency(
    state: State<'_, AppState>,
    input: Option<Input>,
) -> ApiResult<output::PrintJob> {
    let p: Paper = parse(input)?;
    let (bytes, name) = pdf(&state, &p)?;
    send_to_printer(&bytes, p.printer.as_deref(), p.copies, &name)
}

// ---------- duties (工作职责) ----------

#[tauri::command]
pub async fn list_post_duties(
    state: State<'_, AppState>,
    input: Option<Input>,
) -> ApiResult<Vec<PostDuty>> {
    let f: PostDutyFilter = parse_or_default(input)?;
    state.act(|s, _| s.list_post_duties(&f))
}

#[tauri::command]
pub async fn create_post_duty(
    state: State<'_, AppState>,
    input: Option<Input>,
) -> ApiResult<PostDuty> {
    let i: PostDutyInput = parse(input)?;
    state.act(|s, a| s.create_post_duty(a, &i))
}

#[tauri::command]
pub async fn update_post_duty(
    state: State<'_, AppState>,
    input: Option<Input>,
) -> ApiResult<PostDuty> {
    let i: WithId<PostDutyInput> = parse(input)?;
    state.act(|s, a| s.update_post_duty(a, i.id, &i.fields))
}

// ---------- archive (文档管理) ----------

#[tauri::command]
pub async fn list_archive(
    state: State<'_, AppState>,
    input: Option<Input>,
) -> ApiResult<Vec<ArchiveFile>> {
    let f: ArchiveFilter = parse_or_default(input)?;
    state.act(|s, _| s.list_archive(&f))
}

#[tauri::command]
pub async fn get_archive_file(
    state: State<'_, AppState>,
    input: Option<Input>,
) -> ApiResult<ArchiveFile> {
    let i: Id = parse(input)?;
    state.act(|s, _| s.get_archive_file(i.id))
}

#[tauri::command]
pub async fn create_archive_file(
    state: State<'_, AppState>,
    input: Option<Input>,
) -> ApiResult<ArchiveFile> {
    let i: ArchiveInput = parse(input)?;
    state.act(|s, a| s.create_archive_file(a, &i))
}

#[tauri::command]
pub async fn update_archive_file(
    state: State<'_, AppState>,
    input: Option<Input>,
) -> ApiResult<ArchiveFile> {
    let i: WithId<ArchiveInput> = parse(input)?;
    state.act(|s, a| s.update_archive_file(a, i.id, &i.fields))
}

#[tauri::command]
pub async fn retire_archive_file(
    state: State<'_, AppState>,
    input: Option<Input>,
) -> ApiResult<ArchiveFile> {
    let i: WithReason = parse(input)?;
    state.act(|s, a| s.retire_archive_file(a, i.id, &i.reason))
}
