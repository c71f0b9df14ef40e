// When a task cannot be deleted because other records refer to it (the
// core's refusal carries field "references" and names them), the window
// offers what keeps those records: 撤销 (the task stays, marked 已撤销, with
// a reason) or 关闭 (完成闭合 through the closed loop in the task's panel).

import { h } from '../components/dom.js';
import { confirmDialog } from '../components/dialog.js';
import { cancelTaskEdit } from './edits.js';

export const isReferencesRefusal = (error) => Boolean(error && error.code === 'conflict' && error.field === 'references');

// Asks for the reason and runs the 撤销 as an undoable edit (`run(entry)`).
// Resolves true when done.
export function confirmCancelTask({ chart, task, run }) {
  return confirmDialog({
    title: '撤销任务',
    message: `撤销“${task.outline ? `${task.outline} ` : ''}${task.name}”？`,
    details: '任务保留在计划中，标为“已撤销”（阶段连同其下未闭合的任务），反馈、督办、整改等记录都保留；不再督办、催办和考核。以后可以“恢复任务”。',
    reason: { label: '撤销原因' },
    confirmLabel: '撤销任务',
    danger: true,
    onConfirm: ({ reason }) => run(cancelTaskEdit(chart, task.id, reason)),
  });
}

// The refusal, with the two ways that keep the records. `canClose`: the
// task is a piece of work (a stage closes with its tasks). Resolves to
// 'cancel', 'close' or null.
export function offerInsteadOfDelete({ task, error, canClose }) {
  return new Promise((resolve) => {
    let choice = null;
    const choose = (value) => {
      choice = value;
      dialog.close();
    };
    const closeButton = canClose
      ? h('button', { type: 'button', class: 'btn', 'data-action': 'close-task', onClick: () => choose('close') }, '关闭（办理完成闭合）…')
      : null;
    const cancelButton = h('button', { type: 'button', class: ['btn', 'btn--primary'], 'data-action': 'cancel-task', onClick: () => choose('cancel') }, '撤销任务…');
    const form = h(
      'form',
      { class: 'dialog__form', novalidate: true, onSubmit: (event) => event.preventDefault() },
      h('h2', { class: 'dialog__title' }, '不能删除任务'),
      h('p', { class: 'dialog__message', 'data-refusal': true }, error.message),
      h(
        'p',
        { class: 'dialog__details' },
        `“${task.outline ? `${task.outline} ` : ''}${task.name}”的记录要留存。可以撤销：任务保留并标为“已撤销”，不再督办和考核；${
          canClose ? '或在工作完成、有最终反馈后办理完成闭合。' : '阶段随其下任务闭合，不单独关闭。'
        }`,
      ),
      h(
        'div',
        { class: 'form-actions form-actions--end' },
        h('button', { type: 'button', class: 'btn', 'data-action': 'dismiss', onClick: () => dialog.close() }, '不删除'),
        closeButton,
        cancelButton,
      ),
    );
    const dialog = h('dialog', { class: 'dialog', 'data-dialog': 'delete-refused', 'aria-label': '不能删除任务' }, form);
    dialog.addEventListener('close', () => {
      dialog.remove();
      resolve(choice);
    });
    document.body.append(dialog);
    dialog.showModal();
    cancelButton.focus();
  });
}
