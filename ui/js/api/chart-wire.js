// The chart as the core sends it (docs/ipc-plans.md, "The chart on the
// wire"), read into the chart the views use: tasks and links as objects with
// "YYYY-MM-DD" dates. The one place that knows the wire form; api/chart.js
// calls it. Pure: tested with node (tests/ui/chart-wire.test.mjs), and
// crates/store/src/plans/wire.rs `reading` is the same reading in Rust.

import { civil } from '../gantt/days.js';

export const WIRE_FORMAT = 'chart-columns/1';
export const DELTA_FORMAT = 'chart-delta/1';

export const isWholeChart = (answer) => Boolean(answer) && answer.format === WIRE_FORMAT;
export const isChartDelta = (answer) => Boolean(answer) && answer.format === DELTA_FORMAT;

const pad = (n, w) => String(n).padStart(w, '0');
const dayTexts = new Map();
// "YYYY-MM-DD" of a day number (days since 1970-01-01), null for none. A plan
// has a few thousand distinct days at most, so each is written once.
export function dayText(day) {
  if (day === null || day === undefined) return null;
  let text = dayTexts.get(day);
  if (text === undefined) {
    const { y, m, d } = civil(day);
    text = `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`;
    if (dayTexts.size < 100000) dayTexts.set(day, text);
  }
  return text;
}

// Task objects from task columns (the fields of the chart's tasks).
export function decodeTasks(cols) {
  if (!cols || !cols.id) return [];
  const n = cols.id.length;
  const units = cols.units ?? {};
  const people = cols.people ?? {};
  const labels = cols.statusLabels ?? {};
  const out = new Array(n);
  for (let i = 0; i < n; i++) {
    const kind = cols.kind[i];
    const duration = cols.duration[i];
    const lead = cols.leadUnitId[i];
    const coop = cols.cooperatingUnitIds[i] ?? [];
    const person = cols.personId[i];
    const status = cols.status[i];
    const coopNames = [];
    for (const u of coop) if (units[u] !== undefined) coopNames.push(units[u]);
    out[i] = {
      id: cols.id[i],
      parentId: cols.parentId[i],
      kind,
      outline: cols.outline[i],
      depth: cols.depth[i],
      position: cols.position[i],
      name: cols.name[i],
      goal: cols.goal[i],
      content: cols.content[i],
      leadUnitId: lead,
      leadUnitName: lead === null ? null : (units[lead] ?? null),
      cooperatingUnitIds: coop,
      cooperatingUnitNames: coopNames,
      personId: person,
      personName: person === null ? null : (people[person] ?? null),
      start: dayText(cols.start[i]),
      duration,
      deadline: dayText(cols.deadline[i]),
      milestone: kind === 'task' && duration === 0,
      progress: cols.progress[i],
      status,
      statusLabel: labels[status] ?? null,
      actualStart: dayText(cols.actualStart[i]),
      actualFinish: dayText(cols.actualFinish[i]),
      externalUid: cols.externalUid[i],
      earlyStart: dayText(cols.earlyStart[i]),
      earlyFinish: dayText(cols.earlyFinish[i]),
      lateStart: dayText(cols.lateStart[i]),
      lateFinish: dayText(cols.lateFinish[i]),
      totalFloat: cols.totalFloat[i],
      freeFloat: cols.freeFloat[i],
      critical: cols.critical[i] === 1,
      cannotMeetDeadline: cols.cannotMeetDeadline[i] === 1,
      dueState: cols.dueState[i],
      baselineVariance: cols.baselineVariance[i],
    };
  }
  return out;
}

export function decodeLinks(cols) {
  if (!cols || !cols.id) return [];
  const n = cols.id.length;
  const out = new Array(n);
  for (let i = 0; i < n; i++) {
    out[i] = { id: cols.id[i], predId: cols.predId[i], succId: cols.succId[i], kind: cols.kind[i], lag: cols.lag[i] };
  }
  return out;
}

const HEAD = ['plan', 'today', 'projectStart', 'projectFinish', 'criticalPath', 'calendar', 'baselines', 'baseline'];

// The chart of a whole wire chart. `rev` numbers it (a delta names the rev
// it applies to); `baselineId` is the baseline it was asked with.
export function decodeChart(wire) {
  const chart = {};
  for (const key of HEAD) chart[key] = wire[key] ?? null;
  chart.tasks = decodeTasks(wire.tasks);
  chart.links = decodeLinks(wire.links);
  chart.rev = wire.rev;
  chart.baselineId = wire.baselineId ?? null;
  return chart;
}

// What a delta changed, for the view: the indices (in the new chart) of the
// tasks it sent, and whether the outline or the links changed (then the
// view rebuilds instead of patching).
const changes = new WeakMap();
export const changesOf = (chart) => changes.get(chart) ?? null;

const indexes = new WeakMap();
function indexById(list) {
  let index = indexes.get(list);
  if (!index) {
    index = new Map();
    for (let i = 0; i < list.length; i++) index.set(list[i].id, i);
    indexes.set(list, index);
  }
  return index;
}

// `chart` (the chart numbered delta.base) with the delta applied: a new
// chart object; the tasks and links it did not change are shared.
export function applyDelta(chart, delta) {
  const next = { ...chart };
  for (const key of HEAD) if (key in delta) next[key] = delta[key] ?? null;
  next.rev = delta.rev;
  next.baselineId = delta.baselineId ?? null;

  const changed = decodeTasks(delta.tasks);
  let tasks;
  const changedIndex = [];
  if (delta.order) {
    const byId = new Map();
    for (const t of chart.tasks) byId.set(t.id, t);
    for (const t of changed) byId.set(t.id, t);
    tasks = [];
    for (const id of delta.order) {
      const t = byId.get(id);
      if (t) tasks.push(t);
    }
  } else {
    tasks = chart.tasks.slice();
    const index = indexById(chart.tasks);
    for (const t of changed) {
      const i = index.get(t.id);
      if (i === undefined) tasks.push(t);
      else {
        tasks[i] = t;
        changedIndex.push(i);
      }
    }
    indexes.set(tasks, index);
  }
  next.tasks = tasks;

  const newLinks = decodeLinks(delta.links);
  const removed = new Set(delta.removedLinks ?? []);
  let links = chart.links;
  if (newLinks.length || removed.size || delta.linkOrder) {
    const byId = new Map();
    const order = [];
    for (const l of chart.links) {
      byId.set(l.id, l);
      if (!removed.has(l.id)) order.push(l.id);
    }
    for (const l of newLinks) {
      if (!byId.has(l.id) || removed.has(l.id)) order.push(l.id);
      byId.set(l.id, l);
    }
    links = (delta.linkOrder ?? order).map((id) => byId.get(id)).filter(Boolean);
  }
  next.links = links;
  changes.set(next, {
    base: chart,
    tasks: changedIndex,
    structural: Boolean(delta.order) || links !== chart.links || changed.length !== changedIndex.length,
  });
  return next;
}
