// Plan logic without DOM: the form's checks and its repeatable source
// documents, the status shown in the plan list, date input clean-up.
//
// The source-document rows of form[data-form="plan"] are plain inputs named
// `sources[0].issuer`, `sources[0].number`, `sources[0].title`,
// `sources[1].issuer`, … (renumbered from 0 whenever a row is removed);
// readForm returns them as flat keys and sourcesFromValues turns them into
// the contract's `sources: [{issuer, number, title}]`.

import { isValidDate } from './dates.js';
import { isBlank } from './validate.js';

export const PLAN_KINDS = [
  { value: 'key', label: '重点调度' },
  { value: 'special', label: '专项调度' },
  { value: 'daily', label: '日常调度' },
];

export const PLAN_STATUS_FILTERS = [
  { value: 'active', label: '在用计划' },
  { value: 'archived', label: '已归档' },
  { value: 'all', label: '全部计划' },
];

export const SOURCE_FIELDS = ['issuer', 'number', 'title'];
// archiveId: the row cites a file of the archive (文档管理), whose issuer,
// number and title the core takes from the archive.
const SOURCE_RE = /^sources\[(\d+)\]\.(issuer|number|title|archiveId)$/;

export function sourceFieldName(index, field) {
  return `sources[${index}].${field}`;
}

// Rows in index order; fully blank rows are dropped. Each row keeps the index
// it had in the form so an error can be shown beside the right input.
export function sourceRows(values) {
  const rows = new Map();
  for (const [key, value] of Object.entries(values ?? {})) {
    const match = SOURCE_RE.exec(key);
    if (!match) continue;
    const index = Number(match[1]);
    if (!rows.has(index)) rows.set(index, { index, issuer: '', number: '', title: '' });
    rows.get(index)[match[2]] = String(value ?? '').trim();
  }
  return Array.from(rows.values())
    .sort((a, b) => a.index - b.index)
    .filter((row) => row.archiveId || SOURCE_FIELDS.some((field) => row[field] !== ''));
}

export function sourcesFromValues(values) {
  return sourceRows(values).map(({ issuer, number, title, archiveId }) =>
    /^\d+$/.test(archiveId ?? '') ? { issuer, number, title, archiveId: Number(archiveId) } : { issuer, number, title },
  );
}

// A document needs its title; the issuer and number may be unknown.
export function validateSources(values) {
  const errors = {};
  for (const row of sourceRows(values)) {
    if (!row.title) errors[sourceFieldName(row.index, 'title')] = '请填写文件标题（或清空这一行）';
  }
  return errors;
}

// Accepts what people type for a date — 2026-3-5, 2026/3/5, 2026.3.5,
// 2026年3月5日, 20260305 — and returns 2026-03-05; anything else unchanged.
export function normalizeDateInput(text) {
  const value = String(text ?? '').trim().normalize('NFKC');
  let match = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(value);
  if (!match) match = /^(\d{4})(\d{2})(\d{2})$/.exec(value);
  if (!match) return value;
  const [y, m, d] = match.slice(1);
  return `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
}

// Checks of form[data-form="plan"] before anything is sent (the core repeats them).
export function validatePlan(values) {
  const errors = {};
  if (isBlank(values.title)) errors.title = '请填写计划名称';
  else if (Array.from(String(values.title).trim()).length > 100) errors.title = '计划名称不能超过 100 个字';
  if (isBlank(values.kind)) errors.kind = '请选择调度类别';
  const start = normalizeDateInput(values.start);
  const end = normalizeDateInput(values.end);
  if (!start) errors.start = '请填写开始日期';
  else if (!isValidDate(start)) errors.start = '开始日期格式应为 2026-03-05';
  if (end && !isValidDate(end)) errors.end = '结束日期格式应为 2026-03-05';
  else if (end && isValidDate(start) && end < start) errors.end = '结束日期不能早于开始日期';
  return { ...errors, ...validateSources(values) };
}

// The plan form's values as the contract's PlanInput.
export function planInputFromValues(values, idFromSelect) {
  const text = (v) => String(v ?? '').trim();
  const end = normalizeDateInput(values.end);
  return {
    title: text(values.title),
    kind: values.kind,
    goal: text(values.goal),
    leadUnitId: idFromSelect(values.leadUnitId),
    start: normalizeDateInput(values.start),
    end: end || null,
    note: text(values.note),
    sources: sourcesFromValues(values),
  };
}

// Today on the core's day (one definition, in lib/clock.js).

// The 状态 column: one word with its meaning colour.
//   archived 已归档 (grey) · empty 未编制 (no task yet) · done 已完成 (green)
//   overdue 有逾期 (red) · late 预计超期 (amber: scheduled finish after the plan's end)
//   pending 未开始 · active 进行中
export function planState(plan, today) {
  if (plan.archived) return { key: 'archived', label: '已归档' };
  const tasks = Number(plan.taskCount ?? 0);
  if (tasks === 0) return { key: 'empty', label: '未编制' };
  if (Number(plan.doneCount ?? 0) >= tasks) return { key: 'done', label: '已完成' };
  if (Number(plan.overdueCount ?? 0) > 0) return { key: 'overdue', label: '有逾期' };
  if (finishesLate(plan)) return { key: 'late', label: '预计超期' };
  if (plan.start && today && plan.start > today) return { key: 'pending', label: '未开始' };
  return { key: 'active', label: '进行中' };
}

const STATE_ORDER = { overdue: 0, late: 1, active: 2, pending: 3, empty: 4, done: 5, archived: 6 };
export function planStateOrder(key) {
  return STATE_ORDER[key] ?? 9;
}

// The scheduled finish falls after the end the plan was given.
export function finishesLate(plan) {
  return Boolean(plan.finish && plan.end && plan.finish > plan.end);
}

export function sourceLabel(source) {
  const head = [source.issuer, source.number].filter(Boolean).join(' ');
  const title = source.title ? `《${source.title.replace(/^《|》$/g, '')}》` : '';
  return [head, title].filter(Boolean).join(' ');
}
