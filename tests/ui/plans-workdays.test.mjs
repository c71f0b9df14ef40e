// lib/workdays.js: the weekend rule, statutory and override days, the year's month grids.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  dayKind,
  describeDay,
  indexSpecialDays,
  monthGrid,
  yearCalendar,
  yearChoices,
  hasStatutoryData,
  countWorkingDays,
  isWeekendDate,
  chineseDate,
  dayTitle,
  shiftDate,
  shiftMonth,
  monthNotes,
  parseIsoDate,
  isLeapYear,
} from '../../ui/js/lib/workdays.js';

// 2026's notice as the core sends it: the holiday runs (weekend days included) and the make-up days.
function days2026() {
  const out = [];
  const run = (name, from, to) => {
    for (let d = new Date(`${from}T00:00:00Z`); d <= new Date(`${to}T00:00:00Z`); d.setUTCDate(d.getUTCDate() + 1)) {
      out.push({ date: d.toISOString().slice(0, 10), working: false, name, source: 'statutory' });
    }
  };
  const work = (name, date) => out.push({ date, working: true, name, source: 'statutory' });
  run('元旦', '2026-01-01', '2026-01-03');
  work('元旦', '2026-01-04');
  work('春节', '2026-02-14');
  run('春节', '2026-02-15', '2026-02-23');
  work('春节', '2026-02-28');
  run('清明节', '2026-04-04', '2026-04-06');
  run('劳动节', '2026-05-01', '2026-05-05');
  work('劳动节', '2026-05-09');
  run('端午节', '2026-06-19', '2026-06-21');
  work('国庆节', '2026-09-20');
  run('中秋节', '2026-09-25', '2026-09-27');
  run('国庆节', '2026-10-01', '2026-10-07');
  work('国庆节', '2026-10-10');
  return out;
}

test('the weekend rule: Monday to Friday work, Saturday and Sunday off', () => {
  assert.equal(isWeekendDate('2026-11-28'), true); // Saturday
  assert.equal(isWeekendDate('2026-11-29'), true); // Sunday
  assert.equal(isWeekendDate('2026-11-30'), false); // Monday
  assert.equal(isWeekendDate('not a date'), false);
  assert.equal(describeDay('2026-11-27', new Map()).kind, 'workday');
  assert.equal(describeDay('2026-11-28', new Map()).kind, 'weekend');
  assert.equal(describeDay('2026-11-28', new Map()).working, false);
});

test('day kinds from the special days', () => {
  assert.equal(dayKind({ weekend: false }), 'workday');
  assert.equal(dayKind({ weekend: true }), 'weekend');
  assert.equal(dayKind({ weekend: false, special: { working: false, source: 'statutory' } }), 'holiday');
  assert.equal(dayKind({ weekend: true, special: { working: false, source: 'statutory' } }), 'holiday');
  assert.equal(dayKind({ weekend: true, special: { working: true, source: 'statutory' } }), 'makeup');
  assert.equal(dayKind({ weekend: true, special: { working: true, source: 'override' } }), 'makeup');
  assert.equal(dayKind({ weekend: false, special: { working: false, source: 'override' } }), 'closure');
  assert.equal(dayKind({ weekend: false, special: { working: true, source: 'override' } }), 'workday');
});

test('2026: 春节 off, its Saturdays worked, 248 working days', () => {
  const cal = yearCalendar(2026, days2026());
  const map = cal.specialMap;
  const spring = describeDay('2026-02-17', map);
  assert.equal(spring.kind, 'holiday');
  assert.equal(spring.name, '春节');
  assert.equal(spring.working, false);
  assert.equal(describeDay('2026-02-14', map).kind, 'makeup'); // Saturday worked
  assert.equal(describeDay('2026-02-14', map).working, true);
  assert.equal(describeDay('2026-02-24', map).kind, 'workday');
  // Hand count: 261 weekdays − 19 weekday holidays + 6 make-up days.
  assert.equal(cal.totals.working, 248);
  assert.equal(cal.totals.makeup, 6);
  assert.equal(cal.totals.days, 365);
  assert.equal(cal.hasStatutory, true);
  assert.equal(cal.months[1].working, 16); // February
  assert.equal(cal.months.length, 12);
});

test('a mine non-working day is a closure and counts as off', () => {
  const days = [...days2026(), { date: '2026-07-15', working: false, name: '矿庆日', source: 'override' }];
  const cal = yearCalendar(2026, days);
  const day = describeDay('2026-07-15', cal.specialMap);
  assert.equal(day.kind, 'closure');
  assert.equal(day.source, 'override');
  assert.equal(cal.totals.working, 247);
  assert.equal(cal.totals.closure, 1);
  assert.equal(cal.totals.overrides, 1);
  assert.match(dayTitle(day), /^2026年7月15日 星期三 · 矿庆日（自定休息日） · 本单位录入$/);
});

test('an override wins over the statutory entry for the same day', () => {
  const map = indexSpecialDays([
    { date: '2026-10-08', working: true, name: '检修调班', source: 'override' },
    { date: '2026-10-08', working: false, name: '国庆节', source: 'statutory' },
  ]);
  assert.equal(map.get('2026-10-08').source, 'override');
  assert.equal(describeDay('2026-10-08', map).kind, 'workday');
});

test('days of other years are ignored (a holiday run may start in December before)', () => {
  const cal = yearCalendar(2019, [
    { date: '2018-12-30', working: false, name: '元旦', source: 'statutory' },
    { date: '2019-01-01', working: false, name: '元旦', source: 'statutory' },
  ]);
  assert.equal(cal.specialMap.has('2018-12-30'), false);
  assert.equal(cal.totals.holiday, 1);
});

test('a year with no statutory data (next year before the December notice)', () => {
  const cal = yearCalendar(2027, []);
  assert.equal(cal.hasStatutory, false);
  assert.equal(cal.totals.working, 261); // 2027: 365 days, 104 weekend days
  assert.equal(hasStatutoryData([{ date: '2027-07-15', working: false, name: '矿庆日', source: 'override' }], 2027), false);
  assert.equal(hasStatutoryData(days2026(), 2026), true);
  assert.equal(hasStatutoryData(days2026(), 2027), false);
});

test('month grids start on Monday and pad with nulls', () => {
  const feb = monthGrid(2026, 2, new Map()); // 1 February 2026 is a Sunday
  assert.equal(feb.weeks[0].length, 7);
  assert.deepEqual(feb.weeks[0].slice(0, 6), [null, null, null, null, null, null]);
  assert.equal(feb.weeks[0][6].day, 1);
  assert.equal(feb.days, 28);
  assert.equal(feb.working, 20);
  const jun = monthGrid(2026, 6, new Map()); // 1 June 2026 is a Monday
  assert.equal(jun.weeks[0][0].day, 1);
  assert.ok(jun.weeks.every((w) => w.length === 7));
  assert.equal(monthGrid(2024, 2, new Map()).days, 29);
  assert.equal(isLeapYear(2024), true);
  assert.equal(isLeapYear(2100), false);
});

test('month notes join the runs of a holiday', () => {
  const cal = yearCalendar(2026, days2026());
  const feb = monthNotes(cal.months[1]);
  assert.deepEqual(
    feb.map((r) => [r.from, r.to, r.name, r.kind]),
    [
      [14, 14, '春节', 'makeup'],
      [15, 23, '春节', 'holiday'],
      [28, 28, '春节', 'makeup'],
    ],
  );
  assert.deepEqual(monthNotes(cal.months[7]), []); // August: nothing special
});

test('working days between two dates, both inclusive', () => {
  const map = indexSpecialDays(days2026());
  assert.equal(countWorkingDays('2026-02-09', '2026-02-13', map), 5);
  assert.equal(countWorkingDays('2026-02-14', '2026-02-24', map), 2); // the Saturday and the 24th
  assert.equal(countWorkingDays('2026-03-02', '2026-03-02', map), 1);
  assert.equal(countWorkingDays('2026-03-03', '2026-03-02', map), 0);
});

test('year choices run from 2018 to next year', () => {
  const years = yearChoices(2026);
  assert.equal(years[0], 2018);
  assert.equal(years[years.length - 1], 2027);
  assert.equal(years.length, 10);
  assert.deepEqual(yearChoices(2026, { selected: 2030 }).slice(-2), [2027, 2030]);
});

test('dates in Chinese and keyboard moves stay in the year', () => {
  assert.equal(chineseDate('2026-03-05'), '2026年3月5日');
  assert.equal(chineseDate('2026-02-30'), '');
  assert.equal(parseIsoDate('2026-02-29'), null);
  assert.equal(shiftDate('2026-02-28', 1), '2026-03-01');
  assert.equal(shiftDate('2026-12-30', 7), '2026-12-31');
  assert.equal(shiftDate('2026-01-03', -7), '2026-01-01');
  assert.equal(shiftMonth('2026-01-31', 1), '2026-02-28');
  assert.equal(shiftMonth('2026-12-15', 1), '2026-12-15');
});

// The reference data (tests/data/holiday-cn, one JSON per year, from NateScarlet/holiday-cn):
// every listed day is classified as the notice says, and the year's count of
// working days matches a plain day-by-day count.
const REFERENCE = resolve(dirname(fileURLToPath(import.meta.url)), '../data/holiday-cn');
test('classification matches the reference data 2018–2027', () => {
  for (let year = 2018; year <= 2027; year++) {
    // Every year's file is in the repository: a missing one is a failure, not a skip.
    const file = join(REFERENCE, `${year}.json`);
    assert.ok(existsSync(file), `reference file ${file}`);
    const ref = JSON.parse(readFileSync(file, 'utf8'));
    const days = ref.days.map((d) => ({ date: d.date, working: !d.isOffDay, name: d.name, source: 'statutory' }));
    const cal = yearCalendar(year, days);
    const off = new Set(ref.days.filter((d) => d.isOffDay).map((d) => d.date));
    const on = new Set(ref.days.filter((d) => !d.isOffDay).map((d) => d.date));
    let expected = 0;
    for (let d = new Date(Date.UTC(year, 0, 1)); d.getUTCFullYear() === year; d.setUTCDate(d.getUTCDate() + 1)) {
      const iso = d.toISOString().slice(0, 10);
      const weekend = d.getUTCDay() === 0 || d.getUTCDay() === 6;
      const working = on.has(iso) || (!off.has(iso) && !weekend);
      if (working) expected++;
      const info = describeDay(iso, cal.specialMap);
      assert.equal(info.working, working, `${iso} working`);
      if (off.has(iso)) assert.equal(info.kind, 'holiday', `${iso} is a holiday`);
      if (on.has(iso)) assert.equal(info.kind, weekend ? 'makeup' : 'workday', `${iso} is worked`);
    }
    assert.equal(cal.totals.working, expected, `${year} working days`);
    assert.equal(cal.hasStatutory, ref.days.some((d) => d.date.startsWith(`${year}-`)), `${year} has statutory data`);
  }
});
