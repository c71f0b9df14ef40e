// The plan form in the side panel: form[data-form="plan"].
//
// Fields: title, kind, leadUnitId, start, end, goal, note, and the source
// documents (依据文件) as repeatable rows of three inputs named
// sources[i].issuer / sources[i].number / sources[i].title, i counted from 0
// and renumbered whenever a row is removed (see lib/plans.js). Rows are
// added with button[data-action="add-source"] and removed with
// button[data-action="remove-source"] (inside div[data-source-row=i]).
// button[data-action="pick-archive-source"] cites a file of the archive: its
// row carries a hidden sources[i].archiveId and reads as the archive has it.

import * as plansApi from '../../api/plans.js';
import { h } from '../../components/dom.js';
import { textField, textareaField, selectField, formError, formActions } from '../../components/fields.js';
import { bindForm } from '../../components/form.js';
import { openPanel, closePanel } from '../../components/panel.js';
import { toast } from '../../components/toast.js';
import { unitOptions, idFromSelect } from '../../lib/options.js';
import { PLAN_KINDS, validatePlan, planInputFromValues, normalizeDateInput, sourceFieldName } from '../../lib/plans.js';
import { pickArchiveFile, openArchivedFile } from '../registers/archive.js';

const EMPTY_SOURCE = { issuer: '', number: '', title: '' };

function sourceRow(index, source, onRemove) {
  // A file cited from the archive shows as the archive has it.
  const cited = Boolean(source.archiveId);
  const field = (name, label, placeholder, wide = false) =>
    textField({ name: sourceFieldName(index, name), label, value: source[name], placeholder, wide, maxlength: name === 'title' ? 200 : 60, readonly: cited });
  return h(
    'div',
    { class: 'source-row', 'data-source-row': String(index), 'data-archive-id': cited ? String(source.archiveId) : null },
    cited ? h('input', { type: 'hidden', name: sourceFieldName(index, 'archiveId'), value: String(source.archiveId) }) : null,
    h(
      'div',
      { class: 'source-row__head' },
      h('span', { class: 'source-row__no' }, `文件 ${index + 1}`, cited ? h('span', { class: 'tag tag--ok source-row__cited' }, '引自文档库') : null),
      h(
        'span',
        { class: 'source-row__buttons' },
        cited ? h('button', { type: 'button', class: 'btn btn--small btn--ghost', 'data-action': 'open-source-file', onClick: () => openArchivedFile(source.archiveId) }, '打开文件') : null,
        h(
          'button',
          { type: 'button', class: 'btn btn--small btn--ghost btn--danger-text', 'data-action': 'remove-source', 'aria-label': `删除依据文件 ${index + 1}`, onClick: () => onRemove(index) },
          '删除',
        ),
      ),
    ),
    h(
      'div',
      { class: 'form-row' },
      field('issuer', '发文机关', '如：省国资委党委'),
      field('number', '文号', '如：晋国资党发〔2026〕8号'),
    ),
    field('title', '文件标题', '如：强化基础工作建设专项行动实施方案', true),
  );
}

// The repeatable list. Rows are rebuilt from the current input values on
// every removal, so names and labels always count 0, 1, 2 … without gaps.
function sourceList(initial) {
  const rows = h('div', { class: 'source-rows', 'data-source-rows': true });
  const emptyNote = h('p', { class: 'source-empty muted' }, '尚未添加依据文件。');

  function currentValues() {
    return Array.from(rows.querySelectorAll('[data-source-row]')).map((row) => {
      const get = (name) => row.querySelector(`[name$=".${name}"]`)?.value ?? '';
      const archiveId = get('archiveId');
      return { issuer: get('issuer'), number: get('number'), title: get('title'), archiveId: archiveId ? Number(archiveId) : null };
    });
  }

  function render(list) {
    rows.replaceChildren(...list.map((source, i) => sourceRow(i, source, remove)));
    emptyNote.hidden = list.length > 0;
  }

  function remove(index) {
    const list = currentValues();
    list.splice(index, 1);
    render(list);
    const next = rows.querySelector(`[data-source-row="${Math.min(index, list.length - 1)}"] input`);
    (next ?? addButton).focus();
  }

  const addButton = h(
    'button',
    {
      type: 'button',
      class: 'btn btn--small',
      'data-action': 'add-source',
      onClick: () => {
        const list = currentValues();
        list.push({ ...EMPTY_SOURCE });
        render(list);
        rows.querySelector(`[data-source-row="${list.length - 1}"] input`)?.focus();
      },
    },
    '＋ 添加依据文件',
  );
  // Cite a file registered in 文档管理 (its issuer, number and title follow).
  const pickButton = h(
    'button',
    {
      type: 'button',
      class: 'btn btn--small',
      'data-action': 'pick-archive-source',
      onClick: async () => {
        const list = currentValues();
        const f = await pickArchiveFile({ exclude: list.map((x) => x.archiveId).filter(Boolean) });
        if (!f) return;
        list.push({ issuer: f.issuer, number: f.number, title: f.title, archiveId: f.id });
        render(list);
      },
    },
    '从文档库选择…',
  );

  render(initial);
  return h(
    'fieldset',
    { class: 'field field--group source-list', 'data-field': 'sources' },
    h('legend', { class: 'field__label' }, '依据文件'),
    h('div', { class: 'field__hint' }, '上级部署本计划的文件及其《实施方案》；没有文号的可只填标题。'),
    emptyNote,
    rows,
    h('div', { class: 'source-list__actions' }, addButton, pickButton),
    h('div', { class: 'field-error', 'data-for': 'sources', hidden: true }),
  );
}

function leadUnitChoices(units, plan) {
  const options = unitOptions(units, { keepId: plan ? plan.leadUnitId : null });
  if (plan && plan.leadUnitId !== null && plan.leadUnitId !== undefined && !options.some((o) => o.value === String(plan.leadUnitId))) {
    options.push({ value: String(plan.leadUnitId), label: `${plan.leadUnitName ?? plan.leadUnitId}（已撤销）` });
  }
  return options;
}

// plan: the full Plan (get_plan) when editing, null for a new one.
// onSaved(plan) runs after the core accepted it and the panel closed.
export function openPlanForm({ host, plan = null, units = [], onSaved, onClose = null }) {
  const sources = plan && plan.sources && plan.sources.length > 0 ? plan.sources : [];
  const dateField = (name, label, value, required) => {
    const field = textField({ name, label, value, required, placeholder: '如 2026-03-05', inputmode: 'numeric', maxlength: 12 });
    // 2026/3/5, 2026.3.5 and 2026年3月5日 become 2026-03-05 as soon as the field is left.
    const input = field.querySelector('input');
    input.addEventListener('change', () => {
      const normalized = normalizeDateInput(input.value);
      if (normalized !== input.value) input.value = normalized;
    });
    return field;
  };
  const form = h(
    'form',
    { class: 'form', 'data-form': 'plan' },
    textField({ name: 'title', label: '计划名称', required: true, value: plan?.title, placeholder: '如：漳村煤矿党委强化基础工作建设专项行动', maxlength: 100 }),
    h(
      'div',
      { class: 'form-row' },
      selectField({ name: 'kind', label: '调度类别', required: true, options: PLAN_KINDS, value: plan ? plan.kind : '', empty: '请选择' }),
      selectField({
        name: 'leadUnitId',
        label: '牵头单位',
        options: leadUnitChoices(units, plan),
        value: plan?.leadUnitId,
        empty: '（暂不指定）',
        hint: units.some((u) => !u.retired) ? null : '还没有在用的单位，可先不填',
      }),
    ),
    h('div', { class: 'form-row' }, dateField('start', '开始日期', plan?.start, true), dateField('end', '结束日期', plan?.end ?? '', false)),
    textareaField({ name: 'goal', label: '工作目标', value: plan?.goal, rows: 3, placeholder: '这项工作要达到的目标' }),
    sourceList(sources),
    textareaField({ name: 'note', label: '备注', value: plan?.note, rows: 2 }),
    formError(),
    formActions(plan ? '保存' : '新建计划', { onCancel: closePanel }),
  );

  bindForm(form, {
    validate: validatePlan,
    submit: async (values) => {
      const input = planInputFromValues(values, idFromSelect);
      const saved = plan ? await plansApi.updatePlan({ id: plan.id, ...input }) : await plansApi.createPlan(input);
      closePanel();
      toast(plan ? `已保存计划“${saved.title}”` : `已新建计划“${saved.title}”`, 'success');
      if (onSaved) await onSaved(saved);
    },
  });

  openPanel({ host, name: 'plan', title: plan ? `编辑计划：${plan.title}` : '新建计划', content: form, wide: true, onClose });
  return form;
}

