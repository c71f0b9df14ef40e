import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildModel, buildRows } from '../../ui/js/gantt/model.js';
import { filterMask, isFilterActive, unitOptions, searchTasks, nextMatch } from '../../ui/js/gantt/filters.js';
import { sampleChart } from './gantt-fixture.mjs';

const ids = (m, list) => list.map((i) => m.tasks[i].id);
const kept = (m, mask) => ids(m, [...mask.keys()].filter((i) => mask[i]));

test('no filter, no mask', () => {
  const m = buildModel(sampleChart());
  assert.equal(filterMask(m, {}), null);
  assert.equal(filterMask(m, { unitId: '', kind: '', status: '' }), null);
  assert.equal(isFilterActive({ kind: 'stage' }), true);
});

test('filter by unit (lead or cooperating), kind and status', () => {
  const m = buildModel(sampleChart());
  assert.deepEqual(kept(m, filterMask(m, { unitId: '11' })), [2, 5]);
  assert.deepEqual(kept(m, filterMask(m, { unitId: 13 })), [5, 8]);
  assert.deepEqual(kept(m, filterMask(m, { kind: 'stage' })), [1, 7]);
  assert.deepEqual(kept(m, filterMask(m, { kind: 'milestone' })), [6]);
  assert.deepEqual(kept(m, filterMask(m, { kind: 'task' })), [2, 3, 4, 5, 8]);
  assert.deepEqual(kept(m, filterMask(m, { status: 'closed' })), [5]);
  assert.deepEqual(kept(m, filterMask(m, { status: 'overdue' })), [4]);
  assert.deepEqual(kept(m, filterMask(m, { status: 'due_soon' })), [3]);
  assert.deepEqual(kept(m, filterMask(m, { status: 'late' })), [4]);
  assert.deepEqual(kept(m, filterMask(m, { status: 'critical' })), [2, 6, 8]);
  assert.deepEqual(kept(m, filterMask(m, { unitId: '12', status: 'overdue' })), [4]);
  // The rows keep the ancestors of what matched.
  const rows = buildRows(m, { include: filterMask(m, { status: 'overdue' }) });
  assert.deepEqual(ids(m, Array.from(rows.rowTask)), [1, 3, 4]);
});

test('unit options list every unit named once, sorted', () => {
  const options = unitOptions(sampleChart().tasks);
  assert.deepEqual(options.map((o) => o.value).sort(), ['11', '12', '13']);
  assert.equal(options.find((o) => o.value === '13').label, '综采一队党支部');
});

test('search by name, outline number or unit; next and previous wrap', () => {
  const m = buildModel(sampleChart());
  assert.deepEqual(ids(m, searchTasks(m, '支部')), [5, 8]);
  assert.deepEqual(ids(m, searchTasks(m, '1.2')), [3, 4, 5]);
  assert.deepEqual(ids(m, searchTasks(m, '组织部')), [3, 4]);
  assert.deepEqual(searchTasks(m, '  '), []);
  const mask = filterMask(m, { kind: 'stage' });
  assert.deepEqual(ids(m, searchTasks(m, '阶段', mask)), [1, 7]);
  const matches = [4, 7];
  assert.equal(nextMatch(matches, -1, 1), 4);
  assert.equal(nextMatch(matches, 4, 1), 7);
  assert.equal(nextMatch(matches, 7, 1), 4);
  assert.equal(nextMatch(matches, 4, -1), 7);
  assert.equal(nextMatch(matches, 5, 1), 7);
  assert.equal(nextMatch(matches, 5, -1), 4);
  assert.equal(nextMatch([], 5, 1), -1);
});
