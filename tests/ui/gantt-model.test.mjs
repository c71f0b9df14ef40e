import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildModel, buildRows, buildLinkIndex, taskLinks, KIND_STAGE, KIND_MILESTONE, KIND_TASK, TONE_CLOSED, TONE_OVERDUE, TONE_DUE_SOON, TONE_NORMAL, TONE_DONE, toneOf } from '../../ui/js/gantt/model.js';
import { parseDay, NO_DAY } from '../../ui/js/gantt/days.js';
import { buildIntervalIndex } from '../../ui/js/gantt/intervals.js';
import { sampleChart, task } from './gantt-fixture.mjs';

const rowIds = (model, rows) => Array.from(rows.rowTask, (i) => model.tasks[i].id);

test('the model keeps dates as day numbers and the outline as arrays', () => {
  const chart = sampleChart();
  chart.tasks[1].earlyStart = '2026-11-03';
  chart.tasks[1].earlyFinish = '2026-11-09';
  chart.tasks[1].deadline = '2026-11-10';
  const m = buildModel(chart);
  assert.equal(m.n, 8);
  assert.equal(m.start[1], parseDay('2026-11-03'));
  assert.equal(m.finish[1], parseDay('2026-11-09'));
  assert.equal(m.deadline[1], parseDay('2026-11-10'));
  assert.equal(m.deadline[0], NO_DAY);
  assert.deepEqual(Array.from(m.parent), [-1, 0, 0, 2, 2, 0, -1, 6]);
  assert.deepEqual(Array.from(m.depth), [0, 1, 1, 2, 2, 1, 0, 1]);
  assert.deepEqual(Array.from(m.subtreeEnd), [6, 2, 5, 4, 5, 6, 8, 8]);
  assert.deepEqual(Array.from(m.kind), [KIND_STAGE, KIND_TASK, KIND_TASK, KIND_TASK, KIND_TASK, KIND_MILESTONE, KIND_STAGE, KIND_TASK]);
  // Task 3 has sub-tasks, so it is drawn as a summary.
  assert.deepEqual(Array.from(m.summary), [1, 0, 1, 0, 0, 0, 1, 0]);
  assert.equal(m.today, parseDay('2026-11-26'));
  assert.equal(m.linkCount, 4);
  assert.deepEqual(Array.from(m.linkPred), [1, 3, 1, 5]);
  assert.deepEqual(Array.from(m.linkSucc), [3, 4, 7, 7]);
  assert.deepEqual(Array.from(m.linkKind), [0, 1, 0, 2]);
  // Critical links join two critical tasks.
  assert.deepEqual(Array.from(m.linkCritical), [0, 0, 1, 1]);
  assert.deepEqual(taskLinks(m, 1).sort(), [0, 2]);
  assert.deepEqual(taskLinks(m, 7).sort(), [2, 3]);
});

test('bar tones follow the palette: grey closed, red overdue, amber due soon, green done', () => {
  assert.equal(toneOf(task(1, { status: 'closed', dueState: 'done' })), TONE_CLOSED);
  assert.equal(toneOf(task(1, { dueState: 'overdue' })), TONE_OVERDUE);
  assert.equal(toneOf(task(1, { dueState: 'due_soon' })), TONE_DUE_SOON);
  assert.equal(toneOf(task(1, { progress: 100 })), TONE_DONE);
  assert.equal(toneOf(task(1, {})), TONE_NORMAL);
});

test('baselines are read by task id', () => {
  const chart = sampleChart();
  chart.baseline = { id: 1, name: '初始', tasks: { 2: { start: '2026-10-30', finish: '2026-11-05' } } };
  const m = buildModel(chart);
  assert.equal(m.hasBaseline, true);
  assert.equal(m.blStart[1], parseDay('2026-10-30'));
  assert.equal(m.blFinish[1], parseDay('2026-11-05'));
  assert.equal(m.blStart[0], NO_DAY);
  assert.equal(m.first, parseDay('2026-10-30'));
});

test('rows: collapsing hides a subtree; its links attach to the collapsed row', () => {
  const m = buildModel(sampleChart());
  const all = buildRows(m);
  assert.deepEqual(rowIds(m, all), [1, 2, 3, 4, 5, 6, 7, 8]);
  const rows = buildRows(m, { collapsed: new Set([3]) });
  assert.deepEqual(rowIds(m, rows), [1, 2, 3, 6, 7, 8]);
  assert.equal(rows.taskRow[3], -1);
  assert.equal(rows.linkRow[3], 2); // task 4 → row of task 3
  assert.equal(rows.linkRow[4], 2);
  const stage = buildRows(m, { collapsed: new Set([1]) });
  assert.deepEqual(rowIds(m, stage), [1, 7, 8]);
  // A collapsed leaf is just a row.
  assert.deepEqual(rowIds(m, buildRows(m, { collapsed: new Set([2]) })), [1, 2, 3, 4, 5, 6, 7, 8]);
});

test('rows: a filter keeps matching tasks and their ancestors', () => {
  const m = buildModel(sampleChart());
  const include = new Uint8Array(m.n);
  include[4] = 1; // task 5
  const rows = buildRows(m, { include });
  assert.deepEqual(rowIds(m, rows), [1, 3, 5]);
  assert.equal(rows.linkRow[3], -1);
});

test('the link index returns exactly the links crossing the visible rows', () => {
  const m = buildModel(sampleChart());
  const rows = buildRows(m);
  const index = buildLinkIndex(m, rows);
  const q = (a, b) => {
    const out = [];
    index.query(a, b, (k) => out.push(m.links[k].id));
    return out.sort();
  };
  assert.deepEqual(q(0, 0), []);
  assert.deepEqual(q(0, 1), [101, 103]);
  assert.deepEqual(q(5, 5), [103, 104]); // 103 passes through row 5 (task 6)
  assert.deepEqual(q(6, 7), [103, 104]);
  // Collapsing stage 1 makes 101 and 102 internal (dropped) and 103, 104 start at row 0.
  const collapsed = buildRows(m, { collapsed: new Set([1]) });
  const index2 = buildLinkIndex(m, collapsed);
  const out = [];
  index2.query(0, 2, (k) => out.push(m.links[k].id));
  assert.deepEqual(out.sort(), [103, 104]);
});

test('the interval index agrees with a plain scan on random data', () => {
  let seed = 12345;
  const rand = (n) => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % n;
  };
  const count = 3000;
  const lo = new Int32Array(count);
  const hi = new Int32Array(count);
  for (let i = 0; i < count; i++) {
    const a = rand(5000);
    const len = rand(10) < 8 ? rand(20) : rand(5000);
    lo[i] = rand(50) === 0 ? -1 : a;
    hi[i] = lo[i] < 0 ? -1 : Math.min(4999, a + len);
  }
  for (const bucket of [1, 7, 64, 10000]) {
    const index = buildIntervalIndex(lo, hi, bucket);
    for (let t = 0; t < 200; t++) {
      const a = rand(5100) - 50;
      const b = a + rand(60);
      const got = [];
      index.query(a, b, (i) => got.push(i));
      const want = [];
      for (let i = 0; i < count; i++) if (lo[i] >= 0 && lo[i] <= b && hi[i] >= a) want.push(i);
      assert.deepEqual(got.sort((x, y) => x - y), want, `bucket ${bucket}, query ${a}..${b}`);
    }
  }
  assert.equal(buildIntervalIndex(new Int32Array(0), new Int32Array(0)).size, 0);
});
