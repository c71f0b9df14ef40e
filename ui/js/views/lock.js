// Lock screen: the work underneath stays as it was; only the password of
// the locked user opens it again. "切换用户" logs that user out.

import * as api from '../api/index.js';
import { h } from '../components/dom.js';
import { passwordField, formError } from '../components/fields.js';
import { bindForm } from '../components/form.js';
import { required } from '../lib/validate.js';
import { authScreen } from './auth-common.js';

export function renderLock({ user, idleLockMinutes, onUnlocked, onLogout }) {
  const who = user ? `${user.displayName}（${user.username} · ${user.roleLabel}）` : '当前用户';
  const form = h(
    'form',
    { class: 'form', 'data-form': 'unlock' },
    h('div', { class: 'lock-banner' }, h('span', { class: 'lock-icon', 'aria-hidden': 'true' }), h('div', null, h('div', { class: 'lock-banner__title' }, '调度台已锁定'), h('div', { class: 'lock-banner__who', 'data-locked-user': true }, who))),
    h('p', { class: 'form__intro' }, idleLockMinutes ? `超过 ${idleLockMinutes} 分钟无操作或手动锁定后，需要输入密码才能继续。未保存的填写内容仍在。` : '需要输入密码才能继续。'),
    passwordField({ name: 'password', label: '密码', autocomplete: 'current-password' }),
    formError(),
    h(
      'div',
      { class: 'form-actions' },
      h('button', { type: 'submit', class: 'btn btn--primary', 'data-action': 'unlock' }, '解锁'),
      h('button', { type: 'button', class: 'btn', 'data-action': 'logout', onClick: onLogout }, '切换用户'),
    ),
  );
  bindForm(form, {
    schema: { password: [required('密码')] },
    errorsToFormError: true,
    submit: async (values) => {
      const session = await api.unlock({ password: values.password });
      onUnlocked(session);
    },
  });
  const screen = authScreen('lock', { subtitle: '已锁定', body: form });
  return { screen, focus: () => form.elements.password.focus() };
}
