import test from 'node:test';
import assert from 'node:assert/strict';
import { now, setCoreToday, todayIso } from '../../ui/js/lib/clock.js';
import { validateFeedback } from '../../ui/js/lib/loop.js';
import { currentPeriod } from '../../ui/js/lib/periods.js';
import { currentMonth } from '../../ui/js/lib/assessment.js';

const localIso = (d) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;

test('todayIso formats a given local date', () => {
  assert.equal(todayIso(new Date(2026, 0, 5, 23, 59)), '2026-01-05');
});

test("the window's today follows the core's, with the time of day of this clock", () => {
  // Without word from the core: this computer's day.
  assert.equal(todayIso(), localIso(new Date()));
  setCoreToday('2027-02-28');
  assert.equal(todayIso(), '2027-02-28');
  assert.equal(currentPeriod('month'), '2027-02');
  assert.equal(currentMonth(), '2027-02');
  assert.ok(Math.abs(now().getHours() - new Date().getHours()) <= 1);
  // A feedback dated after the core's today is refused even if this clock is later.
  setCoreToday('2020-01-10');
  assert.equal(todayIso(), '2020-01-10');
  const errors = validateFeedback({ unitId: '1', reportedOn: '2020-01-11', content: '已完成' });
  assert.ok(Object.values(errors).some((m) => /今天/.test(m)), JSON.stringify(errors));
  // Garbage leaves the day as it was.
  setCoreToday('not a date');
  assert.equal(todayIso(), '2020-01-10');
  setCoreToday(localIso(new Date()));
  assert.equal(todayIso(), localIso(new Date()));
});
