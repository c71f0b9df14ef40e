// n. The native file dialogs as a user meets them: the real GTK file chooser under
// Xvfb, driven by xdotool (window found by its title, path typed into its location
// field, Enter). DIAODU_SAVE_DIR is not set here (the app's own environment is
// checked), so 另存为PDF goes through the save dialog and 选择文件… through the open
// dialog; the other tests keep that shortcut.
//  - an order saved with 另存为PDF where the user typed: the file holds its number
//    and title;
//  - a photo picked in the open dialog for a feedback: its thumbnail shows in the form
//    and on the saved feedback.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ADMIN, appTest } from './lib/app.mjs';
import { clickInPanel, closeToasts } from './lib/panel.mjs';
import { photoPng } from './lib/files.mjs';
import { appEnvironment, chooseInFileDialog, screenOf, useTestGtkSettings } from './lib/gtk-dialog.mjs';

// Launched apps inherit this process's environment through tauri-driver.
delete process.env.DIAODU_SAVE_DIR;
const gtkConfig = useTestGtkSettings();
process.on('exit', () => rmSync(gtkConfig, { recursive: true, force: true }));

const PANEL = '[data-panel="doc"]';

/** A PNG of the whole display (dialog included) beside the test's screenshots. */
function displayShot(app) {
  return (name) => screenOf(join(app.shotDir, `${String(++app.shotNo).padStart(2, '0')}-display-${name}.png`));
}

async function openDoc(app, doc, count) {
  await app.nav('documents');
  await app.waitRows('docs', (r) => r.length === count, 'the documents');
  await app.s.click(`table[data-table="docs"] tr[data-id="${doc.id}"] td`);
  await app.s.waitFor(`${PANEL} .doc-detail[data-doc-id="${doc.id}"]`, { timeout: 15_000, message: `the panel of ${doc.title}` });
}

async function startWithSample(app) {
  assert.equal(appEnvironment(app.dataDir).DIAODU_SAVE_DIR, undefined, 'the app runs without DIAODU_SAVE_DIR');
  await app.setupAdmin(ADMIN, 'load-sample');
  await app.s.waitFor(async () => !(await app.s.isVisible('.toast')), { timeout: 20_000, message: 'the start-up toast to go' });
  return (await app.invoke('list_docs', { input: {} })).value;
}

appTest('n-save-pdf-through-the-gtk-dialog', async (app) => {
  const docs = await startWithSample(app);
  const order = docs.find((d) => d.kind === 'order' && d.number && ['issued', 'received', 'in_progress', 'completed'].includes(d.status));
  assert.ok(order, 'the sample has a signed order in force');
  await openDoc(app, order, docs.length);
  await app.shot('order-panel');

  const dir = mkdtempSync(join(tmpdir(), 'diaodu-gtk-save-'));
  const target = join(dir, 'order-saved-here.pdf');
  await clickInPanel(app, 'save-pdf', PANEL);
  await chooseInFileDialog('另存为PDF', target, { shot: displayShot(app) });

  await app.s.waitFor(async () => (await app.textOf('.toast')).includes(target), {
    timeout: 20_000,
    message: `the toast naming ${target}`,
  });
  assert.match(await app.textOf('.toast'), /已保存PDF/);
  await app.shot('saved-toast');
  assert.ok(existsSync(target), `${target} was written`);
  const text = execFileSync('pdftotext', ['-layout', target, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
  assert.ok(text.includes(order.number.replace(/\s+/g, '')), `the PDF shows ${order.number}`);
  assert.ok(text.includes(order.title.replace(/\s+/g, '')), `the PDF shows ${order.title}`);
  execFileSync('pdftoppm', ['-r', '60', '-png', '-f', '1', '-l', '1', target, join(app.shotDir, 'saved-pdf-page')]);
  rmSync(dir, { recursive: true, force: true });
});

appTest('n-attach-a-photo-through-the-gtk-dialog', async (app) => {
  const docs = await startWithSample(app);
  const order = docs.find((d) => d.kind === 'order' && d.status === 'in_progress');
  assert.ok(order, 'the sample has an order in progress');
  await openDoc(app, order, docs.length);
  const before = (await app.invoke('list_feedback', { input: { targetKind: 'document', targetId: order.id } })).value;

  await clickInPanel(app, 'add-feedback', PANEL);
  await app.s.waitFor('dialog[data-dialog="feedback"] form[data-form="feedback"]', { message: 'the feedback form' });
  await app.fill('feedback', { personName: '王书记', progress: '60', text: '已召开支部委员会部署，现场照片附后。' });
  const dir = mkdtempSync(join(tmpdir(), 'diaodu-gtk-pick-'));
  const photo = join(dir, 'branch-meeting-photo.png');
  writeFileSync(photo, photoPng());

  await app.s.click('form[data-form="feedback"] button[data-action="add-attachments"]');
  await chooseInFileDialog('选择照片、视频或文档', photo, { shot: displayShot(app) });

  const thumbInForm = 'form[data-form="feedback"] [data-attachment] img[data-thumb]';
  await app.s.waitFor(thumbInForm, { timeout: 20_000, message: 'the thumbnail of the picked photo in the form' });
  assert.match(await app.textOf('form[data-form="feedback"] [data-field="attachments"]'), /branch-meeting-photo\.png/);
  await app.shot('feedback-form-picked-photo');
  await app.submit('feedback');
  await app.s.waitFor(async () => !(await app.s.isVisible('dialog[data-dialog="feedback"]')), { timeout: 15_000, message: 'the dialog to close' });
  const thumbSaved = `${PANEL} [data-feedback-list] article[data-feedback-id] [data-attachment] img[data-thumb]`;
  await app.s.waitFor(thumbSaved, { timeout: 15_000, message: 'the thumbnail on the saved feedback' });
  const after = (await app.invoke('list_feedback', { input: { targetKind: 'document', targetId: order.id } })).value;
  assert.equal(after.length, before.length + 1);
  assert.deepEqual(
    after[0].attachments.map((a) => a.name),
    ['branch-meeting-photo.png'],
  );
  await closeToasts(app);
  await app.s.executeScript('document.querySelector(arguments[0]).scrollIntoView({ block: "center" })', [thumbSaved]);
  await app.shot('feedback-saved-with-photo');
  rmSync(dir, { recursive: true, force: true });
});
