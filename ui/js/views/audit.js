// 审计日志: who changed what and when. Filtering and paging happen in the
// core (the log grows without bound), so the table neither sorts nor
// searches on its own.

import * as api from '../api/index.js';
import { h } from '../components/dom.js';
import { createTable } from '../components/table.js';
import { textField, selectField, formError } from '../components/fields.js';
import { bindForm, readForm, clearErrors } from '../components/form.js';
import { openPanel } from '../components/panel.js';
import { AUDIT_ENTITIES, AUDIT_ACTIONS } from '../lib/labels.js';
import { formatDateTime } from '../lib/dates.js';
import { auditQuery, auditFilterSchema } from '../lib/audit-query.js';
import { pageInfo, offsetForPage } from '../lib/paging.js';
import { changeRows, isCreationRecord } from '../lib/changes.js';
import { loadFailed } from './common.js';

const PAGE_SIZE = 50;

function detailList(entry) {
  const item = (label, value, key) => [h('dt', null, label), h('dd', { 'data-detail': key }, value || '—')];
  return h(
    'dl',
    { class: 'detail-list' },
    item('时间', formatDateTime(entry.at), 'at'),
    item('用户', entry.username, 'username'),
    item('对象', `${entry.entityLabel}${entry.entityId !== null && entry.entityId !== undefined ? ` #${entry.entityId}` : ''}`, 'entity'),
    item('操作', entry.actionLabel, 'action'),
    item('摘要', entry.summary, 'summary'),
  );
}

function changesTable(entry) {
  const rows = changeRows(entry.changes);
  if (rows.length === 0) return h('p', { class: 'muted' }, '此操作没有字段变更。');
  const creation = isCreationRecord(rows);
  return h(
    'table',
    { class: 'grid grid--compact', 'data-table': 'audit-changes' },
    h('thead', null, h('tr', null, h('th', { scope: 'col' }, '字段'), creation ? h('th', { scope: 'col' }, '值') : [h('th', { scope: 'col' }, '原值'), h('th', { scope: 'col' }, '新值')])),
    h(
      'tbody',
      null,
      rows.map((row) =>
        h(
          'tr',
          { 'data-field': row.field },
          h('td', { class: 'nowrap' }, row.label),
          row.kind === 'change'
            ? [h('td', { class: 'change-from' }, row.from), h('td', { class: 'change-to' }, row.to)]
            : h('td', { colspan: creation ? null : '2' }, row.to),
        ),
      ),
    ),
  );
}

export const auditPage = {
  id: 'audit',
  title: '审计日志',
  description: '所有新建、修改、撤销、登录和备份操作的记录，只能查看',
  render(ctx) {
    let query = {};
    let offset = 0;
    let total = 0;

    function showDetail(entry) {
      openPanel({
        host: ctx.panelHost,
        name: 'audit',
        title: '日志详情',
        wide: true,
        content: h('div', { class: 'audit-detail' }, detailList(entry), h('h3', { class: 'subheading' }, '变更内容'), changesTable(entry)),
        onClose: () => table.clearSelection(),
      });
    }

    const filterForm = h(
      'form',
      { class: 'filter-bar', 'data-form': 'audit-filter', role: 'search' },
      selectField({ name: 'entity', label: '对象', options: AUDIT_ENTITIES, empty: '全部' }),
      selectField({ name: 'action', label: '操作', options: AUDIT_ACTIONS, empty: '全部' }),
      textField({ name: 'username', label: '用户' }),
      textField({ name: 'text', label: '关键词', placeholder: '摘要中的文字' }),
      textField({ name: 'from', label: '开始日期', placeholder: '如 2026-03-05', inputmode: 'numeric' }),
      textField({ name: 'to', label: '结束日期', placeholder: '如 2026-03-05', inputmode: 'numeric' }),
      h(
        'div',
        { class: 'filter-bar__buttons' },
        h('button', { type: 'submit', class: 'btn btn--primary', 'data-action': 'search' }, '查询'),
        h('button', { type: 'button', class: 'btn', 'data-action': 'reset-filters', onClick: resetFilters }, '重置'),
      ),
      formError(),
    );
    bindForm(filterForm, {
      schema: auditFilterSchema,
      submit: async (values) => {
        query = auditQuery(values);
        offset = 0;
        await load();
      },
    });

    function resetFilters() {
      filterForm.reset();
      clearErrors(filterForm);
      query = auditQuery(readForm(filterForm));
      offset = 0;
      load();
    }

    const pageLabel = h('span', { class: 'pager__info', 'data-page-info': true });
    const prev = h('button', { type: 'button', class: 'btn btn--small', 'data-action': 'prev-page', onClick: () => goTo(-1) }, '上一页');
    const next = h('button', { type: 'button', class: 'btn btn--small', 'data-action': 'next-page', onClick: () => goTo(1) }, '下一页');
    const pager = h('nav', { class: 'pager', 'aria-label': '翻页' }, prev, pageLabel, next);

    const table = createTable({
      name: 'audit',
      toolbarEnd: [pager],
      search: false,
      sortable: false,
      columns: [
        { key: 'at', label: '时间', value: (r) => formatDateTime(r.at), className: 'num nowrap' },
        { key: 'username', label: '用户', value: (r) => r.username, className: 'nowrap' },
        { key: 'entity', label: '对象', value: (r) => r.entityLabel, className: 'nowrap' },
        { key: 'action', label: '操作', value: (r) => r.actionLabel, className: 'nowrap' },
        { key: 'summary', label: '摘要', value: (r) => r.summary, className: 'col-note' },
      ],
      onOpen: showDetail,
      countText: () => {
        const info = pageInfo({ total, limit: PAGE_SIZE, offset });
        return total === 0 ? '共 0 条' : `共 ${total} 条，当前 ${info.from}–${info.to}`;
      },
      emptyState: () =>
        h(
          'div',
          { class: 'empty-state', 'data-empty': true },
          h('div', { class: 'empty-state__title' }, Object.keys(query).length > 0 ? '没有符合条件的日志' : '还没有日志'),
          h('p', { class: 'empty-state__text' }, '审计日志自动记录每一次新建、修改、撤销、登录和备份，供核查“谁在什么时候做了什么”。点击一行可查看变更明细。'),
        ),
    });

    function goTo(step) {
      const info = pageInfo({ total, limit: PAGE_SIZE, offset });
      offset = offsetForPage(info.page + step, PAGE_SIZE);
      load();
    }

    function updatePager() {
      const info = pageInfo({ total, limit: PAGE_SIZE, offset });
      pageLabel.textContent = `第 ${info.page} / ${info.pages} 页`;
      prev.disabled = !info.hasPrev;
      next.disabled = !info.hasNext;
    }

    const banner = h('div', { class: 'page-banner' });
    ctx.root.append(filterForm, banner, table.element);

    async function load() {
      try {
        const result = await api.listAudit({ ...query, limit: PAGE_SIZE, offset });
        total = result.total;
        banner.replaceChildren();
        table.setRows(result.rows);
        updatePager();
      } catch (error) {
        loadFailed(banner, error, load);
      }
    }
    updatePager();
    return load();
  },
};
