// 应急管理: the emergency event log. The form shows who was on duty at the
// time as it is typed (from the leaders' duty roster, swaps included); the
// core records that leader with the event. Each event is closed with a time
// and what came of it, and prints as an 应急事件报告单; the year's events
// print as a register.
//
// Hooks: table[data-table="emergencies"], form[data-form="emergency"] with
// [data-duty-preview], aside[data-panel="emergency"] with
// [data-emergency=ID][data-status=open|closed], buttons data-action=
// "new-emergency" | "edit-emergency" | "close-emergency" |
// "preview-emergency" | "print-emergency" | "save-emergency-pdf" |
// "preview-emergency-register"; dialog data-form="close-emergency".

import * as api from '../../api/index.js';
import * as regApi from '../../api/registers.js';
import { h } from '../../components/dom.js';
import { createTable, emptyState } from '../../components/table.js';
import { textField, textareaField, selectField, checkboxGroup, formError, formActions } from '../../components/fields.js';
import { bindForm } from '../../components/form.js';
import { openPanel, closePanel } from '../../components/panel.js';
import { toast } from '../../components/toast.js';
import { normalizeTime, nowText } from '../../lib/assessment.js';
import { now as clockNow } from '../../lib/clock.js';
import { personLabel } from '../../lib/options.js';
import { yearChoices } from '../../lib/supervision.js';
import { validateEmergency, validateClosure, dutyLine } from '../../lib/registers.js';
import { formDialog, previewDialog, printDialog } from '../documents/dialogs.js';
import { commandErrorMessage } from '../documents/model.js';
import { can } from '../../state.js';
import { actionButton, loadFailed, section, trimmed } from '../common.js';
import { tag } from '../assessment/shared.js';

export const EMERGENCY_CATEGORIES = [
  { value: 'safety', label: '安全生产' },
  { value: 'surface', label: '地面安全' },
  { value: 'logistics', label: '后勤保障' },
  { value: 'order', label: '综合治理' },
  { value: 'stability', label: '信访维稳' },
  { value: 'other', label: '其他' },
];

// What the shared preview and print dialogs need of a paper.
const eventPaper = (e) => ({ id: e.id, number: null, title: `应急事件报告单（${e.occurredAt} ${e.place}）`, kindLabel: '报告单' });
const registerPaper = (year) => ({ id: year, number: null, title: `${year}年应急事件登记表`, kindLabel: '登记表' });

async function save(paper) {
  try {
    const saved = await regApi.saveEmergencyPdf(paper);
    if (saved && saved.path) toast(`已保存：${saved.path}`, 'success');
  } catch (error) {
    toast(commandErrorMessage(error, '另存为PDF'), 'error');
  }
}

function printPaper(paper, shown) {
  return printDialog(shown, { send: ({ printer, copies }) => regApi.printEmergency({ ...paper, printer, copies }) });
}

function preview(paper, shown) {
  return previewDialog(shown, {
    load: () => regApi.previewEmergency(paper),
    onPrint: () => printPaper(paper, shown),
    onSavePdf: () => save(paper),
  });
}

export const emergencyPage = {
  id: 'emergency',
  title: '应急管理',
  description: '应急事件登记：时间、地点、报告人、经过、处置措施、通知领导和处置结果；带班领导按值班表自动填写',
  render(ctx) {
    const editable = can.editOrganization();
    const thisYear = clockNow().getFullYear();
    let year = thisYear;
    let people = [];
    const banner = h('div', { class: 'page-banner' });

    const leaderOptions = () =>
      people
        .filter((p) => !p.retired && p.roles.includes('leader'))
        .map((p) => ({ value: String(p.id), label: personLabel(p) }));

    function openForm(event = null) {
      const dutyBox = h('div', { class: 'duty-preview', 'data-duty-preview': true, 'aria-live': 'polite' });
      const notifiedIds = (event?.notified ?? []).map((n) => String(n.personId));
      let touched = Boolean(event);
      const leaders = checkboxGroup({ name: 'notified', label: '通知领导', options: leaderOptions(), values: notifiedIds, hint: '值班表上的带班领导会自动勾选；也可勾选分管领导' });
      leaders.addEventListener('change', () => (touched = true));
      const form = h(
        'form',
        { class: 'form', 'data-form': 'emergency' },
        textField({ name: 'occurredAt', label: '发生时间', required: true, value: event?.occurredAt ?? nowText(), placeholder: '2026-03-05 09:30', maxlength: 16 }),
        dutyBox,
        textField({ name: 'place', label: '发生地点', required: true, value: event?.place ?? '', maxlength: 100 }),
        selectField({ name: 'category', label: '事件类别', required: true, options: EMERGENCY_CATEGORIES, value: event?.category ?? 'safety' }),
        h(
          'div',
          { class: 'form-row' },
          textField({ name: 'reporter', label: '报告人', required: true, value: event?.reporter ?? '', maxlength: 30 }),
          textField({ name: 'reporterPhone', label: '联系电话', value: event?.reporterPhone ?? '', maxlength: 32 }),
        ),
        textareaField({ name: 'what', label: '事件经过', required: true, value: event?.what ?? '', rows: 4 }),
        textareaField({ name: 'measures', label: '处置措施', value: event?.measures ?? '', rows: 3 }),
        leaders,
        h(
          'div',
          { class: 'form-row' },
          textField({ name: 'notifiedAt', label: '通知时间', placeholder: '不填为发生时间', maxlength: 16, hint: '新勾选的领导按此时间记' }),
          textField({ name: 'method', label: '通知方式', value: '电话', maxlength: 20 }),
        ),
        formError(),
        formActions(event ? '保存' : '登记事件', { onCancel: closePanel }),
      );

      // Who was on duty at the typed time, asked of the core's roster.
      let asked = 0;
      async function showDuty() {
        const at = normalizeTime(form.elements.occurredAt.value);
        if (!at) {
          dutyBox.textContent = '填写发生时间后显示当时的带班领导';
          return;
        }
        const mine = ++asked;
        try {
          const duty = await regApi.dutyForTime({ at });
          if (mine !== asked) return;
          dutyBox.textContent = `按值班表：${dutyLine(duty)}`;
          dutyBox.dataset.leader = duty.leader ? duty.leader.name : '';
          if (!touched && duty.leader) {
            const person = people.find((p) => p.name === duty.leader.name && p.roles.includes('leader'));
            for (const box of form.querySelectorAll('input[name="notified"]')) box.checked = person ? box.value === String(person.id) : false;
          }
        } catch (error) {
          if (mine === asked) dutyBox.textContent = error.message;
        }
      }
      form.elements.occurredAt.addEventListener('change', showDuty);
      showDuty();

      bindForm(form, {
        validate: (v) => {
          const e = validateEmergency(v, nowText());
          if (v.notifiedAt.trim() && !normalizeTime(v.notifiedAt)) e.notifiedAt = '通知时间格式应为 2026-03-05 09:30';
          return e;
        },
        submit: async (v) => {
          const kept = new Map((event?.notified ?? []).map((n) => [String(n.personId), n]));
          const input = {
            occurredAt: normalizeTime(v.occurredAt),
            place: trimmed(v.place),
            category: v.category,
            reporter: trimmed(v.reporter),
            reporterPhone: trimmed(v.reporterPhone),
            what: trimmed(v.what),
            measures: trimmed(v.measures),
            notified: (v.notified ?? []).map((id) =>
              kept.has(id)
                ? { personId: Number(id), notifiedAt: kept.get(id).notifiedAt, method: kept.get(id).method }
                : { personId: Number(id), notifiedAt: v.notifiedAt.trim() ? normalizeTime(v.notifiedAt) : '', method: trimmed(v.method) },
            ),
          };
          const saved = event ? await regApi.updateEmergency({ id: event.id, ...input }) : await regApi.createEmergency(input);
          toast(event ? '已保存' : `已登记应急事件，带班领导：${saved.dutyLeaderName ?? '值班表未排'}`, 'success');
          await load();
          openEvent(saved);
        },
      });
      openPanel({ host: ctx.panelHost, name: 'emergency-form', title: event ? '修改应急事件' : '登记应急事件', content: form, wide: true });
    }

    function closeDialog(e) {
      return formDialog({
        name: 'close-emergency',
        title: '结束处置',
        message: `${e.occurredAt} ${e.place}`,
        details: '结束后记录冻结，不能再修改。',
        fields: [
          textField({ name: 'closedAt', label: '结束时间', required: true, value: nowText(), maxlength: 16 }),
          textareaField({ name: 'closureNote', label: '处置结果', required: true, rows: 3 }),
        ],
        submitLabel: '结束处置',
        validate: (v) => validateClosure(v, e.occurredAt, nowText()),
        submit: async (v) => {
          const saved = await regApi.closeEmergency({ id: e.id, closedAt: normalizeTime(v.closedAt), closureNote: trimmed(v.closureNote) });
          toast('应急事件已结束处置', 'success');
          return saved;
        },
      });
    }

    function openEvent(e) {
      const paper = { id: e.id };
      const leader = e.dutyLeaderName ? `${e.dutyLeaderName}${e.dutyLeaderTitle ? `（${e.dutyLeaderTitle}）` : ''}${e.dutyLeaderPhone ? ` ${e.dutyLeaderPhone}` : ''}` : '值班表中该时间未排带班领导';
      const open = e.status === 'open';
      const body = h(
        'div',
        { class: 'emergency', 'data-emergency': e.id, 'data-status': e.status },
        h(
          'div',
          { class: 'doc-detail__actions' },
          actionButton('preview-emergency', '预览报告单', () => preview(paper, eventPaper(e))),
          actionButton('print-emergency', '打印', () => printPaper(paper, eventPaper(e))),
          actionButton('save-emergency-pdf', '另存为PDF', () => save(paper)),
          open && editable ? actionButton('edit-emergency', '修改', () => openForm(e)) : null,
          open && editable
            ? actionButton('close-emergency', '结束处置', async () => {
                const saved = await closeDialog(e);
                if (saved) {
                  await load();
                  openEvent(saved);
                }
              })
            : null,
        ),
        h(
          'dl',
          { class: 'detail-list detail-list--wide' },
          h('dt', null, '发生时间'), h('dd', { class: 'num' }, e.occurredAt),
          h('dt', null, '发生地点'), h('dd', null, e.place),
          h('dt', null, '事件类别'), h('dd', null, e.categoryLabel),
          h('dt', null, '报告人'), h('dd', null, [e.reporter, e.reporterPhone].filter(Boolean).join(' ')),
          h('dt', null, '带班领导'), h('dd', { 'data-duty-leader': e.dutyLeaderName ?? '' }, leader, h('span', { class: 'muted' }, '（按值班表）')),
          h('dt', null, '值班调度员'), h('dd', null, e.dutyDispatcher || '值班表中该时间未排'),
          h('dt', null, '事件经过'), h('dd', { class: 'pre-line' }, e.what),
          h('dt', null, '处置措施'), h('dd', { class: 'pre-line' }, e.measures || '—'),
          h('dt', null, '通知领导'),
          h('dd', null, e.notified.length ? h('ul', { class: 'plain-list', 'data-notified': true }, e.notified.map((n) => h('li', null, `${n.name}${n.title ? `（${n.title}）` : ''} ${n.notifiedAt} ${n.method}`.trim()))) : '—'),
          h('dt', null, '处置状态'), h('dd', null, open ? tag('处置中', 'warn') : tag(`已结束 ${e.closedAt}`, 'ok')),
          open ? null : h('dt', null, '处置结果'),
          open ? null : h('dd', { class: 'pre-line' }, e.closureNote),
        ),
      );
      openPanel({ host: ctx.panelHost, name: 'emergency', title: '应急事件', content: body, wide: true });
    }

    const table = createTable({
      name: 'emergencies',
      columns: [
        { key: 'occurredAt', label: '发生时间', value: (e) => e.occurredAt, className: 'num nowrap' },
        { key: 'place', label: '地点', value: (e) => e.place, className: 'nowrap' },
        { key: 'category', label: '类别', value: (e) => e.categoryLabel, className: 'nowrap' },
        { key: 'what', label: '事件经过', value: (e) => e.what, className: 'col-note' },
        { key: 'leader', label: '带班领导', value: (e) => e.dutyLeaderName ?? '', render: (e) => e.dutyLeaderName ?? h('span', { class: 'muted' }, '未排'), className: 'nowrap' },
        { key: 'notified', label: '通知领导', value: (e) => e.notified.map((n) => n.name).join('、') },
        { key: 'status', label: '状态', value: (e) => e.status, render: (e) => (e.status === 'open' ? tag('处置中', 'warn') : tag('已结束', 'ok')), className: 'nowrap' },
      ],
      rowClass: (e) => (e.status === 'open' ? 'is-open' : null),
      searchPlaceholder: '搜索地点、经过、领导',
      onOpen: openEvent,
      emptyState: () =>
        emptyState({
          title: `${year}年还没有应急事件`,
          text: '接报应急事件后在此登记：时间、地点、报告人、经过和处置措施；带班领导按值班表自动填写，处置结束后写明结果。',
          actionLabel: editable ? '登记应急事件' : null,
          onAction: () => openForm(),
          action: 'new-emergency-empty',
        }),
    });

    const yearSelect = h(
      'select',
      { class: 'input input--select input--compact', name: 'year', 'aria-label': '年度', onChange: (ev) => { year = Number(ev.target.value); load(); } },
      yearChoices(thisYear).map((y) => h('option', { value: String(y) }, `${y}年`)),
    );
    ctx.actions.append(
      ...[
        yearSelect,
        h('button', { type: 'button', class: 'btn', 'data-action': 'preview-emergency-register', onClick: () => preview({ year }, registerPaper(year)) }, '打印登记表'),
        editable ? h('button', { type: 'button', class: 'btn btn--primary', 'data-action': 'new-emergency', onClick: () => openForm() }, '登记应急事件') : null,
      ].filter(Boolean),
    );
    ctx.root.append(banner, section({ name: 'emergencies', title: '应急事件登记', description: '带班领导取自“值班”中的领导带班表（含调班）', body: table.element }));

    async function load() {
      try {
        const [list, loadedPeople] = await Promise.all([regApi.listEmergencies({ year }), api.listPeople({ includeRetired: false })]);
        people = loadedPeople;
        banner.replaceChildren();
        table.setRows(list);
      } catch (error) {
        loadFailed(banner, error, load);
      }
    }
    return load();
  },
};
