// Registering or editing a rectification (side panel, or a dialog over an
// order, notice or task): source, the
// problem, 三定 (项目名称, 责任人, 完成时限), unit, measures, evidence and
// its files. Errors show beside their fields; nothing typed is lost.
//
// Hooks: aside[data-panel="rectification-form"] > form[data-form="rectification"]
// with fields source, sourceRef, itemName, personName, deadline, unitId,
// problem, measures, evidence and the attachment picker.

import * as api from '../../api/index.js';
import * as loopApi from '../../api/loop.js';
import { h } from '../../components/dom.js';
import { textField, textareaField, selectField, formError, formActions } from '../../components/fields.js';
import { bindForm } from '../../components/form.js';
import { openPanel, closePanel } from '../../components/panel.js';
import { toast } from '../../components/toast.js';
import { RECT_SOURCES, validateRectification, rectificationInput } from '../../lib/loop.js';
import { attachmentPicker } from '../loop/attachments.js';
import { formDialog } from '../documents/dialogs.js';

// The fields of the form, shared by the side panel and the dialog that
// registers a rectification from an order, a notice or a task.
function formFields({ r, units, picker, unitId = null }) {
  const unitOptions = units.map((u) => ({ value: String(u.id), label: u.name }));
  if (r && !unitOptions.some((o) => o.value === String(r.unitId))) unitOptions.unshift({ value: String(r.unitId), label: r.unitName });
  return [
    h(
      'div',
      { class: 'form-row' },
      selectField({ name: 'source', label: '整改来源', required: true, options: RECT_SOURCES, value: r ? r.source : '', empty: '（请选择）' }),
      textField({ name: 'sourceRef', label: '来源记录', value: r?.sourceRef ?? '', hint: '如检查记录编号、热线来电编号，可不填', maxlength: 60 }),
    ),
    textareaField({ name: 'problem', label: '存在问题', required: true, rows: 3, value: r?.problem ?? '' }),
    h('div', { class: 'rect-sanding-label' }, '三定'),
    h(
      'div',
      { class: 'form-row rect-sanding' },
      textField({ name: 'itemName', label: '项目名称', required: true, value: r?.itemName ?? '', maxlength: 60 }),
      textField({ name: 'personName', label: '责任人', required: true, value: r?.personName ?? '', maxlength: 20 }),
      textField({ name: 'deadline', label: '完成时限', required: true, value: r?.deadline ?? '', placeholder: 'YYYY-MM-DD', hint: '须为工作日' }),
    ),
    selectField({ name: 'unitId', label: '责任单位', required: true, options: unitOptions, value: r ? String(r.unitId) : unitId ? String(unitId) : '', empty: '（请选择）' }),
    textareaField({ name: 'measures', label: '整改措施', rows: 3, value: r?.measures ?? '' }),
    textareaField({ name: 'evidence', label: '整改佐证', rows: 2, value: r?.evidence ?? '', hint: '整改完成情况的说明；照片、文件添加在下方' }),
    picker.element,
  ];
}

function check(values, picker) {
  const errors = validateRectification(values);
  if (picker.busy()) errors.attachments = '文件还在复制中，请稍候再保存';
  return errors;
}

// r: the rectification to edit, or null; units: [{id, name}];
// onSaved(r) after the core accepted it.
export function openRectificationForm({ host, r = null, units, onSaved, onClose = null }) {
  const picker = attachmentPicker({ initial: r ? r.attachments : [], label: '佐证照片、视频或文件' });
  const form = h(
    'form',
    { class: 'form form--panel', 'data-form': 'rectification' },
    formFields({ r, units, picker }),
    formError(),
    formActions(r ? '保存修改' : '登记整改', { onCancel: closePanel }),
  );
  const target = r && r.targetKind ? { kind: r.targetKind, id: r.targetId } : null;
  bindForm(form, {
    validate: (values) => check(values, picker),
    submit: async (values) => {
      const input = rectificationInput(values, picker.files(), target);
      const saved = r ? await loopApi.updateRectification({ id: r.id, ...input }) : await loopApi.createRectification(input);
      toast(r ? `已保存整改“${saved.itemName}”` : `已登记整改“${saved.itemName}”`, 'success');
      closePanel();
      await onSaved(saved);
    },
  });
  openPanel({
    host,
    name: 'rectification-form',
    title: r ? `编辑整改：${r.itemName}` : '登记整改',
    content: form,
    wide: true,
    onClose: () => {
      picker.destroy();
      if (onClose) onClose();
    },
  });
  return form;
}

// Registers a rectification on an order, a notice or a task from its detail
// panel (which stays open): dialog[data-dialog="rectification"] >
// form[data-form="rectification"]. Resolves the saved rectification or null.
// preset: the fields filled in beforehand (a 整改 from an omission of
// periodic work: source, sourceRef, problem, itemName, unitId, unitName).
export async function rectificationDialog({ target, title, unitId = null, preset = null }) {
  const units = await api.listUnits({ includeRetired: false });
  const picker = attachmentPicker({ label: '佐证照片、视频或文件' });
  return formDialog({
    name: 'rectification',
    title: '登记整改',
    message: `对象：${title}`,
    fields: formFields({ r: preset, units, picker, unitId }),
    submitLabel: '登记整改',
    wide: true,
    validate: (values) => check(values, picker),
    submit: async (values) => {
      const saved = await loopApi.createRectification(rectificationInput(values, picker.files(), target));
      toast(`已登记整改“${saved.itemName}”`, 'success');
      return saved;
    },
  }).finally(picker.destroy);
}
