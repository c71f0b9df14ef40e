// The status bar's "今日到期 N · 逾期 M": the same list the desktop
// notification shows, refreshed on every page change; a click opens the
// dashboard. Hook: button[data-action="open-alerts"] with data-due and
// data-overdue.

import * as supApi from '../../api/supervision.js';
import { h } from '../../components/dom.js';

export function alertsChip({ onOpen }) {
  const element = h('button', { type: 'button', class: 'btn btn--bar status-alerts', 'data-action': 'open-alerts', title: '今日到期和逾期的事项（工作台）', onClick: onOpen }, '今日到期 – · 逾期 –');
  let busy = false;
  async function refresh() {
    if (busy) return;
    busy = true;
    try {
      const a = await supApi.todayAlerts();
      element.dataset.due = String(a.dueToday.length);
      element.dataset.overdue = String(a.overdue.length);
      element.textContent = `今日到期 ${a.dueToday.length} · 逾期 ${a.overdue.length}`;
      element.classList.toggle('status-alerts--red', a.overdue.length > 0);
      element.title = a.lines.length ? a.lines.join('\n') : '今天没有到期和逾期的事项';
    } catch {
      // Locked or logged out: the chip simply keeps its last numbers.
    } finally {
      busy = false;
    }
  }
  return { element, refresh };
}
