import { test } from 'node:test';
import assert from 'node:assert/strict';
import { routeLink, arrowDirection, LINK_FS, LINK_SS, LINK_FF, LINK_SF } from '../../ui/js/gantt/route.js';

const opts = { stub: 8, rowHeight: 28 };
const pairs = (p) => Array.from({ length: p.length / 2 }, (_, i) => [p[2 * i], p[2 * i + 1]]);
const orthogonal = (p) => pairs(p).every(([x, y], i, all) => i === 0 || x === all[i - 1][0] || y === all[i - 1][1]);

test('FS with room: out of the finish, down, into the start', () => {
  const p = routeLink(LINK_FS, { x0: 0, x1: 100, y: 14 }, { x0: 160, x1: 200, y: 70 }, opts);
  assert.deepEqual(pairs(p), [[100, 14], [108, 14], [108, 70], [160, 70]]);
  assert.equal(arrowDirection(p), 1);
  assert.ok(orthogonal(p));
});

test('FS without room comes round through the gap above the successor', () => {
  const p = routeLink(LINK_FS, { x0: 0, x1: 100, y: 14 }, { x0: 60, x1: 120, y: 70 }, opts);
  assert.deepEqual(pairs(p), [[100, 14], [108, 14], [108, 56], [52, 56], [52, 70], [60, 70]]);
  assert.equal(arrowDirection(p), 1);
  assert.ok(orthogonal(p));
  // Going up: the gap is below the successor's row.
  const up = routeLink(LINK_FS, { x0: 0, x1: 100, y: 70 }, { x0: 60, x1: 120, y: 14 }, opts);
  assert.equal(up[5], 28);
});

test('SS leaves left of both starts; FF leaves right of both finishes', () => {
  const ss = routeLink(LINK_SS, { x0: 50, x1: 100, y: 14 }, { x0: 80, x1: 200, y: 42 }, opts);
  assert.deepEqual(pairs(ss), [[50, 14], [42, 14], [42, 42], [80, 42]]);
  assert.equal(arrowDirection(ss), 1);
  const ff = routeLink(LINK_FF, { x0: 50, x1: 100, y: 14 }, { x0: 20, x1: 90, y: 42 }, opts);
  assert.deepEqual(pairs(ff), [[100, 14], [108, 14], [108, 42], [90, 42]]);
  assert.equal(arrowDirection(ff), -1); // points left into the finish
});

test('SF goes from the start into the finish from the right', () => {
  const direct = routeLink(LINK_SF, { x0: 200, x1: 260, y: 14 }, { x0: 40, x1: 120, y: 42 }, opts);
  assert.deepEqual(pairs(direct), [[200, 14], [192, 14], [192, 42], [120, 42]]);
  assert.equal(arrowDirection(direct), -1);
  const round = routeLink(LINK_SF, { x0: 100, x1: 160, y: 14 }, { x0: 40, x1: 120, y: 42 }, opts);
  assert.deepEqual(pairs(round), [[100, 14], [92, 14], [92, 28], [128, 28], [128, 42], [120, 42]]);
  assert.equal(arrowDirection(round), -1);
  assert.ok(orthogonal(round));
});
