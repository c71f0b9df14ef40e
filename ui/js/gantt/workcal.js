// The plan's working calendar as the chart needs it: which days are shaded,
// and where a dragged bar may land. Weekends are off, except the days the
// chart's calendar lists as exceptions (chart.calendar.days: statutory
// holidays off, the State Council's make-up working days on, the mine's own
// days). The core is the authority on scheduling; this only mirrors its rule.

import { parseDay, isWeekend, NO_DAY } from './days.js';

export function createWorkCalendar(days = []) {
  // day number → {working, name}
  const exceptions = new Map();
  for (const entry of days) {
    const day = parseDay(entry.date);
    if (day === NO_DAY) continue;
    exceptions.set(day, { working: Boolean(entry.working), name: entry.name ?? '' });
  }

  function isWorking(day) {
    const exception = exceptions.get(day);
    if (exception) return exception.working;
    return !isWeekend(day);
  }

  // 'holiday' (an exception that is off), 'makeup' (a weekend day that is
  // worked), 'weekend', or 'working'.
  function kindOf(day) {
    const exception = exceptions.get(day);
    if (exception) {
      if (!exception.working) return 'holiday';
      return isWeekend(day) ? 'makeup' : 'working';
    }
    return isWeekend(day) ? 'weekend' : 'working';
  }

  function nameOf(day) {
    return exceptions.get(day)?.name ?? '';
  }

  // The first working day at or after `day` (direction +1) or at or before it
  // (direction -1). A calendar with no working day in a year is not a
  // calendar: give up after 400 days rather than loop for ever.
  function snap(day, direction = 1) {
    let d = day;
    for (let i = 0; i < 400; i++) {
      if (isWorking(d)) return d;
      d += direction;
    }
    return day;
  }

  // The finish date of work that starts on `start` and takes `duration`
  // working days (finish inclusive: one day starting Monday finishes Monday).
  function finishOf(start, duration) {
    let d = snap(start, 1);
    if (duration <= 1) return d;
    let left = duration - 1;
    while (left > 0) {
      d += 1;
      if (isWorking(d)) left -= 1;
    }
    return d;
  }

  // Working days in [from, to], both included; 0 when to < from.
  function workingDaysBetween(from, to) {
    let count = 0;
    for (let d = from; d <= to; d++) if (isWorking(d)) count += 1;
    return count;
  }

  // Runs of consecutive non-working days inside [from, to], as a flat list
  // [start0, end0, start1, end1, …] (ends inclusive), for shading.
  function nonWorkingRuns(from, to) {
    const runs = [];
    let runStart = NO_DAY;
    for (let d = from; d <= to; d++) {
      if (!isWorking(d)) {
        if (runStart === NO_DAY) runStart = d;
      } else if (runStart !== NO_DAY) {
        runs.push(runStart, d - 1);
        runStart = NO_DAY;
      }
    }
    if (runStart !== NO_DAY) runs.push(runStart, to);
    return runs;
  }

  return { isWorking, kindOf, nameOf, snap, finishOf, workingDaysBetween, nonWorkingRuns, size: exceptions.size };
}
