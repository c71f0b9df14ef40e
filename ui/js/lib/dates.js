// The core sends dates as "YYYY-MM-DD" and timestamps as
// "YYYY-MM-DD HH:MM:SS" (local time). The UI shows dates as 2026-03-05.

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const STAMP_RE = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?/;

export function formatDate(value) {
  if (!value) return '';
  const text = String(value);
  const stamp = STAMP_RE.exec(text);
  if (stamp) return stamp[1];
  return DATE_RE.test(text) ? text : '';
}

export function formatDateTime(value) {
  if (!value) return '';
  const stamp = STAMP_RE.exec(String(value));
  if (stamp) return `${stamp[1]} ${stamp[2]}:${stamp[3]}`;
  return formatDate(value);
}

export function isValidDate(text) {
  const match = DATE_RE.exec(String(text ?? ''));
  if (!match) return false;
  const [year, month, day] = match.slice(1).map(Number);
  if (month < 1 || month > 12 || day < 1) return false;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return day <= daysInMonth;
}
