// A data table with a toolbar (search, the view's own filters, row count),
// sortable headers, row actions and empty states. Sorting and searching
// happen in memory: the organization lists are small.

import { h } from './dom.js';
import { sortRows, nextSort } from '../lib/sort.js';
import { filterRows } from '../lib/filter.js';

const ARIA_SORT = { asc: 'ascending', desc: 'descending' };

function defaultCount(shown, total) {
  return shown === total ? `共 ${total} 条` : `显示 ${shown} 条，共 ${total} 条`;
}

// columns: [{key, label, value(row) → sortable value, render?(row) → Node|string,
//            className?, sortable? (default true), header?(shownRows) → Node (instead of
//            the label, e.g. a select-all checkbox; rebuilt on every render)}]
// onRender(shownRows) runs after every render (search, filters, sorting).
export function createTable({
  name,
  columns,
  rowId = (row) => row.id,
  rowClass = null,
  actions = null,
  search = true,
  searchPlaceholder = '搜索',
  searchValues = null,
  toolbar = [],
  toolbarEnd = [],
  emptyState = null,
  onOpen = null,
  onClearFilters = null,
  countText = defaultCount,
  sortable = true,
  onRender = null,
}) {
  let rows = [];
  let query = '';
  let sort = null;
  let predicate = null;
  let selectedId = null;
  let loaded = false;
  let shownRows = [];

  const hasActions = typeof actions === 'function';
  const colCount = columns.length + (hasActions ? 1 : 0);
  const valuesFor = searchValues ?? ((row) => columns.map((c) => c.value(row)));

  const searchInput = search
    ? h('input', {
        type: 'search',
        class: 'input input--search',
        'data-search': name,
        placeholder: searchPlaceholder,
        'aria-label': searchPlaceholder,
        onInput: (event) => {
          query = event.target.value;
          render();
        },
      })
    : null;
  const count = h('span', { class: 'row-count', 'data-row-count': name, 'aria-live': 'polite' });

  const headRow = h('tr');
  const tbody = h('tbody');
  const table = h(
    'table',
    { class: 'grid', 'data-table': name },
    h('thead', null, headRow),
    tbody,
  );

  function renderHead() {
    const cells = columns.map((column) => {
      const canSort = sortable && column.sortable !== false;
      const active = sort && sort.key === column.key ? sort.direction : null;
      const th = h('th', { scope: 'col', class: column.className ?? null, 'data-col': column.key });
      if (column.header) {
        th.append(column.header(shownRows));
        return th;
      }
      if (!canSort) {
        th.textContent = column.label;
        return th;
      }
      th.setAttribute('aria-sort', active ? ARIA_SORT[active] : 'none');
      th.append(
        h(
          'button',
          {
            type: 'button',
            class: ['th-sort', active && `th-sort--${active}`],
            'data-sort': column.key,
            title: '点击排序',
            onClick: () => {
              sort = nextSort(sort, column.key);
              render();
              // The header was rebuilt: keep keyboard focus on this column's button.
              Array.from(headRow.querySelectorAll('[data-sort]')).find((b) => b.dataset.sort === column.key)?.focus();
            },
          },
          column.label,
          h('span', { class: 'th-sort__icon', 'aria-hidden': 'true' }),
        ),
      );
      return th;
    });
    if (hasActions) cells.push(h('th', { scope: 'col', class: 'col-actions' }, '操作'));
    headRow.replaceChildren(...cells);
  }

  function renderCell(column, row) {
    const content = column.render ? column.render(row) : column.value(row);
    return h('td', { class: column.className ?? null }, content === null || content === undefined ? '' : content);
  }

  function renderRow(row) {
    const id = rowId(row);
    const tr = h(
      'tr',
      {
        'data-id': id,
        class: [rowClass && rowClass(row), String(id) === String(selectedId) && 'is-selected'],
        tabindex: onOpen ? '0' : null,
      },
      columns.map((column) => renderCell(column, row)),
      hasActions ? h('td', { class: 'row-actions' }, actions(row)) : null,
    );
    if (onOpen) {
      tr.addEventListener('click', (event) => {
        if (event.target.closest('button, a, input, select, textarea')) return;
        select(id);
        onOpen(row);
      });
      tr.addEventListener('keydown', (event) => {
        if (event.key === 'Enter' && event.target === tr) {
          event.preventDefault();
          select(id);
          onOpen(row);
        }
      });
    }
    return tr;
  }

  function messageRow(content) {
    return h('tr', { class: 'empty-row' }, h('td', { colspan: colCount }, content));
  }

  function clearFilters() {
    query = '';
    if (searchInput) searchInput.value = '';
    if (onClearFilters) onClearFilters();
    render();
    if (searchInput) searchInput.focus();
  }

  function render() {
    const narrowed = predicate ? rows.filter(predicate) : rows;
    const found = filterRows(narrowed, query, valuesFor);
    const column = sort ? columns.find((c) => c.key === sort.key) : null;
    const shown = column ? sortRows(found, column.sortValue ?? column.value, sort.direction) : found;
    shownRows = loaded ? shown : [];
    renderHead();

    if (!loaded) {
      tbody.replaceChildren(messageRow(h('div', { class: 'table-message' }, '正在加载…')));
    } else if (rows.length === 0) {
      tbody.replaceChildren(messageRow(emptyState ? emptyState() : h('div', { class: 'table-message' }, '暂无记录')));
    } else if (shown.length === 0) {
      tbody.replaceChildren(
        messageRow(
          h(
            'div',
            { class: 'table-message' },
            '没有符合条件的记录。',
            h('button', { type: 'button', class: 'btn btn--link', 'data-action': 'clear-search', onClick: clearFilters }, '清除搜索和筛选'),
          ),
        ),
      );
    } else {
      tbody.replaceChildren(...shown.map(renderRow));
    }
    count.textContent = loaded ? countText(shown.length, rows.length) : '';
    count.dataset.count = String(shown.length);
    if (onRender) onRender(shownRows);
  }

  function select(id) {
    selectedId = id;
    for (const tr of tbody.querySelectorAll('tr[data-id]')) {
      tr.classList.toggle('is-selected', tr.dataset.id === String(id));
    }
  }

  const element = h(
    'div',
    { class: 'table-view' },
    h('div', { class: 'table-toolbar' }, searchInput, toolbar, h('span', { class: 'toolbar-spacer' }), count, toolbarEnd),
    h('div', { class: 'table-scroll' }, table),
  );
  render();

  return {
    element,
    table,
    setRows(next) {
      rows = next;
      loaded = true;
      render();
    },
    setPredicate(fn) {
      predicate = fn;
      render();
    },
    select(id) {
      select(id);
      const tr = Array.from(tbody.querySelectorAll('tr[data-id]')).find((el) => el.dataset.id === String(id));
      if (tr) tr.scrollIntoView({ block: 'nearest' });
    },
    clearSelection() {
      select(null);
    },
    focusSearch() {
      if (searchInput) searchInput.focus();
    },
    refresh: render,
    // The rows the table shows now (after search, filters and sorting), in order.
    shownRows: () => shownRows.slice(),
  };
}

// An empty state: what the list is for, and the first action if allowed.
export function emptyState({ title, text, actionLabel = null, onAction = null, action = null }) {
  return h(
    'div',
    { class: 'empty-state', 'data-empty': true },
    h('div', { class: 'empty-state__title' }, title),
    h('p', { class: 'empty-state__text' }, text),
    actionLabel && onAction
      ? h('button', { type: 'button', class: 'btn btn--primary', 'data-action': action, onClick: onAction }, actionLabel)
      : null,
  );
}
