// f. An order through the real window to paper: drafted, signed by the 签发人 (password
// again), previewed, printed with 2 copies on the CUPS virtual PDF printer that
// scripts/e2e.sh sets up (scripts/test-printer.sh), and its receipt recorded. The job
// must arrive as a PDF holding the order's number, unit, title and text, with both
// copies in it. Without the test printer this test fails: printing is a requirement.
import assert from 'node:assert/strict';
import { ADMIN, appTest, TEST_TODAY } from './lib/app.mjs';
import { jobPdf, pdfText, pdfPages, squash, testPrinter } from './lib/print.mjs';

const SIGNER = { username: 'qianfa', displayName: '周建国', role: 'signer', password: 'Signer#2026' };
const TITLE = '关于限期补齐党支部“三会一课”台账的调度令';
const CONTENT = '经检查，部分党支部“三会一课”记录不全，现责令限期补齐台账并报送整改情况。';
const PANEL = '[data-panel="doc"]';

async function toastsGone(app) {
  await app.s.waitFor(async () => !(await app.s.isVisible('.toast')), { message: 'toasts to go', timeout: 15_000 });
}

appTest('f-print-cups', { today: TEST_TODAY }, async (app, t) => {
  const printer = testPrinter();
  t.diagnostic(`test printer ${printer.name}, jobs in ${printer.dir}`);

  await app.setupAdmin(ADMIN, 'load-sample');
  await toastsGone(app);
  const created = await app.invoke('create_user', { input: SIGNER });
  assert.ok(created.ok, `create_user: ${JSON.stringify(created.error)}`);

  // ---------- draft ----------
  await app.nav('documents');
  await app.s.waitFor('table[data-table="docs"]', { message: 'the documents table' });
  await app.clickAction('new-order');
  await app.s.waitFor('form[data-form="doc"][data-kind="order"]', { message: 'the order form' });
  const units = await app.options('form[data-form="doc"] [name="targetUnitId"]');
  const unit = units.find((o) => o.value && o.label.includes('党支部')) ?? units.find((o) => o.value);
  await app.fill('doc', { title: TITLE, urgency: 'expedited', targetUnitId: unit.value, deadline: '2026-12-31', content: CONTENT, requirements: '党支部书记亲自负责。', phone: '0355-5961234' });
  await app.submit('doc');
  await app.s.waitFor(`${PANEL} .doc-detail[data-status="draft"]`, { message: 'the draft' });
  const docId = await app.s.executeScript(`return document.querySelector('${PANEL} .doc-detail').dataset.docId`);
  await toastsGone(app);

  // ---------- sign as the 签发人 ----------
  await app.logout();
  await app.login(SIGNER.username, SIGNER.password);
  await app.nav('documents');
  await app.waitRows('docs', (r) => r.some((row) => row.id === String(docId)), 'the draft in the list');
  await app.s.click(`table[data-table="docs"] tr[data-id="${docId}"] td.doc-col-title`);
  await app.clickAction('sign', PANEL);
  await app.fill('sign', { password: SIGNER.password });
  await app.submit('sign');
  await app.s.waitFor(`${PANEL} .doc-detail[data-status="issued"]`, { message: 'the signed order', timeout: 20_000 });
  const number = await app.s.executeScript(`return document.querySelector('${PANEL} [data-doc-number]').dataset.docNumber`);
  t.diagnostic(`signed ${number}`);
  await toastsGone(app);

  // ---------- preview ----------
  await app.clickAction('preview', PANEL);
  await app.s.waitFor('dialog[data-dialog="preview"] img[data-preview-page]', { message: 'the preview', timeout: 30_000 });
  await app.s.waitFor(async () => app.s.executeScript(`const i = document.querySelector('img[data-preview-page]'); return i.complete && i.naturalWidth > 0;`), { message: 'the page image' });
  const pages = Number(/\/\s*(\d+)/.exec(await app.textOf('[data-page-indicator]'))?.[1]);
  assert.ok(pages >= 1, 'the preview counts the pages');
  await app.shot('preview');

  // ---------- print: 2 copies on the test printer, from the preview ----------
  await app.clickAction('print', 'dialog[data-dialog="preview"]');
  await app.s.waitFor('dialog[data-dialog="print"] form[data-form="print"]', { message: 'the print dialog' });
  const printers = await app.options('form[data-form="print"] [name="printer"]');
  assert.ok(printers.some((o) => o.value === printer.name), `the test printer is offered: ${JSON.stringify(printers)}`);
  await app.fill('print', { printer: printer.name, copies: '2' });
  await app.shot('print-dialog');
  await app.submit('print');
  await app.s.waitFor('.toast--success', { message: 'the print confirmation', timeout: 30_000 });
  const toast = await app.textOf('.toast--success .toast__text');
  t.diagnostic(`toast: ${toast}`);
  assert.ok(toast.includes(printer.name) && toast.includes('共 2 份'), toast);
  const jobId = /作业号 (\S+?)）/.exec(toast)?.[1];
  assert.ok(jobId, `the job id is reported: ${toast}`);
  await app.shot('printed');

  // The job as the printer received it.
  const file = await jobPdf(printer, jobId);
  t.diagnostic(`job ${jobId} → ${file}`);
  const text = pdfText(file);
  for (const part of [number, TITLE, unit.label, CONTENT]) assert.ok(text.includes(squash(part)), `the printed job holds “${part}”`);
  assert.equal(pdfPages(file), 2 * pages, `2 copies of the ${pages}-page order in the job`);
  assert.equal(text.split(squash(TITLE)).length - 1, 2, 'the title once per copy');
  // Collated: each copy is a complete set (pages 1, 2, …, 1, 2, …).
  assert.ok(pdfText(file, { page: pages + 1 }).includes(squash(TITLE)), 'the second copy starts with the first page');

  // ---------- the receipt comes back ----------
  await toastsGone(app);
  await app.clickAction('receive', PANEL);
  await app.fill('receive', { receivedBy: '刘志强' });
  await app.submit('receive');
  await app.s.waitFor(`${PANEL} .doc-detail[data-status="received"]`, { message: 'the received order' });
  assert.equal(await app.textOf(`${PANEL} [data-detail="receivedBy"]`), '刘志强');
  await app.waitRows('docs', (r) => r.some((row) => row.id === String(docId) && row.text.includes('已签收')), 'the list shows 已签收');
  await toastsGone(app);
  await app.shot('received');
});
