// 公文设置 on the settings page: the issuing body, the number prefix of every
// numbered kind of paper (empty = made from the issuing body's name, shown as
// the placeholder), the office's own font files per role (chosen in the
// native dialog the core opens, checked by loading them; shown with the font
// each role is actually printed with) and the seal or signature image placed
// on signed documents. Only the admin changes them; everyone sees them.
//
// Hooks: form[data-form="doc-settings"] (issuerName, orderPrefix,
// noticePrefix, reminderPrefix, bulletinPrefix, rewardPrefix, sealWidthMm)
// with [data-number-example]; rows
// tr[data-font-role="fang_song" | …] with [data-font-configured],
// [data-font-in-use] and button[data-action="choose-font" | "clear-font"];
// [data-seal] with img[data-seal-preview], [data-seal-info] and
// button[data-action="choose-seal" | "clear-seal"].

import * as docsApi from '../api/docs.js';
import { h } from '../components/dom.js';
import { textField, formError, formActions } from '../components/fields.js';
import { bindForm } from '../components/form.js';
import { toast, toastError } from '../components/toast.js';
import { numberExample, checkPrefix, sourceLabel } from '../lib/doc-settings.js';
import { section } from './common.js';
import { now as clockNow } from '../lib/clock.js';

// The prefix fields of the form, in the order of the core's kinds.
const PREFIX_FIELDS = [
  ['orderPrefix', '调度令'],
  ['noticePrefix', '通知单'],
  ['reminderPrefix', '催办通知单'],
  ['bulletinPrefix', '阶段总结通报'],
  ['rewardPrefix', '考核奖惩通报'],
];

export function docSettingsSection({ admin }) {
  let settings = null;

  // ---------- issuer, prefixes, seal size ----------
  const example = h('p', { class: 'field__hint doc-number-example', 'data-number-example': true });
  const form = h(
    'form',
    { class: 'form form--narrow', 'data-form': 'doc-settings' },
    textField({ name: 'issuerName', label: '发文机关', required: true, maxlength: 30, hint: '印在文件顶端（红头）和落款处，如“某某煤矿党委党建调度室”' }),
    h('div', { class: 'doc-prefix-grid', 'data-prefixes': true }, ...PREFIX_FIELDS.map(([name, label]) => textField({ name, label: `${label}文号前缀`, maxlength: 12 }))),
    h('p', { class: 'field__hint' }, '留空则按发文机关名称自动生成（见框内灰字）。几类文件可以用同一前缀，它们共用一个顺序号，不会出现重复文号。'),
    example,
    textField({ name: 'sealWidthMm', label: '印章宽度（毫米）', required: true, inputmode: 'decimal', hint: '20–60 毫米；圆形公章一般为 42 毫米' }),
    formError(),
    admin ? formActions('保存公文设置') : h('p', { class: 'muted' }, '只有管理员可以修改公文设置。'),
  );
  if (!admin) for (const input of form.querySelectorAll('input')) input.disabled = true;

  // The prefix a field stands for: what is typed, else its default.
  const effective = (name) => form.elements[name].value.trim() || form.elements[name].placeholder;

  function showExample() {
    const year = clockNow().getFullYear();
    example.textContent = `签发时自动编号，如：${numberExample(effective('orderPrefix'), year, 7)}、${numberExample(effective('noticePrefix'), year, 12)}。已签发文件的文号不变。`;
  }
  for (const [name] of PREFIX_FIELDS) form.elements[name].addEventListener('input', showExample);

  bindForm(form, {
    validate: (values) => {
      const errors = {};
      if (String(values.issuerName ?? '').trim().length < 2) errors.issuerName = '请填写发文机关名称';
      for (const [name, label] of PREFIX_FIELDS) {
        const value = String(values[name] ?? '').trim();
        const error = value ? checkPrefix(value, `${label}文号前缀`) : null;
        if (error) errors[name] = error;
      }
      const width = Number(String(values.sealWidthMm ?? '').normalize('NFKC').trim());
      if (!Number.isFinite(width) || width < 20 || width > 60) errors.sealWidthMm = '印章宽度应在20到60毫米之间';
      return errors;
    },
    submit: async (values) => {
      settings = await docsApi.updateDocSettings({
        issuerName: values.issuerName.trim(),
        ...Object.fromEntries(PREFIX_FIELDS.map(([name]) => [name, String(values[name] ?? '').trim()])),
        sealWidthMm: Number(String(values.sealWidthMm).normalize('NFKC').trim()),
      });
      fill();
      toast('公文设置已保存', 'success');
    },
  });

  // ---------- fonts ----------
  const fontBody = h('tbody');
  const fontNote = h('p', { class: 'doc-font-note', 'data-font-note': true, hidden: true });
  const fontTable = h(
    'table',
    { class: 'grid doc-font-table', 'data-table': 'doc-fonts' },
    h('thead', null, h('tr', null, h('th', null, '字体'), h('th', null, '指定的字体文件'), h('th', null, '实际使用'), admin ? h('th', { class: 'col-actions' }, '操作') : null)),
    fontBody,
  );

  async function chooseFont(role, label) {
    try {
      const saved = await docsApi.chooseDocFont({ role });
      if (!saved) return;
      settings = saved;
      toast(`已设置${label}字体`, 'success');
      await refreshFonts();
    } catch (error) {
      toast(error.message ?? String(error), 'error');
      showFontError(role, error.message ?? String(error));
    }
  }

  async function clearFont(role, label) {
    try {
      settings = await docsApi.clearDocFont({ role });
      toast(`${label}字体已改回使用系统字体`, 'success');
      await refreshFonts();
    } catch (error) {
      toastError(error);
    }
  }

  function showFontError(role, message) {
    const slot = fontBody.querySelector(`tr[data-font-role="${role}"] .field-error`);
    if (slot) {
      slot.textContent = message;
      slot.hidden = false;
    }
  }

  function fontRows(inUse) {
    fontBody.replaceChildren(
      ...settings.fonts.map((f) => {
        const used = inUse ? inUse.find((u) => u.role === f.role) : null;
        const configured = f.configured;
        return h(
          'tr',
          { 'data-font-role': f.role },
          h('td', null, h('div', { class: 'col-strong' }, f.roleLabel), h('div', { class: 'muted doc-font-use' }, f.usedFor)),
          h(
            'td',
            { 'data-font-configured': configured ? configured.originalName : '' },
            configured ? [h('div', null, configured.family ?? ''), h('div', { class: 'muted doc-font-file' }, configured.originalName)] : h('span', { class: 'muted' }, '未指定（使用系统字体）'),
            h('div', { class: 'field-error', hidden: true }),
          ),
          h(
            'td',
            { 'data-font-in-use': used ? used.family : '' },
            used
              ? [h('div', null, used.family), h('div', { class: 'muted doc-font-file' }, used.file), h('span', { class: ['tag', 'doc-font-source', `doc-font-source--${used.source === 'user' ? 'user' : used.substitute ? 'substitute' : 'system'}`] }, sourceLabel(used))]
              : h('span', { class: 'muted' }, inUse ? '—' : '正在读取…'),
          ),
          admin
            ? h(
                'td',
                { class: 'row-actions' },
                h('button', { type: 'button', class: 'btn btn--small', 'data-action': 'choose-font', onClick: () => chooseFont(f.role, f.roleLabel) }, '选择文件…'),
                configured ? h('button', { type: 'button', class: 'btn btn--small btn--ghost', 'data-action': 'clear-font', onClick: () => clearFont(f.role, f.roleLabel) }, '恢复系统字体') : null,
              )
            : null,
        );
      }),
    );
  }

  async function refreshFonts() {
    fontRows(null);
    try {
      const inUse = await docsApi.docFontsInUse();
      fontNote.hidden = true;
      fontRows(inUse);
    } catch (error) {
      fontRows([]);
      fontNote.hidden = false;
      fontNote.textContent = `字体未能加载，文件将无法生成：${error.message ?? error}`;
    }
  }

  // ---------- seal ----------
  const sealImage = h('img', { class: 'doc-seal__image', 'data-seal-preview': true, alt: '印章图片预览', hidden: true });
  const sealEmpty = h('div', { class: 'doc-seal__empty' }, '未设置');
  const sealInfo = h('div', { class: 'doc-seal__info', 'data-seal-info': true });
  const sealActions = h('div', { class: 'doc-seal__actions' });
  const sealBox = h(
    'div',
    { class: 'doc-seal', 'data-seal': true },
    h('div', { class: 'doc-seal__frame' }, sealImage, sealEmpty),
    h('div', { class: 'doc-seal__side' }, sealInfo, h('p', { class: 'muted doc-seal__note' }, '印章或签名图片只印在已签发的文件上（草稿和已撤回的不印），压在落款的发文机关和日期上。建议使用透明背景的PNG图片。'), sealActions),
  );

  async function showSeal() {
    const seal = settings.seal;
    sealInfo.replaceChildren(
      ...(seal
        ? [h('div', { class: 'col-strong' }, seal.originalName), h('div', { class: 'muted num' }, `${seal.widthPx} × ${seal.heightPx} 像素，印出宽度 ${settings.sealWidthMm} 毫米`)]
        : [h('div', { class: 'muted' }, '尚未设置印章或签名图片')]),
    );
    sealActions.replaceChildren(
      ...[
        admin ? h('button', { type: 'button', class: 'btn btn--small', 'data-action': 'choose-seal', onClick: chooseSeal }, seal ? '更换图片…' : '选择图片…') : null,
        admin && seal ? h('button', { type: 'button', class: 'btn btn--small btn--ghost', 'data-action': 'clear-seal', onClick: clearSeal }, '删除') : null,
      ].filter(Boolean),
    );
    if (!seal) {
      sealImage.hidden = true;
      sealImage.removeAttribute('src');
      sealEmpty.hidden = false;
      return;
    }
    try {
      const preview = await docsApi.sealImagePreview();
      if (preview && preview.dataUrl) {
        sealImage.src = preview.dataUrl;
        sealImage.hidden = false;
        sealEmpty.hidden = true;
      }
    } catch (error) {
      sealEmpty.hidden = false;
      sealEmpty.textContent = error.message ?? '印章图片无法显示';
    }
  }

  async function chooseSeal() {
    try {
      const saved = await docsApi.chooseSealImage();
      if (!saved) return;
      settings = saved;
      toast('印章图片已设置', 'success');
      await showSeal();
    } catch (error) {
      toast(error.message ?? String(error), 'error');
    }
  }

  async function clearSeal() {
    try {
      settings = await docsApi.clearSealImage();
      toast('印章图片已删除', 'success');
      await showSeal();
    } catch (error) {
      toastError(error);
    }
  }

  function fill() {
    form.elements.issuerName.value = settings.issuerName;
    for (const p of settings.prefixes) {
      const input = form.elements[p.field];
      if (!input) continue;
      input.value = p.custom ?? '';
      input.placeholder = p.defaultPrefix;
    }
    form.elements.sealWidthMm.value = String(settings.sealWidthMm);
    showExample();
  }

  const element = section({
    name: 'doc-settings',
    title: '公文设置',
    description: '印制文件用的发文机关、各类文件的文号前缀、字体和印章',
    body: h(
      'div',
      { class: 'doc-settings' },
      form,
      h('h3', { class: 'doc-settings__sub' }, '字体'),
      h('p', { class: 'muted doc-settings__lead' }, '优先使用这里指定的字体文件（如本单位的仿宋_GB2312、方正小标宋简体），未指定的使用本机已安装的字体。选择的文件会经过检查，并复制到数据目录保存。'),
      fontNote,
      fontTable,
      h('h3', { class: 'doc-settings__sub' }, '印章或签名图片'),
      sealBox,
    ),
  });
  element.classList.add('doc-settings-section');

  async function load() {
    settings = await docsApi.getDocSettings();
    fill();
    fontRows(null);
    await Promise.all([refreshFonts(), showSeal()]);
  }

  return { element, load };
}
