// Calendar dates as whole day numbers (days since 1970-01-01), so the chart
// can keep dates in typed arrays and do date arithmetic with + and -. No Date
// objects and no time zones: the core sends plain "YYYY-MM-DD" dates.

export const NO_DAY = -2147483648; // "no date" in an Int32Array

// Howard Hinnant's days_from_civil / civil_from_days.
export function dayFromCivil(y, m, d) {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const mp = (m + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

export function civil(day) {
  const z = day + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return { y: yoe + era * 400 + (m <= 2 ? 1 : 0), m, d };
}

const ZERO = 48;

// "YYYY-MM-DD" → day number; anything else → NO_DAY. Hand-parsed: the
// chart parses tens of thousands of dates on every load.
export function parseDay(text) {
  if (typeof text !== 'string' || text.length < 10 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45) return NO_DAY;
  const y = (text.charCodeAt(0) - ZERO) * 1000 + (text.charCodeAt(1) - ZERO) * 100 + (text.charCodeAt(2) - ZERO) * 10 + (text.charCodeAt(3) - ZERO);
  const m = (text.charCodeAt(5) - ZERO) * 10 + (text.charCodeAt(6) - ZERO);
  const d = (text.charCodeAt(8) - ZERO) * 10 + (text.charCodeAt(9) - ZERO);
  if (!(y >= 0 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m))) return NO_DAY;
  return dayFromCivil(y, m, d);
}

const pad2 = (n) => (n < 10 ? `0${n}` : String(n));

export function formatDay(day) {
  if (day === NO_DAY || !Number.isFinite(day)) return '';
  const { y, m, d } = civil(day);
  return `${y}-${pad2(m)}-${pad2(d)}`;
}

export function isLeapYear(y) {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

export function daysInMonth(y, m) {
  if (m === 2) return isLeapYear(y) ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

// 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday).
export function weekday(day) {
  return (((day + 4) % 7) + 7) % 7;
}

export const WEEKDAY_LABELS = ['日', '一', '二', '三', '四', '五', '六'];

export function isWeekend(day) {
  const w = weekday(day);
  return w === 0 || w === 6;
}

// "2026年11月26日 星期四"
export function longDate(day) {
  if (day === NO_DAY) return '';
  const { y, m, d } = civil(day);
  return `${y}年${m}月${d}日`;
}

export function longDateWithWeekday(day) {
  if (day === NO_DAY) return '';
  return `${longDate(day)} 星期${WEEKDAY_LABELS[weekday(day)]}`;
}
