// j. Closing the loop through the real window, on the sample data:
//  - feedback on an order with a photo dropped on the window (the shell's drag-and-drop
//    event): its thumbnail shows in the form and on the saved feedback;
//  - a rectification registered under 三定 (a deadline on a day off first → the message
//    beside the field) refuses 销号 before 验收, then is verified and closed out;
//  - a task gets its final feedback, is closed with the office's sign-off and shows its
//    whole path as a timeline;
//  - the 整改 list with its due-soon/overdue marks and the attachment limit in 设置.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { ADMIN, appTest, TEST_TODAY, testNow } from './lib/app.mjs';
import { clickInPanel, closeToasts, scrollIntoView } from './lib/panel.mjs';
import { dropFiles, photoPng } from './lib/files.mjs';


function workingDayAhead(days) {
  const d = testNow();
  d.setDate(d.getDate() + days);
  while (d.getDay() === 0 || d.getDay() === 6) d.setDate(d.getDate() + 1);
  return d;
}
const iso = (d) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;

appTest('j-loop', { today: TEST_TODAY }, async (app, t) => {
  await app.setupAdmin(ADMIN, 'load-sample');
  await app.s.waitFor(async () => !(await app.s.isVisible('.toast')), { timeout: 20_000, message: 'the start-up toast to go' });

  // ---------- feedback with a photo on an order ----------
  const docs = (await app.invoke('list_docs', { input: {} })).value;
  const order = docs.find((d) => d.kind === 'order' && d.status === 'in_progress');
  assert.ok(order, 'the sample has an order in progress');
  await app.nav('documents');
  await app.waitRows('docs', (r) => r.length === docs.length, 'the documents');
  await app.s.click(`table[data-table="docs"] tr[data-id="${order.id}"] td`);
  const panel = '[data-panel="doc"]';
  await app.s.waitFor(`${panel} [data-loop-section] section[data-section="feedback"] button[data-action="add-feedback"]`, { timeout: 15_000, message: 'the feedback section of the order' });
  const before = (await app.invoke('list_feedback', { input: { targetKind: 'document', targetId: order.id } })).value;
  await app.shot('order-loop');

  await clickInPanel(app, 'add-feedback', panel);
  await app.s.waitFor('dialog[data-dialog="feedback"] form[data-form="feedback"]', { message: 'the feedback form' });
  const dir = mkdtempSync(join(os.tmpdir(), 'diaodu-j-'));
  const photo = join(dir, '支部活动现场.png');
  writeFileSync(photo, photoPng());
  const bad = join(dir, '说明.exe');
  writeFileSync(bad, Buffer.from('MZ\x90\x00\x03\x00\x00\x00program', 'binary'));
  await app.fill('feedback', { personName: '王书记', progress: '70', text: '已组织全体党员集中学习，现场照片附后。' });
  await dropFiles(app, [photo, bad]);
  const thumbInForm = 'form[data-form="feedback"] [data-attachment] img[data-thumb]';
  await app.s.waitFor(thumbInForm, { timeout: 20_000, message: 'the thumbnail of the dropped photo in the form' });
  const refusal = await app.textOf('form[data-form="feedback"] .field-error[data-for="attachments"]');
  assert.match(refusal, /说明\.exe.*类型不在允许范围内/, 'the disallowed file is refused by name');
  await app.shot('feedback-form-photo');
  await app.submit('feedback');
  await app.s.waitFor(async () => !(await app.s.isVisible('dialog[data-dialog="feedback"]')), { timeout: 15_000, message: 'the dialog to close' });
  const thumbSaved = `${panel} [data-feedback-list] article[data-feedback-id] [data-attachment] img[data-thumb]`;
  await app.s.waitFor(thumbSaved, { timeout: 15_000, message: 'the thumbnail on the saved feedback' });
  const after = (await app.invoke('list_feedback', { input: { targetKind: 'document', targetId: order.id } })).value;
  assert.equal(after.length, before.length + 1);
  assert.equal(after[0].attachments.length, 1);
  assert.equal(after[0].attachments[0].name, '支部活动现场.png');
  assert.equal(after[0].progress, 70);
  const loaded = await app.s.executeScript('const i = document.querySelector(arguments[0]); return i && i.complete && i.naturalWidth > 0', [thumbSaved]);
  assert.ok(loaded, 'the thumbnail image is drawn');
  await scrollIntoView(app, `${panel} section[data-section="feedback"]`);
  await closeToasts(app);
  await app.shot('feedback-saved-thumbnail');
  await scrollIntoView(app, `${panel} section[data-section="timeline"]`);
  await app.shot('order-timeline');
  // A rectification can be registered right from the order (the panel stays).
  await clickInPanel(app, 'add-rectification', panel);
  await app.s.waitFor('dialog[data-dialog="rectification"] form[data-form="rectification"]', { message: 'the rectification dialog over the order' });
  await app.shot('rectification-from-order');
  await app.s.click('dialog[data-dialog="rectification"] button[data-action="cancel"]');

  // ---------- a rectification: no close-out before verification ----------
  await app.nav('rectifications');
  const listed = (await app.invoke('list_rectifications', { input: {} })).value;
  await app.waitRows('rectifications', (r) => r.length === listed.length, 'the sample rectifications');
  assert.ok(await app.s.isVisible('table[data-table="rectifications"] [data-due="overdue"]'), 'an overdue one is marked');
  assert.ok(await app.s.isVisible('table[data-table="rectifications"] [data-due="due_soon"]'), 'a due-soon one is marked');
  await app.shot('rectifications-list');

  await app.clickAction('new-rectification', '[data-page-actions]');
  await app.s.waitFor('[data-panel="rectification-form"] form[data-form="rectification"]', { message: 'the rectification form' });
  const units = await app.options('form[data-form="rectification"] [name="unitId"]');
  const unit = units.find((o) => o.label.includes('党支部')) ?? units.find((o) => o.value);
  const sunday = testNow();
  sunday.setDate(sunday.getDate() + ((7 - sunday.getDay()) % 7 || 7));
  await app.select('form[data-form="rectification"] [name="source"]', 'inspection');
  await app.fill('rectification', {
    sourceRef: '综合大检查-第3组',
    problem: '支部学习园地内容未更新，缺少本季度学习记录。',
    itemName: '学习园地更新',
    personName: '刘志强',
    deadline: iso(sunday),
    unitId: unit.value,
    measures: '更换学习园地内容，补齐学习记录。',
  });
  await app.submit('rectification');
  const deadlineError = 'form[data-form="rectification"] .field-error[data-for="deadline"]';
  await app.s.waitFor(async () => (await app.textOf(deadlineError)).length > 0, { message: 'the deadline message beside the field' });
  assert.match(await app.textOf(deadlineError), /不是工作日/);
  await app.shot('rectification-deadline-refused');
  const due = iso(workingDayAhead(7));
  await app.s.executeScript('document.querySelector(arguments[0]).value = ""', ['form[data-form="rectification"] [name="deadline"]']);
  await app.fill('rectification', { deadline: due });
  await app.submit('rectification');
  const rect = '[data-panel="rectification"] .rect-detail';
  let created;
  try {
    await app.s.waitFor(`${rect}[data-status="open"]`, { timeout: 15_000, message: 'the new rectification in the detail panel' });
  } catch (e) {
    // A statutory holiday a week ahead: take the date the core suggests.
    const msg = await app.textOf(deadlineError);
    const m = /如 (\d{4}-\d{2}-\d{2})/.exec(msg);
    if (!m) throw e;
    await app.s.executeScript('document.querySelector(arguments[0]).value = ""', ['form[data-form="rectification"] [name="deadline"]']);
    await app.fill('rectification', { deadline: m[1] });
    await app.submit('rectification');
    await app.s.waitFor(`${rect}[data-status="open"]`, { timeout: 15_000, message: 'the new rectification in the detail panel' });
  }
  created = await app.s.executeScript(`return document.querySelector('${rect}').dataset.rectId`);
  assert.equal(await app.textOf(`${rect} [data-detail="itemName"]`), '学习园地更新');
  await app.shot('rectification-detail');

  await clickInPanel(app, 'closeout', rect);
  await app.s.waitFor('dialog[data-dialog="closeout-rect"]', { message: 'the close-out dialog' });
  await app.s.click('dialog[data-dialog="closeout-rect"] button[data-action="submit"]');
  await app.s.waitFor(async () => (await app.textOf('dialog[data-dialog="closeout-rect"] .form-error')).length > 0, { message: 'the refusal in the dialog' });
  assert.match(await app.textOf('dialog[data-dialog="closeout-rect"] .form-error'), /尚未验收.*须验收通过后才能销号/);
  await app.shot('closeout-refused');
  await app.s.click('dialog[data-dialog="closeout-rect"] button[data-action="cancel"]');
  assert.equal((await app.invoke('get_rectification', { input: { id: Number(created) } })).value.status, 'open');

  await clickInPanel(app, 'verify', rect);
  await app.s.waitFor('dialog[data-dialog="verify-rect"] form[data-form="verify-rect"]', { message: 'the verification form' });
  await app.fill('verify-rect', { verifiedBy: '赵卫东', result: 'pass', note: '学习园地已更新，记录齐全' });
  await app.shot('verify-form');
  await app.submit('verify-rect');
  await app.s.waitFor(`${rect}[data-status="verified"]`, { timeout: 15_000, message: 'verified' });
  await clickInPanel(app, 'closeout', rect);
  await app.s.waitFor('dialog[data-dialog="closeout-rect"]', { message: 'the close-out dialog again' });
  await app.s.click('dialog[data-dialog="closeout-rect"] button[data-action="submit"]');
  await app.s.waitFor(`${rect}[data-status="closed"]`, { timeout: 15_000, message: 'closed out' });
  const history = await app.s.executeScript(`return [...document.querySelectorAll('${rect} [data-rect-history] li')].map(li => li.dataset.to)`);
  assert.deepEqual(history, ['open', 'verified', 'closed']);
  await closeToasts(app);
  await app.shot('rectification-closed');

  // ---------- a task: final feedback, sign-off, timeline ----------
  const plans = (await app.invoke('list_plans', { input: { status: 'all' } })).value;
  const plan = plans.find((p) => p.taskCount > 0);
  const chart = (await app.invoke('get_chart', { input: { planId: plan.id } })).value;
  const open = (await app.invoke('list_rectifications', { input: { status: 'open' } })).value.concat((await app.invoke('list_rectifications', { input: { status: 'verified' } })).value);
  const blocked = new Set(open.filter((r) => r.targetKind === 'task').map((r) => r.targetId));
  const task = chart.tasks.find((x) => x.kind === 'task' && x.status === 'in_progress' && x.progress < 100 && !blocked.has(x.id) && !chart.tasks.some((c) => c.parentId === x.id));
  assert.ok(task, 'a task under way with no open rectification');
  t.diagnostic(`closing task ${task.outline} ${task.name}`);
  await app.nav('plans');
  await app.waitRows('plans', (r) => r.length > 0, 'the plans');
  await app.clickAction('open-plan', `table[data-table="plans"] tr[data-id="${plan.id}"]`);
  await app.s.waitFor(async () => (await app.s.executeScript('return document.querySelectorAll("tr[data-task-id]").length')) > 3, { timeout: 20_000, message: 'the chart rows' });
  await app.s.executeScript('document.querySelector("[data-gantt]").ganttApi.scrollToTask(arguments[0])', [task.id]);
  await app.s.waitFor(async () => (await app.s.executeScript('return document.querySelector("[data-gantt]").ganttApi.selectedId()')) === task.id, { message: `task ${task.id} selected in the chart` });
  await app.s.click('button[data-action="task-detail"]');
  const taskPanel = '[data-panel="task"]';
  await app.s.waitFor(`${taskPanel} [data-loop-section][data-target-id="${task.id}"] button[data-action="add-feedback"]`, { timeout: 15_000, message: 'the loop section of the task' });
  await scrollIntoView(app, `${taskPanel} section[data-section="loop"]`);
  assert.ok(await app.s.executeScript(`return document.querySelector('${taskPanel} button[data-action="close-loop"]').disabled`), 'no close without a final feedback');
  assert.match(await app.textOf(`${taskPanel} [data-loop-blockers]`), /最终反馈/);
  await app.shot('task-loop-open');

  await clickInPanel(app, 'add-feedback', taskPanel);
  await app.s.waitFor('dialog[data-dialog="feedback"] form[data-form="feedback"]', { message: 'the feedback form for the task' });
  await app.fill('feedback', { personName: '张建华', text: '任务已全部完成，台账已归档。', isFinal: true });
  await app.submit('feedback');
  await app.s.waitFor(`${taskPanel} [data-feedback-list] article[data-final="true"]`, { timeout: 15_000, message: 'the final feedback on the task' });
  await app.s.waitFor(async () => !(await app.s.executeScript(`const b = document.querySelector('${taskPanel} button[data-action="close-loop"]'); return !b || b.disabled`)), { timeout: 10_000, message: 'the close button to be enabled' });
  await clickInPanel(app, 'close-loop', taskPanel);
  await app.s.waitFor('dialog[data-dialog="close-loop"]', { message: 'the close dialog' });
  await app.fill('close-loop', { note: '经核查已完成，同意闭合' });
  await app.shot('close-loop-dialog');
  await app.s.click('dialog[data-dialog="close-loop"] button[data-action="submit"]');
  await app.s.waitFor(`${taskPanel} [data-closure]`, { timeout: 15_000, message: 'the closure on the task panel' });
  assert.match(await app.textOf(`${taskPanel} [data-closure]`), /系统管理员.*签认闭合/);
  const events = await app.s.executeScript(`return [...document.querySelectorAll('${taskPanel} [data-timeline] li[data-event]')].map(li => li.dataset.event)`);
  t.diagnostic(`timeline: ${events.join(' → ')}`);
  assert.equal(events[events.length - 1], 'closure', 'the timeline ends with the close-out');
  assert.ok(events.includes('plan') && events.includes('feedback'), 'the plan and the feedback are on the path');
  const status = (await app.invoke('loop_status', { input: { targetKind: 'task', targetId: task.id } })).value;
  assert.equal(status.stage, 'closed');
  const after2 = (await app.invoke('get_chart', { input: { planId: plan.id } })).value.tasks.find((x) => x.id === task.id);
  assert.equal(after2.status, 'closed');
  assert.equal(after2.progress, 100);
  await closeToasts(app);
  await scrollIntoView(app, `${taskPanel} section[data-section="loop"]`);
  await app.shot('task-closed');
  await scrollIntoView(app, `${taskPanel} section[data-section="timeline"]`);
  await app.shot('task-timeline');

  // ---------- the attachment limit in 设置 ----------
  await app.nav('settings');
  await app.s.waitFor('form[data-form="attachment-settings"]', { message: 'the attachment settings' });
  await app.s.waitFor(async () => (await app.s.property('form[data-form="attachment-settings"] [name="attachmentMaxMb"]', 'value')) === '2048', { message: 'the default limit' });
  await scrollIntoView(app, 'section[data-section="attachments"]');
  await app.shot('settings-attachments');
});
