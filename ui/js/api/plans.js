// Plans, baselines and the working calendar (docs/ipc-plans.md). Like index.js,
// this is the only place that knows these command names; every call goes
// through index.js's `call`, so errors arrive as {code, message, field?} and a
// lost or locked session is reported to the app the same way.

import { call, compact } from './index.js';

// Plans
// filters: {text?, kind?, status?: 'active'|'archived'|'all'}; empty values are left out.
export const listPlans = ({ text, kind, status = 'active' } = {}) => call('list_plans', compact({ status, text, kind }, { dropEmpty: true }));
export const getPlan = ({ id }) => call('get_plan', { id });
// plan: PlanInput = {title, kind, goal, leadUnitId|null, start, end|null, note, sources: [{issuer, number, title}]}
export const createPlan = (plan) => call('create_plan', planInput(plan));
export const updatePlan = ({ id, ...plan }) => call('update_plan', { id, ...planInput(plan) });
export const archivePlan = ({ id, reason }) => call('archive_plan', { id, reason });
export const restorePlan = ({ id }) => call('restore_plan', { id });

// Every PlanInput field is sent, so an update that clears a field really clears it.
function planInput(plan) {
  return {
    title: plan.title,
    kind: plan.kind,
    goal: plan.goal ?? '',
    leadUnitId: plan.leadUnitId ?? null,
    start: plan.start,
    end: plan.end || null,
    note: plan.note ?? '',
    // A source cited from the archive keeps its archiveId (the core fills the rest).
    sources: (plan.sources ?? []).map(({ issuer = '', number = '', title = '', archiveId = null }) =>
      archiveId ? { issuer, number, title, archiveId } : { issuer, number, title },
    ),
  };
}

// Baselines
export const listBaselines = ({ planId }) => call('list_baselines', { planId });
export const saveBaseline = ({ planId, name }) => call('save_baseline', { planId, name });
export const baselineVariance = ({ planId, baselineId }) => call('baseline_variance', { planId, baselineId });

// Working calendar: each call returns the year's special days
// [{date, working, name, source: 'statutory'|'override'}].
export const listCalendarDays = ({ year }) => call('list_calendar_days', { year: Number(year) });
export const setCalendarDay = ({ date, working, name }) => call('set_calendar_day', { date, working: Boolean(working), name: name ?? '' });
export const removeCalendarDay = ({ date }) => call('remove_calendar_day', { date });
// Whether the program carries the year's State Council notice:
// {year, official, notice|null, noticeFrom, noticeTo}.
export const calendarYear = ({ year }) => call('calendar_year', { year: Number(year) });

// Exchange: a plan file the user picked (MS Project XML or JSON) and export
// through the native save dialog (answers {path} or null when cancelled).
export const importPlanText = ({ fileName, content }) => call('import_plan_text', { fileName, content });
export const exportPlanFile = ({ planId, format }) => call('export_plan_file', { planId, format });
