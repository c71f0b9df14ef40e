// Every edit of the chart as an undo entry {label, redo, undo}: the steps
// that make the change and the steps that take it back, both made of the
// chart API's operations (ui/js/api/chart.js). Built from the chart as it
// is before the edit. Pure.

import { placeholder } from './undo.js';

export const FIELD_LABELS = {
  name: '任务名称',
  goal: '工作目标',
  content: '主要任务',
  leadUnitId: '责任单位',
  cooperatingUnitIds: '配合单位',
  personId: '责任人',
  start: '开始日期',
  duration: '工期',
  deadline: '完成时限',
  milestone: '里程碑',
  progress: '进度',
  status: '状态',
  actualStart: '实际开始',
  actualFinish: '实际完成',
};

const same = (a, b) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

function taskById(chart, id) {
  const task = chart.tasks.find((t) => t.id === id);
  if (!task) throw { code: 'not_found', message: '任务不存在，可能已被删除' };
  return task;
}

// The task and everything under it, in outline order.
export function subtree(chart, id) {
  const ids = new Set([id]);
  const out = [];
  for (const task of chart.tasks) {
    if (task.id === id || (task.parentId !== null && task.parentId !== undefined && ids.has(task.parentId))) {
      ids.add(task.id);
      out.push(task);
    }
  }
  return out;
}

// Changes some fields of a task (table editing, the detail panel).
// Returns null when nothing changes.
export function updateTaskEdit(chart, id, patch) {
  const task = taskById(chart, id);
  const redo = { id };
  const undo = { id };
  for (const [key, value] of Object.entries(patch)) {
    if (same(task[key], value)) continue;
    redo[key] = value;
    undo[key] = task[key] ?? null;
  }
  const keys = Object.keys(redo).filter((k) => k !== 'id');
  if (keys.length === 0) return null;
  const label = keys.length === 1 ? `修改${FIELD_LABELS[keys[0]] ?? keys[0]}` : '修改任务';
  return {
    label: `${label}：${task.name}`,
    redo: [{ op: 'updateTask', input: redo }],
    undo: [{ op: 'updateTask', input: undo }],
  };
}

// Drag and resize: the planned start and the duration.
export function moveTaskEdit(chart, id, { start, duration }) {
  const task = taskById(chart, id);
  const redo = { id };
  const undo = { id };
  if (start !== undefined && !same(task.start, start)) {
    redo.start = start;
    undo.start = task.start ?? null;
  }
  if (duration !== undefined && !same(task.duration, duration)) {
    redo.duration = duration;
    undo.duration = task.duration;
  }
  if (Object.keys(redo).length === 1) return null;
  const label = 'duration' in redo && !('start' in redo) ? '调整工期' : '移动任务';
  // move_task sets a start; taking back a start that was empty (the task
  // followed its links) needs update_task.
  const undoOp = 'start' in undo && undo.start === null ? 'updateTask' : 'moveTask';
  return {
    label: `${label}：${task.name}`,
    redo: [{ op: 'moveTask', input: redo }],
    undo: [{ op: undoOp, input: undo }],
  };
}

export function createTaskEdit(input, label = '新增任务') {
  const ref = placeholder();
  return {
    label: `${label}：${input.name ?? ''}`,
    ref,
    redo: [{ op: 'createTask', input, creates: 'task', ref }],
    undo: [{ op: 'deleteTask', input: { id: ref } }],
  };
}

// Undo names the deleted task only: the core restores it, its sub-tasks and
// links from the delete's own record (same ids), never from what is sent.
export function deleteTaskEdit(chart, id) {
  const task = taskById(chart, id);
  const tasks = subtree(chart, id);
  const ids = new Set(tasks.map((t) => t.id));
  const links = chart.links.filter((l) => ids.has(l.predId) || ids.has(l.succId));
  return {
    label: `删除任务：${task.name}`,
    counts: { tasks: tasks.length, links: links.length },
    redo: [{ op: 'deleteTask', input: { id } }],
    undo: [{ op: 'restoreTasks', input: { id } }],
  };
}

// 撤销 a task (and its open sub-tasks) with a reason; undo resumes it.
export function cancelTaskEdit(chart, id, reason) {
  const task = taskById(chart, id);
  return {
    label: `撤销任务：${task.name}`,
    redo: [{ op: 'cancelTask', input: { id, reason } }],
    undo: [{ op: 'resumeTask', input: { id } }],
  };
}

// Lifting a 撤销; undo cancels again with the reason given now.
export function resumeTaskEdit(chart, id, reason = '撤回“恢复任务”') {
  const task = taskById(chart, id);
  return {
    label: `恢复任务：${task.name}`,
    redo: [{ op: 'resumeTask', input: { id } }],
    undo: [{ op: 'cancelTask', input: { id, reason } }],
  };
}

// Indent, outdent, reorder.
export function reparentEdit(chart, id, parentId, position, label = '调整层级') {
  const task = taskById(chart, id);
  if (same(task.parentId, parentId) && task.position === position) return null;
  return {
    label: `${label}：${task.name}`,
    redo: [{ op: 'reparentTask', input: { id, parentId, position } }],
    undo: [{ op: 'reparentTask', input: { id, parentId: task.parentId ?? null, position: task.position } }],
  };
}

export function createLinkEdit(chart, { predId, succId, kind = 'FS', lag = 0 }) {
  const ref = placeholder();
  const pred = taskById(chart, predId);
  const succ = taskById(chart, succId);
  return {
    label: `新增前置关系：${pred.name} → ${succ.name}`,
    ref,
    redo: [{ op: 'createLink', input: { planId: chart.plan.id, predId, succId, kind, lag }, creates: 'link', ref }],
    undo: [{ op: 'deleteLink', input: { id: ref } }],
  };
}

function linkById(chart, id) {
  const link = chart.links.find((l) => l.id === id);
  if (!link) throw { code: 'not_found', message: '前置关系不存在，可能已被删除' };
  return link;
}

export function deleteLinkEdit(chart, id) {
  const link = linkById(chart, id);
  const { predId, succId, kind, lag } = link;
  return {
    label: '删除前置关系',
    redo: [{ op: 'deleteLink', input: { id } }],
    undo: [{ op: 'createLink', input: { planId: chart.plan.id, predId, succId, kind, lag }, creates: 'link', ref: id }],
  };
}

export function updateLinkEdit(chart, id, { kind, lag }) {
  const link = linkById(chart, id);
  const next = { kind: kind ?? link.kind, lag: lag ?? link.lag };
  if (next.kind === link.kind && next.lag === link.lag) return null;
  return {
    label: '修改前置关系',
    redo: [{ op: 'updateLink', input: { id, ...next } }],
    undo: [{ op: 'updateLink', input: { id, kind: link.kind, lag: link.lag } }],
  };
}

// Where Tab puts a task: under the sibling just above it, at the end.
// Returns {parentId, position} or null when there is no such sibling.
export function indentTarget(chart, id) {
  const task = taskById(chart, id);
  const parentId = task.parentId ?? null;
  const siblings = chart.tasks.filter((t) => (t.parentId ?? null) === parentId);
  const at = siblings.findIndex((t) => t.id === id);
  if (at <= 0) return null;
  const newParent = siblings[at - 1];
  const children = chart.tasks.filter((t) => t.parentId === newParent.id);
  return { parentId: newParent.id, position: nextPosition(children) };
}

// Where Shift+Tab puts a task: right after its parent, among the parent's
// siblings. Null for a top-level task.
export function outdentTarget(chart, id) {
  const task = taskById(chart, id);
  if (task.parentId === null || task.parentId === undefined) return null;
  const parent = taskById(chart, task.parentId);
  return { parentId: parent.parentId ?? null, position: parent.position + 1 };
}

// The position after the last of these siblings (positions as the core
// numbers them; an empty list starts at 0).
function nextPosition(siblings) {
  if (siblings.length === 0) return 0;
  return Math.max(...siblings.map((t) => t.position ?? 0)) + 1;
}
