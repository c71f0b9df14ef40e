// A small element builder. Everything is built with createElement and text
// nodes, never innerHTML: user data can't turn into markup, and the strict
// CSP (no inline style attributes) is respected because `style` is refused.

const PROPERTIES = new Set(['value', 'checked', 'selected', 'indeterminate']);

export function append(parent, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    parent.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return parent;
}

export function h(tag, props = null, ...children) {
  const el = document.createElement(tag);
  const deferred = [];
  if (props) {
    for (const [key, value] of Object.entries(props)) {
      if (value === null || value === undefined || value === false) continue;
      if (key === 'style') throw new Error('inline styles are blocked by the CSP; use a class');
      if (key.startsWith('on') && typeof value === 'function') {
        el.addEventListener(key.slice(2).toLowerCase(), value);
      } else if (key === 'class') {
        el.className = Array.isArray(value) ? value.filter(Boolean).join(' ') : value;
      } else if (PROPERTIES.has(key)) {
        deferred.push([key, value]);
      } else {
        el.setAttribute(key, value === true ? '' : String(value));
      }
    }
  }
  append(el, children);
  // A select's value can only be set once its options exist.
  for (const [key, value] of deferred) el[key] = value;
  return el;
}

let idCounter = 0;
export function uniqueId(prefix) {
  idCounter += 1;
  return `${prefix}-${idCounter}`;
}

export function focusFirst(root) {
  const target = root.querySelector(
    'input:not([type="hidden"]):not([disabled]):not([readonly]), select:not([disabled]), textarea:not([disabled]), button:not([disabled]), [tabindex="0"]',
  );
  if (target) target.focus();
  return target;
}
