// ui/js/api/chart-wire.js against what the core sends: the fixture is
// written by crates/store/tests/chart_wire.rs (DIAODU_WRITE_WIRE_FIXTURE=…)
// from a real store: a wire chart, an edit's delta, and the plain charts
// before and after. And the view's model patched from a delta equals the
// model built afresh.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { applyDelta, changesOf, decodeChart, dayText } from '../../ui/js/api/chart-wire.js';
import { buildModel, patchModel } from '../../ui/js/gantt/model.js';

const fixture = JSON.parse(readFileSync(new URL('./fixtures/chart-wire.json', import.meta.url), 'utf8'));
const plain = (chart) => {
  const { rev, baselineId, ...rest } = chart;
  return rest;
};

test('a whole wire chart reads back as the chart the core has', () => {
  const chart = decodeChart(fixture.wire);
  assert.equal(chart.rev, fixture.wire.rev);
  assert.deepEqual(plain(chart), fixture.chart);
  assert.ok(chart.tasks.some((t) => t.cooperatingUnitNames.length === 1 && t.leadUnitName));
});

test('a delta applied to the chart it names gives the chart after the edit', () => {
  const before = decodeChart(fixture.wire);
  assert.equal(fixture.delta.base, before.rev);
  const after = applyDelta(before, fixture.delta);
  assert.deepEqual(plain(after), fixture.after);
  assert.equal(after.rev, fixture.delta.rev);
  // The chart before is left as it was (the undo stack compares the two).
  assert.deepEqual(plain(before), fixture.chart);
  const change = changesOf(after);
  assert.equal(change.base, before);
  assert.equal(change.structural, false);
  assert.ok(change.tasks.length >= 1 && change.tasks.length < before.tasks.length);
  // Unchanged tasks are shared, changed ones are new objects.
  const changed = new Set(change.tasks);
  for (let i = 0; i < after.tasks.length; i++) assert.equal(after.tasks[i] === before.tasks[i], !changed.has(i));
});

test('the model patched from the delta equals the model built from the chart', () => {
  const before = decodeChart(fixture.wire);
  const after = applyDelta(before, fixture.delta);
  const model = buildModel(before);
  const patched = patchModel(model, after, changesOf(after).tasks);
  assert.ok(patched);
  const fresh = buildModel(after);
  for (const key of Object.keys(fresh)) {
    if (key === 'idToIndex' || key === 'linkIdToIndex' || key.startsWith('_')) continue;
    assert.deepEqual(patched[key], fresh[key], key);
  }
});

test('a model that does not fit is not patched', () => {
  const before = decodeChart(fixture.wire);
  const model = buildModel(before);
  const fewer = { ...before, tasks: before.tasks.slice(1) };
  assert.equal(patchModel(model, fewer, [0]), null);
});

test('links: added, changed, removed, and an order when given', () => {
  const chart = { tasks: [], links: [{ id: 1, predId: 1, succId: 2, kind: 'FS', lag: 0 }, { id: 2, predId: 2, succId: 3, kind: 'FS', lag: 0 }], rev: 4 };
  const cols = (ls) => ({ id: ls.map((l) => l.id), predId: ls.map((l) => l.predId), succId: ls.map((l) => l.succId), kind: ls.map((l) => l.kind), lag: ls.map((l) => l.lag) });
  const d = { format: 'chart-delta/1', base: 4, rev: 5, tasks: {}, links: cols([{ id: 2, predId: 2, succId: 3, kind: 'SS', lag: 2 }, { id: 9, predId: 3, succId: 4, kind: 'FS', lag: 0 }]), removedLinks: [1] };
  const next = applyDelta(chart, d);
  assert.deepEqual(next.links.map((l) => [l.id, l.kind, l.lag]), [[2, 'SS', 2], [9, 'FS', 0]]);
  assert.equal(changesOf(next).structural, true);
  const ordered = applyDelta(next, { ...d, base: 5, rev: 6, links: cols([{ id: 1, predId: 1, succId: 2, kind: 'FS', lag: 0 }]), removedLinks: [], linkOrder: [1, 2, 9] });
  assert.deepEqual(ordered.links.map((l) => l.id), [1, 2, 9]);
});

test('day numbers are days since 1970-01-01', () => {
  assert.equal(dayText(0), '1970-01-01');
  assert.equal(dayText(20793), '2026-12-06');
  assert.equal(dayText(null), null);
});
