// n. Owners and periodic follow-up (issue 14, points 2, 3 and 6) through the
// real window on the sample data, on the fixed day:
//  - on the 重点 plan's chart, a task's 责任人 (a person of its unit, from the
//    people register) and a 配合单位 are set in the task panel; the 责任人 and
//    配合单位 columns show them, and the loop's 流水线 · 专人负责 names the
//    责任人 for 签收 and 反馈;
//  - 工作台 lists periodic work overdue (漏项); three items are ticked at once
//    with one evidence file dropped on the window, and each of them carries it;
//  - from an omission a numbered 催办通知单 is sent and previewed;
//  - 年度统计 shows the figures of 重点调度 and the table by kind.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { ADMIN, appTest, TEST_TODAY } from './lib/app.mjs';
import { ipc } from './lib/forms.mjs';
import { dropFiles, photoPng } from './lib/files.mjs';
import { clickWhenFree, closeToasts, scrollIntoView } from './lib/panel.mjs';

async function openChart(app, planId) {
  await app.nav('plans');
  await app.waitRows('plans', (r) => r.length > 0, 'the plans');
  await app.clickAction('open-plan', `table[data-table="plans"] tr[data-id="${planId}"]`);
  await app.s.waitFor(async () => (await app.s.executeScript('return document.querySelectorAll("tr[data-task-id]").length')) >= 4, { timeout: 30_000, message: 'the chart rows' });
}

async function selectInChart(app, taskId) {
  await app.s.executeScript('document.querySelector("[data-gantt]").ganttApi.scrollToTask(arguments[0])', [taskId]);
  const cell = `tr[data-task-id="${taskId}"] td[data-col="outline"]`;
  await app.s.waitFor(cell, { message: `the row of task ${taskId}`, timeout: 15_000 });
  await app.s.click(cell);
  await app.s.waitFor(async () => (await app.s.executeScript('return document.querySelector("[data-gantt]").ganttApi.selectedId()')) === taskId, { message: `task ${taskId} selected` });
}

appTest('n-owners', { today: TEST_TODAY }, async (app, t) => {
  await app.setupAdmin(ADMIN, 'load-sample');
  await closeToasts(app);

  // ---------- 责任人 and 配合单位 on the chart ----------
  const plans = await ipc(app, 'list_plans', { status: 'all' });
  const plan = plans.find((p) => p.kind === 'key');
  assert.ok(plan, 'the sample has a 重点 plan');
  const chart = await ipc(app, 'get_chart', { planId: plan.id });
  const task = chart.tasks.find((x) => x.kind === 'task');
  const people = await ipc(app, 'list_people', { includeRetired: false });
  const ofUnit = people.filter((p) => p.unitId === task.leadUnitId);
  const person = ofUnit.find((p) => p.id !== task.personId) ?? ofUnit[0];
  assert.ok(person, 'a person of the task\'s unit');
  const units = await ipc(app, 'list_units', { includeRetired: false });

  await openChart(app, plan.id);
  await selectInChart(app, task.id);
  await app.clickAction('task-detail');
  const panel = 'aside[data-panel="task"]';
  await app.s.waitFor(`${panel} form[data-form="task"] select[name="personId"]`, { message: 'the 责任人 field of the task panel' });
  // Only people of the unit are offered.
  const offered = await app.options(`${panel} select[name="personId"]`);
  assert.ok(offered.filter((o) => o.value).every((o) => ofUnit.some((p) => String(p.id) === o.value)), `only people of the unit: ${JSON.stringify(offered)}`);
  await app.select(`${panel} select[name="personId"]`, String(person.id));
  // The first unit of the (scrolling) 配合单位 list not chosen yet.
  const coopId = await app.s.executeScript(`return Number([...document.querySelectorAll('${panel} input[name="cooperatingUnitIds"]')].find((b) => !b.checked && !b.disabled).value)`);
  const coop = units.find((u) => u.id === coopId);
  t.diagnostic(`task ${task.outline} ${task.name}: 责任人 → ${person.name}, 配合单位 + ${coop.name}`);
  const box = `${panel} input[name="cooperatingUnitIds"][value="${coop.id}"]`;
  await app.s.click(box, { what: `配合单位 ${coop.name}` });
  await app.shot('task-panel-owner');
  await app.submit('task');
  await app.s.waitFor(async () => {
    const after = (await ipc(app, 'get_chart', { planId: plan.id })).tasks.find((x) => x.id === task.id);
    return after.personId === person.id && after.cooperatingUnitIds.includes(coop.id);
  }, { message: 'the task saved with its 责任人 and 配合单位' });
  // The columns show them.
  const personCell = `tr[data-task-id="${task.id}"] td[data-col="person"]`;
  await app.s.waitFor(async () => (await app.textOf(personCell)) === person.name, { message: `the 责任人 column to read ${person.name}` });
  assert.match(await app.textOf(`tr[data-task-id="${task.id}"] td[data-col="coop"]`), new RegExp(coop.name));
  // The loop names the 责任人 for 签收 and 反馈.
  const owners = `${panel} [data-loop-owners]`;
  await app.s.waitFor(async () => (await app.textOf(`${owners} [data-owner-step="feedback"] [data-owner]`)).includes(person.name), { message: 'the 反馈 step to name the 责任人', timeout: 15_000 });
  assert.ok((await app.textOf(`${owners} [data-owner-step="receipt"] [data-owner]`)).includes(person.name), '签收 names the 责任人');
  assert.equal(await app.s.executeScript(`return document.querySelectorAll('${owners} [data-owner-step]').length`), 6);
  assert.equal(await app.s.executeScript(`return document.querySelector('${owners} [data-owner-step="notice"]').dataset.state`), 'done');
  await scrollIntoView(app, owners);
  await app.shot('loop-owners');
  await app.clickAction('close-panel');
  await app.s.executeScript('document.querySelector("[data-gantt]").ganttApi.scrollToTask(arguments[0])', [task.id]);
  await app.shot('chart-owner-columns');

  // 配合单位 set in the column itself: click the cell, F2, tick another unit and
  // untick the one set above, 确定.
  const coopCell = `tr[data-task-id="${task.id}"] td[data-col="coop"]`;
  await app.s.click(coopCell, { what: 'the 配合单位 cell' });
  await app.s.sendKeys('[data-gantt-grid-body]', '\uE032'); // F2
  const cellEditor = '[data-gantt-editor="coop"]';
  await app.s.waitFor(`${cellEditor} input[name="cooperatingUnitIds"][value="${coop.id}"]:checked`, { message: 'the 配合单位 editor with the unit ticked in the panel' });
  assert.equal(await app.s.executeScript(`return document.querySelector('${cellEditor} input[value="${task.leadUnitId}"]')`), null, 'the responsible unit is not offered');
  const coop2 = units.find((u) => u.id !== coop.id && u.id !== task.leadUnitId && !(task.cooperatingUnitIds ?? []).includes(u.id));
  await app.s.click(`${cellEditor} input[name="cooperatingUnitIds"][value="${coop2.id}"]`, { what: `配合单位 ${coop2.name} in the cell editor` });
  await app.s.click(`${cellEditor} input[name="cooperatingUnitIds"][value="${coop.id}"]`, { what: `配合单位 ${coop.name} in the cell editor` });
  await app.shot('coop-cell-editor');
  await app.s.click(`${cellEditor} button[data-action="commit-cell"]`, { what: '确定 of the 配合单位 editor' });
  await app.s.waitFor(async () => {
    const after = (await ipc(app, 'get_chart', { planId: plan.id })).tasks.find((x) => x.id === task.id);
    return after.cooperatingUnitIds.includes(coop2.id) && !after.cooperatingUnitIds.includes(coop.id);
  }, { message: `the task saved with ${coop2.name} as 配合单位 instead of ${coop.name}` });
  await app.s.waitFor(async () => {
    const text = await app.textOf(coopCell);
    return text.includes(coop2.name) && !text.includes(coop.name);
  }, { message: `the 配合单位 column to read ${coop2.name}` });
  assert.equal(await app.s.executeScript(`return document.querySelector('${cellEditor}')`), null, 'the editor closed');
  await app.shot('coop-cell-saved');

  // ---------- periodic work on 工作台: many ticked with one file ----------
  await app.nav('dashboard');
  await app.s.click('button[data-card="periodic_overdue"]', { what: 'the 周期工作漏项 card' });
  await app.s.waitFor('[data-dashboard-list="periodic_overdue"] input[data-pick]', { message: 'the overdue periodic work with pick boxes' });
  const alert = await app.textOf('[data-alert-summary]');
  assert.match(alert, /周期工作今日到期 \d+ 项，漏项 [1-9]\d* 项/);
  const due = await ipc(app, 'spec_due');
  const overdue = due.filter((r) => r.status === 'overdue');
  assert.equal(await app.s.executeScript('return Number(document.querySelector(\'button[data-card="periodic_overdue"]\').dataset.count)'), overdue.length);
  const ids = overdue.slice(0, 3).map((r) => r.id);
  for (const id of ids) await app.s.click(`[data-dashboard-list="periodic_overdue"] input[data-pick="${id}"]`, { what: `the pick box of ${id}` });
  assert.match(await app.textOf('[data-selection-count]'), /已选 3 项/);
  await app.shot('dashboard-periodic');
  await app.clickAction('batch-done', '[data-selection-bar]');
  const form = 'form[data-form="spec-done-many"]';
  await app.s.waitFor(form, { message: 'the batch-done dialog' });
  const dir = mkdtempSync(join(os.tmpdir(), 'diaodu-n-owners-'));
  const photo = join(dir, '集中学习记录.png');
  writeFileSync(photo, photoPng());
  await app.fill('spec-done-many', { note: '三项工作集中补办', evidence: '学习记录' });
  await dropFiles(app, [photo]);
  await app.s.waitFor(`${form} [data-attachment] img[data-thumb]`, { timeout: 20_000, message: 'the dropped file in the dialog' });
  await app.shot('batch-done-dialog');
  await app.submit('spec-done-many');
  await app.s.waitFor(async () => {
    const now = await ipc(app, 'spec_due');
    return ids.every((id) => !now.some((r) => r.id === id));
  }, { message: 'the three items done' });
  for (const id of ids) {
    const row = overdue.find((r) => r.id === id);
    const rows = await ipc(app, 'spec_item_progress', { itemId: row.itemId, period: row.period });
    const done = rows.find((r) => r.id === id);
    assert.equal(done.doneDate, TEST_TODAY);
    assert.equal(done.attachments.length, 1, `one file on ${id}`);
    assert.equal(done.attachments[0].name, '集中学习记录.png');
  }
  const shas = new Set();
  for (const id of ids) {
    const row = overdue.find((r) => r.id === id);
    const rows = await ipc(app, 'spec_item_progress', { itemId: row.itemId, period: row.period });
    shas.add(rows.find((r) => r.id === id).attachments[0].sha256);
  }
  assert.equal(shas.size, 1, 'the same file for all three');

  // ---------- 催办 from an omission ----------
  await app.s.waitFor(async () => !(await app.s.isVisible('dialog[data-dialog="spec-done-many"]')), { message: 'the dialog to close' });
  await closeToasts(app);
  const left = (await ipc(app, 'spec_due')).filter((r) => r.status === 'overdue');
  const target = left[0];
  const rowCss = `[data-dashboard-list="periodic_overdue"] tr[data-id="${target.id}"]`;
  await app.s.waitFor(rowCss, { message: 'the omission on the dashboard' });
  const before = (await ipc(app, 'list_reminders_sent', {})).length;
  await clickWhenFree(app, `${rowCss} button[data-action="spec-remind"]`);
  await app.s.waitFor('dialog[data-dialog="preview"] img[data-preview-page]', { timeout: 60_000, message: 'the reminder preview' });
  const sent = await ipc(app, 'list_reminders_sent', {});
  assert.equal(sent.length, before + 1);
  assert.equal(sent[0].targetKind, 'spec');
  assert.equal(sent[0].targetId, target.id);
  assert.match(sent[0].number, /〔2026〕\d+号$/);
  await app.shot('omission-reminder-preview');
  await app.clickAction('close-preview', 'dialog[data-dialog="preview"]');

  // ---------- 整改 from an omission ----------
  await closeToasts(app);
  const second = left[1];
  const rectRow = `[data-dashboard-list="periodic_overdue"] tr[data-id="${second.id}"]`;
  await app.s.waitFor(rectRow, { message: 'another omission on the dashboard' });
  await clickWhenFree(app, `${rectRow} button[data-action="spec-rectify"]`);
  await app.s.waitFor('dialog[data-dialog="rectification"] form[data-form="rectification"]', { message: 'the 整改 form from the omission' });
  assert.equal(await app.s.property('form[data-form="rectification"] [name="sourceRef"]', 'value'), `spec:${second.id}`);
  assert.equal(await app.s.property('form[data-form="rectification"] [name="unitId"]', 'value'), String(second.unitId));
  await app.fill('rectification', { personName: '支部书记', deadline: '2026-12-10' });
  await app.shot('omission-rectification');
  await app.submit('rectification');
  await app.s.waitFor(async () => ((await ipc(app, 'spec_due')).find((r) => r.id === second.id)?.rectificationIds ?? []).length === 1, { message: 'the 整改 item linked to the omission' });
  const rects = await ipc(app, 'list_rectifications', {});
  const rect = rects.find((r) => r.sourceRef === `spec:${second.id}`);
  assert.equal(rect.sourceLabel, '周期工作漏项');

  // ---------- 漏项报告 offers 催办 and 整改; a 周期工作 checklist ticks many ----------
  await app.nav('omissions');
  await app.s.waitFor('table[data-table="omissions"] button[data-action="spec-remind"]', { message: '催办 on the omission report', timeout: 30_000 });
  await app.shot('omissions-follow-up');
  await app.nav('periodic');
  await app.s.click('div[data-view-tabs] button[data-view-tab="units"]');
  const unitRows = await app.waitRows('spec-units', (r) => r.length > 5, 'the units of the period');
  await app.s.click(`table[data-table="spec-units"] tr[data-id="${unitRows[0].id}"] td`);
  await app.s.waitFor('table[data-table="checklist"] input[data-pick]', { message: 'pick boxes on the checklist' });
  await app.s.click('table[data-table="checklist"] input[data-pick-all]', { what: 'pick all' });
  await app.s.waitFor(async () => /批量登记完成（\d+）/.test(await app.textOf('button[data-action="batch-done"]')), { message: 'the batch button counts the picked' });
  await app.shot('checklist-batch');

  // ---------- documents and meetings by dispatch kind ----------
  await app.nav('documents');
  await app.waitRows('docs', (r) => r.length > 2, 'the documents');
  const keyDocs = (await ipc(app, 'list_docs', { dispatchKind: 'key' })).length;
  assert.equal(keyDocs, 2, 'the key plan\'s two notices');
  await app.select('select[name="dispatchKindFilter"]', 'key');
  await app.waitRows('docs', (r) => r.length === keyDocs, 'only the documents of 重点 plans');
  await app.shot('documents-key');
  await app.nav('meetings');
  await app.waitRows('meetings', (r) => r.length > 2, 'the meetings');
  const special = (await ipc(app, 'list_meetings', { includeCancelled: true, dispatchKind: 'special' })).length;
  await app.select('select[name="dispatchKindFilter"]', 'special');
  await app.waitRows('meetings', (r) => r.length === special, 'only the meetings of 专项 work');
  await app.shot('meetings-special');

  // ---------- 年度统计 by dispatch kind ----------
  await app.nav('stats');
  await app.s.waitFor('table[data-table="stats-kinds"]', { message: 'the figures by kind' });
  await app.select('select[name="dispatchKind"]', 'key');
  const stats = await ipc(app, 'annual_stats', { year: 2026 });
  await app.s.waitFor(async () => (await app.s.executeScript('return document.querySelector(\'[data-figure="key_tasks_dispatched"]\').dataset.value')) === String(stats.byDispatchKind.key.keyTasksDispatched), { message: 'the key figures shown' });
  assert.equal(stats.keyTasksDispatched, stats.byDispatchKind.key.keyTasksDispatched);
  await app.shot('stats-by-kind');
});
