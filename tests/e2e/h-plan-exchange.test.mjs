// h. Plan exchange through the real window: an MS Project XML file (written in the style
// MS Project 2016 saves) imported with 导入计划 appears in the list and opens as a chart;
// a broken file is refused with a Chinese message and nothing is added.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join, resolve } from 'node:path';
import { ADMIN, appTest } from './lib/app.mjs';

const REPO = resolve(new URL('../..', import.meta.url).pathname);
const MSPDI = join(REPO, 'crates/exchange/tests/data/msproject2016.xml');
const TITLE = '漳村煤矿党委强化基础工作建设专项行动';

appTest('h-plan-exchange', async (app, t) => {
  await app.setupAdmin(ADMIN, 'start-empty');
  await app.nav('plans');
  await app.s.waitFor('button[data-action="import-plan"]', { message: 'the import button' });
  await app.shot('plans-empty');

  // A broken file first: refused, with the reason, and no plan added.
  const dir = mkdtempSync(join(os.tmpdir(), 'diaodu-import-'));
  const broken = join(dir, '损坏的计划.xml');
  writeFileSync(broken, '<Project xmlns="http://schemas.microsoft.com/project"><Tasks><Task><Name>没有UID</Name></Task></Tasks></Project>');
  await app.s.sendKeys('input[data-import-plan]', broken);
  await app.s.waitFor(async () => /无法导入/.test(await app.s.executeScript('return Array.from(document.querySelectorAll(".toast"), t => t.textContent).join(" ")')), { timeout: 10_000, message: 'the refusal toast' });
  const toastText = await app.s.executeScript('return Array.from(document.querySelectorAll(".toast"), t => t.textContent).join(" ")');
  assert.match(toastText, /UID/, 'the message names what is wrong');
  await app.shot('import-refused');
  assert.equal((await app.invoke('list_plans', { input: { status: 'all' } })).value.length, 0);

  await app.s.sendKeys('input[data-import-plan]', MSPDI);
  await app.waitRows('plans', (rows) => rows.length === 1, 'the imported plan in the list');
  const plans = (await app.invoke('list_plans', { input: { status: 'all' } })).value;
  assert.equal(plans[0].title, TITLE);
  assert.ok(plans[0].taskCount > 0, 'the plan has tasks');
  t.diagnostic(`imported ${plans[0].title}: ${plans[0].taskCount} tasks`);
  await app.shot('plan-imported');

  await app.clickAction('open-plan', `table[data-table="plans"] tr[data-id="${plans[0].id}"]`);
  await app.s.waitFor('canvas[data-gantt-canvas]', { timeout: 20_000, message: 'the imported chart' });
  await app.s.waitFor(async () => (await app.s.executeScript('return document.querySelectorAll("tr[data-task-id]").length')) > 1, { timeout: 20_000, message: 'rows of the imported chart' });
  await app.s.waitFor('button[data-action="export-plan"]', { message: 'the export button on the chart page' });
  await app.shot('imported-chart');
  const chart = (await app.invoke('get_chart', { input: { planId: plans[0].id } })).value;
  assert.ok(chart.links.length > 0, 'links came along');
  assert.ok(chart.tasks.some((x) => x.kind === 'stage'), 'summary tasks became stages');
});
