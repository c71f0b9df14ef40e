//! Feedback, rectifications (整改), the office's close-out and the timeline
//! (docs/ipc-loop.md). Thin: parse, call the core as the session's user.
use super::{parse, parse_or_default, Id, WithId, WithReason};
use crate::error::ApiResult;
use crate::state::AppState;
use diaodu_store::{
    Feedback, FeedbackInput, LoopOwner, LoopStatus, Rectification, RectificationFilter,
    RectificationInput, TimelineEvent, VerificationInput,
};
use serde::Deserialize;
use tauri::State;

type Input = serde_json::Value;

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct TargetRef {
    #[serde(default)]
    target_kind: String,
    target_id: i64,
    #[serde(default)]
    note: String,
    #[serde(default)]
    reason: String,
    /// Why it closes without the pictures or video asked for.
    #[serde(default)]
    waiver: String,
}

#[tauri::command]
pub async fn add_feedback(state: State<'_, AppState>, input: Option<Input>) -> ApiResult<Feedback> {
    let i: FeedbackInput = parse(input)?;
    state.act(|s, a| s.add_feedback(a, &i))
}

#[tauri::command]
pub async fn list_feedback(
    state: State<'_, AppState>,
    input: Option<Input>,
) -> ApiResult<Vec<Feedback>> {
    let t: TargetRef = parse(input)?;
    state.act(|s, _| s.list_feedback(&t.target_kind, t.target_id))
}

#[tauri::command]
pub async fn loop_status(
    state: State<'_, AppState>,
    input: Option<Input>,
) -> ApiResult<LoopStatus> {
    let t: TargetRef = parse(input)?;
    state.act(|s, _| s.loop_status(&t.target_kind, t.target_id))
}

/// 流水线、专人负责: who is responsible for each step of the loop.
#[tauri::command]
pub async fn loop_owners(
    state: State<'_, AppState>,
    input: Option<Input>,
) -> ApiResult<Vec<LoopOwner>> {
    let t: TargetRef = parse(input)?;
    state.act(|s, _| s.loop_owners(&t.target_kind, t.target_id))
}

#[tauri::command]
pub async fn close_loop(state: State<'_, AppState>, input: Option<Input>) -> ApiResult<LoopStatus> {
    let t: TargetRef = parse(input)?;
    state.act(|s, a| s.close_loop_waived(a, &t.target_kind, t.target_id, &t.note, &t.waiver))
}

#[tauri::command]
pub async fn reopen_loop(
    state: State<'_, AppState>,
    input: Option<Input>,
) -> ApiResult<LoopStatus> {
    let t: TargetRef = parse(input)?;
    state.act(|s, a| s.reopen_loop(a, &t.target_kind, t.target_id, &t.reason))
}

#[tauri::command]
pub async fn timeline(
    state: State<'_, AppState>,
    input: Option<Input>,
) -> ApiResult<Vec<TimelineEvent>> {
    let t: TargetRef = parse(input)?;
    state.act(|s, _| s.timeline(&t.target_kind, t.target_id))
}

#[tauri::command]
pub async fn list_rectifications(
    state: State<'_, AppState>,
    input: Option<Input>,
) -> ApiResult<Vec<Rectification>> {
    let f: RectificationFilter = parse_or_default(input)?;
    state.act(|s, _| s.list_rectifications(&f))
}

#[tauri::command]
pub async fn get_rectification(
    state: State<'_, AppState>,
    input: Option<Input>,
) -> ApiResult<Rectification> {
    let i: Id = parse(input)?;
    state.act(|s, _| s.get_rectification(i.id))
}

#[tauri::command]
pub async fn create_rectification(
    state: State<'_, AppState>,
    input: Option<Input>,
) -> ApiResult<Rectification> {
    let i: RectificationInput = parse(input)?;
    state.act(|s, a| s.create_rectification(a, &i))
}

#[tauri::command]
pub async fn update_rectification(
    state: State<'_, AppState>,
    input: Option<Input>,
) -> ApiResult<Rectification> {
    let i: WithId<RectificationInput> = parse(input)?;
    state.act(|s, a| s.update_rectification(a, i.id, &i.fields))
}

#[tauri::command]
pub async fn verify_rectification(
    state: State<'_, AppState>,
    input: Option<Input>,
) -> ApiResult<Rectification> {
    let i: WithId<VerificationInput> = parse(input)?;
    state.act(|s, a| s.verify_rectification(a, i.id, &i.fields))
}

#[derive(Deserialize)]
struct WithNote {
    id: i64,
    #[serde(default)]
    note: String,
}

#[tauri::command]
pub async fn close_rectification(
    state: State<'_, AppState>,
    input: Option<Input>,
) -> ApiResult<Rectification> {
    let i: WithNote = parse(input)?;
    state.act(|s, a| s.close_rectification(a, i.id, &i.note))
}

#[tauri::command]
pub async fn reopen_rectification(
    state: State<'_, AppState>,
    input: Option<Input>,
) -> ApiResult<Rectification> {
    let i: WithReason = parse(input)?;
    state.act(|s, a| s.reopen_rectification(a, i.id, &i.reason))
}
