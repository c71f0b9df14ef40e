// Filters (unit, kind, status) and search over the chart's tasks. Pure.

import { KIND_MILESTONE, KIND_STAGE, KIND_TASK } from './model.js';

export const KIND_FILTERS = [
  { value: 'stage', label: '阶段' },
  { value: 'task', label: '任务' },
  { value: 'milestone', label: '里程碑' },
];

export const STATUS_LABELS = {
  planned: '计划安排',
  in_progress: '组织实施',
  supervising: '督办落实',
  rectifying: '整改完善',
  closed: '完成闭合',
  cancelled: '已撤销',
};

// The statuses an edit may choose: 已撤销 is set and lifted with a reason
// (撤销任务 / 恢复任务), not picked from a list.
export const STATUS_OPTIONS = Object.entries(STATUS_LABELS)
  .filter(([value]) => value !== 'cancelled')
  .map(([value, label]) => ({ value, label }));

// Status filter choices: the closed-loop statuses, then the time states.
export const STATUS_FILTERS = [
  ...Object.entries(STATUS_LABELS).map(([value, label]) => ({ value, label })),
  { value: 'overdue', label: '已逾期', group: '时限' },
  { value: 'due_soon', label: '临期（3个工作日内）', group: '时限' },
  { value: 'late', label: '不能按期完成', group: '时限' },
  { value: 'critical', label: '关键任务', group: '时限' },
];

export function isFilterActive(filter) {
  return Boolean(filter && (filter.unitId || filter.kind || filter.status));
}

function kindMatches(model, i, kind) {
  if (!kind) return true;
  const k = model.kind[i];
  if (kind === 'stage') return k === KIND_STAGE;
  if (kind === 'milestone') return k === KIND_MILESTONE;
  if (kind === 'task') return k === KIND_TASK;
  return true;
}

function statusMatches(task, status) {
  if (!status) return true;
  if (status === 'overdue') return task.dueState === 'overdue';
  if (status === 'due_soon') return task.dueState === 'due_soon';
  if (status === 'late') return Boolean(task.cannotMeetDeadline);
  if (status === 'critical') return Boolean(task.critical);
  return task.status === status;
}

// Uint8Array(n) of the tasks the filter keeps, or null when no filter is set.
export function filterMask(model, filter) {
  if (!isFilterActive(filter)) return null;
  const { n, tasks } = model;
  const unitId = filter.unitId ? String(filter.unitId) : '';
  const mask = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const t = tasks[i];
    if (unitId && String(t.leadUnitId ?? '') !== unitId && !(t.cooperatingUnitIds ?? []).some((u) => String(u) === unitId)) continue;
    if (!kindMatches(model, i, filter.kind)) continue;
    if (!statusMatches(t, filter.status)) continue;
    mask[i] = 1;
  }
  return mask;
}

// The units named on the chart's tasks, for the unit filter.
export function unitOptions(tasks) {
  const seen = new Map();
  for (const t of tasks) {
    if (t.leadUnitId !== null && t.leadUnitId !== undefined && !seen.has(String(t.leadUnitId))) {
      seen.set(String(t.leadUnitId), t.leadUnitName || `单位 ${t.leadUnitId}`);
    }
    const ids = t.cooperatingUnitIds ?? [];
    const names = t.cooperatingUnitNames ?? [];
    ids.forEach((id, k) => {
      if (!seen.has(String(id))) seen.set(String(id), names[k] || `单位 ${id}`);
    });
  }
  return Array.from(seen, ([value, label]) => ({ value, label })).sort((a, b) => a.label.localeCompare(b.label, 'zh-CN'));
}

export function normalizeQuery(text) {
  return String(text ?? '').trim().toLowerCase();
}

function haystack(task) {
  return `${task.outline ?? ''}\u0001${task.name ?? ''}\u0001${task.leadUnitName ?? ''}\u0001${task.personName ?? ''}`.toLowerCase();
}

// Task indices (outline order) whose outline number, name, unit or
// responsible person contains the query; only among `mask` when given.
export function searchTasks(model, query, mask = null) {
  const q = normalizeQuery(query);
  if (!q) return [];
  if (!model._haystacks) model._haystacks = model.tasks.map(haystack);
  const hay = model._haystacks;
  const out = [];
  for (let i = 0; i < model.n; i++) {
    if (mask && !mask[i]) continue;
    if (hay[i].includes(q)) out.push(i);
  }
  return out;
}

// The next match after the current one (wrapping), in the given direction.
export function nextMatch(matches, current, direction = 1) {
  if (matches.length === 0) return -1;
  const at = matches.indexOf(current);
  if (at < 0) {
    if (direction > 0) {
      const after = matches.findIndex((i) => i > current);
      return matches[after < 0 ? 0 : after];
    }
    for (let k = matches.length - 1; k >= 0; k--) if (matches[k] < current) return matches[k];
    return matches[matches.length - 1];
  }
  return matches[(at + direction + matches.length) % matches.length];
}
