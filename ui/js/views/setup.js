// First start: create the administrator, then choose sample data or an
// empty organization.

import * as api from '../api/index.js';
import { h, focusFirst } from '../components/dom.js';
import { textField, passwordField, formError, formActions } from '../components/fields.js';
import { bindForm } from '../components/form.js';
import { toast, toastError } from '../components/toast.js';
import { required, minLength, sameAs, pattern } from '../lib/validate.js';
import { setSession } from '../state.js';
import { authScreen } from './auth-common.js';
import { trimmed } from './common.js';

const schema = {
  username: [required('用户名'), pattern(/^\S+$/, '用户名不能包含空格')],
  displayName: [required('姓名')],
  password: [required('密码'), minLength(8, '密码')],
  passwordConfirm: [required('确认密码'), sameAs('password', '两次输入的密码不一致')],
};

function steps(active) {
  const step = (n, label) =>
    h('li', { class: ['steps__item', n === active && 'is-active', n < active && 'is-done'], 'aria-current': n === active ? 'step' : null }, h('span', { class: 'steps__num' }, String(n)), label);
  return h('ol', { class: 'steps' }, step(1, '创建管理员'), step(2, '选择起始数据'));
}

function countsText(counts) {
  return `单位 ${counts.units} 个、人员 ${counts.people} 人、帮扶点 ${counts.assistance} 个、包保关系 ${counts.pairings} 对`;
}

// onDone(session): the admin is logged in and the main screen can open.
export function renderSetup({ onDone }) {
  const body = h('div', { class: 'setup' });
  const screen = authScreen('setup', { subtitle: '首次使用：初始化本机调度台', body, wide: true });
  let session = null;

  function adminStep() {
    const form = h(
      'form',
      { class: 'form', 'data-form': 'setup' },
      h('p', { class: 'form__intro' }, '这台电脑上还没有任何账号。请先创建管理员账号：管理员负责建立其他用户、修改设置和备份数据。'),
      textField({ name: 'username', label: '用户名', required: true, placeholder: '如：admin', hint: '登录时输入，建立后不能修改' }),
      textField({ name: 'displayName', label: '姓名', required: true, placeholder: '如：调度室主任的姓名' }),
      passwordField({ name: 'password', label: '密码', hint: '至少 8 位，请妥善保管' }),
      passwordField({ name: 'passwordConfirm', label: '确认密码' }),
      formError(),
      formActions('创建管理员'),
    );
    bindForm(form, {
      schema,
      submit: async (values) => {
        session = await api.setupAdmin({ username: trimmed(values.username), displayName: trimmed(values.displayName), password: values.password });
        setSession(session);
        dataStep();
      },
    });
    body.replaceChildren(steps(1), form);
    focusFirst(form);
  }

  function dataStep() {
    const busy = (on) => {
      for (const button of body.querySelectorAll('button')) button.disabled = on;
    };
    const loadSample = async () => {
      busy(true);
      try {
        const counts = await api.loadSample();
        toast(`已加载示例数据：${countsText(counts)}`, 'success');
        const accounts = counts.assessment?.disabledAccounts ?? [];
        // The sample's accounts have no password anybody knows: say so once.
        if (accounts.length) toast(`示例调度员账号 ${accounts.join('、')} 已停用：需要时请在“用户”中启用并重设密码。`, 'info');
        onDone(session);
      } catch (error) {
        toastError(error);
        busy(false);
      }
    };
    const startEmpty = () => onDone(session);

    body.replaceChildren(
      steps(2),
      h('p', { class: 'form__intro' }, `管理员账号“${session.user.username}”已创建并已登录。接下来选择从哪里开始：`),
      h(
        'div',
        { class: 'choice-grid' },
        h(
          'div',
          { class: 'choice', 'data-choice': 'sample' },
          h('h2', { class: 'choice__title' }, '加载示例数据'),
          h(
            'p',
            { class: 'choice__text', 'data-sample-explainer': true },
            '示例数据：虚构的煤矿组织，包括矿党委、党委部门、十来个基层党支部、各单位的人员，以及矿领导帮扶点和部门包保关系。人名、电话都是编造的，只用于熟悉软件和培训。',
          ),
          h('p', { class: 'choice__warn' }, '正式使用请不要加载：示例记录不能一键清除，只能逐条撤销，并会留在审计日志里。'),
          h('button', { type: 'button', class: 'btn', 'data-action': 'load-sample', onClick: loadSample }, '加载示例数据'),
        ),
        h(
          'div',
          { class: 'choice', 'data-choice': 'empty' },
          h('h2', { class: 'choice__title' }, '从空白开始'),
          h('p', { class: 'choice__text' }, '不加载任何记录，直接进入调度台，从“单位”开始建立本矿的矿党委、党委部门和基层党支部。正式使用请选这一项。'),
          h('button', { type: 'button', class: 'btn btn--primary', 'data-action': 'start-empty', onClick: startEmpty }, '从空白开始'),
        ),
      ),
    );
    body.querySelector('[data-action="start-empty"]').focus();
  }

  adminStep();
  return screen;
}
