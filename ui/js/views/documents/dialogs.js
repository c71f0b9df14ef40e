// The modal steps of a document's life: signing (password again), recording
// the receipt, completing, printing, and the page preview.
//
// Hooks: dialog[data-dialog="sign"] > form[data-form="sign"] (password),
// dialog[data-dialog="receive"] > form[data-form="receive"] (receivedBy, receivedAt),
// dialog[data-dialog="complete"] > form[data-form="complete"] (completedAt),
// dialog[data-dialog="print"] > form[data-form="print"] (printer, copies),
// dialog[data-dialog="preview"] with img[data-preview-page],
// [data-page-indicator], button[data-action="prev-page" | "next-page"],
// [data-page-loading] while a page is being drawn.

import * as docsApi from '../../api/docs.js';
import { h } from '../../components/dom.js';
import { textField, passwordField, selectField, formError } from '../../components/fields.js';
import { bindForm } from '../../components/form.js';
import { toast } from '../../components/toast.js';
import { getUser } from '../../state.js';
import { isValidDate, normalizeDateInput, validateCopies, commandErrorMessage } from './model.js';
import { todayIso } from '../../lib/clock.js';
import { previewPages } from '../../lib/preview-pages.js';

// A modal form: the action runs inside (submit); the core's refusal shows
// beside its field and the dialog stays open. Resolves submit's result, or
// null when cancelled.
export function formDialog({ name, title, message = null, details = null, fields, submitLabel, danger = false, validate = null, submit, wide = false, extra = null }) {
  return new Promise((resolve) => {
    let result = null;
    let done = false;
    const form = h(
      'form',
      { class: 'dialog__form', 'data-form': name },
      h('h2', { class: 'dialog__title' }, title),
      message ? h('p', { class: 'dialog__message' }, message) : null,
      details ? h('div', { class: 'dialog__details' }, details) : null,
      fields,
      formError(),
      h(
        'div',
        { class: 'form-actions form-actions--end' },
        extra,
        h('button', { type: 'button', class: 'btn', 'data-action': 'cancel', onClick: () => dialog.close() }, '取消'),
        h('button', { type: 'submit', class: ['btn', danger ? 'btn--danger' : 'btn--primary'], 'data-action': 'submit' }, submitLabel),
      ),
    );
    const dialog = h('dialog', { class: ['dialog', wide && 'dialog--doc-wide'], 'data-dialog': name, 'aria-label': title }, form);
    bindForm(form, {
      validate,
      submit: async (values) => {
        result = await submit(values);
        done = true;
        dialog.close();
      },
    });
    // While the core is working, Esc must not close the dialog under it.
    dialog.addEventListener('cancel', (event) => {
      if (form.getAttribute('aria-busy') === 'true') event.preventDefault();
    });
    dialog.addEventListener('close', () => {
      dialog.remove();
      resolve(done ? result : null);
    });
    document.body.append(dialog);
    dialog.showModal();
    const first = form.querySelector('input:not([type="hidden"]):not([disabled]), select:not([disabled])');
    if (first) {
      first.focus();
      if (typeof first.select === 'function' && first.tagName === 'INPUT') first.select();
    } else form.querySelector('[data-action="submit"]').focus();
  });
}

function dateInput(field) {
  const input = field.querySelector('input');
  input.addEventListener('change', () => {
    const normalized = normalizeDateInput(input.value);
    if (normalized !== input.value) input.value = normalized;
  });
  return field;
}

function checkDate(value, label, { notAfterToday = false } = {}) {
  const text = normalizeDateInput(value);
  if (!text) return `请填写${label}`;
  if (!isValidDate(text)) return `${label}格式应为 2026-03-05`;
  if (notAfterToday && text > todayIso()) return `${label}不能晚于今天`;
  return null;
}

const docName = (doc) => (doc.number ? `${doc.number}“${doc.title}”` : `${doc.kindLabel}“${doc.title}”`);

// 签发: says what will happen, asks for the signer's password again.
export function signDialog(doc) {
  const user = getUser();
  const year = todayIso().slice(0, 4);
  return formDialog({
    name: 'sign',
    title: `签发${doc.kindLabel}`,
    message: '签发后内容将冻结，文号将自动编排。',
    details: [
      h('p', null, `将以“${user ? user.displayName : ''}”的名义签发${doc.kindLabel}“${doc.title}”（责任单位：${doc.targetUnitName}）。`),
      h(
        'ul',
        { class: 'doc-sign-list' },
        h('li', null, `文号按${doc.kindLabel}本年度顺序自动编排（〔${year}〕N号），一经编排不再重复使用，撤回后也不收回；`),
        h('li', null, '记录签发人与签发时间，生成验证码，印在文件上供查验；'),
        h('li', null, '签发后不能再修改，如需更改只能起草更正。'),
      ),
    ],
    fields: passwordField({ name: 'password', label: '请再次输入您的登录密码', autocomplete: 'current-password' }),
    submitLabel: '确认签发',
    validate: (values) => (values.password ? {} : { password: '请输入密码以确认签发' }),
    submit: async (values) => {
      const signed = await docsApi.signDoc({ id: doc.id, password: values.password });
      toast(`已签发，文号 ${signed.number}`, 'success');
      return signed;
    },
  });
}

// 登记签收: from the returned receipt (回执).
export function receiveDialog(doc) {
  return formDialog({
    name: 'receive',
    title: '登记签收',
    message: `登记${docName(doc)}的回执：由谁、在哪天签收。`,
    fields: [
      textField({ name: 'receivedBy', label: '签收人', required: true, value: doc.personName ?? '', maxlength: 20, hint: '回执上签字的人' }),
      dateInput(textField({ name: 'receivedAt', label: '签收日期', required: true, value: todayIso(), placeholder: '如 2026-03-05', inputmode: 'numeric', maxlength: 12 })),
    ],
    submitLabel: '登记签收',
    validate: (values) => {
      const errors = {};
      if (!String(values.receivedBy ?? '').trim()) errors.receivedBy = '请填写签收人';
      const dateError = checkDate(values.receivedAt, '签收日期', { notAfterToday: true });
      if (dateError) errors.receivedAt = dateError;
      return errors;
    },
    submit: async (values) => {
      const saved = await docsApi.receiveDoc({ id: doc.id, receivedBy: values.receivedBy.trim(), receivedAt: normalizeDateInput(values.receivedAt) });
      toast(`已登记签收：${saved.receivedBy}，${saved.receivedAt}`, 'success');
      return saved;
    },
  });
}

// 办结.
export function completeDialog(doc) {
  return formDialog({
    name: 'complete',
    title: '办结',
    message: `确认${docName(doc)}已经办理完毕。`,
    details: doc.deadline ? `完成时限：${doc.deadline}。办结日期晚于完成时限的，列表中标为“办理逾期”。` : null,
    fields: dateInput(textField({ name: 'completedAt', label: '办结日期', required: true, value: todayIso(), placeholder: '如 2026-03-05', inputmode: 'numeric', maxlength: 12 })),
    submitLabel: '办结',
    validate: (values) => {
      const error = checkDate(values.completedAt, '办结日期');
      return error ? { completedAt: error } : {};
    },
    submit: async (values) => {
      const saved = await docsApi.completeDoc({ id: doc.id, completedAt: normalizeDateInput(values.completedAt) });
      toast(`已办结：${saved.number ?? saved.title}`, 'success');
      return saved;
    },
  });
}

// 打印: printer and copies. The printers are asked for first; if the core
// cannot list them, a toast says so and no dialog opens.
export async function printDialog(doc, { send = ({ printer, copies }) => docsApi.printDoc({ id: doc.id, printer, copies }) } = {}) {
  let printers;
  try {
    printers = await docsApi.listPrinters();
  } catch (error) {
    toast(commandErrorMessage(error, '打印'), 'error');
    return null;
  }
  printers = Array.isArray(printers) ? printers : [];
  const preferred = printers.find((p) => p.isDefault) ?? printers[0];
  const noPrinter = printers.length === 0;
  return formDialog({
    name: 'print',
    title: '打印',
    message: `打印${docName(doc)}。`,
    details: noPrinter ? h('p', { class: 'doc-warn' }, '本机没有可用的打印机。请先在系统中添加打印机，或“另存为PDF”后再打印。') : null,
    fields: [
      selectField({
        name: 'printer',
        label: '打印机',
        required: true,
        options: printers.map((p) => ({ value: p.name, label: p.isDefault ? `${p.name}（默认）` : p.name })),
        value: preferred ? preferred.name : '',
        empty: noPrinter ? '（无可用打印机）' : null,
        disabled: noPrinter,
      }),
      textField({ name: 'copies', label: '份数', required: true, value: '1', type: 'number', inputmode: 'numeric', hint: '1–99 份' }),
    ],
    submitLabel: '打印',
    validate: (values) => {
      const errors = {};
      if (!values.printer) errors.printer = '请选择打印机';
      const copies = validateCopies(values.copies);
      if (copies) errors.copies = copies;
      return errors;
    },
    submit: async (values) => {
      const copies = Number(String(values.copies).normalize('NFKC').trim());
      let job;
      try {
        job = await send({ printer: values.printer, copies });
      } catch (error) {
        if (error.field) throw error;
        throw { ...error, message: commandErrorMessage(error, '打印') };
      }
      const jobId = job && job.jobId ? `（作业号 ${job.jobId}）` : '';
      toast(`已发送到打印机“${values.printer}”，共 ${copies} 份${jobId}`, 'success');
      return job ?? true;
    },
  });
}

// 另存为PDF: the core opens the native save dialog itself.
export async function savePdf(doc) {
  try {
    const saved = await docsApi.saveDocPdf({ id: doc.id });
    if (saved && saved.path) toast(`已保存PDF：${saved.path}`, 'success');
    return saved;
  } catch (error) {
    toast(commandErrorMessage(error, '另存为PDF'), 'error');
    return null;
  }
}

// 预览: the rendered pages one at a time, with page navigation
// (←/→, PageUp/PageDown, Home/End) and the print and save buttons. The core
// answers with the first pages; a further page is drawn when turned to (and
// the one after it meanwhile), so a long report opens at once.
export async function previewDialog(doc, { onPrint = null, onSavePdf = null, load = () => docsApi.previewDoc({ id: doc.id }) } = {}) {
  let pages;
  try {
    pages = previewPages(await load(), docsApi.previewPage);
  } catch (error) {
    toast(commandErrorMessage(error, '预览'), 'error');
    return;
  }
  if (pages.count === 0) {
    toast('预览失败：程序核心没有返回页面图像。', 'error');
    return;
  }
  let index = 0;
  const image = h('img', { class: 'doc-preview__page', 'data-preview-page': '1', alt: `${doc.title} 第 1 页` });
  const waiting = h('p', { class: 'doc-preview__loading', 'data-page-loading': true, role: 'status', hidden: true });
  const indicator = h('span', { class: 'doc-preview__indicator num', 'data-page-indicator': true, 'aria-live': 'polite' });
  const prev = h('button', { type: 'button', class: 'btn btn--small', 'data-action': 'prev-page', title: '上一页 (←)', onClick: () => show(index - 1) }, '‹ 上一页');
  const next = h('button', { type: 'button', class: 'btn btn--small', 'data-action': 'next-page', title: '下一页 (→)', onClick: () => show(index + 1) }, '下一页 ›');
  const stage = h('div', { class: 'doc-preview__stage', tabindex: '0', 'aria-label': '页面预览' }, image, waiting);
  // 整页 shows the whole page; 放大 fits the width and scrolls.
  const zoom = h('button', { type: 'button', class: 'btn btn--small', 'data-action': 'zoom', 'aria-pressed': 'false', title: '整页 / 放大 (Z)', onClick: () => setFit(!fit) }, '放大');
  let fit = true;
  function setFit(value) {
    fit = value;
    root.classList.toggle('doc-preview--fit', fit);
    zoom.textContent = fit ? '放大' : '整页';
    zoom.setAttribute('aria-pressed', String(!fit));
    stage.scrollTop = 0;
  }

  function paint(i, src) {
    image.src = src;
    image.hidden = false;
    waiting.hidden = true;
    image.dataset.previewPage = String(i + 1);
    image.alt = `${doc.title} 第 ${i + 1} 页`;
  }

  function show(i) {
    index = Math.max(0, Math.min(pages.count - 1, i));
    const at = index;
    indicator.textContent = `第 ${at + 1} / ${pages.count} 页`;
    prev.disabled = at === 0;
    next.disabled = at === pages.count - 1;
    stage.scrollTop = 0;
    const src = pages.known(at);
    if (src) paint(at, src);
    else {
      image.hidden = true;
      waiting.hidden = false;
      waiting.classList.remove('load-error');
      waiting.textContent = `正在生成第 ${at + 1} 页…`;
      pages.get(at).then(
        (drawn) => index === at && paint(at, drawn),
        (error) => {
          if (index !== at) return;
          waiting.classList.add('load-error');
          waiting.textContent = commandErrorMessage(error, `预览第 ${at + 1} 页`);
        },
      );
    }
    // The next page is drawn while this one is read.
    if (at + 1 < pages.count && !pages.known(at + 1)) pages.get(at + 1).catch(() => {});
  }

  const root = h(
    'div',
    { class: 'doc-preview doc-preview--fit' },
    h(
      'header',
      { class: 'doc-preview__bar' },
      h('h2', { class: 'dialog__title doc-preview__title' }, `预览：${doc.number ?? doc.title}`),
      h('div', { class: 'doc-preview__nav' }, prev, indicator, next, zoom),
      h(
        'div',
        { class: 'doc-preview__actions' },
        onSavePdf ? h('button', { type: 'button', class: 'btn btn--small', 'data-action': 'save-pdf', onClick: () => onSavePdf() }, '另存为PDF') : null,
        onPrint
          ? h(
              'button',
              {
                type: 'button',
                class: 'btn btn--small',
                'data-action': 'print',
                onClick: () => {
                  dialog.close();
                  onPrint();
                },
              },
              '打印…',
            )
          : null,
        h('button', { type: 'button', class: 'btn btn--small', 'data-action': 'close-preview', onClick: () => dialog.close() }, '关闭'),
      ),
    ),
    stage,
  );
  const dialog = h('dialog', { class: 'dialog dialog--preview', 'data-dialog': 'preview', 'aria-label': `预览：${doc.title}` }, root);
  dialog.addEventListener('keydown', (event) => {
    if (event.target.closest('button') && (event.key === 'Enter' || event.key === ' ')) return;
    // PageUp/PageDown turn pages in the whole-page view and scroll when zoomed.
    const moves = fit ? { ArrowLeft: -1, PageUp: -1, ArrowRight: 1, PageDown: 1 } : { ArrowLeft: -1, ArrowRight: 1 };
    if (event.key in moves) {
      event.preventDefault();
      show(index + moves[event.key]);
    } else if (event.key === 'Home') {
      event.preventDefault();
      show(0);
    } else if (event.key === 'End') {
      event.preventDefault();
      show(pages.count - 1);
    } else if ((event.key === 'z' || event.key === 'Z') && !event.ctrlKey && !event.metaKey && !event.altKey) {
      event.preventDefault();
      setFit(!fit);
    }
  });
  dialog.addEventListener('close', () => dialog.remove());
  document.body.append(dialog);
  show(0);
  dialog.showModal();
  stage.focus();
}
