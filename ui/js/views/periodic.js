// 周期工作: choose a period, generate its work, see the committee's list of
// all items decomposed to departments and branches, open one unit's
// checklist (or one item across its units) and tick work done.
//
// Hooks: div[data-period-picker] (see spec/parts.js); button[data-action=
// "generate-period" | "export-overview"]; [data-overview-summary];
// div[data-view-tabs] button[data-view-tab="items" | "units"];
// table[data-table="spec-items"] / table[data-table="spec-units"] (rows
// tr[data-id]); aside[data-panel="checklist"] with [data-checklist-unit],
// table[data-table="checklist"] rows tr[data-id] with class spec-row--STATUS (the status
// cell holds the evidence and its [data-attachments] tiles), and per row
// button[data-action="tick" | "untick"] and input[data-pick] (not done ones);
// button[data-action="batch-done" | "export-checklist"].

import * as specApi from '../api/spec.js';
import { h } from '../components/dom.js';
import { createTable } from '../components/table.js';
import { openPanel } from '../components/panel.js';
import { confirmDialog } from '../components/dialog.js';
import { toast, toastError } from '../components/toast.js';
import { can } from '../state.js';
import { loadFailed, actionButton } from './common.js';
import { attachmentList } from './loop/attachments.js';
import { periodPicker, sharedPeriod, statusTag, doneDialog, saveExport } from './spec/parts.js';
import { pickColumn, batchDoneDialog } from './spec/followup.js';

function ratio(done, total) {
  return h('span', { class: 'spec-ratio' }, h('meter', { min: 0, max: Math.max(total, 1), value: done, class: 'spec-meter' }), h('span', { class: 'num' }, `${done}/${total}`));
}

function overdueCell(n) {
  return n > 0 ? h('span', { class: 'tag spec-status spec-status--overdue num' }, String(n)) : h('span', { class: 'muted num' }, '0');
}

export const periodicPage = {
  id: 'periodic',
  title: '周期工作',
  description: '按年、季、月、旬、周、日生成各单位应办工作，对照清单逐项登记完成',
  render(ctx) {
    const editable = can.editOrganization();
    let period = sharedPeriod();
    let overview = null;
    let view = 'items';
    let panel = null; // {kind: 'unit'|'item', id, title}
    let panelToken = null;

    const picker = periodPicker({
      value: period,
      onChange: (p) => {
        period = p;
        load();
      },
    });
    const summary = h('div', { class: 'spec-summary-bar', 'data-overview-summary': true });

    // ---------- the checklist panel ----------

    async function openChecklist(target) {
      panel = target;
      let rows;
      let head;
      try {
        if (target.kind === 'unit') {
          const c = await specApi.specChecklist({ unitId: target.id, period });
          rows = c.rows;
          head = `${c.unitName} · ${c.label}：共 ${c.total} 项，已完成 ${c.done}，漏项 ${c.overdue}`;
        } else {
          rows = await specApi.specItemProgress({ itemId: target.id, period });
          head = `${target.title} · ${picker.element.querySelector('[data-period-label]').textContent}：${rows.length} 条任务`;
        }
      } catch (error) {
        toastError(error);
        return;
      }
      // Rows ticked for 批量登记完成 (one date and evidence file for all).
      const picked = new Set();
      const batchButton = editable
        ? h('button', { type: 'button', class: 'btn btn--small btn--primary', 'data-action': 'batch-done', disabled: true, onClick: async () => { if (await batchDoneDialog(rows.filter((r) => picked.has(r.id)))) await refreshAfterChange(); } }, '批量登记完成…')
        : null;
      const onPick = () => {
        if (batchButton) {
          batchButton.disabled = picked.size === 0;
          batchButton.textContent = picked.size ? `批量登记完成（${picked.size}）…` : '批量登记完成…';
        }
        list.setRows(rows);
      };
      const list = createTable({
        name: 'checklist',
        search: rows.length > 12,
        searchPlaceholder: '搜索事项',
        columns: [
          ...(editable ? [pickColumn(picked, () => onPick())] : []),
          { key: 'due', label: '应完成', value: (r) => r.dueDate, className: 'num nowrap' },
          {
            key: 'title',
            label: target.kind === 'unit' ? '工作事项' : '责任单位',
            value: (r) => (target.kind === 'unit' ? r.title : r.unitName),
            render: (r) => [
              h('div', { class: 'spec-cell__main' }, target.kind === 'unit' ? r.title : r.unitName, r.editedSince ? h('span', { class: 'tag spec-version-tag', title: `按第${r.version}版生成，事项已修改` }, `第${r.version}版`) : null),
              h('div', { class: 'spec-cell__sub' }, `${r.code} · ${r.dueText} · ${r.periodLabel}`),
            ],
            className: 'col-strong spec-cell',
          },
          {
            key: 'status',
            label: '状态与佐证',
            value: (r) => r.statusLabel,
            render: (r) => [
              statusTag(r.status, r.statusLabel),
              r.doneDate ? h('div', { class: 'spec-cell__sub num' }, r.doneDate) : null,
              r.doneDate && r.evidence ? h('div', { class: 'spec-cell__sub spec-cell__evidence' }, r.evidence) : null,
              r.doneDate ? attachmentList(r.attachments, { compact: true }) : null,
            ],
            className: 'spec-cell spec-cell--status',
          },
        ],
        searchValues: (r) => [r.title, r.code, r.unitName, r.periodLabel, r.evidence ?? '', ...(r.attachments ?? []).map((a) => a.name)],
        rowClass: (r) => `spec-row--${r.status}`,
        actions: editable
          ? (r) =>
              r.doneDate
                ? [actionButton('edit-done', '修改', () => tick(r)), actionButton('untick', '撤销', () => untick(r), { danger: true })]
                : [actionButton('tick', '完成', () => tick(r), { title: '登记完成日期、完成情况和佐证材料' })]
          : null,
        emptyState: () => h('div', { class: 'empty-state' }, h('div', { class: 'empty-state__title' }, '本期没有这项工作'), h('p', { class: 'empty-state__text' }, '所选期间还没有生成，或该单位本期没有应办事项。')),
      });
      list.setRows(rows);
      const exportButton =
        target.kind === 'unit'
          ? h('button', { type: 'button', class: 'btn btn--small', 'data-action': 'export-checklist', onClick: () => saveExport(() => specApi.exportSpecXlsx({ kind: 'checklist', period, unitId: target.id }), '工作清单') }, '导出清单')
          : null;
      // Re-opening replaces the panel, which runs the old one's onClose:
      // only the panel still current may forget what is open.
      const token = {};
      panelToken = token;
      openPanel({
        host: ctx.panelHost,
        name: 'checklist',
        title: target.kind === 'unit' ? `工作清单：${target.title}` : `分解情况：${target.title}`,
        wide: true,
        onClose: () => {
          if (panelToken === token) panel = null;
        },
        content: h('div', { class: 'spec-checklist', 'data-checklist-unit': target.kind === 'unit' ? target.id : null, 'data-checklist-item': target.kind === 'item' ? target.id : null }, h('div', { class: 'spec-checklist__head' }, h('span', null, head), h('span', { class: 'spec-checklist__buttons' }, batchButton, exportButton)), list.element),
      });
    }

    async function refreshAfterChange() {
      await load();
      if (panel) await openChecklist(panel);
    }

    async function tick(row) {
      const saved = await doneDialog(row);
      if (saved) await refreshAfterChange();
    }

    function untick(row) {
      return confirmDialog({
        title: '撤销完成登记',
        message: `撤销 ${row.unitName}“${row.title}”（${row.periodLabel}）的完成登记吗？`,
        details: '用于更正误登记。应完成日期已过的，撤销后重新计为漏项。',
        confirmLabel: '撤销登记',
        danger: true,
        onConfirm: async () => {
          await specApi.unmarkSpecDone({ id: row.id });
          toast('已撤销完成登记', 'success');
        },
      }).then(async (done) => {
        if (done) await refreshAfterChange();
      });
    }

    // ---------- the overview ----------

    const itemsTable = createTable({
      name: 'spec-items',
      columns: [
        { key: 'code', label: '编号', value: (i) => i.code, className: 'nowrap num' },
        { key: 'title', label: '工作事项', value: (i) => i.title, className: 'col-strong' },
        { key: 'cycle', label: '周期', value: (i) => i.cycleLabel, className: 'nowrap' },
        { key: 'due', label: '完成时限', value: (i) => i.dueText, className: 'nowrap' },
        { key: 'units', label: '责任单位', value: (i) => i.unitsText },
        { key: 'times', label: '期数', value: (i) => i.times, className: 'num' },
        { key: 'done', label: '完成', value: (i) => i.done / Math.max(i.instances, 1), render: (i) => ratio(i.done, i.instances), className: 'nowrap' },
        { key: 'overdue', label: '漏项', value: (i) => i.overdue, render: (i) => overdueCell(i.overdue), className: 'num' },
      ],
      rowId: (i) => i.itemId,
      searchValues: (i) => [i.code, i.title, i.category, i.unitsText, i.dueText],
      searchPlaceholder: '搜索事项、单位',
      onOpen: (i) => openChecklist({ kind: 'item', id: i.itemId, title: `${i.code} ${i.title}` }),
      emptyState: () => emptyOverview(),
    });
    const unitsTable = createTable({
      name: 'spec-units',
      columns: [
        { key: 'unit', label: '单位', value: (u) => u.unitName, className: 'col-strong' },
        { key: 'kind', label: '类别', value: (u) => u.kindLabel, className: 'nowrap' },
        { key: 'instances', label: '应办', value: (u) => u.instances, className: 'num' },
        { key: 'done', label: '完成', value: (u) => u.done / Math.max(u.instances, 1), render: (u) => ratio(u.done, u.instances), className: 'nowrap' },
        { key: 'overdue', label: '漏项', value: (u) => u.overdue, render: (u) => overdueCell(u.overdue), className: 'num' },
      ],
      rowId: (u) => u.unitId,
      searchPlaceholder: '搜索单位',
      onOpen: (u) => openChecklist({ kind: 'unit', id: u.unitId, title: u.unitName }),
      emptyState: () => emptyOverview(),
    });

    function emptyOverview() {
      return h(
        'div',
        { class: 'empty-state', 'data-empty': true },
        h('div', { class: 'empty-state__title' }, '本期还没有周期工作'),
        h('p', { class: 'empty-state__text' }, '按工作规范生成本期各单位应办的工作：党委、部门事项分到责任单位，支部事项分到每个在册党支部，完成时限落在工作日。重复生成不会产生重复任务。'),
        editable ? h('button', { type: 'button', class: 'btn btn--primary', 'data-action': 'generate-period', onClick: generate }, '生成本期工作') : null,
      );
    }

    const tabs = [
      { value: 'items', label: '工作清单' },
      { value: 'units', label: '单位分解' },
    ].map((t) =>
      h('button', { type: 'button', class: 'doc-tab', role: 'tab', 'data-view-tab': t.value, 'aria-selected': String(t.value === view), onClick: () => setView(t.value) }, t.label),
    );
    const tabBar = h('div', { class: 'doc-tabs', role: 'tablist', 'data-view-tabs': true }, tabs);
    const holder = h('div', { class: 'spec-view' });

    function setView(v) {
      view = v;
      for (const t of tabs) t.setAttribute('aria-selected', String(t.dataset.viewTab === view));
      holder.replaceChildren(view === 'items' ? itemsTable.element : unitsTable.element);
    }

    async function generate() {
      try {
        const r = await specApi.generateSpecPeriod({ period });
        toast(r.created > 0 ? `已生成${r.label}的工作 ${r.created} 项（本期共 ${r.total} 项）` : `${r.label}的工作已全部生成，没有新增（共 ${r.total} 项）`, 'success');
        await load();
      } catch (error) {
        toastError(error);
      }
    }

    const banner = h('div', { class: 'page-banner' });
    ctx.root.classList.add('spec-page');
    ctx.root.append(h('div', { class: 'spec-toolbar' }, picker.element, tabBar), summary, banner, holder);
    setView(view);
    ctx.actions.append(
      h('button', { type: 'button', class: 'btn', 'data-action': 'export-overview', onClick: () => saveExport(() => specApi.exportSpecXlsx({ kind: 'overview', period }), '工作清单') }, '导出清单'),
      editable ? h('button', { type: 'button', class: 'btn btn--primary', 'data-action': 'generate-period', onClick: generate }, '生成本期工作') : null,
    );

    // Only the latest request may fill the page (periods change quickly).
    let latest = 0;
    async function load() {
      const mine = ++latest;
      try {
        const answer = await specApi.specOverview({ period });
        if (mine !== latest) return;
        overview = answer;
        banner.replaceChildren();
        summary.replaceChildren(
          h('strong', null, overview.label),
          `：${overview.items.length} 项工作分解为 ${overview.total} 条任务，涉及 ${overview.units.length} 个单位；已完成 ${overview.done}，`,
          h('span', { class: overview.overdue ? 'spec-bad' : null }, `漏项 ${overview.overdue}`),
          overview.generated || overview.total === 0 ? '' : h('span', { class: 'muted' }, '（本期未单独生成，所列为已生成的相关期间中落在本期的任务）'),
        );
        itemsTable.setRows(overview.items);
        unitsTable.setRows(overview.units);
      } catch (error) {
        loadFailed(banner, error, load);
      }
    }
    return load();
  },
};
