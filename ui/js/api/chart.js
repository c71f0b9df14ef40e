// The chart's commands (docs/ipc-plans.md: the chart, editing, baselines).
// The core sends the chart as columns and answers an edit with what changed
// (chart-wire.js reads both); every function here resolves to the whole new
// chart as the views use it. The operations the undo stack replays are the
// keys of `chartOps`.

import { call, compact } from './index.js';
import { applyDelta, decodeChart, isChartDelta, isWholeChart } from './chart-wire.js';

export { changesOf } from './chart-wire.js';

// The chart last read from the core: the one the core measures its next
// delta against (it numbers each answer; a delta names the number it
// applies to).
let last = null;

async function chartAnswer(answer) {
  if (isChartDelta(answer)) {
    if (last && last.rev === answer.base) return (last = applyDelta(last, answer));
    // Not against the chart held here (another view asked for a chart in
    // between): ask for the whole chart.
    return getChart({ planId: answer.plan.id, baselineId: answer.baselineId });
  }
  if (isWholeChart(answer)) return (last = decodeChart(answer));
  return answer;
}

export const getChart = async ({ planId, baselineId = null }) => chartAnswer(await call('get_chart', compact({ planId, baselineId: baselineId ?? undefined })));

const edit = async (pending) => chartAnswer(await pending);

export const createTask = (input) => edit(call('create_task', compact(input)));
export const updateTask = (input) => edit(call('update_task', compact(input)));
export const moveTask = ({ id, start, duration }) => edit(call('move_task', compact({ id, start, duration })));
export const reparentTask = ({ id, parentId, position }) => edit(call('reparent_task', { id, parentId: parentId ?? null, position }));
export const deleteTask = ({ id }) => edit(call('delete_task', { id }));
// Undo of a delete names the deleted task; the core restores it from the
// delete's own record.
export const restoreTasks = ({ id }) => edit(call('restore_tasks', { id }));
// 撤销 keeps the task with its records; resuming gives back its status.
export const cancelTask = ({ id, reason }) => edit(call('cancel_task', { id, reason }));
export const resumeTask = ({ id }) => edit(call('resume_task', { id }));

export const createLink = ({ planId, predId, succId, kind = 'FS', lag = 0 }) => edit(call('create_link', { planId, predId, succId, kind, lag }));
export const updateLink = ({ id, kind, lag }) => edit(call('update_link', { id, kind, lag }));
export const deleteLink = ({ id }) => edit(call('delete_link', { id }));

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
