// Pieces shared by the assessment and duty pages: the period switcher, the
// report preview with save and print, small formatters.

import * as assessApi from '../../api/assessment.js';
import { h, append } from '../../components/dom.js';
import { toast } from '../../components/toast.js';
import { previewDialog, printDialog } from '../documents/dialogs.js';
import { commandErrorMessage } from '../documents/model.js';
import { periodError, periodLabel, stepPeriod } from '../../lib/assessment.js';

// ‹ [2026-03] › with its error beside it; onChange(period) when valid.
export function periodBar({ value, label = '考核期间', onChange, hint = '月 2026-03 · 季 2026-Q1 · 年 2026' }) {
  const input = h('input', { class: 'input input--compact period-bar__input', name: 'period', value, 'aria-label': label, 'data-period-input': true, spellcheck: 'false', maxlength: 7 });
  const error = h('span', { class: 'field-error period-bar__error', 'data-for': 'period', hidden: true });
  const caption = h('span', { class: 'period-bar__label', 'data-period-label': true }, periodLabel(value));
  function apply(next) {
    const message = periodError(next);
    error.hidden = !message;
    error.textContent = message ?? '';
    input.setAttribute('aria-invalid', message ? 'true' : 'false');
    if (message) return;
    input.value = next.trim().toUpperCase();
    caption.textContent = periodLabel(input.value);
    onChange(input.value);
  }
  input.addEventListener('change', () => apply(input.value));
  input.addEventListener('keydown', (event) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      apply(input.value);
    }
  });
  const step = (delta) => () => apply(stepPeriod(input.value, delta));
  return h(
    'div',
    { class: 'period-bar', 'data-period-bar': true, title: hint },
    h('button', { type: 'button', class: 'btn btn--small', 'data-action': 'prev-period', 'aria-label': '上一期', onClick: step(-1) }, '‹'),
    input,
    h('button', { type: 'button', class: 'btn btn--small', 'data-action': 'next-period', 'aria-label': '下一期', onClick: step(1) }, '›'),
    caption,
    error,
  );
}

// Preview of a report set (or the bulletin) from the core's PDF engine,
// with 另存为PDF and 打印; 导出Excel beside it where the set has tables.
export function openReport({ kind, period, title }) {
  const asDoc = { id: 0, number: null, kindLabel: '报表', title };
  return previewDialog(asDoc, {
    load: () => assessApi.previewReport({ kind, period }),
    onSavePdf: () => saveReport({ kind, period, format: 'pdf' }),
    onPrint: () => printDialog(asDoc, { send: ({ printer, copies }) => assessApi.printReport({ kind, period, printer, copies }) }),
  });
}

export async function saveReport({ kind, period, format }) {
  try {
    const saved = format === 'xlsx' ? await assessApi.saveReportXlsx({ kind, period }) : await assessApi.saveReportPdf({ kind, period });
    if (saved && saved.path) toast(`已保存：${saved.path}`, 'success');
    return saved;
  } catch (error) {
    toast(commandErrorMessage(error, format === 'xlsx' ? '导出Excel' : '另存为PDF'), 'error');
    return null;
  }
}

// replaceChildren would print null as "null": conditional children go through append.
export function refill(el, ...children) {
  el.replaceChildren();
  return append(el, children);
}

export function pointsCell(points) {
  const n = Number(points);
  const text = n > 0 ? `+${n}` : String(n);
  return h('span', { class: ['num', n < 0 ? 'points--minus' : n > 0 ? 'points--plus' : null] }, text);
}

export function tag(text, kind = 'neutral') {
  return h('span', { class: ['tag', `tag--a-${kind}`] }, text);
}

// Options from a fixed list of [value, label].
export const options = (list) => list.map(([value, label]) => ({ value, label }));

export const DIMENSIONS = [
  ['speed', '速度（执行看速度）'],
  ['strength', '力度（落实讲力度）'],
  ['warmth', '温度（帮扶有温度）'],
];
export const DIRECTIONS = [
  ['deduct', '扣分'],
  ['bonus', '加分'],
];
export const APPLIES = [
  ['both', '部门和支部'],
  ['department', '党委部门'],
  ['branch', '基层党支部'],
];
export const EVIDENCE = [
  ['late_receipt', '签收超时（调度令、通知单回执）'],
  ['missing_feedback', '未按期反馈'],
  ['late_feedback', '反馈逾期'],
  ['overdue_rectification', '整改逾期'],
  ['closed_on_time', '按期完成闭合（加分）'],
  ['assistance_help', '包保帮扶解决问题（加分）'],
  ['omission', '漏项（工作规范）'],
];
