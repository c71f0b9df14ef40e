// A plan's details in the side panel (aside[data-panel="plan-detail"]): what
// it is, where it comes from, its counts, its baselines, and the way to the
// network chart.

import * as plansApi from '../../api/plans.js';
import { h } from '../../components/dom.js';
import { openPanel } from '../../components/panel.js';
import { formatDate, formatDateTime } from '../../lib/dates.js';
import { openArchivedFile } from '../registers/archive.js';
import { planState, finishesLate, sourceLabel } from '../../lib/plans.js';
import { baselineSection } from './baselines.js';

function item(label, value, key) {
  return [h('dt', null, label), h('dd', { 'data-detail': key }, value === '' || value === null || value === undefined ? h('span', { class: 'muted' }, '—') : value)];
}

export function dateRange(start, end) {
  if (!start) return '';
  return end ? `${formatDate(start)} 至 ${formatDate(end)}` : `${formatDate(start)} 起`;
}

export function stateTag(plan, today) {
  const state = planState(plan, today);
  return h('span', { class: ['tag', `plan-state--${state.key}`], 'data-state': state.key }, state.label);
}

// summary: the list row (PlanSummary); the full Plan is fetched for the sources.
// handlers: {open, edit, archive, restore} — each (plan) → void; open is null
// when the panel is opened over the chart itself.
// onBaselineSaved(baseline): after a baseline was saved from the panel.
export function openPlanDetail({ host, summary, editable, today, handlers, onClose = null, onBaselineSaved = null }) {
  const body = h('div', { class: 'plan-detail' }, h('p', { class: 'muted' }, '正在加载…'));
  openPanel({ host, name: 'plan-detail', title: summary.title, content: body, wide: true, onClose });

  const render = (plan, baselines) => {
    const merged = { ...summary, ...plan };
    const buttons = [
      handlers.open ? h('button', { type: 'button', class: 'btn btn--primary', 'data-action': 'open-plan', onClick: () => handlers.open(merged) }, '打开网络推进图') : null,
      editable && !merged.archived ? h('button', { type: 'button', class: 'btn', 'data-action': 'edit-plan', onClick: () => handlers.edit(merged) }, '编辑') : null,
      editable && !merged.archived
        ? h('button', { type: 'button', class: 'btn btn--danger-text', 'data-action': 'archive-plan', onClick: () => handlers.archive(merged) }, '归档')
        : null,
      editable && merged.archived ? h('button', { type: 'button', class: 'btn', 'data-action': 'restore-plan', onClick: () => handlers.restore(merged) }, '恢复') : null,
    ];
    const late = finishesLate(merged);
    const finish = merged.finish
      ? h('span', { class: late ? 'plan-late' : null }, formatDate(merged.finish), late ? '（晚于计划结束日期）' : '')
      : '';
    const counts =
      merged.taskCount > 0
        ? `共 ${merged.taskCount} 项，已完成 ${merged.doneCount ?? 0} 项${merged.overdueCount ? `，逾期 ${merged.overdueCount} 项` : ''}`
        : '尚未编制任务';
    const sources =
      merged.sources && merged.sources.length > 0
        ? h(
            'ol',
            { class: 'source-view' },
            merged.sources.map((s) =>
              h(
                'li',
                { 'data-source-archive': s.archiveId ? String(s.archiveId) : null },
                sourceLabel(s),
                s.archiveId ? h('button', { type: 'button', class: 'btn btn--link', 'data-action': 'open-source-file', onClick: () => openArchivedFile(s.archiveId) }, ' 打开文件') : null,
              ),
            ),
          )
        : '';
    body.replaceChildren(
      h('div', { class: 'plan-detail__actions' }, buttons),
      h(
        'dl',
        { class: 'detail-list detail-list--wide' },
        item('状态', stateTag(merged, today), 'state'),
        item('调度类别', merged.kindLabel, 'kind'),
        item('牵头单位', merged.leadUnitName ?? '', 'leadUnit'),
        item('计划起止', dateRange(merged.start, merged.end), 'dates'),
        item('预计完成', finish, 'finish'),
        item('任务', counts, 'counts'),
        item('工作目标', merged.goal ? h('span', { class: 'pre-line' }, merged.goal) : '', 'goal'),
        item('依据文件', sources, 'sources'),
        item('备注', merged.note ? h('span', { class: 'pre-line' }, merged.note) : '', 'note'),
        merged.archived ? item('归档原因', merged.archivedReason ?? '', 'archivedReason') : null,
        item('建立时间', formatDateTime(merged.createdAt), 'createdAt'),
      ),
      baselines.element,
    );
  };

  (async () => {
    try {
      const plan = await plansApi.getPlan({ id: summary.id });
      const baselines = baselineSection({ plan: { ...summary, ...plan }, editable, onSaved: onBaselineSaved });
      if (!body.isConnected) return;
      render(plan, baselines);
      // The panel opened while loading, with focus on its close button: move it to the main action.
      const closeButton = document.querySelector('[data-panel="plan-detail"] [data-action="close-panel"]');
      if (document.activeElement === closeButton) body.querySelector('.plan-detail__actions .btn')?.focus();
      await baselines.load();
    } catch (error) {
      if (body.isConnected) body.replaceChildren(h('div', { class: 'load-error', role: 'alert' }, h('div', { class: 'load-error__title' }, '计划未能加载'), h('p', null, error.message)));
    }
  })();
}
