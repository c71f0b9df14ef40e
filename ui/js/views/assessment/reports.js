// 报表: the monthly and annual report sets (assessment ranking, duty,
// handovers, hotline, inspections) made by the core's PDF engine, shown
// here page by page, saved as PDF or xlsx or printed.

import * as assessApi from '../../api/assessment.js';
import { previewPage } from '../../api/docs.js';
import { previewPages } from '../../lib/preview-pages.js';
import { h } from '../../components/dom.js';
import { selectField } from '../../components/fields.js';
import { toast } from '../../components/toast.js';
import { printDialog } from '../documents/dialogs.js';
import { commandErrorMessage } from '../documents/model.js';
import { currentMonth, periodError, periodLabel, stepPeriod, parsePeriod } from '../../lib/assessment.js';
import { section } from '../common.js';
import { saveReport } from './shared.js';
import { now as clockNow } from '../../lib/clock.js';

const KINDS = [
  ['monthly', '月度报表', 'month'],
  ['annual', '年度报表', 'year'],
  ['ranking', '考核排名', 'any'],
  ['roster', '值班表', 'month'],
];

export const reportsPage = {
  id: 'assessment-reports',
  title: '报表',
  description: '月度、年度报表：考核排名、值班、交接班、热线电话、综合大检查',
  render(ctx) {
    let kind = 'monthly';
    let period = stepPeriod(currentMonth(), -1);
    const pages = h('div', { class: 'report-pages', 'data-report-pages': true });
    const error = h('div', { class: 'field-error', 'data-for': 'period', hidden: true });
    const kindSelect = selectField({ name: 'kind', label: '报表', options: KINDS.map(([v, l]) => ({ value: v, label: l })), value: kind });
    const periodInput = h('input', { class: 'input', name: 'period', value: period, 'aria-label': '期间', maxlength: 7, 'data-report-period': true });

    function check() {
      const need = KINDS.find((k) => k[0] === kind)[2];
      const p = parsePeriod(periodInput.value);
      let message = periodError(periodInput.value);
      if (!message && need === 'month' && p.kind !== 'month') message = '请填写月份，如 2026-03';
      if (!message && need === 'year' && p.kind !== 'year') message = '年度报表请填写年份，如 2026';
      error.hidden = !message;
      error.textContent = message ?? '';
      if (!message) period = periodInput.value.trim().toUpperCase();
      return !message;
    }

    // The core draws the first pages at once; the others follow one by one
    // below them, so a long report can be read while the rest is drawn. A
    // newer report (another kind or period) stops the drawing of an older one.
    let shown = 0;
    async function show() {
      if (!check()) return;
      const run = ++shown;
      pages.replaceChildren(h('div', { class: 'table-message' }, '正在生成…'));
      let all;
      try {
        all = previewPages(await assessApi.previewReport({ kind, period }), previewPage);
      } catch (e) {
        if (run === shown) pages.replaceChildren(h('p', { class: 'load-error' }, commandErrorMessage(e, '生成报表')));
        return;
      }
      if (run !== shown) return;
      const title = `${periodLabel(period)}${KINDS.find((k) => k[0] === kind)[1]}`;
      const page = (src, i) => h('img', { class: 'report-pages__page', src, alt: `${title} 第 ${i + 1} 页`, 'data-report-page': i + 1 });
      const more = h('p', { class: 'table-message', 'data-report-more': true, role: 'status' });
      const drawn = [];
      for (let i = 0; i < all.count && all.known(i); i++) drawn.push(page(all.known(i), i));
      pages.replaceChildren(...drawn);
      pages.dataset.kind = kind;
      pages.dataset.period = period;
      if (drawn.length === all.count) return;
      pages.append(more);
      // Not awaited: the page is shown once its first pages are.
      drawRest(all, drawn.length, run, more, page);
    }

    async function drawRest(all, from, run, more, page) {
      for (let i = from; i < all.count; i++) {
        more.textContent = `正在生成第 ${i + 1} / ${all.count} 页…`;
        let src;
        try {
          src = await all.get(i);
        } catch (e) {
          if (run === shown) more.replaceWith(h('p', { class: 'load-error' }, commandErrorMessage(e, `生成第 ${i + 1} 页`)));
          return;
        }
        if (run !== shown) return;
        more.before(page(src, i));
      }
      more.remove();
    }

    kindSelect.querySelector('select').addEventListener('change', (event) => {
      kind = event.target.value;
      if (kind === 'annual' && parsePeriod(periodInput.value)?.kind !== 'year') periodInput.value = String(parsePeriod(periodInput.value)?.year ?? clockNow().getFullYear());
      if ((kind === 'monthly' || kind === 'roster') && parsePeriod(periodInput.value)?.kind !== 'month') periodInput.value = stepPeriod(currentMonth(), -1);
      show();
    });
    periodInput.addEventListener('change', show);
    const form = h('div', { class: 'report-form', 'data-report-form': true },
      kindSelect,
      h('div', { class: 'field' }, h('label', { class: 'field__label' }, '期间'), periodInput, error),
      h('div', { class: 'report-form__actions' },
        h('button', { type: 'button', class: 'btn btn--primary', 'data-action': 'show-report', onClick: show }, '生成预览'),
        h('button', { type: 'button', class: 'btn', 'data-action': 'save-report-pdf', onClick: () => check() && saveReport({ kind, period, format: 'pdf' }) }, '另存为PDF'),
        h('button', { type: 'button', class: 'btn', 'data-action': 'save-report-xlsx', onClick: () => check() && saveReport({ kind, period, format: 'xlsx' }) }, '导出Excel'),
        h('button', { type: 'button', class: 'btn', 'data-action': 'print-report', onClick: () => {
          if (!check()) return;
          const asDoc = { id: 0, number: null, kindLabel: '报表', title: `${periodLabel(period)}报表` };
          printDialog(asDoc, { send: ({ printer, copies }) => assessApi.printReport({ kind, period, printer, copies }) }).catch((e) => toast(e.message, 'error'));
        } }, '打印…')));
    ctx.root.append(section({ name: 'report', title: '报表', description: '同一份数据生成PDF（打印、存档）和Excel（汇总、再加工）', body: h('div', null, form, pages) }));
    return show();
  },
};
