// What day it is for the window: the core's "today" (app_info.today), so that
// the dates the window suggests and checks agree with the due lights, periods
// and numbers the core computes, also when the app runs on a fixed day
// (`--today`). The time of day still comes from this computer's clock.

const DAY_MS = 86_400_000;
const ISO_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

// Whole days between the core's today and this clock's local date.
let shiftDays = 0;

/** Take today from the core (`YYYY-MM-DD`); anything else leaves the local clock. */
export function setCoreToday(iso, real = new Date()) {
  const m = ISO_RE.exec(String(iso ?? ''));
  if (!m) return;
  const core = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  const local = Date.UTC(real.getFullYear(), real.getMonth(), real.getDate());
  shiftDays = Math.round((core - local) / DAY_MS);
}

/** Now, on the core's day. */
export function now() {
  const real = new Date();
  if (!shiftDays) return real;
  // Through the calendar fields, so a clock change never shifts the hour.
  const d = new Date(real);
  d.setDate(d.getDate() + shiftDays);
  return d;
}

/** The local date of `at` (default: the core's today) as YYYY-MM-DD. */
export function todayIso(at = now()) {
  const pad = (n) => String(n).padStart(2, '0');
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`;
}
