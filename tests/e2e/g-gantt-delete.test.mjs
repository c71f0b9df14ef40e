// g. Deleting tasks in the real window, the user's way (select a row, 删除, confirm):
// a task other records refer to is refused with the core's message naming them,
// and the window offers 关闭 (the task's closed loop) or 撤销 (kept, marked 已撤销,
// with a reason) instead; Ctrl+Z / 撤销 takes the 撤销 back. A task nothing refers
// to is deleted, and undo brings it back from the delete's own record, same id.
import assert from 'node:assert/strict';
import { ADMIN, appTest, TEST_TODAY } from './lib/app.mjs';

async function openSamplePlan(app) {
  await app.nav('plans');
  await app.waitRows('plans', (r) => r.length > 0, 'the sample plan in the list');
  const plans = (await app.invoke('list_plans', { input: { status: 'all' } })).value;
  const plan = plans.find((p) => p.taskCount > 0);
  await app.clickAction('open-plan', `table[data-table="plans"] tr[data-id="${plan.id}"]`);
  await app.s.waitFor('canvas[data-gantt-canvas]', { timeout: 20_000, message: 'the chart canvas' });
  await app.s.waitFor(async () => (await app.s.executeScript('return document.querySelectorAll("tr[data-task-id]").length')) > 3, { timeout: 20_000, message: 'table rows' });
  return plan;
}

const chartOf = async (app, planId) => (await app.invoke('get_chart', { input: { planId } })).value;

// Selects the task's row with a click, as a user does.
async function selectRow(app, id) {
  await app.s.executeScript('document.querySelector("[data-gantt]").ganttApi.scrollToTask(arguments[0])', [id]);
  const cell = `[data-gantt-grid-body] tr[data-task-id="${id}"] td:nth-child(2)`;
  await app.s.waitFor(cell, { message: `the row of task ${id}` });
  await app.s.click(cell);
  await app.s.waitFor(async () => (await app.s.executeScript('return document.querySelector("[data-gantt]").ganttApi.selectedId()')) === id, { message: `task ${id} selected` });
}

async function deleteSelected(app) {
  await app.s.click('button[data-action="delete-task"]');
  await app.s.waitFor('dialog[data-dialog="confirm"] button[data-action="confirm"]', { message: 'the delete confirmation' });
  await app.s.click('dialog[data-dialog="confirm"] button[data-action="confirm"]');
}

appTest('g-gantt-delete', { today: TEST_TODAY }, async (app, t) => {
  await app.setupAdmin(ADMIN, 'load-sample');
  await app.s.waitFor(async () => !(await app.s.isVisible('.toast')), { timeout: 15_000, message: 'the start-up toast to go' });
  const plan = await openSamplePlan(app);
  const chart = await chartOf(app, plan.id);

  // A piece of work the sample's units reported on.
  let referenced = null;
  for (const task of chart.tasks) {
    if (task.kind !== 'task' || chart.tasks.some((x) => x.parentId === task.id) || task.status === 'closed') continue;
    const feedback = (await app.invoke('list_feedback', { input: { targetKind: 'task', targetId: task.id } })).value;
    if (feedback.length > 0) {
      referenced = task;
      break;
    }
  }
  assert.ok(referenced, 'a task with feedback in the sample');
  t.diagnostic(`referenced: ${referenced.outline} ${referenced.name} (${referenced.status})`);

  // 删除 → refused, naming what refers to it; 关闭 opens the task's closed loop.
  await selectRow(app, referenced.id);
  await deleteSelected(app);
  await app.s.waitFor('dialog[data-dialog="delete-refused"]', { timeout: 10_000, message: 'the refusal with what to do instead' });
  const refusal = await app.textOf('dialog[data-dialog="delete-refused"] [data-refusal]');
  t.diagnostic(refusal);
  assert.match(refusal, /^该任务已有\d+条反馈.*引用，不能删除；可改为撤销或关闭$/);
  await app.shot('delete-refused');
  await app.s.click('dialog[data-dialog="delete-refused"] button[data-action="close-task"]');
  await app.s.waitFor('aside[data-panel="task"]', { message: 'the task panel with its closed loop' });
  await app.shot('close-offered');
  await app.clickAction('close-panel');
  assert.ok((await chartOf(app, plan.id)).tasks.some((x) => x.id === referenced.id), 'nothing deleted');

  // Again, and 撤销 with a reason: kept, marked 已撤销.
  await selectRow(app, referenced.id);
  await deleteSelected(app);
  await app.s.waitFor('dialog[data-dialog="delete-refused"] button[data-action="cancel-task"]', { message: 'the refusal again' });
  await app.s.click('dialog[data-dialog="delete-refused"] button[data-action="cancel-task"]');
  await app.s.waitFor('dialog[data-dialog="confirm"] textarea[name="reason"]', { message: 'the reason for 撤销' });
  await app.s.sendKeys('dialog[data-dialog="confirm"] textarea[name="reason"]', '已并入年度重点工作');
  await app.shot('cancel-reason');
  await app.s.click('dialog[data-dialog="confirm"] button[data-action="confirm"]');
  await app.s.waitFor(async () => (await chartOf(app, plan.id)).tasks.find((x) => x.id === referenced.id).status === 'cancelled', { message: 'the task cancelled' });
  await app.s.waitFor(async () => /已撤销/.test(await app.textOf(`[data-gantt-grid-body] tr[data-task-id="${referenced.id}"]`)), { message: '已撤销 in its row' });
  await app.shot('task-cancelled');
  // Its panel says so and offers 恢复任务.
  await app.s.click('button[data-action="task-detail"]');
  await app.s.waitFor('aside[data-panel="task"] [data-cancelled]', { message: 'the panel marks it 已撤销' });
  assert.ok(await app.s.isVisible('aside[data-panel="task"] button[data-action="resume-task"]'), '恢复任务 offered');
  assert.ok(!(await app.s.isVisible('aside[data-panel="task"] button[data-action="cancel-task"]')));
  await app.shot('task-cancelled-panel');
  await app.clickAction('close-panel');
  const audit = (await app.invoke('list_audit', { input: { entity: 'task', limit: 5 } })).value;
  assert.ok(audit.rows.some((r) => r.summary.includes('已并入年度重点工作')), 'the 撤销 is audited with its reason');

  // Undo takes the 撤销 back: the status it had.
  await app.s.click('button[data-action="undo"]');
  await app.s.waitFor(async () => (await chartOf(app, plan.id)).tasks.find((x) => x.id === referenced.id).status === referenced.status, { message: 'the status it had' });

  // A task nothing refers to: added, deleted, and brought back by undo.
  await selectRow(app, referenced.id);
  const before = new Set((await chartOf(app, plan.id)).tasks.map((x) => x.id));
  await app.s.click('button[data-action="add-task"]');
  let added = null;
  await app.s.waitFor(async () => {
    added = (await chartOf(app, plan.id)).tasks.find((x) => !before.has(x.id));
    return Boolean(added);
  }, { message: 'the new task' });
  await app.s.waitFor('.gantt-editor', { message: 'the name editor of the new task' });
  await app.s.sendKeys('.gantt-editor input', '\uE00C'); // Escape
  await selectRow(app, added.id);
  await deleteSelected(app);
  await app.s.waitFor(async () => !(await chartOf(app, plan.id)).tasks.some((x) => x.id === added.id), { message: 'the new task deleted' });
  await app.shot('deleted');
  await app.s.click('button[data-action="undo"]');
  await app.s.waitFor(async () => (await chartOf(app, plan.id)).tasks.some((x) => x.id === added.id), { message: 'undo brings it back under its id' });
  await app.s.waitFor(`[data-gantt-grid-body] tr[data-task-id="${added.id}"]`, { message: 'its row again' });
  await app.shot('delete-undone');
  const log = (await app.invoke('list_audit', { input: { entity: 'task', limit: 3 } })).value;
  assert.ok(log.rows.some((r) => r.action === 'reinstate' && r.summary.includes('撤销删除')), 'the undo is audited');
});
