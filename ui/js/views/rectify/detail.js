// One rectification in the side panel: 三定, the problem, measures and
// evidence with its files, verification (验收), close-out (销号) and the
// full status history; the actions verify, close out, edit, reopen.
//
// Hooks: aside[data-panel="rectification"] > div.rect-detail[data-rect-id]
// [data-status] [data-due]; [data-sanding] with [data-detail=itemName |
// personName | deadline]; ol[data-rect-history] > li[data-to=STATUS];
// button[data-action="verify" | "closeout" | "edit" | "reopen"];
// dialog[data-dialog="verify-rect"] > form[data-form="verify-rect"]
// (verifiedBy, verifiedOn, result, note); dialog[data-dialog="closeout-rect"]
// (note; the core's refusal in its .form-error); dialog[data-dialog="confirm"]
// with the reason for reopening.

import * as loopApi from '../../api/loop.js';
import { h } from '../../components/dom.js';
import { openPanel } from '../../components/panel.js';
import { textField, textareaField, selectField } from '../../components/fields.js';
import { confirmDialog } from '../../components/dialog.js';
import { toast } from '../../components/toast.js';
import { formDialog } from '../documents/dialogs.js';
import { formatDateTime } from '../../lib/dates.js';
import { VERIFY_RESULTS, validateVerification, rectActions, RECT_ACTION_LABELS, dueBadge, statusTone } from '../../lib/loop.js';
import { todayIso } from '../../lib/clock.js';
import { attachmentList } from '../loop/attachments.js';

function item(label, value, key) {
  const empty = value === '' || value === null || value === undefined;
  return [h('dt', null, label), h('dd', { 'data-detail': key }, empty ? h('span', { class: 'muted' }, '—') : value)];
}

export function rectStatusTag(r) {
  return h('span', { class: ['tag', 'rect-status', `rect-status--${statusTone(r.status)}`], 'data-status': r.status }, r.statusLabel);
}

export function dueTag(r) {
  const b = dueBadge(r.dueState);
  return b.label ? h('span', { class: ['tag', 'loop-due', `loop-due--${b.tone}`], 'data-due': r.dueState }, b.label) : null;
}

function verifyDialog(r) {
  return formDialog({
    name: 'verify-rect',
    title: '验收',
    message: `验收整改“${r.itemName}”（责任人：${r.personName}）。`,
    details: '验收通过后可以销号；不通过的，整改继续，验收意见记入状态记录。',
    fields: [
      h(
        'div',
        { class: 'form-row' },
        textField({ name: 'verifiedBy', label: '验收人', required: true, maxlength: 20 }),
        textField({ name: 'verifiedOn', label: '验收日期', required: true, value: todayIso(), placeholder: 'YYYY-MM-DD' }),
        selectField({ name: 'result', label: '验收结果', required: true, options: VERIFY_RESULTS, empty: '（请选择）' }),
      ),
      textareaField({ name: 'note', label: '验收意见', rows: 3, hint: '不通过时必填' }),
    ],
    submitLabel: '保存验收结果',
    validate: (values) => validateVerification(values),
    submit: async (values) => {
      const saved = await loopApi.verifyRectification({ id: r.id, verifiedBy: values.verifiedBy.trim(), verifiedOn: values.verifiedOn.trim(), result: values.result, note: values.note.trim() });
      toast(saved.status === 'verified' ? `验收通过：${saved.itemName}` : `验收未通过，继续整改：${saved.itemName}`, saved.status === 'verified' ? 'success' : 'info');
      return saved;
    },
  });
}

function closeoutDialog(r) {
  return formDialog({
    name: 'closeout-rect',
    title: '销号',
    message: `对整改“${r.itemName}”销号。`,
    details: '销号须验收通过；销号后不能再修改，如复查发现问题可说明原因重新打开。',
    fields: textareaField({ name: 'note', label: '销号说明（可不填）', rows: 2 }),
    submitLabel: '确认销号',
    submit: async (values) => {
      const saved = await loopApi.closeRectification({ id: r.id, note: values.note.trim() });
      toast(`已销号：${saved.itemName}`, 'success');
      return saved;
    },
  });
}

async function reopenDialog(r) {
  let saved = null;
  const done = await confirmDialog({
    title: '重新打开整改',
    message: `确定重新打开整改“${r.itemName}”吗？`,
    details: '重新打开后回到“整改中”，原验收和销号记录保留在状态记录中，再次销号须重新验收。',
    confirmLabel: '重新打开',
    danger: true,
    reason: { label: '重新打开的原因' },
    onConfirm: async ({ reason }) => {
      saved = await loopApi.reopenRectification({ id: r.id, reason });
      toast(`已重新打开：${saved.itemName}`, 'success');
    },
  });
  return done ? saved : null;
}

function history(r) {
  return h(
    'ol',
    { class: 'rect-history', 'data-rect-history': true },
    r.history.map((e) =>
      h(
        'li',
        { class: 'rect-history__item', 'data-to': e.toStatus },
        h('span', { class: 'rect-history__at num' }, formatDateTime(e.at)),
        h('span', { class: 'rect-history__move' }, e.fromLabel ? `${e.fromLabel} → ${e.toLabel}` : e.toLabel),
        h('span', { class: 'rect-history__note' }, e.note),
        e.username ? h('span', { class: 'rect-history__who muted' }, e.username) : null,
      ),
    ),
  );
}

function sourceOf(r, onOpenVisit) {
  const visit = /^visit:(\d+)$/.exec(r.sourceRef ?? '');
  if (visit && onOpenVisit) {
    return h('button', { type: 'button', class: 'btn btn--link', 'data-action': 'open-visit', onClick: () => onOpenVisit(Number(visit[1])) }, `${r.sourceLabel}（打开走访记录）`);
  }
  return [r.sourceLabel, r.sourceRef ? `（${r.sourceRef}）` : ''].join('');
}

// onOpenVisit(id), when given, makes the source of an item raised on a
// leader's visit (帮扶走访, source `visit:<id>`) a link to that visit.
export function renderRectification(r, { editable, onAction, onOpenVisit = null }) {
  const actions = rectActions(r, editable).map((key, i) =>
    h('button', { type: 'button', class: ['btn', i === 0 && key !== 'reopen' && 'btn--primary', key === 'reopen' && 'btn--danger-text'], 'data-action': key, onClick: () => onAction(key, r) }, RECT_ACTION_LABELS[key]),
  );
  const sanding = h(
    'div',
    { class: 'rect-sanding-card', 'data-sanding': true },
    h('div', { class: 'rect-sanding-card__cell' }, h('div', { class: 'rect-sanding-card__label' }, '项目名称'), h('div', { class: 'rect-sanding-card__value', 'data-detail': 'itemName' }, r.itemName)),
    h('div', { class: 'rect-sanding-card__cell' }, h('div', { class: 'rect-sanding-card__label' }, '责任人'), h('div', { class: 'rect-sanding-card__value', 'data-detail': 'personName' }, r.personName)),
    h(
      'div',
      { class: 'rect-sanding-card__cell' },
      h('div', { class: 'rect-sanding-card__label' }, '完成时限'),
      h('div', { class: ['rect-sanding-card__value', 'num', `loop-due-text--${dueBadge(r.dueState).tone || 'none'}`], 'data-detail': 'deadline' }, r.deadline, dueTag(r)),
    ),
  );
  const verified = r.verificationResult
    ? `${r.verificationResultLabel}（${r.verifiedBy ?? ''}，${r.verifiedOn ?? ''}）`
    : '';
  return h(
    'div',
    { class: 'rect-detail', 'data-rect-id': r.id, 'data-status': r.status, 'data-due': r.dueState },
    h('div', { class: 'rect-detail__head' }, h('div', { class: 'rect-detail__title' }, r.itemName), h('div', { class: 'doc-detail__tags' }, rectStatusTag(r), dueTag(r), h('span', { class: 'tag loop-tag' }, r.sourceLabel))),
    actions.length ? h('div', { class: 'doc-detail__actions' }, actions) : null,
    h('section', { class: 'doc-detail__section' }, h('h3', { class: 'subheading' }, '三定'), sanding),
    h(
      'section',
      { class: 'doc-detail__section' },
      h('h3', { class: 'subheading' }, '整改内容'),
      h(
        'dl',
        { class: 'detail-list detail-list--wide' },
        item('责任单位', r.unitName, 'unit'),
        item('存在问题', h('span', { class: 'pre-line' }, r.problem), 'problem'),
        item('整改措施', r.measures ? h('span', { class: 'pre-line' }, r.measures) : '', 'measures'),
        item('整改佐证', r.evidence ? h('span', { class: 'pre-line' }, r.evidence) : '', 'evidence'),
        item('来源', sourceOf(r, onOpenVisit), 'source'),
        item('关联对象', r.targetTitle ?? '', 'target'),
        item('登记', `${r.createdBy ?? ''} ${formatDateTime(r.createdAt)}`.trim(), 'created'),
      ),
      attachmentList(r.attachments),
    ),
    h(
      'section',
      { class: 'doc-detail__section' },
      h('h3', { class: 'subheading' }, '验收与销号'),
      h(
        'dl',
        { class: 'detail-list detail-list--wide' },
        item('验收', verified, 'verification'),
        item('销号', r.closedOn ? `${r.closedOn}（${r.closedBy ?? ''}）` : '', 'closeout'),
      ),
    ),
    h('section', { class: 'doc-detail__section' }, h('h3', { class: 'subheading' }, '状态记录'), history(r)),
  );
}

// Opens (or replaces) the panel; onChanged(r) after an action saved.
export function openRectificationDetail({ host, r, editable, onEdit, onChanged, onClose = null, onOpenVisit = null }) {
  const body = h('div', { class: 'rect-detail-host' });
  const show = (x) => body.replaceChildren(renderRectification(x, { editable, onAction, onOpenVisit }));
  async function onAction(key, x) {
    if (key === 'edit') return onEdit(x);
    const run = { verify: verifyDialog, closeout: closeoutDialog, reopen: reopenDialog }[key];
    const saved = await run(x);
    if (saved) {
      show(saved);
      await onChanged(saved);
    }
  }
  show(r);
  openPanel({ host, name: 'rectification', title: '整改', content: body, wide: true, onClose });
  return { update: show, isOpen: () => body.isConnected };
}
