// Pieces shared by the 工作规范, 周期工作 and 漏项报告 pages: the period
// picker, status tags, the 登记完成 dialog, saving an export, and reading
// the file the user picked.
//
// Hooks: div[data-period-picker] with select[name="periodKind"],
// input[name="period"], button[data-action="prev-period" | "next-period"],
// [data-period-label]; dialog[data-dialog="spec-done"] >
// form[data-form="spec-done"] (doneDate, note, evidence);
// span.tag[data-spec-status=STATUS].

import * as specApi from '../../api/spec.js';
import { h } from '../../components/dom.js';
import { textField, textareaField } from '../../components/fields.js';
import { toast } from '../../components/toast.js';
import { isValidDate } from '../../lib/dates.js';
import { PERIOD_KINDS, PERIOD_HINT, currentPeriod, isValidPeriod, periodKind, periodLabel, shiftPeriod } from '../../lib/periods.js';
import { formDialog } from '../documents/dialogs.js';
import { attachmentPicker } from '../loop/attachments.js';
import { todayIso } from '../../lib/clock.js';
import { checkPickedSize, MAX_SHEET_MB } from '../../lib/picked.js';

// The period the three pages share while the app runs.
let shared = currentPeriod('month');

export function sharedPeriod() {
  return shared;
}

// A period picker: kind, code (editable), ‹ ›, and the Chinese label.
// onChange(code) runs with a valid period only; a bad one is marked.
export function periodPicker({ value = shared, onChange, kinds = PERIOD_KINDS }) {
  let current = value;
  const label = h('span', { class: 'spec-period__label', 'data-period-label': true });
  const error = h('span', { class: 'field-error spec-period__error', 'data-for': 'period', hidden: true });
  const kind = h(
    'select',
    {
      class: 'input input--select input--compact',
      name: 'periodKind',
      'aria-label': '期间类型',
      onChange: () => set(currentPeriod(kind.value)),
    },
    kinds.map((k) => h('option', { value: k.value }, k.label)),
  );
  const input = h('input', {
    class: 'input input--compact spec-period__code num',
    name: 'period',
    'aria-label': '期间',
    title: PERIOD_HINT,
    spellcheck: 'false',
    autocomplete: 'off',
    onChange: () => set(input.value.trim()),
    onKeydown: (event) => {
      if (event.key === 'Enter') {
        event.preventDefault();
        set(input.value.trim());
      }
    },
  });
  const prev = h('button', { type: 'button', class: 'btn btn--small', 'data-action': 'prev-period', title: '上一期', onClick: () => set(shiftPeriod(current, -1)) }, '‹');
  const next = h('button', { type: 'button', class: 'btn btn--small', 'data-action': 'next-period', title: '下一期', onClick: () => set(shiftPeriod(current, 1)) }, '›');

  function show() {
    input.value = current;
    kind.value = periodKind(current) ?? 'month';
    label.textContent = periodLabel(current);
  }

  function set(code) {
    const normalized = String(code ?? '').toUpperCase().replace(/^(\d{4}-\d{2})-D/, '$1-D');
    if (!isValidPeriod(normalized)) {
      error.textContent = `期间“${code}”格式不正确，${PERIOD_HINT}`;
      error.hidden = false;
      input.setAttribute('aria-invalid', 'true');
      return;
    }
    error.hidden = true;
    input.removeAttribute('aria-invalid');
    current = normalized;
    shared = normalized;
    show();
    onChange(current);
  }

  show();
  const element = h('div', { class: 'spec-period', 'data-period-picker': true }, kind, prev, input, next, label, error);
  return { element, value: () => current, set };
}

const STATUS_TONE = { done: 'ok', late: 'late', overdue: 'overdue', today: 'soon', soon: 'soon', pending: 'pending', open: 'overdue' };

export function statusTag(status, label) {
  return h('span', { class: ['tag', 'spec-status', `spec-status--${STATUS_TONE[status] ?? 'pending'}`], 'data-spec-status': status }, label);
}

// Today on the core's day (one definition, in lib/clock.js).

// 登记完成: date (default: today, or the due date when that is earlier and
// already past), what was done, the evidence. Resolves the saved row or null.
// The checks of a done form (one item or many): the date, and the files
// finished copying.
export function checkDone(values, picker, today) {
  const date = String(values.doneDate ?? '').trim();
  if (!date) return { doneDate: '请填写完成日期' };
  if (!isValidDate(date)) return { doneDate: '完成日期格式应为 2026-03-05' };
  if (date > today) return { doneDate: '完成日期不能晚于今天' };
  if (picker.busy()) return { attachments: '文件还在复制中，请稍候再保存' };
  return {};
}

export function doneDialog(row) {
  const today = todayIso();
  const suggested = row.doneDate ?? (row.dueDate < today ? row.dueDate : today);
  const picker = attachmentPicker({ initial: row.attachments ?? [], label: '佐证附件（照片、视频或文件）' });
  return formDialog({
    name: 'spec-done',
    title: row.doneDate ? '修改完成登记' : '登记完成',
    message: `${row.unitName}：${row.code}“${row.title}”（${row.periodLabel}，应于 ${row.dueDate} 前完成）`,
    details: row.evidenceExpected ? `应有佐证材料：${row.evidenceExpected}` : null,
    fields: [
      textField({ name: 'doneDate', label: '完成日期', required: true, value: suggested, placeholder: '如 2026-03-05', inputmode: 'numeric', maxlength: 12, hint: '晚于应完成日期的记为逾期完成，仍计入漏项' }),
      textareaField({ name: 'note', label: '完成情况', value: row.note ?? '', rows: 2 }),
      textareaField({ name: 'evidence', label: '佐证材料', value: row.evidence ?? '', rows: 2, placeholder: row.evidenceExpected || '如：会议记录、照片，存放位置' }),
      picker.element,
    ],
    submitLabel: '登记完成',
    wide: true,
    validate: (values) => checkDone(values, picker, today),
    submit: async (values) => {
      const attachments = picker.files().map((f) => ({ sha256: f.sha256, name: f.name }));
      const saved = await specApi.markSpecDone({ id: row.id, doneDate: values.doneDate.trim(), note: values.note.trim(), evidence: values.evidence.trim(), attachments });
      toast(saved.status === 'late' ? `已登记完成（逾期）：${saved.title}` : `已登记完成：${saved.title}`, 'success');
      return saved;
    },
  }).finally(picker.destroy);
}

// Runs an export and says where it went (null: the user cancelled).
export async function saveExport(run, what) {
  try {
    const saved = await run();
    if (saved && saved.path) toast(`已导出${what}：${saved.path}`, 'success');
    return saved;
  } catch (error) {
    toast(`导出失败：${error.message}`, 'error');
    return null;
  }
}

// The picked file as {fileName, data (base64)}; refused by its size first.
export async function readPicked(file) {
  checkPickedSize(file, MAX_SHEET_MB);
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  return { fileName: file.name, data: btoa(binary) };
}
