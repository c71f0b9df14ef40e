// g. The network chart in the real window: the sample plan's Gantt view, zoom levels, a
// bar dragged with real pointer actions moves its successor, undo puts both back, the
// critical-path toggle, and the chart printed to PDF pages.
import assert from 'node:assert/strict';
import { ADMIN, appTest, TEST_TODAY } from './lib/app.mjs';
import { dragBar, openSampleChart } from './lib/gantt.mjs';


appTest('g-gantt', { today: TEST_TODAY }, async (app, t) => {
  await app.setupAdmin(ADMIN, 'load-sample');
  const plan = await openSampleChart(app);
  await app.shot('chart-week');

  for (const z of ['day', 'dekad', 'month', 'week']) {
    await app.s.click(`button[data-zoom="${z}"]`);
    await app.s.waitFor(`button[data-zoom="${z}"][aria-pressed="true"]`, { message: `zoom ${z} shown as chosen` });
    if (z !== 'week') await app.shot(`chart-${z}`);
  }

  // A task not started yet with a finish-to-start successor it drives (no
  // free float, the successor starts right after it): moving it moves the
  // successor whatever day the sample was loaded on.
  const chart = (await app.invoke('get_chart', { input: { planId: plan.id } })).value;
  const days = (a, b) => (Date.parse(b) - Date.parse(a)) / 86_400_000;
  const link = chart.links.find((l) => {
    const p = chart.tasks.find((x) => x.id === l.predId);
    const s = chart.tasks.find((x) => x.id === l.succId);
    // At least 3 days long: the middle of a shorter bar at week zoom is its resize edge.
    return l.kind === 'FS' && l.lag === 0 && p && s && !p.actualStart && p.status !== 'closed' && !p.milestone && p.duration >= 3 && p.freeFloat === 0 && days(p.earlyFinish, s.earlyStart) <= 5;
  });
  assert.ok(link, 'an FS link from an open task');
  const pred = chart.tasks.find((x) => x.id === link.predId);
  const succ = chart.tasks.find((x) => x.id === link.succId);
  t.diagnostic(`drag ${pred.outline} ${pred.name} (${pred.earlyStart}); successor ${succ.outline} starts ${succ.earlyStart}`);
  await dragBar(app, pred.id, 80);
  const moved = async () => (await app.invoke('get_chart', { input: { planId: plan.id } })).value;
  let after;
  await app.s.waitFor(async () => {
    after = await moved();
    return after.tasks.find((x) => x.id === pred.id).earlyStart > pred.earlyStart;
  }, { timeout: 10_000, message: 'the dragged task to start later' });
  await app.shot('after-drag');
  const succAfter = after.tasks.find((x) => x.id === succ.id);
  assert.ok(succAfter.earlyStart > succ.earlyStart, `the successor moved too (${succ.earlyStart} → ${succAfter.earlyStart})`);

  await app.s.click('button[data-action="undo"]');
  await app.s.waitFor(async () => {
    const c = await moved();
    return c.tasks.find((x) => x.id === pred.id).earlyStart === pred.earlyStart
      && c.tasks.find((x) => x.id === succ.id).earlyStart === succ.earlyStart;
  }, { timeout: 10_000, message: 'undo to restore both dates' });
  await app.shot('after-undo');

  const critBefore = await app.s.executeScript('return document.querySelector("[data-action=toggle-critical]").getAttribute("aria-pressed")');
  await app.s.click('button[data-action="toggle-critical"]');
  await app.s.waitFor(
    async () => (await app.s.executeScript('return document.querySelector("[data-action=toggle-critical]").getAttribute("aria-pressed")')) !== critBefore,
    { message: 'the critical-path toggle to change state' },
  );
  await app.shot('critical');

  const audit = (await app.invoke('list_audit', { input: { entity: 'task', limit: 5 } })).value;
  assert.ok(audit.rows.some((r) => r.action === 'update'), 'the drag and its undo are audited');

  // The chart printed through the print dialog: A4, by month, previewed as pages.
  await app.s.click('button[data-action="print-chart"]');
  await app.s.waitFor('dialog[data-dialog="chart-print"] form[data-form="chart-print"]', { message: 'the chart print dialog' });
  await app.s.executeScript(`
    const f = document.querySelector('form[data-form="chart-print"]');
    f.querySelector('[name="paper"]').value = 'A4';
    f.querySelector('[name="zoom"]').value = 'month';`);
  await app.shot('chart-print-dialog');
  await app.s.click('form[data-form="chart-print"] button[data-action="submit"]');
  await app.s.waitFor('img[data-preview-page]', { timeout: 30_000, message: 'the printed chart pages in the preview' });
  await app.s.waitFor(async () => (await app.s.executeScript('const i = document.querySelector("img[data-preview-page]"); return i.complete && i.naturalWidth > 0')), { timeout: 10_000, message: 'the page image to load' });
  const indicator = await app.s.executeScript('return document.querySelector("[data-page-indicator]").textContent');
  assert.match(indicator, /第 1 \/ \d+ 页/);
  await app.shot('chart-print-preview');
  await app.s.click('button[data-action="close-preview"]');
});
