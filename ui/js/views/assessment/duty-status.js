// The status bar's "值班" item: the leader on duty and the dispatcher of the
// current shift, refreshed every few minutes and after each login.

import * as assessApi from '../../api/assessment.js';
import { h } from '../../components/dom.js';
import { dutyText } from '../../lib/assessment.js';

const REFRESH_MS = 5 * 60 * 1000;

export function dutyStatusItem() {
  const value = h('span', { id: 'status-duty', class: 'status-item__value', 'data-status-duty': true }, '');
  const item = h('span', { class: 'status-item' }, h('span', { class: 'status-item__label' }, '值班'), value);
  async function refresh() {
    try {
      value.textContent = dutyText(await assessApi.dutyNow());
    } catch {
      value.textContent = '';
    }
  }
  refresh();
  const timer = setInterval(refresh, REFRESH_MS);
  return { element: item, refresh, stop: () => clearInterval(timer) };
}
