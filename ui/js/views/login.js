// Login. Wrong credentials are reported in .form-error without saying
// which of the two was wrong.

import * as api from '../api/index.js';
import { h } from '../components/dom.js';
import { textField, passwordField, formError, formActions } from '../components/fields.js';
import { bindForm } from '../components/form.js';
import { required } from '../lib/validate.js';
import { authScreen } from './auth-common.js';

const schema = {
  username: [required('用户名')],
  password: [required('密码')],
};

// notice: a line shown above the form (e.g. why the user was sent here).
export function renderLogin({ onLoggedIn, notice = null }) {
  const form = h(
    'form',
    { class: 'form', 'data-form': 'login' },
    notice ? h('p', { class: 'notice', 'data-notice': true }, notice) : null,
    textField({ name: 'username', label: '用户名', required: true, autocomplete: 'username' }),
    passwordField({ name: 'password', label: '密码', autocomplete: 'current-password' }),
    formError(),
    formActions('登录'),
  );
  bindForm(form, {
    schema,
    errorsToFormError: true,
    submit: async (values) => {
      const session = await api.login({ username: values.username.trim(), password: values.password });
      onLoggedIn(session);
    },
  });
  const screen = authScreen('login', { subtitle: '请登录', body: form });
  return { screen, focus: () => form.elements.username.focus() };
}
