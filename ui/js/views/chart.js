// 网络推进图: one plan's chart page — the Gantt view with its toolbar
// (zoom, today, critical path, baseline, filters, search), editing with
// undo and redo, and the task detail panel. The plans page calls
// mountChart(container, {planId, onBack}) when a plan is opened.

import { h } from '../components/dom.js';
import { toast, toastError } from '../components/toast.js';
import { closePanel } from '../components/panel.js';
import { listUnits, listPeople } from '../api/index.js';
import * as chartApi from '../api/chart.js';
import { createGantt } from '../gantt/gantt.js';
import { createUndoStack } from '../gantt/undo.js';
import { ZOOMS } from '../gantt/scale.js';
import { KIND_FILTERS, STATUS_FILTERS, unitOptions } from '../gantt/filters.js';
import { openTaskPanel } from '../gantt/task-panel.js';
import { grants } from '../state.js';
import { loadFailed } from './common.js';

const LEGEND = [
  ['normal', '正常'],
  ['due-soon', '临期'],
  ['overdue', '逾期'],
  ['done', '已完成'],
  ['closed', '已闭合'],
  ['summary', '阶段'],
  ['milestone', '里程碑'],
  ['deadline', '完成时限'],
  ['critical', '关键路径'],
  ['baseline', '基线'],
  ['today', '今天'],
  ['off', '非工作日'],
];

const isTextTarget = (el) => Boolean(el && el.closest && el.closest('input, textarea, select, [contenteditable="true"]'));

// onMakeNotices(taskId) opens 生成通知单 for a task or stage (the plans page gives it to editors).
export function mountChart(container, { planId, onBack = null, onMakeNotices = null, onOpenLinked = null } = {}) {
  const editable = grants().edit;
  const stack = createUndoStack();
  let chart = null;
  let baselineId = null;
  let units = [];
  // The people register, for each task's 责任人 (a person of its unit).
  let people = [];
  let destroyed = false;
  let zoomId = localStorage.getItem('diaodu.gantt.zoom') || 'week';

  // The chart fills its container. Mounted straight into a page of the
  // shell, the page stops scrolling and gives the chart its whole area.
  const content = container.parentElement?.classList.contains('content') ? container.parentElement : null;
  content?.classList.add('content--fill');
  container.classList.add('chart-host');

  // ---------- toolbar ----------
  const undoButton = h('button', { type: 'button', class: 'btn btn--small', 'data-action': 'undo', title: '撤销 (Ctrl+Z)', disabled: true, onClick: () => undo() }, '撤销');
  const redoButton = h('button', { type: 'button', class: 'btn btn--small', 'data-action': 'redo', title: '重做 (Ctrl+Y)', disabled: true, onClick: () => redo() }, '重做');
  const addButton = h('button', { type: 'button', class: 'btn btn--small', 'data-action': 'add-task', title: '在所选任务下方新增任务 (Insert)', onClick: () => gantt.insertTask() }, '新增任务');
  const deleteButton = h('button', { type: 'button', class: 'btn btn--small btn--danger-text', 'data-action': 'delete-task', title: '删除所选任务及其子任务 (Delete)', disabled: true, onClick: () => gantt.deleteSelected() }, '删除');
  const outdentButton = h('button', { type: 'button', class: 'btn btn--small', 'data-action': 'outdent', title: '升级：移到上一层 (Shift+Tab)', disabled: true, onClick: () => gantt.outdent() }, '升级');
  const indentButton = h('button', { type: 'button', class: 'btn btn--small', 'data-action': 'indent', title: '降级：移到上方任务之下 (Tab)', disabled: true, onClick: () => gantt.indent() }, '降级');
  const detailButton = h('button', { type: 'button', class: 'btn btn--small', 'data-action': 'task-detail', title: '所选任务的全部内容和前置关系 (双击横道)', disabled: true, onClick: () => openDetail(gantt.selectedId()) }, '详情');

  const zoomButtons = ZOOMS.map((z) =>
    h('button', { type: 'button', class: 'seg__btn', 'data-zoom': z.id, 'aria-pressed': 'false', title: `时间刻度：${z.label}（Ctrl+滚轮缩放）`, onClick: () => setZoom(z.id) }, z.label),
  );
  const criticalButton = h('button', { type: 'button', class: 'btn btn--small btn--toggle', 'data-action': 'toggle-critical', 'aria-pressed': 'false', title: '突出显示关键路径', onClick: () => toggleCritical() }, '关键路径');
  const baselineSelect = h('select', { class: 'input input--select input--compact', 'data-baseline': true, 'aria-label': '对比基线', onChange: (e) => chooseBaseline(e.target.value) }, h('option', { value: '' }, '不显示基线'));
  const unitSelect = filterSelect('unit', '责任单位', []);
  const kindSelect = filterSelect('kind', '类型', KIND_FILTERS);
  const statusSelect = filterSelect('status', '状态', STATUS_FILTERS);
  const searchInput = h('input', {
    type: 'search',
    class: 'input input--search input--compact chart-search',
    'data-search': 'gantt',
    placeholder: '搜索任务（Ctrl+F）',
    'aria-label': '搜索任务：名称、编号、责任单位或责任人',
    onInput: (e) => runSearch(e.target.value),
    onKeydown: (e) => {
      if (e.key === 'Enter') {
        e.preventDefault();
        showSearch(e.shiftKey ? gantt.searchPrev() : gantt.searchNext());
      } else if (e.key === 'Escape' && searchInput.value) {
        e.preventDefault();
        searchInput.value = '';
        runSearch('');
        gantt.focus();
      }
    },
  });
  const searchCount = h('span', { class: 'chart-search__count num', 'data-search-count': true, 'aria-live': 'polite' });
  const prevButton = h('button', { type: 'button', class: 'btn btn--small btn--icon-text', 'data-action': 'search-prev', title: '上一个 (Shift+Enter)', disabled: true, hidden: true, onClick: () => showSearch(gantt.searchPrev()) }, '↑');
  const nextButton = h('button', { type: 'button', class: 'btn btn--small btn--icon-text', 'data-action': 'search-next', title: '下一个 (Enter)', disabled: true, hidden: true, onClick: () => showSearch(gantt.searchNext()) }, '↓');
  const meta = h('div', { class: 'chart-meta num', 'data-chart-meta': true });
  const rowCount = h('span', { class: 'row-count', 'data-row-count': 'gantt', 'aria-live': 'polite' });

  const toolbar = h(
    'div',
    { class: 'chart-toolbar', role: 'toolbar', 'aria-label': '图表工具' },
    h('div', { class: 'seg', role: 'group', 'aria-label': '时间刻度' }, zoomButtons),
    h('button', { type: 'button', class: 'btn btn--small', 'data-action': 'today', title: '滚动到今天', onClick: () => gantt.scrollToToday() }, '今天'),
    criticalButton,
    h('div', { class: 'btn-group' },
      h('button', { type: 'button', class: 'btn btn--small', 'data-action': 'expand-all', title: '展开全部阶段', onClick: () => gantt.expandAll() }, '展开'),
      h('button', { type: 'button', class: 'btn btn--small', 'data-action': 'collapse-all', title: '折叠全部阶段', onClick: () => gantt.collapseAll() }, '折叠'),
    ),
    h('label', { class: 'chart-toolbar__label' }, '基线', baselineSelect),
    h('span', { class: 'toolbar-spacer' }),
    editable ? h('div', { class: 'btn-group', 'data-edit-only': true }, undoButton, redoButton) : null,
    editable ? h('span', { class: 'toolbar-sep', 'data-edit-only': true }) : null,
    editable ? h('div', { class: 'btn-group', 'data-edit-only': true }, addButton, outdentButton, indentButton, deleteButton) : null,
    detailButton,
  );
  const filterbar = h(
    'div',
    { class: 'chart-toolbar chart-toolbar--filters', role: 'toolbar', 'aria-label': '筛选和搜索' },
    unitSelect,
    kindSelect,
    statusSelect,
    h('div', { class: 'chart-search-box' }, searchInput, searchCount, prevButton, nextButton),
  );

  function filterSelect(name, label, options) {
    const select = h(
      'select',
      { class: 'input input--select input--compact', name, 'data-filter': name, 'aria-label': label, onChange: (e) => applyFilter(name, e.target.value) },
      h('option', { value: '' }, `全部${label}`),
      options.map((o) => h('option', { value: o.value }, o.label)),
    );
    return select;
  }

  // ---------- legend ----------
  const legend = h(
    'footer',
    { class: 'chart-legend', 'aria-label': '图例', title: '拖动横道改日期，拖右端改工期，从横道右侧圆点拖到另一任务建立前置关系；双击单元格编辑；Insert 新增，Delete 删除，Tab/Shift+Tab 降级/升级，Ctrl+Z/Ctrl+Y 撤销/重做' },
    h('div', { class: 'chart-legend__items' }, LEGEND.map(([key, label]) => h('span', { class: 'legend-item' }, h('span', { class: `legend-swatch legend-swatch--${key}`, 'aria-hidden': 'true' }), label))),
    h('div', { class: 'chart-meta-box' }, meta, rowCount),
  );

  // ---------- the chart ----------
  const gantt = createGantt({
    editable,
    onEdit: (entry) => apply(entry),
    onOpenTask: (id) => openDetail(id),
    onSelect: () => updateButtons(),
    onChange: () => updateCounts(),
    getUnits: () => units,
    getPeople: () => people,
  });
  // The view is in place at once (its canvases get ready while the core
  // answers); a note covers it until the chart arrives.
  const loading = h('div', { class: 'chart-loading', 'data-chart-loading': true, role: 'status' }, '正在加载图表…');
  const body = h('div', { class: 'chart-body' }, gantt.element, loading);
  const root = h('div', { class: 'chart-page', 'data-chart-page': true, 'data-plan-id': String(planId) }, toolbar, filterbar, body, legend);
  container.replaceChildren(root);

  // ---------- edits, undo, redo ----------

  const exec = (op, input) => chartApi.runChartOp(op, input);

  async function accept(next) {
    if (destroyed || !next) return;
    let value = next;
    // The editing commands answer without the baseline; ask for it again.
    if (baselineId && !value.baseline) {
      try {
        value = await chartApi.getChart({ planId, baselineId });
      } catch {
        /* show the chart without it */
      }
    }
    // A delta that changed only some tasks' fields lets the view patch its
    // model instead of building it again.
    const change = chartApi.changesOf(value);
    const changed = change && change.base === chart && !change.structural ? change.tasks : null;
    chart = value;
    applyReadOnly();
    gantt.setChart(chart, { changed });
    updateHeader();
    updateButtons();
  }

  // An archived plan is shown, not edited (the core would refuse anyway).
  function canEdit() {
    return editable && !(chart && chart.plan && chart.plan.archived);
  }
  function applyReadOnly() {
    gantt.setEditable(canEdit());
    for (const el of root.querySelectorAll('[data-edit-only]')) el.hidden = !canEdit();
  }

  async function apply(entry) {
    try {
      const after = await stack.perform(entry, exec, chart);
      await accept(after);
      return after;
    } catch (error) {
      if (error && error.chart) await accept(error.chart);
      updateButtons();
      throw error;
    }
  }

  async function undo() {
    if (!stack.canUndo()) return;
    const label = stack.undoLabel();
    try {
      const after = await stack.undo(exec, chart);
      if (after) {
        await accept(after);
        toast(`已撤销：${label}`);
      }
    } catch (error) {
      if (error && error.chart) await accept(error.chart);
      toast(`未能撤销“${label}”：${error.message ?? error}`, 'error');
    }
    updateButtons();
  }

  async function redo() {
    if (!stack.canRedo()) return;
    const label = stack.redoLabel();
    try {
      const after = await stack.redo(exec, chart);
      if (after) {
        await accept(after);
        toast(`已重做：${label}`);
      }
    } catch (error) {
      if (error && error.chart) await accept(error.chart);
      toast(`未能重做“${label}”：${error.message ?? error}`, 'error');
    }
    updateButtons();
  }
  stack.subscribe(() => updateButtons());

  // ---------- toolbar actions ----------

  function setZoom(id) {
    zoomId = id;
    localStorage.setItem('diaodu.gantt.zoom', id);
    gantt.setZoom(id);
    for (const b of zoomButtons) b.setAttribute('aria-pressed', String(b.dataset.zoom === gantt.zoom()));
  }

  function toggleCritical() {
    const on = !gantt.critical();
    gantt.setCritical(on);
    criticalButton.setAttribute('aria-pressed', String(on));
  }

  function applyFilter(name, value) {
    gantt.setFilter({ [name === 'unit' ? 'unitId' : name]: value });
    if (searchInput.value) runSearch(searchInput.value);
    updateCounts();
  }

  function runSearch(text) {
    showSearch(gantt.setSearch(text));
  }

  function showSearch({ count, index }) {
    const has = searchInput.value.trim() !== '';
    searchCount.textContent = has ? (count ? `${index + 1}/${count}` : '无匹配') : '';
    searchCount.classList.toggle('is-empty', has && count === 0);
    prevButton.disabled = count < 2;
    nextButton.disabled = count < 2;
    prevButton.hidden = !has;
    nextButton.hidden = !has;
  }

  async function chooseBaseline(value) {
    baselineId = value ? Number(value) : null;
    try {
      const next = await chartApi.getChart({ planId, baselineId });
      await accept(next);
    } catch (error) {
      toastError(error);
    }
  }

  // Fetch the chart again, keeping the view (e.g. after a baseline was
  // saved elsewhere on the page).
  async function refresh() {
    try {
      await accept(await chartApi.getChart({ planId, baselineId }));
    } catch (error) {
      toastError(error);
    }
  }

  function openDetail(id) {
    if (id === null || id === undefined || !chart) return;
    openTaskPanel({
      host: container.closest('.workspace') ?? document.body,
      taskId: id,
      getChart: () => chart,
      editable: canEdit(),
      units,
      people,
      onEdit: (entry) => apply(entry),
      onSelectTask: (taskId) => gantt.scrollToTask(taskId),
      onMakeNotice: onMakeNotices && canEdit() ? (taskId) => onMakeNotices(taskId) : null,
      onLoopChanged: () => refresh(),
      onOpenLinked,
    });
  }

  // ---------- header, buttons, counts ----------

  function updateHeader() {
    if (!chart) return;
    const critical = (chart.criticalPath ?? []).length;
    const late = chart.tasks.filter((t) => t.cannotMeetDeadline).length;
    const overdue = chart.tasks.filter((t) => t.dueState === 'overdue').length;
    const dueSoon = chart.tasks.filter((t) => t.dueState === 'due_soon').length;
    meta.replaceChildren(
      ...[
        h('span', { title: '按前置关系和工作日历排出的计划完成日期' }, `预计完成 ${chart.projectFinish ?? ''}`),
        h('span', null, `关键 ${critical}`),
        overdue ? h('span', { class: 'is-overdue' }, `逾期 ${overdue}`) : null,
        dueSoon ? h('span', { class: 'is-due-soon' }, `临期 ${dueSoon}`) : null,
        late ? h('span', { class: 'is-overdue', title: '按现计划不能在完成时限前完成' }, `不能按期 ${late}`) : null,
      ].filter(Boolean),
    );
    // Baselines.
    baselineSelect.replaceChildren(
      h('option', { value: '' }, '不显示基线'),
      ...(chart.baselines ?? []).map((b) => h('option', { value: String(b.id) }, `${b.name}（${String(b.createdAt ?? '').slice(0, 10)}）`)),
    );
    baselineSelect.value = baselineId && (chart.baselines ?? []).some((b) => b.id === baselineId) ? String(baselineId) : '';
    // Units named on the chart.
    const unitValue = unitSelect.value;
    unitSelect.replaceChildren(h('option', { value: '' }, '全部责任单位'), ...unitOptions(chart.tasks).map((o) => h('option', { value: o.value }, o.label)));
    unitSelect.value = unitValue;
    updateCounts();
  }

  function updateButtons() {
    const has = gantt.selectedId() !== null;
    undoButton.disabled = !stack.canUndo();
    redoButton.disabled = !stack.canRedo();
    undoButton.title = stack.undoLabel() ? `撤销：${stack.undoLabel()} (Ctrl+Z)` : '撤销 (Ctrl+Z)';
    redoButton.title = stack.redoLabel() ? `重做：${stack.redoLabel()} (Ctrl+Y)` : '重做 (Ctrl+Y)';
    deleteButton.disabled = !has;
    indentButton.disabled = !has;
    outdentButton.disabled = !has;
    detailButton.disabled = !has;
  }

  function updateCounts() {
    const shown = gantt.rowCount();
    const total = gantt.taskCount();
    rowCount.textContent = shown === total ? `共 ${total} 项` : `显示 ${shown} / ${total} 项`;
    rowCount.dataset.count = String(shown);
  }

  // ---------- keyboard ----------

  function onKeydown(event) {
    if (destroyed || !root.isConnected || root.closest('[hidden]') || document.querySelector('dialog[open]')) return;
    const ctrl = event.ctrlKey || event.metaKey;
    if (!ctrl || event.altKey) return;
    const key = event.key.toLowerCase();
    if (key === 'f') {
      event.preventDefault();
      searchInput.focus();
      searchInput.select();
    } else if (canEdit() && !isTextTarget(event.target) && (key === 'z' || key === 'y')) {
      event.preventDefault();
      if (key === 'y' || event.shiftKey) redo();
      else undo();
    } else if (!isTextTarget(event.target) && (key === '=' || key === '+' || key === '-')) {
      event.preventDefault();
      if (key === '-') gantt.zoomOut();
      else gantt.zoomIn();
      for (const b of zoomButtons) b.setAttribute('aria-pressed', String(b.dataset.zoom === gantt.zoom()));
    }
  }
  document.addEventListener('keydown', onKeydown);

  // Removing the page (navigating away) ends it.
  const watcher = new MutationObserver(() => {
    if (!root.isConnected) destroy();
  });
  if (content) watcher.observe(content, { childList: true });
  watcher.observe(container, { childList: true });

  // ---------- loading ----------

  async function load() {
    body.replaceChildren(gantt.element, loading);
    try {
      const [next, unitList, peopleList] = await Promise.all([
        chartApi.getChart({ planId, baselineId }),
        listUnits().catch(() => []),
        listPeople().catch(() => []),
      ]);
      if (destroyed) return;
      people = peopleList.filter((p) => !p.retiredAt).map((p) => ({ id: p.id, name: p.name, unitId: p.unitId, title: p.title ?? '' }));
      units = unitList.filter((u) => !u.retired).map((u) => ({ value: String(u.id), label: u.name }));
      loading.remove();
      chart = next;
      applyReadOnly();
      gantt.setEmptyContent(
        h(
          'div',
          { class: 'empty-state', 'data-empty': true },
          h('div', { class: 'empty-state__title' }, '这个计划还没有任务'),
          h('p', { class: 'empty-state__text' }, '先建立阶段，再在阶段下分解任务、设定责任单位和完成时限。'),
          canEdit() ? h('button', { type: 'button', class: 'btn btn--primary', 'data-action': 'add-stage', onClick: () => gantt.insertTask() }, '新增阶段') : null,
        ),
      );
      gantt.setZoom(zoomId);
      gantt.setChart(chart, { resetView: true });
      for (const b of zoomButtons) b.setAttribute('aria-pressed', String(b.dataset.zoom === gantt.zoom()));
      updateHeader();
      updateButtons();
      gantt.focus();
    } catch (error) {
      if (destroyed) return;
      loadFailed(body, error, load);
    }
  }

  function destroy() {
    if (destroyed) return;
    destroyed = true;
    document.removeEventListener('keydown', onKeydown);
    watcher.disconnect();
    gantt.destroy();
    closePanel();
    content?.classList.remove('content--fill');
    container.classList.remove('chart-host');
  }

  load();

  return {
    element: root,
    gantt,
    reload: load,
    refresh,
    undo,
    redo,
    destroy,
  };
}
