// The due light (红 overdue, 黄 due soon, 绿 done) exactly as the core
// computes it: span.light[data-due-state] with an optional word beside it.

import { h } from './dom.js';
import { lightOf } from '../lib/supervision.js';

export function light(state, { withLabel = false, title = null } = {}) {
  const { label, tone } = lightOf(state);
  return h(
    'span',
    { class: ['light', `light--${tone}`], 'data-due-state': state ?? 'none', title: title ?? label },
    h('span', { class: 'light__dot', 'aria-hidden': 'true' }),
    withLabel ? h('span', { class: 'light__label' }, label) : h('span', { class: 'visually-hidden' }, label),
  );
}
