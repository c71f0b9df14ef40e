// 流水线、专人负责: who is responsible for each step of a task's or a
// document's loop (通知单/调度令 → 签收 → 反馈 → 督办 → 整改 → 闭合), and who
// has acted on it so far. Read from the records by the core (loop_owners);
// loop/section.js shows it between the loop's stage and its feedback.
//
// Hooks: (in section[data-section="owners"]) ol[data-loop-owners] with
// li[data-owner-step=CODE][data-state=done|open|none], each with
// [data-owner] (who is responsible) and [data-done-by].

import { h } from '../../components/dom.js';

const STATE_LABELS = { done: '已办', open: '办理中', none: '未发生' };

export function ownersList(owners) {
  return h(
    'ol',
    { class: 'loop-owners', 'data-loop-owners': true },
    owners.map((o, i) =>
      h(
        'li',
        { class: ['loop-owner', `loop-owner--${o.state}`], 'data-owner-step': o.step, 'data-state': o.state },
        h('span', { class: 'loop-owner__step' }, h('span', { class: 'loop-owner__no num', 'aria-hidden': 'true' }, String(i + 1)), o.label),
        h('span', { class: 'loop-owner__who', 'data-owner': true, title: o.duty }, o.owner),
        h('span', { class: 'loop-owner__state muted' }, STATE_LABELS[o.state] ?? ''),
        h('span', { class: 'loop-owner__done muted', 'data-done-by': true }, o.doneBy.join('；')),
      ),
    ),
  );
}
