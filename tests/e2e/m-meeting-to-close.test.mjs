// m. The whole loop in the real window, from a meeting decision to a closed
// task (计划安排 → 组织实施 → 督办落实 → 整改完善 → 完成闭合):
//  - a 党建调度例会 is recorded with a decision, which becomes a task of a
//    plan's stage in one step;
//  - on the chart, the task gets progress feedback, a supervision record and
//    a rectification under 三定, reached from the task's timeline, verified
//    and closed out on the 整改 page;
//  - back on the chart, the final feedback and the office's sign-off close
//    the task; its timeline begins with the meeting decision and ends with the
//    close, and the decision opens the meeting it came from;
//  - 一总结一通报 without being asked: after a restart, every stage that has
//    ended with no summary has a draft the app generated from the records.
import assert from 'node:assert/strict';
import { ADMIN, appTest, TEST_TODAY, testNow } from './lib/app.mjs';
import { clickInPanel, closeToasts, scrollIntoView, verifyAndCloseOut } from './lib/panel.mjs';

const iso = (d) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;

// The first working day at least `days` ahead on the app's own calendar
// (statutory holidays and make-up days included).
async function workingDayAhead(app, days) {
  const d = testNow();
  d.setDate(d.getDate() + days);
  const special = new Map();
  for (const year of [d.getFullYear(), d.getFullYear() + 1]) {
    for (const c of (await app.invoke('list_calendar_days', { input: { year } })).value) special.set(c.date, c.working);
  }
  for (;;) {
    const key = iso(d);
    const working = special.has(key) ? special.get(key) : d.getDay() !== 0 && d.getDay() !== 6;
    if (working) return key;
    d.setDate(d.getDate() + 1);
  }
}

const timelineKinds = (app, scope) => app.s.executeScript(`return [...document.querySelectorAll('${scope} [data-timeline] li[data-event]')].map(li => li.dataset.event)`);

appTest('m-meeting-to-close', { today: TEST_TODAY }, async (app, t) => {
  await app.setupAdmin(ADMIN, 'load-sample');
  await app.s.waitFor(async () => !(await app.s.isVisible('.toast')), { timeout: 20_000, message: 'the start-up toast to go' });
  const deadline = await workingDayAhead(app, 14);
  const rectDeadline = await workingDayAhead(app, 7);
  const units = (await app.invoke('list_units', { input: {} })).value;
  const branch = units.find((u) => u.kind === 'branch' && !u.retired);
  assert.ok(branch, 'the sample has a branch');

  // ---------- 计划安排: the meeting and its decision ----------
  await app.nav('meetings');
  await app.waitRows('meetings', (r) => r.length > 10, 'the sample meetings');
  await app.clickAction('new-meeting');
  await app.s.waitFor('[data-panel="meeting-form"] form[data-form="meeting"]', { message: 'the meeting form' });
  const text = `${branch.name}两周内完成党员积分管理台账整理并公示`;
  await app.fill('meeting', { kind: 'regular', chair: '王建国', attendees: '党委委员、各党委部门负责人', agenda: '调度本周党建重点工作', decisions: text });
  await app.submit('meeting');
  await app.s.waitFor('[data-panel="meeting"] li[data-decision-id]', { timeout: 20_000, message: 'the meeting with its decision' });
  const meetingId = Number(await app.s.executeScript(`return document.querySelector('[data-panel="meeting"] [data-meeting-id]').dataset.meetingId`));
  const decisionId = await app.s.executeScript(`return document.querySelector('[data-panel="meeting"] li[data-decision-id]').dataset.decisionId`);
  await app.shot('meeting-decision');

  await app.s.click(`[data-panel="meeting"] li[data-decision-id="${decisionId}"] button[data-action="to-task"]`);
  const taskForm = 'form[data-form="decision-task"]';
  await app.s.waitFor(`dialog[data-dialog="decision-task"] ${taskForm}`, { message: 'the decision → task dialog' });
  const plans = (await app.invoke('list_plans', { input: { status: 'active' } })).value;
  const plan = plans.find((p) => p.taskCount > 0) ?? plans[0];
  await app.select(`${taskForm} [name="planId"]`, String(plan.id));
  // The stages arrive with the chosen plan's chart.
  await app.s.waitFor(async () => (await app.options(`${taskForm} [name="parentId"]`)).length > 1, { timeout: 15_000, message: 'the plan stages' });
  const stage = (await app.options(`${taskForm} [name="parentId"]`)).find((o) => o.value);
  await app.select(`${taskForm} [name="parentId"]`, stage.value);
  await app.fill('decision-task', { name: '党员积分管理台账整理公示', leadUnitId: String(branch.id), deadline });
  await app.shot('decision-to-task');
  await app.submit('decision-task');
  await app.s.waitFor(`[data-panel="meeting"] li[data-decision-id="${decisionId}"][data-linked="task"]`, { timeout: 20_000, message: 'the decision linked to its task' });
  const meeting = (await app.invoke('get_meeting', { input: { id: meetingId } })).value;
  const taskId = meeting.decisions[0].taskId;
  assert.ok(taskId, 'the decision carries its task');
  await app.shot('decision-linked-task');
  const made = (await app.invoke('get_chart', { input: { planId: plan.id } })).value.tasks.find((x) => x.id === taskId);
  assert.equal(made.name, '党员积分管理台账整理公示');
  assert.equal(made.parentId, Number(stage.value));
  assert.equal(made.leadUnitId, branch.id);
  assert.equal(made.deadline, deadline);

  // ---------- 组织实施 and 督办落实 on the chart ----------
  async function openTask() {
    await app.nav('plans');
    await app.waitRows('plans', (r) => r.length > 0, 'the plans');
    await app.clickAction('open-plan', `table[data-table="plans"] tr[data-id="${plan.id}"]`);
    await app.s.waitFor(async () => (await app.s.executeScript('return document.querySelectorAll("tr[data-task-id]").length')) > 1, { timeout: 20_000, message: 'the chart rows' });
    await app.s.executeScript('document.querySelector("[data-gantt]").ganttApi.scrollToTask(arguments[0])', [taskId]);
    await app.s.waitFor(async () => (await app.s.executeScript('return document.querySelector("[data-gantt]").ganttApi.selectedId()')) === taskId, { message: `task ${taskId} selected in the chart` });
    await app.s.click('button[data-action="task-detail"]');
    await app.s.waitFor(`[data-panel="task"] [data-loop-section][data-target-id="${taskId}"] [data-timeline]`, { timeout: 20_000, message: 'the loop section of the task' });
  }
  const taskPanel = '[data-panel="task"]';
  await openTask();
  let kinds = await timelineKinds(app, taskPanel);
  assert.deepEqual(kinds.slice(0, 2), ['decision', 'plan'], 'the path begins with the meeting decision');

  await clickInPanel(app, 'add-feedback', taskPanel);
  await app.s.waitFor('dialog[data-dialog="feedback"] form[data-form="feedback"]', { message: 'the feedback form' });
  await app.fill('feedback', { personName: '李红梅', progress: '60', text: '积分台账已整理六成，公示栏正在制作。' });
  await app.submit('feedback');
  await app.s.waitFor(`${taskPanel} [data-feedback-list] article[data-feedback-id]`, { timeout: 15_000, message: 'the progress feedback' });

  await clickInPanel(app, 'add-supervision', taskPanel);
  await app.s.waitFor('dialog[data-dialog="supervision"] form[data-form="supervision"]', { message: 'the supervision form' });
  await app.fill('supervision', { method: 'onsite', supervisor: '赵敏', findings: '积分台账缺少三季度志愿服务加分依据。', result: '要求限期补齐，列入整改。' });
  await app.submit('supervision');
  await app.s.waitFor(async () => (await timelineKinds(app, taskPanel)).includes('supervision'), { timeout: 15_000, message: 'the supervision record on the timeline' });
  await closeToasts(app);
  await scrollIntoView(app, `${taskPanel} section[data-section="supervision"]`);
  await app.shot('task-supervised');

  // ---------- 整改完善: a rectification under 三定 ----------
  await clickInPanel(app, 'add-rectification', taskPanel);
  const rectForm = 'dialog[data-dialog="rectification"] form[data-form="rectification"]';
  await app.s.waitFor(rectForm, { message: 'the rectification dialog over the task' });
  await app.select(`${rectForm} [name="source"]`, 'supervision');
  await app.fill('rectification', {
    sourceRef: '现场督办',
    problem: '积分台账缺少三季度志愿服务加分依据。',
    itemName: '补齐积分加分依据',
    personName: '李红梅',
    deadline: rectDeadline,
    measures: '收集志愿服务签到表，逐人核对加分。',
  });
  await app.shot('task-rectification-form');
  await app.submit('rectification');
  await app.s.waitFor(async () => !(await app.s.isVisible('dialog[data-dialog="rectification"]')), { timeout: 15_000, message: 'the rectification dialog to close' });
  await app.s.waitFor(async () => (await timelineKinds(app, taskPanel)).includes('rectification'), { timeout: 15_000, message: 'the rectification on the timeline' });
  const st = (await app.invoke('loop_status', { input: { targetKind: 'task', targetId: taskId } })).value;
  assert.equal(st.stage, 'rectifying', 'an open rectification puts the task in 整改完善');
  assert.ok(!st.canClose, 'no close while the rectification is open');
  await closeToasts(app);
  await scrollIntoView(app, `${taskPanel} section[data-section="timeline"]`);
  await app.shot('task-timeline-rectifying');

  // The timeline's rectification opens it on the 整改 page.
  await app.s.click(`${taskPanel} [data-timeline] li[data-event="rectification"] button.timeline__title`);
  await verifyAndCloseOut(app, { verifiedBy: '赵敏', note: '加分依据已补齐，台账已公示' });
  await app.shot('task-rectification-closed');

  // ---------- 完成闭合: final feedback and the office's sign-off ----------
  await openTask();
  await clickInPanel(app, 'add-feedback', taskPanel);
  await app.s.waitFor('dialog[data-dialog="feedback"] form[data-form="feedback"]', { message: 'the final feedback form' });
  await app.fill('feedback', { personName: '李红梅', text: '党员积分管理台账已整理完毕并在支部公示栏公示。', isFinal: true });
  await app.submit('feedback');
  await app.s.waitFor(`${taskPanel} [data-feedback-list] article[data-final="true"]`, { timeout: 15_000, message: 'the final feedback' });
  await app.s.waitFor(async () => !(await app.s.executeScript(`const b = document.querySelector('${taskPanel} button[data-action="close-loop"]'); return !b || b.disabled`)), { timeout: 10_000, message: 'the close button to be enabled' });
  await clickInPanel(app, 'close-loop', taskPanel);
  await app.s.waitFor('dialog[data-dialog="close-loop"]', { message: 'the close dialog' });
  await app.fill('close-loop', { note: '经现场核查已完成，同意闭合' });
  await app.s.click('dialog[data-dialog="close-loop"] button[data-action="submit"]');
  await app.s.waitFor(`${taskPanel} [data-closure]`, { timeout: 15_000, message: 'the closure on the task panel' });

  kinds = await timelineKinds(app, taskPanel);
  t.diagnostic(`timeline: ${kinds.join(' → ')}`);
  assert.equal(kinds[0], 'decision');
  assert.equal(kinds[kinds.length - 1], 'closure');
  for (const k of ['plan', 'feedback', 'supervision', 'rectification', 'verification', 'closeout']) assert.ok(kinds.includes(k), `the path has ${k}`);
  const stages = await app.s.executeScript(`return [...new Set([...document.querySelectorAll('${taskPanel} [data-timeline] li[data-event]')].map(li => li.dataset.stage))]`);
  assert.deepEqual(stages, ['planned', 'in_progress', 'supervising', 'rectifying', 'closed'], 'every stage of the loop, in order');
  const task = (await app.invoke('get_chart', { input: { planId: plan.id } })).value.tasks.find((x) => x.id === taskId);
  assert.equal(task.status, 'closed');
  assert.equal(task.progress, 100);
  await closeToasts(app);
  await scrollIntoView(app, `${taskPanel} section[data-section="loop"]`);
  await app.shot('task-closed');
  await scrollIntoView(app, `${taskPanel} section[data-section="timeline"]`);
  await app.shot('task-timeline-closed');

  // The decision on the timeline opens the meeting it came from.
  await app.s.click(`${taskPanel} [data-timeline] li[data-event="decision"] button.timeline__title`);
  await app.s.waitFor(`[data-panel="meeting"] [data-meeting-id="${meetingId}"]`, { timeout: 20_000, message: 'the meeting opened from the timeline' });
  assert.match(await app.textOf(`[data-panel="meeting"] li[data-decision-id="${decisionId}"] [data-decision-link]`), /已转计划任务.*党员积分管理台账整理公示/);
  await app.shot('meeting-from-timeline');

  // ---------- a stage that has ended gets its draft at start ----------
  const stagesBefore = (await app.invoke('list_summary_stages', {})).value;
  const waiting = stagesBefore.filter((x) => x.ended && x.summaries.length === 0 && x.taskCount > 0);
  t.diagnostic(`ended stages without a summary: ${waiting.map((x) => x.stageName).join('、')}`);
  assert.ok(waiting.length > 0, 'the sample has an ended stage not yet summarised');
  await app.restart();
  await app.waitScreen('login');
  await app.login(ADMIN.username, ADMIN.password);
  let drafted = [];
  await app.s.waitFor(async () => {
    const now = (await app.invoke('list_summaries', {})).value;
    drafted = now.filter((x) => x.autoDrafted && x.status === 'draft');
    return drafted.length >= waiting.length;
  }, { timeout: 20_000, message: 'the drafts of the ended stages' });
  assert.deepEqual(drafted.map((x) => x.stageId).sort(), waiting.map((x) => x.stageId).sort(), 'one draft per ended stage');
  await app.nav('summaries');
  await app.waitRows('summaries', (r) => r.length >= drafted.length, 'the summaries');
  await app.s.click(`table[data-table="summaries"] tr[data-id="${drafted[0].id}"] td`);
  await app.s.waitFor('[data-panel="summary"] [data-auto-drafted]', { timeout: 15_000, message: 'the draft says the app made it' });
  assert.match(await app.textOf('[data-panel="summary"] [data-auto-drafted]'), /自动生成/);
  await app.shot('summary-auto-drafted');
});
