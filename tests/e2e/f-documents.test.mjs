// f. Notices and dispatch orders through the real window: an order drafted in the side
// panel (no urgency first → the Chinese message beside the field, nothing written), saved;
// signed by a 签发人 (a wrong password first → the core's message beside the password
// field), its number (晋源党调令〔YYYY〕N号, the next after the sample's) and verification code shown; the receipt
// recorded; the code checked on the 验证码查验 page (authentic) and an unknown code.
// The signed order's preview opens with its page drawn, and the print dialog opens and
// checks the number of copies.
import assert from 'node:assert/strict';
import { ADMIN, App, appTest, TEST_TODAY, testNow } from './lib/app.mjs';

const SIGNER = { username: 'qianfa', displayName: '周建国', role: 'signer', password: 'Signer#2026' };
const VIEWER = { username: 'chakan', displayName: '查看员', role: 'viewer', password: 'Viewer#2026' };
const TITLE = '关于加快推进党支部标准化建设的调度令';
const PANEL = '[data-panel="doc"]';

async function waitToastsGone(app) {
  await app.s.waitFor(async () => !(await app.s.isVisible('.toast')), { message: 'toasts to go', timeout: 15_000 });
}

async function closeToasts(app) {
  await app.s.executeScript(`for (const b of document.querySelectorAll('.toast__close')) b.click();`);
}

async function detailStatus(app) {
  return app.s.executeScript(`const d = document.querySelector('${PANEL} .doc-detail'); return d ? d.dataset.status : null;`);
}

async function visibleActions(app, scope) {
  return app.s.executeScript(
    `return [...document.querySelectorAll(arguments[0] + ' button[data-action]')].filter(b => b.getClientRects().length).map(b => b.dataset.action);`,
    [scope],
  );
}

// Clicks a print-type button; its dialog must open (an error toast fails the test with its text).
async function openPrintDialog(app, action, dialogName, t) {
  await closeToasts(app);
  await app.clickAction(action, PANEL);
  const outcome = await app.s.waitFor(
    async () => {
      if (dialogName && (await app.s.isVisible(`dialog[data-dialog="${dialogName}"]`))) return 'dialog';
      if (await app.s.isVisible('.toast--error')) return 'error';
      if (await app.s.isVisible('.toast--success')) return 'success';
      return null;
    },
    { message: `${action}: a dialog or a toast`, timeout: 20_000 },
  );
  const toastText = outcome === 'dialog' ? '' : await app.textOf('.toast .toast__text');
  t.diagnostic(`${action}: ${outcome}${toastText ? ` — ${toastText}` : ''}`);
  assert.equal(outcome, 'dialog', `${action} opens its dialog${toastText ? ` (the window said: ${toastText})` : ''}`);
}

appTest('f-documents', { today: TEST_TODAY }, async (app, t) => {
  await app.setupAdmin(ADMIN, 'load-sample');
  await waitToastsGone(app);

  // A 签发人 account (the 用户 screen is covered elsewhere).
  for (const user of [SIGNER, VIEWER]) {
    const created = await app.invoke('create_user', { input: user });
    assert.ok(created.ok, `create_user ${user.username}: ${JSON.stringify(created.error)}`);
  }

  // ---------- the list (the sample has notices and orders in every state) ----------
  const before = await app.invoke('list_docs', { input: {} });
  assert.ok(before.ok, `list_docs: ${JSON.stringify(before.error)}`);
  const year = testNow().getFullYear();
  const seqs = before.value
    .filter((d) => d.kind === 'order' && d.number)
    .map((d) => new RegExp(`〔${year}〕(\\d+)号`).exec(d.number))
    .filter(Boolean)
    .map((m) => Number(m[1]));
  const expectedNumber = `晋源党调令〔${year}〕${Math.max(0, ...seqs) + 1}号`;
  t.diagnostic(`${before.value.length} documents before; the new order should become ${expectedNumber}`);
  await app.nav('documents');
  await app.s.waitFor('table[data-table="docs"]', { message: 'the documents table' });
  await app.waitRows('docs', (r) => r.length === before.value.length, 'every document listed');
  for (const nav of ['documents', 'verify']) assert.ok(await app.s.isVisible(`a[data-nav="${nav}"]`), `nav link ${nav}`);
  await app.shot('docs-list');
  // The kind tabs narrow the list.
  await app.s.click('[data-kind-tabs] button[data-kind-tab="notice"]');
  await app.waitRows('docs', (r) => r.length === before.value.filter((d) => d.kind === 'notice').length, 'only notices');
  await app.s.click('[data-kind-tabs] button[data-kind-tab=""]');
  await app.waitRows('docs', (r) => r.length === before.value.length, 'all again');

  // ---------- draft an order: no urgency first ----------
  await app.clickAction('new-order');
  await app.s.waitFor('[data-panel="doc-form"] form[data-form="doc"][data-kind="order"]', { message: 'the order form in the side panel' });
  const units = await app.options('form[data-form="doc"] [name="targetUnitId"]');
  const unit = units.find((o) => o.label.includes('组织部')) ?? units.find((o) => o.value);
  assert.ok(unit, `a unit to choose among ${JSON.stringify(units)}`);
  await app.fill('doc', {
    title: TITLE,
    targetUnitId: unit.value,
    deadline: '2026-12-31',
    content: '各基层党支部对照标准化建设清单逐项自查，补齐台账，整改存在的问题。',
    requirements: '党支部书记亲自负责，每周五前报送进展。',
    phone: '0355-5961234',
  });
  const people = await app.options('form[data-form="doc"] [name="personId"]');
  const person = people.find((o) => o.value);
  if (person) await app.fill('doc', { personId: person.value });
  t.diagnostic(`unit ${unit.label}; person ${person ? person.label : '(none)'}; person options ${people.length - 1}`);
  await app.shot('order-form-filled');
  await app.submit('doc');
  const urgencyError = 'form[data-form="doc"] .field-error[data-for="urgency"]';
  await app.s.waitFor(async () => (await app.textOf(urgencyError)).length > 0, { message: `a message in ${urgencyError}` });
  await app.shot('order-form-no-urgency');
  assert.match(await app.textOf(urgencyError), /请选择紧急程度/);
  assert.ok(await app.s.isVisible(urgencyError), 'the urgency message is visible beside the field');
  const none = await app.invoke('list_docs', { input: {} });
  assert.ok(none.ok, `list_docs: ${JSON.stringify(none.error)}`);
  assert.equal(none.value.length, before.value.length, 'nothing was written for the bad input');

  // Corrected: saved as a draft, the detail panel shows it.
  await app.fill('doc', { urgency: 'urgent' });
  await app.submit('doc');
  await app.s.waitFor(`${PANEL} .doc-detail[data-status="draft"]`, { message: 'the draft in the detail panel' });
  const docId = await app.s.executeScript(`return document.querySelector('${PANEL} .doc-detail').dataset.docId`);
  const rowOf = (r) => r.find((row) => row.id === String(docId));
  let rows = await app.waitRows('docs', (r) => rowOf(r) && rowOf(r).text.includes(TITLE), 'the draft in the list');
  assert.ok(rowOf(rows).text.includes('草稿') && rowOf(rows).text.includes('特急') && rowOf(rows).text.includes(unit.label), `row: ${rowOf(rows).text}`);
  await waitToastsGone(app);
  await app.shot('order-draft-detail');
  // The admin may sign as well; a draft offers edit, sign and withdraw.
  const adminActions = await visibleActions(app, PANEL);
  for (const a of ['edit', 'sign', 'withdraw', 'preview', 'save-pdf', 'print']) assert.ok(adminActions.includes(a), `admin sees ${a}: ${adminActions}`);

  // ---------- sign as the 签发人 ----------
  await app.logout();
  await app.login(SIGNER.username, SIGNER.password);
  await app.nav('documents');
  rows = await app.waitRows('docs', (r) => rowOf(r), 'the draft in the signer’s list');
  await app.s.click(`table[data-table="docs"] tr[data-id="${docId}"] td.doc-col-title`);
  await app.s.waitFor(`${PANEL} .doc-detail[data-status="draft"]`, { message: 'the draft opened by the signer' });
  await app.clickAction('sign', PANEL);
  await app.s.waitFor('dialog[data-dialog="sign"] form[data-form="sign"]', { message: 'the sign dialog' });
  const explanation = await app.textOf('dialog[data-dialog="sign"]');
  assert.match(explanation, /签发后内容将冻结，文号将自动编排/);
  await app.shot('sign-dialog');

  await app.fill('sign', { password: 'wrong-password' });
  await app.submit('sign');
  const passwordError = 'form[data-form="sign"] .field-error[data-for="password"]';
  await app.s.waitFor(async () => (await app.textOf(passwordError)).length > 0, { message: 'the wrong-password message beside the field' });
  await app.shot('sign-wrong-password');
  assert.match(await app.textOf(passwordError), /密码不正确/);
  assert.equal(await detailStatus(app), 'draft', 'still a draft after the wrong password');

  await app.fill('sign', { password: SIGNER.password });
  await app.submit('sign');
  await app.s.waitFor(`${PANEL} .doc-detail[data-status="issued"]`, { message: 'the signed order in the panel', timeout: 20_000 });
  const number = await app.s.executeScript(`return document.querySelector('${PANEL} [data-doc-number]').dataset.docNumber`);
  assert.equal(number, expectedNumber);
  const code = await app.s.executeScript(`return document.querySelector('${PANEL} [data-verification-code]').dataset.verificationCode`);
  assert.match(code, /^[0-9A-F]{5}-[0-9A-F]{5}$/);
  assert.equal(await app.textOf(`${PANEL} [data-detail="signer"]`), SIGNER.displayName);
  t.diagnostic(`signed ${number}, code ${code}`);
  await waitToastsGone(app);
  await app.shot('order-signed');
  rows = await app.waitRows('docs', (r) => rowOf(r) && rowOf(r).text.includes(number), 'the number in the list');
  assert.ok(rowOf(rows).text.includes('已签发'), `row: ${rowOf(rows).text}`);
  const issuedActions = await visibleActions(app, PANEL);
  for (const a of ['receive', 'withdraw', 'amend']) assert.ok(issuedActions.includes(a), `issued offers ${a}: ${issuedActions}`);
  assert.ok(!issuedActions.includes('sign') && !issuedActions.includes('edit'), `signed content is not editable: ${issuedActions}`);

  // ---------- preview and print ----------
  await openPrintDialog(app, 'preview', 'preview', t);
  await app.s.waitFor('dialog[data-dialog="preview"] img[data-preview-page]', { message: 'a page image' });
  await app.s.waitFor(async () => app.s.executeScript(`const i = document.querySelector('img[data-preview-page]'); return i.complete && i.naturalWidth > 0;`), { message: 'the page image to load' });
  await app.shot('preview');
  const indicator = await app.textOf('[data-page-indicator]');
  t.diagnostic(`preview: ${indicator}`);
  const pages = Number(/\/\s*(\d+)/.exec(indicator)?.[1] ?? 1);
  if (pages > 1) {
    await app.clickAction('next-page', 'dialog[data-dialog="preview"]');
    assert.match(await app.textOf('[data-page-indicator]'), /第 2 \//);
  }
  await app.clickAction('zoom', 'dialog[data-dialog="preview"]');
  await app.shot('preview-zoomed');
  await app.clickAction('close-preview', 'dialog[data-dialog="preview"]');
  await openPrintDialog(app, 'print', 'print', t);
  await app.shot('print-dialog');
  await app.fill('print', { copies: '0' });
  await app.submit('print');
  await app.s.waitFor(async () => (await app.textOf('form[data-form="print"] .field-error[data-for="copies"]')).length > 0, { message: 'the copies message' });
  assert.equal(await app.textOf('form[data-form="print"] .field-error[data-for="copies"]'), '份数必须是 1–99 之间的整数');
  await app.clickAction('cancel', 'dialog[data-dialog="print"]');
  await closeToasts(app);

  // ---------- the receipt ----------
  await app.clickAction('receive', PANEL);
  await app.s.waitFor('dialog[data-dialog="receive"] form[data-form="receive"]', { message: 'the receipt dialog' });
  const receivedAt = await app.s.property('form[data-form="receive"] [name="receivedAt"]', 'value');
  assert.match(receivedAt, /^\d{4}-\d{2}-\d{2}$/, 'the receipt date defaults to today');
  await app.fill('receive', { receivedBy: '刘志强' });
  await app.shot('receipt-dialog');
  await app.submit('receive');
  await app.s.waitFor(`${PANEL} .doc-detail[data-status="received"]`, { message: 'the received order' });
  assert.equal(await app.textOf(`${PANEL} [data-detail="receivedBy"]`), '刘志强');
  rows = await app.waitRows('docs', (r) => rowOf(r) && rowOf(r).text.includes('已签收'), 'the list shows 已签收');
  await waitToastsGone(app);
  await app.shot('order-received');

  // ---------- 起草更正: a new draft that references the signed order ----------
  await app.clickAction('amend', PANEL);
  await app.s.waitFor('[data-panel="doc-form"] form[data-form="doc"]', { message: 'the amending draft in the form' });
  assert.match(await app.textOf('form[data-form="doc"] .doc-form__amends'), new RegExp(number.replace(/[〔〕]/g, '.')));
  await app.fill('doc', { deadline: '2027-01-15' });
  await waitToastsGone(app);
  await app.shot('amend-form');
  await app.submit('doc');
  await app.s.waitFor(`${PANEL} .doc-detail[data-status="draft"] [data-detail="amends"]`, { message: 'the amending draft with its reference' });
  assert.ok((await app.textOf(`${PANEL} [data-detail="amends"]`)).includes(number), 'the draft names what it amends');
  await waitToastsGone(app);
  await app.shot('amend-draft');
  // The reference opens the amended order again.
  await app.clickAction('open-amended', PANEL);
  await app.s.waitFor(`${PANEL} .doc-detail[data-doc-id="${docId}"]`, { message: 'the amended order' });

  // ---------- 撤回 the sample's draft order: a reason is required ----------
  const sampleDraft = before.value.find((d) => d.kind === 'order' && d.status === 'draft');
  if (sampleDraft) {
    await app.s.click(`table[data-table="docs"] tr[data-id="${sampleDraft.id}"] td.doc-col-title`);
    await app.s.waitFor(`${PANEL} .doc-detail[data-doc-id="${sampleDraft.id}"]`, { message: 'the sample draft' });
    await app.clickAction('withdraw', PANEL);
    await app.s.waitFor('dialog[data-dialog="confirm"]', { message: 'the withdraw confirmation' });
    await app.s.click('dialog[data-dialog="confirm"] button[data-action="confirm"]');
    await app.s.waitFor(async () => (await app.textOf('dialog[data-dialog="confirm"] .field-error[data-for="reason"]')).length > 0, { message: 'the reason message' });
    await app.s.type('dialog[data-dialog="confirm"] textarea[name="reason"]', '与更正后的调度令重复');
    await app.shot('withdraw-confirm');
    await app.s.click('dialog[data-dialog="confirm"] button[data-action="confirm"]');
    await app.s.waitFor(`${PANEL} .doc-detail[data-doc-id="${sampleDraft.id}"][data-status="withdrawn"]`, { message: 'the withdrawn draft' });
    assert.deepEqual(await visibleActions(app, `${PANEL} .doc-detail__actions`), [], 'a withdrawn document offers no further step');
    await waitToastsGone(app);
    await app.shot('withdrawn');
  }

  // ---------- late badges from the sample ----------
  const late = before.value.find((d) => d.lateCompletion || d.lateReceipt);
  if (late) {
    rows = await app.waitRows('docs', (r) => r.length > 0, 'rows');
    const row = rows.find((r) => r.id === String(late.id));
    if (late.lateCompletion) assert.ok(row.text.includes('办理逾期'), `late row: ${row.text}`);
    if (late.lateReceipt) assert.ok(row.text.includes('签收逾期'), `late row: ${row.text}`);
    await app.s.click(`table[data-table="docs"] tr[data-id="${late.id}"] td.doc-col-title`);
    await app.s.waitFor(`${PANEL} .doc-detail[data-doc-id="${late.id}"] [data-late]`, { message: 'the late flag in the detail' });
    await app.shot('late-detail');
  }

  // ---------- the notice form ----------
  await app.clickAction('new-notice');
  await app.s.waitFor('[data-panel="doc-form"] form[data-form="doc"][data-kind="notice"]', { message: 'the notice form' });
  assert.ok(await app.hasField('doc', 'method'), 'notices have a 调度方式');
  assert.ok(!(await app.hasField('doc', 'urgency')), 'notices have no 紧急程度');
  await app.shot('notice-form');
  await app.clickAction('close-panel');

  // ---------- 验证码查验 ----------
  await app.nav('verify');
  await app.s.waitFor('form[data-form="verify"] input[name="code"]', { message: 'the verification page' });
  await app.fill('verify', { code: code.toLowerCase() });
  await app.clickAction('verify');
  await app.s.waitFor('[data-verify-result][data-result="authentic"]', { message: 'an authentic answer' });
  const authentic = await app.textOf('[data-verify-result]');
  assert.ok(authentic.includes('真实有效') && authentic.includes(number) && authentic.includes(TITLE) && authentic.includes(SIGNER.displayName), authentic);
  await app.shot('verify-authentic');

  await app.fill('verify', { code: '00000-00000' });
  await app.clickAction('verify');
  await app.s.waitFor('[data-verify-result][data-result="unknown"]', { message: 'an unknown answer' });
  assert.match(await app.textOf('[data-verify-result]'), /查无此验证码/);
  await app.shot('verify-unknown');

  // Too short: the core's message beside the field.
  await app.fill('verify', { code: '12' });
  await app.clickAction('verify');
  const codeError = 'form[data-form="verify"] .field-error[data-for="code"]';
  await app.s.waitFor(async () => (await app.textOf(codeError)).length > 0, { message: 'the short-code message' });
  assert.match(await app.textOf(codeError), /验证码/);

  // From the answer back to the document.
  await app.fill('verify', { code });
  await app.clickAction('verify');
  await app.s.waitFor('[data-verify-result][data-result="authentic"]', { message: 'authentic again' });
  await app.clickAction('open-doc', '[data-verify-result]');
  await app.s.waitFor(`${PANEL} .doc-detail[data-doc-id="${docId}"]`, { message: 'the document opened from the verification page' });
  await app.shot('doc-from-verify');

  // ---------- a viewer reads, verifies and previews, and is offered no step ----------
  await app.logout();
  await app.login(VIEWER.username, VIEWER.password);
  await app.nav('documents');
  await app.waitRows('docs', (r) => r.some((row) => row.id === String(docId)), 'the list as viewer');
  assert.equal(await app.s.isVisible('button[data-action="new-order"]'), false, 'no 起草调度令 for a viewer');
  assert.equal(await app.s.isVisible('button[data-action="new-notice"]'), false, 'no 起草通知单 for a viewer');
  await app.s.click(`table[data-table="docs"] tr[data-id="${docId}"] td.doc-col-title`);
  await app.s.waitFor(`${PANEL} .doc-detail[data-doc-id="${docId}"]`, { message: 'the order as viewer' });
  const viewerActions = await visibleActions(app, PANEL);
  assert.deepEqual(viewerActions.filter((a) => !['preview', 'save-pdf', 'print', 'close-panel', 'open-amended'].includes(a)), [], `viewer actions: ${viewerActions}`);
  await app.shot('doc-as-viewer');
});
