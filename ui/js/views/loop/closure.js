// Where a task or document stands on 计划安排 → 组织实施 → 督办落实 →
// 整改完善 → 完成闭合, what still stands in the way of closing it, and the
// office's 完成闭合 / 重新打开 (签发人 or 管理员).
//
// Hooks: ol[data-loop-steps] with li[data-step=CODE][data-state=done|current|todo],
// [data-loop-stage] (current stage code), ul[data-loop-blockers],
// [data-closure] (who closed it, when), [data-evidence-waiver] (closed without the
// 图片/视频 asked for, and why), [data-loop-flag] (the latest report lacks them),
// [data-missing-forms], button[data-action="close-loop" | "reopen-loop"],
// dialog[data-dialog="close-loop"] (fields note, and waiver when forms are
// missing), dialog[data-dialog="confirm"] with the reason for reopening.

import * as loopApi from '../../api/loop.js';
import { h } from '../../components/dom.js';
import { textareaField } from '../../components/fields.js';
import { confirmDialog } from '../../components/dialog.js';
import { toast } from '../../components/toast.js';
import { formDialog } from '../documents/dialogs.js';
import { formatDateTime } from '../../lib/dates.js';

export function stageSteps(status) {
  return h(
    'ol',
    { class: 'loop-steps', 'data-loop-steps': true, 'data-loop-stage': status.stage },
    status.steps.map((s, i) =>
      h(
        'li',
        { class: ['loop-step', `loop-step--${s.state}`], 'data-step': s.code, 'data-state': s.state, 'aria-current': s.state === 'current' ? 'step' : null },
        h('span', { class: 'loop-step__dot num', 'aria-hidden': 'true' }, s.state === 'done' ? '✓' : String(i + 1)),
        h('span', { class: 'loop-step__label' }, s.label),
      ),
    ),
  );
}

async function closeLoop(status, target) {
  const missing = status.missingForms ?? [];
  return formDialog({
    name: 'close-loop',
    title: '完成闭合',
    message: `由您签认“${status.title}”完成闭合。`,
    details: [
      status.finalFeedback
        ? h('p', null, `依据最终反馈：${status.finalFeedback.reportedOn} ${status.finalFeedback.unitName ?? ''} ${status.finalFeedback.personName}`)
        : null,
      h('p', null, '闭合后不再登记反馈；如发现问题，可由签发人或管理员说明原因后重新打开。'),
    ],
    fields: [
      missing.length
        ? h('p', { class: 'doc-warn', 'data-waiver-needed': true }, `调度令要求以${missing.join('、')}形式反馈，反馈中还没有。请补报；确需闭合的，填写免报理由（记入闭合记录和操作日志）。`)
        : null,
      missing.length ? textareaField({ name: 'waiver', label: `免报${missing.join('、')}的理由`, rows: 2, required: true, placeholder: '如：涉密场所不宜拍照，已由督办人现场核查' }) : null,
      textareaField({ name: 'note', label: '闭合意见（可不填）', rows: 2 }),
    ].filter(Boolean),
    submitLabel: '确认闭合',
    validate: (values) => (missing.length && !String(values.waiver ?? '').trim() ? { waiver: '请填写免报理由，或先补报' } : {}),
    submit: async (values) => {
      const next = await loopApi.closeLoop({ ...target, note: String(values.note ?? '').trim(), waiver: missing.length ? String(values.waiver ?? '').trim() : '' });
      toast(`已完成闭合：${next.title}`, 'success');
      return next;
    },
  });
}

async function reopenLoop(status, target) {
  let next = null;
  const done = await confirmDialog({
    title: '重新打开',
    message: `确定重新打开“${status.title}”吗？`,
    details: '重新打开后回到“组织实施”，须由责任单位再次报送最终反馈后才能再次闭合。原闭合记录保留。',
    confirmLabel: '重新打开',
    danger: true,
    reason: { label: '重新打开的原因' },
    onConfirm: async ({ reason }) => {
      next = await loopApi.reopenLoop({ ...target, reason });
      toast(`已重新打开：${next.title}`, 'success');
    },
  });
  return done ? next : null;
}

// status: LoopStatus; canSign: whether the user may close/reopen;
// onChanged(status) after a change.
export function closureBlock({ status, target, canSign, onChanged }) {
  const closed = status.stage === 'closed';
  const c = status.closure;
  const info = closed && c
    ? h(
        'p',
        { class: 'loop-closure', 'data-closure': true },
        h('span', { class: 'tag loop-tag loop-tag--ok' }, '已闭合'),
        ` ${c.closedBy} 于 ${formatDateTime(c.closedAt)} 签认闭合`,
        c.note ? `：${c.note}` : '',
      )
    : null;
  const waived = closed && c && c.evidenceWaiver
    ? h('p', { class: 'loop-waiver', 'data-evidence-waiver': true }, h('span', { class: 'tag loop-tag loop-tag--warn' }, '免报'), ` 未报调度令要求的图片或视频，免报理由：${c.evidenceWaiver}`)
    : null;
  const flag = !closed && (status.feedbackFlag || status.missingForms?.length)
    ? h(
        'p',
        { class: 'loop-flag', 'data-loop-flag': status.feedbackFlag ?? '', 'data-missing-forms': (status.missingForms ?? []).join('、') },
        h('span', { class: 'tag loop-tag loop-tag--warn' }, '反馈不全'),
        ' ',
        [status.feedbackFlag, status.missingForms?.length ? `闭合须补报${status.missingForms.join('、')}或填写免报理由` : null].filter(Boolean).join('；'),
      )
    : null;
  const reopened = status.closures.filter((x) => x.reopenedAt);
  const history = reopened.length
    ? h(
        'ul',
        { class: 'loop-reopened muted' },
        reopened.map((x) => h('li', null, `${formatDateTime(x.reopenedAt)} 重新打开（${x.reopenedReason ?? ''}），原由 ${x.closedBy} 于 ${formatDateTime(x.closedAt)} 闭合`)),
      )
    : null;
  const blockers = !closed && status.blockers.length
    ? h('ul', { class: 'loop-blockers', 'data-loop-blockers': true }, status.blockers.map((b) => h('li', null, b)))
    : null;
  const run = (fn) => async () => {
    const next = await fn(status, target);
    if (next) onChanged(next);
  };
  const actions = canSign
    ? closed
      ? h('button', { type: 'button', class: 'btn btn--small btn--danger-text', 'data-action': 'reopen-loop', onClick: run(reopenLoop) }, '重新打开')
      : h(
          'button',
          {
            type: 'button',
            class: ['btn', 'btn--small', status.canClose && 'btn--primary'],
            'data-action': 'close-loop',
            disabled: !status.canClose,
            title: status.canClose ? '签认完成闭合' : '尚不满足闭合条件',
            onClick: run(closeLoop),
          },
          '完成闭合',
        )
    : null;
  return h(
    'div',
    { class: 'loop-closure-block' },
    h('div', { class: 'loop-closure-block__row' }, stageSteps(status), actions),
    info,
    waived,
    flag,
    blockers ? h('div', { class: 'loop-blockers-box' }, h('span', { class: 'muted' }, '完成闭合前还需：'), blockers) : null,
    history,
  );
}
