// The 督办 section of a document's or a task's detail panel: its light and
// time nodes (each with its state), the supervision records and reminder
// notices, and the actions 登记督办 and 催办通知单.
//
// Hooks: section[data-section="supervision"] (data-due-state), table
// [data-table="nodes"] rows tr[data-node-state], [data-records] li,
// [data-reminders] li, button[data-action="add-supervision" | "remind" |
// "preview-reminder"].

import * as api from '../../api/index.js';
import * as supApi from '../../api/supervision.js';
import { h } from '../../components/dom.js';
import { light } from '../../components/light.js';
import { toastError } from '../../components/toast.js';
import { nodeText, shortDate } from '../../lib/supervision.js';
import { remindNow, supervisionDialog, targetOf } from './actions.js';
import { previewReminder } from './papers.js';
import { onRecordsChanged, recordsChanged } from '../../lib/record-events.js';

function nodesTable(nodes) {
  return h(
    'table',
    { class: 'grid grid--compact sup-nodes', 'data-table': 'nodes' },
    h('thead', null, h('tr', null, h('th', null, '节点'), h('th', null, '要求'), h('th', null, '情况'))),
    h(
      'tbody',
      null,
      nodes.map((n) =>
        h(
          'tr',
          { 'data-node-state': n.state, class: `sup-node sup-node--${n.state}` },
          h('td', { class: 'nowrap' }, n.kindLabel),
          h('td', null, nodeText(n)),
          h('td', { class: 'nowrap' }, light(n.state === 'on_time' || n.state === 'late' ? 'done' : n.dueState), ' ', n.stateLabel, n.metOn ? `（${shortDate(n.metOn)}）` : ''),
        ),
      ),
    ),
  );
}

export function supervisionSection({ targetKind, targetId, editable = false }) {
  const body = h('div', { class: 'sup-section__body' }, h('p', { class: 'muted' }, '正在加载督办情况…'));
  const section = h('section', { class: 'doc-detail__section sup-section', 'data-section': 'supervision' }, h('h3', { class: 'subheading' }, '督办'), body);

  async function load() {
    let data;
    try {
      data = await supApi.targetSupervision({ targetKind, targetId });
    } catch (error) {
      body.replaceChildren(h('p', { class: 'doc-warn' }, `督办情况未能加载：${error.message}`));
      return;
    }
    const item = data.item;
    const nextPending = data.nodes.find((n) => n.state === 'pending');
    section.dataset.dueState = item?.dueState ?? 'none';
    const head = item
      ? h(
          'p',
          { class: 'sup-section__head' },
          light(item.dueState, { withLabel: true }),
          nextPending ? ` 下一节点：${nodeText(nextPending)}` : item.doneOn ? ` ${shortDate(item.doneOn)}完成` : '',
          item.missing.length > 0 ? h('span', { class: 'doc-late-text doc-late-text--red' }, `　缺报或逾期 ${item.missing.length} 个节点，已逾期 ${item.overdueDays} 个工作日`) : null,
          `　已收到反馈 ${data.feedbackCount} 次`,
        )
      : h('p', { class: 'muted' }, '草稿、已撤回的文件和阶段不在督办范围内。');
    const actions = h(
      'div',
      { class: 'sup-section__actions' },
      editable && item
        ? h(
            'button',
            {
              type: 'button',
              class: 'btn btn--small',
              'data-action': 'add-supervision',
              onClick: async () => {
                const units = await api.listUnits({ includeRetired: false }).catch(() => []);
                if (await supervisionDialog({ target: targetOf(item), units })) {
                  load();
                  recordsChanged(targetKind, targetId, 'supervision');
                }
              },
            },
            '登记督办',
          )
        : null,
      editable && item && item.missing.length > 0
        ? h(
            'button',
            {
              type: 'button',
              class: 'btn btn--small btn--danger-text',
              'data-action': 'remind',
              title: '发出催办通知单并预览、打印',
              onClick: async () => {
                if (await remindNow({ ...item, reminders: data.reminders })) load();
              },
            },
            '催办通知单',
          )
        : null,
    );
    const records =
      data.records.length === 0
        ? h('p', { class: 'muted' }, '暂无督办记录。')
        : h(
            'ul',
            { class: 'sup-list', 'data-records': true },
            data.records.map((r) =>
              h('li', { 'data-record-id': r.id }, h('span', { class: 'num' }, r.supervisedOn), ` ${r.methodLabel}督办 · ${r.supervisor}：`, r.findings || '（无）', r.result ? ` → ${r.result}` : ''),
            ),
          );
    const reminders =
      data.reminders.length === 0
        ? null
        : h(
            'ul',
            { class: 'sup-list', 'data-reminders': true },
            data.reminders.map((r) =>
              h(
                'li',
                { 'data-reminder-id': r.id },
                `${r.sentOn} 发出 ${r.number}，要求${shortDate(r.replyBy)}前回复 `,
                h('button', { type: 'button', class: 'btn btn--link', 'data-action': 'preview-reminder', onClick: () => previewReminder(r).catch(toastError) }, '预览/打印'),
              ),
            ),
          );
    // replaceChildren would print a null as text: leave the absent parts out.
    body.replaceChildren(
      ...[
        head,
        actions,
        data.nodes.length > 0 ? nodesTable(data.nodes) : null,
        h('h4', { class: 'sup-section__sub' }, '督办记录'),
        records,
        reminders ? h('h4', { class: 'sup-section__sub' }, '催办通知单') : null,
        reminders,
      ].filter(Boolean),
    );
  }
  load();
  onRecordsChanged(section, targetKind, targetId, 'supervision', load);
  return section;
}
