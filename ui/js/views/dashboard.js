// 工作台: the first page after login. Today's due, overdue, awaiting
// receipt, awaiting feedback, open rectifications, this week's meetings and
// stages waiting for their bulletin, each a number that opens its list
// below; per-unit on-time rate and overdue count as charts (inline SVG),
// each bar opening that unit's list.
//
// Hooks: button[data-card=KEY] (data-count) for due_today, overdue,
// awaiting_receipt, awaiting_feedback, open_rectifications, week_meetings,
// pending_stages, periodic_due_today, periodic_overdue (periodic work: rows
// with spec/followup.js's pick boxes and 催办/整改 buttons, and the
// selection bar's batch-done); [data-dashboard-list=KEY] holding table[data-table=
// "dashboard-list"]; svg[data-chart="on-time" | "overdue"] with
// g[data-bar=UNIT]; [data-alert-summary].

import * as supApi from '../api/supervision.js';
import { h } from '../components/dom.js';
import { createTable } from '../components/table.js';
import { light } from '../components/light.js';
import { barChartSvg } from '../components/bar-chart.js';
import { itemName, missingText, nodeText, percentText } from '../lib/supervision.js';
import { grants } from '../state.js';
import { chineseDate } from './documents/model.js';
import { loadFailed } from './common.js';
import { openDocumentLater } from './documents.js';
import { openTarget } from './supervision/navigate.js';
import { remindNow } from './supervision/actions.js';
import { openRectificationPage } from './rectifications.js';
import { pickColumn, batchDoneDialog, followUpActions } from './spec/followup.js';

const CARDS = [
  { key: 'due_today', field: 'dueToday', label: '今日到期', tone: 'amber', hint: '今天应反馈或应完成的事项' },
  { key: 'overdue', field: 'overdue', label: '逾期', tone: 'red', hint: '节点已过仍未反馈或未完成' },
  { key: 'awaiting_receipt', field: 'awaitingReceipt', label: '待签收', tone: 'blue', hint: '已签发、回执尚未收回的通知单和调度令' },
  { key: 'awaiting_feedback', field: 'awaitingFeedback', label: '待反馈', tone: 'blue', hint: '本期反馈尚未收到（未逾期）' },
  { key: 'open_rectifications', field: 'openRectifications', label: '未销号整改', tone: 'amber', hint: '整改中和已验收待销号的问题' },
  { key: 'week_meetings', field: 'weekMeetings', label: '本周调度会', tone: 'blue', hint: '本周已开和已安排的调度会' },
  { key: 'pending_stages', field: 'pendingStages', label: '待总结阶段', tone: 'amber', hint: '已结束、尚未印发一总结一通报的阶段' },
  { key: 'periodic_due_today', field: 'periodicDueToday', label: '周期工作今日到期', tone: 'amber', hint: '工作规范中今天应完成、尚未登记完成的工作' },
  { key: 'periodic_overdue', field: 'periodicOverdue', total: 'periodicOverdueTotal', label: '周期工作漏项', tone: 'red', hint: '工作规范中已过完成时限仍未登记完成的工作（漏项）' },
];

const WEEKDAYS = ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六'];

function rateTone(u) {
  if (u.rate === null || u.rate === undefined) return 'grey';
  if (u.rate >= 0.9) return 'green';
  if (u.rate >= 0.7) return 'amber';
  return 'red';
}

export const dashboardPage = {
  id: 'dashboard',
  title: '工作台',
  description: '今日到期、逾期、待签收、待反馈、未销号整改和本周调度会；各单位按时率',
  render(ctx) {
    const editable = grants().edit;
    let data = null;
    let current = null;
    const banner = h('div', { class: 'page-banner' });
    const today = h('div', { class: 'dash-today' });
    const cards = h('div', { class: 'dash-cards' });
    const listTitle = h('h2', { class: 'page-section__title' });
    const listHost = h('div', { class: 'dash-list' });
    const charts = h('div', { class: 'dash-charts' });

    const itemColumns = (key) => [
      { key: 'light', label: '', value: (r) => r.overdueDays, render: (r) => light(r.dueState), className: 'col-light', sortable: false },
      { key: 'name', label: '事项', value: itemName, className: 'col-strong' },
      { key: 'kind', label: '类别', value: (r) => r.kindLabel, className: 'nowrap' },
      { key: 'unit', label: '责任单位', value: (r) => r.unitName, className: 'nowrap' },
      key === 'overdue' || key === 'unit'
        ? { key: 'node', label: '缺报 / 逾期', value: (r) => missingText(r) || nodeText(r.nextNode) }
        : { key: 'node', label: '节点', value: (r) => nodeText(r.nextNode) },
      { key: 'days', label: '逾期工作日', value: (r) => r.overdueDays, className: 'num' },
    ];
    const itemActions = (r) => [
      editable && r.missing.length > 0 ? h('button', { type: 'button', class: 'btn btn--small btn--danger-text', 'data-action': 'remind', onClick: async () => { if (await remindNow({ ...r, reminders: [] })) load(); } }, '催办') : null,
      h('button', { type: 'button', class: 'btn btn--small', 'data-action': 'open-target', onClick: () => openTarget(ctx, r) }, '查看'),
    ];

    // Periodic work ticked for 批量登记完成 (ids of instances).
    const picked = new Set();
    const batchBar = h('div', { class: 'selection-bar', 'data-selection-bar': true, hidden: true });
    function updateBatch(rows) {
      const chosen = rows.filter((r) => picked.has(r.id));
      batchBar.hidden = chosen.length === 0 || !editable;
      batchBar.replaceChildren(
        h('span', { 'data-selection-count': true }, `已选 ${chosen.length} 项`),
        h('button', { type: 'button', class: 'btn btn--small btn--primary', 'data-action': 'batch-done', onClick: async () => { if (await batchDoneDialog(chosen)) { picked.clear(); load(); } } }, '批量登记完成…'),
        h('button', { type: 'button', class: 'btn btn--small', 'data-action': 'clear-selection', onClick: () => { picked.clear(); showList(current, currentRows); } }, '取消选择'),
      );
    }
    let currentRows = [];
    const periodicColumns = () => [
      ...(editable ? [pickColumn(picked, () => { updateBatch(currentRows); showListKeep(); })] : []),
      { key: 'light', label: '', value: (r) => r.overdueDays, render: (r) => light(r.status === 'overdue' ? 'overdue' : 'due_today'), className: 'col-light', sortable: false },
      { key: 'title', label: '工作事项', value: (r) => r.title, render: (r) => [h('div', null, r.title), h('div', { class: 'spec-cell__sub' }, `${r.code} · ${r.periodLabel}`)], className: 'col-strong' },
      { key: 'unit', label: '责任单位', value: (r) => r.unitName, className: 'nowrap' },
      { key: 'due', label: '应完成', value: (r) => r.dueDate, className: 'num nowrap' },
      { key: 'days', label: '逾期工作日', value: (r) => r.overdueDays, className: 'num' },
      { key: 'followed', label: '催办 / 整改', value: (r) => (r.reminders?.length ?? 0) + (r.rectificationIds?.length ?? 0), render: (r) => [r.reminders?.length ? `催办 ${r.reminders.length} 次（${r.reminders[0].number}）` : '', r.rectificationIds?.length ? ` 整改 ${r.rectificationIds.length} 项` : ''].join(''), className: 'nowrap' },
    ];
    const periodicActions = (r) => (editable ? followUpActions(r, { onChanged: () => load() }) : []);
    let showListKeep = () => {};

    const LISTS = {
      periodic_due_today: { title: '周期工作今日到期', columns: periodicColumns, actions: periodicActions, rowId: (r) => r.id, empty: '今天没有到期的周期工作。' },
      periodic_overdue: { title: '周期工作漏项', columns: periodicColumns, actions: periodicActions, rowId: (r) => r.id, empty: '没有漏项。' },
      due_today: { title: '今日到期', columns: () => itemColumns('due_today'), actions: itemActions, rowId: (r) => `${r.targetKind}:${r.targetId}`, empty: '今天没有到期的反馈节点和完成时限。' },
      overdue: { title: '逾期事项', columns: () => itemColumns('overdue'), actions: itemActions, rowId: (r) => `${r.targetKind}:${r.targetId}`, empty: '没有逾期事项。' },
      awaiting_feedback: { title: '待反馈', columns: () => itemColumns('awaiting_feedback'), actions: itemActions, rowId: (r) => `${r.targetKind}:${r.targetId}`, empty: '没有等待反馈的事项。' },
      unit: { title: '', columns: () => itemColumns('unit'), actions: itemActions, rowId: (r) => `${r.targetKind}:${r.targetId}`, empty: '该单位当前没有逾期、今日到期或待反馈的事项。' },
      awaiting_receipt: {
        title: '待签收',
        columns: () => [
          { key: 'light', label: '', value: (d) => (d.lateReceipt ? 1 : 0), render: (d) => light(d.lateReceipt ? 'overdue' : d.dueState, { title: d.lateReceipt ? '签收逾期' : null }), className: 'col-light', sortable: false },
          { key: 'number', label: '文号', value: (d) => d.number ?? '', className: 'nowrap' },
          { key: 'title', label: '标题', value: (d) => d.title, className: 'col-strong' },
          { key: 'kind', label: '类别', value: (d) => d.kindLabel, className: 'nowrap' },
          { key: 'unit', label: '责任单位', value: (d) => d.unitName, className: 'nowrap' },
          { key: 'signedAt', label: '签发时间', value: (d) => (d.signedAt ?? '').slice(0, 16), className: 'num nowrap' },
        ],
        actions: (d) => [h('button', { type: 'button', class: 'btn btn--small', 'data-action': 'open-doc', onClick: () => { openDocumentLater(d.id); ctx.navigate('documents'); } }, '查看')],
        rowId: (d) => d.id,
        empty: '签发的文件回执都已收回。',
      },
      open_rectifications: {
        title: '未销号整改',
        columns: () => [
          { key: 'light', label: '', value: (r) => r.deadline, render: (r) => light(r.dueState), className: 'col-light', sortable: false },
          { key: 'item', label: '项目名称', value: (r) => r.itemName, className: 'col-strong' },
          { key: 'problem', label: '问题', value: (r) => r.problem },
          { key: 'unit', label: '责任单位', value: (r) => r.unitName, className: 'nowrap' },
          { key: 'person', label: '责任人', value: (r) => r.personName, className: 'nowrap' },
          { key: 'deadline', label: '完成时限', value: (r) => r.deadline, className: 'num nowrap' },
          { key: 'status', label: '状态', value: (r) => r.statusLabel, className: 'nowrap' },
        ],
        actions: (r) => [h('button', { type: 'button', class: 'btn btn--small', 'data-action': 'open-rectification', onClick: () => openRectificationPage(ctx, r.id) }, '查看')],
        rowId: (r) => r.id,
        empty: '没有未销号的整改问题。',
      },
      week_meetings: {
        title: '本周调度会',
        columns: () => [
          { key: 'heldOn', label: '日期', value: (m) => m.heldOn, render: (m) => `${m.heldOn} ${m.startTime}`, className: 'num nowrap' },
          { key: 'kind', label: '类别', value: (m) => m.kindLabel, className: 'nowrap' },
          { key: 'place', label: '地点', value: (m) => m.place, className: 'nowrap' },
          { key: 'chair', label: '主持人', value: (m) => m.chair, className: 'nowrap' },
          { key: 'decisions', label: '议定事项', value: (m) => m.decisions.length, className: 'num' },
        ],
        actions: () => [h('button', { type: 'button', class: 'btn btn--small', 'data-action': 'open-meetings', onClick: () => ctx.navigate('meetings') }, '查看')],
        rowId: (m) => m.id,
        empty: '本周没有调度会。',
      },
      pending_stages: {
        title: '待总结阶段',
        columns: () => [
          { key: 'plan', label: '计划', value: (s) => s.planTitle },
          { key: 'stage', label: '阶段', value: (s) => s.stageName, className: 'col-strong nowrap' },
          { key: 'finish', label: '计划结束', value: (s) => s.finish, className: 'num nowrap' },
          { key: 'tasks', label: '任务', value: (s) => s.taskCount, className: 'num' },
        ],
        actions: () => [h('button', { type: 'button', class: 'btn btn--small', 'data-action': 'open-summaries', onClick: () => ctx.navigate('summaries') }, '去总结')],
        rowId: (s) => `${s.planId}:${s.stageId}`,
        empty: '结束的阶段都已印发总结通报。',
      },
    };

    function showList(key, rows, title = null) {
      if (current !== key) picked.clear();
      current = key;
      currentRows = rows;
      const def = LISTS[key];
      for (const b of cards.querySelectorAll('[data-card]')) b.setAttribute('aria-pressed', String(b.dataset.card === key));
      const total = key === 'periodic_overdue' && data.periodicOverdueTotal > rows.length ? `，共 ${data.periodicOverdueTotal} 项，此处列出最早的 ${rows.length} 项，全部见“漏项报告”` : '';
      listTitle.textContent = `${title ?? def.title}（${rows.length}${total}）`;
      updateBatch(key.startsWith('periodic') ? rows : []);
      const table = createTable({
        name: 'dashboard-list',
        rowId: def.rowId,
        columns: def.columns(),
        actions: def.actions,
        searchPlaceholder: '在此列表中搜索',
        emptyState: () => h('div', { class: 'table-message' }, def.empty),
      });
      table.setRows(rows);
      showListKeep = () => table.setRows(rows);
      listHost.dataset.dashboardList = key;
      listHost.replaceChildren(key.startsWith('periodic') ? batchBar : '', table.element);
    }

    function unitItems(unitName) {
      const seen = new Set();
      return [...data.overdue, ...data.dueToday, ...data.awaitingFeedback].filter((r) => {
        const id = `${r.targetKind}:${r.targetId}`;
        if (r.unitName !== unitName || seen.has(id)) return false;
        seen.add(id);
        return true;
      });
    }

    function render() {
      const d = data;
      const date = new Date(`${d.today}T00:00:00`);
      today.replaceChildren(
        h('span', { class: 'dash-today__date' }, `${chineseDate(d.today)} ${WEEKDAYS[date.getDay()]}`),
        h('span', { class: 'dash-today__alert', 'data-alert-summary': true }, `今日到期 ${d.dueToday.length} 项，逾期 ${d.overdue.length} 项；周期工作今日到期 ${d.periodicDueToday.length} 项，漏项 ${d.periodicOverdueTotal} 项`),
      );
      cards.replaceChildren(
        ...CARDS.map((c) => {
          const n = c.total ? d[c.total] : d[c.field].length;
          return h(
            'button',
            { type: 'button', class: ['dash-card', `dash-card--${c.tone}`, n === 0 && 'dash-card--zero'], 'data-card': c.key, 'data-count': String(n), 'aria-pressed': 'false', title: c.hint, onClick: () => showList(c.key, d[c.field]) },
            h('span', { class: 'dash-card__count num' }, String(n)),
            h('span', { class: 'dash-card__label' }, c.label),
          );
        }),
      );
      const rated = d.units.filter((u) => u.rate !== null && u.rate !== undefined).slice(0, 20);
      const overdueUnits = d.units.filter((u) => u.overdueNow > 0).sort((a, b) => b.overdueNow - a.overdueNow).slice(0, 20);
      const open = (u) => showList('unit', unitItems(u.unitName), `${u.unitName}：逾期、今日到期和待反馈事项`);
      charts.replaceChildren(
        h(
          'section',
          { class: 'dash-chart' },
          h('h2', { class: 'page-section__title' }, `各单位按时率（${d.year}年）`),
          h('p', { class: 'page-section__desc' }, '本年已到期的反馈节点和完成时限中按时的比例；点单位查看其待办'),
          rated.length ? barChartSvg(rated, { name: 'on-time', title: '各单位按时率', value: (u) => u.rate, max: 1, label: (u) => u.unitName, text: (v, u) => `${percentText(v)}（${u.onTime}/${u.counted}）`, tone: rateTone, onSelect: open }) : h('p', { class: 'muted' }, '本年尚无到期节点。'),
        ),
        h(
          'section',
          { class: 'dash-chart' },
          h('h2', { class: 'page-section__title' }, '各单位逾期事项（当前）'),
          h('p', { class: 'page-section__desc' }, '目前处于逾期状态的通知单、调度令和计划任务'),
          overdueUnits.length ? barChartSvg(overdueUnits, { name: 'overdue', title: '各单位逾期事项', value: (u) => u.overdueNow, label: (u) => u.unitName, text: (v) => `${v} 项`, tone: () => 'red', onSelect: open }) : h('p', { class: 'muted' }, '没有逾期事项。'),
        ),
      );
      const first = current && current !== 'unit' ? current : d.overdue.length ? 'overdue' : 'due_today';
      const card = CARDS.find((c) => c.key === first);
      showList(first, d[card.field]);
    }

    ctx.root.classList.add('dash-page');
    ctx.root.append(banner, today, cards, h('section', { class: 'page-section dash-list-section' }, h('header', { class: 'page-section__header' }, listTitle), listHost), charts);
    ctx.actions.append(h('button', { type: 'button', class: 'btn', 'data-action': 'refresh-dashboard', onClick: () => load() }, '刷新'));

    async function load() {
      try {
        data = await supApi.dashboard();
        banner.replaceChildren();
        render();
      } catch (error) {
        loadFailed(banner, error, load);
      }
    }
    return load();
  },
};
