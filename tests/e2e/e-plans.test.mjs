// e. Plans and the working calendar through the real window: a plan created through the
// side-panel form (a bad date range first → the Chinese message beside the end date), the
// plan in the list, its chart page and a baseline saved there; the 工作日历 for 2026 with
// 春节 marked, and a mine non-working day added by clicking a day.
import assert from 'node:assert/strict';
import { ADMIN, App, appTest, TEST_TODAY } from './lib/app.mjs';

const TITLE = '党支部标准化建设提升专项行动';
const MINE_DAY = '2026-07-15'; // a Wednesday
const MINE_DAY_NAME = '矿庆日';

appTest('e-plans-calendar', { today: TEST_TODAY }, async (app, t) => {
  await app.setupAdmin(ADMIN, 'load-sample');
  await app.shot('main-after-sample');
  // The "sample loaded" toast lies over the bottom-right corner, where the panel's buttons are.
  await app.s.waitFor(async () => !(await app.s.isVisible('.toast')), { message: 'the start-up toast to go', timeout: 15_000 });

  // ---------- a plan through the form ----------
  await app.nav('plans');
  await app.s.waitFor('table[data-table="plans"]', { message: 'plans table' });
  await app.waitRows('plans', () => true, 'the plans table to load');
  await app.shot('plans-list');

  await app.clickAction('new-plan');
  await app.s.waitFor('[data-panel] form[data-form="plan"]', { message: 'the plan form in the side panel' });
  await app.shot('plan-form-open');

  const units = await app.options('form[data-form="plan"] [name="leadUnitId"]');
  const lead = units.find((o) => o.label.includes('组织部')) ?? units.find((o) => o.value);
  t.diagnostic(`lead unit: ${lead ? lead.label : '(none offered)'}`);

  // A bad input first: the end before the start.
  await app.fill('plan', {
    title: TITLE,
    kind: { label: '专项调度' },
    ...(lead ? { leadUnitId: lead.value } : {}),
    start: '2026-05-10',
    end: '2026-04-01',
    goal: '各基层党支部达到集团公司标准化党支部要求',
  });
  await app.clickAction('add-source', 'form[data-form="plan"]');
  await app.fill('plan', { 'sources[0].issuer': '潞安集团党委', 'sources[0].number': '潞党发〔2026〕15号', 'sources[0].title': '标准化建设提升专项行动实施方案' });
  await app.submit('plan');
  const endError = 'form[data-form="plan"] .field-error[data-for="end"]';
  await app.s.waitFor(async () => (await app.textOf(endError)).length > 0, { message: `a message in ${endError}` });
  await app.shot('plan-form-bad-dates');
  const message = await app.textOf(endError);
  assert.match(message, /结束日期不能早于开始日期/, `end-date message: "${message}"`);
  assert.ok(await app.s.isVisible(endError), 'the end-date message is visible beside the field');
  const none = await app.invoke('list_plans', { input: { status: 'all' } });
  assert.ok(none.ok, `list_plans: ${JSON.stringify(none.error)}`);
  assert.equal(none.value.filter((p) => p.title === TITLE).length, 0, 'nothing was written for the bad input');

  // Corrected: the plan is created and listed.
  await app.fill('plan', { end: '2026-12-31' });
  await app.submit('plan');
  const rows = await app.waitRows('plans', (r) => App.rowsNamed(r, TITLE).length === 1, `a row named ${TITLE}`);
  await app.shot('plans-with-new-plan');
  const row = App.rowsNamed(rows, TITLE)[0];
  assert.ok(row.text.includes('专项调度'), `row shows the kind: ${row.text}`);
  assert.ok(row.text.includes('2026-05-10') && row.text.includes('2026-12-31'), `row shows the dates: ${row.text}`);
  if (lead) assert.ok(row.text.includes(lead.label.replace(/（已撤销）$/, '')), `row shows the lead unit: ${row.text}`);
  const created = await app.invoke('list_plans', { input: { status: 'all' } });
  const plan = created.value.find((p) => p.title === TITLE);
  assert.ok(plan, 'the core has the plan');
  assert.equal(plan.sources?.length ?? 1, 1, 'one source document stored');

  // Its chart page (the chart module may still be missing: then the page says so) and a baseline.
  await app.clickAction('open-plan', `table[data-table="plans"] tr[data-id="${plan.id}"]`);
  await app.s.waitFor(`[data-view="plan-chart"][data-plan-id="${plan.id}"]`, { message: 'the chart page of the new plan' });
  await app.s.waitFor(async () => !(await app.textOf('[data-chart-host]')).includes('正在打开'), { message: 'the chart (or its notice) to appear', timeout: 20_000 });
  await app.shot('plan-chart-page');
  t.diagnostic(`chart host: ${(await app.textOf('[data-chart-host]')).slice(0, 120)}`);
  // The baseline through the plan's detail panel (the strip's 保存基线 gives way to the
  // chart's own once the chart module is there; the panel is always this page's).
  await app.clickAction('plan-info', '[data-view="plan-chart"]');
  await app.s.waitFor('[data-panel="plan-detail"] [data-section="baselines"]', { message: 'the detail panel with its baselines' });
  await app.clickAction('save-baseline', '[data-panel="plan-detail"]');
  await app.s.waitFor('dialog[data-dialog="baseline"] form[data-form="baseline"]', { message: 'the baseline name dialog' });
  await app.fill('baseline', { name: '计划批准时' });
  await app.shot('baseline-dialog');
  await app.submit('baseline');
  await app.s.waitFor(async () => !(await app.s.isVisible('dialog[data-dialog="baseline"]')), { message: 'the baseline dialog to close' });
  const baselines = await app.invoke('list_baselines', { input: { planId: plan.id } });
  assert.ok(baselines.ok, `list_baselines: ${JSON.stringify(baselines.error)}`);
  assert.deepEqual(baselines.value.map((b) => b.name), ['计划批准时']);
  await app.s.waitFor(async () => (await app.textOf('[data-panel="plan-detail"] table[data-table="baselines"]')).includes('计划批准时'), {
    message: 'the panel to list the baseline',
  });
  await app.shot('plan-detail-baseline');
  await app.clickAction('close-panel', '[data-panel="plan-detail"]');
  await app.clickAction('back-to-plans');
  await app.waitRows('plans', (r) => App.rowsNamed(r, TITLE).length === 1, 'back on the plans list');

  // ---------- the working calendar ----------
  await app.nav('calendar');
  await app.s.waitFor('select[name="year"]', { message: 'the year selector' });
  await app.select('select[name="year"]', '2026');
  const spring = 'button[data-date="2026-02-17"]';
  await app.s.waitFor(async () => (await app.s.executeScript(`const b = document.querySelector(arguments[0]); return b ? b.dataset.kind : null`, [spring])) === 'holiday', {
    message: '17 February 2026 marked as a holiday',
  });
  await app.shot('calendar-2026');
  const springLabel = await app.s.executeScript(`return document.querySelector(arguments[0]).getAttribute('aria-label')`, [spring]);
  assert.match(springLabel, /春节/, `17 February says 春节: ${springLabel}`);
  const notes = await app.textOf('[data-month="2"] .cal-month__notes');
  assert.match(notes, /15–23日\s*春节/, `February lists the 春节 run: ${notes}`);
  const makeUp = await app.s.executeScript(`return document.querySelector('button[data-date="2026-02-14"]').dataset.kind`);
  assert.equal(makeUp, 'makeup', '14 February 2026 (Saturday) is a make-up working day');
  assert.equal(await app.s.isVisible('[data-notice="no-statutory"]'), false, 'no "notice missing" banner for 2026');

  // A mine non-working day: the name is required first, then it is saved.
  await app.s.click(`button[data-date="${MINE_DAY}"]`);
  await app.s.waitFor('dialog[data-dialog="calendar-day"] form[data-form="calendar-day"]', { message: 'the day form' });
  await app.s.click('form[data-form="calendar-day"] input[name="working"][value="false"]');
  await app.s.clear('form[data-form="calendar-day"] [name="name"]');
  await app.submit('calendar-day');
  const nameError = 'form[data-form="calendar-day"] .field-error[data-for="name"]';
  await app.s.waitFor(async () => (await app.textOf(nameError)).length > 0, { message: 'a message beside the name field' });
  assert.match(await app.textOf(nameError), /名称/);
  await app.shot('calendar-day-name-required');
  await app.fill('calendar-day', { name: MINE_DAY_NAME });
  await app.shot('calendar-day-filled');
  await app.submit('calendar-day');
  await app.s.waitFor(
    async () =>
      (await app.s.executeScript(`const b = document.querySelector(arguments[0]); return b ? b.dataset.kind + '/' + b.dataset.source : null`, [`button[data-date="${MINE_DAY}"]`])) ===
      'closure/override',
    { message: `${MINE_DAY} shown as the mine's own day off` },
  );
  await app.shot('calendar-with-mine-day');
  const july = await app.textOf('[data-month="7"] .cal-month__notes');
  assert.ok(july.includes(MINE_DAY_NAME), `July lists ${MINE_DAY_NAME}: ${july}`);
  const listed = await app.invoke('list_calendar_days', { input: { year: 2026 } });
  assert.ok(listed.ok, `list_calendar_days: ${JSON.stringify(listed.error)}`);
  const day = listed.value.find((d) => d.date === MINE_DAY);
  assert.deepEqual({ working: day?.working, name: day?.name, source: day?.source }, { working: false, name: MINE_DAY_NAME, source: 'override' });

  // 2027 has no notice yet: the page says when it comes and what to do.
  await app.select('select[name="year"]', '2027');
  await app.s.waitFor('[data-notice="no-statutory"]', { message: 'the notice for a year without statutory data' });
  const notice = await app.textOf('[data-notice="no-statutory"]');
  assert.match(notice, /2027年国务院节假日安排尚未发布，当前按普通周末计算；可在此手动添加/);
  assert.match(notice, /收录了2018–2026年/);
  await app.shot('calendar-2027-notice');
});
