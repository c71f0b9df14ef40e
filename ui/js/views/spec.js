// 工作规范: the catalogue of the 1234 table — search and filter, item
// detail with its three aspects and version history, new and edit forms
// (an edit adds a version), retire and reinstate, Excel import with a
// preview, Excel export.
//
// Hooks: table[data-table="spec"] (rows tr[data-id]); select[name="scopeFilter"],
// select[name="cycleFilter"], input[name="includeRetired"];
// button[data-action="new-spec" | "import-spec" | "export-spec"];
// input[data-import-spec] (the file chooser); aside[data-panel="spec"]
// (detail, [data-versions] li[data-version]) and aside[data-panel="spec-form"]
// with form[data-form="spec"]; dialog[data-dialog="spec-import"] with
// table[data-import-errors] / table[data-import-rows] and
// button[data-action="apply-import"].

import * as api from '../api/index.js';
import * as specApi from '../api/spec.js';
import { h } from '../components/dom.js';
import { createTable } from '../components/table.js';
import { textField, textareaField, selectField, checkboxGroup, staticField, formError, formActions } from '../components/fields.js';
import { bindForm } from '../components/form.js';
import { openPanel, closePanel } from '../components/panel.js';
import { confirmDialog } from '../components/dialog.js';
import { toast, toastError } from '../components/toast.js';
import { formatDateTime } from '../lib/dates.js';
import { can } from '../state.js';
import { toolbarSelect, toolbarCheckbox, loadFailed, actionButton, trimmed } from './common.js';
import { readPicked, saveExport } from './spec/parts.js';

export const SCOPES = [
  { value: 'committee', label: '党委部门' },
  { value: 'branch', label: '支部' },
];
export const CYCLES = [
  { value: 'year', label: '年' },
  { value: 'quarter', label: '季' },
  { value: 'month', label: '月' },
  { value: 'dekad', label: '旬' },
  { value: 'week', label: '周' },
  { value: 'day', label: '日' },
];
const CYCLE_ORDER = Object.fromEntries(CYCLES.map((c, i) => [c.value, i]));
const DUE_HINT = '写法：每年12月20日前、每季度首月10日前、每月25日前、每旬最后一个工作日、每周五、每日；落在休息日的提前到此前最后一个工作日';

function detailItem(label, value, key) {
  const empty = value === '' || value === null || value === undefined;
  return [h('dt', null, label), h('dd', { 'data-detail': key, class: 'spec-pre' }, empty ? h('span', { class: 'muted' }, '—') : value)];
}

function unitsText(item) {
  return item.everyBranch ? '各党支部' : item.unitNames.join('、');
}

export const specPage = {
  id: 'spec',
  title: '工作规范',
  description: '“1234”党建工作新模式工作规范：每项工作干什么、谁负责、何时完成、周期多长',
  render(ctx) {
    const editable = can.editOrganization();
    let items = [];
    let units = [];
    const filters = { scope: '', cycle: '', includeRetired: false };

    async function loadUnits() {
      units = (await api.listUnits({ includeRetired: false })).filter((u) => u.kind !== 'branch');
    }

    // ---------- detail ----------

    async function openDetail(id) {
      let item;
      try {
        item = await specApi.getSpecItem({ id });
      } catch (error) {
        toastError(error);
        return;
      }
      const versions = h(
        'ol',
        { class: 'spec-versions', 'data-versions': true },
        (item.versions ?? []).map((v) =>
          h(
            'li',
            { 'data-version': v.version, class: v.version === item.version ? 'is-current' : null },
            h('div', { class: 'spec-versions__head' }, h('strong', null, `第${v.version}版`), ` ${formatDateTime(v.createdAt)} · ${v.createdBy}`, v.instances ? h('span', { class: 'muted' }, ` · 已生成 ${v.instances} 条`) : null),
            h('div', null, `${v.title}（${v.cycleLabel}，${v.dueText}；${v.unitNames.join('、')}）`),
            v.note ? h('div', { class: 'muted' }, `说明：${v.note}`) : null,
          ),
        ),
      );
      const actions = h(
        'div',
        { class: 'form-actions' },
        editable && !item.retired ? actionButton('edit-spec', '修改', () => openForm(item)) : null,
        editable && !item.retired ? actionButton('retire-spec', '撤销', () => retire(item), { danger: true }) : null,
        editable && item.retired ? actionButton('reinstate-spec', '恢复', () => reinstate(item)) : null,
      );
      openPanel({
        host: ctx.panelHost,
        name: 'spec',
        title: `${item.code} ${item.title}`,
        wide: true,
        onClose: () => table.clearSelection(),
        content: h(
          'div',
          { class: 'spec-detail', 'data-spec-id': item.id },
          actions,
          h(
            'dl',
            { class: 'detail-list detail-list--wide' },
            detailItem('编号', item.code, 'code'),
            detailItem('适用范围', item.scopeLabel, 'scope'),
            detailItem('类别', item.category, 'category'),
            detailItem('工作内容', item.content, 'content'),
            detailItem('安排部署', item.arrange, 'arrange'),
            detailItem('组织实施', item.implement, 'implement'),
            detailItem('汇总统计', item.statistics, 'statistics'),
            detailItem('责任单位', unitsText(item), 'units'),
            detailItem('周期', item.cycleLabel, 'cycle'),
            detailItem('完成时限', item.dueText, 'dueText'),
            detailItem('佐证材料', item.evidence, 'evidence'),
            detailItem('状态', item.retired ? `已撤销（${item.retiredReason ?? ''}）` : `第${item.version}版，现行`, 'status'),
          ),
          h('h3', { class: 'subheading' }, '版本记录'),
          h('p', { class: 'muted' }, '修改事项会生成新版本；已生成的往期工作保持当时的版本，未到期、未完成的按新版本重新生成。'),
          versions,
        ),
      });
      table.select(item.id);
    }

    function retire(item) {
      return confirmDialog({
        title: '撤销工作规范事项',
        message: `确定撤销 ${item.code}“${item.title}”吗？`,
        details: '撤销后不再生成这项工作；尚未到期、未完成的任务随之取消，往期任务和漏项记录保留。以后可以恢复。',
        confirmLabel: '撤销',
        danger: true,
        reason: { label: '撤销原因' },
        onConfirm: async ({ reason }) => {
          await specApi.retireSpecItem({ id: item.id, reason });
          toast(`已撤销：${item.code} ${item.title}`, 'success');
          closePanel();
          await load();
        },
      });
    }

    async function reinstate(item) {
      try {
        await specApi.reinstateSpecItem({ id: item.id });
        toast(`已恢复：${item.code} ${item.title}`, 'success');
        await load();
        await openDetail(item.id);
      } catch (error) {
        toastError(error);
      }
    }

    // ---------- form ----------

    async function openForm(item = null) {
      try {
        await loadUnits();
      } catch (error) {
        toastError(error);
        return;
      }
      const scope = item ? item.scope : 'committee';
      const unitGroup = checkboxGroup({
        name: 'unitIds',
        label: '责任单位',
        required: true,
        options: units.map((u) => ({ value: String(u.id), label: u.name })),
        values: item ? item.unitIds.map(String) : [],
        hint: '矿党委或党委部门，可多选',
      });
      const branchNote = staticField({ label: '责任单位', value: '各党支部（生成时分解到每个在册党支部）' });
      const scopeField = item
        ? staticField({ label: '适用范围', value: item.scopeLabel })
        : selectField({ name: 'scope', label: '适用范围', required: true, options: SCOPES, value: scope });
      function showUnits(s) {
        unitGroup.hidden = s === 'branch';
        branchNote.hidden = s !== 'branch';
      }
      showUnits(scope);
      const form = h(
        'form',
        { class: 'form', 'data-form': 'spec' },
        textField({ name: 'code', label: '编号', value: item?.code, placeholder: '不填则自动编号（DW-001 / ZB-001）', maxlength: 20 }),
        scopeField,
        textField({ name: 'category', label: '类别', value: item?.category, placeholder: '如：组织建设', maxlength: 20 }),
        textField({ name: 'title', label: '工作事项', required: true, value: item?.title, maxlength: 60, wide: true }),
        textareaField({ name: 'content', label: '工作内容', value: item?.content, rows: 2 }),
        textareaField({ name: 'arrange', label: '安排部署', value: item?.arrange, rows: 2 }),
        textareaField({ name: 'implement', label: '组织实施', value: item?.implement, rows: 2 }),
        textareaField({ name: 'statistics', label: '汇总统计', value: item?.statistics, rows: 2 }),
        unitGroup,
        branchNote,
        textField({ name: 'dueText', label: '完成时限', required: true, value: item?.dueText, placeholder: '如：每月25日前', hint: DUE_HINT, wide: true }),
        textField({ name: 'evidence', label: '佐证材料', value: item?.evidence, placeholder: '如：会议记录、签到表', wide: true }),
        item ? textField({ name: 'note', label: '修改说明', placeholder: '记入版本记录，如：完成时限由25日提前到20日', wide: true }) : null,
        formError(),
        formActions(item ? '保存为新版本' : '新建事项', { onCancel: closePanel }),
      );
      form.querySelector('select[name="scope"]')?.addEventListener('change', (event) => showUnits(event.target.value));
      bindForm(form, {
        validate: (values) => {
          const errors = {};
          if (!trimmed(values.title)) errors.title = '工作事项不能为空';
          if (!trimmed(values.dueText)) errors.dueText = '请填写完成时限，如“每月25日前”';
          const s = item ? item.scope : values.scope;
          if (s !== 'branch' && (values.unitIds ?? []).length === 0) errors.unitIds = '请选择责任单位';
          return errors;
        },
        submit: async (values) => {
          const input = {
            code: trimmed(values.code),
            scope: item ? item.scope : values.scope,
            category: trimmed(values.category),
            title: trimmed(values.title),
            content: trimmed(values.content),
            arrange: trimmed(values.arrange),
            implement: trimmed(values.implement),
            statistics: trimmed(values.statistics),
            unitIds: values.unitIds ?? [],
            dueText: trimmed(values.dueText),
            evidence: trimmed(values.evidence),
            note: trimmed(values.note ?? ''),
          };
          const saved = item ? await specApi.updateSpecItem({ id: item.id, ...input }) : await specApi.createSpecItem(input);
          toast(item ? (saved.version > item.version ? `已保存为第${saved.version}版：${saved.title}` : '内容没有变化') : `已新建：${saved.code} ${saved.title}`, 'success');
          await load();
          await openDetail(saved.id);
        },
      });
      openPanel({ host: ctx.panelHost, name: 'spec-form', title: item ? `修改 ${item.code}` : '新建工作规范事项', content: form, wide: true, onClose: () => table.clearSelection() });
    }

    // ---------- import / export ----------

    const fileInput = h('input', { type: 'file', accept: '.xlsx', class: 'visually-hidden', 'data-import-spec': true, 'aria-label': '选择Excel文件' });
    fileInput.addEventListener('change', async () => {
      const file = fileInput.files && fileInput.files[0];
      fileInput.value = '';
      if (!file) return;
      let picked;
      let preview;
      try {
        picked = await readPicked(file);
        preview = await specApi.previewSpecImport(picked);
      } catch (error) {
        toast(error.message, 'error');
        return;
      }
      importDialog(picked, preview);
    });

    function importDialog(picked, p) {
      const errorTable = p.errors.length
        ? h(
            'table',
            { class: 'grid grid--compact', 'data-import-errors': true },
            h('thead', null, h('tr', null, h('th', null, '行'), h('th', null, '列'), h('th', null, '问题'))),
            h('tbody', null, p.errors.map((e) => h('tr', { 'data-row': e.row }, h('td', { class: 'num' }, `第${e.row}行`), h('td', { class: 'nowrap' }, `${e.column}列 ${e.columnTitle}`), h('td', null, e.reason)))),
          )
        : h('p', { class: 'spec-ok' }, '没有发现错误。');
      const rowsTable = h(
        'table',
        { class: 'grid grid--compact', 'data-import-rows': true },
        h('thead', null, h('tr', null, ['行', '编号', '工作事项', '范围', '完成时限', '处理'].map((t) => h('th', null, t)))),
        h(
          'tbody',
          null,
          p.rows.map((r) =>
            h(
              'tr',
              { 'data-row': r.row, 'data-import-action': r.action, class: r.action === 'error' ? 'spec-row--error' : null },
              h('td', { class: 'num' }, r.row),
              h('td', { class: 'nowrap' }, r.code || h('span', { class: 'muted' }, '（自动编号）')),
              h('td', null, r.title),
              h('td', { class: 'nowrap' }, r.scopeLabel),
              h('td', { class: 'nowrap' }, r.dueText),
              h('td', { class: 'nowrap' }, r.actionLabel),
            ),
          ),
        ),
      );
      const good = p.creates + p.updates;
      const apply = h('button', { type: 'button', class: 'btn btn--primary', 'data-action': 'apply-import', disabled: good === 0 }, good ? `确认导入 ${good} 项` : '没有可导入的行');
      const dialog = h(
        'dialog',
        { class: 'dialog dialog--doc-wide spec-import', 'data-dialog': 'spec-import', 'aria-label': '导入预览' },
        h(
          'div',
          { class: 'dialog__form' },
          h('h2', { class: 'dialog__title' }, `导入预览：${picked.fileName}`),
          h(
            'p',
            { class: 'dialog__message', 'data-import-summary': true },
            `工作表“${p.sheet}”，表头在第${p.headerRow}行。新增 ${p.creates} 项，修改 ${p.updates} 项，无变化 ${p.unchanged} 项，有错误 ${p.errorRows} 行（不导入）。确认之前不会写入任何数据。`,
          ),
          h('h3', { class: 'subheading' }, `错误（${p.errors.length}）`),
          h('div', { class: 'spec-import__scroll' }, errorTable),
          h('h3', { class: 'subheading' }, `数据行（${p.rows.length}）`),
          h('div', { class: 'spec-import__scroll' }, rowsTable),
          h('div', { class: 'form-actions form-actions--end' }, h('button', { type: 'button', class: 'btn', 'data-action': 'cancel', onClick: () => dialog.close() }, '取消'), apply),
        ),
      );
      apply.addEventListener('click', async () => {
        apply.disabled = true;
        try {
          const r = await specApi.applySpecImport(picked);
          toast(`已导入：新增 ${r.created}，修改 ${r.updated}，无变化 ${r.unchanged}，跳过 ${r.skipped} 行`, 'success');
          dialog.close();
          await load();
        } catch (error) {
          toast(error.message, 'error');
          apply.disabled = false;
        }
      });
      dialog.addEventListener('close', () => dialog.remove());
      document.body.append(dialog);
      dialog.showModal();
    }

    // ---------- list ----------

    const scopeSelect = toolbarSelect({ name: 'scopeFilter', label: '范围', options: SCOPES, onChange: (v) => ((filters.scope = v), applyFilters()) });
    const cycleSelect = toolbarSelect({ name: 'cycleFilter', label: '周期', options: CYCLES, onChange: (v) => ((filters.cycle = v), applyFilters()) });
    const retiredToggle = toolbarCheckbox({ name: 'includeRetired', label: '显示已撤销', onChange: (checked) => ((filters.includeRetired = checked), load()) });
    const summary = h('span', { class: 'muted spec-summary', 'data-spec-summary': true });

    function applyFilters() {
      const { scope, cycle } = filters;
      table.setPredicate(scope || cycle ? (i) => (!scope || i.scope === scope) && (!cycle || i.cycle === cycle) : null);
    }

    const table = createTable({
      name: 'spec',
      columns: [
        { key: 'code', label: '编号', value: (i) => i.code, className: 'nowrap num' },
        { key: 'scope', label: '范围', value: (i) => i.scopeLabel, className: 'nowrap' },
        { key: 'category', label: '类别', value: (i) => i.category, className: 'nowrap' },
        { key: 'title', label: '工作事项', value: (i) => i.title, className: 'col-strong' },
        { key: 'units', label: '责任单位', value: unitsText },
        { key: 'cycle', label: '周期', value: (i) => i.cycleLabel, sortValue: (i) => CYCLE_ORDER[i.cycle], className: 'nowrap' },
        { key: 'due', label: '完成时限', value: (i) => i.dueText, className: 'nowrap' },
        { key: 'version', label: '版本', value: (i) => i.version, render: (i) => (i.retired ? h('span', { class: 'tag tag--retired' }, '已撤销') : `第${i.version}版`), className: 'nowrap' },
      ],
      searchValues: (i) => [i.code, i.title, i.category, i.content, i.dueText, unitsText(i), i.evidence],
      searchPlaceholder: '搜索编号、事项、单位、时限',
      rowClass: (i) => (i.retired ? 'is-retired' : null),
      toolbar: [scopeSelect, cycleSelect, retiredToggle, summary],
      onOpen: (i) => openDetail(i.id),
      onClearFilters: () => {
        filters.scope = '';
        filters.cycle = '';
        scopeSelect.value = '';
        cycleSelect.value = '';
        applyFilters();
      },
      emptyState: () =>
        h(
          'div',
          { class: 'empty-state', 'data-empty': true },
          h('div', { class: 'empty-state__title' }, '还没有工作规范'),
          h('p', { class: 'empty-state__text' }, '把党委、部门和支部的各项工作按年、季、月、旬、周、日梳理成表：每项工作干什么、谁负责、何时完成。可以逐项新建，也可以从 Excel 导入整张规范表。'),
          editable
            ? h(
                'div',
                { class: 'empty-state__actions' },
                h('button', { type: 'button', class: 'btn btn--primary', 'data-action': 'new-spec', onClick: () => openForm() }, '新建事项'),
                h('button', { type: 'button', class: 'btn', 'data-action': 'import-spec', onClick: () => fileInput.click() }, '从Excel导入'),
              )
            : null,
        ),
    });

    const banner = h('div', { class: 'page-banner' });
    ctx.root.append(banner, table.element, fileInput);
    ctx.root.classList.add('spec-page');
    ctx.actions.append(
      editable ? h('button', { type: 'button', class: 'btn', 'data-action': 'import-spec', onClick: () => fileInput.click() }, '导入Excel') : null,
      h('button', { type: 'button', class: 'btn', 'data-action': 'export-spec', onClick: () => saveExport(() => specApi.exportSpecXlsx({ kind: 'catalogue' }), '工作规范') }, '导出Excel'),
      editable ? h('button', { type: 'button', class: 'btn btn--primary', 'data-action': 'new-spec', onClick: () => openForm() }, '新建事项') : null,
    );

    async function load() {
      try {
        items = await specApi.listSpecItems({ includeRetired: filters.includeRetired });
        banner.replaceChildren();
        const committee = items.filter((i) => i.scope === 'committee' && !i.retired).length;
        const branch = items.filter((i) => i.scope === 'branch' && !i.retired).length;
        summary.textContent = `党委、部门 ${committee} 项 · 支部 ${branch} 项`;
        applyFilters();
        table.setRows(items);
      } catch (error) {
        loadFailed(banner, error, load);
      }
    }
    return load();
  },
};
