// Small pieces shared by the area views.

import { h } from '../components/dom.js';
import { formatDate } from '../lib/dates.js';
import { toast } from '../components/toast.js';

export function statusCell({ retired, since, reason = null, activeLabel = '正常', retiredLabel = '已撤销' }) {
  if (!retired) return h('span', { class: 'tag tag--ok' }, activeLabel);
  return h(
    'span',
    { class: 'status-retired', title: reason ? `原因：${reason}` : null },
    h('span', { class: 'tag tag--retired' }, retiredLabel),
    since ? h('span', { class: 'status-retired__date' }, formatDate(since)) : null,
  );
}

export function actionButton(action, label, onClick, { danger = false, title = null } = {}) {
  return h('button', { type: 'button', class: ['btn', 'btn--small', danger && 'btn--danger-text'], 'data-action': action, title, onClick }, label);
}

export function toolbarSelect({ name, label, options, onChange }) {
  const select = h(
    'select',
    { class: 'input input--select input--compact', name, 'aria-label': label, onChange: (event) => onChange(event.target.value) },
    h('option', { value: '' }, `全部${label}`),
    options.map((option) => h('option', { value: option.value }, option.label)),
  );
  return select;
}

export function toolbarCheckbox({ name, label, onChange }) {
  return h(
    'label',
    { class: 'check check--toolbar' },
    h('input', { type: 'checkbox', class: 'checkbox', name, onChange: (event) => onChange(event.target.checked) }),
    h('span', null, label),
  );
}

export function section({ title, actions = [], description = null, body, name = null }) {
  return h(
    'section',
    { class: 'page-section', 'data-section': name },
    h(
      'header',
      { class: 'page-section__header' },
      h('div', null, h('h2', { class: 'page-section__title' }, title), description ? h('p', { class: 'page-section__desc' }, description) : null),
      h('div', { class: 'page-section__actions' }, actions),
    ),
    body,
  );
}

// Shown in place of a list that could not be loaded, with a way to retry.
export function loadFailed(container, error, retry) {
  if (error.code === 'forbidden') toast(error.message, 'error');
  container.replaceChildren(
    h(
      'div',
      { class: 'load-error', role: 'alert' },
      h('div', { class: 'load-error__title' }, '数据未能加载'),
      h('p', null, error.message),
      h('button', { type: 'button', class: 'btn', 'data-action': 'retry', onClick: retry }, '重试'),
    ),
  );
}

// Text inputs are trimmed before they go to the core; the form keeps the
// untrimmed text so nothing the user typed changes under their cursor.
export function trimmed(value) {
  return typeof value === 'string' ? value.trim() : value;
}
