// The chart's commands (docs/ipc-plans.md: the chart, editing, baselines).
// Every editing command resolves to the whole new Chart. The operations the
// undo stack replays are the keys of `chartOps`.

import { call, compact } from './index.js';

export const getChart = ({ planId, baselineId = null }) => call('get_chart', compact({ planId, baselineId: baselineId ?? undefined }));

export const createTask = (input) => call('create_task', compact(input));
export const updateTask = (input) => call('update_task', compact(input));
export const moveTask = ({ id, start, duration }) => call('move_task', compact({ id, start, duration }));
export const reparentTask = ({ id, parentId, position }) => call('reparent_task', { id, parentId: parentId ?? null, position });
export const deleteTask = ({ id }) => call('delete_task', { id });
// Undo of a delete names the deleted task; the core restores it from the
// delete's own record.
export const restoreTasks = ({ id }) => call('restore_tasks', { id });
// 撤销 keeps the task with its records; resuming gives back its status.
export const cancelTask = ({ id, reason }) => call('cancel_task', { id, reason });
export const resumeTask = ({ id }) => call('resume_task', { id });

export const createLink = ({ planId, predId, succId, kind = 'FS', lag = 0 }) => call('create_link', { planId, predId, succId, kind, lag });
export const updateLink = ({ id, kind, lag }) => call('update_link', { id, kind, lag });
export const deleteLink = ({ id }) => call('delete_link', { id });

export const saveBaseline = ({ planId, name }) => call('save_baseline', { planId, name });
export const listBaselines = ({ planId }) => call('list_baselines', { planId });
export const baselineVariance = ({ planId, baselineId }) => call('baseline_variance', { planId, baselineId });

// The edits the chart makes and undoes, by the names its undo entries use.
export const chartOps = { createTask, updateTask, moveTask, reparentTask, deleteTask, restoreTasks, cancelTask, resumeTask, createLink, updateLink, deleteLink };

export function runChartOp(op, input) {
  const fn = chartOps[op];
  if (!fn) return Promise.reject({ code: 'internal', message: `未知的图表操作 ${op}` });
  return fn(input);
}

// Printing the chart: options are {planId, paper: 'A3'|'A4', zoom, from, to}.
export const previewChart = (options) => call('preview_chart', compact(options));
export const saveChartPdf = (options) => call('save_chart_pdf', compact(options));
export const printChart = (options) => call('print_chart', compact(options));
