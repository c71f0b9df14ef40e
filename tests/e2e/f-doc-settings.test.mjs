// f. 公文设置 in the real window. The office's seal image and a font file for 楷体 are
// given with diaodu-cli (the app's own choosers are native GTK dialogs, out of
// WebDriver's reach; the CLI calls the same core operations): the settings page then
// shows the seal and that 楷体 prints with the office's file while the other roles use
// installed fonts. A bad number prefix gets its message beside the field; the issuer and
// prefixes are saved and audited; the next order signed carries the new number prefix,
// the new issuer and the seal, in the preview and in the PDF.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { ADMIN, BINARY, appTest } from './lib/app.mjs';
import { pdfText, squash } from './lib/print.mjs';

const CLI = process.env.DIAODU_CLI || join(dirname(BINARY), 'diaodu-cli');
const KAI = '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc';
const FORM = 'form[data-form="doc-settings"]';

async function toastsGone(app) {
  await app.s.waitFor(async () => !(await app.s.isVisible('.toast')), { message: 'toasts to go', timeout: 15_000 });
}

appTest('f-doc-settings', async (app, t) => {
  assert.ok(existsSync(CLI), `diaodu-cli next to the app binary (${CLI}); build it with cargo build -p diaodu-cli`);
  assert.ok(existsSync(KAI), `${KAI} (fonts-noto-cjk)`);
  const work = mkdtempSync(join(tmpdir(), 'diaodu-seal-'));
  const seal = join(work, '党建调度室印章.png');
  // A round red seal with a star on transparency (ImageMagick).
  execFileSync('convert', ['-size', '420x420', 'xc:none', '-fill', 'none', '-stroke', '#d4141c', '-strokewidth', '16', '-draw', 'circle 210,210 210,22',
    '-fill', '#d4141c', '-stroke', 'none', '-draw', 'polygon 210,120 231,182 297,182 244,220 264,282 210,244 156,282 176,220 123,182 189,182', seal]);

  await app.setupAdmin(ADMIN, 'load-sample');
  await toastsGone(app);
  const cli = (...args) => execFileSync(CLI, ['--data-dir', app.dataDir, ...args], { encoding: 'utf8' }).trim();
  t.diagnostic(cli('doc', 'seal', seal));
  t.diagnostic(cli('doc', 'font', 'kai_ti', KAI));

  // ---------- the settings page shows them ----------
  await app.nav('settings');
  await app.s.waitFor(`${FORM} [name="issuerName"]`, { message: 'the document settings' });
  await app.s.waitFor(async () => app.s.executeScript('const i = document.querySelector("img[data-seal-preview]"); return !!i && !i.hidden && i.complete && i.naturalWidth === 420;'), { message: 'the seal preview', timeout: 20_000 });
  assert.match(await app.textOf('[data-seal-info]'), /党建调度室印章\.png/);
  await app.s.waitFor(async () => (await app.s.executeScript('return document.querySelector(\'tr[data-font-role="kai_ti"] [data-font-in-use]\')?.dataset.fontInUse ?? ""')).length > 0, { message: 'the fonts in use', timeout: 30_000 });
  const kai = await app.textOf('tr[data-font-role="kai_ti"]');
  assert.ok(kai.includes('NotoSansCJK-Regular.ttc') && kai.includes('指定的文件'), `楷体 row: ${kai}`);
  const fang = await app.textOf('tr[data-font-role="fang_song"]');
  assert.ok(fang.includes('未指定') && fang.includes('系统字体'), `仿宋 row: ${fang}`);
  await app.s.executeScript('document.querySelector(\'[data-section="doc-settings"]\').scrollIntoView()');
  await app.shot('doc-settings');
  await app.s.executeScript('document.querySelector("[data-seal]").scrollIntoView({block: "end"})');
  await app.shot('doc-settings-fonts-seal');

  // ---------- a bad prefix, then good values ----------
  await app.fill('doc-settings', { orderPrefix: '漳党调令〔2026〕' });
  await app.submit('doc-settings');
  const prefixError = `${FORM} .field-error[data-for="orderPrefix"]`;
  await app.s.waitFor(async () => (await app.textOf(prefixError)).length > 0, { message: 'the prefix message' });
  assert.match(await app.textOf(prefixError), /不能含有“〔”/);
  await app.s.executeScript(`document.querySelector('${FORM} [name="orderPrefix"]').scrollIntoView({block: 'center'})`);
  await app.shot('doc-settings-bad-prefix');
  await app.fill('doc-settings', { issuerName: '漳村煤矿党委党建调度室', orderPrefix: '漳党调令', noticePrefix: '漳党调通', sealWidthMm: '40' });
  assert.match(await app.textOf('[data-number-example]'), /漳党调令〔\d{4}〕7号/);
  await app.submit('doc-settings');
  await app.s.waitFor('.toast--success', { message: 'saved' });
  const saved = (await app.invoke('get_doc_settings')).value;
  const prefixOf = (kind) => saved.prefixes.find((p) => p.kind === kind).prefix;
  assert.deepEqual([saved.issuerName, prefixOf('order'), prefixOf('notice'), saved.sealWidthMm], ['漳村煤矿党委党建调度室', '漳党调令', '漳党调通', 40]);
  const audit = (await app.invoke('list_audit', { input: { entity: 'settings' } })).value.rows.map((r) => r.summary);
  t.diagnostic(`audit: ${audit.join(' | ')}`);
  for (const s of ['修改公文设置', '设置印章图片：党建调度室印章.png', '设置楷体字体']) assert.ok(audit.some((a) => a.includes(s)), `audited: ${s}`);
  await toastsGone(app);

  // ---------- the next order signed: new prefix, new issuer, the seal ----------
  const draft = (await app.invoke('list_docs', { input: {} })).value.find((d) => d.kind === 'order' && d.status === 'draft');
  assert.ok(draft, 'the sample has a draft order');
  const signed = await app.invoke('sign_doc', { input: { id: draft.id, password: ADMIN.password } });
  assert.ok(signed.ok, JSON.stringify(signed.error));
  assert.match(signed.value.number, /^漳党调令〔\d{4}〕\d+号$/);
  await app.nav('documents');
  await app.waitRows('docs', (r) => r.some((row) => row.id === String(draft.id) && row.text.includes('漳党调令')), 'the new number in the list');
  await app.s.click(`table[data-table="docs"] tr[data-id="${draft.id}"] td.doc-col-title`);
  await app.clickAction('preview', '[data-panel="doc"]');
  await app.s.waitFor(async () => app.s.executeScript('const i = document.querySelector("img[data-preview-page]"); return !!i && i.complete && i.naturalWidth > 0;'), { message: 'the preview', timeout: 30_000 });
  await app.s.executeScript('const s = document.querySelector(".doc-preview__stage"); s.scrollTop = s.scrollHeight;');
  const pages = Number(/\/\s*(\d+)/.exec(await app.textOf('[data-page-indicator]'))?.[1]);
  for (let i = 1; i < pages; i++) await app.clickAction('next-page', 'dialog[data-dialog="preview"]');
  // Pages after the first few are drawn when turned to.
  await app.s.waitFor(async () => app.s.executeScript(`const i = document.querySelector('img[data-preview-page="${pages}"]'); return Boolean(i && !i.hidden && i.complete && i.naturalWidth > 0)`), { message: `the last page (${pages}) of the preview drawn` });
  await app.shot('preview-signed-with-seal');
  await app.clickAction('close-preview', 'dialog[data-dialog="preview"]');

  const pdf = join(work, 'signed.pdf');
  cli('doc', 'pdf', String(draft.id), '--out', pdf);
  const text = pdfText(pdf);
  assert.ok(text.includes(squash(signed.value.number)) && text.includes('漳村煤矿党委党建调度室'), 'number and issuer printed');
  const images = execFileSync('pdfimages', ['-list', pdf], { encoding: 'utf8' }).split('\n').slice(2).filter((l) => l.split(/\s+/)[3] === 'image' || l.split(/\s+/)[2] === 'image');
  assert.equal(images.length, 1, `the seal on the signed order:\n${images.join('\n')}`);
  const fonts = execFileSync('pdffonts', [pdf], { encoding: 'utf8' });
  assert.match(fonts, /NotoSansCJK\S*-Regular/, `the office's 楷体 file is used for the signer's name:\n${fonts}`);
});
