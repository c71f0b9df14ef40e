use super::{parse, parse_or_default, Id, WithId, WithReason};
use crate::error::ApiResult;
use crate::state::AppState;
use diaodu_store::{
    BaselineInfo, CalendarDay, CalendarYear, LinkInput, Plan, PlanFilter, PlanInput, PlanSummary,
    TaskInput, Variance,
};
use serde::Deserialize;
use tauri::State;

type Input = serde_json::Value;

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct PlanRef {
    plan_id: i64,
}

#[tauri::command]
pub async fn list_plans(
    state: State<'_, AppState>,
    input: Option<Input>,
) -> ApiResult<Vec<PlanSummary>> {
    let f: PlanFilter = parse_or_default(input)?;
    state.act(|s, _| s.list_plans(&f))
}

#[tauri::command]
pub async fn get_plan(state: State<'_, AppState>, input: Option<Input>) -> ApiResult<Plan> {
    let i: Id = parse(input)?;
    state.act(|s, _| s.get_plan(i.id))
}

#[tauri::command]
pub async fn create_plan(state: State<'_, AppState>, input: Option<Input>) -> ApiResult<Plan> {
    let i: PlanInput = parse(input)?;
    state.act(|s, a| s.create_plan(a, &i))
}

#[tauri::command]
pub async fn update_plan(state: State<'_, AppState>, input: Option<Input>) -> ApiResult<Plan> {
    let i: WithId<PlanInput> = parse(input)?;
    state.act(|s, a| s.update_plan(a, i.id, &i.fields))
}

#[tauri::command]
pub async fn archive_plan(state: State<'_, AppState>, input: Option<Input>) -> ApiResult<Plan> {
    let i: WithReason = parse(input)?;
    state.act(|s, a| s.archive_plan(a, i.id, &i.reason))
}

#[tauri::command]
pub async fn restore_plan(state: State<'_, AppState>, input: Option<Input>) -> ApiResult<Plan> {
    let i: Id = parse(input)?;
    state.act(|s, a| s.restore_plan(a, i.id))
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct ChartRef {
    plan_id: i64,
    #[serde(default)]
    baseline_id: Option<i64>,
}

/// The chart in its wire form (docs/ipc-plans.md, "The chart on the wire"),
/// serialised here once and passed to the window as it is.
type ChartJson = tauri::ipc::Response;

#[tauri::command]
pub async fn get_chart(state: State<'_, AppState>, input: Option<Input>) -> ApiResult<ChartJson> {
    let i: ChartRef = parse(input)?;
    state.actor()?;
    // The store stays locked until the chart is remembered as sent, so an
    // edit in between is measured against this chart.
    let store = state.store()?;
    let chart = store.chart(i.plan_id, i.baseline_id)?;
    let json = state.charts()?.whole(chart, i.baseline_id)?;
    drop(store);
    Ok(tauri::ipc::Response::new(json))
}

/// Every chart edit answers with what changed against the chart last sent
/// (or the whole chart when the window was sent another plan's), with the
/// baseline the window shows.
fn edited(
    state: &AppState,
    f: impl FnOnce(&mut diaodu_store::Store, &diaodu_store::Actor) -> diaodu_store::Result<i64>,
) -> ApiResult<ChartJson> {
    let actor = state.actor()?;
    let mut store = state.store()?;
    let plan_id = f(&mut store, &actor)?;
    let mut charts = state.charts()?;
    let baseline = charts.baseline_for(plan_id);
    let chart = store.chart(plan_id, baseline)?;
    let json = charts.edited(chart, baseline)?;
    drop(store);
    Ok(tauri::ipc::Response::new(json))
}

#[tauri::command]
pub async fn create_task(state: State<'_, AppState>, input: Option<Input>) -> ApiResult<ChartJson> {
    let i: TaskInput = parse(input)?;
    edited(&state, |s, a| s.create_task(a, &i).map(|_| i.plan_id))
}

#[tauri::command]
pub async fn update_task(state: State<'_, AppState>, input: Option<Input>) -> ApiResult<ChartJson> {
    let patch = match input {
        Some(serde_json::Value::Object(m)) => m,
        _ => return Err(crate::ApiError::bad_input("应为对象")),
    };
    let id = patch
        .get("id")
        .and_then(|v| v.as_i64())
        .ok_or_else(|| crate::ApiError::bad_input("缺少任务 id"))?;
    edited(&state, |s, a| s.update_task(a, id, &patch))
}

#[derive(Deserialize)]
struct Move {
    id: i64,
    #[serde(default)]
    start: Option<String>,
    #[serde(default)]
    duration: Option<i64>,
}

#[tauri::command]
pub async fn move_task(state: State<'_, AppState>, input: Option<Input>) -> ApiResult<ChartJson> {
    let m: Move = parse(input)?;
    let mut patch = serde_json::Map::new();
    if let Some(start) = m.start {
        patch.insert("start".into(), start.into());
    }
    if let Some(d) = m.duration {
        patch.insert("duration".into(), d.into());
    }
    edited(&state, |s, a| s.update_task(a, m.id, &patch))
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Reparent {
    id: i64,
    parent_id: Option<i64>,
    #[serde(default)]
    position: i64,
}

#[tauri::command]
pub async fn reparent_task(
    state: State<'_, AppState>,
    input: Option<Input>,
) -> ApiResult<ChartJson> {
    let r: Reparent = parse(input)?;
    edited(&state, |s, a| {
        s.reparent_task(a, r.id, r.parent_id, r.position)
    })
}

#[tauri::command]
pub async fn delete_task(state: State<'_, AppState>, input: Option<Input>) -> ApiResult<ChartJson> {
    let i: Id = parse(input)?;
    edited(&state, |s, a| s.delete_task(a, i.id))
}

/// Undo of a delete: `{id}` names the deleted task; the core restores it
/// from the delete's own record (whatever else the window might send).
#[tauri::command]
pub async fn restore_tasks(
    state: State<'_, AppState>,
    input: Option<Input>,
) -> ApiResult<ChartJson> {
    let i: Id = parse(input)?;
    edited(&state, |s, a| s.restore_tasks(a, i.id))
}

/// 撤销: `{id, reason}`; the task stays with the status 已撤销.
#[tauri::command]
pub async fn cancel_task(state: State<'_, AppState>, input: Option<Input>) -> ApiResult<ChartJson> {
    let i: WithReason = parse(input)?;
    edited(&state, |s, a| s.cancel_task(a, i.id, &i.reason))
}

#[tauri::command]
pub async fn resume_task(state: State<'_, AppState>, input: Option<Input>) -> ApiResult<ChartJson> {
    let i: Id = parse(input)?;
    edited(&state, |s, a| s.resume_task(a, i.id))
}

#[tauri::command]
pub async fn create_link(state: State<'_, AppState>, input: Option<Input>) -> ApiResult<ChartJson> {
    let i: LinkInput = parse(input)?;
    edited(&state, |s, a| s.create_link(a, &i).map(|_| i.plan_id))
}

#[derive(Deserialize)]
struct LinkUpdate {
    id: i64,
    kind: String,
    #[serde(default)]
    lag: i64,
}

#[tauri::command]
pub async fn update_link(state: State<'_, AppState>, input: Option<Input>) -> ApiResult<ChartJson> {
    let i: LinkUpdate = parse(input)?;
    edited(&state, |s, a| s.update_link(a, i.id, &i.kind, i.lag))
}

#[tauri::command]
pub async fn delete_link(state: State<'_, AppState>, input: Option<Input>) -> ApiResult<ChartJson> {
    let i: Id = parse(input)?;
    edited(&state, |s, a| s.delete_link(a, i.id))
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct NewBaseline {
    plan_id: i64,
    #[serde(default)]
    name: String,
}

#[tauri::command]
pub async fn save_baseline(
    state: State<'_, AppState>,
    input: Option<Input>,
) -> ApiResult<BaselineInfo> {
    let i: NewBaseline = parse(input)?;
    state.act(|s, a| s.save_baseline(a, i.plan_id, &i.name))
}

#[tauri::command]
pub async fn list_baselines(
    state: State<'_, AppState>,
    input: Option<Input>,
) -> ApiResult<Vec<BaselineInfo>> {
    let i: PlanRef = parse(input)?;
    state.act(|s, _| s.list_baselines(i.plan_id))
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct VarianceRef {
    plan_id: i64,
    baseline_id: i64,
}

#[tauri::command]
pub async fn baseline_variance(
    state: State<'_, AppState>,
    input: Option<Input>,
) -> ApiResult<Variance> {
    let i: VarianceRef = parse(input)?;
    state.act(|s, _| s.baseline_variance(i.plan_id, i.baseline_id))
}

#[derive(Deserialize)]
struct Year {
    year: i32,
}

#[tauri::command]
pub async fn calendar_year(
    state: State<'_, AppState>,
    input: Option<Input>,
) -> ApiResult<CalendarYear> {
    let i: Year = parse(input)?;
    state.act(|s, _| s.calendar_year(i.year))
}

#[tauri::command]
pub async fn list_calendar_days(
    state: State<'_, AppState>,
    input: Option<Input>,
) -> ApiResult<Vec<CalendarDay>> {
    let i: Year = parse(input)?;
    state.act(|s, _| s.list_calendar_days(i.year))
}

#[derive(Deserialize)]
struct DaySetting {
    date: String,
    working: bool,
    #[serde(default)]
    name: String,
}

#[tauri::command]
pub async fn set_calendar_day(
    state: State<'_, AppState>,
    input: Option<Input>,
) -> ApiResult<Vec<CalendarDay>> {
    let i: DaySetting = parse(input)?;
    state.act(|s, a| s.set_calendar_day(a, &i.date, i.working, &i.name))
}

#[derive(Deserialize)]
struct DayRef {
    date: String,
}

#[tauri::command]
pub async fn remove_calendar_day(
    state: State<'_, AppState>,
    input: Option<Input>,
) -> ApiResult<Vec<CalendarDay>> {
    let i: DayRef = parse(input)?;
    state.act(|s, a| s.remove_calendar_day(a, &i.date))
}
