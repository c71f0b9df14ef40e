// 值班: the leaders' 24-hour duty roster as a month grid (assign, fill in
// turn, swap two days with a reason, print), the dispatchers' day and night
// shifts, and the shift handover log (交接班), which is complete only when
// both dispatchers have confirmed with their own username and password.

import * as api from '../../api/index.js';
import * as assessApi from '../../api/assessment.js';
import { h } from '../../components/dom.js';
import { createTable, emptyState } from '../../components/table.js';
import { textField, textareaField, selectField, checkboxGroup, passwordField, formError, formActions } from '../../components/fields.js';
import { bindForm } from '../../components/form.js';
import { openPanel, closePanel } from '../../components/panel.js';
import { toast } from '../../components/toast.js';
import { required, requiredChoice } from '../../lib/validate.js';
import { currentMonth, monthGrid } from '../../lib/assessment.js';
import { isValidDate } from '../../lib/dates.js';
import { idFromSelect, peopleWithRole } from '../../lib/options.js';
import { todayIso } from '../../lib/clock.js';
import { formDialog } from '../documents/dialogs.js';
import { can, getUser } from '../../state.js';
import { actionButton, loadFailed, section, trimmed } from '../common.js';
import { openReport, periodBar, saveReport, tag, refill } from './shared.js';
import { now as clockNow } from '../../lib/clock.js';

const WEEK = ['一', '二', '三', '四', '五', '六', '日'];

export const dutyPage = {
  id: 'duty',
  title: '值班',
  description: '领导干部24小时值班、调度员值班与交接班',
  render(ctx) {
    const editable = can.editOrganization();
    let month = currentMonth();
    let roster = null;
    let people = [];
    let users = [];
    let handovers = [];
    const banner = h('div', { class: 'page-banner' });
    const grid = h('div', { class: 'roster', 'data-roster': true });
    const onDuty = h('div', { class: 'period-status', 'data-duty-now': true });

    const userOptions = () => users.map((u) => ({ value: String(u.id), label: `${u.displayName}（${u.username}）` }));

    function openDay(day) {
      const shift = (s) => roster.shifts.find((x) => x.date === day.date && x.shift === s);
      const form = h(
        'form',
        { class: 'form', 'data-form': 'duty-day' },
        h('p', { class: 'form-note' }, `${day.date}（星期${day.weekday}）`),
        selectField({ name: 'personId', label: '带班值班领导（8:00至次日8:00）', options: peopleWithRole(people, 'leader'), value: day.personId ? String(day.personId) : '', empty: '（不安排）' }),
        textField({ name: 'note', label: '备注', value: day.note, maxlength: 100 }),
        selectField({ name: 'day', label: '白班调度员（8:00—20:00）', options: userOptions(), value: shift('day')?.userId ? String(shift('day').userId) : '', empty: '（不安排）' }),
        selectField({ name: 'night', label: '夜班调度员（20:00—次日8:00）', options: userOptions(), value: shift('night')?.userId ? String(shift('night').userId) : '', empty: '（不安排）' }),
        formError(),
        formActions('保存', { onCancel: closePanel }),
      );
      bindForm(form, {
        submit: async (v) => {
          await assessApi.setLeaderDuty({ date: day.date, personId: idFromSelect(v.personId), note: trimmed(v.note) });
          await assessApi.setDispatcherShift({ date: day.date, shift: 'day', userId: idFromSelect(v.day) });
          await assessApi.setDispatcherShift({ date: day.date, shift: 'night', userId: idFromSelect(v.night) });
          closePanel();
          toast(`${day.date} 的值班已保存`, 'success');
          await load();
        },
      });
      openPanel({ host: ctx.panelHost, name: 'duty-day', title: '安排值班', content: form });
    }

    function renderGrid() {
      const byDate = new Map(roster.leaders.map((d) => [d.date, d]));
      const shiftOf = (date, s) => roster.shifts.find((x) => x.date === date && x.shift === s)?.userName ?? '';
      const today = todayIso();
      grid.replaceChildren(
        h('table', { class: 'roster__grid', 'data-table': 'roster' },
          h('thead', null, h('tr', null, WEEK.map((w) => h('th', { scope: 'col' }, `星期${w}`)))),
          h('tbody', null, monthGrid(month).map((week) =>
            h('tr', null, week.map((cell) => {
              if (!cell) return h('td', { class: 'roster__blank' });
              const d = byDate.get(cell.date);
              const content = [
                h('div', { class: 'roster__day num' }, String(cell.day)),
                h('div', { class: ['roster__leader', !d?.personName && 'roster__leader--empty'] }, d?.personName ?? '未排'),
                h('div', { class: 'roster__shift' }, `白 ${shiftOf(cell.date, 'day') || '—'}`),
                h('div', { class: 'roster__shift' }, `夜 ${shiftOf(cell.date, 'night') || '—'}`),
              ];
              return h('td', { class: ['roster__cell', cell.date === today && 'roster__cell--today'], 'data-date': cell.date },
                editable ? h('button', { type: 'button', class: 'roster__button', 'data-action': 'edit-day', title: '安排这一天的值班', onClick: () => openDay(d) }, content) : content);
            })))),
        ),
      );
    }

    function fillDialog() {
      const leaders = peopleWithRole(people, 'leader');
      return formDialog({
        name: 'fill-roster',
        title: '按顺序排班',
        message: `把${month}尚未安排的日子按所选领导的顺序轮流排满；已安排的日子不变。`,
        fields: checkboxGroup({ name: 'personIds', label: '参加轮值的矿领导', options: leaders, values: leaders.map((o) => o.value), required: true }),
        submitLabel: '排班',
        validate: (v) => ((v.personIds ?? []).length ? {} : { personIds: '请至少选择一位矿领导' }),
        submit: async (v) => {
          await assessApi.fillLeaderRoster({ month, personIds: v.personIds.map(Number) });
          toast('已按顺序排班', 'success');
          await load();
          return true;
        },
      });
    }

    function swapDialog() {
      return formDialog({
        name: 'swap-duty',
        title: '调班',
        message: '对调两天的带班值班领导，原因记入调班记录和操作日志。',
        fields: [
          textField({ name: 'dateA', label: '调换日期', required: true, placeholder: `${month}-05`, maxlength: 10 }),
          textField({ name: 'dateB', label: '对调日期', required: true, placeholder: `${month}-12`, maxlength: 10 }),
          textareaField({ name: 'reason', label: '调班原因', required: true, rows: 2 }),
        ],
        submitLabel: '调班',
        validate: (v) => {
          const e = {};
          for (const k of ['dateA', 'dateB']) if (!isValidDate(String(v[k]).trim())) e[k] = '日期格式应为 2026-03-05';
          if (!String(v.reason).trim()) e.reason = '请填写调班原因';
          return e;
        },
        submit: async (v) => {
          await assessApi.swapLeaderDuty({ dateA: v.dateA.trim(), dateB: v.dateB.trim(), reason: v.reason.trim() });
          toast('已调班', 'success');
          await load();
          return true;
        },
      });
    }

    const swaps = createTable({
      name: 'swaps',
      search: false,
      columns: [
        { key: 'dateA', label: '调换日期', value: (s) => s.dateA, className: 'num nowrap' },
        { key: 'personA', label: '原值班', value: (s) => s.personA },
        { key: 'dateB', label: '对调日期', value: (s) => s.dateB, className: 'num nowrap' },
        { key: 'personB', label: '原值班', value: (s) => s.personB },
        { key: 'reason', label: '原因', value: (s) => s.reason },
        { key: 'swappedBy', label: '经办', value: (s) => `${s.swappedBy} ${s.swappedAt}`, className: 'muted nowrap' },
      ],
      emptyState: () => h('div', { class: 'table-message' }, '本月没有调班'),
    });

    // ---------- handovers ----------

    function confirmDialogFor(handover, side) {
      const name = side === 'outgoing' ? handover.outgoingName : handover.incomingName;
      const userId = side === 'outgoing' ? handover.outgoingUserId : handover.incomingUserId;
      const username = users.find((u) => u.id === userId)?.username ?? '';
      return formDialog({
        name: 'confirm-handover',
        title: side === 'outgoing' ? '交班确认' : '接班确认',
        message: `请${name}本人输入自己的用户名和密码确认${side === 'outgoing' ? '交班' : '接班'}。`,
        details: '交接班须交班人、接班人各自以本人账号确认，双方都确认后才算完成，完成后记录冻结。',
        fields: [
          textField({ name: 'username', label: '用户名', required: true, value: username, autocomplete: 'username' }),
          passwordField({ name: 'password', label: '密码', autocomplete: 'current-password' }),
        ],
        submitLabel: '确认',
        validate: (v) => {
          const e = {};
          if (!String(v.username).trim()) e.username = '请输入用户名';
          if (!v.password) e.password = '请输入密码';
          return e;
        },
        submit: async (v) => {
          const saved = await assessApi.confirmHandover({ id: handover.id, username: v.username.trim(), password: v.password });
          toast(saved.complete ? '双方均已确认，交接班完成' : '已确认，等待另一方本人确认', 'success');
          return saved;
        },
      });
    }

    // 办结: the dispatcher writes how the item was done.
    function finishDialog(item) {
      return formDialog({
        name: 'finish-handover-item',
        title: '办结交接事项',
        message: item.text,
        fields: [textareaField({ name: 'note', label: '办结情况', required: true, rows: 3, placeholder: '如：回执已交回，已登记签收' })],
        submitLabel: '办结',
        validate: (v) => {
          const text = String(v.note ?? '').trim();
          if (!text) return { note: '请填写办结情况' };
          if ([...text].length > 300) return { note: '办结情况不能超过300个字' };
          return {};
        },
        submit: async (v) => {
          const next = await assessApi.finishHandoverItem({ itemId: item.id, note: trimmed(v.note) });
          toast('交接事项已办结', 'success');
          return next;
        },
      });
    }

    function openHandover(hv) {
      const items = hv.items.map((it) =>
        h('li', { class: ['handover-item', it.status === 'done' && 'handover-item--done'], 'data-item': it.id },
          h('span', null, it.text),
          it.carriedFrom ? tag('上班结转', 'warn') : null,
          it.status === 'done' ? tag(`已办结${it.doneNote ? `：${it.doneNote}` : ''}`, 'ok') : null,
          editable && !hv.complete && it.status === 'open'
            ? actionButton('finish-item', '办结', async () => {
                const next = await finishDialog(it);
                if (next) {
                  await load();
                  openHandover(next);
                }
              })
            : null));
      // Items found during the shift are added until both have confirmed.
      const addForm = editable && !hv.complete
        ? h('form', { class: 'handover-add', 'data-form': 'handover-item' },
            textField({ name: 'text', label: '新增交接事项', required: true, maxlength: 300, placeholder: '写明事项和需要接班人跟进的内容' }),
            formError(),
            h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'btn btn--small btn--primary', 'data-action': 'add-item' }, '添加事项')))
        : null;
      if (addForm) {
        bindForm(addForm, {
          schema: { text: [required('交接事项')] },
          submit: async (v) => {
            const next = await assessApi.addHandoverItem({ id: hv.id, text: trimmed(v.text) });
            toast('已添加交接事项', 'success');
            await load();
            openHandover(next);
          },
        });
      }
      const sideRow = (side, name, at) =>
        h('div', { class: 'handover-side', 'data-side': side },
          h('span', { class: 'handover-side__label' }, side === 'outgoing' ? '交班人' : '接班人'),
          h('strong', null, name),
          at ? tag(`已确认 ${at}`, 'ok') : tag('未确认', 'warn'),
          !at && editable ? h('button', { type: 'button', class: 'btn btn--small btn--primary', 'data-action': `confirm-${side}`, onClick: async () => {
            const saved = await confirmDialogFor(hv, side);
            if (saved) {
              await load();
              openHandover(saved);
            }
          } }, side === 'outgoing' ? '交班确认' : '接班确认') : null);
      const body = h('div', { class: 'handover', 'data-handover': hv.id, 'data-complete': String(hv.complete) },
        h('p', null, `${hv.shiftDate} ${hv.shiftLabel} `, hv.complete ? tag('双方已确认', 'ok') : tag('待双方确认', 'warn')),
        h('h3', { class: 'handover__heading' }, '本班情况'),
        h('p', { class: 'handover__summary' }, hv.summary),
        h('h3', { class: 'handover__heading' }, '交接事项'),
        items.length ? h('ul', { class: 'handover-items' }, items) : h('p', { class: 'muted' }, '无'),
        addForm,
        h('h3', { class: 'handover__heading' }, '确认'),
        sideRow('outgoing', hv.outgoingName, hv.outgoingConfirmedAt),
        sideRow('incoming', hv.incomingName, hv.incomingConfirmedAt));
      openPanel({ host: ctx.panelHost, name: 'handover', title: '交接班记录', content: body, wide: true });
    }

    function openHandoverForm() {
      const me = getUser();
      const hour = clockNow().getHours();
      const form = h(
        'form',
        { class: 'form', 'data-form': 'handover' },
        textField({ name: 'shiftDate', label: '交班日期', required: true, value: todayIso(), maxlength: 10 }),
        selectField({ name: 'shift', label: '班次', required: true, value: hour >= 8 && hour < 20 ? 'day' : 'night', options: [{ value: 'day', label: '白班（8:00—20:00）' }, { value: 'night', label: '夜班（20:00—次日8:00）' }] }),
        selectField({ name: 'outgoingUserId', label: '交班调度员', required: true, options: userOptions(), value: me ? String(me.id) : '', empty: '请选择' }),
        selectField({ name: 'incomingUserId', label: '接班调度员', required: true, options: userOptions(), empty: '请选择' }),
        textareaField({ name: 'summary', label: '本班情况', required: true, rows: 3 }),
        textareaField({ name: 'items', label: '未办结的交接事项', rows: 3, hint: '每行一项；上一班未办结的事项会自动结转' }),
        formError(),
        formActions('写入交接班', { onCancel: closePanel }),
      );
      bindForm(form, {
        schema: { shiftDate: [required('交班日期')], outgoingUserId: [requiredChoice('交班调度员')], incomingUserId: [requiredChoice('接班调度员')], summary: [required('本班情况')] },
        validate: (v) => {
          const e = {};
          if (v.shiftDate.trim() && !isValidDate(v.shiftDate.trim())) e.shiftDate = '日期格式应为 2026-03-05';
          if (v.incomingUserId && v.incomingUserId === v.outgoingUserId) e.incomingUserId = '接班调度员不能与交班调度员是同一人';
          return e;
        },
        submit: async (v) => {
          const saved = await assessApi.createHandover({
            shiftDate: v.shiftDate.trim(),
            shift: v.shift,
            outgoingUserId: idFromSelect(v.outgoingUserId),
            incomingUserId: idFromSelect(v.incomingUserId),
            summary: trimmed(v.summary),
            items: String(v.items).split('\n').map((s) => s.trim()).filter(Boolean),
          });
          toast('交接班已写入，请交班人、接班人分别以本人账号确认', 'success');
          await load();
          openHandover(saved);
        },
      });
      openPanel({ host: ctx.panelHost, name: 'handover-form', title: '写交接班', content: form });
    }

    const handoverTable = createTable({
      name: 'handovers',
      columns: [
        { key: 'shiftDate', label: '交班日期', value: (x) => `${x.shiftDate} ${x.shift}`, render: (x) => x.shiftDate, className: 'num nowrap' },
        { key: 'shift', label: '班次', value: (x) => x.shiftLabel, className: 'nowrap' },
        { key: 'outgoingName', label: '交班人', value: (x) => x.outgoingName, className: 'nowrap' },
        { key: 'incomingName', label: '接班人', value: (x) => x.incomingName, className: 'nowrap' },
        { key: 'summary', label: '本班情况', value: (x) => x.summary },
        { key: 'open', label: '未办结', value: (x) => x.items.filter((i) => i.status === 'open').length, className: 'num' },
        { key: 'complete', label: '确认', value: (x) => (x.complete ? 1 : 0), render: (x) => (x.complete ? tag('双方已确认', 'ok') : tag(x.outgoingConfirmedAt || x.incomingConfirmedAt ? '一方已确认' : '待确认', 'warn')), className: 'nowrap' },
      ],
      searchPlaceholder: '搜索调度员、情况',
      onOpen: openHandover,
      emptyState: () => emptyState({ title: '还没有交接班记录', text: '交班调度员写明本班情况和未办结事项，交接双方各自以本人账号确认。', actionLabel: editable ? '写交接班' : null, onAction: openHandoverForm, action: 'new-handover-empty' }),
    });

    ctx.actions.append(
      periodBar({ value: month, label: '月份', hint: '月份，如 2026-03', onChange: (p) => { if (/^\d{4}-\d{2}$/.test(p)) { month = p; load(); } } }),
      editable ? h('button', { type: 'button', class: 'btn', 'data-action': 'fill-roster', onClick: fillDialog }, '按顺序排班') : null,
      editable ? h('button', { type: 'button', class: 'btn', 'data-action': 'swap-duty', onClick: swapDialog }, '调班') : null,
      h('button', { type: 'button', class: 'btn', 'data-action': 'print-roster', onClick: () => openReport({ kind: 'roster', period: month, title: `${month}值班表` }) }, '打印值班表'),
      h('button', { type: 'button', class: 'btn', 'data-action': 'export-roster', onClick: () => saveReport({ kind: 'roster', period: month, format: 'xlsx' }) }, '导出Excel'),
    );
    ctx.root.append(
      banner,
      h('section', { class: 'page-section' }, h('header', { class: 'page-section__header' }, onDuty)),
      section({ name: 'roster', title: '领导干部24小时带班值班表', description: '点击某一天安排带班领导和白班、夜班调度员', body: grid }),
      section({ name: 'swaps', title: '调班记录', body: swaps.element }),
      section({ name: 'handovers', title: '调度员交接班', description: '双方以本人账号确认后完成；未办结事项自动结转到下一班', actions: editable ? [h('button', { type: 'button', class: 'btn btn--primary', 'data-action': 'new-handover', onClick: openHandoverForm }, '写交接班')] : [], body: handoverTable.element }),
    );

    async function load() {
      try {
        const [r, loadedPeople, loadedUsers, list, now] = await Promise.all([
          assessApi.dutyRoster({ month }),
          api.listPeople({ includeRetired: false }),
          assessApi.listDutyUsers(),
          assessApi.listHandovers({ limit: 60 }),
          assessApi.dutyNow(),
        ]);
        roster = r;
        people = loadedPeople;
        users = loadedUsers;
        handovers = list;
        banner.replaceChildren();
        refill(onDuty,
          h('strong', null, '当前值班：'),
          now.leader ? `带班领导 ${now.leader.name}（${now.leader.label}，${now.leader.phone}）` : '带班领导 未安排',
          ' · ',
          now.dispatcher ? `调度员 ${now.dispatcher.name}（${now.dispatcher.label}）` : '调度员 未安排',
        );
        renderGrid();
        swaps.setRows(roster.swaps);
        handoverTable.setRows(handovers);
      } catch (error) {
        loadFailed(banner, error, load);
      }
    }
    return load();
  },
};
