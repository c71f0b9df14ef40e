import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parsePeriod, isValidPeriod, periodOf, shiftPeriod, periodLabel, isoWeek, currentPeriod } from '../../ui/js/lib/periods.js';

const d = (y, m, day) => new Date(Date.UTC(y, m - 1, day));

test('periods parse in every form and refuse the impossible', () => {
  for (const ok of ['2026', '2026-Q1', '2026-03', '2026-03-D2', '2026-W11', '2026-W53', '2026-03-16', '2024-02-29']) {
    assert.ok(isValidPeriod(ok), ok);
  }
  for (const bad of ['', '26', '2026-Q5', '2026-13', '2026-03-D4', '2026-02-29', '2025-W53', '2026/03', '1800']) {
    assert.ok(!isValidPeriod(bad), bad);
  }
  const dekad = parsePeriod('2026-02-D3');
  assert.deepEqual([dekad.start, dekad.end], [d(2026, 2, 21), d(2026, 2, 28)]);
  assert.equal(parsePeriod('2026-03-D3').end.getUTCDate(), 31);
});

test('ISO weeks across year boundaries agree with the core', () => {
  assert.deepEqual(isoWeek(d(2025, 12, 29)), { year: 2026, week: 1 });
  assert.deepEqual(isoWeek(d(2021, 1, 3)), { year: 2020, week: 53 });
  assert.deepEqual(isoWeek(d(2027, 1, 3)), { year: 2026, week: 53 });
  assert.equal(periodOf('week', d(2026, 3, 9)), '2026-W11');
  assert.deepEqual(parsePeriod('2026-W01').start, d(2025, 12, 29));
});

test('shifting and labels', () => {
  assert.equal(shiftPeriod('2026-12', 1), '2027-01');
  assert.equal(shiftPeriod('2026-01', -1), '2025-12');
  assert.equal(shiftPeriod('2026-03-D3', 1), '2026-04-D1');
  assert.equal(shiftPeriod('2026-Q4', 1), '2027-Q1');
  assert.equal(shiftPeriod('2026-W53', 1), '2027-W01');
  assert.equal(shiftPeriod('2026-03-01', -1), '2026-02-28');
  assert.equal(shiftPeriod('2026', -1), '2025');
  assert.equal(periodLabel('2026-03-D2'), '2026年3月中旬');
  assert.equal(periodLabel('2026-W11'), '2026年第11周（3月9日—3月15日）');
  assert.equal(periodLabel('2026-Q1'), '2026年第1季度');
  assert.equal(periodLabel('2026-03-16'), '2026年3月16日');
  assert.equal(currentPeriod('month', new Date(2026, 2, 16, 9)), '2026-03');
  assert.equal(currentPeriod('dekad', new Date(2026, 2, 21, 9)), '2026-03-D3');
});
