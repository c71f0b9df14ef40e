import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createIdleTracker, minutesToMs, HEARTBEAT_INTERVAL_MS } from '../../ui/js/lib/idle.js';

const MIN = 60_000;

test('heartbeat at most once per 30 seconds while active', () => {
  const t = createIdleTracker({ idleMinutes: 15, now: 0 });
  assert.equal(HEARTBEAT_INTERVAL_MS, 30_000);
  assert.equal(t.activity(1_000), false);
  assert.equal(t.activity(29_999), false);
  assert.equal(t.activity(30_000), true);
  assert.equal(t.activity(30_001), false);
  assert.equal(t.activity(59_999), false);
  assert.equal(t.activity(60_000), true);
});

test('no heartbeat without activity', () => {
  const t = createIdleTracker({ idleMinutes: 15, now: 0 });
  // Time passing alone never asks for a heartbeat; only activity() does.
  assert.equal(t.isIdle(5 * MIN), false);
  assert.equal(t.activity(10 * MIN), true);
});

test('idle after the configured minutes without activity', () => {
  const t = createIdleTracker({ idleMinutes: 5, now: 0 });
  assert.equal(t.isIdle(5 * MIN - 1), false);
  assert.equal(t.isIdle(5 * MIN), true);
  t.activity(4 * MIN);
  assert.equal(t.isIdle(5 * MIN), false);
  assert.equal(t.isIdle(9 * MIN), true);
});

test('changing the idle minutes applies immediately', () => {
  const t = createIdleTracker({ idleMinutes: 30, now: 0 });
  assert.equal(t.isIdle(10 * MIN), false);
  t.setIdleMinutes(10);
  assert.equal(t.isIdle(10 * MIN), true);
});

test('out-of-order activity timestamps never move the clock back', () => {
  const t = createIdleTracker({ idleMinutes: 1, now: 0 });
  t.activity(50_000);
  t.activity(10_000);
  assert.equal(t.isIdle(100_000), false);
});

test('invalid minutes never lock', () => {
  assert.equal(minutesToMs(0), Infinity);
  assert.equal(minutesToMs('x'), Infinity);
  assert.equal(minutesToMs(2), 120_000);
  const t = createIdleTracker({ idleMinutes: null, now: 0 });
  assert.equal(t.isIdle(1e12), false);
});
