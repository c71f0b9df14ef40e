// Periods as the core writes them (diaodu-periodic): 2026, 2026-Q1,
// 2026-03, 2026-03-D2 (中旬), 2026-W11 (ISO week), 2026-03-16. Pure
// functions for the period picker; the core checks again and is the
// authority.

import { now as clockNow } from './clock.js';

export const PERIOD_KINDS = [
  { value: 'year', label: '年' },
  { value: 'quarter', label: '季度' },
  { value: 'month', label: '月' },
  { value: 'dekad', label: '旬' },
  { value: 'week', label: '周' },
  { value: 'day', label: '日' },
];

const pad = (n) => String(n).padStart(2, '0');
const DEKADS = ['上旬', '中旬', '下旬'];

function utc(y, m, d) {
  return new Date(Date.UTC(y, m - 1, d));
}

function ymd(date) {
  return { y: date.getUTCFullYear(), m: date.getUTCMonth() + 1, d: date.getUTCDate() };
}

function daysInMonth(y, m) {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

// ISO week of a UTC date: {year, week}.
export function isoWeek(date) {
  const t = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
  const day = (t.getUTCDay() + 6) % 7; // Monday = 0
  t.setUTCDate(t.getUTCDate() - day + 3); // Thursday of this week
  const year = t.getUTCFullYear();
  // The Thursday decides the year; its day of the year the week.
  const week = 1 + Math.floor((t - Date.UTC(year, 0, 1)) / 86400000 / 7);
  return { year, week };
}

function weekMonday(year, week) {
  const jan4 = utc(year, 1, 4);
  const monday = new Date(jan4);
  monday.setUTCDate(jan4.getUTCDate() - ((jan4.getUTCDay() + 6) % 7) + (week - 1) * 7);
  return monday;
}

function weeksIn(year) {
  return isoWeek(utc(year, 12, 28)).week;
}

// Parses a period code: {kind, start, end (UTC dates), parts}, or null.
export function parsePeriod(text) {
  const s = String(text ?? '').trim().toUpperCase();
  let m;
  if ((m = /^(\d{4})$/.exec(s))) {
    const y = +m[1];
    return { kind: 'year', y, start: utc(y, 1, 1), end: utc(y, 12, 31) };
  }
  if ((m = /^(\d{4})-Q([1-4])$/.exec(s))) {
    const [y, q] = [+m[1], +m[2]];
    return { kind: 'quarter', y, q, start: utc(y, q * 3 - 2, 1), end: utc(y, q * 3, daysInMonth(y, q * 3)) };
  }
  if ((m = /^(\d{4})-(\d{2})$/.exec(s))) {
    const [y, mo] = [+m[1], +m[2]];
    if (mo < 1 || mo > 12) return null;
    return { kind: 'month', y, m: mo, start: utc(y, mo, 1), end: utc(y, mo, daysInMonth(y, mo)) };
  }
  if ((m = /^(\d{4})-(\d{2})-D([1-3])$/.exec(s))) {
    const [y, mo, k] = [+m[1], +m[2], +m[3]];
    if (mo < 1 || mo > 12) return null;
    return { kind: 'dekad', y, m: mo, k, start: utc(y, mo, k * 10 - 9), end: utc(y, mo, k === 3 ? daysInMonth(y, mo) : k * 10) };
  }
  if ((m = /^(\d{4})-W(\d{2})$/.exec(s))) {
    const [y, w] = [+m[1], +m[2]];
    if (w < 1 || w > weeksIn(y)) return null;
    const start = weekMonday(y, w);
    const end = new Date(start);
    end.setUTCDate(start.getUTCDate() + 6);
    return { kind: 'week', y, w, start, end };
  }
  if ((m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s))) {
    const [y, mo, d] = [+m[1], +m[2], +m[3]];
    if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) return null;
    return { kind: 'day', y, m: mo, d, start: utc(y, mo, d), end: utc(y, mo, d) };
  }
  return null;
}

export function isValidPeriod(text) {
  const p = parsePeriod(text);
  return p !== null && p.y >= 1900 && p.y <= 2200;
}

// The period of `kind` containing a UTC date.
export function periodOf(kind, date) {
  const { y, m, d } = ymd(date);
  switch (kind) {
    case 'year':
      return `${y}`;
    case 'quarter':
      return `${y}-Q${Math.floor((m - 1) / 3) + 1}`;
    case 'dekad':
      return `${y}-${pad(m)}-D${Math.min(3, Math.floor((d - 1) / 10) + 1)}`;
    case 'week': {
      const w = isoWeek(date);
      return `${w.year}-W${pad(w.week)}`;
    }
    case 'day':
      return `${y}-${pad(m)}-${pad(d)}`;
    default:
      return `${y}-${pad(m)}`;
  }
}

// Today as a UTC date of the local calendar day.
export function today(now = clockNow()) {
  return utc(now.getFullYear(), now.getMonth() + 1, now.getDate());
}

export function currentPeriod(kind, now = clockNow()) {
  return periodOf(kind, today(now));
}

// The next (+1) or previous (-1) period of the same kind.
export function shiftPeriod(code, delta) {
  const p = parsePeriod(code);
  if (!p) return code;
  const from = delta > 0 ? new Date(p.end) : new Date(p.start);
  from.setUTCDate(from.getUTCDate() + (delta > 0 ? 1 : -1));
  return periodOf(p.kind, from);
}

// 2026年 / 2026年第1季度 / 2026年3月 / 2026年3月中旬 / 2026年第11周（3月9日—3月15日） / 2026年3月16日
export function periodLabel(code) {
  const p = parsePeriod(code);
  if (!p) return String(code ?? '');
  const md = (date) => `${date.getUTCMonth() + 1}月${date.getUTCDate()}日`;
  switch (p.kind) {
    case 'year':
      return `${p.y}年`;
    case 'quarter':
      return `${p.y}年第${p.q}季度`;
    case 'month':
      return `${p.y}年${p.m}月`;
    case 'dekad':
      return `${p.y}年${p.m}月${DEKADS[p.k - 1]}`;
    case 'week':
      return `${p.y}年第${p.w}周（${md(p.start)}—${md(p.end)}）`;
    default:
      return `${p.y}年${p.m}月${p.d}日`;
  }
}

export function periodKind(code) {
  return parsePeriod(code)?.kind ?? null;
}

// The core's message when a typed period cannot be read.
export const PERIOD_HINT = '如 2026-03（月）、2026-03-D2（中旬）、2026-W11（周）、2026-Q1（季度）、2026（年）、2026-03-16（日）';
