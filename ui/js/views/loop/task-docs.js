// The notices and orders that carry a task (the task panel): number, title,
// status, and in yellow an order whose latest report lacks the 图片/视频 it
// asked for. Each opens on the documents page.
//
// Hooks: section[data-section="task-docs"] with li[data-doc-id] (data-kind,
// data-status, data-flag), button[data-action="open-doc"].

import * as docsApi from '../../api/docs.js';
import { h } from '../../components/dom.js';
import { onRecordsChanged } from '../../lib/record-events.js';

function row(d, onOpen) {
  const title = `${d.number ?? '（草稿）'} ${d.title}`;
  return h(
    'li',
    { class: ['task-docs__row', d.feedbackFlag && 'task-docs__row--flagged'], 'data-doc-id': d.id, 'data-kind': d.kind, 'data-status': d.status, 'data-flag': d.feedbackFlag ?? '' },
    h('span', { class: 'tag loop-tag' }, d.kindLabel),
    onOpen
      ? h('button', { type: 'button', class: 'btn btn--link task-docs__title', 'data-action': 'open-doc', title, onClick: () => onOpen('document', d.id) }, title)
      : h('span', { class: 'task-docs__title', title }, title),
    h('span', { class: 'muted' }, d.statusLabel),
    d.feedbackFlag ? h('span', { class: 'tag loop-tag loop-tag--warn', title: '调度令要求的反馈形式' }, d.feedbackFlag) : null,
  );
}

// onOpen(kind, id): opens the document (the chart's linked-record opener).
export function taskDocsSection({ taskId, onOpen = null }) {
  const host = h('section', { class: 'doc-detail__section loop-section', 'data-section': 'task-docs' }, h('h3', { class: 'subheading' }, '通知单与调度令'), h('p', { class: 'muted' }, '正在加载…'));
  async function load() {
    let docs;
    try {
      docs = await docsApi.taskDocs({ taskId });
    } catch (error) {
      host.replaceChildren(h('h3', { class: 'subheading' }, '通知单与调度令'), h('p', { class: 'load-error', role: 'alert' }, error.message));
      return;
    }
    host.replaceChildren(
      h('h3', { class: 'subheading' }, `通知单与调度令（${docs.length}）`),
      docs.length
        ? h('ul', { class: 'task-docs', 'data-task-docs': docs.length }, docs.map((d) => row(d, onOpen)))
        : h('p', { class: 'muted', 'data-task-docs': 0 }, '还没有下达这项任务的通知单或调度令。在网络推进图上选中任务，用“生成通知单”或“生成调度令”下达。'),
    );
  }
  load();
  // A report or close-out in the loop section may change the flag.
  onRecordsChanged(host, 'task', taskId, 'task-docs', load);
  return host;
}
