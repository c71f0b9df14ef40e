// The closed loop on a detail panel (an order or notice, or a task): the
// stage and the close-out, the feedback with its evidence, and the
// timeline. The host mounts it once; it loads and refreshes itself.
//
// Hooks: [data-loop-section] (data-target-kind, data-target-id) holding
// section[data-section="loop" | "feedback" | "timeline"].

import * as loopApi from '../../api/loop.js';
import { h } from '../../components/dom.js';
import { toastError } from '../../components/toast.js';
import { closureBlock } from './closure.js';
import { feedbackDialog, feedbackList } from './feedback.js';
import { timelineView } from './timeline.js';
import { ownersList } from './owners.js';
import { rectificationDialog } from '../rectify/form.js';
import { NO_GRANTS } from '../../lib/permissions.js';
import { onRecordsChanged, recordsChanged } from '../../lib/record-events.js';

function block(title, key, content, actions = null) {
  return h(
    'section',
    { class: 'doc-detail__section loop-section', 'data-section': key },
    h('div', { class: 'loop-section__head' }, h('h3', { class: 'subheading' }, title), actions),
    content,
  );
}

// target: {targetKind, targetId}; acceptsFeedback: false for drafts and
// withdrawn documents; onChanged(): the host refreshes its own view (a
// closing changes a task's status or completes an order); onOpen(kind, id)
// opens a linked record of a kind in `openable` from the timeline.
export function loopSections({ targetKind, targetId, grants = NO_GRANTS, acceptsFeedback = true, onChanged = null, onOpen = null, openable = [] }) {
  const target = { targetKind, targetId };
  const host = h('div', { class: 'loop-sections', 'data-loop-section': true, 'data-target-kind': targetKind, 'data-target-id': targetId }, h('p', { class: 'muted' }, '正在加载闭环记录…'));
  const canEdit = grants.edit;
  const canSign = grants.sign;

  async function load() {
    try {
      const [status, feedback, events, owners] = await Promise.all([loopApi.loopStatus(target), loopApi.listFeedback(target), loopApi.timeline(target), loopApi.loopOwners(target)]);
      if (!host.isConnected && host.dataset.loaded) return;
      host.dataset.loaded = 'true';
      render(status, feedback, events, owners);
    } catch (error) {
      host.replaceChildren(h('div', { class: 'load-error', role: 'alert' }, h('div', { class: 'load-error__title' }, '闭环记录未能加载'), h('p', null, error.message)));
    }
  }

  async function changed() {
    await load();
    recordsChanged(targetKind, targetId, 'loop');
    if (onChanged) onChanged();
  }

  function render(status, feedback, events, owners) {
    const closed = status.stage === 'closed';
    const addButton =
      canEdit && acceptsFeedback && !closed
        ? h(
            'button',
            {
              type: 'button',
              class: 'btn btn--small',
              'data-action': 'add-feedback',
              onClick: async () => {
                try {
                  const saved = await feedbackDialog({ target, status });
                  if (saved) await changed();
                } catch (error) {
                  toastError(error);
                }
              },
            },
            '登记反馈',
          )
        : null;
    // A problem found in this work is registered against it (整改完善).
    const rectButton =
      canEdit && acceptsFeedback && !closed
        ? h(
            'button',
            {
              type: 'button',
              class: 'btn btn--small',
              'data-action': 'add-rectification',
              onClick: async () => {
                try {
                  const saved = await rectificationDialog({ target: { kind: targetKind, id: targetId }, title: status.title, unitId: status.unitId });
                  if (saved) await changed();
                } catch (error) {
                  toastError(error);
                }
              },
            },
            '登记整改',
          )
        : null;
    host.replaceChildren(
      block('闭环', 'loop', closureBlock({ status, target, canSign, onChanged: () => changed() }), rectButton),
      // 流水线、专人负责: who is responsible for each step.
      block('流水线 · 专人负责', 'owners', ownersList(owners)),
      block(`反馈（${feedback.length}）`, 'feedback', feedbackList(feedback), addButton),
      block('全过程', 'timeline', timelineView(events, { onOpen, openable, self: { kind: targetKind, id: targetId } })),
    );
  }

  load();
  onRecordsChanged(host, targetKind, targetId, 'loop', load);
  return { element: host, reload: load };
}
