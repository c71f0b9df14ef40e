// l. Assessment and duty through the real window, on the sample data:
//  - the status bar shows who is on duty now (as the core answers duty_now);
//  - a month from records to a printed ranking: an inspection entered on its page
//    (a bad finding first → the message beside the field), its findings past their
//    deadline become proposals with evidence; one is opened, one rejected with a reason,
//    the rest confirmed; the ranking changes only then; the ranking is printed (the
//    core's PDF engine renders the pages; the first is saved as PNG and looked at);
//    the period is closed and then refuses changes (the Chinese message);
//    closing asks for the administrator's password again (a wrong one is refused
//    beside the field);
//  - the sample's dispatcher accounts come disabled with no known password: the
//    administrator enables two and sets their passwords on the 用户 page;
//  - a handover written on the 值班 page and confirmed by BOTH dispatchers with their
//    own usernames and passwords: a wrong password, naming the administrator, and one
//    dispatcher confirming the other's side are refused; complete only after the
//    second confirmation;
//  - a dispatcher is not offered the signer's acts (closing a period) and the core
//    refuses them in Chinese;
//  - screenshots of 考核细则, 奖惩 (bulletin preview), 热线电话, 报表.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ADMIN, appTest, TEST_TODAY, testNow } from './lib/app.mjs';
import { enableAccount, ipc, waitFieldError } from './lib/forms.mjs';
import { clickWhenFree } from './lib/panel.mjs';

// The password the administrator gives the sample's dispatcher accounts in this test.
const PASSWORD = 'Duty#20260';
const pad = (n) => String(n).padStart(2, '0');

function previousMonth(now = testNow()) {
  const k = now.getFullYear() * 12 + now.getMonth() - 1;
  return `${Math.floor(k / 12)}-${pad((k % 12) + 1)}`;
}

async function closeToasts(app) {
  await app.s.executeScript(`for (const b of document.querySelectorAll('.toast__close')) b.click();`);
}

async function setPeriod(app, value) {
  await app.s.executeScript(
    `const i = document.querySelector('[data-period-input]'); i.value = arguments[0]; i.dispatchEvent(new Event('change'));`,
    [value],
  );
}

appTest('l-assessment', { today: TEST_TODAY }, async (app, t) => {
  await app.setupAdmin(ADMIN, 'load-sample');
  await closeToasts(app);

  // ---------- the person on duty in the status bar ----------
  const now = await ipc(app, 'duty_now');
  assert.ok(now.leader, 'the sample has a leader on duty today');
  await app.s.waitFor(async () => (await app.textOf('[data-status-duty]')).includes(now.leader.name), { message: 'the leader on duty in the status bar' });
  const statusText = await app.textOf('[data-status-duty]');
  if (now.dispatcher) assert.ok(statusText.includes(now.dispatcher.name), statusText);
  t.diagnostic(`status bar: ${statusText}`);

  // ---------- 考核细则 ----------
  await app.nav('assessment-rules');
  const ruleRows = await app.waitRows('rules', (r) => r.length >= 10, 'the rule items of the active set');
  assert.ok(ruleRows.some((r) => r.text.includes('签收超时')), 'a rule names its evidence source');
  assert.match(await app.textOf('[data-rule-set]'), /启用中/);
  await app.shot('rules');

  // ---------- records of last month: an inspection whose findings are overdue ----------
  const month = previousMonth();
  const units = await ipc(app, 'list_units', { includeRetired: false });
  const branch = units.find((u) => u.name === '开拓二队党支部');
  const dept = units.find((u) => u.name === '团委');
  await app.nav('inspections');
  await app.s.waitFor('table[data-table="inspections"]', { message: 'the inspections table' });
  await app.clickAction('new-inspection');
  await app.fill('inspection', {
    inspectedOn: `${month}-05`,
    title: '月度党建基础工作综合大检查',
    team: '组长：党委副书记；成员：调度室、组织部各1人',
    'findings.0.unitId': String(branch.id),
    'findings.0.problem': '党员活动室“三会一课”记录本缺失两次支委会记录',
    'findings.0.itemName': '补齐支委会记录',
    'findings.0.deadline': `${month}-10`,
  });
  await app.submit('inspection');
  assert.match(await waitFieldError(app, 'inspection', 'findings.0.personName'), /整改责任人/);
  await app.shot('inspection-missing-person');
  assert.equal((await ipc(app, 'list_inspections', {})).filter((i) => i.title.startsWith('月度党建')).length, 0, 'nothing written for the bad input');
  await app.fill('inspection', { 'findings.0.personName': '侯振华' });
  await app.clickAction('add-finding');
  await app.fill('inspection', {
    'findings.1.unitId': String(dept.id),
    'findings.1.problem': '青年安全监督岗活动台账未按月更新',
    'findings.1.itemName': '更新青年安全监督岗台账',
    'findings.1.personName': '苗亚楠',
    'findings.1.deadline': `${month}-12`,
  });
  await app.shot('inspection-form');
  await app.submit('inspection');
  await app.s.waitFor('[data-panel="inspection"] table[data-table="findings"]', { message: 'the inspection detail with its findings' });
  const findings = await app.waitRows('findings', (r) => r.length === 2, 'two findings, each a rectification item');
  assert.ok(findings.every((r) => r.text.includes('整改中')), JSON.stringify(findings));
  await app.shot('inspection-detail');

  // ---------- 考核评分: proposals from the records ----------
  await app.nav('assessment-scoring');
  await setPeriod(app, month);
  await app.s.waitFor(async () => (await app.textOf('[data-period-status]')).includes('进行中'), { message: 'the open month' });
  const before = await ipc(app, 'assessment_ranking', { period: month });
  const scoreOf = (r, id) => [...r.departments, ...r.branches].find((s) => s.unitId === id).score;
  await app.clickAction('propose');
  const proposals = await app.waitRows('proposals', (r) => r.some((x) => x.text.includes('补齐支委会记录')) && r.some((x) => x.text.includes('青年安全监督岗')), 'the overdue findings proposed');
  t.diagnostic(`${proposals.length} proposals`);
  const pending = await ipc(app, 'assessment_ranking', { period: month });
  assert.equal(scoreOf(pending, branch.id), scoreOf(before, branch.id), 'a proposal does not count before it is confirmed');
  await closeToasts(app);
  await app.shot('scoring-proposals');

  // Open the evidence of one proposal.
  const rowId = (rows, text) => rows.find((x) => x.text.includes(text)).id;
  const branchRow = rowId(proposals, '补齐支委会记录');
  await app.s.click(`table[data-table="proposals"] tr[data-id="${branchRow}"] button[data-action="open-evidence"]`);
  await app.s.waitFor('[data-panel="evidence"] [data-evidence-title]', { message: 'the evidence panel' });
  assert.equal(await app.textOf('[data-panel="evidence"] [data-evidence-title]'), '补齐支委会记录');
  assert.match(await app.textOf('[data-panel="evidence"]'), /侯振华/);
  await app.shot('scoring-evidence');
  await app.clickAction('close-panel');

  // Reject the department's proposal: the reason is required.
  const deptRow = rowId(proposals, '青年安全监督岗');
  await app.s.click(`table[data-table="proposals"] tr[data-id="${deptRow}"] button[data-action="reject"]`);
  await app.s.waitFor('dialog[data-dialog="confirm"]', { message: 'the reject dialog' });
  await app.s.click('dialog[data-dialog="confirm"] button[data-action="confirm"]');
  await app.s.waitFor(async () => (await app.textOf('dialog[data-dialog="confirm"] .field-error[data-for="reason"]')).length > 0, { message: 'the reason is required' });
  await app.s.type('dialog[data-dialog="confirm"] textarea[name="reason"]', '经核实已于检查前整改，检查组记录有误');
  await app.s.click('dialog[data-dialog="confirm"] button[data-action="confirm"]');
  await app.waitRows('proposals', (r) => !r.some((x) => x.id === deptRow), 'the rejected proposal leaves the list');
  // Confirm the rest.
  await app.clickAction('confirm-all');
  await app.s.waitFor(async () => (await app.rows('proposals')).length === 0, { message: 'every proposal decided' });
  const after = await ipc(app, 'assessment_ranking', { period: month });
  assert.equal(scoreOf(after, branch.id), Math.round((scoreOf(before, branch.id) - 2) * 100) / 100, 'the confirmed overdue finding deducts 2');
  assert.equal(scoreOf(after, dept.id), scoreOf(before, dept.id), 'the rejected proposal counts nothing');
  const branchRank = after.branches.find((s) => s.unitId === branch.id);
  const shown = await app.waitRows('ranking-branches', (r) => r.some((x) => x.id === String(branch.id) && x.cells.includes(String(branchRank.score))), 'the ranking shows the new score');
  assert.equal(shown.find((x) => x.id === String(branch.id)).cells[0], String(branchRank.rank));
  await closeToasts(app);
  await app.shot('scoring-confirmed');

  // Print the ranking: the core renders the PDF pages; keep the first as PNG.
  await app.clickAction('print-ranking');
  await app.s.waitFor('dialog[data-dialog="preview"] img[data-preview-page]', { timeout: 60_000, message: 'the ranking preview' });
  const src = await app.s.executeScript(`return document.querySelector('dialog[data-dialog="preview"] img[data-preview-page]').src`);
  assert.match(src, /^data:image\/png;base64,/);
  const png = join(app.shotDir, 'ranking-page-1.png');
  writeFileSync(png, Buffer.from(src.split(',')[1], 'base64'));
  t.diagnostic(`ranking page rendered by the core: ${png}`);
  await app.shot('ranking-preview');
  await app.clickAction('close-preview');

  // Close the period (the signer's act: the password again); frozen afterwards.
  await app.clickAction('close-period');
  await app.s.waitFor('dialog[data-dialog="confirm"][data-asks-password="true"]', { message: 'the close dialog asking for the password' });
  assert.match(await app.textOf('dialog[data-dialog="confirm"]'), /冻结/);
  const dialogPassword = 'dialog[data-dialog="confirm"] input[name="password"]';
  await app.s.type(dialogPassword, 'not-my-password');
  await app.s.click('dialog[data-dialog="confirm"] button[data-action="confirm"]');
  await app.s.waitFor(async () => (await app.textOf('dialog[data-dialog="confirm"] .field-error[data-for="password"]')).includes('密码不正确'), { message: 'a wrong password refused beside the field' });
  assert.match(await app.textOf('[data-period-status]'), /进行中/, 'still open');
  await app.shot('close-period-password');
  await app.s.clear(dialogPassword);
  await app.s.type(dialogPassword, ADMIN.password);
  await app.s.click('dialog[data-dialog="confirm"] button[data-action="confirm"]');
  await app.s.waitFor(async () => (await app.textOf('[data-period-status]')).includes('已关闭'), { message: 'the period closed' });
  assert.ok(!(await app.s.isVisible('button[data-action="propose"]')), 'no more proposing on a closed period');
  const refused = await app.invoke('add_assessment_adjustment', { input: { period: month, unitId: branch.id, points: 1, reason: '补加' } });
  assert.equal(refused.ok, false);
  assert.match(refused.error.message, /考核已关闭，结果已冻结，不能再修改/);
  await closeToasts(app);
  await app.shot('scoring-closed');

  // ---------- 用户: the sample's dispatcher accounts, enabled by the administrator ----------
  await enableAccount(app, 'diaodu1', PASSWORD);
  await enableAccount(app, 'diaodu2', PASSWORD);
  await closeToasts(app);
  await app.shot('users-sample-enabled');

  // ---------- 值班: the roster and a handover confirmed by both dispatchers ----------
  await app.nav('duty');
  await app.s.waitFor('table[data-table="roster"] td[data-date]', { message: 'the roster month grid' });
  await app.shot('duty-roster');
  const users = await ipc(app, 'list_duty_users');
  const [d1, d2] = ['diaodu1', 'diaodu2'].map((u) => users.find((x) => x.username === u));
  assert.ok(d1 && d2, 'the sample dispatcher accounts');
  // The page has laid itself out once its handovers are listed; the button may
  // sit below the fold of the scrolling content.
  await app.waitRows('handovers', (r) => r.length >= 1, 'the sample handovers');
  await clickWhenFree(app, 'section[data-section="handovers"] button[data-action="new-handover"]');
  await app.fill('handover', {
    outgoingUserId: String(d1.id),
    incomingUserId: String(d2.id),
    summary: '本班接热线电话1次，已答复；督办整改事项2项。',
    items: '开拓二队支委会记录补齐情况待核实',
  });
  await app.submit('handover');
  await app.s.waitFor('[data-panel="handover"] [data-handover][data-complete="false"]', { message: 'the new handover, not complete' });
  await closeToasts(app);
  await app.shot('handover-new');

  // The outgoing side: a wrong password first, beside the field.
  await app.clickAction('confirm-outgoing', '[data-panel="handover"]');
  await app.s.waitFor('form[data-form="confirm-handover"]', { message: 'the confirmation dialog' });
  assert.equal(await app.s.property('form[data-form="confirm-handover"] [name="username"]', 'value'), 'diaodu1');
  await app.fill('confirm-handover', { password: 'wrong-password' });
  await app.submit('confirm-handover');
  assert.match(await waitFieldError(app, 'confirm-handover', 'password'), /用户名或密码不正确/);
  await app.shot('handover-wrong-password');
  await app.s.clear('form[data-form="confirm-handover"] [name="password"]');
  await app.fill('confirm-handover', { password: PASSWORD });
  await app.submit('confirm-handover');
  await app.s.waitFor(async () => !(await app.s.isVisible('[data-panel="handover"] button[data-action="confirm-outgoing"]')), { message: 'the outgoing side confirmed' });
  assert.equal(await app.s.executeScript(`return document.querySelector('[data-handover]').dataset.complete`), 'false', 'one confirmation is not enough');

  // Only the two dispatchers of this handover may be named: not the administrator.
  await app.clickAction('confirm-incoming', '[data-panel="handover"]');
  await app.s.waitFor('form[data-form="confirm-handover"]', { message: 'the incoming confirmation dialog' });
  await app.s.clear('form[data-form="confirm-handover"] [name="username"]');
  await app.fill('confirm-handover', { username: ADMIN.username, password: ADMIN.password });
  await app.submit('confirm-handover');
  assert.match(await waitFieldError(app, 'confirm-handover', 'username'), /只能由这次交接班的交班人.+或接班人.+本人确认/);
  await app.shot('handover-not-a-party');
  await app.clickAction('cancel', 'dialog[data-dialog="confirm-handover"]');
  await app.s.waitFor(async () => !(await app.s.isVisible('form[data-form="confirm-handover"]')), { message: 'the dialog closed' });

  // The outgoing dispatcher cannot confirm the incoming side for the other.
  await app.clickAction('confirm-incoming', '[data-panel="handover"]');
  await app.s.waitFor('form[data-form="confirm-handover"]', { message: 'the incoming confirmation dialog' });
  await app.s.clear('form[data-form="confirm-handover"] [name="username"]');
  await app.fill('confirm-handover', { username: 'diaodu1', password: PASSWORD });
  await app.submit('confirm-handover');
  assert.match(await waitFieldError(app, 'confirm-handover', 'username'), /还需.+本人确认/);
  await app.shot('handover-not-for-the-other');
  await app.s.clear('form[data-form="confirm-handover"] [name="username"]');
  await app.s.clear('form[data-form="confirm-handover"] [name="password"]');
  await app.fill('confirm-handover', { username: 'diaodu2', password: PASSWORD });
  await app.submit('confirm-handover');
  await app.s.waitFor('[data-panel="handover"] [data-handover][data-complete="true"]', { message: 'complete after both confirmed' });
  await closeToasts(app);
  await app.shot('handover-complete');
  const list = await ipc(app, 'list_handovers', { limit: 1 });
  assert.ok(list[0].complete && list[0].outgoingConfirmedAt && list[0].incomingConfirmedAt);
  await app.clickAction('close-panel');

  // Put a dispatcher on the current shift and check the status bar follows.
  // The shift of the core's own "now" (the fixed day, the real time of day).
  const current = await ipc(app, 'duty_now');
  const [atDay, atTime] = current.at.split(' ');
  const hour = Number(atTime.slice(0, 2));
  const [ay, am, ad] = atDay.split('-').map(Number);
  const shiftDay = new Date(ay, am - 1, ad - (hour < 8 ? 1 : 0));
  const date = `${shiftDay.getFullYear()}-${pad(shiftDay.getMonth() + 1)}-${pad(shiftDay.getDate())}`;
  const shift = hour >= 8 && hour < 20 ? 'day' : 'night';
  const other = users.find((u) => u.displayName !== current.dispatcher?.name && u.username.startsWith('diaodu'));
  await ipc(app, 'set_dispatcher_shift', { date, shift, userId: other.id });
  await app.nav('hotline');
  await app.s.waitFor(async () => (await app.textOf('[data-status-duty]')).includes(other.displayName), { message: 'the status bar shows the new dispatcher on duty' });

  // ---------- 热线电话, 奖惩, 报表 ----------
  await app.waitRows('hotline', (r) => r.length >= 6, 'the sample calls');
  const callRows = await app.rows('hotline');
  const open = callRows.find((r) => r.cells[6] === ''); // 转办 column empty
  await app.s.click(`table[data-table="hotline"] tr[data-id="${open.id}"] button[data-action="to-rectification"]`);
  await app.s.waitFor('form[data-form="convert-hotline"]', { message: 'the convert dialog' });
  await app.submit('convert-hotline');
  assert.match(await waitFieldError(app, 'convert-hotline', 'itemName'), /整改项目名称/);
  await app.fill('convert-hotline', { itemName: '落实来电反映问题', personName: '申卫东', deadline: `${month}-28` });
  await app.shot('hotline-convert');
  await app.submit('convert-hotline');
  await app.waitRows('hotline', (r) => r.find((x) => x.id === open.id).cells[6].includes('整改'), 'the call turned into a rectification');
  await closeToasts(app);
  await app.shot('hotline');

  await app.nav('assessment-rewards');
  const periods = await ipc(app, 'list_assessment_periods');
  const bulletinPeriod = periods.find((p) => p.bulletinNumber);
  await setPeriod(app, bulletinPeriod.period);
  await app.waitRows('rewards', (r) => r.length >= 2, 'the sample rewards and penalties');
  await app.shot('rewards');
  await app.clickAction('print-bulletin');
  await app.s.waitFor('dialog[data-dialog="preview"] img[data-preview-page]', { timeout: 60_000, message: 'the bulletin preview' });
  const bulletinSrc = await app.s.executeScript(`return document.querySelector('dialog[data-dialog="preview"] img[data-preview-page]').src`);
  writeFileSync(join(app.shotDir, 'bulletin-page-1.png'), Buffer.from(bulletinSrc.split(',')[1], 'base64'));
  await app.shot('bulletin-preview');
  await app.clickAction('close-preview');

  await app.nav('assessment-reports');
  await app.s.waitFor('[data-report-pages] img[data-report-page]', { timeout: 90_000, message: 'the monthly report pages' });
  // Pages after the first few are drawn one by one below them.
  await app.s.waitFor(async () => app.s.executeScript(`return !document.querySelector('[data-report-more]') && [...document.querySelectorAll('[data-report-pages] img')].every((i) => i.complete && i.naturalWidth > 0)`), { timeout: 60_000, message: 'every page of the monthly report drawn and decoded' });
  const pages = await app.s.executeScript(`return document.querySelectorAll('[data-report-pages] img').length`);
  const shownPeriod = await app.s.executeScript(`return document.querySelector('[data-report-pages]').dataset.period`);
  assert.equal(shownPeriod, previousMonth());
  const report = await ipc(app, 'preview_report', { kind: 'monthly', period: shownPeriod });
  assert.ok(pages >= 2, `${pages} report pages`);
  assert.equal(pages, report.pageCount, 'every page of the report is on the page');
  await app.shot('reports-monthly');

  // ---------- a dispatcher is not offered the signer's acts ----------
  await app.logout();
  await app.login('diaodu1', PASSWORD);
  await app.nav('assessment-scoring');
  const today = testNow();
  const thisMonth = `${today.getFullYear()}-${pad(today.getMonth() + 1)}`;
  await setPeriod(app, thisMonth);
  const monthLabel = `${today.getFullYear()}年${today.getMonth() + 1}月`;
  await app.s.waitFor(async () => (await app.textOf('[data-period-status]')).startsWith(monthLabel), { message: `${monthLabel} as a dispatcher` });
  // The dispatcher may propose (which opens the month) but is not offered 关闭考核.
  await app.clickAction('propose');
  await app.s.waitFor(async () => {
    const status = await app.textOf('[data-period-status]');
    return status.startsWith(monthLabel) && status.includes('进行中');
  }, { message: `${monthLabel} open` });
  assert.ok(await app.s.isVisible('button[data-action="propose"]'), 'the month is writable for a dispatcher');
  assert.equal(await app.s.isVisible('button[data-action="close-period"]'), false, 'no 关闭考核 for a dispatcher');
  await closeToasts(app);
  await app.shot('scoring-as-dispatcher');
  const refusedClose = await app.invoke('close_assessment_period', { input: { period: thisMonth, password: PASSWORD } });
  assert.equal(refusedClose.ok, false);
  assert.equal(refusedClose.error.code, 'forbidden');
  assert.match(refusedClose.error.message, /关闭考核须由签发人或管理员办理/);
});
