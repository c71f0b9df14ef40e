// The assessment pages' pure helpers: periods, the month grid, points.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parsePeriod, periodLabel, stepPeriod, periodError, monthGrid, signedPoints, pointsError, normalizeTime, dutyText } from '../../ui/js/lib/assessment.js';

test('periods parse, label and step like the core writes them', () => {
  assert.deepEqual(parsePeriod('2026-03'), { kind: 'month', year: 2026, index: 3 });
  assert.deepEqual(parsePeriod('2026-q2'), { kind: 'quarter', year: 2026, index: 2 });
  assert.equal(parsePeriod('2026-13'), null);
  assert.equal(periodLabel('2026-Q1'), '2026年第一季度');
  assert.equal(periodLabel('2026'), '2026年度');
  assert.equal(stepPeriod('2026-01', -1), '2025-12');
  assert.equal(stepPeriod('2026-12', 1), '2027-01');
  assert.equal(stepPeriod('2026-Q4', 1), '2027-Q1');
  assert.equal(stepPeriod('2026', -1), '2025');
  assert.match(periodError('三月'), /格式应为/);
  assert.equal(periodError('2026-03'), null);
});

test('the month grid starts on Monday and pads whole weeks', () => {
  const weeks = monthGrid('2026-03'); // 2026-03-01 is a Sunday
  assert.equal(weeks[0].filter(Boolean).length, 1);
  assert.equal(weeks[0][6].date, '2026-03-01');
  assert.ok(weeks.every((w) => w.length === 7));
  assert.equal(weeks.flat().filter(Boolean).length, 31);
  assert.deepEqual(monthGrid('2026'), []);
});

test('points, times and the duty line', () => {
  assert.equal(signedPoints(2), '+2');
  assert.equal(signedPoints(-0.5), '-0.5');
  assert.equal(pointsError('0.25'), '分值应为数字，最多一位小数');
  assert.equal(pointsError('0', { signed: true }), '调整分值应在-100到100之间且不为0');
  assert.equal(pointsError('-1.5', { signed: true }), null);
  assert.equal(normalizeTime('2026-03-05 9:30'), '2026-03-05 09:30');
  assert.equal(normalizeTime('2026-03-05 25:00'), null);
  assert.equal(dutyText({ leader: { name: '王建军' }, dispatcher: null }), '带班领导 王建军 · 调度员 未安排');
});
