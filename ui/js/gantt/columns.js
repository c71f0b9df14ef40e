// The task table's columns: what each shows and how it is edited. The cell
// texts are pure functions of the task, so they are tested with node.

import { STATUS_LABELS } from './filters.js';

// editor: 'text' | 'int' | 'percent' | 'date' | 'unit' | 'units' (several) | 'person' | 'status' | null
export const COLUMNS = [
  { key: 'outline', label: '编号', width: 66, className: 'col-outline num', editor: null },
  { key: 'name', label: '任务名称', width: 232, className: 'col-name', editor: 'text', field: 'name' },
  { key: 'unit', label: '责任单位', width: 108, className: 'col-unit', editor: 'unit', field: 'leadUnitId' },
  { key: 'person', label: '责任人', width: 64, className: 'col-person', editor: 'person', field: 'personId', title: '责任单位的责任人（人员名册）' },
  { key: 'coop', label: '配合单位', width: 96, className: 'col-coop', editor: 'units', field: 'cooperatingUnitIds', title: '配合单位（可多选）' },
  { key: 'start', label: '开始', width: 92, className: 'col-date num', editor: 'date', field: 'start' },
  { key: 'duration', label: '工期', width: 48, className: 'col-num num', editor: 'int', field: 'duration', title: '工期（工作日）' },
  { key: 'deadline', label: '完成时限', width: 92, className: 'col-date num', editor: 'date', field: 'deadline' },
  { key: 'progress', label: '进度', width: 52, className: 'col-num num', editor: 'percent', field: 'progress' },
  { key: 'status', label: '状态', width: 82, className: 'col-status', editor: 'status', field: 'status' },
  { key: 'float', label: '总时差', width: 56, className: 'col-num num', editor: null, title: '总时差（工作日）：负数表示不能按期完成' },
  { key: 'variance', label: '偏差', width: 52, className: 'col-num num', editor: null, baselineOnly: true, title: '与所选基线相比的完成偏差（工作日，正数为推迟）' },
];

export function columnsFor({ baseline = false } = {}) {
  return COLUMNS.filter((c) => !c.baselineOnly || baseline);
}

const signed = (n) => (n > 0 ? `+${n}` : String(n));

// The text of a cell and an extra class for its meaning (or '').
// `summaryDays(i)` gives a summary task's span in working days.
export function cellText(column, task, { summary = false, summaryDays = null } = {}) {
  switch (column.key) {
    case 'outline':
      return [task.outline ?? '', ''];
    case 'name':
      return [task.name ?? '', ''];
    case 'unit':
      return [task.leadUnitName ?? '', ''];
    case 'person':
      return [task.personName ?? '', ''];
    case 'coop':
      return [(task.cooperatingUnitNames ?? []).join('、'), ''];
    case 'start':
      return [task.earlyStart ?? task.start ?? '', ''];
    case 'duration':
      if (summary) return [summaryDays === null ? '' : String(summaryDays), 'is-derived'];
      return [String(task.milestone ? 0 : task.duration ?? ''), ''];
    case 'deadline': {
      if (!task.deadline) return ['', ''];
      const cls = task.dueState === 'overdue' ? 'is-overdue' : task.dueState === 'due_soon' ? 'is-due-soon' : task.cannotMeetDeadline ? 'is-late' : '';
      return [task.deadline, cls];
    }
    case 'progress':
      return [`${Math.round(task.progress ?? 0)}%`, task.progress >= 100 ? 'is-done' : ''];
    case 'status':
      return [task.statusLabel || STATUS_LABELS[task.status] || '', `status-${task.status ?? 'planned'}`];
    case 'float': {
      const f = task.totalFloat;
      if (f === null || f === undefined) return ['', ''];
      return [String(f), f < 0 ? 'is-negative' : task.critical ? 'is-critical' : ''];
    }
    case 'variance': {
      const v = task.baselineVariance;
      if (v === null || v === undefined) return ['', ''];
      return [signed(v), v > 0 ? 'is-late' : v < 0 ? 'is-early' : ''];
    }
    default:
      return ['', ''];
  }
}

// The value an editor starts with.
export function editValue(column, task) {
  switch (column.editor) {
    case 'date':
      return column.field === 'start' ? task.start ?? task.earlyStart ?? '' : task[column.field] ?? '';
    case 'unit':
      return task.leadUnitId === null || task.leadUnitId === undefined ? '' : String(task.leadUnitId);
    case 'person':
      return task.personId === null || task.personId === undefined ? '' : String(task.personId);
    case 'units':
      return (task[column.field] ?? []).map(String);
    case 'percent':
      return String(Math.round(task.progress ?? 0));
    default:
      return task[column.field] === null || task[column.field] === undefined ? '' : String(task[column.field]);
  }
}

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

function validDate(text) {
  const m = DATE_RE.exec(text);
  if (!m) return false;
  const [y, mo, d] = m.slice(1).map(Number);
  if (mo < 1 || mo > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, mo, 0)).getUTCDate();
}

// Reads what was typed into an editor: {value} or {error} (in Chinese, to
// show beside the cell). `task` is the row being edited.
export function parseEdit(column, text, task) {
  if (column.editor === 'units') {
    // The ticked units (ids as text), in list order; the responsible unit is not its own helper.
    const ids = [...new Set((Array.isArray(text) ? text : []).map(Number))];
    if (ids.some((id) => !Number.isInteger(id) || id <= 0)) return { error: '配合单位选择有误，请重新勾选' };
    if (task && ids.includes(task.leadUnitId)) return { error: '责任单位不能同时是配合单位' };
    return { value: ids };
  }
  const raw = String(text ?? '').trim();
  switch (column.editor) {
    case 'text':
      if (!raw) return { error: '任务名称不能为空' };
      if (raw.length > 200) return { error: '任务名称不能超过200个字' };
      return { value: raw };
    case 'int': {
      if (!/^\d+$/.test(raw)) return { error: '工期应为整数个工作日' };
      const n = Number(raw);
      if (task && task.milestone && n !== 0) return { error: '里程碑的工期为0；要改为任务，请在详情中取消“里程碑”' };
      if (task && !task.milestone && n < 1) return { error: '任务的工期至少为1个工作日' };
      if (n > 3650) return { error: '工期不能超过3650个工作日' };
      return { value: n };
    }
    case 'percent': {
      const t = raw.replace(/%$/, '');
      if (!/^\d+$/.test(t) || Number(t) > 100) return { error: '进度应为0到100之间的整数' };
      return { value: Number(t) };
    }
    case 'date':
      // Empty: no deadline, or a start that follows the links.
      if (!raw) return { value: null };
      if (!validDate(raw)) return { error: '日期格式应为 YYYY-MM-DD，例如 2026-03-05' };
      return { value: raw };
    case 'unit':
    case 'person':
      return { value: raw === '' ? null : Number(raw) };
    case 'status':
      if (!STATUS_LABELS[raw]) return { error: '请选择状态' };
      return { value: raw };
    default:
      return { error: '此列不能编辑' };
  }
}

export function isEditable(column, { summary = false } = {}) {
  if (!column.editor) return false;
  // A summary's dates and duration follow its tasks.
  if (summary && (column.key === 'start' || column.key === 'duration' || column.key === 'progress')) return false;
  return true;
}

// The people a task's 责任人 is chosen from: those of its responsible unit
// (all people: [{id, name, unitId, title}]), as select options.
export function personOptions(people, unitId) {
  if (unitId === null || unitId === undefined || unitId === '') return [];
  return people
    .filter((p) => p.unitId === Number(unitId))
    .map((p) => ({ value: String(p.id), label: p.title ? `${p.name}（${p.title}）` : p.name }));
}

// What a change of the responsible unit sends: the 责任人 goes with it
// when they are not a person of the new unit.
export function unitPatch(task, unitId, people) {
  const patch = { leadUnitId: unitId };
  if (task.personId !== null && task.personId !== undefined) {
    const person = people.find((p) => p.id === task.personId);
    if (!person || person.unitId !== unitId) patch.personId = null;
  }
  return patch;
}

// The units a task's 配合单位 are ticked from: every unit but the responsible
// one, the task's current helpers first kept even when retired since.
export function cooperatingOptions(units, task) {
  const lead = task.leadUnitId === null || task.leadUnitId === undefined ? '' : String(task.leadUnitId);
  const current = (task.cooperatingUnitIds ?? []).map(String);
  const listed = units.filter((u) => u.value !== lead);
  const missing = current
    .filter((id) => !listed.some((u) => u.value === id))
    .map((id) => ({ value: id, label: task.cooperatingUnitNames?.[(task.cooperatingUnitIds ?? []).map(String).indexOf(id)] ?? id }));
  return [...missing, ...listed];
}
