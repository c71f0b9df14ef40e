// 生成通知单 / 生成调度令 from the plan's tasks (the article's "一个通知" and
// "一个调度令"): pick tasks or whole stages; for notices the 调度方式 and the
// feedback requirement, for orders the urgency, the periodic feedback and its
// forms (文字、图片、视频); the core makes one draft per responsible unit,
// listing (and carrying) that unit's tasks, goals and deadlines. The dialog
// says beforehand which units get one, then lists the drafts made, with the
// way to the documents page (where they come pre-selected).
//
// Hooks: dialog[data-dialog="notices-from-tasks" | "orders-from-tasks"] >
// form[data-form=same] (notices: method, feedbackRequirement; orders: urgency,
// feedbackMode, feedbackEvery, feedbackWeekday, feedbackForms, requirements),
// input[data-task-pick="ID"] per task or stage, button[data-action="pick-all" |
// "pick-none"], [data-notice-preview] (data-count = papers to be made);
// afterwards [data-notices-created] / [data-orders-created] with li[data-doc-id]
// and button[data-action="open-created-notices" | "close-notices"].

import * as chartApi from '../../api/chart.js';
import * as docsApi from '../../api/docs.js';
import { h } from '../../components/dom.js';
import { selectField, textareaField, formError } from '../../components/fields.js';
import { bindForm } from '../../components/form.js';
import { toast, toastError } from '../../components/toast.js';
import { METHODS, URGENCIES, formValuesFromDoc, docInputFromValues, feedbackErrorField } from '../documents/model.js';
import { feedbackField } from '../documents/form.js';
import { setFieldError } from '../../components/form.js';
import { noticeGroups, stageState, tasksUnder, initialSelection } from '../../lib/notice-tasks.js';

// 生成调度令: the same dialog for orders.
export const ordersFromTasksDialog = (options) => noticesFromTasksDialog({ ...options, kind: 'order' });

// selectedId: the task or stage selected in the chart (pre-selected here);
// selectedIds: every task selected in the chart (for orders).
// onOpenDocuments(ids): show the drafts on the documents page.
export async function noticesFromTasksDialog({ planId, selectedId = null, selectedIds = [], onOpenDocuments = null, kind = 'notice' }) {
  const order = kind === 'order';
  const paper = order ? '调度令' : '通知单';
  let chart;
  try {
    chart = await chartApi.getChart({ planId });
  } catch (error) {
    toastError(error);
    return null;
  }
  const tasks = chart.tasks ?? [];
  if (!tasks.some((t) => t.kind === 'task')) {
    toast('这个计划还没有具体任务，先在网络推进图中分解任务', 'error');
    return null;
  }
  const picked = initialSelection(tasks, selectedId);
  for (const id of selectedIds) for (const task of tasksUnder(tasks, id)) picked.add(task.id);

  return new Promise((resolve) => {
    let created = null;
    const list = h('div', { class: 'notice-tasks', role: 'group', 'aria-label': '选择任务' });
    const preview = h('div', { class: 'notice-tasks__preview', 'data-notice-preview': true, 'aria-live': 'polite' });
    const submitButton = h('button', { type: 'submit', class: 'btn btn--primary', 'data-action': 'submit' }, `生成${paper}`);

    function render() {
      list.replaceChildren(
        ...tasks.map((t) => {
          const stage = t.kind === 'stage';
          const state = stage ? stageState(tasks, t.id, picked) : picked.has(t.id) ? 'all' : 'none';
          const box = h('input', {
            type: 'checkbox',
            class: 'checkbox',
            'data-task-pick': t.id,
            checked: state === 'all',
            disabled: stage && tasksUnder(tasks, t.id).length === 0,
            'aria-label': `${t.outline} ${t.name}`,
            onChange: (event) => {
              for (const task of tasksUnder(tasks, t.id)) {
                if (event.target.checked) picked.add(task.id);
                else picked.delete(task.id);
              }
              render();
            },
          });
          box.indeterminate = state === 'some';
          const noUnit = !stage && (t.leadUnitId === null || t.leadUnitId === undefined);
          return h(
            'label',
            { class: ['notice-task', stage && 'notice-task--stage', `notice-task--depth-${Math.min(t.depth ?? 0, 6)}`] },
            box,
            h('span', { class: 'notice-task__outline num' }, t.outline),
            h('span', { class: 'notice-task__name' }, t.name),
            stage ? h('span', { class: 'notice-task__unit' }) : h('span', { class: ['notice-task__unit', noUnit && 'notice-task__unit--missing'] }, noUnit ? '无责任单位' : t.leadUnitName),
            h('span', { class: 'notice-task__deadline num' }, t.deadline ? `时限 ${t.deadline}` : ''),
          );
        }),
      );
      const { groups, missingUnit } = noticeGroups(tasks, [...picked]);
      preview.dataset.count = String(groups.length);
      preview.replaceChildren(
        groups.length === 0 && missingUnit.length === 0
          ? h('span', { class: 'muted' }, '请勾选任务或整个阶段。')
          : h(
              'div',
              null,
              groups.length ? h('div', null, `将为 ${groups.length} 个责任单位各生成 1 份${paper}草稿：`, groups.map((g) => `${g.unitName}（${g.tasks.length}项）`).join('、')) : null,
              missingUnit.length ? h('div', { class: 'doc-warn notice-tasks__warn' }, `以下任务没有责任单位，请先在网络推进图中指定或取消勾选：${missingUnit.map((t) => `${t.outline} ${t.name}`).join('、')}`) : null,
            ),
      );
      submitButton.disabled = groups.length === 0 || missingUnit.length > 0;
    }

    function pickAll(all) {
      picked.clear();
      if (all) for (const t of tasks) if (t.kind === 'task') picked.add(t.id);
      render();
    }

    const name = `${kind}s-from-tasks`;
    const fields = order
      ? [
          h('div', { class: 'form-row' }, selectField({ name: 'urgency', label: '紧急程度', required: true, options: URGENCIES, value: 'expedited' })),
          feedbackField({ ...formValuesFromDoc(null, { kind: 'order' }), feedbackMode: 'every_n_days', feedbackForms: ['text', 'image'] }, 'order'),
          textareaField({ name: 'requirements', label: '工作要求', rows: 2, placeholder: '如：主要负责人亲自部署，按时间节点以文字和现场照片反馈，完成后报送佐证材料' }),
        ]
      : [
          h('div', { class: 'form-row' }, selectField({ name: 'method', label: '调度方式', required: true, options: METHODS, value: 'written' })),
          textareaField({ name: 'feedbackRequirement', label: '反馈要求', rows: 2, placeholder: '如：每周五前以书面形式向党建调度室反馈进展，完成后报送佐证材料' }),
        ];
    const form = h(
      'form',
      { class: 'dialog__form', 'data-form': name },
      h('h2', { class: 'dialog__title' }, `生成${paper}`),
      h(
        'p',
        { class: 'dialog__message' },
        order
          ? '勾选要下达调度令的任务（勾选阶段即选中其下全部任务）。每个责任单位生成一份调度令草稿，载明该单位的任务和完成时限，要求按期以文字、图片或视频反馈；其反馈、督办和闭合随之推进这些任务的状态。'
          : '勾选要下达的任务（勾选阶段即选中其下全部任务）。每个责任单位生成一份通知单草稿，列明该单位的任务、工作目标和完成时限，签发后即可打印下发。',
      ),
      h(
        'div',
        { class: 'notice-tasks__bar' },
        h('button', { type: 'button', class: 'btn btn--small', 'data-action': 'pick-all', onClick: () => pickAll(true) }, '全选'),
        h('button', { type: 'button', class: 'btn btn--small', 'data-action': 'pick-none', onClick: () => pickAll(false) }, '全不选'),
      ),
      list,
      h('div', { class: 'field-error', 'data-for': 'taskIds', hidden: true }),
      preview,
      ...fields,
      formError(),
      h('div', { class: 'form-actions form-actions--end' }, h('button', { type: 'button', class: 'btn', 'data-action': 'cancel', onClick: () => dialog.close() }, '取消'), submitButton),
    );

    function showCreated(docs) {
      const view = h(
        'div',
        { class: 'dialog__form notice-created', [order ? 'data-orders-created' : 'data-notices-created']: String(docs.length) },
        h('h2', { class: 'dialog__title' }, `已生成 ${docs.length} 份${paper}草稿`),
        h('p', { class: 'dialog__message' }, '草稿可在“通知单与调度令”中修改，由签发人签发后打印下发；签发时自动编排文号。'),
        h(
          'ul',
          { class: 'notice-created__list' },
          docs.map((d) => h('li', { 'data-doc-id': d.id }, h('span', { class: 'col-strong' }, d.targetUnitName), h('span', { class: 'muted' }, `${d.taskIds.length} 项任务${d.deadline ? `，完成时限 ${d.deadline}` : ''}`))),
        ),
        h(
          'div',
          { class: 'form-actions form-actions--end' },
          h('button', { type: 'button', class: 'btn', 'data-action': 'close-notices', onClick: () => dialog.close() }, '关闭'),
          onOpenDocuments
            ? h(
                'button',
                {
                  type: 'button',
                  class: 'btn btn--primary',
                  'data-action': 'open-created-notices',
                  onClick: () => {
                    dialog.close();
                    onOpenDocuments(docs.map((d) => d.id));
                  },
                },
                '到通知单与调度令查看',
              )
            : null,
        ),
      );
      form.replaceWith(view);
      view.querySelector('button[data-action="open-created-notices"], button[data-action="close-notices"]').focus();
    }

    bindForm(form, {
      validate: (values) => {
        const { groups, missingUnit } = noticeGroups(tasks, [...picked]);
        if (groups.length === 0 && missingUnit.length === 0) return { taskIds: '请至少勾选一项任务' };
        if (missingUnit.length) return { taskIds: `任务“${missingUnit[0].name}”没有责任单位，无法生成${paper}` };
        if (order && (values.feedbackMode ?? 'none') !== 'none' && !(values.feedbackForms ?? []).length) return { feedbackForms: '请选择反馈形式：文字、图片或视频' };
        return {};
      },
      submit: async (values) => {
        let docs;
        if (order) {
          const { feedbackRule } = docInputFromValues(values, 'order');
          try {
            docs = await docsApi.ordersFromTasks({ taskIds: [...picked], urgency: values.urgency, requirements: String(values.requirements ?? '').trim(), feedbackRule });
          } catch (error) {
            // The core names the whole rule; show it beside the part it is about.
            if (error?.field === 'feedbackRule' && setFieldError(form, feedbackErrorField(error.message, values.feedbackMode), error.message)) return;
            throw error;
          }
        } else {
          docs = await docsApi.noticesFromTasks({
            taskIds: [...picked],
            method: values.method,
            feedbackRequirement: String(values.feedbackRequirement ?? '').trim(),
          });
        }
        created = docs;
        toast(`已生成 ${docs.length} 份${paper}草稿`, 'success');
        showCreated(docs);
      },
    });

    const dialog = h('dialog', { class: 'dialog dialog--notices', 'data-dialog': name, 'aria-label': `生成${paper}` }, form);
    dialog.addEventListener('cancel', (event) => {
      if (form.getAttribute('aria-busy') === 'true') event.preventDefault();
    });
    dialog.addEventListener('close', () => {
      dialog.remove();
      resolve(created);
    });
    render();
    document.body.append(dialog);
    dialog.showModal();
    // Start at the chart's selection.
    const first = list.querySelector('input:checked') ?? list.querySelector('input');
    if (first) {
      first.focus();
      first.scrollIntoView({ block: 'center' });
    }
  });
}
