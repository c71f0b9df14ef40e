// Confirmation for actions that change or end records. Uses <dialog> so
// focus is trapped and Esc cancels natively. The action itself runs inside
// the dialog (onConfirm): if the core refuses, its message shows there and
// the typed reason is kept. Resolves true when done, false when cancelled.
// `password: true` asks for the user's own password again, as signing does
// (the signer's acts: withdrawing a signed paper, closing a period, …); a
// wrong one, or a wait after too many, is answered beside that field.

import { h } from './dom.js';
import { textareaField, passwordField, formError } from './fields.js';
import { setFieldError, clearErrors, showApiError } from './form.js';

export const PASSWORD_AGAIN_LABEL = '请再次输入您的登录密码';

export function confirmDialog({ title, message, details = null, confirmLabel = '确定', danger = false, reason = null, password = false, onConfirm }) {
  return new Promise((resolve) => {
    let done = false;
    let busy = false;
    const reasonField = reason
      ? textareaField({ name: 'reason', label: reason.label, required: true, rows: 3, hint: 'Enter 确认，Shift+Enter 换行' })
      : null;
    const reasonInput = reasonField ? reasonField.querySelector('textarea') : null;
    const passwordBox = password ? passwordField({ name: 'password', label: PASSWORD_AGAIN_LABEL, autocomplete: 'current-password' }) : null;
    const passwordInput = passwordBox ? passwordBox.querySelector('input') : null;
    const confirmButton = h('button', { type: 'submit', class: ['btn', danger ? 'btn--danger' : 'btn--primary'], 'data-action': 'confirm' }, confirmLabel);
    const form = h(
      'form',
      { class: 'dialog__form', novalidate: true },
      h('h2', { class: 'dialog__title' }, title),
      h('p', { class: 'dialog__message' }, message),
      details ? h('p', { class: 'dialog__details' }, details) : null,
      reasonField,
      passwordBox,
      formError(),
      h(
        'div',
        { class: 'form-actions form-actions--end' },
        h('button', { type: 'button', class: 'btn', 'data-action': 'cancel', onClick: () => dialog.close() }, '取消'),
        confirmButton,
      ),
    );
    const dialog = h('dialog', { class: 'dialog', 'data-dialog': 'confirm', 'data-asks-password': password ? 'true' : null, 'aria-label': title }, form);

    const confirm = async () => {
      if (busy) return;
      clearErrors(form);
      const text = reasonInput ? reasonInput.value.trim() : '';
      if (reasonInput && !text) {
        setFieldError(form, 'reason', `请填写${reason.label}`);
        reasonInput.focus();
        return;
      }
      const typed = passwordInput ? passwordInput.value : '';
      if (passwordInput && !typed) {
        setFieldError(form, 'password', `请输入密码以确认${confirmLabel}`);
        passwordInput.focus();
        return;
      }
      busy = true;
      confirmButton.disabled = true;
      try {
        await onConfirm(password ? { reason: text, password: typed } : { reason: text });
        done = true;
        dialog.close();
      } catch (error) {
        if (dialog.open) showApiError(form, error);
      } finally {
        busy = false;
        confirmButton.disabled = false;
      }
    };
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      confirm();
    });
    if (reasonInput) {
      reasonInput.addEventListener('keydown', (event) => {
        if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
          event.preventDefault();
          confirm();
        }
      });
    }
    // While the core is working, Esc must not close the dialog under it.
    dialog.addEventListener('cancel', (event) => {
      if (busy) event.preventDefault();
    });
    dialog.addEventListener('close', () => {
      dialog.remove();
      resolve(done);
    });

    document.body.append(dialog);
    dialog.showModal();
    (reasonInput ?? passwordInput ?? confirmButton).focus();
  });
}

// Used when the session locks: nothing may stay open over the lock screen.
export function closeAllDialogs() {
  for (const dialog of document.querySelectorAll('dialog[open]')) dialog.close();
}
