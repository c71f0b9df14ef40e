// 漏项报告: what was due in a period and not done by its date, for all
// units or one, as of a day; on screen, previewed and printed or saved as
// PDF through the document engine, and exported to Excel.
//
// Hooks: div[data-period-picker]; select[name="unitFilter"];
// input[name="asOf"]; [data-omission-summary]; table[data-table="omission-units"];
// table[data-table="omissions"] (rows tr[data-id]); button[data-action=
// "preview-report" | "save-report-pdf" | "print-report" | "export-omissions"].

import * as api from '../api/index.js';
import * as specApi from '../api/spec.js';
import { h } from '../components/dom.js';
import { createTable } from '../components/table.js';
import { toast } from '../components/toast.js';
import { isValidDate } from '../lib/dates.js';
import { loadFailed } from './common.js';
import { previewDialog, printDialog } from './documents/dialogs.js';
import { periodPicker, sharedPeriod, statusTag, saveExport } from './spec/parts.js';
import { todayIso } from '../lib/clock.js';
import { followUpActions } from './spec/followup.js';
import { can } from '../state.js';

export const omissionsPage = {
  id: 'omissions',
  title: '漏项报告',
  description: '对照工作规范逐项检查：应完成而未按时完成的工作（漏项），按单位和期间统计',
  render(ctx) {
    let period = sharedPeriod();
    let unitId = null;
    let asOf = todayIso();
    let report = null;

    const picker = periodPicker({
      value: period,
      onChange: (p) => {
        period = p;
        load();
      },
    });
    const unitSelect = h(
      'select',
      {
        class: 'input input--select input--compact',
        name: 'unitFilter',
        'aria-label': '单位',
        onChange: () => {
          unitId = unitSelect.value ? Number(unitSelect.value) : null;
          load();
        },
      },
      h('option', { value: '' }, '全部单位'),
    );
    const asOfError = h('span', { class: 'field-error', 'data-for': 'asOf', hidden: true });
    const asOfInput = h('input', {
      class: 'input input--compact num spec-asof',
      name: 'asOf',
      value: asOf,
      'aria-label': '统计截止日期',
      title: '统计截止日期：此日之前应完成的工作',
      onChange: () => {
        const v = asOfInput.value.trim();
        if (!isValidDate(v)) {
          asOfError.textContent = '截止日期格式应为 2026-03-31';
          asOfError.hidden = false;
          return;
        }
        asOfError.hidden = true;
        asOf = v;
        load();
      },
    });
    const summary = h('div', { class: 'spec-summary-bar', 'data-omission-summary': true });

    const request = () => ({ period, unitId, asOf });

    const unitsTable = createTable({
      name: 'omission-units',
      search: false,
      columns: [
        { key: 'unit', label: '单位', value: (u) => u.unitName, className: 'col-strong nowrap' },
        { key: 'due', label: '应完成', value: (u) => u.due, className: 'num' },
        { key: 'onTime', label: '按时完成', value: (u) => u.doneOnTime, className: 'num' },
        { key: 'omissions', label: '漏项', value: (u) => u.omissions, render: (u) => (u.omissions ? h('span', { class: 'tag spec-status spec-status--overdue num' }, String(u.omissions)) : h('span', { class: 'muted num' }, '0')), className: 'num' },
      ],
      rowId: (u) => u.unitId,
      onOpen: (u) => {
        unitSelect.value = String(u.unitId);
        unitId = u.unitId;
        load();
      },
      emptyState: () => h('div', { class: 'table-message' }, '本期截至所选日期没有应完成的工作。'),
    });
    const table = createTable({
      name: 'omissions',
      columns: [
        { key: 'unit', label: '责任单位', value: (o) => o.unitName, className: 'nowrap' },
        // Number, cycle and period under the item, as on the checklist: the 催办/整改
        // buttons then fit beside the list without scrolling sideways.
        {
          key: 'title',
          label: '工作事项',
          value: (o) => o.title,
          render: (o) => [h('div', { class: 'spec-cell__main' }, o.title), h('div', { class: 'spec-cell__sub' }, `${o.code} · ${o.cycleLabel} · ${o.periodLabel}`)],
          className: 'col-strong spec-cell',
        },
        { key: 'due', label: '应完成日期', value: (o) => o.dueDate, className: 'num nowrap' },
        { key: 'status', label: '情况', value: (o) => o.statusLabel, render: (o) => [statusTag(o.status, o.statusLabel), o.doneDate ? h('span', { class: 'muted num' }, ` ${o.doneDate}`) : null], className: 'nowrap' },
      ],
      // An omission not done yet: 催办 (a numbered notice) or 整改.
      actions: can.editOrganization()
        ? (o) =>
            o.status === 'open' && !o.doneDate
              ? followUpActions({ ...o, id: o.instanceId, status: 'overdue', reminders: [], rectificationIds: [] }, { onChanged: () => load() })
              : []
        : null,
      searchValues: (o) => [o.unitName, o.code, o.title, o.periodLabel],
      searchPlaceholder: '搜索单位、事项',
      emptyState: () =>
        h(
          'div',
          { class: 'empty-state', 'data-empty': true },
          h('div', { class: 'empty-state__title' }, '没有漏项'),
          h('p', { class: 'empty-state__text' }, '所选期间截至所选日期，应完成的工作都已按时完成（或本期还没有生成周期工作）。'),
        ),
    });

    const banner = h('div', { class: 'page-banner' });
    ctx.root.classList.add('spec-page');
    ctx.root.append(
      h('div', { class: 'spec-toolbar' }, picker.element, unitSelect, h('label', { class: 'spec-asof-label' }, '截至', asOfInput), asOfError),
      summary,
      banner,
      h('div', { class: 'spec-columns' }, h('section', { class: 'spec-columns__side' }, h('h3', { class: 'subheading' }, '各单位'), unitsTable.element), h('section', { class: 'spec-columns__main' }, h('h3', { class: 'subheading' }, '漏项清单'), table.element)),
    );

    const title = () => `${report?.unitName ?? ''}${report?.label ?? ''}漏项报告`;
    ctx.actions.append(
      h('button', { type: 'button', class: 'btn', 'data-action': 'export-omissions', onClick: () => saveExport(() => specApi.exportSpecXlsx({ kind: 'omissions', ...request() }), '漏项报告') }, '导出Excel'),
      h('button', { type: 'button', class: 'btn', 'data-action': 'save-report-pdf', onClick: savePdf }, '另存为PDF'),
      h(
        'button',
        {
          type: 'button',
          class: 'btn btn--primary',
          'data-action': 'preview-report',
          title: '预览打印 (Ctrl+P)',
          onClick: preview,
        },
        '预览打印',
      ),
    );

    async function savePdf() {
      try {
        const saved = await specApi.saveOmissionReportPdf(request());
        if (saved && saved.path) toast(`已保存PDF：${saved.path}`, 'success');
      } catch (error) {
        toast(`另存为PDF失败：${error.message}`, 'error');
      }
    }

    function print() {
      const doc = { title: title(), number: null };
      return printDialog(doc, { send: ({ printer, copies }) => specApi.printOmissionReport({ ...request(), printer, copies }) });
    }

    function preview() {
      const doc = { title: title(), number: null };
      return previewDialog(doc, { load: () => specApi.previewOmissionReport(request()), onPrint: print, onSavePdf: savePdf });
    }

    function onKeydown(event) {
      if (!(event.ctrlKey || event.metaKey) || event.altKey || event.key.toLowerCase() !== 'p') return;
      if (document.querySelector('dialog[open]')) return;
      event.preventDefault();
      preview();
    }
    document.addEventListener('keydown', onKeydown);
    if (ctx.onLeave) ctx.onLeave(() => document.removeEventListener('keydown', onKeydown));

    async function loadUnits() {
      const units = await api.listUnits({ includeRetired: false });
      const order = { committee: 0, department: 1, branch: 2 };
      units.sort((a, b) => (order[a.kind] ?? 9) - (order[b.kind] ?? 9) || a.id - b.id);
      unitSelect.append(...units.map((u) => h('option', { value: String(u.id) }, u.name)));
    }

    // Answers can arrive out of order when the period and unit change in
    // quick succession: only the latest request may fill the page.
    let latest = 0;
    async function load() {
      const mine = ++latest;
      try {
        const answer = await specApi.specOmissions(request());
        if (mine !== latest) return;
        report = answer;
        banner.replaceChildren();
        const due = report.units.reduce((n, u) => n + u.due, 0);
        const onTime = report.units.reduce((n, u) => n + u.doneOnTime, 0);
        summary.replaceChildren(
          h('strong', null, `${report.unitName ?? '全部单位'} · ${report.label}`),
          `：截至 ${report.asOf}（不含当日）应完成 ${due} 项，按时完成 ${onTime} 项，`,
          h('span', { class: report.total ? 'spec-bad' : 'spec-ok' }, `漏项 ${report.total} 项`),
        );
        unitsTable.setRows(report.units);
        table.setRows(report.rows);
      } catch (error) {
        loadFailed(banner, error, load);
      }
    }
    return loadUnits()
      .catch(() => {})
      .then(load);
  },
};
