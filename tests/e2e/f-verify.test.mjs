// f. Verification of printed papers and their numbers through the real window.
// A signed order of the sample is saved as PDF from its detail panel (另存为PDF;
// DIAODU_SAVE_DIR stands in for the native save dialog); its QR code is read back
// from the rendered page with zbarimg, the way a scanner reads the paper, and that
// text (DIAODU-VERIFY:XXXXX-XXXXX) is pasted whole into 验证码查验: 真实有效, with
// the content as signed and what verification cannot prove. A withdrawn order's QR
// text answers 已撤回作废 in red, an unknown code 查无此验证码. Then 公文设置: every
// numbered kind shows its prefix, defaults made from the issuer's name; a 催办通知单
// prefix set in the form is the one the next reminder takes.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ADMIN, appTest, TEST_TODAY, testNow } from './lib/app.mjs';
import { pdfText } from './lib/print.mjs';

const SAVE_DIR = mkdtempSync(join(tmpdir(), 'diaodu-verify-save-'));
process.env.DIAODU_SAVE_DIR = SAVE_DIR;
const PANEL = '[data-panel="doc"]';
const RESULT = '[data-verify-result]';

async function toastsGone(app) {
  await app.s.waitFor(async () => !(await app.s.isVisible('.toast')), { message: 'toasts to go', timeout: 15_000 });
}

async function closeToasts(app) {
  await app.s.executeScript(`for (const b of document.querySelectorAll('.toast__close')) b.click();`);
}

// 另存为PDF from the document's detail panel; the path the app reports.
async function savePdfOf(app, id) {
  await app.nav('documents');
  await app.waitRows('docs', (r) => r.some((row) => row.id === String(id)), `document ${id} listed`);
  await app.s.click(`table[data-table="docs"] tr[data-id="${id}"] td.doc-col-title`);
  await app.s.waitFor(`${PANEL} .doc-detail[data-doc-id="${id}"]`, { message: `document ${id} in the panel` });
  await closeToasts(app);
  await app.clickAction('save-pdf', PANEL);
  await app.s.waitFor('.toast--success', { message: 'the PDF saved', timeout: 30_000 });
  const toast = await app.textOf('.toast--success .toast__text');
  const path = /已保存PDF：(.+)$/.exec(toast)?.[1];
  assert.ok(path && path.startsWith(SAVE_DIR), `saved into ${SAVE_DIR}: ${toast}`);
  await closeToasts(app);
  return path;
}

// What a scanner reads from the QR code (beside the signature block, on
// whichever page that falls).
function scanQr(pdf) {
  const dir = mkdtempSync(join(SAVE_DIR, 'scan-'));
  execFileSync('pdftoppm', ['-r', '150', '-png', pdf, join(dir, 'page')]);
  for (const page of readdirSync(dir).sort()) {
    try {
      const text = execFileSync('zbarimg', ['--quiet', '--raw', '-Sdisable', '-Sqrcode.enable', join(dir, page)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
      if (text) return text;
    } catch {
      // zbarimg exits 4 on a page without a code.
    }
  }
  throw new Error(`no QR code found on any page of ${pdf}`);
}

// Pastes text into the code field as a user (or a scanner acting as a keyboard) does.
async function verifyTyped(app, text, result) {
  await app.nav('verify');
  await app.s.waitFor('form[data-form="verify"] input[name="code"]', { message: 'the verification page' });
  await app.fill('verify', { code: text });
  const typed = await app.s.executeScript(`return document.querySelector('form[data-form="verify"] input[name="code"]').value`);
  assert.equal(typed, text, 'the whole QR text fits the field');
  await app.clickAction('verify');
  await app.s.waitFor(`${RESULT}[data-result="${result}"]`, { message: `a ${result} answer for ${text}`, timeout: 20_000 });
  return app.textOf(RESULT);
}

async function titleColour(app) {
  return app.s.executeScript(`return getComputedStyle(document.querySelector('${RESULT} .verify-result__title')).color`);
}

appTest('f-verify', { today: TEST_TODAY }, async (app, t) => {
  await app.setupAdmin(ADMIN, 'load-sample');
  await toastsGone(app);
  const docs = (await app.invoke('list_docs', { input: {} })).value;
  const issued = docs.find((d) => d.kind === 'order' && d.status === 'issued' && !docs.some((x) => x.amendsId === d.id));
  const withdrawn = docs.find((d) => d.kind === 'order' && d.status === 'withdrawn' && d.number);
  assert.ok(issued && withdrawn, 'the sample has an issued order and a signed order withdrawn');
  t.diagnostic(`issued ${issued.number}, withdrawn ${withdrawn.number}`);

  // ---------- a valid order: the QR text read from the printed page ----------
  const pdf = await savePdfOf(app, issued.id);
  const qr = scanQr(pdf);
  t.diagnostic(`QR of ${issued.number}: ${qr}`);
  assert.match(qr, /^DIAODU-VERIFY:[0-9A-F]{5}-[0-9A-F]{5}$/);
  const code = qr.slice('DIAODU-VERIFY:'.length);
  assert.ok(pdfText(pdf).includes(code), 'the code is printed beside the QR code');
  const valid = await verifyTyped(app, qr, 'authentic');
  assert.ok(valid.includes('真实有效') && valid.includes(issued.number), valid);
  assert.equal(await app.textOf(`${RESULT} [data-detail="number"]`), issued.number);
  assert.match(await app.textOf(`${RESULT} [data-verify-limits]`), /不能证明手中的纸质文件在打印后未被涂改/);
  assert.equal(await app.s.executeScript(`return document.querySelector('${RESULT}').dataset.tone`), 'ok');
  await app.shot('verify-valid-qr');
  // The QR text in lower case, with a full-width colon, as an input method may give it.
  await verifyTyped(app, qr.toLowerCase().replace(':', '：'), 'authentic');

  // ---------- a withdrawn order: red, and said so ----------
  const wpdf = await savePdfOf(app, withdrawn.id);
  const wqr = scanQr(wpdf);
  const gone = await verifyTyped(app, wqr, 'withdrawn');
  assert.ok(gone.includes('已撤回作废') && gone.includes(withdrawn.number), gone);
  assert.equal(await app.s.executeScript(`return document.querySelector('${RESULT}').dataset.tone`), 'bad');
  const red = await titleColour(app);
  t.diagnostic(`withdrawn title colour ${red}`);
  const [r, g, b] = red.match(/\d+/g).map(Number);
  assert.ok(r > 150 && g < 90 && b < 90, `the withdrawn answer is red: ${red}`);
  await app.shot('verify-withdrawn');

  // ---------- an unknown code ----------
  const unknown = await verifyTyped(app, 'DIAODU-VERIFY:00000-00000', 'unknown');
  assert.match(unknown, /查无此验证码/);
  await app.shot('verify-unknown');

  // ---------- 公文设置: a prefix for every numbered kind ----------
  await app.nav('settings');
  const FORM = 'form[data-form="doc-settings"]';
  await app.s.waitFor(async () => app.s.executeScript(`return document.querySelector('${FORM} [name="rewardPrefix"]')?.placeholder ?? ''`), { message: 'the prefix fields with their defaults' });
  const placeholders = await app.s.executeScript(
    `return Object.fromEntries(['orderPrefix', 'noticePrefix', 'reminderPrefix', 'bulletinPrefix', 'rewardPrefix'].map((n) => [n, document.querySelector('${FORM} [name="' + n + '"]').placeholder]))`,
  );
  t.diagnostic(`defaults: ${JSON.stringify(placeholders)}`);
  // The sample's issuer is 晋源煤矿党委党建调度室: every default is made from it.
  assert.deepEqual(placeholders, { orderPrefix: '晋源党调令', noticePrefix: '晋源党调通', reminderPrefix: '晋源党调催', bulletinPrefix: '晋源党调通报', rewardPrefix: '晋源党调通报' });
  await app.fill('doc-settings', { reminderPrefix: '晋源督催' });
  await app.s.executeScript(`document.querySelector('${FORM} [name="reminderPrefix"]').scrollIntoView({block: 'center'})`);
  await app.shot('doc-settings-prefixes');
  await app.submit('doc-settings');
  await app.s.waitFor('.toast--success', { message: 'saved' });
  const saved = (await app.invoke('get_doc_settings')).value;
  assert.equal(saved.prefixes.find((p) => p.kind === 'reminder').prefix, '晋源督催');
  const rows = (await app.invoke('reminder_list')).value;
  assert.ok(rows.length > 0, 'the sample has records to chase');
  const target = rows[0];
  const sent = await app.invoke('send_reminder', { input: { targetKind: target.targetKind, targetId: target.targetId } });
  assert.ok(sent.ok, `send_reminder: ${JSON.stringify(sent.error)}`);
  // The sequence goes on from the year's reminders: a new prefix never reuses one.
  assert.match(sent.value.number, new RegExp(`^晋源督催〔${testNow().getFullYear()}〕\\d+号$`));
  t.diagnostic(`reminder sent as ${sent.value.number}`);
});
