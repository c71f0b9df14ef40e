import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDay, formatDay } from '../../ui/js/gantt/days.js';
import { ZOOMS, zoomById, zoomStep, unitStart, unitNext, tierCells, headerCells, timelineExtent, zoomScrollLeft, visibleRange, visibleDays } from '../../ui/js/gantt/scale.js';

const d = parseDay;
const f = formatDay;

test('six zoom levels, each coarser than the one before', () => {
  assert.deepEqual(ZOOMS.map((z) => z.id), ['day', 'week', 'dekad', 'month', 'quarter', 'year']);
  assert.deepEqual(ZOOMS.map((z) => z.label), ['日', '周', '旬', '月', '季', '年']);
  for (let i = 1; i < ZOOMS.length; i++) assert.ok(ZOOMS[i].pxPerDay < ZOOMS[i - 1].pxPerDay);
  assert.equal(zoomById('nope').id, 'week');
  assert.equal(zoomStep('day', -1), 'day');
  assert.equal(zoomStep('day', 1), 'week');
  assert.equal(zoomStep('year', 1), 'year');
});

test('dekads are the 1st–10th, 11th–20th and 21st–month end', () => {
  assert.equal(f(unitStart('dekad', d('2026-02-10'))), '2026-02-01');
  assert.equal(f(unitStart('dekad', d('2026-02-11'))), '2026-02-11');
  assert.equal(f(unitStart('dekad', d('2026-02-28'))), '2026-02-21');
  assert.equal(f(unitNext('dekad', d('2026-02-21'))), '2026-03-01'); // an 8-day 下旬
  assert.equal(f(unitNext('dekad', d('2026-01-21'))), '2026-02-01'); // an 11-day 下旬
  assert.equal(f(unitNext('dekad', d('2024-02-21'))), '2024-03-01');
  const cells = tierCells('dekad', d('2026-01-05'), d('2026-02-12'));
  assert.deepEqual(cells.map((c) => [f(c.start), f(c.end - 1), c.labels[0]]), [
    ['2026-01-01', '2026-01-10', '上旬'],
    ['2026-01-11', '2026-01-20', '中旬'],
    ['2026-01-21', '2026-01-31', '下旬'],
    ['2026-02-01', '2026-02-10', '上旬'],
    ['2026-02-11', '2026-02-20', '中旬'],
  ]);
});

test('weeks start on Monday; quarters, halves and years on their first day', () => {
  assert.equal(f(unitStart('week', d('2026-11-26'))), '2026-11-23');
  assert.equal(f(unitStart('week', d('2026-11-29'))), '2026-11-23'); // Sunday
  assert.equal(f(unitStart('week', d('2026-11-30'))), '2026-11-30');
  assert.equal(f(unitStart('quarter', d('2026-11-26'))), '2026-10-01');
  assert.equal(f(unitNext('quarter', d('2026-10-01'))), '2027-01-01');
  assert.equal(f(unitStart('half', d('2026-06-30'))), '2026-01-01');
  assert.equal(f(unitNext('half', d('2026-07-01'))), '2027-01-01');
  assert.equal(f(unitStart('year', d('2026-11-26'))), '2026-01-01');
  assert.equal(f(unitNext('month', d('2026-12-01'))), '2027-01-01');
});

test('two-tier headers in Chinese for every zoom', () => {
  const from = d('2026-11-26');
  const to = d('2026-12-02');
  const day = headerCells('day', from, to);
  assert.deepEqual(day.top.map((c) => c.labels[0]), ['2026年11月', '2026年12月']);
  assert.deepEqual(day.bottom.map((c) => c.labels[0]), ['26', '27', '28', '29', '30', '1', '2']);
  const week = headerCells('week', from, to);
  assert.deepEqual(week.bottom.map((c) => c.labels[0]), ['11/23–29', '11/30–12/6']);
  assert.deepEqual(headerCells('dekad', from, to).bottom.map((c) => c.labels[0]), ['下旬', '上旬']);
  const month = headerCells('month', d('2026-11-01'), d('2027-01-15'));
  assert.deepEqual(month.top.map((c) => c.labels[0]), ['2026年', '2027年']);
  assert.deepEqual(month.bottom.map((c) => c.labels[0]), ['11月', '12月', '1月']);
  assert.deepEqual(headerCells('quarter', d('2026-05-01'), d('2027-01-01')).bottom.map((c) => c.labels[0]), ['二季度', '三季度', '四季度', '一季度']);
  const year = headerCells('year', d('2026-05-01'), d('2027-01-01'));
  assert.deepEqual(year.top.map((c) => c.labels[0]), ['2026年', '2027年']);
  assert.deepEqual(year.bottom.map((c) => c.labels[0]), ['上半年', '下半年', '上半年']);
  // Cells tile the range without gaps.
  for (const zoom of ZOOMS) {
    const { top, bottom } = headerCells(zoom.id, d('2025-12-20'), d('2027-03-03'));
    for (const tier of [top, bottom]) {
      assert.ok(tier[0].start <= d('2025-12-20'));
      assert.ok(tier[tier.length - 1].end > d('2027-03-03'));
      for (let i = 1; i < tier.length; i++) assert.equal(tier[i].start, tier[i - 1].end);
    }
  }
});

test('the timeline spans whole months around the plan and today', () => {
  const { from, to } = timelineExtent(d('2026-03-15'), d('2026-09-10'), d('2026-11-26'));
  assert.equal(f(from), '2026-02-01');
  assert.equal(f(to), '2027-01-31');
});

test('zooming keeps the day under the pointer in place', () => {
  const px = 400;
  const scroll = 2600;
  const next = zoomScrollLeft(scroll, px, 26, 11);
  // The day under the pointer before and after.
  assert.ok(Math.abs((scroll + px) / 26 - (next + px) / 11) < 1e-9);
  assert.equal(zoomScrollLeft(0, 0, 26, 11), 0);
  assert.equal(zoomScrollLeft(10, 500, 26, 0.6), 0); // clamped
});

test('visible rows and days', () => {
  assert.deepEqual(visibleRange(0, 280, 28, 20000), [0, 9]);
  assert.deepEqual(visibleRange(27, 280, 28, 20000), [0, 10]);
  assert.deepEqual(visibleRange(28 * 19995, 280, 28, 20000), [19995, 19999]);
  assert.deepEqual(visibleRange(0, 280, 28, 20000, 3), [0, 12]);
  assert.deepEqual(visibleRange(0, 280, 28, 0), [0, -1]);
  assert.deepEqual(visibleRange(0, 280, 28, 4), [0, 3]);
  const [a, b] = visibleDays(1000, 260, 520, 26);
  assert.equal(a, 1010);
  assert.equal(b, 1030);
});
