// The plan's chart page: a strip with the plan's facts and its baselines
// above the network chart, which ui/js/views/chart.js draws
// (mountChart(container, {planId, onBack})). That module is loaded on demand
// and guarded: when it is missing or fails, the page says so plainly
// instead of breaking, and the way back to the list still works.
//
// Hooks: div[data-view="plan-chart"][data-plan-id], div[data-chart-host],
// div[data-chart-missing="absent"|"load"|"mount"] (when the chart could not be shown),
// button[data-action="save-baseline"] and [data-baseline-count] (both left out
// once the mounted chart shows its own save-baseline control),
// button[data-action="plan-info"] (the detail panel, with the baselines),
// button[data-action="back-to-plans"] (in the top bar).

import { chartPrintDialog, exportPlanDialog } from './chart-print.js';
import { noticesFromTasksDialog, ordersFromTasksDialog } from './notices-dialog.js';
import * as plansApi from '../../api/plans.js';
import { h } from '../../components/dom.js';
import { toastError } from '../../components/toast.js';
import { formatDate } from '../../lib/dates.js';
import { finishesLate } from '../../lib/plans.js';
import { saveBaselineDialog } from './baselines.js';
import { dateRange, stateTag } from './detail.js';

function fact(label, value, key) {
  if (value === '' || value === null || value === undefined) return null;
  return h('span', { class: 'plan-strip__fact', 'data-fact': key }, h('span', { class: 'plan-strip__label' }, label), value);
}

// what: 'absent' (no mountChart), 'load' (the module did not load) or 'mount' (mountChart threw).
function missingChart(host, what, error = null) {
  const detail = error ? `（${error.message ?? error}）` : '';
  const text = {
    absent: '这个版本还没有安装网络推进图模块（ui/js/views/chart.js）。',
    load: `网络推进图模块未能加载${detail}。`,
    mount: `网络推进图打开时出错${detail}。`,
  }[what];
  host.replaceChildren(
    h(
      'div',
      { class: 'chart-missing', role: 'status', 'data-chart-missing': what },
      h('div', { class: 'chart-missing__title' }, '网络推进图暂时无法显示'),
      h('p', null, `${text}计划本身和它的基线不受影响，可以返回计划列表继续工作。`),
    ),
  );
}

// Loads ../chart.js and mounts it; resolves the handle mountChart returned
// (anything: an object with destroy/refresh, a cleanup function, or nothing).
async function mountGuarded(host, options) {
  let mod;
  try {
    mod = await import('../chart.js');
  } catch (error) {
    console.warn('chart module unavailable', error);
    missingChart(host, 'load', error);
    return null;
  }
  if (!mod || typeof mod.mountChart !== 'function') {
    missingChart(host, 'absent');
    return null;
  }
  try {
    return (await mod.mountChart(host, options)) ?? null;
  } catch (error) {
    console.error('mountChart failed', error);
    missingChart(host, 'mount', error);
    return null;
  }
}

function callHandle(handle, names) {
  if (!handle) return;
  if (typeof handle === 'function' && names.includes('destroy')) {
    handle();
    return;
  }
  for (const name of names) {
    if (typeof handle[name] === 'function') {
      handle[name]();
      return;
    }
  }
}

// summary: the plan as the list had it. Returns {element, destroy()}.
// onOpenDocuments(ids): show documents (e.g. notices just made) on the documents page.
export function chartPage({ summary, editable, today, onBack, onInfo, onOpenDocuments = null, onOpenLinked = null }) {
  let baselines = [];
  let handle = null;
  let destroyed = false;

  const baselineCount = h('span', { class: 'plan-strip__baselines', 'data-baseline-count': true });
  const saveButton =
    editable && !summary.archived
      ? h(
          'button',
          {
            type: 'button',
            class: 'btn btn--small',
            'data-action': 'save-baseline',
            title: '把各任务当前的计划日期保存为基线',
            onClick: async () => {
              const saved = await saveBaselineDialog({ plan: summary, existing: baselines });
              if (!saved) return;
              await loadBaselines();
              // The chart lists baselines in its own selector: let it reload if it can.
              callHandle(handle, ['refresh', 'reload']);
            },
          },
          '保存基线',
        )
      : null;
  // 生成通知单: the tasks (or stage) selected in the chart come pre-selected.
  const makeNotices = (selectedId) => noticesFromTasksDialog({ planId: summary.id, selectedId, onOpenDocuments });
  const noticeButton =
    editable && !summary.archived
      ? h(
          'button',
          {
            type: 'button',
            class: 'btn btn--small',
            'data-action': 'notices-from-tasks',
            title: '为所选任务或阶段按责任单位生成通知单',
            onClick: () => makeNotices(handle?.gantt?.selectedId?.() ?? null),
          },
          '生成通知单',
        )
      : null;
  // 生成调度令: likewise, an order per unit carrying the selected tasks.
  const makeOrders = (selectedId) => ordersFromTasksDialog({ planId: summary.id, selectedId, onOpenDocuments });
  const orderButton =
    editable && !summary.archived
      ? h(
          'button',
          {
            type: 'button',
            class: 'btn btn--small',
            'data-action': 'orders-from-tasks',
            title: '为所选任务或阶段按责任单位生成调度令（要求定期以文字、图片或视频反馈）',
            onClick: () => makeOrders(handle?.gantt?.selectedId?.() ?? null),
          },
          '生成调度令',
        )
      : null;
  const late = finishesLate(summary);
  const strip = h(
    'div',
    { class: 'plan-strip' },
    h(
      'div',
      { class: 'plan-strip__facts' },
      stateTag(summary, today),
      fact('类别', summary.kindLabel, 'kind'),
      fact('牵头', summary.leadUnitName, 'leadUnit'),
      fact('计划', dateRange(summary.start, summary.end), 'dates'),
      summary.finish ? fact('预计完成', h('span', { class: late ? 'plan-late' : null }, formatDate(summary.finish)), 'finish') : null,
    ),
    h(
      'div',
      { class: 'plan-strip__actions' },
      baselineCount,
      saveButton,
      noticeButton,
      orderButton,
      h('button', { type: 'button', class: 'btn btn--small', 'data-action': 'export-plan', title: '导出为 MS Project XML 或 JSON', onClick: () => exportPlanDialog(summary) }, '导出'),
      h('button', { type: 'button', class: 'btn btn--small', 'data-action': 'print-chart', title: '打印网络推进图 (Ctrl+P)', onClick: () => chartPrintDialog(summary) }, '打印网络图'),
      h('button', { type: 'button', class: 'btn btn--small', 'data-action': 'plan-info', onClick: () => onInfo(summary) }, '计划详情'),
    ),
  );
  const host = h('div', { class: 'plan-chart-host', 'data-chart-host': true }, h('div', { class: 'table-message' }, '正在打开网络推进图…'));
  const element = h('div', { class: 'plan-chart-page', 'data-view': 'plan-chart', 'data-plan-id': String(summary.id) }, strip, host);

  async function loadBaselines() {
    try {
      baselines = await plansApi.listBaselines({ planId: summary.id });
      baselineCount.textContent = baselines.length > 0 ? `基线 ${baselines.length} 条，最近：${baselines[0].name}` : '尚无基线';
    } catch (error) {
      baselineCount.textContent = '';
      toastError(error);
    }
  }

  loadBaselines();
  mountGuarded(host, { planId: summary.id, onBack, onMakeNotices: noticeButton ? makeNotices : null, onOpenLinked }).then((mounted) => {
    if (destroyed) {
      callHandle(mounted, ['destroy', 'unmount']);
      return;
    }
    handle = mounted;
    // A chart with its own baseline controls owns them: the strip then keeps
    // only the plan's facts and 计划详情, so no control appears twice.
    if (handle && host.querySelector('[data-action="save-baseline"]')) {
      saveButton?.remove();
      baselineCount.remove();
    }
  });

  return {
    element,
    // After a baseline was saved elsewhere (the detail panel): refresh what shows baselines.
    baselinesChanged() {
      if (baselineCount.isConnected) loadBaselines();
      callHandle(handle, ['refresh', 'reload']);
    },
    destroy() {
      destroyed = true;
      callHandle(handle, ['destroy', 'unmount']);
      handle = null;
    },
  };
}
