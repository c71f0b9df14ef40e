// n. The registers beside the loop, through the real window on the sample data:
//  - 帮扶点与包保: a visit recorded from a point's row (a future date refused beside
//    the field), its two problems turned in one step into a 整改 item and solved on
//    the spot; the item opens on the 整改 page, whose source opens the visit again;
//  - 应急管理: the form shows the leader on duty at the typed time from the roster
//    (as duty_for_time answers), bad input refused beside the fields, the event
//    recorded with that leader, closed with a time and a note, its report previewed
//    (the core's PDF page kept as PNG) and saved as PDF;
//  - 文档管理: full-text search in Chinese (≥3 characters through the index, 2 through
//    instr), a file registered with a file dropped on the window (refused without),
//    found by its number; a plan cites it through 从文档库选择… and shows it;
//  - 工作职责: a duty registered (an end before its start refused);
//  - 交接班: an item added after the handover was written and finished with the
//    dispatcher's own note;
//  - 年度统计 shows visits, problems solved and emergencies as the core counts them.
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ADMIN, appTest, TEST_TODAY, testNow } from './lib/app.mjs';
import { enableAccount, fieldError, ipc, waitFieldError } from './lib/forms.mjs';
import { dropFiles } from './lib/files.mjs';
import { clickWhenFree, closeToasts, scrollIntoView } from './lib/panel.mjs';

const pad = (n) => String(n).padStart(2, '0');
const day = (d) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
const minute = (d) => `${day(d)} ${pad(d.getHours())}:${pad(d.getMinutes())}`;

async function retype(app, form, values) {
  for (const name of Object.keys(values)) await app.s.clear(`form[data-form="${form}"] [name="${name}"]`);
  await app.fill(form, values);
}

appTest(
  'n-registers',
  async (app, t) => {
    await app.setupAdmin(ADMIN, 'load-sample');
    await closeToasts(app);
    const now = testNow();
    const today = day(now);

    // ---------- 帮扶走访 ----------
    await app.nav('assistance');
    const visitRows = await app.waitRows('visits', (r) => r.length >= 10, 'the sample visits');
    assert.ok(visitRows.some((r) => r.text.includes('个')), 'visits with pending problems are marked');
    await scrollIntoView(app, 'section[data-section="visits"]');
    await app.shot('assistance-visits');
    const points = await ipc(app, 'list_assistance_points', { includeEnded: false });
    const point = points[0];
    await clickWhenFree(app, `table[data-table="assistance"] tr[data-id="${point.id}"] button[data-action="visit"]`);
    await app.s.waitFor('form[data-form="visit"]', { message: 'the visit form' });
    const tomorrow = day(new Date(now.getTime() + 86_400_000));
    await retype(app, 'visit', { visitedOn: tomorrow });
    await app.fill('visit', { summary: '查看支部“三会一课”记录，与党员座谈。', problems: '支委会记录不规范' });
    // One problem a line: Enter in the text area starts the next.
    await app.s.sendKeys('form[data-form="visit"] [name="problems"]', '\uE007活动室照明损坏');
    assert.equal(await app.s.property('form[data-form="visit"] [name="problems"]', 'value'), '支委会记录不规范\n活动室照明损坏');
    await app.submit('visit');
    assert.match(await waitFieldError(app, 'visit', 'visitedOn'), /不能晚于今天/);
    await app.shot('visit-future-date');
    await retype(app, 'visit', { visitedOn: today });
    await app.submit('visit');
    const panel = '[data-panel="visit"]';
    await app.s.waitFor(`${panel} li[data-problem][data-outcome="pending"]`, { message: 'the visit with its pending problems' });
    const visitId = Number(await app.s.executeScript(`return document.querySelector('[data-visit]').dataset.visit`));
    const visit = await ipc(app, 'get_visit', { id: visitId });
    assert.equal(visit.problemCount, 2);
    assert.equal(visit.leaderName, point.leaderName);
    const [p1, p2] = visit.problems;

    // One step: the first problem becomes a 整改 item (the deadline must be a working day).
    await closeToasts(app);
    await app.clickAction('problem-to-rectification', `${panel} li[data-problem="${p1.id}"]`);
    await app.s.waitFor('form[data-form="problem-rectification"]', { message: 'the rectification dialog' });
    let deadline = day(new Date(now.getTime() + 14 * 86_400_000));
    await app.fill('problem-rectification', { itemName: '规范支委会记录', personName: '支部书记', deadline });
    await app.submit('problem-rectification');
    // A day off is refused with the next working day named; take it, as a user would.
    await app.s.waitFor(
      async () => !(await app.s.isVisible('form[data-form="problem-rectification"]')) || (await fieldError(app, 'problem-rectification', 'deadline')).length > 0,
      { message: 'the item saved or the deadline refused' },
    );
    if (await app.s.isVisible('form[data-form="problem-rectification"]')) {
      const msg = await fieldError(app, 'problem-rectification', 'deadline');
      const m = /如 (\d{4}-\d{2}-\d{2})/.exec(msg);
      assert.ok(m, `a working day is suggested: ${msg}`);
      deadline = m[1];
      await retype(app, 'problem-rectification', { deadline });
      await app.submit('problem-rectification');
    }
    await app.s.waitFor(`${panel} li[data-problem="${p1.id}"][data-outcome="rectification"]`, { message: 'the problem turned into a 整改 item' });

    // The second is solved on the spot.
    await app.clickAction('problem-onsite', `${panel} li[data-problem="${p2.id}"]`);
    await app.s.waitFor('form[data-form="problem-onsite"]', { message: 'the on-the-spot dialog' });
    await app.submit('problem-onsite');
    assert.equal(await waitFieldError(app, 'problem-onsite', 'solution'), '请填写解决情况');
    await app.fill('problem-onsite', { solution: '现场联系物业公司更换灯具' });
    await app.submit('problem-onsite');
    await app.s.waitFor(`${panel} li[data-problem="${p2.id}"][data-outcome="onsite"][data-solved="true"]`, { message: 'solved on the spot' });
    await closeToasts(app);
    await app.shot('visit-problems');
    const after = await ipc(app, 'get_visit', { id: visitId });
    const rid = after.problems[0].rectificationId;
    assert.ok(rid, 'linked to its rectification');

    // Both ways: the item opens on the 整改 page and names the visit as its source.
    await clickWhenFree(app, `${panel} li[data-problem="${p1.id}"] button[data-action="open-rectification"]`);
    await app.s.waitFor(`[data-panel="rectification"] [data-rect-id="${rid}"]`, { message: 'the item on the 整改 page' });
    assert.match(await app.textOf('[data-panel="rectification"] [data-rect-id]'), /帮扶走访/);
    await app.shot('rectification-from-visit');
    await clickWhenFree(app, '[data-panel="rectification"] button[data-action="open-visit"]');
    await app.s.waitFor(`[data-panel="visit"] [data-visit="${visitId}"]`, { message: 'back to the visit from its item' });

    // ---------- 应急管理 ----------
    await app.nav('emergency');
    await app.waitRows('emergencies', (r) => r.length >= 1, 'the sample emergencies');
    await app.shot('emergencies');
    await app.clickAction('new-emergency');
    await app.s.waitFor('form[data-form="emergency"]', { message: 'the emergency form' });
    const at = minute(new Date(now.getTime() - 40 * 60_000));
    await retype(app, 'emergency', { occurredAt: at });
    await app.s.executeScript(`document.querySelector('form[data-form="emergency"] [name="occurredAt"]').dispatchEvent(new Event('change', { bubbles: true }))`);
    const duty = await ipc(app, 'duty_for_time', { at });
    assert.ok(duty.leader, 'the sample roster has a leader at this time');
    await app.s.waitFor(async () => (await app.textOf('[data-duty-preview]')).includes(duty.leader.name), { message: 'the leader on duty shown as the time is typed' });
    // Bad input: a time ahead of now and no place.
    await retype(app, 'emergency', { occurredAt: minute(new Date(now.getTime() + 3 * 3_600_000)) });
    await app.fill('emergency', { reporter: '供应科值班员', what: '材料库房外墙广告牌被大风吹落，砸坏一辆停放车辆，无人员受伤。' });
    await app.submit('emergency');
    assert.match(await waitFieldError(app, 'emergency', 'occurredAt'), /不能晚于现在/);
    assert.equal(await fieldError(app, 'emergency', 'place'), '请填写发生地点');
    await app.shot('emergency-bad-input');
    await retype(app, 'emergency', { occurredAt: at });
    await app.fill('emergency', { place: '供应科材料库房', category: 'surface', measures: '通知物业公司拆除其余广告牌，设置警戒线。' });
    await app.submit('emergency');
    await app.s.waitFor('[data-panel="emergency"] [data-emergency][data-status="open"]', { message: 'the event recorded' });
    const eventId = Number(await app.s.executeScript(`return document.querySelector('[data-emergency]').dataset.emergency`));
    const event = await ipc(app, 'get_emergency', { id: eventId });
    assert.equal(event.dutyLeaderName, duty.leader.name, 'the leader on duty from the roster');
    assert.ok(event.notified.some((n) => n.name === duty.leader.name), 'the leader on duty is notified by default');
    assert.equal(await app.s.executeScript(`return document.querySelector('[data-duty-leader]').dataset.dutyLeader`), duty.leader.name);
    await closeToasts(app);
    await app.shot('emergency-recorded');

    // Closed with a time and a note.
    await app.clickAction('close-emergency', '[data-panel="emergency"]');
    await app.s.waitFor('form[data-form="close-emergency"]', { message: 'the closure dialog' });
    await retype(app, 'close-emergency', { closedAt: minute(new Date(now.getTime() - 60 * 60_000)) });
    await app.fill('close-emergency', { closureNote: '广告牌全部拆除，车辆损失由保险处理。' });
    await app.submit('close-emergency');
    assert.match(await waitFieldError(app, 'close-emergency', 'closedAt'), /不能早于事件发生时间/);
    await retype(app, 'close-emergency', { closedAt: minute(testNow()) });
    await app.submit('close-emergency');
    await app.s.waitFor('[data-panel="emergency"] [data-emergency][data-status="closed"]', { message: 'the event closed' });
    assert.equal(await app.s.isVisible('[data-panel="emergency"] button[data-action="edit-emergency"]'), false, 'a closed event is frozen');

    // The report: the core's PDF engine renders it; keep the first page.
    await app.clickAction('preview-emergency', '[data-panel="emergency"]');
    await app.s.waitFor('dialog[data-dialog="preview"] img[data-preview-page]', { timeout: 60_000, message: 'the report preview' });
    const src = await app.s.executeScript(`return document.querySelector('dialog[data-dialog="preview"] img[data-preview-page]').src`);
    const png = join(app.shotDir, 'emergency-report-page-1.png');
    writeFileSync(png, Buffer.from(src.split(',')[1], 'base64'));
    t.diagnostic(`emergency report rendered by the core: ${png}`);
    await app.shot('emergency-report-preview');
    await app.clickAction('close-preview');

    // ---------- 文档管理 ----------
    await app.nav('archive');
    await app.waitRows('archive', (r) => r.length >= 6, 'the sample archive');
    const search = async (text) => {
      await app.s.clear('input[data-archive-search]');
      if (text) await app.s.type('input[data-archive-search]', text);
      await app.s.sendKeys('input[data-archive-search]', '\uE007');
    };
    await search('专项行动');
    await app.waitRows('archive', (r) => r.length === 3 && r.every((x) => x.text.includes('专项行动')), 'three files found through the index');
    await app.shot('archive-search');
    await search('制度');
    await app.waitRows('archive', (r) => r.length === 2, 'two 制度 found by a two-character word');

    const dir = join(app.artDir, 'files');
    mkdirSync(dir, { recursive: true });
    const file = join(dir, '关于加强信息上报工作的通知.txt');
    writeFileSync(file, '各党支部：为及时准确上报党建工作信息，现通知如下……（测试文件）');
    await app.clickAction('new-archive');
    await app.fill('archive', { title: '关于加强信息上报工作的通知', issuer: '集团党委宣传部', number: '集团党宣字〔2026〕17号' });
    await app.submit('archive');
    assert.match(await waitFieldError(app, 'archive', 'attachments'), /请添加文件/);
    await dropFiles(app, [file]);
    await app.s.waitFor('form[data-form="archive"] [data-attachment]', { timeout: 20_000, message: 'the dropped file in the form' });
    await app.submit('archive');
    await app.s.waitFor('[data-panel="archive"] [data-archive]', { message: 'the registered file' });
    const archiveId = Number(await app.s.executeScript(`return document.querySelector('[data-archive]').dataset.archive`));
    await closeToasts(app);
    await app.shot('archive-registered');
    await app.clickAction('close-panel');
    await search('〔2026〕17号');
    await app.waitRows('archive', (r) => r.length === 1 && r[0].id === String(archiveId), 'found by its number');

    // A plan cites it: 从文档库选择… in the plan form, then the plan shows it.
    const plans = await ipc(app, 'list_plans', {});
    const plan = plans.find((p) => p.kind === 'special');
    await app.nav('plans');
    await app.waitRows('plans', (r) => r.some((x) => x.id === String(plan.id)), 'the sample plan');
    await app.clickAction('edit-plan', `table[data-table="plans"] tr[data-id="${plan.id}"]`);
    await app.s.waitFor('form[data-form="plan"] [data-source-row="2"][data-archive-id]', { message: 'the plan form with its cited files' });
    await clickWhenFree(app, 'form[data-form="plan"] button[data-action="pick-archive-source"]');
    await app.s.waitFor(`dialog[data-dialog="pick-archive"] button[data-pick="${archiveId}"]`, { message: 'the new file offered' });
    await app.s.type('dialog[data-dialog="pick-archive"] input[data-archive-pick-search]', '信息上报');
    await app.s.waitFor(
      async () =>
        app.s.executeScript(
          `const l = document.querySelector('dialog[data-dialog="pick-archive"] [data-pick-list]');
           return l.dataset.query === '信息上报' && l.querySelectorAll('button[data-pick]').length === 1;`,
        ),
      { message: 'the search narrows to the file' },
    );
    await app.shot('plan-pick-archive');
    await app.s.click(`dialog[data-dialog="pick-archive"] button[data-pick="${archiveId}"]`);
    await app.s.waitFor(`form[data-form="plan"] [data-source-row="3"][data-archive-id="${archiveId}"]`, { message: 'the file as the plan\'s fourth source' });
    // Mark the row shown now: once saved, the list is loaded again with new rows.
    const rowCss = `table[data-table="plans"] tr[data-id="${plan.id}"]`;
    await app.s.executeScript(`document.querySelector(arguments[0]).dataset.beforeSave = '1'`, [rowCss]);
    await app.submit('plan');
    await app.s.waitFor(
      async () => app.s.executeScript(`const tr = document.querySelector(arguments[0]); return Boolean(tr && !tr.dataset.beforeSave && tr.classList.contains('is-selected'))`, [rowCss]),
      { message: 'the plan saved, the list loaded again with the plan selected' },
    );
    await app.s.click(`table[data-table="plans"] tr[data-id="${plan.id}"] td`);
    await app.s.waitFor(`[data-source-archive="${archiveId}"]`, { message: 'the plan shows the cited file' });
    const saved = await ipc(app, 'get_plan', { id: plan.id });
    assert.equal(saved.sources.length, 4);
    assert.equal(saved.sources[3].archiveId, archiveId);
    assert.equal(saved.sources[3].number, '集团党宣字〔2026〕17号');
    await closeToasts(app);
    await scrollIntoView(app, `[data-source-archive="${archiveId}"]`);
    await app.shot('plan-sources');
    const cited = await ipc(app, 'get_archive_file', { id: archiveId });
    assert.equal(cited.citedBy[0].id, plan.id);

    // ---------- 工作职责 ----------
    await app.nav('duties');
    await app.waitRows('post-duties', (r) => r.length >= 4, 'the sample duties');
    await app.clickAction('new-post-duty');
    await app.fill('post-duty', { post: '信息员', duties: '收集各单位党建信息，按时上报集团党委宣传部。' });
    await retype(app, 'post-duty', { since: today });
    await app.fill('post-duty', { until: '2020-01-01' });
    await app.submit('post-duty');
    assert.equal(await waitFieldError(app, 'post-duty', 'until'), '截止日期不能早于起始日期');
    await app.s.clear('form[data-form="post-duty"] [name="until"]');
    await app.submit('post-duty');
    await app.waitRows('post-duties', (r) => r.some((x) => x.text.includes('信息员')), 'the new duty');
    await closeToasts(app);
    await app.shot('duties');

    // ---------- 交接班: an item added later, finished with the dispatcher's note ----------
    // Sample dispatcher accounts come disabled: the administrator enables two first.
    await enableAccount(app, 'diaodu1', 'Diaodu#2026a');
    await enableAccount(app, 'diaodu2', 'Diaodu#2026b');
    await app.nav('duty');
    // The page has loaded (its roster grid takes the focus) once the handovers are listed.
    await app.waitRows('handovers', (r) => r.length >= 1, 'the sample handovers');
    const users = await ipc(app, 'list_duty_users');
    const [d1, d2] = ['diaodu1', 'diaodu2'].map((u) => users.find((x) => x.username === u));
    await clickWhenFree(app, 'section[data-section="handovers"] button[data-action="new-handover"]');
    await app.fill('handover', { outgoingUserId: String(d1.id), incomingUserId: String(d2.id), summary: '本班平稳。' });
    await app.submit('handover');
    const hp = '[data-panel="handover"]';
    await app.s.waitFor(`${hp} form[data-form="handover-item"]`, { message: 'the handover with its add-item form' });
    await app.fill('handover-item', { text: '宣传部信息上报通知待转发各支部' });
    await clickWhenFree(app, `${hp} form[data-form="handover-item"] button[type="submit"]`);
    await app.s.waitFor(async () => (await app.textOf(`${hp} .handover-items`)).includes('宣传部信息上报通知'), { message: 'the item added after the handover was written' });
    const itemId = await app.s.executeScript(
      `return [...document.querySelectorAll('[data-panel="handover"] li[data-item]')].find((li) => li.textContent.includes('宣传部信息上报通知')).dataset.item`,
    );
    await clickWhenFree(app, `${hp} li[data-item="${itemId}"] button[data-action="finish-item"]`);
    await app.s.waitFor('form[data-form="finish-handover-item"]', { message: 'the finish dialog' });
    await app.submit('finish-handover-item');
    assert.equal(await waitFieldError(app, 'finish-handover-item', 'note'), '请填写办结情况');
    await app.fill('finish-handover-item', { note: '已通过平台转发30个支部' });
    await app.submit('finish-handover-item');
    await app.s.waitFor(async () => (await app.textOf(`${hp} li[data-item="${itemId}"]`)).includes('已办结：已通过平台转发30个支部'), { message: 'the dispatcher\'s own note' });
    await closeToasts(app);
    await app.shot('handover-item-finished');
    const hv = (await ipc(app, 'list_handovers', { limit: 1 }))[0];
    assert.equal(hv.items.find((i) => String(i.id) === String(itemId)).doneNote, '已通过平台转发30个支部');
    await app.clickAction('close-panel');

    // ---------- 年度统计 ----------
    await app.nav('stats');
    const stats = await ipc(app, 'annual_stats', { year: now.getFullYear() });
    for (const [key, field] of [['assistance_visits', 'assistanceVisits'], ['visit_problems_solved', 'visitProblemsSolved'], ['emergency_events', 'emergencyEvents']]) {
      await app.s.waitFor(async () => (await app.s.executeScript(`const e = document.querySelector('[data-figure="${key}"]'); return e ? e.dataset.value : null`)) === String(stats[field]), { message: `${key} shown as counted` });
    }
    assert.ok(stats.visitProblemsSolved >= 1 && stats.emergencyEvents >= 1);
    await scrollIntoView(app, '[data-figure="emergency_events"]');
    await app.shot('stats-registers');
  },
  { timeout: 600_000, today: TEST_TODAY },
);
