// Pure logic of the closed loop's screens: choices, checks before a form
// goes to the core (the core checks again and is the authority), the
// actions a rectification offers, and the timeline grouped by day.

import { isValidDate } from './dates.js';
import { todayIso } from './clock.js';

export const RECT_SOURCES = [
  { value: 'inspection', label: '综合大检查' },
  { value: 'supervision', label: '督办' },
  { value: 'hotline', label: '热线电话' },
  { value: 'meeting', label: '调度会' },
  { value: 'feedback', label: '反馈' },
  { value: 'other', label: '其他' },
];

export const RECT_STATUSES = [
  { value: 'open', label: '整改中' },
  { value: 'verified', label: '已验收' },
  { value: 'closed', label: '已销号' },
];

export const DUE_FILTERS = [
  { value: 'late', label: '临期或逾期' },
  { value: 'overdue', label: '逾期' },
  { value: 'due_soon', label: '临期' },
];

export const VERIFY_RESULTS = [
  { value: 'pass', label: '通过' },
  { value: 'fail', label: '不通过' },
];

const WEEKDAYS = ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六'];

// Today on the core's day (one definition, in lib/clock.js).

// Sizes as people read them: 2 GB, 1.5 MB, 820 KB (as the core writes them).
export function formatSize(bytes) {
  const units = ['B', 'KB', 'MB', 'GB'];
  let v = Number(bytes) || 0;
  let unit = 0;
  while (v >= 1024 && unit < units.length - 1) {
    v /= 1024;
    unit += 1;
  }
  if (unit === 0 || v >= 100 || Math.abs(v - Math.round(v)) < 0.05) return `${Math.round(v)} ${units[unit]}`;
  return `${v.toFixed(1)} ${units[unit]}`;
}

// The light of a deadline: red overdue, amber due soon, green done.
export function dueBadge(dueState) {
  switch (dueState) {
    case 'overdue':
      return { tone: 'red', label: '逾期' };
    case 'due_soon':
      return { tone: 'amber', label: '临期' };
    case 'done':
      return { tone: 'green', label: '' };
    default:
      return { tone: '', label: '' };
  }
}

export function statusTone(status) {
  return { open: 'active', verified: 'ready', closed: 'done' }[status] ?? 'active';
}

const text = (v) => String(v ?? '').trim();
const chars = (v) => Array.from(text(v)).length;

function checkDate(value, label, { notAfter = null } = {}) {
  const v = text(value);
  if (!v) return `请填写${label}`;
  if (!isValidDate(v)) return `${label}格式应为 2026-03-05`;
  if (notAfter && v > notAfter) return `${label}不能晚于今天`;
  return null;
}

function checkProgress(value, isFinal) {
  const v = text(value);
  if (!v) return null;
  if (!/^\d+$/.test(v) || Number(v) > 100) return '进度应为0到100之间的整数';
  if (isFinal && Number(v) < 100) return '最终反馈表示工作已完成，进度应为100%';
  return null;
}

// values: the feedback form; attachments: staged files.
export function validateFeedback(values, attachments = [], today = todayIso()) {
  const errors = {};
  const date = checkDate(values.reportedOn, '反馈日期', { notAfter: today });
  if (date) errors.reportedOn = date;
  if (!text(values.unitId)) errors.unitId = '请选择反馈单位';
  if (!text(values.personName)) errors.personName = '请填写反馈人';
  else if (chars(values.personName) > 20) errors.personName = '反馈人不能超过20个字';
  if (!text(values.text) && attachments.length === 0) errors.text = '请填写反馈内容，或添加照片、视频等附件';
  else if (chars(values.text) > 4000) errors.text = '反馈内容不能超过4000个字';
  const progress = checkProgress(values.progress, Boolean(values.isFinal));
  if (progress) errors.progress = progress;
  return errors;
}

export function feedbackInput(values, { targetKind, targetId }, attachments = []) {
  const progress = text(values.progress);
  return {
    targetKind,
    targetId,
    reportedOn: text(values.reportedOn),
    unitId: text(values.unitId) ? Number(values.unitId) : null,
    personName: text(values.personName),
    text: text(values.text),
    progress: progress ? Number(progress) : null,
    isFinal: Boolean(values.isFinal),
    attachments: attachments.map((a) => ({ sha256: a.sha256, name: a.name })),
  };
}

export function validateRectification(values) {
  const errors = {};
  if (!text(values.source)) errors.source = '请选择整改来源';
  if (!text(values.problem)) errors.problem = '请填写存在问题';
  if (!text(values.itemName)) errors.itemName = '请填写项目名称';
  else if (chars(values.itemName) > 60) errors.itemName = '项目名称不能超过60个字';
  if (!text(values.personName)) errors.personName = '请填写责任人';
  else if (chars(values.personName) > 20) errors.personName = '责任人不能超过20个字';
  const deadline = checkDate(values.deadline, '完成时限');
  if (deadline) errors.deadline = deadline;
  if (!text(values.unitId)) errors.unitId = '请选择责任单位';
  return errors;
}

export function rectificationInput(values, attachments = [], target = null) {
  return {
    source: text(values.source),
    sourceRef: text(values.sourceRef) || null,
    targetKind: target ? target.kind : null,
    targetId: target ? target.id : null,
    problem: text(values.problem),
    itemName: text(values.itemName),
    personName: text(values.personName),
    deadline: text(values.deadline),
    unitId: text(values.unitId) ? Number(values.unitId) : null,
    measures: text(values.measures),
    evidence: text(values.evidence),
    attachments: attachments.map((a) => ({ sha256: a.sha256, name: a.name })),
  };
}

export function validateVerification(values, today = todayIso()) {
  const errors = {};
  if (!text(values.verifiedBy)) errors.verifiedBy = '请填写验收人';
  const date = checkDate(values.verifiedOn, '验收日期', { notAfter: today });
  if (date) errors.verifiedOn = date;
  if (!text(values.result)) errors.result = '请选择验收结果';
  if (values.result === 'fail' && !text(values.note)) errors.note = '验收不通过时请写明原因';
  return errors;
}

// What a rectification offers: edit until closed out; verify while open;
// close-out is offered while open too, so the core can say why not yet.
export function rectActions(r, editable) {
  if (!editable || !r) return [];
  switch (r.status) {
    case 'open':
      return ['verify', 'closeout', 'edit'];
    case 'verified':
      return ['closeout', 'reopen', 'edit'];
    case 'closed':
      return ['reopen'];
    default:
      return [];
  }
}

export const RECT_ACTION_LABELS = { verify: '验收', closeout: '销号', edit: '编辑', reopen: '重新打开' };

// Events grouped by day, oldest first, with the weekday.
export function timelineDays(events) {
  const days = [];
  for (const e of events) {
    const date = String(e.at ?? '').slice(0, 10);
    let day = days[days.length - 1];
    if (!day || day.date !== date) {
      const d = isValidDate(date) ? new Date(`${date}T00:00:00`) : null;
      day = { date, weekday: d ? WEEKDAYS[d.getDay()] : '', events: [] };
      days.push(day);
    }
    day.events.push({ ...e, time: /\d{2}:\d{2}/.exec(String(e.at).slice(10))?.[0] ?? '' });
  }
  return days;
}

// The paths a Tauri drag-and-drop event carries.
export function droppedPaths(payload) {
  const paths = payload && Array.isArray(payload.paths) ? payload.paths : [];
  return paths.filter((p) => typeof p === 'string' && p.trim() !== '');
}

// The file name of a path, for progress messages while it is copied.
export function baseName(path) {
  return String(path).split(/[\\/]/).filter(Boolean).pop() ?? String(path);
}
