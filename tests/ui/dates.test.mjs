import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatDate, formatDateTime, isValidDate } from '../../ui/js/lib/dates.js';

test('formatDate shows dates as YYYY-MM-DD', () => {
  assert.equal(formatDate('2026-03-05'), '2026-03-05');
  assert.equal(formatDate('2026-03-05 14:20:11'), '2026-03-05');
  assert.equal(formatDate(null), '');
  assert.equal(formatDate('not a date'), '');
});

test('formatDateTime drops seconds', () => {
  assert.equal(formatDateTime('2026-03-05 14:20:11'), '2026-03-05 14:20');
  assert.equal(formatDateTime('2026-03-05T08:01:00'), '2026-03-05 08:01');
  assert.equal(formatDateTime('2026-03-05'), '2026-03-05');
  assert.equal(formatDateTime(undefined), '');
});

test('isValidDate checks format and the calendar', () => {
  assert.ok(isValidDate('2026-03-05'));
  assert.ok(isValidDate('2024-02-29'));
  assert.ok(!isValidDate('2026-02-29'));
  assert.ok(!isValidDate('2026-13-01'));
  assert.ok(!isValidDate('2026-04-31'));
  assert.ok(!isValidDate('2026-3-5'));
  assert.ok(!isValidDate(''));
  assert.ok(!isValidDate(null));
});
