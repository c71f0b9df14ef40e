import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDay, formatDay, civil, dayFromCivil, weekday, NO_DAY, longDateWithWeekday, daysInMonth } from '../../ui/js/gantt/days.js';
import { createWorkCalendar } from '../../ui/js/gantt/workcal.js';

test('day numbers round-trip through YYYY-MM-DD', () => {
  assert.equal(parseDay('1970-01-01'), 0);
  assert.equal(parseDay('1970-01-02'), 1);
  assert.equal(parseDay('1969-12-31'), -1);
  for (const text of ['2000-02-29', '2024-02-29', '2026-11-26', '2027-12-31', '1900-03-01', '2100-02-28']) {
    assert.equal(formatDay(parseDay(text)), text);
  }
  // Every day for ten years, against Date.
  const start = Date.UTC(2018, 0, 1);
  for (let i = 0; i < 3653; i++) {
    const iso = new Date(start + i * 86400000).toISOString().slice(0, 10);
    const day = parseDay(iso);
    assert.equal(day, Math.round((start + i * 86400000) / 86400000));
    assert.equal(formatDay(day), iso);
  }
});

test('parseDay refuses what is not a date', () => {
  for (const bad of [null, undefined, '', '2026-13-01', '2026-02-29', '2026-1-5', '26-11-2026', 'abcd-ef-gh', 20261126]) {
    assert.equal(parseDay(bad), NO_DAY, String(bad));
  }
  assert.equal(formatDay(NO_DAY), '');
});

test('civil, weekday and month lengths', () => {
  assert.deepEqual(civil(dayFromCivil(2026, 11, 26)), { y: 2026, m: 11, d: 26 });
  assert.equal(weekday(parseDay('2026-11-26')), 4); // Thursday
  assert.equal(weekday(parseDay('1969-12-28')), 0); // Sunday, before the epoch
  assert.equal(daysInMonth(2024, 2), 29);
  assert.equal(daysInMonth(2100, 2), 28);
  assert.equal(longDateWithWeekday(parseDay('2026-10-01')), '2026年10月1日 星期四');
});

// National Day 2026 (from the State Council notice): 10-01..10-07 off,
// Sunday 09-20 and Saturday 10-10 worked.
const DAYS_2026 = [
  { date: '2026-09-20', working: true, name: '国庆节' },
  ...['01', '02', '03', '04', '05', '06', '07'].map((d) => ({ date: `2026-10-${d}`, working: false, name: '国庆节' })),
  { date: '2026-10-10', working: true, name: '国庆节' },
];

test('working days: weekends off, holidays off, make-up days on', () => {
  const cal = createWorkCalendar(DAYS_2026);
  const d = (t) => parseDay(t);
  assert.equal(cal.isWorking(d('2026-09-18')), true); // Friday
  assert.equal(cal.isWorking(d('2026-09-19')), false); // Saturday
  assert.equal(cal.isWorking(d('2026-09-20')), true); // Sunday, make-up day
  assert.equal(cal.isWorking(d('2026-10-05')), false); // Monday, holiday
  assert.equal(cal.isWorking(d('2026-10-10')), true); // Saturday, make-up day
  assert.equal(cal.kindOf(d('2026-10-05')), 'holiday');
  assert.equal(cal.kindOf(d('2026-10-10')), 'makeup');
  assert.equal(cal.kindOf(d('2026-10-11')), 'weekend');
  assert.equal(cal.kindOf(d('2026-10-12')), 'working');
  assert.equal(cal.nameOf(d('2026-10-03')), '国庆节');
});

test('snap, finishOf and workingDaysBetween follow the calendar', () => {
  const cal = createWorkCalendar(DAYS_2026);
  const d = (t) => parseDay(t);
  assert.equal(formatDay(cal.snap(d('2026-10-01'), 1)), '2026-10-08');
  assert.equal(formatDay(cal.snap(d('2026-10-01'), -1)), '2026-09-30');
  assert.equal(formatDay(cal.snap(d('2026-10-10'), 1)), '2026-10-10');
  // One day starting Monday finishes Monday (finish inclusive).
  assert.equal(formatDay(cal.finishOf(d('2026-11-23'), 1)), '2026-11-23');
  assert.equal(formatDay(cal.finishOf(d('2026-11-23'), 5)), '2026-11-27');
  assert.equal(formatDay(cal.finishOf(d('2026-11-23'), 6)), '2026-11-30');
  // 09-29, 09-30, then the holiday, then 10-08, 10-09, 10-10 (Saturday, worked).
  assert.equal(formatDay(cal.finishOf(d('2026-09-29'), 5)), '2026-10-10');
  assert.equal(cal.workingDaysBetween(d('2026-09-29'), d('2026-10-10')), 5);
  assert.equal(cal.workingDaysBetween(d('2026-10-10'), d('2026-10-09')), 0);
});

test('nonWorkingRuns lists the shaded stretches', () => {
  const cal = createWorkCalendar(DAYS_2026);
  const d = (t) => parseDay(t);
  const runs = cal.nonWorkingRuns(d('2026-09-26'), d('2026-10-11')).map(formatDay);
  // 09-26/27 weekend, 10-01..10-07 holiday (10-03/04 are inside it), 10-11 Sunday.
  assert.deepEqual(runs, ['2026-09-26', '2026-09-27', '2026-10-01', '2026-10-07', '2026-10-11', '2026-10-11']);
});
