// 督办催办: the reminder list (催办清单: every record whose periodic report
// is missing or whose deadline passed, longest overdue first, with a
// one-click reminder notice), the supervision records (督办记录) and the
// reminder notices sent (催办通知单).
//
// Hooks: div[data-sup-tabs] button[data-sup-tab="reminders" | "records" | "sent"];
// table[data-table="reminders"] rows tr[data-id="document:12"] with
// [data-due-state] and button[data-action="remind" | "supervise" | "open-target"];
// table[data-table="supervisions"]; table[data-table="reminders-sent"] with
// button[data-action="preview-reminder"]; button[data-action="new-supervision"].

import * as api from '../api/index.js';
import * as supApi from '../api/supervision.js';
import { h } from '../components/dom.js';
import { createTable, emptyState } from '../components/table.js';
import { light } from '../components/light.js';
import { toastError } from '../components/toast.js';
import { SUPERVISION_METHODS, itemName, missingText, reminderStatus, shortDate } from '../lib/supervision.js';
import { grants } from '../state.js';
import { loadFailed, toolbarSelect } from './common.js';
import { remindNow, supervisionDialog, targetOf } from './supervision/actions.js';
import { previewReminder } from './supervision/papers.js';
import { openTarget } from './supervision/navigate.js';
import { now as clockNow } from '../lib/clock.js';

const TABS = [
  { id: 'reminders', label: '催办清单' },
  { id: 'records', label: '督办记录' },
  { id: 'sent', label: '已发催办通知单' },
];

let pendingTab = null;

/** Opens the page on a tab (the dashboard's links). */
export function showSupervisionTab(tab) {
  pendingTab = tab;
}

export const supervisionPage = {
  id: 'supervision',
  title: '督办催办',
  description: '按时间节点督办：缺报、逾期的事项进入催办清单，一键生成催办通知单；登记现场、电话、会议、平台督办记录',
  render(ctx) {
    const editable = grants().edit;
    let tab = pendingTab ?? 'reminders';
    pendingTab = null;
    let units = [];
    const banner = h('div', { class: 'page-banner' });
    const year = clockNow().getFullYear();

    // ---------- 催办清单 ----------
    const remindersTable = createTable({
      name: 'reminders',
      rowId: (r) => `${r.targetKind}:${r.targetId}`,
      columns: [
        { key: 'light', label: '', value: (r) => r.overdueDays, render: (r) => light(r.dueState), className: 'col-light', sortable: false },
        { key: 'name', label: '事项', value: itemName, className: 'col-strong', render: (r) => [itemName(r), r.targetKind === 'task' && r.planTitle ? h('div', { class: 'muted small' }, r.planTitle) : null] },
        { key: 'kind', label: '类别', value: (r) => r.kindLabel, className: 'nowrap' },
        { key: 'unit', label: '责任单位', value: (r) => r.unitName, className: 'nowrap' },
        { key: 'missing', label: '缺报 / 逾期', value: (r) => missingText(r, year), className: 'sup-missing' },
        { key: 'days', label: '逾期工作日', value: (r) => r.overdueDays, className: 'num nowrap' },
        { key: 'feedback', label: '最近反馈', value: (r) => r.lastFeedback ?? '', render: (r) => (r.lastFeedback ? shortDate(r.lastFeedback, year) : h('span', { class: 'muted' }, '无')), className: 'nowrap' },
        { key: 'reminded', label: '催办情况', value: reminderStatus, className: 'sup-reminded' },
      ],
      actions: (r) => [
        editable ? h('button', { type: 'button', class: 'btn btn--small btn--danger-text', 'data-action': 'remind', title: '发出催办通知单并预览、打印', onClick: async () => { if (await remindNow(r)) loadReminders(); } }, '催办通知单') : null,
        editable ? h('button', { type: 'button', class: 'btn btn--small', 'data-action': 'supervise', onClick: async () => { if (await supervisionDialog({ target: targetOf(r), units })) loadRecords(); } }, '登记督办') : null,
        h('button', { type: 'button', class: 'btn btn--small', 'data-action': 'open-target', onClick: () => openTarget(ctx, r) }, '查看'),
      ],
      searchValues: (r) => [r.number, r.title, r.unitName, r.kindLabel, r.planTitle],
      searchPlaceholder: '搜索事项、文号、单位',
      countText: (shown, total) => (shown === total ? `共 ${total} 项待催办` : `显示 ${shown} 项，共 ${total} 项`),
      emptyState: () =>
        emptyState({
          title: '没有需要催办的事项',
          text: '已签发的通知单、调度令按反馈要求和完成时限生成时间节点，计划任务按完成时限（未定时限的按计划完成日期）。节点已过而未收到反馈或未完成的，会出现在这里。',
        }),
    });

    // ---------- 督办记录 ----------
    let methodFilter = '';
    const methodSelect = toolbarSelect({ name: 'methodFilter', label: '督办方式', options: SUPERVISION_METHODS, onChange: (v) => { methodFilter = v; recordsTable.setPredicate(v ? (r) => r.method === v : null); } });
    const recordsTable = createTable({
      name: 'supervisions',
      columns: [
        { key: 'on', label: '日期', value: (r) => r.supervisedOn, className: 'num nowrap' },
        { key: 'method', label: '方式', value: (r) => r.methodLabel, className: 'nowrap' },
        { key: 'unit', label: '被督办单位', value: (r) => r.unitName ?? '', className: 'nowrap' },
        { key: 'target', label: '督办事项', value: (r) => r.targetLabel || '（单位工作）' },
        { key: 'supervisor', label: '督办人', value: (r) => r.supervisor, className: 'nowrap' },
        { key: 'findings', label: '督办发现', value: (r) => r.findings },
        { key: 'result', label: '督办结果', value: (r) => r.result },
      ],
      searchPlaceholder: '搜索单位、事项、发现、结果',
      toolbar: [methodSelect],
      onClearFilters: () => {
        methodFilter = '';
        methodSelect.value = '';
        recordsTable.setPredicate(null);
      },
      countText: (shown, total) => (shown === total ? `共 ${total} 条督办记录` : `显示 ${shown} 条，共 ${total} 条`),
      emptyState: () =>
        emptyState({
          title: '还没有督办记录',
          text: '党建调度室按时间节点到现场、打电话、在会上或在平台上督办，每次督办的发现和结果记在这里，计入年度“对基层党支部调度和督办”次数。',
          actionLabel: editable ? '登记督办记录' : null,
          onAction: () => newRecord(),
          action: 'new-supervision',
        }),
    });

    // ---------- 已发催办通知单 ----------
    const sentTable = createTable({
      name: 'reminders-sent',
      columns: [
        { key: 'number', label: '编号', value: (r) => r.number, className: 'nowrap doc-number' },
        { key: 'sentOn', label: '发出日期', value: (r) => r.sentOn, className: 'num nowrap' },
        { key: 'unit', label: '主送单位', value: (r) => r.unitName ?? '', className: 'nowrap' },
        { key: 'target', label: '催办事项', value: (r) => r.content?.targetLabel ?? '' },
        { key: 'replyBy', label: '回复期限', value: (r) => r.replyBy, className: 'num nowrap' },
        { key: 'by', label: '经办人', value: (r) => r.createdBy ?? '', className: 'nowrap' },
      ],
      actions: (r) => [h('button', { type: 'button', class: 'btn btn--small', 'data-action': 'preview-reminder', onClick: () => previewReminder(r).catch(toastError) }, '预览/打印')],
      searchPlaceholder: '搜索编号、单位、事项',
      countText: (shown, total) => (shown === total ? `共 ${total} 份` : `显示 ${shown} 份，共 ${total} 份`),
      emptyState: () => emptyState({ title: '还没有发出催办通知单', text: '在催办清单中点“催办通知单”，即编号、登记并预览打印。' }),
    });

    const views = { reminders: remindersTable.element, records: recordsTable.element, sent: sentTable.element };
    const tabButtons = TABS.map((t) =>
      h('button', { type: 'button', class: 'doc-tab', role: 'tab', 'data-sup-tab': t.id, 'aria-selected': String(t.id === tab), onClick: () => show(t.id) }, h('span', null, t.label), h('span', { class: 'doc-tab__count num', 'data-tab-count': t.id })),
    );
    const tabBar = h('div', { class: 'doc-tabs sup-tabs', role: 'tablist', 'aria-label': '督办催办', 'data-sup-tabs': true }, tabButtons);
    const holder = h('div', { class: 'sup-view' });

    function show(id) {
      tab = id;
      for (const b of tabButtons) b.setAttribute('aria-selected', String(b.dataset.supTab === id));
      holder.replaceChildren(views[id]);
    }

    async function newRecord() {
      const created = await supervisionDialog({ units });
      if (created) {
        await loadRecords();
        show('records');
      }
    }

    const count = (id, n) => {
      const el = tabBar.querySelector(`[data-tab-count="${id}"]`);
      if (el) el.textContent = String(n);
    };

    async function loadReminders() {
      try {
        const rows = await supApi.reminderList();
        // The list row carries the item's fields and its reminders.
        remindersTable.setRows(rows);
        count('reminders', rows.length);
        const sent = await supApi.listRemindersSent();
        sentTable.setRows(sent);
        count('sent', sent.length);
      } catch (error) {
        loadFailed(banner, error, loadReminders);
      }
    }
    async function loadRecords() {
      try {
        const rows = await supApi.listSupervisions();
        recordsTable.setRows(rows);
        if (methodFilter) recordsTable.setPredicate((r) => r.method === methodFilter);
        count('records', rows.length);
      } catch (error) {
        loadFailed(banner, error, loadRecords);
      }
    }

    if (editable) {
      ctx.actions.append(h('button', { type: 'button', class: 'btn btn--primary', 'data-action': 'new-supervision', onClick: () => newRecord() }, '登记督办记录'));
    }
    ctx.root.append(banner, h('div', { class: 'sup-toolbar' }, tabBar), holder);
    show(tab);
    return Promise.all([
      api
        .listUnits({ includeRetired: false })
        .then((u) => (units = u))
        .catch(() => []),
      loadReminders(),
      loadRecords(),
    ]);
  },
};
