// The side panel: forms and details open beside the list instead of in a
// modal, so the table stays visible. One panel at a time; it exists in the
// DOM only while open ([data-panel] present means open).

import { h, focusFirst } from './dom.js';

let current = null;

export function closePanel() {
  if (!current) return;
  const { element, onClose, returnFocus, host } = current;
  current = null;
  element.remove();
  host.classList.remove('has-panel', 'has-panel-wide');
  if (onClose) onClose();
  if (returnFocus && returnFocus.isConnected) returnFocus.focus();
}

export function isPanelOpen() {
  return current !== null;
}

// host: the element the panel is laid over (the main work area).
export function openPanel({ host, name, title, content, onClose = null, wide = false }) {
  const returnFocus = current ? current.returnFocus : document.activeElement;
  if (current) {
    // Replacing a panel must not run the old one's focus return.
    current.returnFocus = null;
    closePanel();
  }
  const titleId = `panel-title-${name}`;
  const element = h(
    'aside',
    { class: ['side-panel', wide && 'side-panel--wide'], 'data-panel': name, role: 'dialog', 'aria-labelledby': titleId },
    h(
      'header',
      { class: 'side-panel__header' },
      h('h2', { class: 'side-panel__title', id: titleId }, title),
      h('button', { type: 'button', class: 'btn btn--icon', 'data-action': 'close-panel', 'aria-label': '关闭', title: '关闭 (Esc)', onClick: closePanel }, '×'),
    ),
    h('div', { class: 'side-panel__body' }, content),
  );
  host.append(element);
  // The host makes room for the panel so the list beside it stays usable.
  host.classList.add(wide ? 'has-panel-wide' : 'has-panel');
  current = { element, onClose, returnFocus, host };
  focusFirst(element.querySelector('.side-panel__body')) ?? element.querySelector('[data-action="close-panel"]').focus();
  return { element, close: closePanel };
}

// Esc closes the panel unless a modal dialog is open (the dialog takes Esc).
document.addEventListener('keydown', (event) => {
  if (event.key !== 'Escape' || !current || event.defaultPrevented) return;
  if (document.querySelector('dialog[open]')) return;
  event.preventDefault();
  closePanel();
});
