// 批量打印 and 批量保存PDF of the documents selected in the list: a dialog
// that first asks where to (printer and copies; or one PDF each / one
// combined PDF), then shows the progress (n / total) with a 取消 button
// that stops the work between documents, and finally what was done.
//
// Hooks: dialog[data-dialog="batch"][data-mode="print"|"save"] > form[data-form="batch"]
// (fields printer, copies; or target = folder | combined); while running
// [data-batch-progress] (data-done, data-total) with progress[data-batch-bar]
// and button[data-action="cancel-batch"]; at the end [data-batch-result]
// (data-cancelled, data-done, data-total) and button[data-action="close-batch"].

import * as docsApi from '../../api/docs.js';
import { h } from '../../components/dom.js';
import { selectField, textField, formError } from '../../components/fields.js';
import { bindForm } from '../../components/form.js';
import { toast } from '../../components/toast.js';
import { SAVE_TARGETS, progressText, percent, selectionSummary } from '../../lib/batch.js';
import { validateCopies, commandErrorMessage } from './model.js';

function targetChoice(value, checked) {
  const option = SAVE_TARGETS.find((t) => t.value === value);
  return h(
    'label',
    { class: 'batch-target' },
    h('input', { type: 'radio', name: 'target', value, checked, class: 'batch-target__radio' }),
    h('span', { class: 'batch-target__text' }, h('span', { class: 'batch-target__label' }, option.label), h('span', { class: 'batch-target__hint' }, option.hint)),
  );
}

// docs: the selected documents in batch order. mode: 'print' or 'save'.
// Resolves the outcome ({done, total, cancelled, message, …}) or null.
export async function batchDialog({ docs, mode }) {
  let printers = [];
  if (mode === 'print') {
    try {
      printers = await docsApi.listPrinters();
    } catch (error) {
      toast(commandErrorMessage(error, '打印'), 'error');
      return null;
    }
    printers = Array.isArray(printers) ? printers : [];
  }
  const preferred = printers.find((p) => p.isDefault) ?? printers[0];
  const noPrinter = mode === 'print' && printers.length === 0;
  const title = mode === 'print' ? `批量打印（${docs.length} 份）` : `批量保存PDF（${docs.length} 份）`;

  return new Promise((resolve) => {
    let outcome = null;
    let running = false;
    const fields =
      mode === 'print'
        ? [
            selectField({
              name: 'printer',
              label: '打印机',
              required: true,
              options: printers.map((p) => ({ value: p.name, label: p.isDefault ? `${p.name}（默认）` : p.name })),
              value: preferred ? preferred.name : '',
              empty: noPrinter ? '（无可用打印机）' : null,
              disabled: noPrinter,
            }),
            textField({ name: 'copies', label: '每份打印份数', required: true, value: '1', type: 'number', inputmode: 'numeric', hint: '1–99 份；按列表顺序逐份发送到打印机' }),
          ]
        : [h('fieldset', { class: 'field field--group batch-targets', 'data-field': 'target' }, h('legend', { class: 'field__label' }, '保存方式'), targetChoice('folder', true), targetChoice('combined', false), h('div', { class: 'field-error', 'data-for': 'target', hidden: true }))];

    const submit = h('button', { type: 'submit', class: 'btn btn--primary', 'data-action': 'submit', disabled: noPrinter }, mode === 'print' ? '开始打印' : '选择位置并保存');
    const cancel = h('button', { type: 'button', class: 'btn', 'data-action': 'cancel', onClick: () => dialog.close() }, '取消');
    const form = h(
      'form',
      { class: 'dialog__form', 'data-form': 'batch' },
      h('h2', { class: 'dialog__title' }, title),
      h('p', { class: 'dialog__message', 'data-batch-summary': true }, selectionSummary(docs)),
      noPrinter ? h('p', { class: 'doc-warn' }, '本机没有可用的打印机。请先在系统中添加打印机，或改用“批量保存PDF”。') : null,
      fields,
      formError(),
      h('div', { class: 'form-actions form-actions--end' }, cancel, submit),
    );

    // ---------- the progress view ----------
    const bar = h('progress', { class: 'batch-progress__bar', 'data-batch-bar': true, max: '100', value: '0' });
    const text = h('div', { class: 'batch-progress__text num', 'aria-live': 'polite' }, '正在准备…');
    const stopButton = h('button', { type: 'button', class: 'btn', 'data-action': 'cancel-batch', onClick: requestCancel }, '取消');
    const progressView = h(
      'div',
      { class: 'batch-progress', 'data-batch-progress': true, 'data-done': '0', 'data-total': String(docs.length), hidden: true },
      h('h2', { class: 'dialog__title' }, title),
      bar,
      text,
      h('p', { class: 'batch-progress__note' }, '取消后，正在处理的这一份完成即停止，已完成的不受影响。'),
      h('div', { class: 'form-actions form-actions--end' }, stopButton),
    );

    let target = mode === 'print' ? 'print' : 'folder';
    function showProgress(p) {
      progressView.dataset.done = String(p.done);
      progressView.dataset.total = String(p.total);
      bar.value = percent(p);
      bar.textContent = `${percent(p)}%`;
      text.textContent = progressText(target, p);
    }

    async function requestCancel() {
      stopButton.disabled = true;
      stopButton.textContent = '正在取消…';
      text.textContent = `${text.textContent}　正在取消，当前这一份完成后停止…`;
      try {
        await docsApi.cancelDocBatch();
      } catch (error) {
        toast(commandErrorMessage(error, '取消'), 'error');
      }
    }

    function showResult(result) {
      const cancelled = Boolean(result.cancelled);
      const view = h(
        'div',
        { class: ['batch-result', cancelled && 'batch-result--cancelled'], 'data-batch-result': true, 'data-cancelled': String(cancelled), 'data-done': String(result.done), 'data-total': String(result.total) },
        h('h2', { class: 'dialog__title' }, cancelled ? '已取消' : mode === 'print' ? '批量打印完成' : '批量保存完成'),
        h('progress', { class: 'batch-progress__bar', max: '100', value: String(percent(result)) }),
        h('p', { class: 'batch-result__message' }, result.message),
        result.jobs && result.jobs.length ? h('p', { class: 'batch-result__jobs num' }, `打印作业：${result.jobs.join('、')}`) : null,
        h('div', { class: 'form-actions form-actions--end' }, h('button', { type: 'button', class: 'btn btn--primary', 'data-action': 'close-batch', onClick: () => dialog.close() }, '关闭')),
      );
      progressView.replaceWith(view);
      view.querySelector('[data-action="close-batch"]').focus();
    }

    bindForm(form, {
      validate: (values) => {
        const errors = {};
        if (mode === 'print') {
          if (!values.printer) errors.printer = '请选择打印机';
          const copies = validateCopies(values.copies);
          if (copies) errors.copies = copies;
        } else if (!SAVE_TARGETS.some((t) => t.value === values.target)) errors.target = '请选择保存方式';
        return errors;
      },
      submit: async (values) => {
        target = mode === 'print' ? 'print' : values.target;
        const request = { ids: docs.map((d) => d.id), target };
        if (mode === 'print') {
          request.printer = values.printer;
          request.copies = Number(String(values.copies).normalize('NFKC').trim());
        }
        // The core reports {done: 0} once the work starts, i.e. for saving after
        // the user chose where in its file dialog: then the progress replaces the form.
        const unlisten = await docsApi.onDocBatchProgress((p) => {
          if (!p || typeof p.done !== 'number' || outcome !== null) return;
          if (progressView.hidden) {
            form.hidden = true;
            progressView.hidden = false;
          }
          showProgress(p);
        });
        running = true;
        let result;
        try {
          result = await docsApi.runDocBatch(request);
        } catch (error) {
          form.hidden = false;
          progressView.hidden = true;
          if (error.field) throw error;
          throw { ...error, message: commandErrorMessage(error, mode === 'print' ? '批量打印' : '批量保存') };
        } finally {
          running = false;
          unlisten();
        }
        if (result === null) {
          // The user closed the file dialog: nothing happened, the choice stays open.
          form.hidden = false;
          progressView.hidden = true;
          return;
        }
        outcome = result;
        form.hidden = true;
        progressView.hidden = false;
        showResult(result);
        toast(result.message, result.cancelled ? 'info' : 'success');
      },
    });

    const dialog = h('dialog', { class: 'dialog dialog--batch', 'data-dialog': 'batch', 'data-mode': mode, 'aria-label': title }, form, progressView);
    // While the batch runs, Esc asks to cancel it instead of hiding the dialog.
    dialog.addEventListener('cancel', (event) => {
      if (running || form.getAttribute('aria-busy') === 'true') {
        event.preventDefault();
        if (running && !stopButton.disabled) requestCancel();
      }
    });
    dialog.addEventListener('close', () => {
      dialog.remove();
      resolve(outcome);
    });
    document.body.append(dialog);
    dialog.showModal();
    const first = form.querySelector('select:not([disabled]), input:not([type="hidden"]):not([disabled])');
    if (first) first.focus();
  });
}
