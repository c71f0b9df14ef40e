use super::{parse, parse_or_default, Id, SignerAct, WithId};
use crate::error::ApiResult;
use crate::state::AppState;
use diaodu_store::{DispatchDoc, DocFilter, DocInput, OrdersFromTasks, Verification};
use serde::Deserialize;
use tauri::State;

type Input = serde_json::Value;

#[tauri::command]
pub async fn list_docs(
    state: State<'_, AppState>,
    input: Option<Input>,
) -> ApiResult<Vec<DispatchDoc>> {
    let f: DocFilter = parse_or_default(input)?;
    state.act(|s, _| s.list_docs(&f))
}

#[tauri::command]
pub async fn get_doc(state: State<'_, AppState>, input: Option<Input>) -> ApiResult<DispatchDoc> {
    let i: Id = parse(input)?;
    state.act(|s, _| s.get_doc(i.id))
}

#[tauri::command]
pub async fn create_doc(
    state: State<'_, AppState>,
    input: Option<Input>,
) -> ApiResult<DispatchDoc> {
    let i: DocInput = parse(input)?;
    state.act(|s, a| s.create_doc(a, &i))
}

#[tauri::command]
pub async fn update_doc(
    state: State<'_, AppState>,
    input: Option<Input>,
) -> ApiResult<DispatchDoc> {
    let i: WithId<DocInput> = parse(input)?;
    state.act(|s, a| s.update_doc(a, i.id, &i.fields))
}

#[tauri::command]
pub async fn amend_doc(state: State<'_, AppState>, input: Option<Input>) -> ApiResult<DispatchDoc> {
    let i: Id = parse(input)?;
    state.act(|s, a| s.amend_doc(a, i.id))
}

#[derive(Deserialize)]
struct Sign {
    id: i64,
    #[serde(default)]
    password: String,
}

#[tauri::command]
pub async fn sign_doc(state: State<'_, AppState>, input: Option<Input>) -> ApiResult<DispatchDoc> {
    let i: Sign = parse(input)?;
    state.act(|s, a| s.sign_doc(a, i.id, &i.password))
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Receipt {
    id: i64,
    #[serde(default)]
    received_by: String,
    #[serde(default)]
    received_at: String,
}

#[tauri::command]
pub async fn receive_doc(
    state: State<'_, AppState>,
    input: Option<Input>,
) -> ApiResult<DispatchDoc> {
    let i: Receipt = parse(input)?;
    state.act(|s, a| s.receive_doc(a, i.id, &i.received_by, &i.received_at))
}

#[tauri::command]
pub async fn start_doc(state: State<'_, AppState>, input: Option<Input>) -> ApiResult<DispatchDoc> {
    let i: Id = parse(input)?;
    state.act(|s, a| s.start_doc(a, i.id))
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Complete {
    id: i64,
    #[serde(default)]
    completed_at: String,
}

#[tauri::command]
pub async fn complete_doc(
    state: State<'_, AppState>,
    input: Option<Input>,
) -> ApiResult<DispatchDoc> {
    let i: Complete = parse(input)?;
    state.act(|s, a| s.complete_doc(a, i.id, &i.completed_at))
}

#[tauri::command]
pub async fn withdraw_doc(
    state: State<'_, AppState>,
    input: Option<Input>,
) -> ApiResult<DispatchDoc> {
    let i: SignerAct = parse(input)?;
    state.act(|s, a| s.withdraw_doc(a, i.id, &i.reason, &i.password))
}

#[derive(Deserialize)]
struct Code {
    #[serde(default)]
    code: String,
}

#[tauri::command]
pub async fn verify_code(
    state: State<'_, AppState>,
    input: Option<Input>,
) -> ApiResult<Verification> {
    let i: Code = parse(input)?;
    state.act(|s, _| s.verify_code(&i.code))
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct FromTasks {
    task_ids: Vec<i64>,
    #[serde(default)]
    method: String,
    #[serde(default)]
    feedback_requirement: String,
}

#[tauri::command]
pub async fn notices_from_tasks(
    state: State<'_, AppState>,
    input: Option<Input>,
) -> ApiResult<Vec<DispatchDoc>> {
    let i: FromTasks = parse(input)?;
    state.act(|s, a| s.notices_from_tasks(a, &i.task_ids, &i.method, &i.feedback_requirement))
}

#[tauri::command]
pub async fn orders_from_tasks(
    state: State<'_, AppState>,
    input: Option<Input>,
) -> ApiResult<Vec<DispatchDoc>> {
    let i: OrdersFromTasks = parse(input)?;
    state.act(|s, a| s.orders_from_tasks(a, &i))
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct TaskRef {
    task_id: i64,
}

#[tauri::command]
pub async fn task_docs(
    state: State<'_, AppState>,
    input: Option<Input>,
) -> ApiResult<Vec<DispatchDoc>> {
    let i: TaskRef = parse(input)?;
    state.act(|s, _| s.docs_for_task(i.task_id))
}
