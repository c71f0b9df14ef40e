// Short messages in the bottom-right corner. Errors stay longer because
// they usually need to be read in full.

import { h } from './dom.js';

const DURATION = { info: 4000, success: 4000, error: 8000 };

function region() {
  let el = document.querySelector('.toast-region');
  if (!el) {
    el = h('div', { class: 'toast-region' });
    document.body.append(el);
  }
  return el;
}

export function toast(message, kind = 'info') {
  const close = () => el.remove();
  const el = h(
    'div',
    { class: ['toast', `toast--${kind}`], role: 'status', 'data-kind': kind },
    h('span', { class: 'toast__text' }, message),
    h('button', { type: 'button', class: 'toast__close', 'aria-label': '关闭提示', onClick: close }, '×'),
  );
  region().append(el);
  setTimeout(close, DURATION[kind] ?? DURATION.info);
  return el;
}

export function toastError(error) {
  return toast(error?.message ?? String(error), 'error');
}
