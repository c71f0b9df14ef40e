// n. The seed's chain, whole, in the real window (issue 14):
// 网络推进图 → select tasks → 生成调度令 → 签发 → 签收 → 反馈 (first without the
// photo the order asks for: flagged yellow on the order and on the task; then
// with a photo dropped on the window) → days later, past due, 催办 → 整改 →
// 验收/销号 → final feedback → 完成闭合; at each step the tasks' status on the
// chart follows the order (计划安排 → 组织实施 → 督办落实 → 整改完善 → 完成闭合).
// A second order, from the same selection, closes without its photo only
// with a 免报理由, which is recorded and shown.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { ADMIN, appTest, TEST_TODAY } from './lib/app.mjs';
import { clickInPanel, closeToasts, scrollIntoView, verifyAndCloseOut } from './lib/panel.mjs';
import { dropFiles, photoPng } from './lib/files.mjs';

// Eight working days after TEST_TODAY (Friday 2026-12-04): the order asks for a
// report every 3 working days; the 12-04 reports cover the 12-09 node, and the
// 12-14 one is overdue by then.
const LATER = '2026-12-16';
const LABEL = { planned: '计划安排', in_progress: '组织实施', supervising: '督办落实', rectifying: '整改完善', closed: '完成闭合' };
const PANEL = '[data-panel="doc"]';

appTest('n-chain', { today: TEST_TODAY, timeout: 600_000 }, async (app, t) => {
  await app.setupAdmin(ADMIN, 'load-sample');
  await app.s.waitFor(async () => !(await app.s.isVisible('.toast')), { timeout: 20_000, message: 'the start-up toast to go' });

  // Tasks not yet started, no paper out for them: two of one unit, one of another.
  const plans = (await app.invoke('list_plans', { input: { status: 'active' } })).value;
  let plan = null;
  let chosen = null;
  for (const p of plans) {
    const chart = (await app.invoke('get_chart', { input: { planId: p.id } })).value;
    const free = [];
    for (const x of chart.tasks) {
      if (x.kind !== 'task' || x.milestone || x.status !== 'planned' || !x.leadUnitId) continue;
      if (chart.tasks.some((y) => y.parentId === x.id)) continue;
      if ((await app.invoke('task_docs', { input: { taskId: x.id } })).value.length) continue;
      free.push(x);
    }
    const byUnit = new Map();
    for (const x of free) byUnit.set(x.leadUnitId, [...(byUnit.get(x.leadUnitId) ?? []), x]);
    const a = [...byUnit.values()].find((l) => l.length >= 2);
    const b = a && [...byUnit.values()].find((l) => l !== a);
    if (a && b) {
      plan = p;
      chosen = { a: a.slice(0, 2), b: b[0] };
      break;
    }
  }
  assert.ok(plan, 'the sample has planned tasks of two units with no paper out');
  const chainTasks = chosen.a.map((x) => x.id);
  const waivedTask = chosen.b.id;
  t.diagnostic(`plan ${plan.id}: order A tasks ${chainTasks.join(', ')} (${chosen.a[0].leadUnitName}); order B task ${waivedTask} (${chosen.b.leadUnitName})`);

  // ---------- the chart ----------
  async function openChart() {
    await app.nav('plans');
    await app.waitRows('plans', (r) => r.length > 0, 'the plans');
    await app.clickAction('open-plan', `table[data-table="plans"] tr[data-id="${plan.id}"]`);
    await app.s.waitFor(async () => (await app.s.executeScript('return document.querySelectorAll("tr[data-task-id]").length')) > 1, { timeout: 20_000, message: 'the chart rows' });
  }
  async function showTask(id) {
    await app.s.executeScript('document.querySelector("[data-gantt]").ganttApi.scrollToTask(arguments[0])', [id]);
    await app.s.waitFor(`tr[data-task-id="${id}"] td[data-col="status"]`, { message: `the row of task ${id}` });
  }
  // The status column of the chart, as the office reads it, and the core's.
  async function expectOnChart(ids, status, step) {
    await openChart();
    for (const id of ids) {
      await showTask(id);
      await app.s.waitFor(async () => (await app.textOf(`tr[data-task-id="${id}"] td[data-col="status"]`)) === LABEL[status], {
        timeout: 15_000,
        message: `task ${id} shows ${LABEL[status]} on the chart after ${step}`,
      });
      const core = (await app.invoke('get_chart', { input: { planId: plan.id } })).value.tasks.find((x) => x.id === id);
      assert.equal(core.status, status, `task ${id} after ${step}`);
    }
  }

  await openChart();
  await showTask(chainTasks[0]);
  await app.s.click(`tr[data-task-id="${chainTasks[0]}"] td[data-col="name"]`);
  await app.s.waitFor(async () => (await app.s.executeScript('return document.querySelector("[data-gantt]").ganttApi.selectedId()')) === chainTasks[0], { message: 'the task selected on the chart' });
  await app.shot('chart-selected-task');
  await app.clickAction('orders-from-tasks');
  const dlg = 'dialog[data-dialog="orders-from-tasks"]';
  await app.s.waitFor(`${dlg} form[data-form="orders-from-tasks"]`, { message: 'the 生成调度令 dialog' });
  assert.ok(await app.s.property(`${dlg} input[data-task-pick="${chainTasks[0]}"]`, 'checked'), 'the chart selection comes ticked');
  for (const id of [chainTasks[1], waivedTask]) await app.s.click(`${dlg} input[data-task-pick="${id}"]`);
  await app.s.waitFor(async () => (await app.s.executeScript(`return document.querySelector('${dlg} [data-notice-preview]').dataset.count`)) === '2', { message: 'two orders previewed' });
  await app.select(`${dlg} [name="urgency"]`, 'urgent');
  assert.ok(await app.s.property(`${dlg} input[name="feedbackForms"][value="image"]`, 'checked'), 'pictures are asked for');
  await app.fill('orders-from-tasks', { feedbackEvery: '3', requirements: '每3个工作日以文字和现场照片反馈进展。' });
  await scrollIntoView(app, `${dlg} [data-notice-preview]`);
  await app.shot('orders-from-tasks-dialog');
  await app.submit('orders-from-tasks');
  await app.s.waitFor(`${dlg} [data-orders-created="2"]`, { timeout: 15_000, message: 'two draft orders made' });
  await closeToasts(app);
  await app.shot('orders-created');
  await app.clickAction('close-notices', dlg);

  const docs = (await app.invoke('list_docs', { input: { kind: 'order' } })).value;
  const orderA = docs.find((d) => d.taskIds.length === 2 && chainTasks.every((id) => d.taskIds.includes(id)));
  const orderB = docs.find((d) => d.taskIds.length === 1 && d.taskIds[0] === waivedTask);
  assert.ok(orderA && orderB, 'each order carries its unit’s tasks');
  assert.equal(orderA.status, 'draft');
  assert.deepEqual(orderA.feedbackRule.forms, ['text', 'image']);

  // ---------- 签发 and 签收 ----------
  async function openOrder(id, status = null) {
    await app.nav('documents');
    await app.waitRows('docs', (r) => r.some((row) => row.id === String(id)), 'the orders');
    await app.s.click(`table[data-table="docs"] tr[data-id="${id}"] td`);
    await app.s.waitFor(`${PANEL} .doc-detail${status ? `[data-status="${status}"]` : ''}`, { timeout: 15_000, message: `order ${id} opened` });
  }
  for (const order of [orderA, orderB]) {
    await openOrder(order.id, 'draft');
    await app.clickAction('sign', PANEL);
    await app.s.waitFor('dialog[data-dialog="sign"] form[data-form="sign"]', { message: 'the sign dialog' });
    await app.fill('sign', { password: ADMIN.password });
    await app.submit('sign');
    await app.s.waitFor(`${PANEL} .doc-detail[data-status="issued"]`, { timeout: 20_000, message: 'the signed order' });
    await closeToasts(app);
    await app.clickAction('receive', PANEL);
    await app.s.waitFor('dialog[data-dialog="receive"] form[data-form="receive"]', { message: 'the receipt dialog' });
    await app.fill('receive', { receivedBy: '刘志强' });
    await app.submit('receive');
    await app.s.waitFor(`${PANEL} .doc-detail[data-status="received"]`, { timeout: 15_000, message: 'the received order' });
    await closeToasts(app);
  }
  await app.shot('order-received');
  await expectOnChart(chainTasks, 'planned', '签发和签收');

  // ---------- 反馈: first without the photo the order asks for ----------
  async function addFeedback(values, files = []) {
    await clickInPanel(app, 'add-feedback', PANEL);
    await app.s.waitFor('dialog[data-dialog="feedback"] form[data-form="feedback"]', { message: 'the feedback form' });
    await app.fill('feedback', values);
    if (files.length) {
      await dropFiles(app, files);
      await app.s.waitFor('form[data-form="feedback"] [data-attachment] img[data-thumb]', { timeout: 20_000, message: 'the dropped photo in the form' });
    }
    await app.submit('feedback');
    await app.s.waitFor(async () => !(await app.s.isVisible('dialog[data-dialog="feedback"]')), { timeout: 15_000, message: 'the feedback dialog to close' });
  }
  await openOrder(orderA.id, 'received');
  await addFeedback({ personName: '刘志强', progress: '20', text: '已召开支委会专题部署，明确专人负责。' });
  await app.s.waitFor(`${PANEL} [data-feedback-list] article[data-missing-forms="图片"] [data-feedback-flag]`, { timeout: 15_000, message: 'the report without a photo flagged' });
  await app.s.waitFor(`${PANEL} [data-loop-flag="最近一次反馈缺少图片"]`, { timeout: 15_000, message: 'the order flagged' });
  assert.equal((await app.invoke('get_doc', { input: { id: orderA.id } })).value.feedbackFlag, '最近一次反馈缺少图片', 'the order flagged in the core');
  await closeToasts(app);
  await scrollIntoView(app, `${PANEL} section[data-section="feedback"]`);
  await app.shot('order-flagged-feedback');
  await expectOnChart(chainTasks, 'in_progress', '反馈');
  // The task panel lists its orders; the order is yellow there too.
  await showTask(chainTasks[0]);
  await app.s.click(`tr[data-task-id="${chainTasks[0]}"] td[data-col="name"]`);
  await app.s.click('button[data-action="task-detail"]');
  const taskPanel = '[data-panel="task"]';
  await app.s.waitFor(`${taskPanel} section[data-section="task-docs"] li[data-doc-id="${orderA.id}"][data-flag="最近一次反馈缺少图片"]`, { timeout: 20_000, message: 'the order, flagged, in the task panel' });
  await app.s.waitFor(`${taskPanel} [data-loop-flag="最近一次反馈缺少图片"]`, { timeout: 20_000, message: 'the task flagged' });
  await closeToasts(app);
  await scrollIntoView(app, `${taskPanel} section[data-section="task-docs"]`);
  await app.shot('task-panel-orders');

  // ---------- 反馈 with a photo dropped on the window ----------
  const dir = mkdtempSync(join(os.tmpdir(), 'diaodu-n-chain-'));
  const photo = join(dir, '支委会现场.png');
  writeFileSync(photo, photoPng());
  await openOrder(orderA.id);
  await addFeedback({ personName: '刘志强', progress: '40', text: '台账整理过半，现场照片附后。' }, [photo]);
  await app.s.waitFor(`${PANEL} [data-feedback-list] article[data-missing-forms=""] [data-attachment] img[data-thumb]`, { timeout: 15_000, message: 'the report with its photo' });
  await app.s.waitFor(async () => !(await app.s.isVisible(`${PANEL} [data-loop-flag]`)), { timeout: 15_000, message: 'the flag to clear' });
  await closeToasts(app);
  await scrollIntoView(app, `${PANEL} section[data-section="feedback"]`);
  await app.shot('order-feedback-photo');
  await expectOnChart(chainTasks, 'in_progress', '带照片的反馈');

  // ---------- days later, past due: 催办 ----------
  app.today = LATER;
  await app.restart();
  await app.waitScreen('login');
  await app.login(ADMIN.username, ADMIN.password);
  await openOrder(orderA.id);
  await app.s.waitFor(`${PANEL} section[data-section="supervision"][data-due-state="overdue"]`, { timeout: 20_000, message: 'the order overdue on its feedback nodes' });
  await clickInPanel(app, 'remind', PANEL);
  await app.s.waitFor('dialog[data-dialog="preview"] img[data-preview-page]', { timeout: 60_000, message: 'the reminder notice previewed' });
  await app.shot('reminder-preview');
  await app.clickAction('close-preview', 'dialog[data-dialog="preview"]');
  const sent = (await app.invoke('list_reminders_sent', { input: {} })).value;
  assert.ok(sent.some((r) => r.targetKind === 'document' && r.targetId === orderA.id), 'the reminder is recorded');
  await expectOnChart(chainTasks, 'supervising', '催办');

  // ---------- 整改 on the order ----------
  const special = new Map((await app.invoke('list_calendar_days', { input: { year: 2026 } })).value.map((c) => [c.date, c.working]));
  const d = new Date(2026, 11, 21);
  const iso = (x) => `${x.getFullYear()}-${String(x.getMonth() + 1).padStart(2, '0')}-${String(x.getDate()).padStart(2, '0')}`;
  while (special.has(iso(d)) ? !special.get(iso(d)) : d.getDay() === 0 || d.getDay() === 6) d.setDate(d.getDate() + 1);
  await openOrder(orderA.id);
  await clickInPanel(app, 'add-rectification', PANEL);
  const rectForm = 'dialog[data-dialog="rectification"] form[data-form="rectification"]';
  await app.s.waitFor(rectForm, { message: 'the rectification dialog' });
  await app.select(`${rectForm} [name="source"]`, 'supervision');
  await app.fill('rectification', {
    sourceRef: '催办',
    problem: '未按节点报送12月9日的进展和照片。',
    itemName: '补报进展并落实按期反馈',
    personName: '刘志强',
    deadline: iso(d),
    measures: '补报进展，指定专人按节点报送。',
  });
  await app.submit('rectification');
  await app.s.waitFor(async () => !(await app.s.isVisible('dialog[data-dialog="rectification"]')), { timeout: 15_000, message: 'the rectification dialog to close' });
  await closeToasts(app);
  await expectOnChart(chainTasks, 'rectifying', '整改');

  // 验收 and 销号 on the 整改 page, reached from the order's timeline.
  await openOrder(orderA.id);
  await app.s.waitFor(`${PANEL} [data-timeline] li[data-event="rectification"] button.timeline__title`, { timeout: 15_000, message: 'the rectification on the order timeline' });
  await app.s.click(`${PANEL} [data-timeline] li[data-event="rectification"] button.timeline__title`);
  await verifyAndCloseOut(app, { verifiedBy: '赵敏', note: '已补报，按节点反馈' });

  // ---------- final feedback and 完成闭合 ----------
  await openOrder(orderA.id);
  await addFeedback({ personName: '刘志强', text: '两项任务均已完成，台账和照片已报党建调度室。', isFinal: true });
  await app.s.waitFor(`${PANEL} [data-feedback-list] article[data-final="true"]`, { timeout: 15_000, message: 'the final feedback' });
  await app.s.waitFor(async () => !(await app.s.executeScript(`const b = document.querySelector('${PANEL} button[data-action="close-loop"]'); return !b || b.disabled`)), { timeout: 10_000, message: 'the close button enabled' });
  await clickInPanel(app, 'close-loop', PANEL);
  await app.s.waitFor('dialog[data-dialog="close-loop"]', { message: 'the close dialog' });
  assert.ok(!(await app.s.isVisible('dialog[data-dialog="close-loop"] [data-waiver-needed]')), 'the photo was reported: no waiver asked');
  await app.fill('close-loop', { note: '经核查两项任务已完成，同意闭合' });
  await app.s.click('dialog[data-dialog="close-loop"] button[data-action="submit"]');
  await app.s.waitFor(`${PANEL} [data-closure]`, { timeout: 15_000, message: 'the order closed' });
  await closeToasts(app);
  await scrollIntoView(app, `${PANEL} section[data-section="loop"]`);
  await app.shot('order-closed');
  await expectOnChart(chainTasks, 'closed', '完成闭合');
  await showTask(chainTasks[1]);
  await app.shot('chart-tasks-closed');

  // ---------- order B: closed without its photo only with a 免报理由 ----------
  await openOrder(orderB.id, 'received');
  await addFeedback({ personName: '孙丽', text: '任务已完成，相关台账已归档。', isFinal: true });
  await app.s.waitFor(`${PANEL} [data-feedback-list] article[data-final="true"][data-missing-forms="图片"]`, { timeout: 15_000, message: 'the final report flagged' });
  await clickInPanel(app, 'close-loop', PANEL);
  await app.s.waitFor('dialog[data-dialog="close-loop"] [data-waiver-needed]', { message: 'the close dialog asks for a waiver' });
  await app.s.click('dialog[data-dialog="close-loop"] button[data-action="submit"]');
  await app.s.waitFor(async () => (await app.textOf('form[data-form="close-loop"] .field-error[data-for="waiver"]')).length > 0, { message: 'no close without the reason' });
  const reason = '涉密场所不宜拍照，已由督办人现场核查';
  await app.fill('close-loop', { waiver: reason });
  await app.shot('close-with-waiver');
  await app.s.click('dialog[data-dialog="close-loop"] button[data-action="submit"]');
  await app.s.waitFor(async () => (await app.textOf(`${PANEL} [data-evidence-waiver]`)).includes(reason), { timeout: 15_000, message: 'the waiver and its reason shown on the closed order' });
  await closeToasts(app);
  await scrollIntoView(app, `${PANEL} section[data-section="loop"]`);
  await app.shot('order-closed-waiver');
  const audit = (await app.invoke('list_audit', { input: { entity: 'document' } })).value;
  assert.ok(audit.rows.some((r) => r.action === 'close' && r.summary.includes(`免报理由：${reason}`)), 'the waiver is in the audit log');
  await expectOnChart([waivedTask], 'closed', '免报闭合');
});
