// f. Notices made from the plan in the real window, then printed in a batch: one task's
// notice from its task panel; a whole stage's notices (one per responsible unit) from
// the chart's 生成通知单; on the documents page they come pre-selected and go to the
// CUPS test printer in one 批量打印 with a progress bar — every unit's notice arrives
// as its own PDF job. Then a batch of 60 notices is cancelled after it started: it
// stops between documents, says how many were printed, and exactly those arrive.
import assert from 'node:assert/strict';
import { ADMIN, appTest, TEST_TODAY } from './lib/app.mjs';
import { execFileSync } from 'node:child_process';
import { jobPdf, pdfText, printedJobs, squash, testPrinter } from './lib/print.mjs';

// In the titles (and so the printed text) of this run's long batch: the test printer's
// queue and output folder are shared by every run on the machine, so this run counts
// only its own jobs.
const RUN = `R${process.pid.toString(36)}${Date.now().toString(36)}`;
const DIALOG = 'dialog[data-dialog="notices-from-tasks"]';
const BATCH = 'dialog[data-dialog="batch"]';

async function toastsGone(app) {
  await app.s.waitFor(async () => !(await app.s.isVisible('.toast')), { message: 'toasts to go', timeout: 15_000 });
}

async function openChart(app, planId) {
  await app.nav('plans');
  await app.waitRows('plans', (r) => r.length > 0, 'the plans');
  await app.clickAction('open-plan', `table[data-table="plans"] tr[data-id="${planId}"]`);
  await app.s.waitFor(async () => (await app.s.executeScript('return document.querySelectorAll("tr[data-task-id]").length')) > 3, { timeout: 30_000, message: 'the chart rows' });
}

async function selectInChart(app, taskId) {
  await app.s.executeScript('document.querySelector("[data-gantt]").ganttApi.scrollToTask(arguments[0])', [taskId]);
  // The grid draws the rows in view at the next frame.
  const cell = `tr[data-task-id="${taskId}"] td[data-col="outline"]`;
  await app.s.waitFor(cell, { message: `the row of task ${taskId}`, timeout: 15_000 });
  await app.s.click(cell);
  await app.s.waitFor(async () => (await app.s.executeScript('return document.querySelector("[data-gantt]").ganttApi.selectedId()')) === taskId, { message: `task ${taskId} selected` });
}

async function checkedTasks(app) {
  return app.s.executeScript(`return [...document.querySelectorAll('${DIALOG} input[data-task-pick]')].filter((b) => b.checked).map((b) => Number(b.dataset.taskPick));`);
}

appTest('f-batch-notices', { today: TEST_TODAY }, async (app, t) => {
  const printer = testPrinter();
  await app.setupAdmin(ADMIN, 'load-sample');
  await toastsGone(app);
  const plans = (await app.invoke('list_plans', { input: { status: 'all' } })).value;
  const plan = plans.find((p) => p.taskCount > 0);
  const chart = (await app.invoke('get_chart', { input: { planId: plan.id } })).value;
  const under = (stage) => chart.tasks.filter((x) => x.kind === 'task' && x.outline.startsWith(`${stage.outline}.`));
  const stage = chart.tasks.find((s) => s.kind === 'stage' && under(s).length >= 2 && under(s).every((x) => x.leadUnitId) && new Set(under(s).map((x) => x.leadUnitId)).size >= 2);
  assert.ok(stage, 'a stage whose tasks have two or more responsible units');
  const stageTasks = under(stage);
  const units = [...new Set(stageTasks.map((x) => x.leadUnitName))];
  t.diagnostic(`stage ${stage.outline} ${stage.name}: ${stageTasks.length} tasks, units ${units.join('、')}`);
  const before = (await app.invoke('list_docs', { input: {} })).value.length;

  // ---------- one task: from its panel ----------
  await openChart(app, plan.id);
  const one = stageTasks[0];
  await selectInChart(app, one.id);
  await app.clickAction('task-detail');
  await app.clickAction('task-notice', '[data-panel="task"]');
  await app.s.waitFor(`${DIALOG} form[data-form="notices-from-tasks"]`, { message: 'the notices dialog' });
  assert.deepEqual(await checkedTasks(app), [one.id], 'the task comes pre-selected');
  assert.equal(await app.s.executeScript(`return document.querySelector('${DIALOG} [data-notice-preview]').dataset.count`), '1');
  await app.shot('notice-one-task');
  await app.fill('notices-from-tasks', { method: 'phone' });
  await app.submit('notices-from-tasks');
  await app.s.waitFor(`${DIALOG} [data-notices-created="1"]`, { message: 'one notice made' });
  await app.clickAction('close-notices', DIALOG);
  let docs = (await app.invoke('list_docs', { input: {} })).value;
  assert.equal(docs.length, before + 1);
  const single = docs[0];
  assert.deepEqual(single.taskIds, [one.id]);
  assert.equal(single.methodLabel, '电话');
  assert.equal(single.targetUnitName, one.leadUnitName);
  await app.clickAction('close-panel');

  // ---------- a whole stage: one notice per unit ----------
  await toastsGone(app);
  await selectInChart(app, stage.id);
  await app.clickAction('notices-from-tasks');
  await app.s.waitFor(`${DIALOG} form[data-form="notices-from-tasks"]`, { message: 'the notices dialog' });
  assert.deepEqual((await checkedTasks(app)).sort(), [stage.id, ...stageTasks.map((x) => x.id)].sort(), 'the stage and its tasks come pre-selected');
  const preview = await app.textOf(`${DIALOG} [data-notice-preview]`);
  assert.ok(preview.includes(`将为 ${units.length} 个责任单位`) && units.every((u) => preview.includes(u)), preview);
  await app.fill('notices-from-tasks', { method: 'meeting', feedbackRequirement: '每周五前以书面形式向党建调度室反馈进展' });
  await app.shot('notice-stage');
  await app.submit('notices-from-tasks');
  await app.s.waitFor(`${DIALOG} [data-notices-created="${units.length}"]`, { message: 'one notice per unit' });
  await app.shot('notices-created');
  docs = (await app.invoke('list_docs', { input: {} })).value;
  const made = docs.slice(0, units.length);
  assert.deepEqual(made.map((d) => d.targetUnitName).sort(), [...units].sort());
  assert.equal(made.reduce((n, d) => n + d.taskIds.length, 0), stageTasks.length, 'every task of the stage in exactly one notice');
  assert.ok(made.every((d) => d.methodLabel === '会议' && d.requirements.includes('每周五前')));

  // ---------- to the documents page: pre-selected, printed in one batch ----------
  await app.clickAction('open-created-notices', DIALOG);
  await app.s.waitFor('table[data-table="docs"]', { message: 'the documents page' });
  await app.s.waitFor(async () => (await app.s.executeScript('return document.querySelector("[data-selection-count]")?.dataset.selectionCount')) === String(units.length), { message: 'the new notices selected' });
  await toastsGone(app);
  await app.clickAction('close-panel');
  await app.shot('docs-preselected');
  await app.clickAction('batch-print', '[data-selection-bar]');
  await app.s.waitFor(`${BATCH}[data-mode="print"] form[data-form="batch"]`, { message: 'the batch print dialog' });
  assert.match(await app.textOf(`${BATCH} [data-batch-summary]`), new RegExp(`共 ${units.length} 份：通知单 ${units.length} 份`));
  await app.fill('batch', { printer: printer.name, copies: '1' });
  await app.shot('batch-print-dialog');
  await app.submit('batch');
  await app.s.waitFor(`${BATCH} [data-batch-result][data-cancelled="false"]`, { message: 'the batch to finish', timeout: 120_000 });
  const result = await app.textOf(`${BATCH} [data-batch-result]`);
  t.diagnostic(`batch: ${result}`);
  assert.ok(result.includes(`已发送 ${units.length} 份到打印机“${printer.name}”`), result);
  await app.shot('batch-print-done');
  const jobIds = /打印作业：(.*)$/.exec(await app.textOf(`${BATCH} .batch-result__jobs`))?.[1].split('、') ?? [];
  assert.equal(jobIds.length, units.length, 'one print job per notice');
  const texts = [];
  for (const id of jobIds) texts.push(pdfText(await jobPdf(printer, id)));
  for (const d of made) assert.ok(texts.some((x) => x.includes(squash(`${d.targetUnitName}：`))), `a job addressed to ${d.targetUnitName}`);
  assert.equal(new Set(jobIds).size, units.length, 'distinct jobs');
  await app.clickAction('close-batch', BATCH);

  // ---------- a long batch, cancelled between documents ----------
  const unitId = made[0].targetUnitId;
  for (let i = 1; i <= 60; i++) {
    const r = await app.invoke('create_doc', {
      input: {
        kind: 'notice', title: `关于第${i}批党员教育培训的通知${RUN}`, method: 'written', targetUnitId: unitId,
        content: `请按计划组织第${i}批党员集中学习，做好签到和学习记录。`, goal: '全员参训', deadline: '2026-12-31',
        feedbackRule: { mode: 'none', forms: [] }, cooperatingUnitIds: [], taskIds: [],
      },
    });
    assert.ok(r.ok, `create_doc ${i}: ${JSON.stringify(r.error)}`);
  }
  await app.nav('verify');
  await app.nav('documents');
  await app.waitRows('docs', (r) => r.length === before + 1 + units.length + 60, 'all notices listed');
  await app.s.click('[data-kind-tabs] button[data-kind-tab="notice"]');
  await app.s.click('input[data-pick-all]');
  const total = Number(await app.s.executeScript('return document.querySelector("[data-selection-count]").dataset.selectionCount'));
  assert.ok(total >= 60, `select all picks every notice shown (${total})`);
  await app.shot('docs-select-all');
  await app.clickAction('batch-print', '[data-selection-bar]');
  await app.fill('batch', { printer: printer.name, copies: '1' });
  await app.submit('batch');
  await app.s.waitFor(async () => Number(await app.s.executeScript(`return document.querySelector('${BATCH} [data-batch-progress]:not([hidden])')?.dataset.done ?? 0`)) >= 2, { message: 'the batch to be under way', timeout: 60_000 });
  await app.shot('batch-progress');
  await app.clickAction('cancel-batch', BATCH);
  await app.s.waitFor(`${BATCH} [data-batch-result][data-cancelled="true"]`, { message: 'the cancelled batch', timeout: 60_000 });
  const done = Number(await app.s.executeScript(`return document.querySelector('${BATCH} [data-batch-result]').dataset.done`));
  const message = await app.textOf(`${BATCH} .batch-result__message`);
  t.diagnostic(`cancelled: ${message}`);
  assert.ok(done >= 2 && done < total, `stopped part way (${done} of ${total})`);
  assert.ok(message.includes(`已取消：已发送 ${done} / ${total} 份`), message);
  await app.shot('batch-cancelled');
  // Exactly the documents sent before the stop reach the printer, and no more follow.
  const cancelledJobs = /打印作业：(.*)$/.exec(await app.textOf(`${BATCH} .batch-result__jobs`))?.[1].split('、') ?? [];
  assert.equal(cancelledJobs.length, done, 'the result lists the jobs sent');
  for (const id of cancelledJobs) await jobPdf(printer, id, 180_000);
  // A marker job sent now is printed after anything the app queued before it (one
  // queue, first in first out): once it is out, every job of the batch is too.
  const marker = execFileSync('lp', ['-d', printer.name, '-t', `marker-${RUN}`, await jobPdf(printer, cancelledJobs[0])], { encoding: 'utf8' });
  const markerId = /request id is (\S+)/.exec(marker)?.[1];
  assert.ok(markerId, `lp answered a job id: ${marker}`);
  await jobPdf(printer, markerId, 180_000);
  // Every job between the first of the batch and the marker that carries this run's
  // token in its text is one the result listed (the file names are mangled by cups-pdf,
  // and other runs may print to the same queue meanwhile).
  const jobNo = (id) => Number(/-(\d+)$/.exec(id)[1]);
  const first = Math.min(...cancelledJobs.map(jobNo));
  const ours = printedJobs(printer).filter((j) => j.job >= first && j.job < jobNo(markerId) && pdfText(j.file).includes(RUN));
  assert.deepEqual(
    ours.map((j) => j.job).sort((a, b) => a - b),
    cancelledJobs.map(jobNo).sort((a, b) => a - b),
    'nothing of the batch printed after the cancel',
  );
  await app.clickAction('close-batch', BATCH);
});
