// The document form in the side panel: aside[data-panel="doc-form"] >
// form[data-form="doc"] (data-kind="order" | "notice").
//
// Fields: title, urgency (orders) or method (notices), deadline, content,
// requirements, goal, targetUnitId, personId, cooperatingUnitIds (checkboxes),
// the feedback rule as feedbackMode (radios none | every_n_days | weekly |
// dates) with feedbackEvery, feedbackWeekday, feedbackDates and the forms
// feedbackForms (checkboxes text | image | video), contact, phone.

import * as docsApi from '../../api/docs.js';
import { h, uniqueId } from '../../components/dom.js';
import { textField, textareaField, selectField, formError, formActions } from '../../components/fields.js';
import { bindForm } from '../../components/form.js';
import { openPanel, closePanel } from '../../components/panel.js';
import { toast } from '../../components/toast.js';
import { getUser } from '../../state.js';
import {
  URGENCIES,
  METHODS,
  FEEDBACK_MODES,
  FEEDBACK_FORMS,
  WEEKDAYS,
  LIMITS,
  formValuesFromDoc,
  validateDocValues,
  docInputFromValues,
  feedbackErrorField,
  normalizeDateInput,
  personChoices,
} from './model.js';

const UNIT_GROUPS = [
  { kind: 'committee', label: '矿党委' },
  { kind: 'department', label: '党委部门' },
  { kind: 'branch', label: '基层党支部' },
];

function errorSlot(name) {
  return h('div', { class: 'field-error', 'data-for': name, hidden: true });
}

function dateField(name, label, value, hint) {
  const field = textField({ name, label, value, placeholder: '如 2026-03-05', inputmode: 'numeric', maxlength: 12, hint });
  const input = field.querySelector('input');
  input.addEventListener('change', () => {
    const normalized = normalizeDateInput(input.value);
    if (normalized !== input.value) input.value = normalized;
  });
  return field;
}

// Units offered: the active ones, plus a retired one the draft already names.
function unitChoices(units, keepIds) {
  const keep = new Set(keepIds.map(String));
  return units.filter((u) => !u.retired || keep.has(String(u.id)));
}

// Checkboxes of the cooperating units, grouped by kind, in a scroll box.
function cooperatingField(units, selected) {
  const chosen = new Set(selected.map(String));
  const count = h('span', { class: 'doc-coop__count', 'aria-live': 'polite' });
  const groups = UNIT_GROUPS.map((group) => {
    const members = units.filter((u) => u.kind === group.kind);
    if (members.length === 0) return null;
    return h(
      'div',
      { class: 'doc-coop__group' },
      h('div', { class: 'doc-coop__group-label' }, group.label),
      h(
        'div',
        { class: 'doc-coop__grid' },
        members.map((u) =>
          h(
            'label',
            { class: 'check doc-coop__item', title: u.name },
            h('input', { type: 'checkbox', class: 'checkbox', name: 'cooperatingUnitIds', value: String(u.id), 'data-multi': true, checked: chosen.has(String(u.id)) }),
            h('span', null, u.retired ? `${u.name}（已撤销）` : u.name),
          ),
        ),
      ),
    );
  });
  const field = h(
    'fieldset',
    { class: 'field field--group doc-coop', 'data-field': 'cooperatingUnitIds' },
    h('legend', { class: 'field__label' }, '配合单位 ', count),
    h('div', { class: 'doc-coop__box' }, groups),
    h('div', { class: 'field__hint' }, '可多选；责任单位本身不能再选为配合单位。'),
    errorSlot('cooperatingUnitIds'),
  );
  function update(targetId) {
    let n = 0;
    for (const box of field.querySelectorAll('input[name="cooperatingUnitIds"]')) {
      const isTarget = targetId !== '' && box.value === String(targetId);
      if (isTarget) box.checked = false;
      box.disabled = isTarget;
      box.closest('label').classList.toggle('is-disabled', isTarget);
      if (box.checked) n += 1;
    }
    count.textContent = n > 0 ? `（已选 ${n} 个）` : '';
  }
  field.addEventListener('change', () => update(field.dataset.target ?? ''));
  return {
    element: field,
    setTarget(targetId) {
      field.dataset.target = String(targetId ?? '');
      update(field.dataset.target);
    },
  };
}

// 反馈要求: how often (mode with its own input) and in which forms (also
// the 生成调度令 dialog's).
export function feedbackField(values, kind) {
  const radioName = 'feedbackMode';
  const every = h('input', { type: 'number', name: 'feedbackEvery', class: 'input input--compact doc-feedback__n', min: '1', max: '60', value: values.feedbackEvery, 'aria-label': '每隔几个工作日' });
  const weekday = h(
    'select',
    { name: 'feedbackWeekday', class: 'input input--select input--compact', 'aria-label': '每周星期几', value: values.feedbackWeekday },
    WEEKDAYS.map((d) => h('option', { value: d.value }, d.label)),
  );
  const dates = h('input', { type: 'text', name: 'feedbackDates', class: 'input input--compact doc-feedback__dates', value: values.feedbackDates, placeholder: '如 2026-03-05，2026-03-20', 'aria-label': '反馈日期', spellcheck: 'false' });
  const extras = {
    none: [h('span', { class: 'muted' }, '办结时一并报告即可')],
    every_n_days: ['每', every, '个工作日反馈一次', errorSlot('feedbackEvery')],
    weekly: [weekday, '反馈一次', errorSlot('feedbackWeekday')],
    dates: [dates, errorSlot('feedbackDates')],
  };
  const controls = { every_n_days: [every], weekly: [weekday], dates: [dates] };
  const rows = FEEDBACK_MODES.map((mode) => {
    const id = uniqueId('f-feedback');
    return h(
      'div',
      { class: 'doc-feedback__row', 'data-mode': mode.value },
      h(
        'label',
        { class: 'check doc-feedback__mode', for: id },
        h('input', { type: 'radio', id, class: 'checkbox', name: radioName, value: mode.value, checked: values.feedbackMode === mode.value }),
        h('span', null, mode.label),
      ),
      h('div', { class: 'doc-feedback__extra' }, extras[mode.value]),
    );
  });
  const forms = h(
    'div',
    { class: 'doc-feedback__forms', 'data-field': 'feedbackForms' },
    h('span', { class: 'doc-feedback__forms-label' }, kind === 'order' ? '反馈形式' : '反馈形式（可选）'),
    FEEDBACK_FORMS.map((f) =>
      h('label', { class: 'check' }, h('input', { type: 'checkbox', class: 'checkbox', name: 'feedbackForms', value: f.value, 'data-multi': true, checked: values.feedbackForms.includes(f.value) }), h('span', null, f.label)),
    ),
    errorSlot('feedbackForms'),
  );
  const element = h(
    'fieldset',
    { class: 'field field--group doc-feedback', 'data-field': 'feedbackRule' },
    h('legend', { class: 'field__label' }, '反馈要求'),
    h('div', { class: 'field__hint' }, kind === 'order' ? '调度令要求责任单位按时以文字、图片或视频等形式反馈进展。' : '通知单可不要求定期反馈。'),
    h('div', { class: 'doc-feedback__modes', role: 'radiogroup', 'aria-label': '反馈周期' }, rows),
    forms,
    errorSlot('feedbackRule'),
  );
  function sync() {
    const mode = element.querySelector(`input[name="${radioName}"]:checked`)?.value ?? 'none';
    for (const [key, list] of Object.entries(controls)) {
      for (const control of list) control.disabled = key !== mode;
    }
    for (const box of forms.querySelectorAll('input')) box.disabled = mode === 'none';
    forms.classList.toggle('is-disabled', mode === 'none');
    for (const row of rows) row.classList.toggle('is-current', row.dataset.mode === mode);
  }
  element.addEventListener('change', (event) => {
    if (event.target.name === radioName) {
      sync();
      controls[event.target.value]?.[0]?.focus();
    }
  });
  // Clicking into a mode's own input chooses that mode.
  for (const [key, list] of Object.entries(controls)) {
    const row = rows.find((r) => r.dataset.mode === key);
    row.querySelector('.doc-feedback__extra').addEventListener('mousedown', () => {
      const radio = row.querySelector('input[type="radio"]');
      if (!radio.checked) {
        radio.checked = true;
        sync();
        setTimeout(() => list[0].focus(), 0);
      }
    });
  }
  sync();
  return element;
}

// doc: the draft being edited (or null for a new one of `kind`).
// onSaved(doc) runs after the core accepted it and the panel closed.
export function openDocForm({ host, doc = null, kind = 'order', units = [], people = [], onSaved, onClose = null }) {
  const docKind = doc ? doc.kind : kind;
  const order = docKind === 'order';
  const kindName = order ? '调度令' : '通知单';
  const user = getUser();
  const values = formValuesFromDoc(doc, { kind: docKind, contact: user ? user.displayName : '' });
  const unitList = unitChoices(units, doc ? [doc.targetUnitId, ...(doc.cooperatingUnitIds ?? [])] : []);

  const target = selectField({
    name: 'targetUnitId',
    label: order ? '责任单位' : '调度对象（责任单位）',
    required: true,
    options: unitList.map((u) => ({ value: String(u.id), label: u.retired ? `${u.name}（已撤销）` : u.name })),
    value: values.targetUnitId,
    empty: '请选择单位',
    hint: unitList.length === 0 ? '还没有在用的单位，请先在“单位”中新建' : null,
  });
  const targetSelect = target.querySelector('select');
  const person = selectField({ name: 'personId', label: '责任人', options: [], value: '', empty: '（不指定）' });
  const personSelect = person.querySelector('select');
  const personHint = h('div', { class: 'field__hint', 'data-person-hint': true });
  person.querySelector('.field-error').before(personHint);
  const coop = cooperatingField(unitList, values.cooperatingUnitIds);

  function fillPeople(keep) {
    const { options, filtered } = personChoices(people, targetSelect.value, keep || null);
    personSelect.replaceChildren(h('option', { value: '' }, '（不指定）'), ...options.map((o) => h('option', { value: o.value }, o.label)));
    personSelect.value = options.some((o) => o.value === keep) ? keep : '';
    personHint.textContent = filtered ? '列出责任单位的人员' : targetSelect.value ? '责任单位未登记人员，列出全部人员' : '先选责任单位，可只列出该单位的人员';
  }
  targetSelect.addEventListener('change', () => {
    fillPeople(personSelect.value);
    coop.setTarget(targetSelect.value);
  });
  fillPeople(values.personId);
  coop.setTarget(values.targetUnitId);

  const modeField = order
    ? selectField({ name: 'urgency', label: '紧急程度', required: true, options: URGENCIES, value: values.urgency, empty: '请选择', hint: '签收期限：特急1、加急2、平急3个工作日' })
    : selectField({ name: 'method', label: '调度方式', required: true, options: METHODS, value: values.method, empty: '请选择' });

  const form = h(
    'form',
    { class: 'form doc-form', 'data-form': 'doc', 'data-kind': docKind },
    doc && doc.amendsNumber ? h('p', { class: 'notice doc-form__amends' }, `这是对 ${doc.amendsNumber} 的更正，签发后另编新文号。`) : null,
    textField({ name: 'title', label: '标题', required: true, value: values.title, maxlength: LIMITS.title, placeholder: order ? '如：关于加快推进党支部标准化建设的调度令' : '如：关于报送三季度党建工作台账的通知' }),
    h('div', { class: 'doc-form__row' }, modeField, dateField('deadline', '完成时限', values.deadline, '应为工作日')),
    textareaField({ name: 'content', label: order ? '调度事项' : '调度内容', required: true, value: values.content, rows: 5, placeholder: order ? '需要责任单位办理的事项' : '通知责任单位的工作内容' }),
    textareaField({ name: 'requirements', label: '工作要求', value: values.requirements, rows: 3, placeholder: '标准、时间节点、注意事项' }),
    textareaField({ name: 'goal', label: '任务目标', value: values.goal, rows: 2, placeholder: '办理后应达到的目标' }),
    h('div', { class: 'doc-form__row' }, target, person),
    coop.element,
    feedbackField(values, docKind),
    h(
      'div',
      { class: 'doc-form__row' },
      textField({ name: 'contact', label: '联系人', value: values.contact, maxlength: LIMITS.contact }),
      textField({ name: 'phone', label: '联系电话', value: values.phone, inputmode: 'tel', maxlength: LIMITS.phone, placeholder: '如 0355-5961234转8016' }),
    ),
    formError(),
    formActions(doc ? '保存草稿' : `保存为草稿`, { onCancel: closePanel }),
  );

  bindForm(form, {
    validate: (v) => validateDocValues(v, docKind),
    submit: async (v) => {
      const input = docInputFromValues(v, docKind, { taskIds: doc ? doc.taskIds ?? [] : [] });
      let saved;
      try {
        saved = doc ? await docsApi.updateDoc({ id: doc.id, ...input }) : await docsApi.createDoc(input);
      } catch (error) {
        // The core names the whole rule; show it beside the part it is about.
        if (error && error.field === 'feedbackRule') throw { ...error, field: feedbackErrorField(error.message, v.feedbackMode) };
        throw error;
      }
      closePanel();
      toast(doc ? `已保存草稿“${saved.title}”` : `已起草${kindName}“${saved.title}”`, 'success');
      if (onSaved) await onSaved(saved);
    },
  });

  const title = doc ? `编辑${kindName}草稿` : `起草${kindName}`;
  openPanel({ host, name: 'doc-form', title, content: form, wide: true, onClose });
  return form;
}
