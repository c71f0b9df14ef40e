// A document's details in the side panel: aside[data-panel="doc"] with
// [data-doc-id] and [data-status] on div.doc-detail.
//
// Hooks: [data-doc-number], [data-verification-code], [data-detail=KEY]
// for each field, [data-late="receipt" | "completion"], the action buttons
// button[data-action="edit" | "sign" | "withdraw" | "receive" | "start" |
// "complete" | "amend" | "preview" | "save-pdf" | "print" | "open-amended"].

import { h } from '../../components/dom.js';
import { openPanel } from '../../components/panel.js';
import { formatDateTime } from '../../lib/dates.js';
import { ACTION_LABELS, docActions, primaryAction, feedbackRuleText, lateBadges, statusTone, urgencyTone, chineseDate } from './model.js';
import { loopSections } from '../loop/section.js';
import { supervisionSection } from '../supervision/target-section.js';
import { light } from '../../components/light.js';

function item(label, value, key) {
  const empty = value === '' || value === null || value === undefined || (Array.isArray(value) && value.length === 0);
  return [h('dt', null, label), h('dd', { 'data-detail': key }, empty ? h('span', { class: 'muted' }, '—') : value)];
}

function multiline(text) {
  return text ? h('span', { class: 'doc-pre' }, text) : '';
}

export function statusTag(doc) {
  return h('span', { class: ['tag', 'doc-status', `doc-status--${statusTone(doc.status)}`], 'data-status': doc.status }, doc.statusLabel);
}

export function lateTags(doc) {
  return lateBadges(doc).map((b) => h('span', { class: ['tag', 'doc-late', `doc-late--${b.tone}`], 'data-late': b.key, title: b.title }, b.label));
}

export function modeTag(doc) {
  if (doc.kind === 'order') {
    const tone = urgencyTone(doc.urgency);
    return h('span', { class: ['doc-urgency', `doc-urgency--${tone}`], 'data-urgency': doc.urgency ?? '' }, doc.urgencyLabel ?? '');
  }
  return h('span', { 'data-method': doc.method ?? '' }, doc.methodLabel ?? '');
}

function deadlineText(doc) {
  if (!doc.deadline) return '';
  return `${chineseDate(doc.deadline)}（${doc.deadline}）`;
}

function section(title, key, content) {
  return h('section', { class: 'doc-detail__section', 'data-section': key }, h('h3', { class: 'subheading' }, title), content);
}

// handlers: {edit, sign, withdraw, receive, start, complete, amend, preview,
// savePdf, print, openDoc(id)}; grants: what the user may do (lib/permissions.js).
export function renderDocDetail(doc, { grants, handlers }) {
  const keys = docActions(doc, grants);
  const main = primaryAction(keys);
  const actions = keys.map((key) =>
    h(
      'button',
      {
        type: 'button',
        class: ['btn', key === main && 'btn--primary', key === 'withdraw' && 'btn--danger-text'],
        'data-action': key,
        onClick: () => handlers[key](doc),
      },
      ACTION_LABELS[key],
    ),
  );
  const printButtons = [
    h('button', { type: 'button', class: 'btn btn--small', 'data-action': 'preview', title: '按正式文件格式预览', onClick: () => handlers.preview(doc) }, '预览'),
    h('button', { type: 'button', class: 'btn btn--small', 'data-action': 'save-pdf', onClick: () => handlers.savePdf(doc) }, '另存为PDF'),
    h('button', { type: 'button', class: 'btn btn--small', 'data-action': 'print', title: '打印 (Ctrl+P)', onClick: () => handlers.print(doc) }, '打印'),
  ];
  const order = doc.kind === 'order';
  const signed = Boolean(doc.number);

  const head = h(
    'div',
    { class: 'doc-detail__head' },
    h(
      'div',
      { class: 'doc-detail__number', 'data-doc-number': doc.number ?? '' },
      signed ? doc.number : h('span', { class: 'muted' }, doc.status === 'draft' ? '草稿（签发时编排文号）' : '未编号'),
    ),
    h('div', { class: 'doc-detail__title' }, doc.title),
    h('div', { class: 'doc-detail__tags' }, light(doc.dueState, { withLabel: doc.dueState !== 'none' }), h('span', { class: 'tag doc-kind' }, doc.kindLabel), statusTag(doc), modeTag(doc), lateTags(doc)),
  );

  const amends = doc.amendsId
    ? h(
        'p',
        { class: 'notice doc-detail__amends', 'data-detail': 'amends' },
        '本件更正 ',
        h('button', { type: 'button', class: 'btn btn--link', 'data-action': 'open-amended', onClick: () => handlers.openDoc(doc.amendsId) }, doc.amendsNumber ?? `#${doc.amendsId}`),
        doc.status === 'draft' ? '，签发后另编新文号。' : '。',
      )
    : null;

  const withdrawn =
    doc.status === 'withdrawn'
      ? h('p', { class: 'doc-detail__withdrawn', role: 'note' }, `已于 ${formatDateTime(doc.withdrawnAt)} 撤回。原因：${doc.withdrawnReason ?? ''}`, doc.number ? `（文号 ${doc.number} 保留，不再使用）` : '')
      : null;

  const content = h(
    'dl',
    { class: 'detail-list detail-list--wide' },
    item('类别', doc.kindLabel, 'kind'),
    order ? item('紧急程度', modeTag(doc), 'urgency') : item('调度方式', modeTag(doc), 'method'),
    item(order ? '责任单位' : '调度对象', doc.targetUnitName, 'targetUnit'),
    item('配合单位', (doc.cooperatingUnitNames ?? []).join('、'), 'cooperatingUnits'),
    item('责任人', doc.personName ?? '', 'person'),
    item('完成时限', deadlineText(doc), 'deadline'),
    item(order ? '调度事项' : '调度内容', multiline(doc.content), 'content'),
    item('工作要求', multiline(doc.requirements), 'requirements'),
    item('任务目标', multiline(doc.goal), 'goal'),
    item('反馈要求', feedbackRuleText(doc.feedbackRule), 'feedbackRule'),
    item('联系人', [doc.contact, doc.phone].filter(Boolean).join('　'), 'contact'),
    doc.taskIds && doc.taskIds.length > 0 ? item('来自计划任务', `${doc.taskIds.length} 项`, 'tasks') : null,
    item('起草时间', formatDateTime(doc.createdAt), 'createdAt'),
  );

  // Signed: number, signer, time and the verification code in one card.
  const signature = signed
    ? h(
        'div',
        { class: 'doc-sign-card' },
        h(
          'div',
          { class: 'doc-sign-card__code' },
          h('div', { class: 'doc-sign-card__label' }, '验证码'),
          doc.verificationCode
            ? h('div', { class: 'doc-code', 'data-verification-code': doc.verificationCode, title: '印在文件上，可在“验证码查验”中核对' }, doc.verificationCode)
            : h('span', { class: 'muted' }, '—'),
        ),
        h(
          'dl',
          { class: 'detail-list doc-sign-card__facts' },
          item('文号', doc.number ?? '', 'number'),
          item('签发人', doc.signerName ?? '', 'signer'),
          item('签发时间', formatDateTime(doc.signedAt), 'signedAt'),
        ),
      )
    : null;

  const receiptLate = lateBadges(doc).find((b) => b.key === 'receipt');
  const completionLate = lateBadges(doc).find((b) => b.key === 'completion');
  const progress = h(
    'dl',
    { class: 'detail-list detail-list--wide' },
    item('签收人', doc.receivedBy ?? '', 'receivedBy'),
    item('签收日期', doc.receivedAt ? [doc.receivedAt.slice(0, 10), receiptLate ? h('span', { class: 'doc-late-text' }, `（${receiptLate.label}）`) : null] : receiptLate ? h('span', { class: 'doc-late-text' }, receiptLate.title) : '', 'receivedAt'),
    item('开始办理', formatDateTime(doc.startedAt), 'startedAt'),
    item('办结日期', doc.completedAt ? [doc.completedAt.slice(0, 10), completionLate ? h('span', { class: 'doc-late-text doc-late-text--red' }, `（${completionLate.label}）`) : null] : completionLate ? h('span', { class: 'doc-late-text doc-late-text--red' }, completionLate.title) : '', 'completedAt'),
  );

  return h(
    'div',
    { class: 'doc-detail', 'data-doc-id': doc.id, 'data-status': doc.status },
    head,
    actions.length > 0 ? h('div', { class: 'doc-detail__actions' }, actions) : null,
    h('div', { class: 'doc-detail__print' }, h('span', { class: 'doc-detail__print-label' }, '正式文件'), printButtons),
    amends,
    withdrawn,
    signed ? section('签发', 'signature', signature) : null,
    signed ? section('签收与办理', 'progress', progress) : null,
    // Nodes from the feedback rule and deadline, supervision and reminders.
    signed && doc.status !== 'withdrawn' ? supervisionSection({ targetKind: 'document', targetId: doc.id, editable: grants.edit }) : null,
    section('文件内容', 'content', content),
  );
}

// Opens (or replaces) the panel. Returns {update(doc)} to show a changed
// document without closing it.
export function openDocDetail({ host, doc, grants, handlers, onClose = null }) {
  const body = h('div', { class: 'doc-detail-host' });
  // A signed document carries its closed loop: feedback, close-out, timeline.
  const render = (d) => {
    const loop = d.status === 'draft'
      ? null
      : loopSections({
          targetKind: 'document',
          targetId: d.id,
          grants,
          acceptsFeedback: d.status !== 'withdrawn',
          onChanged: handlers.loopChanged ? () => handlers.loopChanged(d) : null,
          onOpen: handlers.openLinked ?? null,
          openable: ['document', 'rectification', 'meeting', 'visit'],
        });
    const view = renderDocDetail(d, { grants, handlers });
    // After signing and receipt, before the content: where the work stands.
    if (loop) view.insertBefore(loop.element, view.querySelector('[data-section="content"]'));
    body.replaceChildren(view);
  };
  render(doc);
  const { element } = openPanel({ host, name: 'doc', title: doc.kind === 'order' ? '调度令' : '通知单', content: body, wide: true, onClose });
  // Focus the main action rather than the first button in the panel.
  const focusMain = () => (body.querySelector('.doc-detail__actions .btn--primary') ?? body.querySelector('.doc-detail__actions .btn'))?.focus();
  focusMain();
  return {
    element,
    update(d) {
      if (!body.isConnected) return;
      render(d);
      element.querySelector('.side-panel__title').textContent = d.kind === 'order' ? '调度令' : '通知单';
      focusMain();
    },
    isOpen: () => body.isConnected,
  };
}
