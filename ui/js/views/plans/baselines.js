// Baselines (基线) of a plan: the list and "save the current dates under a
// name". Used in the plan's detail panel and in the strip above the chart.
//
// Hooks: section[data-section="baselines"] with table[data-table="baselines"],
// button[data-action="save-baseline"], and the name prompt
// dialog[data-dialog="baseline"] > form[data-form="baseline"] (field "name").

import * as plansApi from '../../api/plans.js';
import { h } from '../../components/dom.js';
import { textField, formError } from '../../components/fields.js';
import { bindForm } from '../../components/form.js';
import { toast } from '../../components/toast.js';
import { formatDateTime } from '../../lib/dates.js';
import { chineseDate } from '../../lib/workdays.js';
import { todayIso } from '../../lib/clock.js';

// A name nobody has used for this plan yet: "2026年11月26日基线", then "…基线（2）".
export function suggestBaselineName(existing, today = todayIso()) {
  const base = `${chineseDate(today)}基线`;
  const taken = new Set((existing ?? []).map((b) => b.name));
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) {
    const name = `${base}（${n}）`;
    if (!taken.has(name)) return name;
  }
}

// Asks for the name in a small modal form and saves. Resolves the new
// baseline, or null when cancelled. The core's refusal (a duplicate name)
// shows beside the field and keeps the dialog open.
export function saveBaselineDialog({ plan, existing = [] }) {
  return new Promise((resolve) => {
    let saved = null;
    const form = h(
      'form',
      { class: 'dialog__form', 'data-form': 'baseline' },
      h('h2', { class: 'dialog__title' }, '保存基线'),
      h('p', { class: 'dialog__message' }, `把“${plan.title}”各任务当前的计划日期保存为一条基线，以后在网络推进图中对比实际进度与它的偏差（以工作日计）。`),
      textField({ name: 'name', label: '基线名称', required: true, value: suggestBaselineName(existing), maxlength: 40, hint: '如：计划批准时、第一阶段调整后' }),
      formError(),
      h(
        'div',
        { class: 'form-actions form-actions--end' },
        h('button', { type: 'button', class: 'btn', 'data-action': 'cancel', onClick: () => dialog.close() }, '取消'),
        h('button', { type: 'submit', class: 'btn btn--primary', 'data-action': 'submit' }, '保存基线'),
      ),
    );
    const dialog = h('dialog', { class: 'dialog', 'data-dialog': 'baseline', 'aria-label': '保存基线' }, form);
    bindForm(form, {
      validate: (values) => (String(values.name ?? '').trim() ? {} : { name: '请填写基线名称' }),
      submit: async (values) => {
        saved = await plansApi.saveBaseline({ planId: plan.id, name: String(values.name).trim() });
        toast(`已保存基线“${saved.name}”`, 'success');
        dialog.close();
      },
    });
    dialog.addEventListener('cancel', (event) => {
      if (form.getAttribute('aria-busy') === 'true') event.preventDefault();
    });
    dialog.addEventListener('close', () => {
      dialog.remove();
      resolve(saved);
    });
    document.body.append(dialog);
    dialog.showModal();
    const input = form.querySelector('input[name="name"]');
    input.focus();
    input.select();
  });
}

// The list of a plan's baselines with the save button (editors only).
// Returns {element, load()}; onChange(list) runs after every (re)load,
// onSaved(baseline) after the user saved one here.
export function baselineSection({ plan, editable, onChange = null, onSaved = null }) {
  let baselines = [];
  const body = h('div', { class: 'baseline-list' }, h('p', { class: 'muted' }, '正在加载…'));
  const saveButton =
    editable && !plan.archived
      ? h(
          'button',
          {
            type: 'button',
            class: 'btn btn--small',
            'data-action': 'save-baseline',
            onClick: async () => {
              const saved = await saveBaselineDialog({ plan, existing: baselines });
              if (!saved) return;
              await load();
              if (onSaved) onSaved(saved);
            },
          },
          '保存基线',
        )
      : null;

  function render() {
    if (baselines.length === 0) {
      body.replaceChildren(
        h('p', { class: 'baseline-empty' }, '还没有基线。保存基线会记下各任务当前的计划日期，计划调整后可在网络推进图中对比偏差。'),
      );
      return;
    }
    body.replaceChildren(
      h(
        'table',
        { class: 'grid grid--compact', 'data-table': 'baselines' },
        h('thead', null, h('tr', null, h('th', { scope: 'col' }, '基线名称'), h('th', { scope: 'col' }, '保存时间'))),
        h(
          'tbody',
          null,
          baselines.map((b) => h('tr', { 'data-id': b.id }, h('td', null, b.name), h('td', { class: 'num nowrap' }, formatDateTime(b.createdAt)))),
        ),
      ),
    );
  }

  async function load() {
    try {
      baselines = await plansApi.listBaselines({ planId: plan.id });
      render();
      if (onChange) onChange(baselines);
    } catch (error) {
      body.replaceChildren(h('p', { class: 'form-error', role: 'alert' }, `基线未能加载：${error.message}`));
    }
    return baselines;
  }

  const element = h(
    'section',
    { class: 'plan-detail__section', 'data-section': 'baselines' },
    h('div', { class: 'plan-detail__section-head' }, h('h3', { class: 'subheading' }, '基线'), saveButton),
    body,
  );
  return { element, load, list: () => baselines };
}
