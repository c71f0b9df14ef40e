// 调度会: 党建调度例会 and 矿大调度会 — date, kind, attendees, agenda,
// decisions (议定事项). A decision becomes a plan task or a notice/order
// draft in one step, and the link stays on the decision. Bulletins read out
// at a meeting are recorded on it.
//
// Hooks: table[data-table="meetings"] rows tr[data-id]; button[data-action=
// "new-meeting"]; aside[data-panel="meeting-form"] > form[data-form="meeting"]
// (kind, heldOn, startTime, place, chair, attendees, agenda, notes,
// decisions — one per line, new meetings only); aside[data-panel="meeting"]
// with li[data-decision-id] (data-linked="task" | "doc" | "") and
// button[data-action="to-order" | "to-notice" | "to-task" | "edit-decision" |
// "remove-decision" | "add-decision" | "open-doc" | "edit-meeting" |
// "cancel-meeting" | "record-bulletin"]; dialogs data-dialog="decision-doc" >
// form[data-form="decision-doc"] (kind, title, urgency, targetUnitId,
// deadline), "decision-task" > form[data-form="decision-task"] (planId,
// parentId, name, leadUnitId, deadline), "decision" > form[data-form=
// "decision"] (text, unitId, deadline), "bulletin-read" > form[data-form=
// "bulletin-read"] (summaryId).

import * as api from '../api/index.js';
import * as supApi from '../api/supervision.js';
import * as plansApi from '../api/plans.js';
import { getChart } from '../api/chart.js';
import { h } from '../components/dom.js';
import { createTable, emptyState } from '../components/table.js';
import { textField, textareaField, selectField, formError, formActions } from '../components/fields.js';
import { bindForm } from '../components/form.js';
import { openPanel, closePanel } from '../components/panel.js';
import { confirmDialog } from '../components/dialog.js';
import { toast, toastError } from '../components/toast.js';
import { MEETING_KINDS, shortDate } from '../lib/supervision.js';
import { grants } from '../state.js';
import { URGENCIES, isValidDate, normalizeDateInput } from './documents/model.js';
import { todayIso } from '../lib/clock.js';
import { formDialog } from './documents/dialogs.js';
import { openDocumentLater } from './documents.js';
import { loadFailed, toolbarSelect } from './common.js';
import { PLAN_KINDS } from '../lib/plans.js';

const DISPATCH_LABELS = Object.fromEntries(PLAN_KINDS.map((k) => [k.value, k.label]));

// A meeting to open when the page next renders (from a timeline's 会议议定).
let pendingOpenId = null;

export function openMeetingPage(ctx, id) {
  pendingOpenId = id;
  ctx.navigate('meetings');
}

const unitOptions = (units) => units.filter((u) => !u.retired).map((u) => ({ value: String(u.id), label: u.name }));

function checkDate(value, label, { required = false } = {}) {
  const text = normalizeDateInput(value);
  if (!text) return required ? `请填写${label}` : null;
  return isValidDate(text) ? null : `${label}格式应为 2026-03-05`;
}

// ---------- one-step dialogs ----------

function decisionDocDialog(decision, units, kind) {
  const order = kind === 'order';
  const what = order ? '调度令' : '通知单';
  return formDialog({
    name: 'decision-doc',
    title: `议定事项转为${what}`,
    message: `按这条议定事项起草一份${what}草稿，起草后在“通知单与调度令”中签发。`,
    details: h('p', { class: 'sup-quote' }, decision.text),
    fields: [
      h('input', { type: 'hidden', name: 'kind', value: kind }),
      textField({ name: 'title', label: '标题', value: '', placeholder: '不填则按议定事项自动拟定', maxlength: 60 }),
      order ? selectField({ name: 'urgency', label: '紧急程度', required: true, options: URGENCIES, value: 'expedited' }) : null,
      selectField({ name: 'targetUnitId', label: '责任单位', required: true, options: unitOptions(units), value: decision.unitId ? String(decision.unitId) : '', empty: '（请选择）' }),
      textField({ name: 'deadline', label: '完成时限', value: decision.deadline ?? '', placeholder: '如 2026-03-05', maxlength: 12 }),
    ],
    submitLabel: `起草${what}`,
    validate: (v) => {
      const errors = {};
      if (!v.targetUnitId) errors.targetUnitId = '请选择责任单位';
      const d = checkDate(v.deadline, '完成时限');
      if (d) errors.deadline = d;
      return errors;
    },
    submit: async (v) => {
      const answer = await supApi.decisionToDoc({
        id: decision.id,
        kind,
        title: String(v.title ?? '').trim() || undefined,
        urgency: order ? v.urgency : undefined,
        targetUnitId: Number(v.targetUnitId),
        deadline: normalizeDateInput(v.deadline) || undefined,
      });
      toast(`已起草${what}草稿“${answer.doc.title}”`, 'success');
      return answer;
    },
  });
}

async function decisionTaskDialog(decision, units) {
  let plans;
  try {
    plans = await plansApi.listPlans({ status: 'active' });
  } catch (error) {
    toastError(error);
    return null;
  }
  if (plans.length === 0) {
    toast('还没有在用的计划：请先在“计划与网络图”中新建计划', 'error');
    return null;
  }
  const stageSelect = selectField({ name: 'parentId', label: '放在阶段', options: [], empty: '（计划顶层）' });
  async function loadStages(planId) {
    const select = stageSelect.querySelector('select');
    select.replaceChildren(h('option', { value: '' }, '（计划顶层）'));
    if (!planId) return;
    try {
      const chart = await getChart({ planId: Number(planId) });
      for (const t of chart.tasks.filter((x) => x.kind === 'stage')) select.append(h('option', { value: String(t.id) }, `${t.outline} ${t.name}`));
    } catch (error) {
      toastError(error);
    }
  }
  const planField = selectField({ name: 'planId', label: '计划', required: true, options: plans.map((p) => ({ value: String(p.id), label: p.title })), value: String(plans[0].id) });
  planField.querySelector('select').addEventListener('change', (e) => loadStages(e.target.value));
  loadStages(plans[0].id);
  return formDialog({
    name: 'decision-task',
    title: '议定事项转为计划任务',
    message: '在所选计划的网络推进图中新增一项任务，开始日期不早于会议日期。',
    details: h('p', { class: 'sup-quote' }, decision.text),
    fields: [
      planField,
      stageSelect,
      textField({ name: 'name', label: '任务名称', value: '', placeholder: '不填则取议定事项的第一句', maxlength: 100 }),
      selectField({ name: 'leadUnitId', label: '责任单位', options: unitOptions(units), value: decision.unitId ? String(decision.unitId) : '', empty: '（未指定）' }),
      textField({ name: 'deadline', label: '完成时限', value: decision.deadline ?? '', placeholder: '如 2026-03-05', maxlength: 12 }),
    ],
    submitLabel: '新增任务',
    validate: (v) => {
      const errors = {};
      if (!v.planId) errors.planId = '请选择计划';
      const d = checkDate(v.deadline, '完成时限');
      if (d) errors.deadline = d;
      return errors;
    },
    submit: async (v) => {
      const meeting = await supApi.decisionToTask({
        id: decision.id,
        planId: Number(v.planId),
        parentId: v.parentId ? Number(v.parentId) : undefined,
        name: String(v.name ?? '').trim() || undefined,
        leadUnitId: v.leadUnitId ? Number(v.leadUnitId) : undefined,
        deadline: normalizeDateInput(v.deadline) || undefined,
      });
      toast('已转为计划任务', 'success');
      return meeting;
    },
  });
}

function decisionDialog(decision, units, save) {
  return formDialog({
    name: 'decision',
    title: decision ? '修改议定事项' : '新增议定事项',
    fields: [
      textareaField({ name: 'text', label: '议定事项', required: true, rows: 3, value: decision?.text ?? '' }),
      selectField({ name: 'unitId', label: '责任单位', options: unitOptions(units), value: decision?.unitId ? String(decision.unitId) : '', empty: '（未指定）' }),
      textField({ name: 'deadline', label: '完成时限', value: decision?.deadline ?? '', placeholder: '如 2026-03-05', maxlength: 12 }),
    ],
    submitLabel: '保存',
    validate: (v) => {
      const errors = {};
      if (!String(v.text ?? '').trim()) errors.text = '请填写议定事项';
      const d = checkDate(v.deadline, '完成时限');
      if (d) errors.deadline = d;
      return errors;
    },
    submit: (v) => save({ text: String(v.text).trim(), unitId: v.unitId ? Number(v.unitId) : null, deadline: normalizeDateInput(v.deadline) || null }),
  });
}

async function bulletinDialog(meeting) {
  let summaries;
  try {
    summaries = (await supApi.listSummaries()).filter((s) => s.status === 'issued' && !meeting.bulletins.some((b) => b.summaryId === s.id));
  } catch (error) {
    toastError(error);
    return null;
  }
  if (summaries.length === 0) {
    toast('没有可通报的已印发通报（阶段总结通报印发后才能在会上通报）', 'error');
    return null;
  }
  return formDialog({
    name: 'bulletin-read',
    title: '记录会上通报',
    message: `记录在${meeting.label}上通报的阶段总结通报。`,
    fields: selectField({ name: 'summaryId', label: '通报', required: true, options: summaries.map((s) => ({ value: String(s.id), label: `${s.number}《${s.title}》` })), value: String(summaries[0].id) }),
    submitLabel: '记录',
    submit: async (v) => {
      const m = await supApi.recordBulletinRead({ meetingId: meeting.id, summaryId: Number(v.summaryId) });
      toast('已记录会上通报', 'success');
      return m;
    },
  });
}

// ---------- the meeting form ----------

function meetingForm({ host, meeting, onSaved }) {
  const form = h(
    'form',
    { class: 'form form--panel', 'data-form': 'meeting', novalidate: true },
    h(
      'div',
      { class: 'form-row' },
      selectField({ name: 'kind', label: '会议类别', required: true, options: MEETING_KINDS, value: meeting?.kind ?? 'regular' }),
      textField({ name: 'heldOn', label: '会议日期', required: true, value: meeting?.heldOn ?? todayIso(), placeholder: '如 2026-03-05', maxlength: 12 }),
      textField({ name: 'startTime', label: '开始时间', value: meeting?.startTime ?? '08:30', placeholder: '08:30', maxlength: 5 }),
    ),
    h('div', { class: 'form-row' }, textField({ name: 'place', label: '会议地点', value: meeting?.place ?? '党建调度室', maxlength: 60 }), textField({ name: 'chair', label: '主持人', value: meeting?.chair ?? '', maxlength: 40 })),
    textareaField({ name: 'attendees', label: '参会人员', rows: 2, value: meeting?.attendees ?? '', placeholder: '姓名用顿号分隔' }),
    textareaField({ name: 'agenda', label: '会议议程', rows: 2, value: meeting?.agenda ?? '' }),
    meeting ? null : textareaField({ name: 'decisions', label: '议定事项', rows: 4, hint: '每行一条；责任单位和完成时限可在登记后逐条补充', placeholder: '如：综采一队党支部十日内补齐“三会一课”记录' }),
    textareaField({ name: 'notes', label: '会议纪要', rows: 2, value: meeting?.notes ?? '' }),
    formError(),
    formActions(meeting ? '保存' : '登记', { onCancel: closePanel }),
  );
  bindForm(form, {
    validate: (v) => {
      const errors = {};
      if (!v.kind) errors.kind = '请选择会议类别';
      const d = checkDate(v.heldOn, '会议日期', { required: true });
      if (d) errors.heldOn = d;
      if (v.startTime && !/^([01]\d|2[0-3]):[0-5]\d$/.test(String(v.startTime).trim())) errors.startTime = '开始时间格式应为 08:30';
      return errors;
    },
    submit: async (v) => {
      const input = { kind: v.kind, heldOn: normalizeDateInput(v.heldOn), startTime: String(v.startTime ?? '').trim(), place: v.place, chair: v.chair, attendees: v.attendees, agenda: v.agenda, notes: v.notes };
      const saved = meeting
        ? await supApi.updateMeeting({ id: meeting.id, ...input })
        : await supApi.createMeeting(
            input,
            String(v.decisions ?? '')
              .split('\n')
              .map((l) => l.trim())
              .filter(Boolean)
              .map((text) => ({ text })),
          );
      toast(meeting ? '已保存' : `已登记${saved.label}`, 'success');
      onSaved(saved);
    },
  });
  openPanel({ host, name: 'meeting-form', title: meeting ? '修改调度会' : '登记调度会', content: form, wide: true });
}

// ---------- the detail panel ----------

function linkText(d) {
  if (d.docId) return `已转${d.docKind === 'notice' ? '通知单' : '调度令'}：${d.docNumber ?? '草稿'}《${d.docTitle ?? ''}》（${d.docStatusLabel ?? ''}）`;
  if (d.taskId) return d.taskName ? `已转计划任务：${d.planTitle ?? ''} · ${d.taskName}` : '已转计划任务（该任务已从网络图删除）';
  return '';
}

function meetingDetail({ ctx, meeting, units, editable, onChanged }) {
  const open = !meeting.cancelledAt;
  const can = editable && open;
  const changed = (m) => m && onChanged(m);
  const decisions = meeting.decisions.map((d, i) =>
    h(
      'li',
      { class: 'sup-decision', 'data-decision-id': d.id, 'data-linked': d.docId ? 'doc' : d.taskId ? 'task' : '' },
      h('div', { class: 'sup-decision__text' }, `${i + 1}. ${d.text}`),
      h('div', { class: 'sup-decision__meta muted' }, [d.unitName ? `责任单位：${d.unitName}` : '责任单位：未指定', d.deadline ? `完成时限：${d.deadline}` : null].filter(Boolean).join('　')),
      linkText(d) ? h('div', { class: 'sup-decision__link', 'data-decision-link': true }, linkText(d), d.docId ? h('button', { type: 'button', class: 'btn btn--link', 'data-action': 'open-doc', onClick: () => { openDocumentLater(d.docId); ctx.navigate('documents'); } }, '打开') : null) : null,
      can
        ? h(
            'div',
            { class: 'sup-decision__actions' },
            d.docId ? null : h('button', { type: 'button', class: 'btn btn--small btn--primary', 'data-action': 'to-order', onClick: async () => changed((await decisionDocDialog(d, units, 'order'))?.meeting) }, '转为调度令'),
            d.docId ? null : h('button', { type: 'button', class: 'btn btn--small', 'data-action': 'to-notice', onClick: async () => changed((await decisionDocDialog(d, units, 'notice'))?.meeting) }, '转为通知单'),
            d.taskId ? null : h('button', { type: 'button', class: 'btn btn--small', 'data-action': 'to-task', onClick: async () => changed(await decisionTaskDialog(d, units)) }, '转为计划任务'),
            h('button', { type: 'button', class: 'btn btn--small', 'data-action': 'edit-decision', onClick: async () => changed(await decisionDialog(d, units, (x) => supApi.updateDecision({ id: d.id, ...x }))) }, '修改'),
            d.docId || d.taskId
              ? null
              : h(
                  'button',
                  {
                    type: 'button',
                    class: 'btn btn--small btn--danger-text',
                    'data-action': 'remove-decision',
                    onClick: () => {
                      let m = null;
                      confirmDialog({ title: '删除议定事项', message: `删除“${d.text.slice(0, 30)}”吗？`, details: '误录的议定事项可以删除；已转为任务或文件的不能删除。审计日志保留删除记录。', confirmLabel: '删除', danger: true, onConfirm: async () => { m = await supApi.removeDecision({ id: d.id }); } }).then((ok) => ok && changed(m));
                    },
                  },
                  '删除',
                ),
          )
        : null,
    ),
  );
  const item = (label, value, key) => [h('dt', null, label), h('dd', { 'data-detail': key }, value || h('span', { class: 'muted' }, '—'))];
  return h(
    'div',
    { class: 'sup-meeting', 'data-meeting-id': meeting.id },
    h('div', { class: 'doc-detail__head' }, h('div', { class: 'doc-detail__title' }, meeting.label), h('div', { class: 'doc-detail__tags' }, h('span', { class: 'tag' }, meeting.kindLabel), meeting.cancelledAt ? h('span', { class: 'tag tag--retired' }, '已取消') : null)),
    can
      ? h(
          'div',
          { class: 'doc-detail__actions' },
          h('button', { type: 'button', class: 'btn', 'data-action': 'edit-meeting', onClick: () => meetingForm({ host: ctx.panelHost, meeting, onSaved: onChanged }) }, '修改'),
          h('button', { type: 'button', class: 'btn', 'data-action': 'record-bulletin', onClick: async () => changed(await bulletinDialog(meeting)) }, '记录会上通报'),
          h(
            'button',
            {
              type: 'button',
              class: 'btn btn--danger-text',
              'data-action': 'cancel-meeting',
              onClick: () => {
                let m = null;
                confirmDialog({ title: '取消会议', message: `取消${meeting.label}吗？`, details: '取消的会议保留记录，不计入年度召开次数。', confirmLabel: '取消会议', danger: true, reason: { label: '取消原因' }, onConfirm: async ({ reason }) => { m = await supApi.cancelMeeting({ id: meeting.id, reason }); } }).then((ok) => ok && changed(m));
              },
            },
            '取消会议',
          ),
        )
      : null,
    meeting.cancelledAt ? h('p', { class: 'doc-detail__withdrawn' }, `已取消：${meeting.cancelledReason ?? ''}`) : null,
    h(
      'dl',
      { class: 'detail-list detail-list--wide' },
      item('时间', `${meeting.heldOn} ${meeting.startTime}`, 'heldOn'),
      item('地点', meeting.place, 'place'),
      item('主持人', meeting.chair, 'chair'),
      item('参会人员', meeting.attendees, 'attendees'),
      item('会议议程', meeting.agenda ? h('span', { class: 'doc-pre' }, meeting.agenda) : '', 'agenda'),
      item('会议纪要', meeting.notes ? h('span', { class: 'doc-pre' }, meeting.notes) : '', 'notes'),
      item('会上通报', meeting.bulletins.map((b) => `${b.number ?? ''}《${b.title}》`).join('；'), 'bulletins'),
    ),
    h(
      'section',
      { class: 'doc-detail__section', 'data-section': 'decisions' },
      h('h3', { class: 'subheading' }, `议定事项（${meeting.decisions.length}）`),
      meeting.decisions.length ? h('ol', { class: 'sup-decisions' }, decisions) : h('p', { class: 'muted' }, '本次会议没有登记议定事项。'),
      can ? h('button', { type: 'button', class: 'btn btn--small', 'data-action': 'add-decision', onClick: async () => changed(await decisionDialog(null, units, (x) => supApi.addDecision({ meetingId: meeting.id, ...x }))) }, '新增议定事项') : null,
    ),
  );
}

export const meetingsPage = {
  id: 'meetings',
  title: '调度会',
  description: '党建调度例会和矿大调度会：议程、参会人员、议定事项；议定事项一步转为计划任务或调度令',
  render(ctx) {
    const editable = grants().edit;
    let units = [];
    let meetings = [];
    let shown = null;
    const banner = h('div', { class: 'page-banner' });

    function openDetail(m) {
      shown = m;
      const content = meetingDetail({
        ctx,
        meeting: m,
        units,
        editable,
        onChanged: async (saved) => {
          await load();
          openDetail(saved);
        },
      });
      openPanel({ host: ctx.panelHost, name: 'meeting', title: '调度会', content, wide: true, onClose: () => { shown = null; table.clearSelection(); } });
      table.select(m.id);
    }

    // 会议类别 and 调度类别 (重点/专项/日常调度: the kind of the work its decisions became).
    const meetingFilter = { kind: '', dispatchKind: '' };
    const applyMeetingFilter = () => {
      const { kind, dispatchKind } = meetingFilter;
      table.setPredicate(kind || dispatchKind ? (m) => (!kind || m.kind === kind) && (!dispatchKind || m.dispatchKind === dispatchKind) : null);
    };
    const kindSelect = toolbarSelect({ name: 'kindFilter', label: '会议类别', options: MEETING_KINDS, onChange: (v) => { meetingFilter.kind = v; applyMeetingFilter(); } });
    const dispatchSelect = toolbarSelect({ name: 'dispatchKindFilter', label: '调度类别', options: PLAN_KINDS, onChange: (v) => { meetingFilter.dispatchKind = v; applyMeetingFilter(); } });
    const table = createTable({
      name: 'meetings',
      columns: [
        { key: 'heldOn', label: '日期', value: (m) => m.heldOn, className: 'num nowrap' },
        { key: 'kind', label: '会议类别', value: (m) => m.kindLabel, className: 'nowrap' },
        { key: 'dispatchKind', label: '调度类别', value: (m) => DISPATCH_LABELS[m.dispatchKind] ?? '', className: 'nowrap' },
        { key: 'chair', label: '主持人', value: (m) => m.chair, className: 'nowrap' },
        { key: 'place', label: '地点', value: (m) => m.place, className: 'nowrap' },
        { key: 'agenda', label: '议程', value: (m) => (m.agenda ?? '').split('\n')[0] },
        { key: 'decisions', label: '议定事项', value: (m) => m.decisions.length, render: (m) => `${m.decisions.length} 条${m.decisions.some((d) => d.docId || d.taskId) ? `（已转办 ${m.decisions.filter((d) => d.docId || d.taskId).length}）` : ''}`, className: 'nowrap' },
        { key: 'bulletins', label: '通报', value: (m) => m.bulletins.length, render: (m) => (m.bulletins.length ? `${m.bulletins.length} 份` : ''), className: 'nowrap' },
      ],
      rowClass: (m) => (m.heldOn > todayIso() ? 'sup-row--planned' : null),
      searchValues: (m) => [m.heldOn, m.kindLabel, m.chair, m.place, m.agenda, m.attendees, m.notes, ...m.decisions.map((d) => d.text)],
      searchPlaceholder: '搜索日期、议程、议定事项、参会人员',
      toolbar: [kindSelect, dispatchSelect],
      onOpen: openDetail,
      onClearFilters: () => {
        kindSelect.value = '';
        dispatchSelect.value = '';
        meetingFilter.kind = '';
        meetingFilter.dispatchKind = '';
        table.setPredicate(null);
      },
      countText: (n, total) => (n === total ? `共 ${total} 次` : `显示 ${n} 次，共 ${total} 次`),
      emptyState: () =>
        emptyState({
          title: '还没有调度会记录',
          text: '党建调度例会每周召开，矿大调度会上通报阶段工作。登记会议的议程、参会人员和议定事项，议定事项可一步转为计划任务或调度令，年度统计按这里的记录计算召开次数。',
          actionLabel: editable ? '登记调度会' : null,
          onAction: () => newMeeting(),
          action: 'new-meeting',
        }),
    });

    function newMeeting() {
      meetingForm({
        host: ctx.panelHost,
        meeting: null,
        onSaved: async (saved) => {
          await load();
          openDetail(saved);
        },
      });
    }

    if (editable) ctx.actions.append(h('button', { type: 'button', class: 'btn btn--primary', 'data-action': 'new-meeting', onClick: newMeeting }, '登记调度会'));
    ctx.root.append(banner, table.element);

    async function load() {
      try {
        meetings = await supApi.listMeetings({ includeCancelled: true });
        banner.replaceChildren();
        table.setRows(meetings);
        if (shown) table.select(shown.id);
      } catch (error) {
        loadFailed(banner, error, load);
      }
    }
    return Promise.all([api.listUnits({ includeRetired: false }).then((u) => (units = u)).catch(() => []), load()]).then(() => {
      const when = meetings.find((m) => m.heldOn <= todayIso());
      if (when) banner.replaceChildren(h('p', { class: 'muted sup-note' }, `最近一次：${shortDate(when.heldOn)}${when.kindLabel}`));
      const wanted = pendingOpenId === null ? null : meetings.find((m) => m.id === pendingOpenId);
      pendingOpenId = null;
      if (wanted) openDetail(wanted);
    });
  },
};
