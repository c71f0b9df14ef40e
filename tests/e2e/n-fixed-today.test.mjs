// n. The app started on a fixed day (--today, the tests' hook for dates): the core and
// the window both run on it. On 2027-03-10 the dashboard shows that day, the working
// calendar opens on 2027 with that day marked, and says plainly that the State
// Council's notice for 2027 is not out yet (the program carries 2018–2026), while
// 2026 names the notice its holidays come from.
import assert from 'node:assert/strict';
import { ADMIN, appTest } from './lib/app.mjs';

const DAY = '2027-03-10';

appTest('n-fixed-today', { today: DAY }, async (app) => {
  await app.setupAdmin(ADMIN, 'start-empty');

  // The core says which day it is and that it was fixed.
  const info = await app.invoke('app_info', {});
  assert.ok(info.ok, `app_info: ${JSON.stringify(info.error)}`);
  assert.deepEqual({ today: info.value.today, fixed: info.value.todayFixed }, { today: DAY, fixed: true });

  // The dashboard's date comes from the core.
  await app.s.waitFor(async () => (await app.textOf('.dash-today__date')).length > 0, { message: "the dashboard's date" });
  assert.match(await app.textOf('.dash-today__date'), /2027年3月10日\s*星期三/);
  await app.shot('dashboard-2027-03-10');

  // The calendar takes "this year" and "today" from the window, which took them from the core.
  await app.nav('calendar');
  await app.s.waitFor(`button[data-date="${DAY}"]`, { message: `the day ${DAY} in the calendar` });
  assert.equal(await app.s.property('select[name="year"]', 'value'), '2027', 'the calendar opens on 2027');
  assert.equal(await app.s.attribute(`button[data-date="${DAY}"]`, 'aria-current'), 'date', `${DAY} is marked as today`);
  await app.s.waitFor('[data-notice="no-statutory"]', { message: 'the notice that 2027 has no official holidays yet' });
  const notice = await app.textOf('[data-notice="no-statutory"]');
  assert.match(notice, /2027年国务院节假日安排尚未发布，当前按普通周末计算；可在此手动添加/, notice);
  assert.match(notice, /收录了2018–2026年/, notice);
  assert.equal(await app.textOf('[data-calendar-source]'), '', 'no notice to name for 2027');
  // 2027 follows plain weekends: 1 January is a Friday and a working day.
  assert.equal(await app.s.attribute('button[data-date="2027-01-01"]', 'data-kind'), 'workday');
  await app.shot('calendar-2027-no-notice');

  // 2026: the notice is carried and named; no warning.
  await app.clickAction('prev-year');
  await app.s.waitFor(async () => (await app.textOf('[data-calendar-source]')).includes('2026年部分节假日安排'), { message: "the 2026 notice named under the calendar" });
  assert.equal(await app.s.isVisible('[data-notice="no-statutory"]'), false, 'no warning for 2026');
  assert.equal(await app.s.attribute('button[data-date="2026-10-01"]', 'data-kind'), 'holiday');
  await app.shot('calendar-2026-with-notice');
});
