// Periodic work followed up (issue 14, point 3), shared by 工作台 and 周期工作:
// a 催办通知单 for an omission (numbered, then previewed and printed like every
// reminder), a 整改 item opened from it, and ticking many items done at once
// with one evidence file for all of them.
//
// Hooks: input[data-pick] (one per row) and input[data-pick-all];
// button[data-action="spec-remind" | "spec-rectify" | "batch-done"];
// dialog[data-dialog="spec-done-many"] (fields doneDate, note, evidence and
// the attachment picker).

import * as specApi from '../../api/spec.js';
import { h } from '../../components/dom.js';
import { textField, textareaField } from '../../components/fields.js';
import { toast, toastError } from '../../components/toast.js';
import { todayIso } from '../../lib/clock.js';
import { formDialog } from '../documents/dialogs.js';
import { attachmentPicker } from '../loop/attachments.js';
import { previewReminder } from '../supervision/papers.js';
import { rectificationDialog } from '../rectify/form.js';
import { checkDone } from './parts.js';

// A checkbox column for createTable; `picked` is a Set of row ids kept by
// the page, onChange() after every tick.
export function pickColumn(picked, onChange, { pickable = (r) => !r.doneDate } = {}) {
  let shown = [];
  return {
    key: 'pick',
    label: '',
    sortable: false,
    className: 'col-pick',
    value: (r) => (picked.has(r.id) ? 1 : 0),
    header: (rows) => {
      shown = rows.filter(pickable);
      const all = shown.length > 0 && shown.every((r) => picked.has(r.id));
      return h('input', {
        type: 'checkbox',
        class: 'checkbox',
        'data-pick-all': true,
        'aria-label': '选择全部未完成的工作',
        checked: all,
        disabled: shown.length === 0,
        onChange: (event) => {
          for (const r of shown) {
            if (event.target.checked) picked.add(r.id);
            else picked.delete(r.id);
          }
          onChange();
        },
      });
    },
    render: (r) =>
      pickable(r)
        ? h('input', {
            type: 'checkbox',
            class: 'checkbox',
            'data-pick': String(r.id),
            'aria-label': `选择 ${r.unitName} ${r.title}`,
            checked: picked.has(r.id),
            onChange: (event) => {
              if (event.target.checked) picked.add(r.id);
              else picked.delete(r.id);
              onChange();
            },
          })
        : '',
  };
}

// 批量登记完成: one date, note and evidence (text and files) for all rows.
// Resolves the number ticked, or null when cancelled.
export function batchDoneDialog(rows) {
  const today = todayIso();
  const picker = attachmentPicker({ label: '佐证附件（一份材料用于所选全部工作）' });
  const units = new Set(rows.map((r) => r.unitName));
  return formDialog({
    name: 'spec-done-many',
    title: `批量登记完成（${rows.length} 项）`,
    message: `所选 ${rows.length} 项工作（${units.size} 个单位）登记为同一完成日期，佐证材料和附件用于每一项。`,
    details: h('ul', { class: 'spec-batch-list' }, rows.slice(0, 8).map((r) => h('li', null, `${r.unitName}：${r.title}（${r.periodLabel}）`)), rows.length > 8 ? h('li', { class: 'muted' }, `……等 ${rows.length} 项`) : null),
    fields: [
      textField({ name: 'doneDate', label: '完成日期', required: true, value: today, placeholder: '如 2026-03-05', inputmode: 'numeric', maxlength: 12, hint: '晚于应完成日期的记为逾期完成，仍计入漏项' }),
      textareaField({ name: 'note', label: '完成情况', rows: 2 }),
      textareaField({ name: 'evidence', label: '佐证材料', rows: 2, placeholder: '如：会议记录、照片，存放位置' }),
      picker.element,
    ],
    submitLabel: '登记完成',
    wide: true,
    validate: (values) => checkDone(values, picker, today),
    submit: async (values) => {
      const attachments = picker.files().map((f) => ({ sha256: f.sha256, name: f.name }));
      const n = await specApi.markSpecDoneMany({ ids: rows.map((r) => r.id), doneDate: values.doneDate.trim(), note: values.note.trim(), evidence: values.evidence.trim(), attachments });
      toast(`已登记完成 ${n} 项${attachments.length ? `，附件 ${attachments.length} 个` : ''}`, 'success');
      return n;
    },
  }).finally(picker.destroy);
}

// 催办 an omission: sends the numbered notice (once a day; a second click
// shows today's), then previews it for printing. Resolves the reminder.
export async function remindOmission(row) {
  const today = todayIso();
  const sentToday = (row.reminders ?? []).find((r) => r.sentOn === today);
  try {
    const reminder = sentToday ?? (await specApi.sendSpecReminder({ id: row.id }));
    if (!sentToday) toast(`已发出催办通知单 ${reminder.number}`, 'success');
    await previewReminder(reminder);
    return reminder;
  } catch (error) {
    toastError(error);
    return null;
  }
}

// 整改 from an omission: the 三定 form with the work filled in.
export function rectifyOmission(row) {
  return rectificationDialog({
    target: null,
    title: `${row.unitName} ${row.code}“${row.title}”（${row.periodLabel}，应于 ${row.dueDate} 完成）`,
    unitId: row.unitId,
    preset: {
      source: 'other',
      sourceRef: `spec:${row.id}`,
      problem: `${row.title}（${row.periodLabel}）应于${row.dueDate}前完成，至今未登记完成。`,
      itemName: `补办${row.title}`.slice(0, 60),
      personName: '',
      deadline: '',
      unitId: row.unitId,
      unitName: row.unitName,
      measures: '',
      evidence: '',
    },
  }).catch((error) => {
    toastError(error);
    return null;
  });
}

// The row buttons for periodic work due or overdue.
export function followUpActions(row, { onChanged }) {
  const overdue = row.status === 'overdue';
  return [
    overdue
      ? h('button', { type: 'button', class: 'btn btn--small btn--danger-text', 'data-action': 'spec-remind', title: (row.reminders ?? []).length ? `已催办 ${row.reminders.length} 次` : '发出催办通知单', onClick: async () => { if (await remindOmission(row)) onChanged(); } }, (row.reminders ?? []).length ? `催办（${row.reminders.length}）` : '催办')
      : null,
    overdue
      ? h('button', { type: 'button', class: 'btn btn--small', 'data-action': 'spec-rectify', title: '按三定登记整改', onClick: async () => { if (await rectifyOmission(row)) onChanged(); } }, (row.rectificationIds ?? []).length ? `整改（${row.rectificationIds.length}）` : '整改')
      : null,
  ];
}
