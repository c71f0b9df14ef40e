// Supervision (督办), reminders (催办), dispatch meetings (调度会), stage
// summaries and bulletins (一总结一通报), the dashboard (工作台) and the
// annual figures (年度统计): docs/ipc-supervision.md. Like index.js, this is
// the only place that knows these command names; every call goes through
// index.js's `call`, so errors arrive as {code, message, field?}.

import { call, compact } from './index.js';

// Supervision records and the supervision of one task or document.
export const listSupervisions = (filter = {}) => call('list_supervisions', compact(filter, { dropEmpty: true }));
// record: {targetKind?, targetId?, unitId?, supervisedOn, method, supervisor, findings, result}
export const createSupervision = (record) => call('create_supervision', compact(record, { dropEmpty: true }));
export const targetSupervision = ({ targetKind, targetId }) => call('target_supervision', { targetKind, targetId });

// 催办
export const reminderList = () => call('reminder_list');
export const sendReminder = ({ targetKind, targetId }) => call('send_reminder', { targetKind, targetId });
export const listRemindersSent = ({ year } = {}) => call('list_reminders_sent', compact({ year }, { dropEmpty: true }));
export const previewReminder = ({ id }) => call('preview_reminder', { id });
export const saveReminderPdf = ({ id }) => call('save_reminder_pdf', { id });
export const printReminder = ({ id, printer, copies }) => call('print_reminder', { id, printer, copies });

// 工作台 and the daily alert list
export const dashboard = () => call('dashboard');
export const todayAlerts = () => call('today_alerts');
export const notificationStatus = () => call('notification_status');

// 调度会
export const listMeetings = (filter = {}) => call('list_meetings', compact(filter, { dropEmpty: true }));
export const getMeeting = ({ id }) => call('get_meeting', { id });
// meeting: MeetingInput {kind, heldOn, startTime, place, chair, attendees, agenda, notes}; decisions: [{text, unitId, deadline}]
export const createMeeting = (meeting, decisions = []) => call('create_meeting', { ...meetingInput(meeting), decisions: decisions.map(decisionInput) });
export const updateMeeting = ({ id, ...meeting }) => call('update_meeting', { id, ...meetingInput(meeting) });
export const cancelMeeting = ({ id, reason }) => call('cancel_meeting', { id, reason });
export const addDecision = ({ meetingId, ...decision }) => call('add_decision', { meetingId, ...decisionInput(decision) });
export const updateDecision = ({ id, ...decision }) => call('update_decision', { id, ...decisionInput(decision) });
export const removeDecision = ({ id }) => call('remove_decision', { id });
// {id, planId, parentId?, name?, leadUnitId?, deadline?}
export const decisionToTask = ({ id, ...rest }) => call('decision_to_task', { id, ...compact(rest, { dropEmpty: true }) });
// {id, kind: 'order'|'notice', title?, urgency?, method?, targetUnitId?, deadline?} → {meeting, doc}
export const decisionToDoc = ({ id, ...rest }) => call('decision_to_doc', { id, ...compact(rest, { dropEmpty: true }) });
export const recordBulletinRead = ({ meetingId, summaryId }) => call('record_bulletin_read', { meetingId, summaryId });

function meetingInput(m) {
  return {
    kind: m.kind ?? '',
    heldOn: m.heldOn ?? '',
    startTime: m.startTime ?? '',
    place: m.place ?? '',
    chair: m.chair ?? '',
    attendees: m.attendees ?? '',
    agenda: m.agenda ?? '',
    notes: m.notes ?? '',
  };
}

function decisionInput(d) {
  return { text: d.text ?? '', unitId: d.unitId ?? null, deadline: d.deadline || null };
}

// 阶段总结与通报
export const listSummaryStages = () => call('list_summary_stages');
export const listSummaries = () => call('list_summaries');
export const getSummary = ({ id }) => call('get_summary', { id });
export const generateSummary = ({ planId, stageId }) => call('generate_summary', compact({ planId, stageId }, { dropEmpty: true }));
export const updateSummary = ({ id, title, addressees, body }) => call('update_summary', { id, title, addressees, body });
export const issueSummary = ({ id, password }) => call('issue_summary', { id, password });
// password: the signer's own, again, when the bulletin is issued.
export const withdrawSummary = ({ id, reason, password }) => call('withdraw_summary', password === undefined ? { id, reason } : { id, reason, password });
export const previewSummary = ({ id }) => call('preview_summary', { id });
export const saveSummaryPdf = ({ id }) => call('save_summary_pdf', { id });
export const printSummary = ({ id, printer, copies }) => call('print_summary', { id, printer, copies });

// 年度统计
export const annualStats = ({ year }) => call('annual_stats', { year: Number(year) });
export const previewStats = ({ year }) => call('preview_stats', { year: Number(year) });
export const saveStatsPdf = ({ year }) => call('save_stats_pdf', { year: Number(year) });
export const saveStatsXlsx = ({ year }) => call('save_stats_xlsx', { year: Number(year) });
export const printStats = ({ year, printer, copies }) => call('print_stats', { year: Number(year), printer, copies });
