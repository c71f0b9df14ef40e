//! Assessment and duty commands (docs/ipc-assessment.md): rule sets,
//! scoring, rewards, duty roster and shifts, handovers, hotline calls,
//! inspections, and the report sets (preview, PDF, xlsx, print).
use super::output::{save_file_with_dialog, send_to_printer, Preview, Saved};
use super::{parse, parse_or_default, Id, SignerAct, WithId};
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
use diaodu_documents::output;
use diaodu_store::assessment::*;
use serde::Deserialize;
use tauri::{AppHandle, Runtime, State};

type Input = serde_json::Value;

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
struct PeriodArg {
    period: String,
}

/// Closing a period or issuing its bulletin: a signer's act, with the
/// actor's password again.
#[derive(Deserialize)]
struct PeriodSignerAct {
    period: String,
    #[serde(default)]
    password: String,
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
struct MonthArg {
    month: String,
}

// ---------- rule sets ----------

#[tauri::command]
pub async fn list_rule_sets(state: State<'_, AppState>) -> ApiResult<Vec<RuleSet>> {
    state.act(|s, _| s.list_rule_sets())
}

#[tauri::command]
pub async fn create_rule_set(
    state: State<'_, AppState>,
    input: Option<Input>,
) -> ApiResult<RuleSet> {
    let i: RuleSetInput = parse(input)?;
    state.act(|s, a| s.create_rule_set(a, &i))
}

#[tauri::command]
pub async fn update_rule_set(
    state: State<'_, AppState>,
    input: Option<Input>,
) -> ApiResult<RuleSet> {
    let i: WithId<RuleSetInput> = parse(input)?;
    state.act(|s, a| s.update_rule_set(a, i.id, &i.fields))
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct NewRule {
    rule_set_id: i64,
    #[serde(flatten)]
    fields: RuleInput,
}

#[tauri::command]
pub async fn add_rule(state: State<'_, AppState>, input: Option<Input>) -> ApiResult<Rule> {
    let i: NewRule = parse(input)?;
    state.act(|s, a| s.add_rule(a, i.rule_set_id, &i.fields))
}

#[tauri::command]
pub async fn update_rule(state: State<'_, AppState>, input: Option<Input>) -> ApiResult<Rule> {
    let i: WithId<RuleInput> = parse(input)?;
    state.act(|s, a| s.update_rule(a, i.id, &i.fields))
}

#[tauri::command]
pub async fn remove_rule(state: State<'_, AppState>, input: Option<Input>) -> ApiResult<RuleSet> {
    let i: Id = parse(input)?;
    state.act(|s, a| s.remove_rule(a, i.id))
}

#[tauri::command]
pub async fn revise_rule_set(
    state: State<'_, AppState>,
    input: Option<Input>,
) -> ApiResult<RuleSet> {
    let i: Id = parse(input)?;
    state.act(|s, a| s.revise_rule_set(a, i.id))
}

#[tauri::command]
pub async fn activate_rule_set(
    state: State<'_, AppState>,
    input: Option<Input>,
) -> ApiResult<RuleSet> {
    let i: SignerAct = parse(input)?;
    state.act(|s, a| s.activate_rule_set(a, i.id, &i.password))
}

// ---------- scoring ----------

#[tauri::command]
pub async fn list_assessment_periods(state: State<'_, AppState>) -> ApiResult<Vec<PeriodInfo>> {
    state.act(|s, _| s.list_assessment_periods())
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
struct RecordFilter {
    period: String,
    status: Option<String>,
}

#[tauri::command]
pub async fn list_assessment_records(
    state: State<'_, AppState>,
    input: Option<Input>,
) -> ApiResult<Vec<AssessmentRecord>> {
    let i: RecordFilter = parse(input)?;
    state.act(|s, _| s.list_assessment_records(&i.period, i.status.as_deref()))
}

#[tauri::command]
pub async fn assessment_ranking(
    state: State<'_, AppState>,
    input: Option<Input>,
) -> ApiResult<Ranking> {
    let i: PeriodArg = parse(input)?;
    state.act(|s, _| s.assessment_ranking(&i.period))
}

#[tauri::command]
pub async fn add_assessment_record(
    state: State<'_, AppState>,
    input: Option<Input>,
) -> ApiResult<AssessmentRecord> {
    let i: ManualInput = parse(input)?;
    state.act(|s, a| s.add_assessment_record(a, &i))
}

#[tauri::command]
pub async fn add_assessment_adjustment(
    state: State<'_, AppState>,
    input: Option<Input>,
) -> ApiResult<AssessmentRecord> {
    let i: AdjustmentInput = parse(input)?;
    state.act(|s, a| s.add_assessment_adjustment(a, &i))
}

#[tauri::command]
pub async fn propose_assessments(
    state: State<'_, AppState>,
    input: Option<Input>,
) -> ApiResult<ProposalRun> {
    let i: PeriodArg = parse(input)?;
    state.act(|s, a| s.propose_assessments(a, &i.period))
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Decision {
    ids: Vec<i64>,
    confirm: bool,
    #[serde(default)]
    note: String,
}

#[tauri::command]
pub async fn decide_assessment_records(
    state: State<'_, AppState>,
    input: Option<Input>,
) -> ApiResult<Vec<AssessmentRecord>> {
    let i: Decision = parse(input)?;
    state.act(|s, a| s.decide_assessment_records(a, &i.ids, i.confirm, &i.note))
}

#[tauri::command]
pub async fn cancel_assessment_record(
    state: State<'_, AppState>,
    input: Option<Input>,
) -> ApiResult<AssessmentRecord> {
    let i: super::WithReason = parse(input)?;
    state.act(|s, a| s.cancel_assessment_record(a, i.id, &i.reason))
}

#[derive(Deserialize)]
struct EvidenceArg {
    kind: String,
    id: i64,
}

#[tauri::command]
pub async fn get_evidence(
    state: State<'_, AppState>,
    input: Option<Input>,
) -> ApiResult<EvidenceDetail> {
    let i: EvidenceArg = parse(input)?;
    state.act(|s, _| s.evidence_detail(&i.kind, i.id))
}

#[tauri::command]
pub async fn close_assessment_period(
    state: State<'_, AppState>,
    input: Option<Input>,
) -> ApiResult<Ranking> {
    let i: PeriodSignerAct = parse(input)?;
    state.act(|s, a| s.close_assessment_period(a, &i.period, &i.password))
}

// ---------- rewards and penalties ----------

#[tauri::command]
pub async fn list_rewards(
    state: State<'_, AppState>,
    input: Option<Input>,
) -> ApiResult<Vec<RewardPenalty>> {
    let i: PeriodArg = parse_or_default(input)?;
    state.act(|s, _| s.list_rewards(Some(&i.period)))
}

#[tauri::command]
pub async fn create_reward(
    state: State<'_, AppState>,
    input: Option<Input>,
) -> ApiResult<RewardPenalty> {
    let i: RewardInput = parse(input)?;
    state.act(|s, a| s.create_reward(a, &i))
}

#[tauri::command]
pub async fn issue_bulletin(state: State<'_, AppState>, input: Option<Input>) -> ApiResult<String> {
    let i: PeriodSignerAct = parse(input)?;
    state.act(|s, a| s.issue_bulletin(a, &i.period, &i.password))
}

// ---------- duty ----------

#[tauri::command]
pub async fn duty_roster(state: State<'_, AppState>, input: Option<Input>) -> ApiResult<Roster> {
    let i: MonthArg = parse(input)?;
    state.act(|s, _| s.duty_roster(&i.month))
}

#[tauri::command]
pub async fn list_duty_users(state: State<'_, AppState>) -> ApiResult<Vec<DutyUser>> {
    state.act(|s, _| s.list_duty_users())
}

#[tauri::command]
pub async fn set_leader_duty(
    state: State<'_, AppState>,
    input: Option<Input>,
) -> ApiResult<DutyDay> {
    let i: LeaderDutyInput = parse(input)?;
    state.act(|s, a| s.set_leader_duty(a, &i))
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Fill {
    month: String,
    #[serde(default)]
    person_ids: Vec<i64>,
}

#[tauri::command]
pub async fn fill_leader_roster(
    state: State<'_, AppState>,
    input: Option<Input>,
) -> ApiResult<Roster> {
    let i: Fill = parse(input)?;
    state.act(|s, a| s.fill_leader_roster(a, &i.month, &i.person_ids))
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
struct Swap {
    date_a: String,
    date_b: String,
    reason: String,
}

#[tauri::command]
pub async fn swap_leader_duty(
    state: State<'_, AppState>,
    input: Option<Input>,
) -> ApiResult<Vec<DutySwap>> {
    let i: Swap = parse(input)?;
    state.act(|s, a| s.swap_leader_duty(a, &i.date_a, &i.date_b, &i.reason))
}

#[tauri::command]
pub async fn set_dispatcher_shift(
    state: State<'_, AppState>,
    input: Option<Input>,
) -> ApiResult<ShiftSlot> {
    let i: ShiftInput = parse(input)?;
    state.act(|s, a| s.set_dispatcher_shift(a, &i))
}

/// For the status bar: reading it does not count as activity.
#[tauri::command]
pub async fn duty_now(state: State<'_, AppState>) -> ApiResult<DutyNow> {
    if state.view()?.is_none() {
        return Err(ApiError::unauthenticated());
    }
    let store = state.store()?;
    Ok(store.duty_now()?)
}

// ---------- handovers ----------

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
struct Limit {
    limit: Option<i64>,
}

#[tauri::command]
pub async fn list_handovers(
    state: State<'_, AppState>,
    input: Option<Input>,
) -> ApiResult<Vec<Handover>> {
    let i: Limit = parse_or_default(input)?;
    state.act(|s, _| s.list_handovers(i.limit.unwrap_or(60)))
}

#[tauri::command]
pub async fn create_handover(
    state: State<'_, AppState>,
    input: Option<Input>,
) -> ApiResult<Handover> {
    let i: HandoverInput = parse(input)?;
    state.act(|s, a| s.create_handover(a, &i))
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
struct ItemText {
    id: i64,
    text: String,
}

#[tauri::command]
pub async fn add_handover_item(
    state: State<'_, AppState>,
    input: Option<Input>,
) -> ApiResult<Handover> {
    let i: ItemText = parse(input)?;
    state.act(|s, a| s.add_handover_item(a, i.id, &i.text))
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
struct ItemDone {
    item_id: i64,
    note: String,
}

#[tauri::command]
pub async fn finish_handover_item(
    state: State<'_, AppState>,
    input: Option<Input>,
) -> ApiResult<Handover> {
    let i: ItemDone = parse(input)?;
    state.act(|s, a| s.finish_handover_item(a, i.item_id, &i.note))
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
struct Confirm {
    id: i64,
    username: String,
    password: String,
}

#[tauri::command]
pub async fn confirm_handover(
    state: State<'_, AppState>,
    input: Option<Input>,
) -> ApiResult<Handover> {
    let i: Confirm = parse(input)?;
    state.act(|s, a| s.confirm_handover(a, i.id, &i.username, &i.password))
}

// ---------- hotline and inspections ----------

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
struct Range {
    from: Option<String>,
    to: Option<String>,
}

#[tauri::command]
pub async fn list_hotline_calls(
    state: State<'_, AppState>,
    input: Option<Input>,
) -> ApiResult<Vec<HotlineCall>> {
    let i: Range = parse_or_default(input)?;
    state.act(|s, _| s.list_hotline_calls(i.from.as_deref(), i.to.as_deref()))
}

#[tauri::command]
pub async fn create_hotline_call(
    state: State<'_, AppState>,
    input: Option<Input>,
) -> ApiResult<HotlineCall> {
    let i: HotlineInput = parse(input)?;
    state.act(|s, a| s.create_hotline_call(a, &i))
}

#[tauri::command]
pub async fn update_hotline_call(
    state: State<'_, AppState>,
    input: Option<Input>,
) -> ApiResult<HotlineCall> {
    let i: WithId<HotlineInput> = parse(input)?;
    state.act(|s, a| s.update_hotline_call(a, i.id, &i.fields))
}

#[tauri::command]
pub async fn convert_hotline_call(
    state: State<'_, AppState>,
    input: Option<Input>,
) -> ApiResult<HotlineCall> {
    let i: HotlineConversion = parse(input)?;
    state.act(|s, a| s.convert_hotline_call(a, &i))
}

#[tauri::command]
pub async fn list_inspections(
    state: State<'_, AppState>,
    input: Option<Input>,
) -> ApiResult<Vec<Inspection>> {
    let i: Range = parse_or_default(input)?;
    state.act(|s, _| s.list_inspections(i.from.as_deref(), i.to.as_deref()))
}

#[tauri::command]
pub async fn create_inspection(
    state: State<'_, AppState>,
    input: Option<Input>,
) -> ApiResult<Inspection> {
    let i: InspectionInput = parse(input)?;
    state.act(|s, a| s.create_inspection(a, &i))
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct NewFinding {
    inspection_id: i64,
    #[serde(flatten)]
    fields: FindingInput,
}

#[tauri::command]
pub async fn add_inspection_finding(
    state: State<'_, AppState>,
    input: Option<Input>,
) -> ApiResult<Inspection> {
    let i: NewFinding = parse(input)?;
    state.act(|s, a| s.add_inspection_finding(a, i.inspection_id, &i.fields))
}

// ---------- reports ----------

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
struct ReportArgs {
    /// ranking, roster, monthly, annual or bulletin.
    kind: String,
    period: String,
    printer: Option<String>,
    copies: Option<u32>,
}

fn report_pdf(state: &AppState, r: &ReportArgs) -> ApiResult<(Vec<u8>, String)> {
    let fonts = state.fonts()?;
    state.act(|s, _| {
        if r.kind == "bulletin" {
            let p = Period::parse(&r.period)?;
            return Ok((
                s.bulletin_pdf(&r.period, &fonts)?,
                format!("{}考核奖惩通报.pdf", p.label()),
            ));
        }
        let set = s.report_set(&ReportRequest {
            kind: r.kind.clone(),
            period: r.period.clone(),
        })?;
        Ok((
            s.report_pdf(&set, &fonts)?,
            format!("{}.pdf", set.file_stem),
        ))
    })
}

#[tauri::command]
pub async fn preview_report(
    state: State<'_, AppState>,
    input: Option<Input>,
) -> ApiResult<Preview> {
    let r: ReportArgs = parse(input)?;
    let (bytes, _) = report_pdf(&state, &r)?;
    super::output::preview_of(&state, bytes, 80)
}

#[tauri::command]
pub async fn save_report_pdf<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    input: Option<Input>,
) -> ApiResult<Option<Saved>> {
    let r: ReportArgs = parse(input)?;
    let (bytes, name) = report_pdf(&state, &r)?;
    save_file_with_dialog(&app, bytes, &name, ("另存为PDF", "PDF 文件", "pdf")).await
}

#[tauri::command]
pub async fn save_report_xlsx<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    input: Option<Input>,
) -> ApiResult<Option<Saved>> {
    let r: ReportArgs = parse(input)?;
    let (bytes, name) = state.act(|s, _| {
        let set = s.report_set(&ReportRequest {
            kind: r.kind.clone(),
            period: r.period.clone(),
        })?;
        Ok((report_xlsx(&set)?, format!("{}.xlsx", set.file_stem)))
    })?;
    save_file_with_dialog(&app, bytes, &name, ("另存为Excel", "Excel 工作簿", "xlsx")).await
}

#[tauri::command]
pub async fn print_report(
    state: State<'_, AppState>,
    input: Option<Input>,
) -> ApiResult<output::PrintJob> {
    let r: ReportArgs = parse(input)?;
    let (bytes, name) = report_pdf(&state, &r)?;
    send_to_printer(&bytes, r.printer.as_deref(), r.copies.unwrap_or(1), &name)
}
