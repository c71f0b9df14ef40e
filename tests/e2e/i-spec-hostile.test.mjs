// i. A hostile workbook picked for the 工作规范 import, the user's way (the
// page's file chooser): a small .xlsx with one value in A1 and one in
// XFD1048576 aborted the whole app before (calamine laid the range out
// densely); now the page shows the core's Chinese message naming the file and
// the limit, and the app goes on working.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { ADMIN, REPO, appTest } from './lib/app.mjs';
import { unzip, zipStored } from './lib/files.mjs';

const FIXTURE = join(REPO, 'crates/sheets/tests/fixtures/spec-import-openpyxl.xlsx');

// The openpyxl fixture with one more cell, in the last row and column Excel has.
function cornerToCorner() {
  const parts = unzip(readFileSync(FIXTURE));
  const sheet = 'xl/worksheets/sheet1.xml';
  const xml = parts[sheet].toString('utf8');
  assert.ok(xml.includes('</sheetData>'), 'the sheet has its data');
  const far = '<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>远处</t></is></c></row>';
  parts[sheet] = Buffer.from(xml.replace('</sheetData>', `${far}</sheetData>`), 'utf8');
  return zipStored(parts);
}

async function toastText(app) {
  return app.s.executeScript('return Array.from(document.querySelectorAll(".toast"), t => t.textContent).join(" | ")');
}

appTest('i-spec-hostile', async (app, t) => {
  await app.setupAdmin(ADMIN);
  const file = join(mkdtempSync(join(os.tmpdir(), 'diaodu-hostile-')), '工作规范（A1到XFD1048576）.xlsx');
  const bytes = cornerToCorner();
  writeFileSync(file, bytes);
  t.diagnostic(`${bytes.length} bytes`);

  await app.nav('spec');
  await app.s.waitFor('input[data-import-spec]', { message: 'the import file input' });
  await app.s.sendKeys('input[data-import-spec]', file);
  let text = '';
  await app.s.waitFor(async () => /超过导入上限/.test((text = await toastText(app))), { timeout: 20_000, message: 'the refusal toast' });
  t.diagnostic(text);
  assert.match(text, /无法读取“工作规范（A1到XFD1048576）\.xlsx”/);
  assert.match(text, /A1:XFD1048576（1048576 行 × 16384 列）/);
  assert.match(text, /最多 65536 行、256 列（IV列）、共 100 万个单元格/);
  await app.shot('spec-import-too-large');
  assert.ok(!(await app.s.isVisible('dialog[data-dialog="spec-import"]')), 'no preview opened');

  // The app is alive and the catalogue untouched.
  assert.equal((await app.invoke('list_spec_items', { input: {} })).value.length, 0);
  assert.equal((await app.invoke('app_info', {})).value.needsSetup, false);
});
