// Pure helpers of the assessment and duty pages (no DOM): periods as the
// office writes them (2026-03, 2026-Q1, 2026), the month grid of the duty
// roster, points and minutes as text.

import { now as clockNow } from './clock.js';

const MONTH = /^(\d{4})-(\d{2})$/;
const QUARTER = /^(\d{4})-[Qq]([1-4])$/;
const YEAR = /^(\d{4})$/;

// {kind: month|quarter|year, year, index} or null.
export function parsePeriod(text) {
  const t = String(text ?? '').trim();
  let m = MONTH.exec(t);
  if (m) {
    const month = Number(m[2]);
    return month >= 1 && month <= 12 ? { kind: 'month', year: Number(m[1]), index: month } : null;
  }
  m = QUARTER.exec(t);
  if (m) return { kind: 'quarter', year: Number(m[1]), index: Number(m[2]) };
  m = YEAR.exec(t);
  if (m) return { kind: 'year', year: Number(m[1]), index: 0 };
  return null;
}

export function periodCode(p) {
  if (p.kind === 'month') return `${p.year}-${String(p.index).padStart(2, '0')}`;
  if (p.kind === 'quarter') return `${p.year}-Q${p.index}`;
  return String(p.year);
}

const QN = ['一', '二', '三', '四'];
export function periodLabel(text) {
  const p = parsePeriod(text);
  if (!p) return String(text ?? '');
  if (p.kind === 'month') return `${p.year}年${p.index}月`;
  if (p.kind === 'quarter') return `${p.year}年第${QN[p.index - 1]}季度`;
  return `${p.year}年度`;
}

// The period `delta` steps before or after, of the same kind.
export function stepPeriod(text, delta) {
  const p = parsePeriod(text);
  if (!p) return text;
  if (p.kind === 'year') return String(p.year + delta);
  const per = p.kind === 'month' ? 12 : 4;
  const k = p.year * per + (p.index - 1) + delta;
  return periodCode({ kind: p.kind, year: Math.floor(k / per), index: (k % per) + 1 });
}

export function periodError(text) {
  if (String(text ?? '').trim() === '') return '请填写考核期间';
  return parsePeriod(text) ? null : '格式应为 2026-03（月）、2026-Q1（季）或 2026（年）';
}

export function currentMonth(now = clockNow()) {
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}`;
}

// The month grid: weeks Monday first, each day {date, day} or null.
export function monthGrid(month) {
  const p = parsePeriod(month);
  if (!p || p.kind !== 'month') return [];
  const days = new Date(Date.UTC(p.year, p.index, 0)).getUTCDate();
  const first = (new Date(Date.UTC(p.year, p.index - 1, 1)).getUTCDay() + 6) % 7;
  const cells = Array.from({ length: first }, () => null);
  for (let d = 1; d <= days; d += 1) {
    cells.push({ date: `${month}-${String(d).padStart(2, '0')}`, day: d });
  }
  while (cells.length % 7 !== 0) cells.push(null);
  const weeks = [];
  for (let i = 0; i < cells.length; i += 7) weeks.push(cells.slice(i, i + 7));
  return weeks;
}

// 2 → "+2", -0.5 → "-0.5", 0 → "0".
export function signedPoints(x) {
  const n = Number(x);
  if (!Number.isFinite(n) || n === 0) return '0';
  const t = String(Math.round(n * 100) / 100);
  return n > 0 ? `+${t}` : t;
}

export function pointsError(text, { signed = false } = {}) {
  const t = String(text ?? '').trim();
  if (t === '') return signed ? '请填写调整分值（加分为正，扣分为负）' : '请填写分值';
  if (!/^[+-]?\d+(\.\d)?$/.test(t)) return '分值应为数字，最多一位小数';
  const n = Number(t);
  if (signed ? n === 0 || Math.abs(n) > 100 : n <= 0 || n > 100) return signed ? '调整分值应在-100到100之间且不为0' : '分值应在0.1到100之间';
  return null;
}

// "2026-03-05 9:30" / "2026-03-05T09:30" → "2026-03-05 09:30", or null.
export function normalizeTime(text) {
  const m = /^(\d{4}-\d{2}-\d{2})[ T](\d{1,2}):(\d{2})$/.exec(String(text ?? '').trim());
  if (!m) return null;
  const hour = Number(m[2]);
  const minute = Number(m[3]);
  if (hour > 23 || minute > 59) return null;
  return `${m[1]} ${String(hour).padStart(2, '0')}:${m[3]}`;
}

export function nowText(now = clockNow()) {
  const p = (n) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())} ${p(now.getHours())}:${p(now.getMinutes())}`;
}

// Status bar text for who is on duty now.
export function dutyText(duty) {
  if (!duty) return '';
  const parts = [];
  parts.push(duty.leader ? `带班领导 ${duty.leader.name}` : '带班领导 未安排');
  parts.push(duty.dispatcher ? `调度员 ${duty.dispatcher.name}（${duty.dispatcher.label}）` : '调度员 未安排');
  return parts.join(' · ');
}
