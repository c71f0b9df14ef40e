// The time scale: zoom levels, their two-tier headers in Chinese, and the
// arithmetic between day numbers and pixels. Pure: the caller draws.

import { civil, dayFromCivil, daysInMonth, weekday } from './days.js';

// pxPerDay is chosen so the bottom tier's cells are wide enough for their
// labels: a day 26 px, a week 77 px, a dekad about 48 px, a month about
// 70 px, a quarter about 92 px, a half-year about 110 px.
export const ZOOMS = [
  { id: 'day', label: '日', pxPerDay: 26, top: 'month', bottom: 'day' },
  { id: 'week', label: '周', pxPerDay: 11, top: 'month', bottom: 'week' },
  { id: 'dekad', label: '旬', pxPerDay: 4.8, top: 'month', bottom: 'dekad' },
  { id: 'month', label: '月', pxPerDay: 2.3, top: 'year', bottom: 'month' },
  { id: 'quarter', label: '季', pxPerDay: 1, top: 'year', bottom: 'quarter' },
  { id: 'year', label: '年', pxPerDay: 0.6, top: 'year', bottom: 'half' },
];

export function zoomById(id) {
  return ZOOMS.find((z) => z.id === id) ?? ZOOMS[1];
}

export function zoomStep(id, step) {
  const index = ZOOMS.findIndex((z) => z.id === id);
  const next = Math.min(ZOOMS.length - 1, Math.max(0, (index < 0 ? 1 : index) + step));
  return ZOOMS[next].id;
}

// ---------- units ----------

function weekStart(day) {
  return day - ((weekday(day) + 6) % 7); // Monday
}

function dekadOf(d) {
  return d <= 10 ? 0 : d <= 20 ? 1 : 2;
}

const DEKAD_FIRST = [1, 11, 21];
const DEKAD_LABELS = ['上旬', '中旬', '下旬'];
const QUARTER_LABELS = ['一季度', '二季度', '三季度', '四季度'];

// Start of the unit that contains `day`.
export function unitStart(unit, day) {
  if (unit === 'day') return day;
  if (unit === 'week') return weekStart(day);
  const { y, m, d } = civil(day);
  switch (unit) {
    case 'dekad':
      return dayFromCivil(y, m, DEKAD_FIRST[dekadOf(d)]);
    case 'month':
      return dayFromCivil(y, m, 1);
    case 'quarter':
      return dayFromCivil(y, m - ((m - 1) % 3), 1);
    case 'half':
      return dayFromCivil(y, m <= 6 ? 1 : 7, 1);
    case 'year':
      return dayFromCivil(y, 1, 1);
    default:
      throw new Error(`unknown unit ${unit}`);
  }
}

// Start of the unit after the one that starts at `start`.
export function unitNext(unit, start) {
  if (unit === 'day') return start + 1;
  if (unit === 'week') return start + 7;
  const { y, m, d } = civil(start);
  const addMonths = (n) => {
    const total = y * 12 + (m - 1) + n;
    return dayFromCivil(Math.floor(total / 12), (total % 12) + 1, 1);
  };
  switch (unit) {
    case 'dekad':
      return d < 21 ? start + 10 : addMonths(1);
    case 'month':
      return addMonths(1);
    case 'quarter':
      return addMonths(3);
    case 'half':
      return addMonths(6);
    case 'year':
      return dayFromCivil(y + 1, 1, 1);
    default:
      throw new Error(`unknown unit ${unit}`);
  }
}

// Labels: long first, then shorter ones the header may fall back to when a
// cell is too narrow.
export function unitLabels(unit, start) {
  const { y, m, d } = civil(start);
  switch (unit) {
    case 'day':
      return [String(d)];
    case 'week': {
      const end = civil(start + 6);
      return [`${m}/${d}–${end.m === m ? end.d : `${end.m}/${end.d}`}`, `${m}/${d}`, String(d)];
    }
    case 'dekad':
      return [DEKAD_LABELS[dekadOf(d)], DEKAD_LABELS[dekadOf(d)].slice(0, 1)];
    case 'month':
      return [`${m}月`, String(m)];
    case 'quarter':
      return [QUARTER_LABELS[Math.floor((m - 1) / 3)], `Q${Math.floor((m - 1) / 3) + 1}`];
    case 'half':
      return [m <= 6 ? '上半年' : '下半年', m <= 6 ? '上' : '下'];
    case 'year':
      return [`${y}年`, String(y), `${String(y).slice(2)}`];
    default:
      return [''];
  }
}

// Labels of the top tier (which names the period the bottom tier divides).
export function topLabels(unit, start) {
  const { y, m } = civil(start);
  if (unit === 'month') return [`${y}年${m}月`, `${y}.${m}`, `${m}月`];
  return unitLabels(unit, start);
}

// The cells of one tier that overlap [fromDay, toDay]:
// [{start, end (exclusive), labels}].
export function tierCells(unit, fromDay, toDay, top = false) {
  const cells = [];
  let start = unitStart(unit, fromDay);
  // A guard against a runaway loop on absurd input.
  for (let i = 0; start <= toDay && i < 20000; i++) {
    const end = unitNext(unit, start);
    cells.push({ start, end, labels: top ? topLabels(unit, start) : unitLabels(unit, start) });
    start = end;
  }
  return cells;
}

export function headerCells(zoomId, fromDay, toDay) {
  const zoom = zoomById(zoomId);
  return { top: tierCells(zoom.top, fromDay, toDay, true), bottom: tierCells(zoom.bottom, fromDay, toDay) };
}

// ---------- pixels ----------

// The range of days a chart scrolls over: from a little before the first
// date to a little after the last, whole months, always including today.
export function timelineExtent(first, last, today) {
  let from = Math.min(first, today);
  let to = Math.max(last, today);
  const a = civil(from);
  from = dayFromCivil(a.y, a.m, 1);
  from = unitStart('month', from - 1); // one month before
  const b = civil(to);
  to = dayFromCivil(b.y, b.m, daysInMonth(b.y, b.m));
  to = unitNext('month', unitNext('month', to + 1)) - 1; // two months after
  return { from, to };
}

// The scrollLeft that keeps the day under `anchorX` (px from the viewport's
// left edge) where it is when the scale changes from oldPx to newPx per day.
export function zoomScrollLeft(scrollLeft, anchorX, oldPx, newPx) {
  const dayOffset = (scrollLeft + anchorX) / oldPx;
  return Math.max(0, dayOffset * newPx - anchorX);
}

// Visible items of a list of fixed-size items: [first, last] inclusive,
// widened by `overscan` on both sides, clamped; [0, -1] when empty.
export function visibleRange(scroll, viewport, itemSize, count, overscan = 0) {
  if (count <= 0 || viewport <= 0) return [0, -1];
  const first = Math.max(0, Math.floor(scroll / itemSize) - overscan);
  const last = Math.min(count - 1, Math.ceil((scroll + viewport) / itemSize) - 1 + overscan);
  return [Math.min(first, count - 1), Math.max(last, Math.min(first, count - 1))];
}

// Days at least partly visible: [firstDay, lastDay].
export function visibleDays(origin, scrollLeft, width, pxPerDay) {
  const first = origin + Math.floor(scrollLeft / pxPerDay);
  const last = origin + Math.ceil((scrollLeft + width) / pxPerDay);
  return [first, last];
}
