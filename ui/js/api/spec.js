// The work specification (工作规范), periodic work and omissions
// (docs/ipc-spec.md). Like index.js, the only place that knows these command
// names; every call goes through index.js's `call`.

import { call, compact } from './index.js';

// Catalogue. filter: {scope?, cycle?, text?, includeRetired?}
export const listSpecItems = (filter = {}) => call('list_spec_items', compact(filter, { dropEmpty: true }));
export const getSpecItem = ({ id }) => call('get_spec_item', { id });
export const createSpecItem = (item) => call('create_spec_item', specInput(item));
export const updateSpecItem = ({ id, ...item }) => call('update_spec_item', { id, ...specInput(item) });
export const retireSpecItem = ({ id, reason }) => call('retire_spec_item', { id, reason });
export const reinstateSpecItem = ({ id }) => call('reinstate_spec_item', { id });

// Every field is sent, so an edit that clears a field clears it.
export function specInput(item) {
  return {
    code: item.code ?? '',
    scope: item.scope ?? '',
    category: item.category ?? '',
    title: item.title ?? '',
    content: item.content ?? '',
    arrange: item.arrange ?? '',
    implement: item.implement ?? '',
    statistics: item.statistics ?? '',
    unitIds: item.scope === 'branch' ? [] : (item.unitIds ?? []).map(Number),
    cycle: item.cycle ?? '',
    dueText: item.dueText ?? '',
    evidence: item.evidence ?? '',
    note: item.note ?? '',
  };
}

// Periods: 2026, 2026-Q1, 2026-03, 2026-03-D2, 2026-W11, 2026-03-16.
export const generateSpecPeriod = ({ period }) => call('generate_spec_period', { period });
export const specOverview = ({ period }) => call('spec_overview', { period });
export const specChecklist = ({ unitId, period }) => call('spec_checklist', { unitId, period });
export const specItemProgress = ({ itemId, period }) => call('spec_item_progress', { itemId, period });
// attachments: [{sha256, name}] replaces the evidence files; leave it out to keep them.
export const markSpecDone = ({ id, doneDate, note = '', evidence = '', attachments }) => call('mark_spec_done', { id, doneDate, note, evidence, ...(attachments ? { attachments } : {}) });
// One set of evidence files (attachments: [{sha256, name}]) for every instance ticked.
export const markSpecDoneMany = ({ ids, doneDate, note = '', evidence = '', attachments = [] }) => call('mark_spec_done_many', { ids, doneDate, note, evidence, attachments });
export const unmarkSpecDone = ({ id }) => call('unmark_spec_done', { id });

// Periodic work due today and overdue, and a 催办通知单 for an omission.
export const specDue = () => call('spec_due');
export const sendSpecReminder = ({ id }) => call('send_spec_reminder', { id });

// Omissions: {period, unitId?, asOf?}
export const specOmissions = (request) => call('spec_omissions', compact(request, { dropEmpty: true }));
export const previewOmissionReport = (request) => call('preview_omission_report', compact(request, { dropEmpty: true }));
export const saveOmissionReportPdf = (request) => call('save_omission_report_pdf', compact(request, { dropEmpty: true }));
export const printOmissionReport = (request) => call('print_omission_report', compact(request, { dropEmpty: true }));

// Excel. The file the user picked, as {fileName, data (base64)}.
export const previewSpecImport = ({ fileName, data }) => call('preview_spec_import', { fileName, data });
export const applySpecImport = ({ fileName, data }) => call('apply_spec_import', { fileName, data });
// request: {kind: catalogue|overview|checklist|omissions, period?, unitId?, asOf?};
// answers {path} or null when the user cancelled the save dialog.
export const exportSpecXlsx = (request) => call('export_spec_xlsx', compact(request, { dropEmpty: true }));
