// 整改: problems found by inspections, supervision, hotline calls, meetings
// and feedback, each under 三定 (项目名称, 责任人, 完成时限), open ones first by
// deadline, amber when due soon and red when overdue. A row opens the
// rectification in the side panel (rectify/detail.js).
//
// Hooks: table[data-table="rectifications"] (rows tr[data-id], data-due on
// the deadline cell), select[name="statusFilter" | "unitFilter" |
// "sourceFilter" | "dueFilter"], button[data-action="new-rectification"],
// aside[data-panel="rectification"], aside[data-panel="rectification-form"].

import * as api from '../api/index.js';
import * as loopApi from '../api/loop.js';
import { h } from '../components/dom.js';
import { createTable } from '../components/table.js';
import { toastError } from '../components/toast.js';
import { grants } from '../state.js';
import { RECT_SOURCES, RECT_STATUSES, DUE_FILTERS, dueBadge } from '../lib/loop.js';
import { toolbarSelect, loadFailed } from './common.js';
import { openRectificationDetail, rectStatusTag, dueTag } from './rectify/detail.js';
import { openVisitPage } from './registers/visits.js';
import { openRectificationForm } from './rectify/form.js';

// A rectification another page asked to show (from a timeline).
let pendingOpenId = null;

export function openRectificationPage(ctx, id) {
  pendingOpenId = id;
  ctx.navigate('rectifications');
}

export const rectificationsPage = {
  id: 'rectifications',
  title: '整改',
  description: '问题整改按三定落实：项目名称、责任人、完成时限；验收通过后销号',
  render(ctx) {
    const editable = grants().edit;
    let rows = [];
    let units = [];
    const filters = { status: '', unitId: '', source: '', due: '' };
    let detail = null;
    let detailId = null;

    async function loadUnits() {
      units = await api.listUnits({ includeRetired: false });
    }

    function openDetail(r) {
      detail = openRectificationDetail({
        host: ctx.panelHost,
        r,
        editable,
        onEdit: (x) => openForm(x),
        onOpenVisit: (id) => openVisitPage(ctx, id),
        onChanged: async (saved) => {
          await load();
          table.select(saved.id);
        },
        onClose: () => {
          detail = null;
          detailId = null;
          table.clearSelection();
        },
      });
      detailId = r.id;
      table.select(r.id);
    }

    async function openById(id) {
      try {
        openDetail(await loopApi.getRectification({ id }));
      } catch (error) {
        toastError(error);
      }
    }

    async function openForm(r = null) {
      try {
        await loadUnits();
      } catch (error) {
        toastError(error);
        return;
      }
      openRectificationForm({
        host: ctx.panelHost,
        r,
        units,
        onClose: () => table.clearSelection(),
        onSaved: async (saved) => {
          await load();
          openDetail(saved);
        },
      });
    }

    const filterSelect = (name, label, options, key) =>
      toolbarSelect({
        name,
        label,
        options,
        onChange: (value) => {
          filters[key] = value;
          applyFilters();
        },
      });
    const statusFilter = filterSelect('statusFilter', '状态', RECT_STATUSES, 'status');
    const sourceFilter = filterSelect('sourceFilter', '来源', RECT_SOURCES, 'source');
    const dueFilter = filterSelect('dueFilter', '时限', DUE_FILTERS, 'due');
    const unitFilter = filterSelect('unitFilter', '责任单位', [], 'unitId');

    function fillUnitFilter() {
      const seen = new Map(rows.map((r) => [String(r.unitId), r.unitName]));
      const keep = unitFilter.value;
      unitFilter.replaceChildren(h('option', { value: '' }, '全部责任单位'), [...seen].sort((a, b) => a[1].localeCompare(b[1], 'zh')).map(([value, label]) => h('option', { value }, label)));
      unitFilter.value = seen.has(keep) ? keep : '';
    }

    function applyFilters() {
      const { status, unitId, source, due } = filters;
      const matchesDue = (r) => !due || (due === 'late' ? r.dueState === 'overdue' || r.dueState === 'due_soon' : r.dueState === due);
      table.setPredicate(
        status || unitId || source || due
          ? (r) => (!status || r.status === status) && (!unitId || String(r.unitId) === unitId) && (!source || r.source === source) && matchesDue(r)
          : null,
      );
    }

    const table = createTable({
      name: 'rectifications',
      columns: [
        {
          key: 'item',
          label: '项目名称',
          value: (r) => r.itemName,
          render: (r) => h('div', { class: 'rect-cell' }, h('div', { class: 'col-strong' }, r.itemName), h('div', { class: 'rect-cell__problem muted' }, r.problem)),
          className: 'rect-col-item',
        },
        { key: 'source', label: '来源', value: (r) => r.sourceLabel, className: 'nowrap' },
        { key: 'unit', label: '责任单位', value: (r) => r.unitName, className: 'nowrap' },
        { key: 'person', label: '责任人', value: (r) => r.personName, className: 'nowrap' },
        {
          key: 'deadline',
          label: '完成时限',
          value: (r) => r.deadline,
          render: (r) => h('span', { class: ['rect-deadline', `loop-due-text--${dueBadge(r.dueState).tone || 'none'}`], 'data-due': r.dueState }, r.deadline, dueTag(r)),
          className: 'num nowrap',
        },
        {
          key: 'status',
          label: '状态',
          value: (r) => r.statusLabel,
          sortValue: (r) => ['open', 'verified', 'closed'].indexOf(r.status),
          render: (r) => rectStatusTag(r),
          className: 'nowrap',
        },
      ],
      searchValues: (r) => [r.itemName, r.problem, r.personName, r.unitName, r.sourceLabel, r.sourceRef, r.targetTitle, r.measures],
      searchPlaceholder: '搜索项目、问题、责任人、单位',
      rowClass: (r) => [r.status === 'closed' && 'is-retired', r.dueState === 'overdue' && 'rect-row--overdue', r.dueState === 'due_soon' && 'rect-row--due-soon'].filter(Boolean).join(' ') || null,
      toolbar: [statusFilter, unitFilter, sourceFilter, dueFilter],
      onOpen: (r) => openDetail(r),
      onClearFilters: () => {
        for (const key of Object.keys(filters)) filters[key] = '';
        for (const select of [statusFilter, unitFilter, sourceFilter, dueFilter]) select.value = '';
        applyFilters();
      },
      emptyState: () =>
        h(
          'div',
          { class: 'empty-state', 'data-empty': true },
          h('div', { class: 'empty-state__title' }, '还没有整改事项'),
          h(
            'p',
            { class: 'empty-state__text' },
            '综合大检查、督办、热线电话、调度会和反馈中发现的问题在这里登记，按“三定”明确项目名称、责任人和完成时限，整改完成后验收、销号，做到问题不查清不放过、整改不彻底不放过。',
          ),
          editable ? h('div', { class: 'empty-state__actions' }, h('button', { type: 'button', class: 'btn btn--primary', 'data-action': 'new-rectification', onClick: () => openForm() }, '登记整改')) : null,
        ),
    });

    const banner = h('div', { class: 'page-banner' });
    ctx.root.append(banner, table.element);
    if (editable) {
      ctx.actions.append(h('button', { type: 'button', class: 'btn btn--primary', 'data-action': 'new-rectification', onClick: () => openForm() }, '登记整改'));
    }

    async function load() {
      try {
        rows = await loopApi.listRectifications();
        banner.replaceChildren();
        fillUnitFilter();
        applyFilters();
        table.setRows(rows);
        if (detailId !== null && detail && detail.isOpen()) {
          table.select(detailId);
          const fresh = rows.find((r) => r.id === detailId);
          if (fresh) detail.update(await loopApi.getRectification({ id: fresh.id }));
        }
      } catch (error) {
        loadFailed(banner, error, load);
      }
    }

    return load().then(async () => {
      if (pendingOpenId === null) return;
      const id = pendingOpenId;
      pendingOpenId = null;
      await openById(id);
    });
  },
};
