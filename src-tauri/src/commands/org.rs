use super::{parse, parse_or_default, Id, ListFilter, WithId, WithReason};
use crate::error::ApiResult;
use crate::state::AppState;
use diaodu_store::{AssistancePoint, Pairing, Person, PersonInput, Unit, UnitInput};
use serde::Deserialize;
use tauri::State;

type Input = serde_json::Value;

#[tauri::command]
pub async fn list_units(state: State<'_, AppState>, input: Option<Input>) -> ApiResult<Vec<Unit>> {
    let f: ListFilter = parse_or_default(input)?;
    state.act(|s, _| s.list_units(f.include_retired))
}

#[tauri::command]
pub async fn create_unit(state: State<'_, AppState>, input: Option<Input>) -> ApiResult<Unit> {
    let input: UnitInput = parse(input)?;
    state.act(|s, a| s.create_unit(a, &input))
}

#[tauri::command]
pub async fn update_unit(state: State<'_, AppState>, input: Option<Input>) -> ApiResult<Unit> {
    let input: WithId<UnitInput> = parse(input)?;
    state.act(|s, a| s.update_unit(a, input.id, &input.fields))
}

#[tauri::command]
pub async fn retire_unit(state: State<'_, AppState>, input: Option<Input>) -> ApiResult<Unit> {
    let input: WithReason = parse(input)?;
    state.act(|s, a| s.retire_unit(a, input.id, &input.reason))
}

#[tauri::command]
pub async fn reinstate_unit(state: State<'_, AppState>, input: Option<Input>) -> ApiResult<Unit> {
    let input: Id = parse(input)?;
    state.act(|s, a| s.reinstate_unit(a, input.id))
}

#[tauri::command]
pub async fn list_people(
    state: State<'_, AppState>,
    input: Option<Input>,
) -> ApiResult<Vec<Person>> {
    let f: ListFilter = parse_or_default(input)?;
    state.act(|s, _| s.list_people(f.include_retired))
}

#[tauri::command]
pub async fn create_person(state: State<'_, AppState>, input: Option<Input>) -> ApiResult<Person> {
    let input: PersonInput = parse(input)?;
    state.act(|s, a| s.create_person(a, &input))
}

#[tauri::command]
pub async fn update_person(state: State<'_, AppState>, input: Option<Input>) -> ApiResult<Person> {
    let input: WithId<PersonInput> = parse(input)?;
    state.act(|s, a| s.update_person(a, input.id, &input.fields))
}

#[tauri::command]
pub async fn retire_person(state: State<'_, AppState>, input: Option<Input>) -> ApiResult<Person> {
    let input: WithReason = parse(input)?;
    state.act(|s, a| s.retire_person(a, input.id, &input.reason))
}

#[tauri::command]
pub async fn reinstate_person(
    state: State<'_, AppState>,
    input: Option<Input>,
) -> ApiResult<Person> {
    let input: Id = parse(input)?;
    state.act(|s, a| s.reinstate_person(a, input.id))
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct NewAssistance {
    leader_id: Option<i64>,
    branch_id: Option<i64>,
    #[serde(default)]
    note: String,
}

#[tauri::command]
pub async fn list_assistance_points(
    state: State<'_, AppState>,
    input: Option<Input>,
) -> ApiResult<Vec<AssistancePoint>> {
    let f: ListFilter = parse_or_default(input)?;
    state.act(|s, _| s.list_assistance_points(f.include_ended))
}

#[tauri::command]
pub async fn create_assistance_point(
    state: State<'_, AppState>,
    input: Option<Input>,
) -> ApiResult<AssistancePoint> {
    let input: NewAssistance = parse(input)?;
    // A missing choice is an unknown id; the core names the field.
    state.act(|s, a| {
        s.create_assistance_point(
            a,
            input.leader_id.unwrap_or(0),
            input.branch_id.unwrap_or(0),
            &input.note,
        )
    })
}

#[tauri::command]
pub async fn end_assistance_point(
    state: State<'_, AppState>,
    input: Option<Input>,
) -> ApiResult<AssistancePoint> {
    let input: Id = parse(input)?;
    state.act(|s, a| s.end_assistance_point(a, input.id))
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct NewPairing {
    department_id: Option<i64>,
    branch_id: Option<i64>,
    #[serde(default)]
    note: String,
}

#[tauri::command]
pub async fn list_pairings(
    state: State<'_, AppState>,
    input: Option<Input>,
) -> ApiResult<Vec<Pairing>> {
    let f: ListFilter = parse_or_default(input)?;
    state.act(|s, _| s.list_pairings(f.include_ended))
}

#[tauri::command]
pub async fn create_pairing(
    state: State<'_, AppState>,
    input: Option<Input>,
) -> ApiResult<Pairing> {
    let input: NewPairing = parse(input)?;
    state.act(|s, a| {
        s.create_pairing(
            a,
            input.department_id.unwrap_or(0),
            input.branch_id.unwrap_or(0),
            &input.note,
        )
    })
}

#[tauri::command]
pub async fn end_pairing(state: State<'_, AppState>, input: Option<Input>) -> ApiResult<Pairing> {
    let input: Id = parse(input)?;
    state.act(|s, a| s.end_pairing(a, input.id))
}
