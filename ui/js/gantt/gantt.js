// The Gantt view: the virtualized task table at the left, the canvas
// timeline at the right (header, body, and an overlay for what the pointer
// does), kept in step. Data is prepared once per change (model.js) and
// drawn per frame (draw.js), only what is in view.
//
// Edits are handed to `onEdit(entry)` as undo entries (edits.js); the page
// runs them through the undo stack and calls setChart with the chart the
// core returns.

import { h } from '../components/dom.js';
import { toast } from '../components/toast.js';
import { confirmDialog } from '../components/dialog.js';
import { buildModel, patchModel, buildRows, buildLinkIndex, KIND_MILESTONE } from './model.js';
import { createWorkCalendar } from './workcal.js';
import { NO_DAY, formatDay, longDateWithWeekday } from './days.js';
import { zoomById, zoomScrollLeft, timelineExtent, visibleRange, zoomStep } from './scale.js';
import { filterMask, searchTasks, nextMatch, isFilterActive } from './filters.js';
import { drawBody, drawHeader, barGeometry, dayX } from './draw.js';
import { createGrid } from './grid.js';
import { columnsFor, isEditable, unitPatch } from './columns.js';
import { COLORS, HEADER_HEIGHT, ROW_HEIGHT } from './theme.js';
import {
  updateTaskEdit, moveTaskEdit, createTaskEdit, deleteTaskEdit, reparentEdit, createLinkEdit, indentTarget, outdentTarget,
} from './edits.js';
import { isReferencesRefusal, offerInsteadOfDelete, confirmCancelTask } from './removal.js';

const DRAG_THRESHOLD = 3;
const EDGE = 6;

export function createGantt({ editable = false, onEdit = null, onOpenTask = null, onSelect = null, onChange = null, getUnits = null, getPeople = null } = {}) {
  // ---------- state ----------
  let chart = null;
  let model = null;
  let rows = { rowTask: new Int32Array(0), taskRow: new Int32Array(0), linkRow: new Int32Array(0), count: 0 };
  let linkIndex = null;
  let cal = createWorkCalendar([]);
  let zoomId = 'week';
  let ppd = zoomById(zoomId).pxPerDay;
  let origin = 0;
  let extentTo = 0;
  let selectedId = null;
  let selected = -1;
  let activeCol = 'name';
  const collapsed = new Set();
  let filter = { unitId: '', kind: '', status: '' };
  let mask = null;
  let searchText = '';
  let matches = [];
  let matchMask = null;
  let currentMatch = -1;
  let critical = false;
  let hover = -1;
  let drag = null;
  let pending = false;
  let width = 0;
  let height = 0;
  let dpr = window.devicePixelRatio || 1;
  let dirty = { grid: true, body: true, header: true, overlay: true };
  let frameRequested = false;
  let lastScrollLeft = -1;
  let summaryDaysCache = new Map();
  let tipTimer = null;
  let autoScroll = null;
  const stats = { frames: 0, lastFrameMs: 0, drawnRows: 0, drawnLinks: 0, drawnBars: 0, bodyMs: 0, headerMs: 0, gridMs: 0 };

  // ---------- DOM ----------
  const headerCanvas = h('canvas', { class: 'gantt-header', 'data-gantt-header': true, 'aria-hidden': 'true' });
  const bodyCanvas = h('canvas', { class: 'gantt-canvas', 'data-gantt-canvas': true, role: 'img', 'aria-label': '横道图' });
  const overlayCanvas = h('canvas', { class: 'gantt-overlay', 'data-gantt-overlay': true, 'aria-hidden': 'true' });
  const spacer = h('div', { class: 'gantt-spacer' });
  const scroller = h('div', { class: 'gantt-scroller', tabindex: '0', 'data-gantt-scroller': true, 'aria-label': '时间轴（方向键选择任务，Ctrl+滚轮缩放）' }, spacer);
  const tip = h('div', { class: 'gantt-tip', role: 'tooltip', hidden: true });
  const timelineBody = h('div', { class: 'gantt-timeline__body' }, bodyCanvas, overlayCanvas, scroller, tip);
  const timeline = h('div', { class: 'gantt-timeline' }, h('div', { class: 'gantt-timeline__head' }, headerCanvas), timelineBody);
  const splitter = h('div', { class: 'gantt-splitter', role: 'separator', 'aria-orientation': 'vertical', title: '拖动调整表格宽度', tabindex: '-1' });
  const empty = h('div', { class: 'gantt-empty', hidden: true });

  const grid = createGrid({
    onToggle: (row) => toggleRow(row),
    onCell: (row, col, kind) => {
      const i = rows.rowTask[row];
      if (i === undefined) return;
      activeCol = col;
      select(i, { scroll: false });
      if (kind === 'dblclick') startEdit(col);
    },
    onWheel: (dy) => {
      scroller.scrollTop += dy;
    },
  });

  const element = h('div', { class: 'gantt', 'data-gantt': true }, grid.element, splitter, timeline, empty);
  element.ganttApi = null; // set below, for end-to-end tests and the benchmark

  // willReadFrequently asks for a canvas drawn by the CPU: for a window-sized
  // canvas redrawn every frame it was clearly faster in WebKitGTK than the
  // GPU path (measured with scripts/bench-gantt.mjs).
  const bodyCtx = bodyCanvas.getContext('2d', { alpha: false, willReadFrequently: true });
  const headerCtx = headerCanvas.getContext('2d', { alpha: false, willReadFrequently: true });
  const overlayCtx = overlayCanvas.getContext('2d', { willReadFrequently: true });

  // ---------- data ----------

  function view() {
    return {
      model,
      rows,
      linkIndex,
      cal,
      ppd,
      origin,
      scrollLeft: scroller.scrollLeft,
      scrollTop: scroller.scrollTop,
      width,
      height,
      dpr,
      zoomId,
      selected,
      hover: -1,
      critical,
      matchMask,
      showLabels: true,
    };
  }

  function rebuildRows() {
    mask = filterMask(model, filter);
    rows = buildRows(model, { collapsed, include: mask });
    linkIndex = buildLinkIndex(model, rows);
    rebuildSearch();
    selected = selectedId !== null && model.idToIndex.has(selectedId) ? model.idToIndex.get(selectedId) : -1;
    updateSpacer();
    invalidate('all');
    onChange?.('rows');
  }

  function rebuildSearch() {
    matches = searchText ? searchTasks(model, searchText, mask) : [];
    matchMask = null;
    if (matches.length) {
      matchMask = new Uint8Array(model.n);
      for (const i of matches) matchMask[i] = 1;
    }
    if (currentMatch >= 0 && (!matchMask || !matchMask[currentMatch])) currentMatch = -1;
  }

  // `changed`: the indices of the only tasks that differ from the chart
  // shown (an edit's delta that left the outline and links as they were);
  // the model is then patched in place instead of built afresh.
  function setChart(next, { resetView = false, changed = null } = {}) {
    const first = chart === null || resetView;
    const sameCalendar = chart !== null && next.calendar === chart.calendar;
    chart = next;
    model = (changed && model && !first && patchModel(model, chart, changed)) || buildModel(chart);
    if (!sameCalendar || !cal) cal = createWorkCalendar(chart.calendar?.days ?? []);
    summaryDaysCache = new Map();
    // Columns: the variance column only with a baseline.
    const wantBaseline = Boolean(chart.baseline);
    if (grid.columns().some((c) => c.key === 'variance') !== wantBaseline) grid.setColumns(columnsFor({ baseline: wantBaseline }));
    const extent = timelineExtent(model.first, model.last, model.today === NO_DAY ? model.first : model.today);
    const oldOrigin = origin;
    if (first || extent.from < origin) origin = extent.from;
    extentTo = Math.max(extent.to, first ? extent.to : extentTo);
    for (const id of Array.from(collapsed)) if (!model.idToIndex.has(id)) collapsed.delete(id);
    if (selectedId !== null && !model.idToIndex.has(selectedId)) selectedId = null;
    drag = null;
    hideTip();
    rebuildRows();
    if (!first && origin !== oldOrigin) scroller.scrollLeft += (oldOrigin - origin) * ppd;
    empty.hidden = model.n > 0;
    if (first) {
      // Start at today when the plan is under way (with the first task
      // still running at the top), else at its start.
      const underWay = model.today !== NO_DAY && model.today >= model.first && model.today <= model.last;
      const anchor = underWay ? model.today - 7 : model.first - 3;
      scroller.scrollLeft = Math.max(0, (anchor - origin) * ppd);
      let top = 0;
      if (underWay) {
        for (let r = 0; r < rows.count; r++) {
          const i = rows.rowTask[r];
          if (!model.summary[i] && model.finish[i] !== NO_DAY && model.finish[i] >= model.today - 7) {
            // Its stage's row at the top, when there is one.
            const parentRow = model.parent[i] >= 0 ? rows.taskRow[model.parent[i]] : -1;
            top = parentRow >= 0 ? parentRow : r;
            break;
          }
        }
      }
      scroller.scrollTop = top * ROW_HEIGHT;
    }
    frame();
  }

  function summaryDays(i) {
    let v = summaryDaysCache.get(i);
    if (v === undefined) {
      const s = model.start[i];
      const f = model.finish[i];
      v = s === NO_DAY ? null : cal.workingDaysBetween(s, f);
      summaryDaysCache.set(i, v);
    }
    return v;
  }

  function updateSpacer() {
    const w = Math.max((extentTo - origin + 1) * ppd, width + 1);
    spacer.style.width = `${Math.ceil(w)}px`;
    spacer.style.height = `${rows.count * ROW_HEIGHT + ROW_HEIGHT * 2}px`;
  }

  // ---------- frames ----------

  function invalidate(what = 'all') {
    if (what === 'all') dirty = { grid: true, body: true, header: true, overlay: true };
    else dirty[what] = true;
    if (!frameRequested) {
      frameRequested = true;
      requestAnimationFrame(() => {
        frameRequested = false;
        frame();
      });
    }
  }

  function frame() {
    if (!model || width === 0 || height === 0) return;
    const t0 = performance.now();
    const v = view();
    if (v.scrollLeft !== lastScrollLeft) {
      dirty.header = true;
      dirty.body = true;
      lastScrollLeft = v.scrollLeft;
    }
    let t = performance.now();
    if (dirty.body) {
      const s = drawBody(bodyCtx, v);
      stats.drawnRows = s.rows;
      stats.drawnLinks = s.links;
      stats.drawnBars = s.bars;
      stats.bodyMs = performance.now() - t;
      t = performance.now();
    }
    if (dirty.header) {
      drawHeader(headerCtx, v);
      stats.headerMs = performance.now() - t;
      t = performance.now();
    }
    if (dirty.grid) {
      grid.render({
        model,
        rows,
        scrollTop: v.scrollTop,
        height: grid.body.clientHeight || height,
        selected,
        current: currentMatch,
        activeCol,
        matchMask,
        collapsed,
        summaryDays,
      });
      stats.gridMs = performance.now() - t;
    }
    t = performance.now();
    if (dirty.overlay || dirty.body) drawOverlay(v);
    stats.overlayMs = performance.now() - t;
    dirty = { grid: false, body: false, header: false, overlay: false };
    stats.frames += 1;
    stats.lastFrameMs = performance.now() - t0;
  }

  function resize() {
    const w = scroller.clientWidth;
    const hgt = scroller.clientHeight;
    const ratio = window.devicePixelRatio || 1;
    if (w === width && hgt === height && ratio === dpr) return;
    dpr = ratio;
    width = w;
    height = hgt;
    for (const [canvas, cw, ch] of [[bodyCanvas, w, hgt], [overlayCanvas, w, hgt], [headerCanvas, w, HEADER_HEIGHT]]) {
      canvas.width = Math.max(1, Math.round(cw * dpr));
      canvas.height = Math.max(1, Math.round(ch * dpr));
      canvas.style.width = `${cw}px`;
      canvas.style.height = `${ch}px`;
    }
    overlayDirty = false;
    if (model) updateSpacer();
    invalidate('all');
    frame();
  }

  // ---------- overlay: drag feedback, link handle ----------

  // The overlay is touched only when it has something to show or to clear:
  // an untouched transparent canvas costs the webview nothing per frame.
  let overlayDirty = false;
  function drawOverlay(v) {
    const ctx = overlayCtx;
    const wanted = Boolean(model) && ((drag && drag.active) || (editable && hover >= 0 && !model.summary[hover] && rows.taskRow[hover] >= 0));
    if (!wanted && !overlayDirty) return;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, width, height);
    overlayDirty = wanted;
    if (!wanted) return;
    if (drag && drag.active) {
      const i = drag.index;
      const r = rows.linkRow[i];
      if (drag.mode === 'link') {
        const g = barGeometry(v, i, r);
        if (!g) return;
        ctx.strokeStyle = COLORS.ghostLine;
        ctx.lineWidth = 1.5;
        ctx.setLineDash([4, 3]);
        ctx.beginPath();
        ctx.moveTo(g.x1, g.y);
        ctx.lineTo(drag.x, drag.y);
        ctx.stroke();
        ctx.setLineDash([]);
        if (drag.target >= 0) {
          const tg = barGeometry(v, drag.target, rows.linkRow[drag.target]);
          if (tg) {
            ctx.strokeStyle = COLORS.ghostLine;
            ctx.lineWidth = 2;
            ctx.strokeRect(tg.x0 - 3, tg.top - 3, tg.x1 - tg.x0 + 6, tg.height + 6);
          }
        }
        ctx.fillStyle = COLORS.ghostLine;
        ctx.beginPath();
        ctx.arc(drag.x, drag.y, 3.5, 0, Math.PI * 2);
        ctx.fill();
        drawDragLabel(ctx, drag.target >= 0 ? `完成-开始：${model.tasks[i].name} → ${model.tasks[drag.target].name}` : '拖到另一任务上建立前置关系', drag.x + 10, drag.y - 22);
        return;
      }
      const s = drag.newStart;
      const f = drag.newFinish;
      const y = r * ROW_HEIGHT - v.scrollTop;
      const milestone = model.kind[i] === KIND_MILESTONE;
      const x0 = dayX(v, s);
      const x1 = dayX(v, f + 1);
      ctx.fillStyle = COLORS.ghost;
      ctx.strokeStyle = COLORS.ghostLine;
      ctx.lineWidth = 1;
      ctx.setLineDash([3, 2]);
      const top = y + (model.hasBaseline ? 5 : 7);
      if (milestone) {
        const cx = x0 + Math.min(ppd / 2, 10);
        const cy = y + (model.hasBaseline ? 12 : ROW_HEIGHT / 2);
        ctx.beginPath();
        ctx.moveTo(cx, cy - 8);
        ctx.lineTo(cx + 8, cy);
        ctx.lineTo(cx, cy + 8);
        ctx.lineTo(cx - 8, cy);
        ctx.closePath();
        ctx.fill();
        ctx.stroke();
      } else {
        ctx.fillRect(x0, top, Math.max(2, x1 - x0), 14);
        ctx.strokeRect(x0 + 0.5, top + 0.5, Math.max(2, x1 - x0) - 1, 13);
      }
      ctx.setLineDash([]);
      const days = milestone ? 0 : cal.workingDaysBetween(s, f);
      const text = milestone ? `${formatDay(s)}` : `${formatDay(s)} 至 ${formatDay(f)} · ${days} 个工作日`;
      drawDragLabel(ctx, text, Math.max(4, x0), y - 20 < 2 ? y + ROW_HEIGHT + 2 : y - 20);
      return;
    }
    // The link handle on the hovered bar.
    if (editable && hover >= 0 && !model.summary[hover] && rows.taskRow[hover] >= 0) {
      const g = barGeometry(v, hover, rows.taskRow[hover]);
      if (g) {
        ctx.fillStyle = '#ffffff';
        ctx.strokeStyle = COLORS.linkSelected;
        ctx.lineWidth = 1.5;
        ctx.beginPath();
        ctx.arc(g.x1 + 8, g.y, 4, 0, Math.PI * 2);
        ctx.fill();
        ctx.stroke();
      }
    }
  }

  function drawDragLabel(ctx, text, x, y) {
    ctx.font = '12px "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", sans-serif';
    const w = ctx.measureText(text).width + 12;
    const lx = Math.min(Math.max(2, x), width - w - 2);
    ctx.fillStyle = 'rgba(31, 35, 41, 0.88)';
    ctx.fillRect(lx, y, w, 18);
    ctx.fillStyle = '#ffffff';
    ctx.textBaseline = 'middle';
    ctx.fillText(text, lx + 6, y + 9.5);
  }

  // ---------- selection ----------

  function select(i, { scroll = true, horizontal = false } = {}) {
    const prev = selected;
    selected = i;
    selectedId = i >= 0 ? model.tasks[i].id : null;
    if (scroll && i >= 0) scrollToIndex(i, { horizontal });
    if (prev !== selected) {
      invalidate('all');
      onSelect?.(selectedId);
    }
  }

  function scrollToIndex(i, { horizontal = false, center = false } = {}) {
    let r = rows.taskRow[i];
    if (r < 0) {
      // Hidden inside a collapsed task: open its ancestors.
      let opened = false;
      for (let p = model.parent[i]; p >= 0; p = model.parent[p]) if (collapsed.delete(model.tasks[p].id)) opened = true;
      if (opened) rebuildRows();
      r = rows.taskRow[i];
      if (r < 0) return;
    }
    const top = r * ROW_HEIGHT;
    if (center) scroller.scrollTop = Math.max(0, top - height / 2 + ROW_HEIGHT / 2);
    else if (top < scroller.scrollTop) scroller.scrollTop = top;
    else if (top + ROW_HEIGHT > scroller.scrollTop + height) scroller.scrollTop = top + ROW_HEIGHT - height;
    if (horizontal && model.start[i] !== NO_DAY) {
      const x0 = (model.start[i] - origin) * ppd;
      const x1 = (model.finish[i] + 1 - origin) * ppd;
      if (x0 < scroller.scrollLeft || x1 > scroller.scrollLeft + width) scroller.scrollLeft = Math.max(0, x0 - Math.min(120, width / 4));
    }
    invalidate('all');
  }

  function rowOfSelection() {
    return selected >= 0 ? rows.taskRow[selected] : -1;
  }

  function moveSelection(delta) {
    if (rows.count === 0) return;
    let r = rowOfSelection();
    if (r < 0) r = visibleRange(scroller.scrollTop, height, ROW_HEIGHT, rows.count)[0];
    else r = Math.max(0, Math.min(rows.count - 1, r + delta));
    select(rows.rowTask[r]);
  }

  // ---------- collapse ----------

  function toggleRow(row) {
    const i = rows.rowTask[row];
    if (i === undefined || !model.summary[i]) return;
    setCollapsed(model.tasks[i].id, !collapsed.has(model.tasks[i].id));
  }

  function setCollapsed(id, value) {
    if (value) collapsed.add(id);
    else collapsed.delete(id);
    rebuildRows();
    frame();
  }

  function collapseAll(value) {
    collapsed.clear();
    if (value) for (let i = 0; i < model.n; i++) if (model.summary[i]) collapsed.add(model.tasks[i].id);
    rebuildRows();
  }

  // ---------- editing ----------

  async function edit(entry, { quiet = false } = {}) {
    if (!entry || !onEdit) return null;
    if (pending) {
      toast('上一项修改尚未完成，请稍候', 'info');
      return null;
    }
    pending = true;
    element.setAttribute('aria-busy', 'true');
    try {
      return await onEdit(entry);
    } catch (error) {
      if (!quiet) toast(error?.message ?? String(error), 'error');
      throw error;
    } finally {
      pending = false;
      element.removeAttribute('aria-busy');
    }
  }

  function startEdit(colKey = activeCol) {
    if (!editable || selected < 0) return false;
    const column = grid.columns().find((c) => c.key === colKey) ?? grid.columns().find((c) => c.key === 'name');
    const summary = model.summary[selected] === 1;
    if (!isEditable(column, { summary })) {
      if (column.key !== 'name') return startEdit('name');
      return false;
    }
    const r = rowOfSelection();
    if (r < 0) return false;
    scrollToIndex(selected);
    frame();
    const task = model.tasks[selected];
    activeCol = column.key;
    return grid.startEdit({
      row: r,
      column,
      task,
      summary,
      units: getUnits ? getUnits() : [],
      people: getPeople ? getPeople() : [],
      onCommit: async (value) => {
        const entry = column.key === 'start'
          ? moveTaskEdit(chart, task.id, { start: value })
          : column.key === 'duration'
            ? moveTaskEdit(chart, task.id, { duration: value })
            : column.key === 'unit'
              ? updateTaskEdit(chart, task.id, unitPatch(task, value, getPeople ? getPeople() : []))
              : updateTaskEdit(chart, task.id, { [column.field]: value });
        if (!entry) return;
        await edit(entry, { quiet: true });
      },
      onDone: () => {
        if (element.contains(document.activeElement) || document.activeElement === document.body) grid.body.focus({ preventScroll: true });
      },
    });
  }

  async function insertTask() {
    if (!editable || !chart) return;
    let input;
    const sel = selected >= 0 ? model.tasks[selected] : null;
    if (!sel) {
      const tops = model.tasks.filter((t) => t.parentId === null || t.parentId === undefined);
      input = { planId: chart.plan.id, parentId: null, afterId: tops.length ? tops[tops.length - 1].id : null, kind: 'stage', name: '新阶段' };
    } else if (sel.kind === 'stage' || model.summary[selected]) {
      input = { planId: chart.plan.id, parentId: sel.id, afterId: null, kind: 'task', name: '新任务', duration: 1 };
      if (collapsed.has(sel.id)) collapsed.delete(sel.id);
    } else {
      input = { planId: chart.plan.id, parentId: sel.parentId ?? null, afterId: sel.id, kind: 'task', name: '新任务', duration: 1 };
    }
    const before = new Set(model.tasks.map((t) => t.id));
    try {
      await edit(createTaskEdit(input, input.kind === 'stage' ? '新增阶段' : '新增任务'));
    } catch {
      return;
    }
    const created = model.tasks.findIndex((t) => !before.has(t.id));
    if (created >= 0) {
      activeCol = 'name';
      select(created);
      frame();
      startEdit('name');
    }
  }

  async function deleteSelected() {
    if (!editable || selected < 0) return;
    const task = model.tasks[selected];
    const entry = deleteTaskEdit(chart, task.id);
    const { tasks, links } = entry.counts;
    const details = [
      tasks > 1 ? `其下 ${tasks - 1} 项子任务` : null,
      links > 0 ? `${links} 条前置关系` : null,
    ].filter(Boolean);
    const r = rowOfSelection();
    // A task others refer to is refused by the core, naming them; then
    // offer what keeps those records instead.
    let refused = null;
    await confirmDialog({
      title: '删除任务',
      message: `删除“${task.outline} ${task.name}”？`,
      details: `${details.length ? `${details.join('和')}也会一并删除。` : ''}删除会记入审计日志，可以用“撤销”（Ctrl+Z）恢复。`,
      confirmLabel: '删除',
      danger: true,
      onConfirm: async () => {
        try {
          await edit(entry, { quiet: true });
        } catch (error) {
          if (!isReferencesRefusal(error)) throw error;
          refused = error;
        }
      },
    });
    if (refused) {
      const canClose = task.kind === 'task' && !chart.tasks.some((t) => t.parentId === task.id);
      const choice = await offerInsteadOfDelete({ task, error: refused, canClose });
      if (choice === 'cancel') await confirmCancelTask({ chart, task, run: (e) => edit(e, { quiet: true }) });
      else if (choice === 'close' && onOpenTask) onOpenTask(task.id);
      grid.body.focus({ preventScroll: true });
      return;
    }
    if (r >= 0 && rows.count > 0) select(rows.rowTask[Math.min(r, rows.count - 1)]);
    grid.body.focus({ preventScroll: true });
  }

  async function indent(outdent = false) {
    if (!editable || selected < 0) return;
    const task = model.tasks[selected];
    const target = outdent ? outdentTarget(chart, task.id) : indentTarget(chart, task.id);
    if (!target) {
      toast(outdent ? '已是最上层，不能再升级' : '上方没有同级任务，不能降级', 'info');
      return;
    }
    try {
      await edit(reparentEdit(chart, task.id, target.parentId, target.position, outdent ? '升级' : '降级'));
    } catch {
      /* shown */
    }
  }

  // ---------- search ----------

  function setSearch(text) {
    searchText = text;
    rebuildSearch();
    if (matches.length) {
      currentMatch = nextMatch(matches, selected >= 0 ? selected - 1 : -1, 1);
      goToMatch();
    }
    invalidate('all');
    return { count: matches.length, index: matches.indexOf(currentMatch) };
  }

  function goToMatch() {
    if (currentMatch < 0) return;
    activeCol = 'name';
    select(currentMatch, { scroll: false });
    scrollToIndex(currentMatch, { horizontal: true, center: true });
  }

  function searchStep(direction) {
    if (!matches.length) return { count: 0, index: -1 };
    currentMatch = nextMatch(matches, currentMatch >= 0 ? currentMatch : selected, direction);
    goToMatch();
    return { count: matches.length, index: matches.indexOf(currentMatch) };
  }

  // ---------- zoom ----------

  function setZoom(id, anchorX = null) {
    const zoom = zoomById(id);
    if (zoom.id === zoomId && zoom.pxPerDay === ppd) return;
    const ax = anchorX ?? width / 2;
    const next = zoomScrollLeft(scroller.scrollLeft, ax, ppd, zoom.pxPerDay);
    zoomId = zoom.id;
    ppd = zoom.pxPerDay;
    updateSpacer();
    scroller.scrollLeft = next;
    invalidate('all');
    onChange?.('zoom');
  }

  function scrollToToday() {
    if (!model || model.today === NO_DAY) return;
    scroller.scrollLeft = Math.max(0, (model.today - origin) * ppd - width / 3);
    invalidate('all');
  }

  // ---------- pointer ----------

  function pointer(event) {
    const rect = scroller.getBoundingClientRect();
    return { x: event.clientX - rect.left, y: event.clientY - rect.top };
  }

  function hitTest(x, y) {
    if (!model) return null;
    const r = Math.floor((y + scroller.scrollTop) / ROW_HEIGHT);
    if (r < 0 || r >= rows.count) return null;
    const i = rows.rowTask[r];
    const v = view();
    const g = barGeometry(v, i, r);
    let zone = 'row';
    if (g) {
      const leaf = !model.summary[i];
      const milestone = g.shape === 'milestone';
      if (editable && leaf && Math.hypot(x - (g.x1 + 8), y - g.y) <= 7) zone = 'link';
      else if (editable && leaf && !milestone && x >= g.x1 - EDGE && x <= g.x1 + 2 && y >= g.top - 3 && y <= g.top + g.height + 3) zone = 'resize';
      else if (x >= g.x0 - (milestone ? 3 : 0) && x <= g.x1 + (milestone ? 3 : 0) && y >= g.top - 3 && y <= g.top + g.height + 3) zone = leaf && editable ? 'move' : 'bar';
    }
    return { row: r, index: i, zone, g };
  }

  const CURSORS = { link: 'crosshair', resize: 'ew-resize', move: 'grab', bar: 'pointer', row: 'default' };

  scroller.addEventListener('pointerdown', (event) => {
    if (event.button !== 0 || !model) return;
    // Clicks on the scrollbars land on the scroller too.
    if (event.offsetX > scroller.clientWidth || event.offsetY > scroller.clientHeight) return;
    grid.cancelEdit();
    const p = pointer(event);
    const hit = hitTest(p.x, p.y);
    hideTip();
    scroller.focus({ preventScroll: true });
    if (!hit) return;
    select(hit.index, { scroll: false });
    if (pending || !['move', 'resize', 'link'].includes(hit.zone)) return;
    const i = hit.index;
    drag = {
      mode: hit.zone,
      index: i,
      startX: p.x,
      startY: p.y,
      startScrollLeft: scroller.scrollLeft,
      x: p.x,
      y: p.y,
      active: hit.zone === 'link',
      newStart: model.start[i],
      newFinish: model.finish[i],
      target: -1,
      pointerId: event.pointerId,
    };
    try {
      scroller.setPointerCapture(event.pointerId);
    } catch {
      /* a synthetic pointer (tests) cannot be captured */
    }
    event.preventDefault();
    invalidate('overlay');
  });

  function updateDrag(p) {
    const i = drag.index;
    drag.x = p.x;
    drag.y = p.y;
    const dx = p.x - drag.startX + (scroller.scrollLeft - drag.startScrollLeft);
    if (!drag.active && Math.abs(dx) < DRAG_THRESHOLD && Math.abs(p.y - drag.startY) < DRAG_THRESHOLD) return;
    drag.active = true;
    const days = Math.round(dx / ppd);
    if (drag.mode === 'move') {
      const s = cal.snap(model.start[i] + days, days >= 0 ? 1 : -1);
      const duration = model.kind[i] === KIND_MILESTONE ? 0 : Math.max(1, cal.workingDaysBetween(model.start[i], model.finish[i]));
      drag.newStart = s;
      drag.newFinish = duration === 0 ? s : cal.finishOf(s, duration);
    } else if (drag.mode === 'resize') {
      let f = cal.snap(model.finish[i] + days, -1);
      if (f < model.start[i]) f = cal.snap(model.start[i], 1);
      drag.newStart = model.start[i];
      drag.newFinish = f;
    } else if (drag.mode === 'link') {
      const hit = hitTest(p.x, p.y);
      drag.target = hit && hit.index !== i && !model.summary[hit.index] && ['move', 'bar', 'resize', 'link'].includes(hit.zone) ? hit.index : -1;
    }
    invalidate('overlay');
  }

  scroller.addEventListener('pointermove', (event) => {
    if (!model) return;
    const p = pointer(event);
    if (drag) {
      updateDrag(p);
      // Near an edge: keep scrolling while the pointer stays there.
      const edge = p.x < 30 ? -1 : p.x > width - 30 ? 1 : 0;
      const vedge = p.y < 20 ? -1 : p.y > height - 20 ? 1 : 0;
      if ((edge || vedge) && drag.active && !autoScroll) {
        autoScroll = setInterval(() => {
          if (!drag) return stopAutoScroll();
          scroller.scrollLeft += edge * 16;
          scroller.scrollTop += vedge * ROW_HEIGHT / 2;
          updateDrag({ x: drag.x, y: drag.y });
        }, 30);
      } else if (!(edge || vedge)) stopAutoScroll();
      return;
    }
    const hit = hitTest(p.x, p.y);
    scroller.style.cursor = hit ? CURSORS[hit.zone] : 'default';
    const onBar = hit && hit.zone !== 'row' ? hit.index : -1;
    const newHover = hit && (hit.zone !== 'row' || (hover === hit.index)) ? hit.index : -1;
    if (newHover !== hover) {
      hover = newHover;
      invalidate('overlay');
    }
    if (onBar >= 0) scheduleTip(onBar, p);
    else hideTip();
  });

  function stopAutoScroll() {
    if (autoScroll) clearInterval(autoScroll);
    autoScroll = null;
  }

  scroller.addEventListener('pointerleave', () => {
    if (drag) return;
    hover = -1;
    hideTip();
    invalidate('overlay');
  });

  scroller.addEventListener('pointerup', async (event) => {
    stopAutoScroll();
    if (!drag) return;
    const d = drag;
    try {
      scroller.releasePointerCapture(event.pointerId);
    } catch {
      /* already released */
    }
    if (!d.active) {
      drag = null;
      invalidate('overlay');
      return;
    }
    const i = d.index;
    const task = model.tasks[i];
    let entry = null;
    if (d.mode === 'move' && d.newStart !== model.start[i]) {
      entry = moveTaskEdit(chart, task.id, { start: formatDay(d.newStart) });
    } else if (d.mode === 'resize' && d.newFinish !== model.finish[i]) {
      entry = moveTaskEdit(chart, task.id, { duration: Math.max(1, cal.workingDaysBetween(d.newStart, d.newFinish)) });
    } else if (d.mode === 'link' && d.target >= 0) {
      entry = createLinkEdit(chart, { predId: task.id, succId: model.tasks[d.target].id, kind: 'FS', lag: 0 });
    }
    if (!entry) {
      drag = null;
      invalidate('overlay');
      return;
    }
    try {
      await edit(entry);
    } catch {
      /* the toast says why */
    }
    if (drag === d) {
      drag = null;
      invalidate('overlay');
    }
  });

  scroller.addEventListener('pointercancel', () => {
    stopAutoScroll();
    drag = null;
    invalidate('overlay');
  });

  scroller.addEventListener('dblclick', (event) => {
    const p = pointer(event);
    const hit = hitTest(p.x, p.y);
    if (hit && hit.zone !== 'row' && onOpenTask) onOpenTask(model.tasks[hit.index].id);
  });

  scroller.addEventListener('wheel', (event) => {
    if (!event.ctrlKey) return;
    event.preventDefault();
    const p = pointer(event);
    setZoom(zoomStep(zoomId, event.deltaY > 0 ? 1 : -1), p.x);
  }, { passive: false });

  scroller.addEventListener('scroll', () => {
    hideTip();
    // An edited row scrolled out of view keeps what was typed.
    const editing = grid.editingRow();
    if (editing !== null) {
      const top = editing * ROW_HEIGHT - scroller.scrollTop;
      if (top < -ROW_HEIGHT || top > height) grid.commitEdit();
    }
    invalidate('all');
  }, { passive: true });

  // ---------- tooltip ----------

  function scheduleTip(i, p) {
    if (tip.dataset.index === String(i) && !tip.hidden) {
      placeTip(p);
      return;
    }
    clearTimeout(tipTimer);
    tipTimer = setTimeout(() => showTip(i, p), 350);
  }

  function placeTip(p) {
    const w = tip.offsetWidth || 260;
    const hgt = tip.offsetHeight || 120;
    const x = p.x + 16 + w > width ? p.x - w - 12 : p.x + 16;
    const y = p.y + 18 + hgt > height ? p.y - hgt - 10 : p.y + 18;
    tip.style.transform = `translate(${Math.max(4, x)}px, ${Math.max(4, y)}px)`;
  }

  function showTip(i, p) {
    if (drag || !model || i >= model.n) return;
    const t = model.tasks[i];
    const line = (label, value, cls = null) => (value === '' || value === null || value === undefined ? null : h('div', { class: 'gantt-tip__row' }, h('span', { class: 'gantt-tip__label' }, label), h('span', { class: ['gantt-tip__value', cls] }, value)));
    const s = model.start[i];
    const f = model.finish[i];
    const milestone = model.kind[i] === KIND_MILESTONE && !model.summary[i];
    const span = s === NO_DAY ? '' : milestone ? longDateWithWeekday(s) : `${formatDay(s)} 至 ${formatDay(f)}`;
    const days = model.summary[i] ? summaryDays(i) : t.duration;
    const due = t.dueState === 'overdue' ? '（已逾期）' : t.dueState === 'due_soon' ? '（临期）' : t.cannotMeetDeadline ? '（按计划不能按期完成）' : '';
    let baseline = null;
    if (model.hasBaseline && model.blStart[i] !== NO_DAY) {
      const v = t.baselineVariance;
      const vs = v === null || v === undefined ? '' : v > 0 ? `，推迟 ${v} 个工作日` : v < 0 ? `，提前 ${-v} 个工作日` : '，无偏差';
      baseline = `${formatDay(model.blStart[i])} 至 ${formatDay(model.blFinish[i])}${vs}`;
    }
    tip.replaceChildren(...[
      h('div', { class: 'gantt-tip__title' }, `${t.outline} ${t.name}`),
      line(milestone ? '日期' : '计划', span),
      milestone ? null : line('工期', days === null || days === undefined ? '' : `${days} 个工作日`),
      line('完成时限', t.deadline ? `${t.deadline}${due}` : '', t.dueState === 'overdue' ? 'is-overdue' : t.dueState === 'due_soon' ? 'is-due-soon' : null),
      line('责任单位', t.leadUnitName || ''),
      line('责任人', t.personName || ''),
      line('进度', `${model.progress[i]}% · ${t.statusLabel || ''}`),
      line('总时差', t.totalFloat === null || t.totalFloat === undefined ? '' : `${t.totalFloat} 个工作日${t.critical ? '（关键任务）' : ''}`, t.totalFloat < 0 ? 'is-overdue' : null),
      baseline ? line('基线', baseline) : null,
      editable && !model.summary[i] ? h('div', { class: 'gantt-tip__hint' }, '拖动移动 · 拖右端改工期 · 从右侧圆点拖到另一任务建立前置关系') : null,
    ].filter(Boolean));
    tip.dataset.index = String(i);
    tip.hidden = false;
    placeTip(p);
  }

  function hideTip() {
    clearTimeout(tipTimer);
    if (!tip.hidden) tip.hidden = true;
    delete tip.dataset.index;
  }

  // ---------- keyboard ----------

  const editableColumns = () => grid.columns().map((c) => c.key);

  element.addEventListener('keydown', (event) => {
    if (!model || event.defaultPrevented) return;
    if (event.target.closest('.gantt-editor')) return;
    const key = event.key;
    const ctrl = event.ctrlKey || event.metaKey;
    let handled = true;
    if (key === 'ArrowDown' && !event.altKey) moveSelection(1);
    else if (key === 'ArrowUp' && !event.altKey) moveSelection(-1);
    else if (key === 'PageDown') moveSelection(Math.max(1, Math.floor(height / ROW_HEIGHT) - 1));
    else if (key === 'PageUp') moveSelection(-Math.max(1, Math.floor(height / ROW_HEIGHT) - 1));
    else if (key === 'Home' && ctrl) {
      if (rows.count) select(rows.rowTask[0]);
    } else if (key === 'End' && ctrl) {
      if (rows.count) select(rows.rowTask[rows.count - 1]);
    } else if (key === '-' && !ctrl) {
      if (selected >= 0 && model.summary[selected]) setCollapsed(model.tasks[selected].id, true);
      else if (selected >= 0 && model.parent[selected] >= 0) select(model.parent[selected]);
    } else if ((key === '+' || key === '=') && !ctrl) {
      if (selected >= 0 && model.summary[selected]) setCollapsed(model.tasks[selected].id, false);
    } else if ((key === 'ArrowLeft' || key === 'ArrowRight') && !event.altKey && !ctrl) {
      const keys = editableColumns();
      const at = Math.max(0, keys.indexOf(activeCol));
      activeCol = keys[Math.max(0, Math.min(keys.length - 1, at + (key === 'ArrowLeft' ? -1 : 1)))];
      invalidate('grid');
    } else if ((key === 'Enter' || key === 'F2') && !ctrl) {
      if (selected < 0) moveSelection(0);
      else if (!startEdit(activeCol) && onOpenTask && key === 'Enter') onOpenTask(model.tasks[selected].id);
    } else if (key === ' ' && selected >= 0 && model.summary[selected]) {
      setCollapsed(model.tasks[selected].id, !collapsed.has(model.tasks[selected].id));
    } else if (key === 'Insert' && editable) insertTask();
    else if (key === 'Delete' && editable) deleteSelected();
    else if (key === 'Tab' && editable && selected >= 0 && !ctrl && !event.altKey) indent(event.shiftKey);
    else handled = false;
    if (handled) event.preventDefault();
  });

  // ---------- splitter ----------

  let gridWidth = Number(localStorage.getItem('diaodu.gantt.gridWidth')) || 0;
  function applyGridWidth() {
    const total = element.clientWidth;
    const full = grid.columns().reduce((s, c) => s + c.width, 0) + 2;
    const w = gridWidth || Math.min(full, Math.round(total * 0.46));
    grid.element.style.width = `${Math.max(160, Math.min(w, total - 240, full))}px`;
  }
  splitter.addEventListener('pointerdown', (event) => {
    event.preventDefault();
    splitter.setPointerCapture(event.pointerId);
    const startX = event.clientX;
    const startW = grid.element.offsetWidth;
    const move = (e) => {
      gridWidth = Math.max(160, startW + e.clientX - startX);
      applyGridWidth();
      resize();
    };
    const up = () => {
      splitter.removeEventListener('pointermove', move);
      splitter.removeEventListener('pointerup', up);
      localStorage.setItem('diaodu.gantt.gridWidth', String(gridWidth));
    };
    splitter.addEventListener('pointermove', move);
    splitter.addEventListener('pointerup', up);
  });

  const observer = new ResizeObserver(() => {
    applyGridWidth();
    resize();
  });
  observer.observe(element);
  observer.observe(timelineBody);

  // ---------- the API ----------

  const api = {
    element,
    setChart,
    chart: () => chart,
    model: () => model,
    setZoom,
    zoom: () => zoomId,
    zoomIn: () => setZoom(zoomStep(zoomId, -1)),
    zoomOut: () => setZoom(zoomStep(zoomId, 1)),
    setCritical(value) {
      critical = Boolean(value);
      invalidate('all');
    },
    critical: () => critical,
    setFilter(next) {
      filter = { ...filter, ...next };
      rebuildRows();
    },
    filterActive: () => isFilterActive(filter),
    setSearch,
    searchNext: () => searchStep(1),
    searchPrev: () => searchStep(-1),
    scrollToToday,
    scrollToTask(id) {
      const i = model?.idToIndex.get(id);
      if (i !== undefined) {
        select(i, { scroll: false });
        scrollToIndex(i, { horizontal: true, center: true });
      }
    },
    select(id) {
      const i = model?.idToIndex.get(id);
      select(i === undefined ? -1 : i);
    },
    selectedId: () => selectedId,
    selectedTask: () => (selected >= 0 ? model.tasks[selected] : null),
    collapseAll: () => collapseAll(true),
    expandAll: () => collapseAll(false),
    insertTask,
    deleteSelected,
    indent: () => indent(false),
    outdent: () => indent(true),
    startEdit,
    isEditing: () => grid.isEditing(),
    focus: () => grid.body.focus({ preventScroll: true }),
    rowCount: () => rows.count,
    taskCount: () => (model ? model.n : 0),
    // Draw now instead of at the next frame (benchmark, tests).
    renderNow() {
      const t0 = performance.now();
      resize();
      stats.resizeMs = performance.now() - t0;
      invalidate('all');
      frame();
      return { ...stats };
    },
    stats: () => ({ ...stats, drag: drag ? { mode: drag.mode, active: drag.active, newStart: formatDay(drag.newStart), newFinish: formatDay(drag.newFinish), target: drag.target } : null, rows: rows.count, tasks: model ? model.n : 0, links: model ? model.linkCount : 0, zoom: zoomId, width, height }),
    // Where a task's bar is on screen (client px), for end-to-end tests.
    barRect(id) {
      const i = model?.idToIndex.get(id);
      if (i === undefined || rows.linkRow[i] < 0) return null;
      const g = barGeometry(view(), i, rows.linkRow[i]);
      if (!g) return null;
      const rect = scroller.getBoundingClientRect();
      return { left: rect.left + g.x0, right: rect.left + g.x1, top: rect.top + g.top, bottom: rect.top + g.top + g.height, centerY: rect.top + g.y, visible: g.x1 > 0 && g.x0 < width && g.y > 0 && g.y < height };
    },
    scroller,
    setEditable(value) {
      editable = Boolean(value);
    },
    setEmptyContent(node) {
      empty.replaceChildren(node);
    },
    destroy() {
      observer.disconnect();
      stopAutoScroll();
      clearTimeout(tipTimer);
      grid.cancelEdit();
    },
  };
  element.ganttApi = api;
  return api;
}
