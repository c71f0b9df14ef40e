// The registers beside the loop (docs/ipc-registers.md): visits to
// assistance points and their problems, the emergency log and its printed
// report, the duties register and the archive. Like index.js, the only place
// that knows these command names; every call goes through index.js's `call`.

import { call, compact } from './index.js';

// 帮扶走访
export const listVisits = ({ pointId, year } = {}) => call('list_visits', compact({ pointId, year }, { dropEmpty: true }));
export const getVisit = ({ id }) => call('get_visit', { id });
export const createVisit = ({ pointId, visitedOn, leaderId = null, summary = '', problems = [] }) =>
  call('create_visit', { pointId, visitedOn, leaderId, summary, problems });
export const updateVisit = ({ id, pointId, visitedOn, leaderId = null, summary = '', problems = [] }) =>
  call('update_visit', { id, pointId, visitedOn, leaderId, summary, problems });
export const problemToTask = ({ problemId, deadline, name = '', planId = null, leadUnitId = null }) =>
  call('problem_to_task', { problemId, deadline, name, planId, leadUnitId });
export const problemToRectification = ({ problemId, itemName, personName, deadline, unitId = null }) =>
  call('problem_to_rectification', { problemId, itemName, personName, deadline, unitId });
export const solveProblemOnsite = ({ problemId, solvedOn, solution }) => call('solve_problem_onsite', { problemId, solvedOn, solution });

// 应急管理
export const listEmergencies = ({ year, status } = {}) => call('list_emergencies', compact({ year, status }, { dropEmpty: true }));
export const getEmergency = ({ id }) => call('get_emergency', { id });
export const createEmergency = (input) => call('create_emergency', emergencyInput(input));
export const updateEmergency = ({ id, ...input }) => call('update_emergency', { id, ...emergencyInput(input) });
export const closeEmergency = ({ id, closedAt, closureNote }) => call('close_emergency', { id, closedAt, closureNote });
export const dutyForTime = ({ at }) => call('duty_for_time', { at });
// The printed papers: {id} one event's report, {year} the year's register.
export const previewEmergency = (paper) => call('preview_emergency', compact(paper, { dropEmpty: true }));
export const saveEmergencyPdf = (paper) => call('save_emergency_pdf', compact(paper, { dropEmpty: true }));
export const printEmergency = ({ printer, copies, ...paper }) => call('print_emergency', compact({ ...paper, printer, copies }, { dropEmpty: true }));

function emergencyInput(e) {
  return {
    occurredAt: e.occurredAt ?? '',
    place: e.place ?? '',
    category: e.category ?? '',
    reporter: e.reporter ?? '',
    reporterPhone: e.reporterPhone ?? '',
    what: e.what ?? '',
    measures: e.measures ?? '',
    notified: (e.notified ?? []).map((n) => ({ personId: n.personId, notifiedAt: n.notifiedAt ?? '', method: n.method ?? '' })),
  };
}

// 工作职责
export const listPostDuties = ({ includeEnded = false, personId } = {}) => call('list_post_duties', compact({ includeEnded, personId }, { dropEmpty: true }));
export const createPostDuty = (input) => call('create_post_duty', dutyInput(input));
export const updatePostDuty = ({ id, ...input }) => call('update_post_duty', { id, ...dutyInput(input) });

function dutyInput(d) {
  return { post: d.post ?? '', unitId: d.unitId ?? null, personId: d.personId ?? null, duties: d.duties ?? '', since: d.since ?? '', until: d.until || null };
}

// 文档管理
export const listArchive = ({ text, kind, includeRetired = false } = {}) => call('list_archive', compact({ text, kind, includeRetired }, { dropEmpty: true }));
export const getArchiveFile = ({ id }) => call('get_archive_file', { id });
export const createArchiveFile = (input) => call('create_archive_file', archiveInput(input));
export const updateArchiveFile = ({ id, ...input }) => call('update_archive_file', { id, ...archiveInput(input) });
export const retireArchiveFile = ({ id, reason }) => call('retire_archive_file', { id, reason });

function archiveInput(f) {
  return {
    kind: f.kind ?? '',
    title: f.title ?? '',
    issuer: f.issuer ?? '',
    number: f.number ?? '',
    issuedOn: f.issuedOn ?? '',
    note: f.note ?? '',
    attachments: (f.attachments ?? []).map((a) => ({ sha256: a.sha256, name: a.name })),
  };
}
