// Form behaviour shared by every form: read values, check them before
// calling the core, show errors beside fields or in the form's .form-error,
// and keep everything the user typed when something fails.

import { validate as runSchema, hasErrors } from '../lib/validate.js';
import { toast } from './toast.js';

export function readForm(form) {
  const values = {};
  for (const el of Array.from(form.elements)) {
    if (!el.name || el.tagName === 'BUTTON' || el.tagName === 'FIELDSET') continue;
    if (el.type === 'checkbox' && el.hasAttribute('data-multi')) {
      if (!values[el.name]) values[el.name] = [];
      if (el.checked) values[el.name].push(el.value);
    } else if (el.type === 'checkbox') {
      values[el.name] = el.checked;
    } else if (el.type === 'radio') {
      if (el.checked) values[el.name] = el.value;
    } else {
      values[el.name] = el.value;
    }
  }
  return values;
}

function errorSlot(form, name) {
  return Array.from(form.querySelectorAll('.field-error')).find((el) => el.dataset.for === name) ?? null;
}

function controlsNamed(form, name) {
  return Array.from(form.elements).filter((el) => el.name === name);
}

export function setFieldError(form, name, message) {
  const slot = errorSlot(form, name);
  if (!slot) return false;
  slot.textContent = message;
  slot.hidden = false;
  for (const control of controlsNamed(form, name)) control.setAttribute('aria-invalid', 'true');
  slot.closest('.field')?.classList.add('field--invalid');
  return true;
}

export function setFormError(form, message) {
  const slot = form.querySelector('.form-error');
  if (!slot) {
    toast(message, 'error');
    return;
  }
  slot.textContent = message;
  slot.hidden = false;
}

export function clearErrors(form) {
  for (const slot of form.querySelectorAll('.field-error, .form-error')) {
    slot.textContent = '';
    slot.hidden = true;
  }
  for (const el of form.querySelectorAll('[aria-invalid]')) el.removeAttribute('aria-invalid');
  for (const el of form.querySelectorAll('.field--invalid')) el.classList.remove('field--invalid');
}

function focusField(form, name) {
  const control = controlsNamed(form, name).find((el) => !el.disabled);
  if (control) control.focus();
}

export function showErrors(form, errors) {
  const names = Object.keys(errors);
  for (const name of names) {
    if (!setFieldError(form, name, errors[name])) setFormError(form, errors[name]);
  }
  // Focus the first invalid field in document order, not in schema order.
  const first = Array.from(form.elements).find((el) => names.includes(el.name));
  if (first) first.focus();
}

export function showApiError(form, error) {
  if (error.code === 'forbidden') toast(error.message, 'error');
  if (error.field && setFieldError(form, error.field, error.message)) {
    focusField(form, error.field);
    return;
  }
  setFormError(form, error.message);
}

// requestSubmit runs the submit handler like pressing Enter does; older
// WebKit lacks it, where clicking the submit button has the same effect.
export function submitForm(form) {
  if (typeof form.requestSubmit === 'function') form.requestSubmit();
  else form.querySelector('[type="submit"]')?.click();
}

function setBusy(form, busy) {
  form.setAttribute('aria-busy', String(busy));
  for (const button of form.querySelectorAll('button[type="submit"]')) button.disabled = busy;
}

// options: schema (field → rules) or validate(values) → errors;
// submit(values) may throw an API error, which is shown on the form.
// errorsToFormError: show every API error in .form-error (login, unlock),
// so the form does not hint which of username or password was wrong.
export function bindForm(form, { schema = null, validate = null, submit, errorsToFormError = false }) {
  let busy = false;
  form.noValidate = true;
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (busy) return;
    clearErrors(form);
    const values = readForm(form);
    const errors = { ...(schema ? runSchema(values, schema) : {}), ...(validate ? validate(values) : {}) };
    if (hasErrors(errors)) {
      showErrors(form, errors);
      return;
    }
    busy = true;
    setBusy(form, true);
    try {
      await submit(values);
    } catch (error) {
      if (!form.isConnected) return;
      if (errorsToFormError) setFormError(form, error.message);
      else showApiError(form, error);
    } finally {
      busy = false;
      setBusy(form, false);
    }
  });
  // Enter in a textarea makes a new line; Ctrl+Enter submits from there too.
  form.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey) && event.target.tagName === 'TEXTAREA') {
      event.preventDefault();
      submitForm(form);
    }
  });
  return form;
}
