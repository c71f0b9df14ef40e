// 用户: the accounts that may sign in at this workstation (admin only).

import * as api from '../api/index.js';
import { h } from '../components/dom.js';
import { createTable, emptyState } from '../components/table.js';
import { textField, passwordField, selectField, checkboxField, staticField, formError, formActions } from '../components/fields.js';
import { bindForm } from '../components/form.js';
import { openPanel, closePanel } from '../components/panel.js';
import { toast } from '../components/toast.js';
import { USER_ROLES } from '../lib/labels.js';
import { required, requiredChoice, minLength, pattern } from '../lib/validate.js';
import { formatDateTime } from '../lib/dates.js';
import { can, getUser } from '../state.js';
import { statusCell, actionButton, loadFailed, trimmed } from './common.js';

const ROLE_OPTIONS = USER_ROLES.map((r) => ({ value: r.value, label: r.label }));
const ROLE_HINT = USER_ROLES.map((r) => `${r.label}：${r.hint}`).join('；');

const createSchema = {
  username: [required('用户名'), pattern(/^\S+$/, '用户名不能包含空格')],
  displayName: [required('姓名')],
  role: [requiredChoice('角色')],
  password: [required('初始密码'), minLength(8, '密码')],
};

const editSchema = {
  displayName: [required('姓名')],
  role: [requiredChoice('角色')],
};

const resetSchema = {
  password: [required('新密码'), minLength(8, '密码')],
};

export const usersPage = {
  id: 'users',
  title: '用户',
  description: '可以登录本调度台的账号及其权限',
  render(ctx) {
    const banner = h('div', { class: 'page-banner' });
    ctx.root.append(banner);
    if (!can.manageUsers()) {
      banner.append(h('div', { class: 'notice' }, '只有管理员可以管理用户。'));
      return Promise.resolve();
    }
    const me = getUser();

    function openCreate() {
      const form = h(
        'form',
        { class: 'form', 'data-form': 'user' },
        textField({ name: 'username', label: '用户名', required: true, autocomplete: 'off', hint: '登录时输入，建立后不能修改，如 zhangsan' }),
        textField({ name: 'displayName', label: '姓名', required: true }),
        selectField({ name: 'role', label: '角色', required: true, options: ROLE_OPTIONS, value: 'dispatcher', hint: ROLE_HINT }),
        passwordField({ name: 'password', label: '初始密码', revealable: true, hint: '至少 8 位；请当面告知本人，并提醒其登录后在“设置/关于”中修改' }),
        formError(),
        formActions('新建用户', { onCancel: closePanel }),
      );
      bindForm(form, {
        schema: createSchema,
        submit: async (values) => {
          const saved = await api.createUser({
            username: trimmed(values.username),
            displayName: trimmed(values.displayName),
            role: values.role,
            password: values.password,
          });
          closePanel();
          toast(`已新建用户“${saved.displayName}”（${saved.username}）`, 'success');
          await load();
          table.select(saved.id);
        },
      });
      openPanel({ host: ctx.panelHost, name: 'user', title: '新建用户', content: form, onClose: () => table.clearSelection() });
    }

    function openEdit(user) {
      const self = me && me.id === user.id;
      const form = h(
        'form',
        { class: 'form', 'data-form': 'user' },
        staticField({ label: '用户名', value: user.username }),
        textField({ name: 'displayName', label: '姓名', required: true, value: user.displayName }),
        selectField({ name: 'role', label: '角色', required: true, options: ROLE_OPTIONS, value: user.role, hint: ROLE_HINT }),
        checkboxField({
          name: 'disabled',
          label: '停用此账号',
          checked: user.disabled,
          hint: self ? '不能停用自己正在使用的账号' : '停用后不能登录，记录保留；取消勾选即可恢复',
          disabled: self,
        }),
        formError(),
        formActions('保存', { onCancel: closePanel }),
      );
      bindForm(form, {
        schema: editSchema,
        submit: async (values) => {
          const saved = await api.updateUser({
            id: user.id,
            displayName: trimmed(values.displayName),
            role: values.role,
            disabled: self ? user.disabled : Boolean(values.disabled),
          });
          closePanel();
          toast(`已保存用户“${saved.displayName}”`, 'success');
          await load();
          table.select(saved.id);
        },
      });
      openPanel({ host: ctx.panelHost, name: 'user', title: `编辑用户：${user.username}`, content: form, onClose: () => table.clearSelection() });
      table.select(user.id);
    }

    function openReset(user) {
      const form = h(
        'form',
        { class: 'form', 'data-form': 'reset-password' },
        h('p', { class: 'form__intro' }, `为“${user.displayName}”（${user.username}）设置新密码。原密码立即失效。`),
        passwordField({ name: 'password', label: '新密码', revealable: true, hint: '至少 8 位；请当面告知本人' }),
        formError(),
        formActions('重置密码', { onCancel: closePanel }),
      );
      bindForm(form, {
        schema: resetSchema,
        submit: async (values) => {
          await api.resetPassword({ id: user.id, password: values.password });
          closePanel();
          toast(`已重置“${user.displayName}”的密码`, 'success');
        },
      });
      openPanel({ host: ctx.panelHost, name: 'reset-password', title: '重置密码', content: form, onClose: () => table.clearSelection() });
      table.select(user.id);
    }

    const table = createTable({
      name: 'users',
      columns: [
        {
          key: 'username',
          label: '用户名',
          value: (u) => u.username,
          render: (u) => [u.username, me && me.id === u.id ? h('span', { class: 'tag tag--self' }, '当前') : null],
          className: 'col-strong nowrap',
        },
        { key: 'displayName', label: '姓名', value: (u) => u.displayName, className: 'nowrap' },
        { key: 'role', label: '角色', value: (u) => u.roleLabel, className: 'nowrap' },
        {
          key: 'status',
          label: '状态',
          value: (u) => (u.disabled ? '已停用' : '正常'),
          render: (u) => statusCell({ retired: u.disabled, retiredLabel: '已停用' }),
          className: 'nowrap',
        },
        { key: 'lastLoginAt', label: '最近登录', value: (u) => formatDateTime(u.lastLoginAt), className: 'num nowrap' },
        { key: 'createdAt', label: '建立时间', value: (u) => formatDateTime(u.createdAt), className: 'num nowrap' },
      ],
      searchPlaceholder: '搜索用户名、姓名、角色',
      rowClass: (u) => (u.disabled ? 'is-retired' : null),
      actions: (u) => [actionButton('edit', '编辑', () => openEdit(u)), actionButton('reset-password', '重置密码', () => openReset(u))],
      emptyState: () =>
        emptyState({
          title: '还没有其他用户',
          text: '为调度员、签发人和查看人员各建一个账号，每人用自己的账号登录，审计日志才能记清是谁做的。',
          actionLabel: '新建用户',
          onAction: openCreate,
          action: 'new-user',
        }),
    });
    ctx.root.append(table.element);
    ctx.actions.append(h('button', { type: 'button', class: 'btn btn--primary', 'data-action': 'new-user', onClick: openCreate }, '新建用户'));

    async function load() {
      try {
        const users = await api.listUsers();
        banner.replaceChildren();
        table.setRows(users);
      } catch (error) {
        loadFailed(banner, error, load);
      }
    }
    return load();
  },
};
