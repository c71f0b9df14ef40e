// The whole path of a task or a document, day by day: plan, notice and
// order, signing, receipt, feedback, supervision, rectification, close-out.
//
// Hooks: ol[data-timeline] with li[data-event=KIND][data-stage=STAGE]
// (data-tone ok|warn|bad), grouped under [data-timeline-day=YYYY-MM-DD].

import { h } from '../../components/dom.js';
import { timelineDays } from '../../lib/loop.js';

const STAGE_LABELS = { planned: '计划安排', in_progress: '组织实施', supervising: '督办落实', rectifying: '整改完善', closed: '完成闭合' };

// onOpen(kind, id) opens a linked record; only kinds in `openable` (and
// never the record the timeline belongs to, `self`) become links.
export function timelineView(events, { onOpen = null, openable = [], self = null } = {}) {
  const linkable = (e) => onOpen && e.linkKind && openable.includes(e.linkKind) && !(self && e.linkKind === self.kind && e.linkId === self.id);
  if (!events.length) return h('p', { class: 'muted loop-empty', 'data-timeline': true }, '尚无记录。');
  return h(
    'div',
    { class: 'timeline', 'data-timeline': true },
    timelineDays(events).map((day) =>
      h(
        'section',
        { class: 'timeline__day', 'data-timeline-day': day.date },
        h('h4', { class: 'timeline__date num' }, day.date, h('span', { class: 'timeline__weekday' }, day.weekday)),
        h(
          'ol',
          { class: 'timeline__events' },
          day.events.map((e) =>
            h(
              'li',
              { class: ['timeline__event', `timeline__event--${e.stage}`, e.tone && `timeline__event--${e.tone}`], 'data-event': e.kind, 'data-stage': e.stage, 'data-tone': e.tone || null },
              h('span', { class: 'timeline__dot', 'aria-hidden': 'true' }),
              h(
                'div',
                { class: 'timeline__body' },
                h(
                  'div',
                  { class: 'timeline__head' },
                  h('span', { class: 'timeline__label' }, e.label),
                  e.time ? h('span', { class: 'timeline__time num' }, e.time) : null,
                  h('span', { class: 'timeline__stage', title: '闭环阶段' }, STAGE_LABELS[e.stage] ?? ''),
                ),
                linkable(e)
                  ? h('button', { type: 'button', class: 'btn btn--link timeline__title', onClick: () => onOpen(e.linkKind, e.linkId) }, e.title)
                  : h('div', { class: 'timeline__title' }, e.title),
                e.detail ? h('div', { class: 'timeline__detail muted' }, e.detail) : null,
              ),
            ),
          ),
        ),
      ),
    ),
  );
}
