// Assessment and duty (docs/ipc-assessment.md). Like index.js, the only place
// that knows these command names; every call goes through index.js's `call`.

import { call } from './index.js';

// Rule sets (考核细则)
export const listRuleSets = () => call('list_rule_sets');
export const createRuleSet = ({ name, baseScore, note }) => call('create_rule_set', { name, baseScore, note });
export const updateRuleSet = ({ id, baseScore, note }) => call('update_rule_set', { id, baseScore, note });
export const addRule = ({ ruleSetId, ...rule }) => call('add_rule', { ruleSetId, ...ruleInput(rule) });
export const updateRule = ({ id, ...rule }) => call('update_rule', { id, ...ruleInput(rule) });
export const removeRule = ({ id }) => call('remove_rule', { id });
export const reviseRuleSet = ({ id }) => call('revise_rule_set', { id });
// The signer's acts take the user's own password again.
export const activateRuleSet = ({ id, password }) => call('activate_rule_set', { id, password });

function ruleInput(r) {
  return {
    category: r.category ?? '',
    description: r.description ?? '',
    points: r.points ?? null,
    direction: r.direction ?? '',
    dimension: r.dimension ?? '',
    appliesTo: r.appliesTo ?? '',
    evidence: r.evidence || null,
  };
}

// Scoring (考核评分)
export const listAssessmentPeriods = () => call('list_assessment_periods');
export const listAssessmentRecords = ({ period, status }) => call('list_assessment_records', status ? { period, status } : { period });
export const assessmentRanking = ({ period }) => call('assessment_ranking', { period });
export const addAssessmentRecord = ({ period, unitId, ruleId, description, occurredOn }) =>
  call('add_assessment_record', { period, unitId, ruleId, description, occurredOn: occurredOn || null });
export const addAssessmentAdjustment = ({ period, unitId, points, reason }) => call('add_assessment_adjustment', { period, unitId, points, reason });
export const proposeAssessments = ({ period }) => call('propose_assessments', { period });
export const decideAssessmentRecords = ({ ids, confirm, note }) => call('decide_assessment_records', { ids, confirm, note: note ?? '' });
export const cancelAssessmentRecord = ({ id, reason }) => call('cancel_assessment_record', { id, reason });
export const closeAssessmentPeriod = ({ period, password }) => call('close_assessment_period', { period, password });
export const getEvidence = ({ kind, id }) => call('get_evidence', { kind, id });

// Rewards and penalties (奖惩)
export const listRewards = ({ period } = {}) => call('list_rewards', period ? { period } : {});
export const createReward = (input) => call('create_reward', input);
export const issueBulletin = ({ period, password }) => call('issue_bulletin', { period, password });

// Duty (值班) and handovers (交接班)
export const dutyRoster = ({ month }) => call('duty_roster', { month });
export const listDutyUsers = () => call('list_duty_users');
export const setLeaderDuty = ({ date, personId, note }) => call('set_leader_duty', { date, personId, note: note ?? '' });
export const fillLeaderRoster = ({ month, personIds }) => call('fill_leader_roster', { month, personIds });
export const swapLeaderDuty = ({ dateA, dateB, reason }) => call('swap_leader_duty', { dateA, dateB, reason });
export const setDispatcherShift = ({ date, shift, userId, note }) => call('set_dispatcher_shift', { date, shift, userId, note: note ?? '' });
export const dutyNow = () => call('duty_now');
export const listHandovers = ({ limit } = {}) => call('list_handovers', limit ? { limit } : {});
export const createHandover = (input) => call('create_handover', input);
export const addHandoverItem = ({ id, text }) => call('add_handover_item', { id, text });
export const finishHandoverItem = ({ itemId, note }) => call('finish_handover_item', { itemId, note: note ?? '' });
export const confirmHandover = ({ id, username, password }) => call('confirm_handover', { id, username, password });

// Hotline (热线电话) and inspections (综合大检查)
export const listHotlineCalls = ({ from, to } = {}) => call('list_hotline_calls', { from: from || null, to: to || null });
export const createHotlineCall = (input) => call('create_hotline_call', input);
export const updateHotlineCall = ({ id, ...input }) => call('update_hotline_call', { id, ...input });
export const convertHotlineCall = (input) => call('convert_hotline_call', input);
export const listInspections = ({ from, to } = {}) => call('list_inspections', { from: from || null, to: to || null });
export const createInspection = (input) => call('create_inspection', input);
export const addInspectionFinding = ({ inspectionId, ...finding }) => call('add_inspection_finding', { inspectionId, ...finding });

// Report sets (报表): kind ranking | roster | monthly | annual | bulletin.
export const previewReport = ({ kind, period }) => call('preview_report', { kind, period });
export const saveReportPdf = ({ kind, period }) => call('save_report_pdf', { kind, period });
export const saveReportXlsx = ({ kind, period }) => call('save_report_xlsx', { kind, period });
export const printReport = ({ kind, period, printer, copies }) => call('print_report', { kind, period, printer, copies });
