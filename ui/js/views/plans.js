// 计划与网络图: the plans (专项行动、工作计划) with their network progress
// charts. The list page shows every plan with its counts; a row opens the
// plan's details in the side panel, and "打开" shows the chart page (the
// chart itself comes from views/chart.js, see plans/chart-page.js).
//
// Hooks: table[data-table="plans"], select[name="kindFilter"],
// select[name="statusFilter"], button[data-action="new-plan"] (top bar and
// empty state), form[data-form="plan"] (plans/form.js), row actions
// button[data-action="open-plan" | "edit-plan" | "archive-plan" | "restore-plan"],
// aside[data-panel="plan-detail"] (plans/detail.js), the chart page
// div[data-view="plan-chart"] (plans/chart-page.js).

import * as api from '../api/index.js';
import * as plansApi from '../api/plans.js';
import { h } from '../components/dom.js';
import { createTable, emptyState } from '../components/table.js';
import { closePanel } from '../components/panel.js';
import { confirmDialog } from '../components/dialog.js';
import { toast, toastError } from '../components/toast.js';
import { formatDate } from '../lib/dates.js';
import { PLAN_KINDS, PLAN_STATUS_FILTERS, planState, planStateOrder, finishesLate } from '../lib/plans.js';
import { todayIso } from '../lib/clock.js';
import { can } from '../state.js';
import { actionButton, toolbarSelect, loadFailed } from './common.js';
import { openPlanForm } from './plans/form.js';
import { openPlanDetail, stateTag } from './plans/detail.js';
import { chartPage } from './plans/chart-page.js';
import { showDocumentsOnOpen } from './documents.js';
import { openRectificationPage } from './rectifications.js';
import { openMeetingPage } from './meetings.js';
import { checkPickedSize, MAX_PLAN_MB } from '../lib/picked.js';
import { openVisitPage } from './registers/visits.js';

const KIND_ORDER = { key: 0, special: 1, daily: 2 };

// Plans are edited by the same roles that edit the organization (docs/ipc-plans.md).
const canEditPlans = () => can.editOrganization();

function countCell(value, { warn = false } = {}) {
  const n = Number(value ?? 0);
  if (warn && n > 0) return h('span', { class: 'tag plan-overdue', title: `${n} 项任务已过完成时限` }, String(n));
  return h('span', { class: n === 0 ? 'muted' : null }, String(n));
}

// A plan another page asked to open (the dashboard, the reminder list).
let pendingPlanId = null;

/** Opens the plan's network chart the next time the page opens. */
export function openPlanLater(id) {
  pendingPlanId = id;
}

export const plansPage = {
  id: 'plans',
  title: '计划与网络图',
  description: '专项行动和工作计划：任务、责任单位、完成时限和网络推进图',
  render(ctx) {
    const editable = canEditPlans();
    const today = todayIso();
    let plans = [];
    let units = [];
    let status = 'active';
    let kindFilter = '';
    let chart = null;

    const listView = h('div', { class: 'plans-list' });
    const banner = h('div', { class: 'page-banner' });

    async function loadUnits() {
      try {
        units = await api.listUnits({ includeRetired: false });
      } catch (error) {
        units = [];
        toastError(error);
      }
      return units;
    }

    async function openForm(summary = null) {
      let plan = null;
      try {
        if (summary) plan = await plansApi.getPlan({ id: summary.id });
        await loadUnits();
      } catch (error) {
        toastError(error);
        return;
      }
      openPlanForm({
        host: ctx.panelHost,
        plan,
        units,
        onClose: () => table.clearSelection(),
        onSaved: async (saved) => {
          await load();
          table.select(saved.id);
          // Edited from the chart page: show the chart again with the new facts.
          if (chart && chart.planId === saved.id) openChart(plans.find((p) => p.id === saved.id) ?? { ...summary, ...saved });
        },
      });
      if (summary) table.select(summary.id);
    }

    function archive(plan) {
      return confirmDialog({
        title: '归档计划',
        message: `确定归档“${plan.title}”吗？`,
        details: '归档后计划不再出现在在用计划中，也不能再修改；任务、网络推进图、基线和审计日志全部保留，以后可以恢复。',
        confirmLabel: '归档',
        danger: true,
        reason: { label: '归档原因' },
        onConfirm: async ({ reason }) => {
          await plansApi.archivePlan({ id: plan.id, reason });
          closePanel();
          toast(`已归档计划“${plan.title}”`, 'success');
          await load();
        },
      });
    }

    async function restore(plan) {
      try {
        await plansApi.restorePlan({ id: plan.id });
        closePanel();
        toast(`已恢复计划“${plan.title}”`, 'success');
        await load();
        table.select(plan.id);
      } catch (error) {
        toastError(error);
      }
    }

    const handlers = {
      open: (plan) => openChart(plan),
      edit: (plan) => openForm(plan),
      archive: (plan) => archive(plan),
      restore: (plan) => restore(plan),
    };

    function showDetail(plan) {
      table.select(plan.id);
      openPlanDetail({ host: ctx.panelHost, summary: plan, editable, today, handlers, onClose: () => table.clearSelection() });
    }

    // ---------- the chart page ----------

    // 导入计划: the page's own file chooser, so the webview reads only the
    // file the user picked; the core parses and checks it.
    const importInput = h('input', {
      type: 'file',
      accept: '.xml,.json,application/xml,text/xml,application/json',
      class: 'visually-hidden',
      'data-import-plan': true,
      tabindex: '-1',
      onChange: async () => {
        const file = importInput.files && importInput.files[0];
        importInput.value = '';
        if (!file) return;
        try {
          checkPickedSize(file, MAX_PLAN_MB);
          const content = await file.text();
          const r = await plansApi.importPlanText({ fileName: file.name, content });
          toast(`已导入计划“${r.title}”：任务 ${r.tasks} 项，前置关系 ${r.links} 条`, 'success');
          await load();
        } catch (error) {
          toast(error.message || '导入失败', 'error');
        }
      },
    });

    function listActions() {
      ctx.actions.replaceChildren();
      if (editable) {
        ctx.actions.append(
          importInput,
          h('button', { type: 'button', class: 'btn', 'data-action': 'import-plan', title: '导入 MS Project XML（.xml）或 JSON 计划文件', onClick: () => importInput.click() }, '导入计划'),
          h('button', { type: 'button', class: 'btn btn--primary', 'data-action': 'new-plan', onClick: () => openForm() }, '新建计划'),
        );
      }
    }

    function openChart(plan) {
      closePanel();
      if (chart) chart.destroy();
      const back = () => closeChart();
      chart = chartPage({
        summary: plan,
        editable,
        today,
        onBack: back,
        onInfo: (p) =>
          openPlanDetail({
            host: ctx.panelHost,
            summary: p,
            editable,
            today,
            handlers: {
              ...handlers,
              open: null,
              // An archived or restored plan goes back to the list, where its new state shows.
              archive: async (q) => {
                if (await archive(q)) closeChart();
              },
              restore: async (q) => {
                await restore(q);
                closeChart();
              },
            },
            onBaselineSaved: () => chart?.baselinesChanged(),
          }),
        onOpenDocuments: (ids) => {
          showDocumentsOnOpen(ids);
          ctx.navigate('documents');
        },
        // From a task's timeline: its order or notice, a rectification, the meeting or visit it came from.
        onOpenLinked: (kind, id) => {
          if (kind === 'document') {
            showDocumentsOnOpen([id]);
            ctx.navigate('documents');
          } else if (kind === 'rectification') openRectificationPage(ctx, id);
          else if (kind === 'meeting') openMeetingPage(ctx, id);
          else if (kind === 'visit') openVisitPage(ctx, id);
        },
      });
      chart.planId = plan.id;
      ctx.root.classList.add('page--chart');
      ctx.root.replaceChildren(chart.element);
      ctx.setTitle?.(plan.title, `网络推进图 · ${plan.kindLabel ?? ''}`);
      ctx.actions.replaceChildren(
        h('button', { type: 'button', class: 'btn', 'data-action': 'back-to-plans', title: '返回计划列表 (Alt+←)', onClick: back }, '← 返回计划列表'),
      );
    }

    function closeChart() {
      if (!chart) return;
      closePanel();
      chart.destroy();
      chart = null;
      ctx.root.classList.remove('page--chart');
      ctx.root.replaceChildren(listView);
      ctx.setTitle?.(plansPage.title, plansPage.description);
      listActions();
      load();
    }

    // Alt+← goes back from the chart to the list, as in a browser.
    const onKeydown = (event) => {
      if (chart && event.altKey && event.key === 'ArrowLeft' && !document.querySelector('dialog[open]')) {
        event.preventDefault();
        closeChart();
      }
    };
    document.addEventListener('keydown', onKeydown);
    ctx.onLeave?.(() => {
      document.removeEventListener('keydown', onKeydown);
      if (chart) chart.destroy();
      chart = null;
    });

    // ---------- the list ----------

    const rowActions = (plan) => {
      const open = actionButton('open-plan', '打开', () => openChart(plan), { title: '打开网络推进图' });
      if (!editable) return [open];
      return plan.archived
        ? [open, actionButton('restore-plan', '恢复', () => restore(plan))]
        : [open, actionButton('edit-plan', '编辑', () => openForm(plan)), actionButton('archive-plan', '归档', () => archive(plan), { danger: true })];
    };

    const kindSelect = toolbarSelect({
      name: 'kindFilter',
      label: '调度类别',
      options: PLAN_KINDS,
      onChange: (value) => {
        kindFilter = value;
        table.setPredicate(kindFilter ? (p) => p.kind === kindFilter : null);
      },
    });
    const statusSelect = h(
      'select',
      {
        class: 'input input--select input--compact',
        name: 'statusFilter',
        'aria-label': '计划范围',
        onChange: (event) => {
          status = event.target.value;
          load();
        },
      },
      PLAN_STATUS_FILTERS.map((option) => h('option', { value: option.value }, option.label)),
    );

    const table = createTable({
      name: 'plans',
      columns: [
        { key: 'title', label: '计划名称', value: (p) => p.title, className: 'col-strong col-plan-title' },
        { key: 'kind', label: '调度类别', value: (p) => p.kindLabel, sortValue: (p) => KIND_ORDER[p.kind] ?? 9, className: 'nowrap' },
        { key: 'leadUnitName', label: '牵头单位', value: (p) => p.leadUnitName ?? '', className: 'nowrap' },
        { key: 'start', label: '开始', value: (p) => formatDate(p.start), className: 'num nowrap' },
        { key: 'end', label: '结束', value: (p) => formatDate(p.end), className: 'num nowrap' },
        {
          key: 'finish',
          label: '计划完成',
          value: (p) => formatDate(p.finish),
          render: (p) => {
            if (!p.finish) return h('span', { class: 'muted', title: '还没有任务，尚无排程' }, '—');
            const late = finishesLate(p);
            return h('span', { class: late ? 'plan-late' : null, title: late ? `按当前排程，${formatDate(p.finish)} 才能完成，晚于计划结束日期 ${formatDate(p.end)}` : '按当前排程的完成日期' }, formatDate(p.finish));
          },
          className: 'num nowrap',
        },
        { key: 'taskCount', label: '任务数', value: (p) => Number(p.taskCount ?? 0), render: (p) => countCell(p.taskCount), className: 'num col-count' },
        { key: 'doneCount', label: '完成', value: (p) => Number(p.doneCount ?? 0), render: (p) => countCell(p.doneCount), className: 'num col-count' },
        { key: 'overdueCount', label: '逾期', value: (p) => Number(p.overdueCount ?? 0), render: (p) => countCell(p.overdueCount, { warn: true }), className: 'num col-count' },
        {
          key: 'state',
          label: '状态',
          value: (p) => planState(p, today).label,
          sortValue: (p) => planStateOrder(planState(p, today).key),
          render: (p) => stateTag(p, today),
          className: 'nowrap',
        },
      ],
      searchValues: (p) => [
        p.title,
        p.kindLabel,
        p.leadUnitName,
        p.goal,
        p.note,
        p.archivedReason,
        ...(p.sources ?? []).flatMap((s) => [s.issuer, s.number, s.title]),
        planState(p, today).label,
      ],
      searchPlaceholder: '搜索计划名称、牵头单位、文号',
      rowClass: (p) => (p.archived ? 'is-retired' : null),
      actions: rowActions,
      toolbar: [kindSelect, statusSelect],
      onOpen: showDetail,
      onClearFilters: () => {
        kindSelect.value = '';
        kindFilter = '';
        table.setPredicate(null);
      },
      countText: (shown, total) => (shown === total ? `共 ${total} 个计划` : `显示 ${shown} 个，共 ${total} 个计划`),
      emptyState: () =>
        emptyState({
          title: status === 'archived' ? '没有已归档的计划' : '还没有计划',
          text:
            status === 'archived'
              ? '计划完成或撤销后归档，会出现在这里。'
              : '计划是一项专项行动或一批工作的“一张网络推进图”：分阶段列出工作目标、主要任务、责任单位和完成时限，排出关键路径，按时间节点督办。先新建一个计划，再在网络推进图中添加任务。',
          actionLabel: editable && status !== 'archived' ? '新建计划' : null,
          onAction: () => openForm(),
          action: 'new-plan',
        }),
    });

    listView.append(banner, table.element);
    ctx.root.append(listView);
    listActions();

    async function load() {
      try {
        plans = await plansApi.listPlans({ status });
        banner.replaceChildren();
        table.setRows(plans);
        const wanted = pendingPlanId === null ? null : plans.find((p) => p.id === pendingPlanId);
        pendingPlanId = null;
        if (wanted) openChart(wanted);
      } catch (error) {
        loadFailed(banner, error, load);
      }
    }
    return load();
  },
};
