// The working calendar, free of DOM: which days are worked, laid out as a
// year of month grids. The core only sends the days that differ from (or are
// named beyond) the weekend rule — statutory holidays, make-up working days
// (调休上班) and the office's own overrides; every other day follows the rule:
// Monday to Friday are working days, Saturday and Sunday are not.
//
// A day's kind, used for its style and its legend entry:
//   workday   an ordinary working day (or a weekday an override keeps working)
//   weekend   Saturday or Sunday under the rule
//   holiday   a statutory day off (法定节假日), weekend days of the run included
//   makeup    a Saturday or Sunday that is worked (调休上班)
//   closure   a day off the office set itself (本矿休息日, or a holiday typed
//             in before the built-in data has it)

export const WEEKDAY_NAMES = ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六'];
// Column heads of a month grid, Monday first so the weekend sits together at the right.
export const WEEK_HEADS = ['一', '二', '三', '四', '五', '六', '日'];

export const DAY_KINDS = {
  workday: '工作日',
  weekend: '周末休息',
  holiday: '法定节假日',
  makeup: '调休上班',
  closure: '自定休息日',
};

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const pad = (n) => String(n).padStart(2, '0');

export function isoDate(year, month, day) {
  return `${year}-${pad(month)}-${pad(day)}`;
}

export function parseIsoDate(text) {
  const match = DATE_RE.exec(String(text ?? ''));
  if (!match) return null;
  const [year, month, day] = match.slice(1).map(Number);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return { year, month, day };
}

export function daysInMonth(year, month) {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

// 0 = Sunday … 6 = Saturday, as Date#getDay.
export function weekdayOf(year, month, day) {
  return new Date(Date.UTC(year, month - 1, day)).getUTCDay();
}

export function isWeekendDate(text) {
  const d = parseIsoDate(text);
  if (!d) return false;
  const wd = weekdayOf(d.year, d.month, d.day);
  return wd === 0 || wd === 6;
}

export function isLeapYear(year) {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

// special: one entry of list_calendar_days, or undefined for a plain day.
export function dayKind({ weekend, special }) {
  if (!special) return weekend ? 'weekend' : 'workday';
  if (special.working) return weekend ? 'makeup' : 'workday';
  return special.source === 'override' ? 'closure' : 'holiday';
}

export function isWorkingKind(kind) {
  return kind === 'workday' || kind === 'makeup';
}

// days: the list from list_calendar_days; entries of other years are ignored
// (a notice's holiday may start in late December of the year before).
export function indexSpecialDays(days, year = null) {
  const map = new Map();
  for (const day of days ?? []) {
    if (!day || !parseIsoDate(day.date)) continue;
    if (year !== null && Number(day.date.slice(0, 4)) !== Number(year)) continue;
    // Should both a statutory entry and an override arrive for a day, the override wins (as in the core).
    const known = map.get(day.date);
    if (known && known.source === 'override' && day.source !== 'override') continue;
    map.set(day.date, day);
  }
  return map;
}

export function describeDay(text, specialMap) {
  const d = parseIsoDate(text);
  if (!d) return null;
  const weekdayIndex = weekdayOf(d.year, d.month, d.day);
  const weekend = weekdayIndex === 0 || weekdayIndex === 6;
  const special = specialMap ? specialMap.get(text) : undefined;
  const kind = dayKind({ weekend, special });
  return {
    date: text,
    ...d,
    weekday: weekdayIndex,
    weekdayName: WEEKDAY_NAMES[weekdayIndex],
    weekend,
    kind,
    kindLabel: DAY_KINDS[kind],
    working: isWorkingKind(kind),
    name: special ? special.name ?? '' : '',
    source: special ? special.source ?? null : null,
    special: Boolean(special),
  };
}

// One month as weeks of seven cells (Monday first); cells outside the month are null.
export function monthGrid(year, month, specialMap) {
  const count = daysInMonth(year, month);
  const lead = (weekdayOf(year, month, 1) + 6) % 7; // Monday = 0
  const cells = Array.from({ length: lead }, () => null);
  let working = 0;
  for (let day = 1; day <= count; day++) {
    const info = describeDay(isoDate(year, month, day), specialMap);
    if (info.working) working++;
    cells.push(info);
  }
  while (cells.length % 7 !== 0) cells.push(null);
  const weeks = [];
  for (let i = 0; i < cells.length; i += 7) weeks.push(cells.slice(i, i + 7));
  return { year, month, weeks, days: count, working, off: count - working };
}

// The whole year: twelve month grids and the year's totals.
export function yearCalendar(year, days) {
  const y = Number(year);
  const specialMap = indexSpecialDays(days, y);
  const months = [];
  const totals = { days: 0, working: 0, off: 0, holiday: 0, makeup: 0, closure: 0, overrides: 0 };
  for (let month = 1; month <= 12; month++) {
    const grid = monthGrid(y, month, specialMap);
    months.push(grid);
    totals.days += grid.days;
    totals.working += grid.working;
    totals.off += grid.off;
    for (const week of grid.weeks) {
      for (const cell of week) {
        if (!cell) continue;
        if (cell.kind === 'holiday' || cell.kind === 'makeup' || cell.kind === 'closure') totals[cell.kind]++;
        if (cell.source === 'override') totals.overrides++;
      }
    }
  }
  return { year: y, months, totals, hasStatutory: hasStatutoryData(days, y), specialMap };
}

// Whether the core carries the State Council's notice for the year.
export function hasStatutoryData(days, year) {
  return (days ?? []).some((d) => d && d.source === 'statutory' && String(d.date).startsWith(`${year}-`));
}

// The year selector: 2018 (the first year with built-in data) to next year.
export function yearChoices(currentYear, { first = 2018, selected = null } = {}) {
  const last = Math.max(first, currentYear + 1);
  const years = [];
  for (let y = first; y <= last; y++) years.push(y);
  if (selected !== null && !years.includes(selected)) {
    years.push(selected);
    years.sort((a, b) => a - b);
  }
  return years;
}

// Working days from `from` to `to`, both inclusive.
export function countWorkingDays(from, to, specialMap) {
  const a = parseIsoDate(from);
  const b = parseIsoDate(to);
  if (!a || !b) return 0;
  let n = 0;
  const cursor = new Date(Date.UTC(a.year, a.month - 1, a.day));
  const end = Date.UTC(b.year, b.month - 1, b.day);
  while (cursor.getTime() <= end) {
    const text = isoDate(cursor.getUTCFullYear(), cursor.getUTCMonth() + 1, cursor.getUTCDate());
    if (describeDay(text, specialMap).working) n++;
    cursor.setUTCDate(cursor.getUTCDate() + 1);
  }
  return n;
}

// 2026年2月17日
export function chineseDate(text) {
  const d = parseIsoDate(text);
  return d ? `${d.year}年${d.month}月${d.day}日` : '';
}

// What a day is, in one line: "2026年2月17日 星期二 · 春节（法定节假日）".
export function dayTitle(info) {
  if (!info) return '';
  const what = info.name ? `${info.name}（${info.kindLabel}）` : info.kindLabel;
  const mark = info.source === 'override' ? ' · 本单位录入' : '';
  return `${chineseDate(info.date)} ${info.weekdayName} · ${what}${mark}`;
}

// Moving the keyboard focus in the year view: by days and weeks, clamped to the year.
export function shiftDate(text, days) {
  const d = parseIsoDate(text);
  if (!d) return text;
  const t = new Date(Date.UTC(d.year, d.month - 1, d.day + days));
  const year = t.getUTCFullYear();
  if (year !== d.year) return days < 0 ? isoDate(d.year, 1, 1) : isoDate(d.year, 12, 31);
  return isoDate(year, t.getUTCMonth() + 1, t.getUTCDate());
}

export function shiftMonth(text, months) {
  const d = parseIsoDate(text);
  if (!d) return text;
  const month = Math.min(12, Math.max(1, d.month + months));
  return isoDate(d.year, month, Math.min(d.day, daysInMonth(d.year, month)));
}

// The named days of a month grouped into runs for the list under the month:
// [{from, to, name, kind, source}] with consecutive days of the same name,
// kind and source joined (a holiday's run, a pair of make-up days is two runs
// unless adjacent).
export function monthNotes(grid) {
  const runs = [];
  for (const week of grid.weeks) {
    for (const cell of week) {
      if (!cell || !cell.special) continue;
      const last = runs[runs.length - 1];
      if (last && last.to + 1 === cell.day && last.name === cell.name && last.kind === cell.kind && last.source === cell.source) {
        last.to = cell.day;
      } else {
        runs.push({ from: cell.day, to: cell.day, name: cell.name, kind: cell.kind, source: cell.source });
      }
    }
  }
  return runs;
}
