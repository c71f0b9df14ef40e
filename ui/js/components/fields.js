// Form field builders. Every field has its label, its control and an error
// slot `.field-error[data-for=NAME]` right under the control, so a message
// always appears beside the field it is about.

import { h, uniqueId } from './dom.js';

function describe(control, ids) {
  const list = ids.filter(Boolean);
  if (list.length > 0) control.setAttribute('aria-describedby', list.join(' '));
}

function labelText(label, required) {
  return [label, required ? h('span', { class: 'field__required', 'aria-hidden': 'true' }, '*') : null];
}

function wrap({ name, label, required, hint, control, id, wide }) {
  const errorId = `${id}-error`;
  const hintId = hint ? `${id}-hint` : null;
  describe(control, [hintId, errorId]);
  return h(
    'div',
    { class: ['field', wide && 'field--wide'], 'data-field': name },
    h('label', { class: 'field__label', for: id }, labelText(label, required)),
    control,
    hint ? h('div', { class: 'field__hint', id: hintId }, hint) : null,
    h('div', { class: 'field-error', 'data-for': name, id: errorId, hidden: true }),
  );
}

export function textField({ name, label, value = '', required = false, hint, type = 'text', placeholder, autocomplete = 'off', readonly = false, inputmode, maxlength, wide }) {
  const id = uniqueId(`f-${name}`);
  const control = h('input', {
    id,
    name,
    type,
    class: 'input',
    value: value ?? '',
    placeholder,
    autocomplete,
    inputmode,
    maxlength,
    readonly,
    'aria-required': required ? 'true' : null,
    spellcheck: 'false',
  });
  return wrap({ name, label, required, hint, control, id, wide });
}

// A password input with a button that shows what was typed, for passwords
// an administrator sets on someone else's behalf.
export function passwordField({ name, label, required = true, hint, autocomplete = 'new-password', revealable = false }) {
  const field = textField({ name, label, required, hint, type: 'password', autocomplete });
  if (revealable) {
    const input = field.querySelector('input');
    const toggle = h('button', {
      type: 'button',
      class: 'btn btn--small btn--ghost field__reveal',
      'aria-pressed': 'false',
      onClick: () => {
        const show = input.type === 'password';
        input.type = show ? 'text' : 'password';
        toggle.textContent = show ? '隐藏' : '显示';
        toggle.setAttribute('aria-pressed', String(show));
      },
    }, '显示');
    const row = h('div', { class: 'field__row' });
    input.replaceWith(row);
    row.append(input, toggle);
  }
  return field;
}

export function textareaField({ name, label, value = '', required = false, hint, rows = 3, placeholder, wide = true }) {
  const id = uniqueId(`f-${name}`);
  const control = h('textarea', { id, name, rows, class: 'input input--area', placeholder, 'aria-required': required ? 'true' : null });
  control.value = value ?? '';
  return wrap({ name, label, required, hint, control, id, wide });
}

// options: [{value, label}]; `empty` adds a first choice meaning "none".
export function selectField({ name, label, options, value = '', required = false, hint, empty = null, disabled = false }) {
  const id = uniqueId(`f-${name}`);
  const control = h(
    'select',
    { id, name, class: 'input input--select', disabled, 'aria-required': required ? 'true' : null, value: value === null || value === undefined ? '' : String(value) },
    empty !== null ? h('option', { value: '' }, empty) : null,
    options.map((option) => h('option', { value: option.value }, option.label)),
  );
  return wrap({ name, label, required, hint, control, id });
}

export function checkboxField({ name, label, checked = false, hint, disabled = false }) {
  const id = uniqueId(`f-${name}`);
  const errorId = `${id}-error`;
  const hintId = hint ? `${id}-hint` : null;
  const control = h('input', { id, name, type: 'checkbox', class: 'checkbox', checked, disabled });
  describe(control, [hintId, errorId]);
  return h(
    'div',
    { class: 'field field--check', 'data-field': name },
    h('label', { class: 'check', for: id }, control, h('span', null, label)),
    hint ? h('div', { class: 'field__hint', id: hintId }, hint) : null,
    h('div', { class: 'field-error', 'data-for': name, id: errorId, hidden: true }),
  );
}

// Several checkboxes sharing one name; the form reads them as an array.
export function checkboxGroup({ name, label, options, values = [], required = false, hint }) {
  const id = uniqueId(`f-${name}`);
  const errorId = `${id}-error`;
  const hintId = hint ? `${id}-hint` : null;
  const selected = new Set(values);
  const group = h(
    'fieldset',
    { class: 'field field--group', 'data-field': name, 'aria-describedby': [hintId, errorId].filter(Boolean).join(' ') },
    h('legend', { class: 'field__label' }, labelText(label, required)),
    h(
      'div',
      { class: 'check-grid' },
      options.map((option) =>
        h(
          'label',
          { class: 'check' },
          h('input', { type: 'checkbox', class: 'checkbox', name, value: option.value, 'data-multi': true, checked: selected.has(option.value) }),
          h('span', null, option.label),
        ),
      ),
    ),
    hint ? h('div', { class: 'field__hint', id: hintId }, hint) : null,
    h('div', { class: 'field-error', 'data-for': name, id: errorId, hidden: true }),
  );
  return group;
}

// A value shown in a form that cannot be changed there (e.g. a username).
export function staticField({ label, value }) {
  return h('div', { class: 'field field--static' }, h('div', { class: 'field__label' }, label), h('div', { class: 'field__value' }, value));
}

export function formError() {
  return h('div', { class: 'form-error', role: 'alert', hidden: true });
}

export function formActions(submitLabel, { onCancel = null, cancelLabel = '取消' } = {}) {
  return h(
    'div',
    { class: 'form-actions' },
    h('button', { type: 'submit', class: 'btn btn--primary', 'data-action': 'submit' }, submitLabel),
    onCancel ? h('button', { type: 'button', class: 'btn', 'data-action': 'cancel', onClick: onCancel }, cancelLabel) : null,
  );
}
