// The chart's data, prepared once per change for drawing frame after frame:
// flat typed arrays indexed by task (outline order) and by link, the rows
// left after collapsing and filtering, and the index of links by row.
// Pure: no DOM, tested with node.

import { parseDay, NO_DAY } from './days.js';
import { buildIntervalIndex } from './intervals.js';

export const KIND_TASK = 0;
export const KIND_STAGE = 1;
export const KIND_MILESTONE = 2;

// Bar colour classes (the ui.md palette): normal, amber, red, green, grey.
export const TONE_NORMAL = 0;
export const TONE_DUE_SOON = 1;
export const TONE_OVERDUE = 2;
export const TONE_DONE = 3;
export const TONE_CLOSED = 4;

export const LINK_KINDS = ['FS', 'SS', 'FF', 'SF'];
const LINK_CODE = { FS: 0, SS: 1, FF: 2, SF: 3 };

export function toneOf(task) {
  if (task.status === 'closed' || task.status === 'cancelled') return TONE_CLOSED;
  if (task.dueState === 'overdue') return TONE_OVERDUE;
  if (task.dueState === 'due_soon') return TONE_DUE_SOON;
  if (task.dueState === 'done' || task.progress >= 100 || task.actualFinish) return TONE_DONE;
  return TONE_NORMAL;
}

// The drawn fields of task i from its record.
function fillTask(m, i, t, baseline) {
  const s = parseDay(t.earlyStart ?? t.start);
  let f = parseDay(t.earlyFinish ?? t.earlyStart ?? t.start);
  if (f === NO_DAY || (s !== NO_DAY && f < s)) f = s;
  m.start[i] = s;
  m.finish[i] = f;
  m.deadline[i] = parseDay(t.deadline);
  m.kind[i] = t.kind === 'stage' ? KIND_STAGE : t.milestone || t.duration === 0 ? KIND_MILESTONE : KIND_TASK;
  m.tone[i] = toneOf(t);
  m.critical[i] = t.critical ? 1 : 0;
  m.progress[i] = Math.max(0, Math.min(100, Math.round(t.progress ?? 0)));
  m.blStart[i] = NO_DAY;
  m.blFinish[i] = NO_DAY;
  if (baseline) {
    const b = baseline[t.id];
    if (b) {
      m.blStart[i] = parseDay(b.start);
      m.blFinish[i] = parseDay(b.finish ?? b.start);
    }
  }
}

// The model of `chart` made from `model` (the model of the chart before an
// edit) in place, when the edit changed only fields of the tasks at the
// indices `changed`: the same tasks in the same order, the same links.
// Equal to buildModel(chart); returns null when the chart does not fit
// (then build it afresh).
export function patchModel(model, chart, changed) {
  const tasks = chart.tasks ?? [];
  const links = chart.links ?? [];
  if (tasks.length !== model.n || links.length !== model.linkCount) return null;
  const baseline = chart.baseline && chart.baseline.tasks ? chart.baseline.tasks : null;
  if (Boolean(baseline) !== model.hasBaseline) return null;
  for (const i of changed) {
    if (tasks[i].id !== model.tasks[i].id || (tasks[i].parentId ?? null) !== (model.tasks[i].parentId ?? null)) return null;
  }
  for (const i of changed) {
    fillTask(model, i, tasks[i], baseline);
    model.summary[i] = model.kind[i] === KIND_STAGE || model.childCount[i] > 0 ? 1 : 0;
  }
  const { n, start, finish, blStart, blFinish, critical, linkPred, linkSucc, linkCritical } = model;
  let first = Infinity;
  let last = -Infinity;
  for (let i = 0; i < n; i++) {
    const s = start[i];
    if (s !== NO_DAY) {
      if (s < first) first = s;
      if (finish[i] > last) last = finish[i];
    }
    if (blStart[i] !== NO_DAY) {
      if (blStart[i] < first) first = blStart[i];
      if (blFinish[i] > last) last = blFinish[i];
    }
  }
  for (let k = 0; k < model.linkCount; k++) {
    const a = linkPred[k];
    const b = linkSucc[k];
    linkCritical[k] = a >= 0 && b >= 0 && critical[a] && critical[b] ? 1 : 0;
  }
  model.chart = chart;
  model.tasks = tasks;
  model.links = links;
  model._linksByTask = undefined;
  Object.assign(model, extent(chart, first, last));
  return model;
}

function extent(chart, first, last) {
  const today = parseDay(chart.today);
  const projectStart = parseDay(chart.projectStart);
  const projectFinish = parseDay(chart.projectFinish);
  if (projectStart !== NO_DAY) first = Math.min(first, projectStart);
  if (projectFinish !== NO_DAY) last = Math.max(last, projectFinish);
  if (first === Infinity) first = today !== NO_DAY ? today : 0;
  if (last === -Infinity) last = first;
  return { today, first, last };
}

export function buildModel(chart) {
  const tasks = chart.tasks ?? [];
  const links = chart.links ?? [];
  const n = tasks.length;
  const idToIndex = new Map();
  for (let i = 0; i < n; i++) idToIndex.set(tasks[i].id, i);

  const start = new Int32Array(n);
  const finish = new Int32Array(n);
  const deadline = new Int32Array(n);
  const blStart = new Int32Array(n).fill(NO_DAY);
  const blFinish = new Int32Array(n).fill(NO_DAY);
  const parent = new Int32Array(n);
  const depth = new Int32Array(n);
  const childCount = new Int32Array(n);
  const subtreeEnd = new Int32Array(n);
  const kind = new Uint8Array(n);
  const summary = new Uint8Array(n);
  const tone = new Uint8Array(n);
  const critical = new Uint8Array(n);
  const progress = new Uint8Array(n);

  const baseline = chart.baseline && chart.baseline.tasks ? chart.baseline.tasks : null;
  let first = Infinity;
  let last = -Infinity;

  const arrays = { start, finish, deadline, blStart, blFinish, kind, tone, critical, progress };
  for (let i = 0; i < n; i++) {
    const t = tasks[i];
    const p = t.parentId === null || t.parentId === undefined ? -1 : idToIndex.get(t.parentId) ?? -1;
    parent[i] = p;
    depth[i] = p >= 0 ? depth[p] + 1 : 0;
    if (p >= 0) childCount[p] += 1;
    fillTask(arrays, i, t, baseline);
    const s = start[i];
    const f = finish[i];
    if (s !== NO_DAY) {
      if (s < first) first = s;
      if (f > last) last = f;
    }
    if (blStart[i] !== NO_DAY) {
      if (blStart[i] < first) first = blStart[i];
      if (blFinish[i] > last) last = blFinish[i];
    }
  }
  // A task whose parent comes later than itself would break the outline
  // order the core promises; depth is then recomputed from the chain.
  for (let i = 0; i < n; i++) {
    if (parent[i] > i) {
      let d = 0;
      for (let p = parent[i], guard = 0; p >= 0 && guard < n; p = parent[p], guard++) d++;
      depth[i] = d;
    }
    summary[i] = kind[i] === KIND_STAGE || childCount[i] > 0 ? 1 : 0;
  }
  // Subtrees are contiguous in depth-first order: i's ends at the next task
  // that is not deeper than i.
  const stack = [];
  for (let i = 0; i < n; i++) {
    while (stack.length && depth[stack[stack.length - 1]] >= depth[i]) subtreeEnd[stack.pop()] = i;
    stack.push(i);
  }
  while (stack.length) subtreeEnd[stack.pop()] = n;

  const m = links.length;
  const linkPred = new Int32Array(m);
  const linkSucc = new Int32Array(m);
  const linkKind = new Uint8Array(m);
  const linkLag = new Int32Array(m);
  const linkCritical = new Uint8Array(m);
  const linkIdToIndex = new Map();
  for (let k = 0; k < m; k++) {
    const l = links[k];
    linkIdToIndex.set(l.id, k);
    const a = idToIndex.get(l.predId);
    const b = idToIndex.get(l.succId);
    linkPred[k] = a === undefined ? -1 : a;
    linkSucc[k] = b === undefined ? -1 : b;
    linkKind[k] = LINK_CODE[l.kind] ?? 0;
    linkLag[k] = l.lag ?? 0;
    linkCritical[k] = a !== undefined && b !== undefined && critical[a] && critical[b] ? 1 : 0;
  }

  const { today, first: from, last: to } = extent(chart, first, last);

  return {
    chart,
    tasks,
    links,
    n,
    idToIndex,
    start,
    finish,
    deadline,
    blStart,
    blFinish,
    hasBaseline: Boolean(baseline),
    parent,
    depth,
    childCount,
    subtreeEnd,
    kind,
    summary,
    tone,
    critical,
    progress,
    linkCount: m,
    linkPred,
    linkSucc,
    linkKind,
    linkLag,
    linkCritical,
    linkIdToIndex,
    today,
    first: from,
    last: to,
  };
}

// The rows shown: tasks in outline order, minus the children of collapsed
// tasks, minus what the filter leaves out (a task the filter keeps keeps
// its ancestors, so the outline still reads).
//   collapsed: Set of task ids; include: Uint8Array by task index or null.
// Returns rowTask (row → task), taskRow (task → row or -1) and linkRow
// (task → the row its links attach to: its own, or the collapsed ancestor
// that hides it; -1 when filtered out).
export function buildRows(model, { collapsed = null, include = null } = {}) {
  const { n, parent, subtreeEnd, tasks } = model;
  let keep = null;
  if (include) {
    keep = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      if (!include[i] || keep[i]) continue;
      for (let p = i; p >= 0 && !keep[p]; p = parent[p]) keep[p] = 1;
    }
  }
  const rowTask = new Int32Array(n);
  const taskRow = new Int32Array(n).fill(-1);
  const linkRow = new Int32Array(n).fill(-1);
  let count = 0;
  let i = 0;
  while (i < n) {
    if (keep && !keep[i]) {
      i += 1;
      continue;
    }
    const row = count++;
    rowTask[row] = i;
    taskRow[i] = row;
    linkRow[i] = row;
    if (collapsed && collapsed.size && collapsed.has(tasks[i].id) && subtreeEnd[i] > i + 1) {
      const end = subtreeEnd[i];
      for (let j = i + 1; j < end; j++) if (!keep || keep[j]) linkRow[j] = row;
      i = end;
    } else {
      i += 1;
    }
  }
  return { rowTask: rowTask.subarray(0, count), taskRow, linkRow, count };
}

// Links by the rows they span. Links whose ends share a row (inside one
// collapsed stage) or have an end filtered out are left out.
export function buildLinkIndex(model, rows) {
  const m = model.linkCount;
  const lo = new Int32Array(m);
  const hi = new Int32Array(m);
  const { linkPred, linkSucc } = model;
  const { linkRow } = rows;
  for (let k = 0; k < m; k++) {
    const a = linkPred[k] >= 0 ? linkRow[linkPred[k]] : -1;
    const b = linkSucc[k] >= 0 ? linkRow[linkSucc[k]] : -1;
    if (a < 0 || b < 0 || a === b) {
      lo[k] = -1;
      hi[k] = -1;
    } else if (a < b) {
      lo[k] = a;
      hi[k] = b;
    } else {
      lo[k] = b;
      hi[k] = a;
    }
  }
  const index = buildIntervalIndex(lo, hi);
  return { query: index.query, size: index.size, lo, hi };
}

// Links to or from task index i (for the detail panel and highlighting):
// built on first use, O(links).
export function linksByTask(model) {
  if (model._linksByTask) return model._linksByTask;
  const { n, linkCount, linkPred, linkSucc } = model;
  const counts = new Int32Array(n + 1);
  for (let k = 0; k < linkCount; k++) {
    if (linkPred[k] >= 0) counts[linkPred[k] + 1]++;
    if (linkSucc[k] >= 0 && linkSucc[k] !== linkPred[k]) counts[linkSucc[k] + 1]++;
  }
  for (let i = 0; i < n; i++) counts[i + 1] += counts[i];
  const items = new Int32Array(counts[n]);
  const fill = counts.slice(0, n);
  for (let k = 0; k < linkCount; k++) {
    if (linkPred[k] >= 0) items[fill[linkPred[k]]++] = k;
    if (linkSucc[k] >= 0 && linkSucc[k] !== linkPred[k]) items[fill[linkSucc[k]]++] = k;
  }
  const result = { offsets: counts, items };
  model._linksByTask = result;
  return result;
}

export function taskLinks(model, i) {
  const { offsets, items } = linksByTask(model);
  return Array.from(items.subarray(offsets[i], offsets[i + 1]));
}
