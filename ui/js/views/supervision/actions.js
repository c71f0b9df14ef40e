// Actions shared by the reminder list, the dashboard and the detail panels:
// the one-click reminder notice and the supervision record dialog.
//
// Hooks: dialog[data-dialog="supervision"] > form[data-form="supervision"]
// (supervisedOn, method, supervisor, unitId when no target, findings, result).

import * as supApi from '../../api/supervision.js';
import { h } from '../../components/dom.js';
import { textField, textareaField, selectField } from '../../components/fields.js';
import { toast, toastError } from '../../components/toast.js';
import { getUser } from '../../state.js';
import { formDialog } from '../documents/dialogs.js';
import { isValidDate, normalizeDateInput } from '../documents/model.js';
import { todayIso } from '../../lib/clock.js';
import { SUPERVISION_METHODS, itemName } from '../../lib/supervision.js';
import { previewReminder } from './papers.js';

// One click: sends (numbers and records) a reminder notice for the
// record's missing nodes and shows it ready to print. A notice already sent
// today is shown again instead of sending a second one.
export async function remindNow(row) {
  const today = todayIso();
  const sentToday = (row.reminders ?? []).find((r) => r.sentOn === today);
  try {
    const reminder = sentToday ?? (await supApi.sendReminder({ targetKind: row.targetKind, targetId: row.targetId }));
    if (!sentToday) toast(`已发出催办通知单 ${reminder.number}`, 'success');
    await previewReminder(reminder);
    return reminder;
  } catch (error) {
    toastError(error);
    return null;
  }
}

// 登记督办: on a target ({targetKind, targetId, label, unitName}) or, without
// one, on a unit chosen in the form. Resolves the new record or null.
export function supervisionDialog({ target = null, units = [] } = {}) {
  const unitOptions = units.filter((u) => !u.retired).map((u) => ({ value: String(u.id), label: u.name }));
  const fields = [
    target ? h('p', { class: 'dialog__details', 'data-target-label': true }, `督办对象：${target.label}${target.unitName ? `（${target.unitName}）` : ''}`) : null,
    h(
      'div',
      { class: 'form-row' },
      textField({ name: 'supervisedOn', label: '督办日期', required: true, value: todayIso(), placeholder: '如 2026-03-05', maxlength: 12 }),
      selectField({ name: 'method', label: '督办方式', required: true, options: SUPERVISION_METHODS, value: 'onsite' }),
    ),
    textField({ name: 'supervisor', label: '督办人', required: true, value: getUser()?.displayName ?? '', maxlength: 40 }),
    target ? null : selectField({ name: 'unitId', label: '被督办单位', required: true, options: unitOptions, empty: '（请选择）' }),
    textareaField({ name: 'findings', label: '督办发现', rows: 3, placeholder: '发现的问题或进展情况' }),
    textareaField({ name: 'result', label: '督办结果', rows: 2, placeholder: '处理意见、整改要求或结论' }),
  ];
  return formDialog({
    name: 'supervision',
    title: '登记督办记录',
    fields,
    submitLabel: '保存',
    validate: (v) => {
      const errors = {};
      const on = normalizeDateInput(v.supervisedOn);
      if (!on) errors.supervisedOn = '请填写督办日期';
      else if (!isValidDate(on)) errors.supervisedOn = '督办日期格式应为 2026-03-05';
      else if (on > todayIso()) errors.supervisedOn = '督办日期不能晚于今天';
      if (!String(v.supervisor ?? '').trim()) errors.supervisor = '请填写督办人';
      if (!target && !v.unitId) errors.unitId = '请选择被督办单位';
      return errors;
    },
    submit: async (v) => {
      const record = await supApi.createSupervision({
        targetKind: target?.targetKind,
        targetId: target?.targetId,
        unitId: target ? undefined : Number(v.unitId),
        supervisedOn: normalizeDateInput(v.supervisedOn),
        method: v.method,
        supervisor: String(v.supervisor).trim(),
        findings: String(v.findings ?? '').trim(),
        result: String(v.result ?? '').trim(),
      });
      toast(`已登记督办记录：${record.methodLabel}督办${record.unitName ?? ''}`, 'success');
      return record;
    },
  });
}

// The target of a supervised item, for the dialog's first line.
export const targetOf = (item) => ({ targetKind: item.targetKind, targetId: item.targetId, label: itemName(item), unitName: item.unitName });
