//! Supervision, reminders, dispatch meetings, stage summaries, the dashboard
//! and the annual figures (docs/ipc-supervision.md). Parse, call the core as
//! the session's user, map errors; nothing else.
use super::{parse, parse_or_default, Id, SignerAct, WithId, WithReason};
use crate::error::ApiResult;
use crate::state::AppState;
use diaodu_store::{
    AnnualStats, Dashboard, DecisionDocInput, DecisionInput, DecisionTaskInput, DispatchDoc,
    Meeting, MeetingFilter, MeetingInput, Reminder, ReminderRow, Summary, SummaryEdit,
    SummaryStage, SupervisionFilter, SupervisionInput, SupervisionRecord, TargetSupervision,
    TodayAlerts,
};
use serde::{Deserialize, Serialize};
use tauri::State;

type Input = serde_json::Value;

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct TargetRef {
    target_kind: String,
    target_id: i64,
}

#[tauri::command]
pub async fn list_supervisions(
    state: State<'_, AppState>,
    input: Option<Input>,
) -> ApiResult<Vec<SupervisionRecord>> {
    let f: SupervisionFilter = parse_or_default(input)?;
    state.act(|s, _| s.list_supervisions(&f))
}

#[tauri::command]
pub async fn create_supervision(
    state: State<'_, AppState>,
    input: Option<Input>,
) -> ApiResult<SupervisionRecord> {
    let i: SupervisionInput = parse(input)?;
    state.act(|s, a| s.create_supervision(a, &i))
}

#[tauri::command]
pub async fn target_supervision(
    state: State<'_, AppState>,
    input: Option<Input>,
) -> ApiResult<TargetSupervision> {
    let i: TargetRef = parse(input)?;
    state.act(|s, _| s.target_supervision(&i.target_kind, i.target_id))
}

#[tauri::command]
pub async fn reminder_list(state: State<'_, AppState>) -> ApiResult<Vec<ReminderRow>> {
    state.act(|s, _| s.reminder_list())
}

#[tauri::command]
pub async fn send_reminder(
    state: State<'_, AppState>,
    input: Option<Input>,
) -> ApiResult<Reminder> {
    let i: TargetRef = parse(input)?;
    state.act(|s, a| s.send_reminder(a, &i.target_kind, i.target_id))
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct YearFilter {
    year: Option<i32>,
}

#[tauri::command]
pub async fn list_reminders_sent(
    state: State<'_, AppState>,
    input: Option<Input>,
) -> ApiResult<Vec<Reminder>> {
    let f: YearFilter = parse_or_default(input)?;
    state.act(|s, _| s.list_reminders_sent(f.year))
}

#[tauri::command]
pub async fn today_alerts(state: State<'_, AppState>) -> ApiResult<TodayAlerts> {
    state.act(|s, _| s.today_alerts())
}

#[tauri::command]
pub async fn dashboard(state: State<'_, AppState>) -> ApiResult<Dashboard> {
    state.act(|s, _| s.dashboard())
}

// ---------- meetings ----------

#[tauri::command]
pub async fn list_meetings(
    state: State<'_, AppState>,
    input: Option<Input>,
) -> ApiResult<Vec<Meeting>> {
    let f: MeetingFilter = parse_or_default(input)?;
    state.act(|s, _| s.list_meetings(&f))
}

#[tauri::command]
pub async fn get_meeting(state: State<'_, AppState>, input: Option<Input>) -> ApiResult<Meeting> {
    let i: Id = parse(input)?;
    state.act(|s, _| s.get_meeting(i.id))
}

#[derive(Deserialize)]
struct NewMeeting {
    #[serde(flatten)]
    meeting: MeetingInput,
    #[serde(default)]
    decisions: Vec<DecisionInput>,
}

#[tauri::command]
pub async fn create_meeting(
    state: State<'_, AppState>,
    input: Option<Input>,
) -> ApiResult<Meeting> {
    let i: NewMeeting = parse(input)?;
    state.act(|s, a| s.create_meeting(a, &i.meeting, &i.decisions))
}

#[tauri::command]
pub async fn update_meeting(
    state: State<'_, AppState>,
    input: Option<Input>,
) -> ApiResult<Meeting> {
    let i: WithId<MeetingInput> = parse(input)?;
    state.act(|s, a| s.update_meeting(a, i.id, &i.fields))
}

#[tauri::command]
pub async fn cancel_meeting(
    state: State<'_, AppState>,
    input: Option<Input>,
) -> ApiResult<Meeting> {
    let i: WithReason = parse(input)?;
    state.act(|s, a| s.cancel_meeting(a, i.id, &i.reason))
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct NewDecision {
    meeting_id: i64,
    #[serde(flatten)]
    decision: DecisionInput,
}

#[tauri::command]
pub async fn add_decision(state: State<'_, AppState>, input: Option<Input>) -> ApiResult<Meeting> {
    let i: NewDecision = parse(input)?;
    state.act(|s, a| s.add_decision(a, i.meeting_id, &i.decision))
}

#[tauri::command]
pub async fn update_decision(
    state: State<'_, AppState>,
    input: Option<Input>,
) -> ApiResult<Meeting> {
    let i: WithId<DecisionInput> = parse(input)?;
    state.act(|s, a| s.update_decision(a, i.id, &i.fields))
}

#[tauri::command]
pub async fn remove_decision(
    state: State<'_, AppState>,
    input: Option<Input>,
) -> ApiResult<Meeting> {
    let i: Id = parse(input)?;
    state.act(|s, a| s.remove_decision(a, i.id))
}

#[tauri::command]
pub async fn decision_to_task(
    state: State<'_, AppState>,
    input: Option<Input>,
) -> ApiResult<Meeting> {
    let i: WithId<DecisionTaskInput> = parse(input)?;
    state.act(|s, a| s.decision_to_task(a, i.id, &i.fields))
}

#[derive(Serialize)]
pub struct MeetingAndDoc {
    meeting: Meeting,
    doc: DispatchDoc,
}

#[tauri::command]
pub async fn decision_to_doc(
    state: State<'_, AppState>,
    input: Option<Input>,
) -> ApiResult<MeetingAndDoc> {
    let i: WithId<DecisionDocInput> = parse(input)?;
    let (meeting, doc) = state.act(|s, a| s.decision_to_doc(a, i.id, &i.fields))?;
    Ok(MeetingAndDoc { meeting, doc })
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct BulletinRead {
    meeting_id: i64,
    summary_id: i64,
}

#[tauri::command]
pub async fn record_bulletin_read(
    state: State<'_, AppState>,
    input: Option<Input>,
) -> ApiResult<Meeting> {
    let i: BulletinRead = parse(input)?;
    state.act(|s, a| s.record_bulletin_read(a, i.meeting_id, i.summary_id))
}

// ---------- stage summaries ----------

#[tauri::command]
pub async fn list_summary_stages(state: State<'_, AppState>) -> ApiResult<Vec<SummaryStage>> {
    state.act(|s, _| s.list_summary_stages())
}

#[tauri::command]
pub async fn list_summaries(state: State<'_, AppState>) -> ApiResult<Vec<Summary>> {
    state.act(|s, _| s.list_summaries())
}

#[tauri::command]
pub async fn get_summary(state: State<'_, AppState>, input: Option<Input>) -> ApiResult<Summary> {
    let i: Id = parse(input)?;
    state.act(|s, _| s.get_summary(i.id))
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct StageRef {
    plan_id: i64,
    #[serde(default)]
    stage_id: Option<i64>,
}

#[tauri::command]
pub async fn generate_summary(
    state: State<'_, AppState>,
    input: Option<Input>,
) -> ApiResult<Summary> {
    let i: StageRef = parse(input)?;
    state.act(|s, a| s.generate_summary(a, i.plan_id, i.stage_id))
}

#[tauri::command]
pub async fn update_summary(
    state: State<'_, AppState>,
    input: Option<Input>,
) -> ApiResult<Summary> {
    let i: WithId<SummaryEdit> = parse(input)?;
    state.act(|s, a| s.update_summary(a, i.id, &i.fields))
}

#[derive(Deserialize)]
struct Issue {
    id: i64,
    #[serde(default)]
    password: String,
}

#[tauri::command]
pub async fn issue_summary(state: State<'_, AppState>, input: Option<Input>) -> ApiResult<Summary> {
    let i: Issue = parse(input)?;
    state.act(|s, a| s.issue_summary(a, i.id, &i.password))
}

#[tauri::command]
pub async fn withdraw_summary(
    state: State<'_, AppState>,
    input: Option<Input>,
) -> ApiResult<Summary> {
    let i: SignerAct = parse(input)?;
    state.act(|s, a| s.withdraw_summary(a, i.id, &i.reason, &i.password))
}

// ---------- annual figures ----------

#[derive(Deserialize)]
pub(crate) struct Year {
    pub(crate) year: i32,
}

#[tauri::command]
pub async fn annual_stats(
    state: State<'_, AppState>,
    input: Option<Input>,
) -> ApiResult<AnnualStats> {
    let i: Year = parse(input)?;
    state.act(|s, _| s.annual_stats(i.year))
}

/// What the desktop notification did last (shown, unavailable or nothing),
/// so the app can tell when the desktop has no notification service.
#[tauri::command]
pub async fn notification_status(
    state: State<'_, AppState>,
) -> ApiResult<Option<crate::notify::NotifyOutcome>> {
    state.actor()?;
    Ok(crate::notify::last_outcome())
}
