// i. Table management through the real window: the sample's work specification
// (95 + 27 items), import of an xlsx written by another program (bad rows
// reported by row and column, only good rows written), an edit that makes a new
// version, generating a month that was never generated, ticking work done in a
// branch's checklist (with a photo as evidence), the omission report on screen, previewed, saved as PDF and
// exported to xlsx (the files exist and parse).
//
// Save dialogs: DIAODU_SAVE_DIR makes the app write to that folder under the
// proposed name instead of opening the native dialog, which no one can click
// under Xvfb.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join, resolve } from 'node:path';
import { ADMIN, appTest, TEST_TODAY, testNow } from './lib/app.mjs';
import { dropFiles, photoPng, unzip } from './lib/files.mjs';

const REPO = resolve(new URL('../..', import.meta.url).pathname);
const FIXTURE = join(REPO, 'crates/sheets/tests/fixtures/spec-import-openpyxl.xlsx');
const SAVE_DIR = mkdtempSync(join(os.tmpdir(), 'diaodu-save-'));
process.env.DIAODU_SAVE_DIR = SAVE_DIR;

const pad = (n) => String(n).padStart(2, '0');
function monthCode(offset) {
  const d = testNow();
  const m = new Date(d.getFullYear(), d.getMonth() + offset, 1);
  return `${m.getFullYear()}-${pad(m.getMonth() + 1)}`;
}

async function toastText(app) {
  return app.s.executeScript('return Array.from(document.querySelectorAll(".toast"), t => t.textContent).join(" | ")');
}

async function waitToast(app, re, message) {
  await app.s.waitFor(async () => re.test(await toastText(app)), { timeout: 20_000, message });
  return toastText(app);
}

async function setPeriod(app, code) {
  await app.s.executeScript(
    `const i = document.querySelector('[data-period-picker] input[name="period"]');
     i.value = arguments[0]; i.dispatchEvent(new Event('change', { bubbles: true }));`,
    [code],
  );
}

appTest('i-spec', { today: TEST_TODAY }, async (app, t) => {
  await app.setupAdmin(ADMIN, 'load-sample');

  // ---------- 工作规范: the sample's 1234 table ----------
  await app.nav('spec');
  const items = await app.waitRows('spec', (r) => r.length === 122, 'the 122 sample items', 30_000);
  assert.match(await app.textOf('[data-spec-summary]'), /党委、部门 95 项 · 支部 27 项/);
  await app.shot('spec-catalogue');
  await app.select('select[name="cycleFilter"]', 'dekad');
  const dekads = await app.waitRows('spec', (r) => r.length > 0 && r.length < 122, 'dekad items only');
  assert.ok(dekads.every((r) => r.cells[5] === '旬'), 'only 旬 items');
  await app.select('select[name="cycleFilter"]', '');

  // An item's detail: three aspects and versions; edit → version 2.
  const first = items.find((r) => r.cells[0] === 'DW-001');
  await app.s.click(`table[data-table="spec"] tr[data-id="${first.id}"] td:nth-child(4)`);
  await app.s.waitFor('aside[data-panel="spec"] [data-versions] li[data-version="1"]', { message: 'the detail with its version list' });
  await app.shot('spec-detail');
  await app.clickAction('edit-spec', 'aside[data-panel="spec"]');
  await app.s.waitFor('form[data-form="spec"]', { message: 'the edit form' });
  // A due rule the core cannot read: the message beside the field, nothing saved.
  await app.s.clear('form[data-form="spec"] input[name="dueText"]');
  await app.fill('spec', { dueText: '月初' });
  await app.submit('spec');
  await app.s.waitFor(async () => /无法识别完成时限/.test(await app.textOf('form[data-form="spec"] .field-error[data-for="dueText"]')), { message: 'the due rule message beside the field' });
  await app.shot('spec-form-error');
  await app.s.clear('form[data-form="spec"] input[name="dueText"]');
  await app.fill('spec', { dueText: '每月第3个工作日', note: '议题征集时间调整' });
  await app.submit('spec');
  await app.s.waitFor('aside[data-panel="spec"] [data-versions] li[data-version="2"]', { message: 'version 2 in the history' });
  assert.match(await app.textOf('aside[data-panel="spec"] [data-detail="dueText"]'), /每月第3个工作日/);
  await app.shot('spec-version-2');
  await app.clickAction('close-panel');

  // Import an xlsx made by openpyxl: preview with row/column errors, then the good rows.
  await app.s.sendKeys('input[data-import-spec]', FIXTURE);
  await app.s.waitFor('dialog[data-dialog="spec-import"] table[data-import-errors]', { timeout: 20_000, message: 'the import preview' });
  const errors = await app.s.executeScript(
    'return Array.from(document.querySelectorAll("table[data-import-errors] tbody tr"), tr => tr.textContent.replace(/\\s+/g, " ").trim())',
  );
  t.diagnostic(`import errors: ${errors.join(' / ')}`);
  assert.equal(errors.length, 6);
  assert.match(errors[0], /第12行.*I列 责任单位.*不存在的部门/);
  assert.match(errors[5], /第17行.*A列 编号.*与第4行重复/);
  assert.match(await app.textOf('[data-import-summary]'), /新增 7 项.*有错误 6 行/);
  assert.equal((await app.invoke('list_spec_items', { input: {} })).value.length, 122, 'nothing written by the preview');
  await app.shot('spec-import-preview');
  await app.clickAction('apply-import', 'dialog[data-dialog="spec-import"]');
  await waitToast(app, /新增 7/, 'the import toast');
  await app.waitRows('spec', (r) => r.length === 129, '122 + 7 imported items');
  await app.shot('spec-imported');

  // ---------- 周期工作: generate a month never generated, tick work done ----------
  const month = monthCode(-3);
  await app.nav('periodic');
  await app.s.waitFor('[data-period-picker]', { message: 'the period picker' });
  await setPeriod(app, month);
  await app.s.waitFor(async () => /本期还没有周期工作/.test(await app.textOf('.spec-view')), { message: `${month} empty before generating` });
  await app.shot('periodic-empty');
  await app.clickAction('generate-period', '.topbar');
  const generated = await waitToast(app, /已生成/, 'the generate toast');
  t.diagnostic(generated);
  const overview = (await app.invoke('spec_overview', { input: { period: month } })).value;
  assert.ok(overview.total > 1000 && overview.items.length > 70, `${overview.items.length} items, ${overview.total} tasks`);
  await app.waitRows('spec-items', (r) => r.length === overview.items.length, 'the committee list');
  await app.shot('periodic-items');
  // Generating again adds nothing.
  const again = (await app.invoke('generate_spec_period', { input: { period: month } })).value;
  assert.equal(again.created, 0);

  await app.s.click('div[data-view-tabs] button[data-view-tab="units"]');
  const units = await app.waitRows('spec-units', (r) => r.length >= 40, 'units of the decomposition');
  await app.shot('periodic-units');
  const branchRow = units.find((r) => r.cells[0] === '综采一队党支部');
  await app.s.click(`table[data-table="spec-units"] tr[data-id="${branchRow.id}"] td`);
  const checklist = await app.waitRows('checklist', (r) => r.length > 20, 'the branch checklist');
  const unitId = Number(branchRow.id);
  const before = (await app.invoke('spec_omissions', { input: { period: month, unitId } })).value.total;
  assert.equal(before, checklist.length, 'a past month never ticked: every task is an omission');
  await app.shot('checklist');

  // Tick the first on its due date (on time), the second two days late.
  const [a, b] = checklist;
  await app.clickAction('tick', `table[data-table="checklist"] tr[data-id="${a.id}"]`);
  await app.s.waitFor('dialog[data-dialog="spec-done"] form[data-form="spec-done"]', { message: 'the done dialog' });
  await app.fill('spec-done', { note: '已召开并形成记录', evidence: '会议记录第12页' });
  // The evidence photo, dropped on the window, lands in the attachment store.
  const photo = join(mkdtempSync(join(os.tmpdir(), 'diaodu-i-')), '支委会现场.png');
  writeFileSync(photo, photoPng());
  await dropFiles(app, [photo]);
  await app.s.waitFor('form[data-form="spec-done"] [data-attachment] img[data-thumb]', { timeout: 20_000, message: 'the photo thumbnail in the done dialog' });
  await app.shot('done-dialog');
  await app.s.click('dialog[data-dialog="spec-done"] button[data-action="submit"]');
  await waitToast(app, /已登记完成/, 'the done toast');
  await app.s.waitFor(async () => (await app.s.executeScript(`return document.querySelector('table[data-table="checklist"] tr[data-id="${a.id}"]')?.className || ''`)).includes('spec-row--done'), { message: 'the row shows done' });
  await app.s.waitFor(`table[data-table="checklist"] tr[data-id="${a.id}"] [data-attachments] img[data-thumb]`, { timeout: 15_000, message: 'the evidence photo on the checklist row' });
  const ticked = (await app.invoke('spec_checklist', { input: { unitId: Number(branchRow.id), period: month } })).value.rows.find((r) => r.id === Number(a.id));
  assert.deepEqual(ticked.attachments.map((f) => f.name), ['支委会现场.png']);
  assert.equal(ticked.evidence, '会议记录第12页');
  // Its due date as the core has it (the row's first cell is the pick box of 批量登记完成).
  const bDue = (await app.invoke('spec_checklist', { input: { unitId: Number(branchRow.id), period: month } })).value.rows.find((r) => r.id === Number(b.id)).dueDate;
  const late = new Date(`${bDue}T00:00:00Z`);
  late.setUTCDate(late.getUTCDate() + 2);
  await app.clickAction('tick', `table[data-table="checklist"] tr[data-id="${b.id}"]`);
  await app.s.waitFor('dialog[data-dialog="spec-done"] form[data-form="spec-done"]', { message: 'the done dialog again' });
  await app.s.clear('dialog[data-dialog="spec-done"] input[name="doneDate"]');
  await app.fill('spec-done', { doneDate: late.toISOString().slice(0, 10) });
  await app.s.click('dialog[data-dialog="spec-done"] button[data-action="submit"]');
  await waitToast(app, /逾期/, 'the late toast');
  await app.s.waitFor(async () => (await app.s.executeScript(`return document.querySelector('table[data-table="checklist"] tr[data-id="${b.id}"]')?.className || ''`)).includes('spec-row--late'), { message: 'the row shows late' });
  await app.shot('checklist-ticked');
  await app.clickAction('close-panel');

  // ---------- 漏项报告 ----------
  await app.nav('omissions');
  await app.s.waitFor('[data-period-picker]', { message: 'the period picker' });
  await setPeriod(app, month);
  await app.select('select[name="unitFilter"]', String(unitId));
  const rows = await app.waitRows('omissions', (r) => r.length === before - 1, 'one omission fewer (the late one stays)');
  assert.ok(rows.some((r) => r.text.includes('逾期完成')), 'the late one is listed as 逾期完成');
  assert.match(await app.textOf('[data-omission-summary]'), new RegExp(`漏项 ${before - 1} 项`));
  await app.shot('omissions-unit');
  await app.select('select[name="unitFilter"]', '');
  await app.waitRows('omission-units', (r) => r.length >= 40, 'all units in the summary');
  await app.shot('omissions-all');

  // The report of all units (every task of a month never ticked) runs to over a
  // hundred pages whatever the day. The preview opens with its first pages and
  // draws a further page when turned to: drawing all of them took pdftoppm one
  // to two minutes here.
  const PREVIEW = 'dialog[data-dialog="preview"]';
  const pageShown = (n) => app.s.executeScript(`const i = document.querySelector('${PREVIEW} img[data-preview-page="${n}"]'); return Boolean(i && !i.hidden && i.complete && i.naturalWidth > 0)`);
  await app.clickAction('preview-report', '.topbar');
  await app.s.waitFor(`${PREVIEW} img[data-preview-page]`, { timeout: 60_000, message: 'the printed report preview' });
  await app.s.waitFor(() => pageShown(1), { message: 'page 1 of the report drawn' });
  const total = Number(/第 1 \/ (\d+) 页/.exec(await app.textOf(`${PREVIEW} [data-page-indicator]`))?.[1]);
  assert.ok(total > 50, `the report of all units is long: ${total} pages`);
  await app.shot('omission-report-preview');
  // Pages 2 and 3 came with the preview; page 4 is drawn when turned to.
  for (let n = 2; n <= 4; n++) {
    await app.clickAction('next-page', PREVIEW);
    await app.s.waitFor(() => pageShown(n), { message: `page ${n} of ${total} drawn` });
  }
  assert.equal(await app.textOf(`${PREVIEW} [data-page-indicator]`), `第 4 / ${total} 页`);
  // The last page, straight from the keyboard (End).
  await app.s.cmd('POST', '/actions', { actions: [{ type: 'key', id: 'keyboard', actions: [{ type: 'keyDown', value: '\uE010' }, { type: 'keyUp', value: '\uE010' }] }] });
  await app.s.waitFor(() => pageShown(total), { message: `the last page (${total}) drawn` });
  assert.equal(await app.textOf(`${PREVIEW} [data-page-indicator]`), `第 ${total} / ${total} 页`);
  await app.shot('omission-report-last-page');
  await app.clickAction('close-preview', PREVIEW);

  await app.select('select[name="unitFilter"]', String(unitId));
  await app.waitRows('omissions', (r) => r.length === before - 1, 'the unit again');
  await app.clickAction('save-report-pdf', '.topbar');
  await waitToast(app, /已保存PDF/, 'the PDF saved');
  await app.clickAction('export-omissions', '.topbar');
  await waitToast(app, /已导出漏项报告/, 'the xlsx exported');
  const files = readdirSync(SAVE_DIR);
  t.diagnostic(`saved: ${files.join(', ')} in ${SAVE_DIR}`);
  const pdf = files.find((f) => f.endsWith('漏项报告.pdf'));
  const xlsx = files.find((f) => f.endsWith('漏项报告.xlsx'));
  assert.ok(pdf && xlsx, `both files saved: ${files}`);
  assert.equal(readFileSync(join(SAVE_DIR, pdf)).subarray(0, 5).toString(), '%PDF-');
  const parts = unzip(readFileSync(join(SAVE_DIR, xlsx)));
  assert.ok(parts['xl/workbook.xml'] && parts['xl/worksheets/sheet1.xml'], Object.keys(parts).join(', '));
  const strings = parts['xl/sharedStrings.xml'].toString('utf8');
  assert.ok(strings.includes('综采一队党支部') && strings.includes('漏项报告'), 'the report text is in the workbook');
  assert.ok(strings.includes('逾期完成'));
  assert.ok(existsSync(join(SAVE_DIR, pdf)));
});
