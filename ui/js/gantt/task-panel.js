// The side panel of one task: every field of the task, its computed dates,
// and its predecessors (type and lag editable, add and delete) and
// successors. Every change is an undoable edit through the chart page.

import { h } from '../components/dom.js';
import { textField, textareaField, selectField, checkboxField, checkboxGroup, formError, formActions } from '../components/fields.js';
import { bindForm, clearErrors, showErrors, setFieldError } from '../components/form.js';
import { openPanel, closePanel } from '../components/panel.js';
import { toast } from '../components/toast.js';
import { STATUS_OPTIONS, STATUS_LABELS } from './filters.js';
import { updateTaskEdit, createLinkEdit, deleteLinkEdit, updateLinkEdit, resumeTaskEdit } from './edits.js';
import { confirmCancelTask } from './removal.js';
import { readTaskForm, readLag, findTaskByOutline, LINK_KIND_OPTIONS, LINK_KIND_LABELS } from './task-form.js';
import { loopSections } from '../views/loop/section.js';
import { grants } from '../state.js';
import { NO_GRANTS } from '../lib/permissions.js';
import { supervisionSection } from '../views/supervision/target-section.js';
import { taskDocsSection } from '../views/loop/task-docs.js';
import { personOptions } from './columns.js';

// onMakeNotice(taskId), when given, offers 生成通知单 for the task (or stage).
// onLoopChanged(): the chart is fetched again after a feedback or a
// close-out changed the task (status, progress, actual dates).
export function openTaskPanel({ host, taskId, getChart, editable, units = [], people = [], onEdit, onSelectTask, onMakeNotice = null, onLoopChanged = null, onOpenLinked = null }) {
  const body = h('div', { class: 'task-panel' });
  let panel = null;

  const findTask = () => getChart().tasks.find((t) => t.id === taskId);
  // Feedback, close-out and the timeline belong to a piece of work, not to
  // a stage that only sums its tasks up; the section stays across re-renders.
  const first = findTask();
  const isWork = first && first.kind === 'task' && !getChart().tasks.some((t) => t.parentId === taskId);
  const loop = isWork
    ? loopSections({
        targetKind: 'task',
        targetId: taskId,
        grants: editable ? grants() : NO_GRANTS,
        onOpen: onOpenLinked,
        openable: ['document', 'rectification', 'meeting', 'visit'],
        onChanged: async () => {
          if (onLoopChanged) await onLoopChanged();
          render();
        },
      })
    : null;

  async function run(entry, form = null) {
    if (!entry) return;
    try {
      await onEdit(entry);
      render();
    } catch (error) {
      if (form && error.field && setFieldError(form, error.field, error.message)) return;
      toast(error.message ?? String(error), 'error');
    }
  }

  function render() {
    const chart = getChart();
    const task = findTask();
    if (!task) {
      closePanel();
      return;
    }
    const summary = task.kind === 'stage' || chart.tasks.some((t) => t.parentId === task.id);
    const byId = new Map(chart.tasks.map((t) => [t.id, t]));
    const label = (t) => (t ? `${t.outline} ${t.name}` : '（已删除）');

    // ---- the form ----
    const unitOptions = units.some((u) => u.value === String(task.leadUnitId)) || task.leadUnitId === null
      ? units
      : [{ value: String(task.leadUnitId), label: task.leadUnitName }, ...units];
    // 责任人: a person of the responsible unit (from the people register);
    // the list follows the unit chosen above it.
    const personOf = (unitId) => {
      const options = personOptions(people, unitId);
      const current = task.personId === null || task.personId === undefined ? '' : String(task.personId);
      return String(unitId) === String(task.leadUnitId) && current && !options.some((o) => o.value === current)
        ? [{ value: current, label: task.personName ?? current }, ...options]
        : options;
    };
    const personSelect = selectField({ name: 'personId', label: '责任人', options: personOf(task.leadUnitId), value: task.personId === null || task.personId === undefined ? '' : String(task.personId), empty: '（未指定）' });
    const coopOptions = [
      ...units.filter((u) => u.value !== String(task.leadUnitId)),
      ...(task.cooperatingUnitIds ?? [])
        .map((id, i) => ({ value: String(id), label: task.cooperatingUnitNames?.[i] ?? String(id) }))
        .filter((o) => !units.some((u) => u.value === o.value)),
    ];
    const form = h(
      'form',
      { class: 'form form--panel', 'data-form': 'task' },
      textField({ name: 'name', label: summary && task.kind === 'stage' ? '阶段名称' : '任务名称', required: true, value: task.name, readonly: !editable }),
      textareaField({ name: 'goal', label: '工作目标', value: task.goal, rows: 2 }),
      textareaField({ name: 'content', label: '主要任务', value: task.content, rows: 3 }),
      h(
        'div',
        { class: 'form-row' },
        selectField({ name: 'leadUnitId', label: '责任单位', options: unitOptions, value: task.leadUnitId === null ? '' : String(task.leadUnitId), empty: '（未指定）' }),
        personSelect,
      ),
      checkboxGroup({
        name: 'cooperatingUnitIds',
        label: '配合单位',
        options: coopOptions,
        values: (task.cooperatingUnitIds ?? []).map(String),
        hint: '协助责任单位完成这项任务的单位（可多选）',
      }),
      h(
        'div',
        { class: 'form-row' },
        summary ? null : textField({ name: 'start', label: '计划开始', value: task.start ?? '', placeholder: 'YYYY-MM-DD', hint: '不填则按前置关系和计划开始日期排' }),
        summary ? null : textField({ name: 'duration', label: '工期（工作日）', value: String(task.duration ?? 0), inputmode: 'numeric' }),
        textField({ name: 'deadline', label: '完成时限', value: task.deadline ?? '', placeholder: 'YYYY-MM-DD' }),
      ),
      summary ? null : checkboxField({ name: 'milestone', label: '里程碑（工期为0的节点）', checked: Boolean(task.milestone) }),
      h(
        'div',
        { class: 'form-row' },
        textField({ name: 'progress', label: '进度（%）', value: String(Math.round(task.progress ?? 0)), inputmode: 'numeric' }),
        // 已撤销 is shown, not chosen: it is set and lifted with the buttons above.
        selectField({ name: 'status', label: '状态', options: task.status === 'cancelled' ? [...STATUS_OPTIONS, { value: 'cancelled', label: STATUS_LABELS.cancelled }] : STATUS_OPTIONS, value: task.status }),
      ),
      h(
        'div',
        { class: 'form-row' },
        textField({ name: 'actualStart', label: '实际开始', value: task.actualStart ?? '', placeholder: 'YYYY-MM-DD' }),
        textField({ name: 'actualFinish', label: '实际完成', value: task.actualFinish ?? '', placeholder: 'YYYY-MM-DD' }),
      ),
      formError(),
      editable ? formActions('保存', { onCancel: closePanel }) : null,
    );
    if (!editable) for (const el of form.elements) el.disabled = true;
    // A new unit: its people to choose from, and it is no 配合单位 of itself.
    form.elements.leadUnitId?.addEventListener('change', () => {
      const unit = form.elements.leadUnitId.value;
      const select = form.elements.personId;
      const keep = select.value;
      select.replaceChildren(h('option', { value: '' }, '（未指定）'), ...personOf(unit).map((o) => h('option', { value: o.value }, o.label)));
      select.value = personOf(unit).some((o) => o.value === keep) ? keep : '';
      for (const box of form.querySelectorAll('input[name="cooperatingUnitIds"]')) {
        const self = box.value === unit;
        box.disabled = self || !editable;
        if (self) box.checked = false;
      }
    });
    bindForm(form, {
      validate: (values) => {
        const { errors } = readTaskForm(values, { summary });
        return errors;
      },
      submit: async (values) => {
        const { patch } = readTaskForm(values, { summary });
        const entry = updateTaskEdit(getChart(), task.id, patch);
        if (!entry) {
          toast('没有修改');
          return;
        }
        await onEdit(entry);
        toast(`已保存“${patch.name}”`, 'success');
        loop?.reload();
        render();
      },
    });

    // ---- computed dates ----
    const dl = (pairs) => h('dl', { class: 'detail-list detail-list--wide' }, pairs.filter(([, v]) => v !== null && v !== undefined && v !== '').flatMap(([k, v]) => [h('dt', null, k), h('dd', { class: 'num' }, v)]));
    const schedule = dl([
      ['最早开始', task.earlyStart],
      ['最早完成', task.earlyFinish],
      ['最迟开始', task.lateStart],
      ['最迟完成', task.lateFinish],
      ['总时差', task.totalFloat === null || task.totalFloat === undefined ? '' : `${task.totalFloat} 个工作日${task.critical ? '（关键任务）' : ''}`],
      ['自由时差', task.freeFloat === null || task.freeFloat === undefined ? '' : `${task.freeFloat} 个工作日`],
      ['按期完成', task.cannotMeetDeadline ? '按现计划不能在完成时限前完成' : task.deadline ? '可以' : ''],
      ['基线偏差', task.baselineVariance === null || task.baselineVariance === undefined ? '' : `${task.baselineVariance > 0 ? '+' : ''}${task.baselineVariance} 个工作日`],
    ]);

    // ---- links ----
    const preds = chart.links.filter((l) => l.succId === task.id);
    const succs = chart.links.filter((l) => l.predId === task.id);
    const linkRow = (link, other) => {
      const kind = h('select', { class: 'input input--select input--compact', 'aria-label': '关系类型', disabled: !editable, value: link.kind }, LINK_KIND_OPTIONS.map((o) => h('option', { value: o.value }, o.label)));
      const lag = h('input', { class: 'input input--compact link-lag num', value: String(link.lag ?? 0), 'aria-label': '间隔（工作日）', title: '间隔（工作日），负数表示提前', disabled: !editable, inputmode: 'numeric' });
      const save = () => {
        const parsed = readLag(lag.value);
        if (parsed.error) {
          toast(parsed.error, 'error');
          lag.focus();
          return;
        }
        run(updateLinkEdit(getChart(), link.id, { kind: kind.value, lag: parsed.value }));
      };
      kind.addEventListener('change', save);
      lag.addEventListener('change', save);
      return h(
        'li',
        { class: 'link-row', 'data-link-id': String(link.id) },
        h('button', { type: 'button', class: 'btn btn--link link-row__task', title: '在图中定位', onClick: () => onSelectTask(other.id) }, label(other)),
        kind,
        lag,
        h('span', { class: 'link-row__unit' }, '天'),
        editable ? h('button', { type: 'button', class: 'btn btn--small btn--danger-text', 'data-action': 'delete-link', onClick: () => run(deleteLinkEdit(getChart(), link.id)) }, '删除') : null,
      );
    };

    const addOutline = h('input', { class: 'input input--compact', name: 'pred', placeholder: '前置任务编号，如 1.2', 'aria-label': '前置任务编号' });
    const addKind = h('select', { class: 'input input--select input--compact', name: 'kind', 'aria-label': '关系类型' }, LINK_KIND_OPTIONS.map((o) => h('option', { value: o.value }, o.label)));
    const addLag = h('input', { class: 'input input--compact link-lag num', name: 'lag', value: '0', 'aria-label': '间隔（工作日）', inputmode: 'numeric' });
    const addForm = h(
      'form',
      { class: 'link-add', 'data-form': 'add-link' },
      addOutline,
      addKind,
      addLag,
      h('span', { class: 'link-row__unit' }, '天'),
      h('button', { type: 'submit', class: 'btn btn--small', 'data-action': 'add-link' }, '添加'),
      h('div', { class: 'field-error', 'data-for': 'pred', hidden: true }),
    );
    addForm.addEventListener('submit', async (event) => {
      event.preventDefault();
      clearErrors(addForm);
      const pred = findTaskByOutline(getChart().tasks, addOutline.value);
      const lag = readLag(addLag.value);
      if (!pred) return showErrors(addForm, { pred: '没有这个编号的任务' });
      if (pred.id === task.id) return showErrors(addForm, { pred: '任务不能以自己为前置任务' });
      if (lag.error) return showErrors(addForm, { pred: lag.error });
      try {
        await onEdit(createLinkEdit(getChart(), { predId: pred.id, succId: task.id, kind: addKind.value, lag: lag.value }));
        render();
      } catch (error) {
        showErrors(addForm, { pred: error.message ?? String(error) });
      }
    });

    body.replaceChildren(
      h(
        'div',
        { class: 'task-panel__meta' },
        h('span', { class: 'tag tag--kind' }, task.kind === 'stage' ? '阶段' : task.milestone ? '里程碑' : '任务'),
        h('span', { class: 'num' }, `编号 ${task.outline}`),
        task.personName ? h('span', null, `责任人：${task.personName}`) : null,
        task.status === 'cancelled' ? h('span', { class: 'tag tag--cancelled', 'data-cancelled': true }, '已撤销') : null,
        onMakeNotice
          ? h('button', { type: 'button', class: 'btn btn--small task-panel__notice', 'data-action': 'task-notice', title: task.kind === 'stage' ? '为本阶段的任务按责任单位生成通知单' : '为这项任务生成通知单', onClick: () => onMakeNotice(task.id) }, '生成通知单…')
          : null,
        // 撤销 keeps the task and its records (a task others refer to is
        // not deleted); 恢复 gives back the status it had.
        editable && task.status === 'cancelled'
          ? h('button', { type: 'button', class: 'btn btn--small', 'data-action': 'resume-task', title: '恢复为撤销前的状态', onClick: () => run(resumeTaskEdit(getChart(), task.id)) }, '恢复任务')
          : null,
        editable && task.status !== 'cancelled' && task.status !== 'closed'
          ? h('button', { type: 'button', class: 'btn btn--small', 'data-action': 'cancel-task', title: '任务保留并标为已撤销，记录都留存', onClick: async () => { if (await confirmCancelTask({ chart: getChart(), task, run: onEdit })) render(); } }, '撤销任务…')
          : null,
      ),
      form,
      h('h3', { class: 'subheading' }, '计划时间（按前置关系和工作日历计算）'),
      schedule,
      summary
        ? h('p', { class: 'muted task-panel__note' }, '阶段和含子任务的任务按其下任务排期；前置关系建在具体任务之间。')
        : h(
          'div',
          null,
          h('h3', { class: 'subheading' }, `前置任务（${preds.length}）`),
          preds.length ? h('ul', { class: 'link-list', 'data-links': 'pred' }, preds.map((l) => linkRow(l, byId.get(l.predId)))) : h('p', { class: 'muted' }, '没有前置任务。'),
          editable ? addForm : null,
          h('h3', { class: 'subheading' }, `后续任务（${succs.length}）`),
          succs.length
            ? h('ul', { class: 'link-list', 'data-links': 'succ' }, succs.map((l) => h('li', { class: 'link-row' }, h('button', { type: 'button', class: 'btn btn--link link-row__task', onClick: () => onSelectTask(l.succId) }, label(byId.get(l.succId))), h('span', { class: 'muted' }, `${LINK_KIND_LABELS[l.kind] ?? l.kind}${l.lag ? `，间隔 ${l.lag} 天` : ''}`))))
            : h('p', { class: 'muted' }, '没有后续任务。'),
        ),
      // The notices and orders that carry it.
      summary ? null : taskDocsSection({ taskId: task.id, onOpen: onOpenLinked }),
      loop ? loop.element : null,
      // The task's light, nodes, supervision records and reminders.
      summary ? null : supervisionSection({ targetKind: 'task', targetId: task.id, editable }),
    );
  }

  render();
  const task = findTask();
  panel = openPanel({ host, name: 'task', title: task ? `${task.outline} ${task.name}` : '任务', content: body, wide: true });
  return panel;
}
