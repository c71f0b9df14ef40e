// 年度统计: the figures the office reports each year, counted from its
// records (what each counts is written under it), the on-time rate per
// unit and the months; printed through the report engine, saved as PDF or
// exported to Excel (xlsx).
//
// Hooks: select[name="year"]; [data-figure=KEY] (data-value) for each of
// dispatch_meetings, key_tasks_dispatched, branch_supervisions,
// orders_issued, notices_issued, feedback_received, rectifications_opened,
// rectifications_closed, supervision_records, reminders_sent,
// bulletins_issued, assistance_visits, visit_problems_solved,
// emergency_events; table[data-table="stats-units"], table[data-table=
// "stats-months"]; button[data-action="preview-stats" | "print-stats" |
// "save-stats-pdf" | "save-stats-xlsx"]; select[name="dispatchKind"] (全部 or
// 重点/专项/日常调度: the figures of that kind's work) and table[data-table=
// "stats-kinds"] (the main figures per kind).

import * as supApi from '../api/supervision.js';
import { h } from '../components/dom.js';
import { createTable } from '../components/table.js';
import { percentText, yearChoices } from '../lib/supervision.js';
import { loadFailed, section } from './common.js';
import { previewStats, printStats, saveStatsPdf, saveStatsXlsx } from './supervision/papers.js';
import { now as clockNow } from '../lib/clock.js';
import { PLAN_KINDS } from '../lib/plans.js';

// key (the CLI's snake_case name), the IPC field, the label, what it counts.
export const FIGURES = [
  ['dispatch_meetings', 'dispatchMeetings', '召开党建调度会议', (s) => `例会 ${s.regularMeetings} 次，矿大调度会 ${s.mineMeetings} 次（已召开、未取消）`],
  ['key_tasks_dispatched', 'keyTasksDispatched', '调度落实重点工作', () => '签发（未撤回）的通知单、调度令所调度的重点调度计划任务，去重'],
  ['branch_supervisions', 'branchSupervisions', '对基层党支部调度和督办', (s) => `督办记录 ${s.branchSupervisionRecords} 次 + 催办通知单 ${s.branchReminders} 份`],
  ['orders_issued', 'ordersIssued', '签发调度令', () => '本年签发、未撤回'],
  ['notices_issued', 'noticesIssued', '签发通知单', () => '本年签发、未撤回'],
  ['feedback_received', 'feedbackReceived', '收到工作反馈', () => '反馈日期在本年'],
  ['rectifications_opened', 'rectificationsOpened', '新增整改问题', () => '本年登记'],
  ['rectifications_closed', 'rectificationsClosed', '整改销号', () => '销号日期在本年'],
  ['supervision_records', 'supervisionRecords', '督办记录（全部单位）', () => '现场、电话、会议、平台督办'],
  ['reminders_sent', 'remindersSent', '发出催办通知单', () => '按编号计'],
  ['bulletins_issued', 'bulletinsIssued', '印发阶段通报', () => '本年印发、未撤回'],
  ['assistance_visits', 'assistanceVisits', '领导帮扶点走访', (s) => `走访日期在本年，提出问题 ${s.visitProblemsRaised} 个`],
  ['visit_problems_solved', 'visitProblemsSolved', '帮扶走访解决问题', () => '本年现场解决，或所转任务闭合、所转整改销号'],
  ['emergency_events', 'emergencyEvents', '应急事件', (s) => `本年发生，已处置结束 ${s.emergenciesClosed} 起`],
];

export const statsPage = {
  id: 'stats',
  title: '年度统计',
  description: '按记录统计全年调度会、重点工作、督办、文件、反馈、整改和各单位按时率；可打印、另存为PDF、导出Excel',
  render(ctx) {
    const thisYear = clockNow().getFullYear();
    let year = thisYear;
    const banner = h('div', { class: 'page-banner' });
    const yearSelect = h(
      'select',
      { class: 'input input--select input--compact', name: 'year', 'aria-label': '统计年度', onChange: (e) => { year = Number(e.target.value); load(); } },
      yearChoices(thisYear).map((y) => h('option', { value: String(y) }, `${y}年`)),
    );
    const asOf = h('span', { class: 'muted', 'data-stats-as-of': true });
    let kind = '';
    let last = null;
    const kindSelect = h(
      'select',
      { class: 'input input--select input--compact', name: 'dispatchKind', 'aria-label': '调度类别', onChange: (e) => { kind = e.target.value; if (last) show(last); } },
      h('option', { value: '' }, '全部调度'),
      PLAN_KINDS.map((k) => h('option', { value: k.value }, k.label)),
    );
    const KIND_FIGURES = ['dispatch_meetings', 'key_tasks_dispatched', 'orders_issued', 'notices_issued', 'feedback_received', 'supervision_records', 'reminders_sent', 'rectifications_opened'];
    const kindsTable = createTable({
      name: 'stats-kinds',
      rowId: (r) => r.kind,
      columns: [
        { key: 'label', label: '调度类别', value: (r) => r.label, className: 'col-strong nowrap' },
        ...KIND_FIGURES.map((key) => {
          const [, field, label] = FIGURES.find((f) => f[0] === key);
          // Inside a kind, key_tasks_dispatched counts that kind's plan tasks.
          const shown = key === 'key_tasks_dispatched' ? '调度落实计划任务' : label.replace(/^(召开党建|签发|收到工作|发出)/, '');
          return { key, label: shown, value: (r) => r.s[field], className: 'num' };
        }),
      ],
      search: false,
      sortable: false,
      countText: () => '',
    });
    const figures = h('div', { class: 'sup-figures', 'data-figures': true });

    const unitsTable = createTable({
      name: 'stats-units',
      rowId: (u) => u.unitName,
      columns: [
        { key: 'rank', label: '序号', value: (u) => u.rank, className: 'num' },
        { key: 'unit', label: '单位', value: (u) => u.unitName, className: 'col-strong nowrap' },
        { key: 'counted', label: '应办节点', value: (u) => u.counted, className: 'num' },
        { key: 'onTime', label: '按时', value: (u) => u.onTime, className: 'num' },
        { key: 'late', label: '逾期', value: (u) => u.late, className: 'num' },
        { key: 'missing', label: '缺报', value: (u) => u.missing, className: 'num' },
        { key: 'rate', label: '按时率', value: (u) => u.rate ?? -1, render: (u) => percentText(u.rate), className: 'num' },
      ],
      searchPlaceholder: '搜索单位',
      countText: (n, total) => `共 ${total} 个单位`,
    });
    const monthsTable = createTable({
      name: 'stats-months',
      rowId: (m) => m.month,
      columns: [
        { key: 'month', label: '月份', value: (m) => m.month, render: (m) => `${m.month}月`, className: 'nowrap' },
        { key: 'meetings', label: '调度会', value: (m) => m.meetings, className: 'num' },
        { key: 'supervisions', label: '督办', value: (m) => m.supervisions, className: 'num' },
        { key: 'reminders', label: '催办', value: (m) => m.reminders, className: 'num' },
        { key: 'notices', label: '通知单', value: (m) => m.notices, className: 'num' },
        { key: 'orders', label: '调度令', value: (m) => m.orders, className: 'num' },
        { key: 'feedback', label: '反馈', value: (m) => m.feedback, className: 'num' },
      ],
      search: false,
      sortable: false,
      countText: () => '',
    });

    ctx.actions.append(
      h('button', { type: 'button', class: 'btn', 'data-action': 'preview-stats', onClick: () => previewStats(year) }, '预览'),
      h('button', { type: 'button', class: 'btn', 'data-action': 'print-stats', onClick: () => printStats(year) }, '打印'),
      h('button', { type: 'button', class: 'btn', 'data-action': 'save-stats-pdf', onClick: () => saveStatsPdf(year) }, '另存为PDF'),
      h('button', { type: 'button', class: 'btn btn--primary', 'data-action': 'save-stats-xlsx', onClick: () => saveStatsXlsx(year) }, '导出Excel'),
    );
    ctx.root.append(
      banner,
      h('div', { class: 'sup-toolbar' }, h('label', { class: 'sup-year' }, '统计年度 ', yearSelect), h('label', { class: 'sup-year' }, '调度类别 ', kindSelect), asOf),
      figures,
      section({ title: '按调度类别', name: 'stats-kinds', description: '重点、专项、日常调度按计划类别分别统计；不属于任何计划的文件、督办、催办、走访和应急事件计入日常调度。', body: kindsTable.element }),
      section({ title: '各单位按时率', name: 'stats-units', description: '应办节点：本年到期的反馈节点和完成时限（含计划任务的完成时限或计划完成日期）；未到期的不计。按时率 = 按时 ÷ 应办节点。', body: unitsTable.element }),
      section({ title: '分月情况', name: 'stats-months', body: monthsTable.element }),
    );

    async function load() {
      try {
        last = await supApi.annualStats({ year });
        banner.replaceChildren();
        show(last);
      } catch (error) {
        loadFailed(banner, error, load);
      }
    }

    function show(all) {
      const s = kind ? all.byDispatchKind[kind] : all;
      asOf.textContent = `统计截至 ${all.asOf}${kind ? `，${PLAN_KINDS.find((k) => k.value === kind).label}` : ''}`;
      kindsTable.setRows(PLAN_KINDS.map((k) => ({ kind: k.value, label: k.label, s: all.byDispatchKind[k.value] })));
      figures.replaceChildren(
        ...FIGURES.map(([key, field, label, what]) =>
          h(
            'div',
            { class: 'sup-figure', 'data-figure': key, 'data-value': String(s[field]) },
            h('div', { class: 'sup-figure__value num' }, String(s[field])),
            h('div', { class: 'sup-figure__label' }, label),
            h('div', { class: 'sup-figure__what' }, what(s)),
          ),
        ),
      );
      unitsTable.setRows(s.units.map((u, i) => ({ ...u, rank: i + 1 })));
      monthsTable.setRows(s.months);
    }
    return load();
  },
};
