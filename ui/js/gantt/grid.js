// The task table at the chart's left: a real <table>, but only the rows in
// view exist — a small pool of <tr>s is re-filled as the chart scrolls.
// Cells are edited in place by an editor laid over the cell.

import { h } from '../components/dom.js';
import { cellText, columnsFor, cooperatingOptions, editValue, parseEdit, isEditable, personOptions } from './columns.js';
import { STATUS_OPTIONS } from './filters.js';
import { HEADER_HEIGHT, ROW_HEIGHT } from './theme.js';
import { visibleRange } from './scale.js';

export function createGrid({ onToggle, onCell, onWheel }) {
  let columns = columnsFor();
  let pool = [];
  let editor = null;
  let lastState = null;

  const colgroupHead = h('colgroup');
  const colgroupBody = h('colgroup');
  const headRow = h('tr');
  const headTable = h('table', { class: 'gantt-table gantt-table--head', role: 'presentation' }, colgroupHead, h('thead', null, headRow));
  const tbody = h('tbody');
  const bodyTable = h('table', { class: 'gantt-table gantt-table--body', 'data-table': 'gantt' }, colgroupBody, tbody);
  const body = h('div', { class: 'gantt-grid__body', tabindex: '0', 'data-gantt-grid-body': true, 'aria-label': '任务表' }, bodyTable);
  const inner = h('div', { class: 'gantt-grid__inner' }, headTable, body);
  const element = h('div', { class: 'gantt-grid', 'data-gantt-grid': true }, inner);

  function totalWidth() {
    return columns.reduce((sum, c) => sum + c.width, 0);
  }

  function setColumns(next) {
    columns = next;
    const cols = () => columns.map((c) => {
      const col = h('col');
      col.style.width = `${c.width}px`;
      return col;
    });
    colgroupHead.replaceChildren(...cols());
    colgroupBody.replaceChildren(...cols());
    headRow.replaceChildren(...columns.map((c) => h('th', { scope: 'col', class: c.className, 'data-col': c.key, title: c.title ?? null }, c.label)));
    inner.style.width = `${totalWidth()}px`;
    headTable.style.width = `${totalWidth()}px`;
    bodyTable.style.width = `${totalWidth()}px`;
    headTable.style.height = `${HEADER_HEIGHT}px`;
    pool = [];
    tbody.replaceChildren();
    // Rows for a full-height window exist before the data comes: the first
    // paint of a chart only fills them in.
    ensurePool(40);
    for (const tr of pool) tr.hidden = true;
    if (lastState) render(lastState);
  }

  function makeRow() {
    const cells = columns.map((c) => {
      const td = h('td', { class: c.className, 'data-col': c.key });
      if (c.key === 'name') {
        const toggle = h('button', { type: 'button', class: 'gantt-toggle', tabindex: '-1', 'data-toggle': true, 'aria-label': '展开或折叠' });
        const text = h('span', { class: 'gantt-name__text' });
        const wrap = h('span', { class: 'gantt-name' }, toggle, text);
        td.append(wrap);
        td._wrap = wrap;
        td._toggle = toggle;
        td._text = text;
      } else {
        td._text = td;
      }
      td._key = '';
      return td;
    });
    const tr = h('tr', null, cells);
    tr._cells = cells;
    tr._key = '';
    return tr;
  }

  function ensurePool(size) {
    while (pool.length < size) {
      const tr = makeRow();
      pool.push(tr);
      tbody.append(tr);
    }
  }

  // state: {model, rows, scrollTop, height, selected, activeCol, matchMask, summaryDays, baseline}
  function render(state) {
    lastState = state;
    const { model, rows, scrollTop, height } = state;
    const [r0, r1] = visibleRange(scrollTop, height, ROW_HEIGHT, rows.count, 0);
    const needed = Math.ceil(height / ROW_HEIGHT) + 2;
    ensurePool(needed);
    bodyTable.style.transform = `translateY(${r0 * ROW_HEIGHT - scrollTop}px)`;
    for (let k = 0; k < pool.length; k++) {
      const tr = pool[k];
      const r = r0 + k;
      if (r > r1 || r1 < 0) {
        if (!tr.hidden) {
          // A spare row: no task, so tr[data-task-id] finds only rows in view.
          tr.hidden = true;
          delete tr.dataset.taskId;
          delete tr.dataset.row;
        }
        continue;
      }
      if (tr.hidden) tr.hidden = false;
      const i = rows.rowTask[r];
      const task = model.tasks[i];
      const summary = model.summary[i] === 1;
      const collapsed = state.collapsed.has(task.id);
      const classes = [
        'gantt-row',
        summary && 'is-summary',
        model.depth[i] === 0 && summary && 'is-stage',
        i === state.selected && 'is-selected',
        state.matchMask && state.matchMask[i] && 'is-match',
        i === state.current && 'is-current',
      ].filter(Boolean).join(' ');
      if (tr.className !== classes) tr.className = classes;
      const id = String(task.id);
      if (tr.dataset.taskId !== id) {
        tr.dataset.taskId = id;
        tr.dataset.row = String(r);
      } else if (tr.dataset.row !== String(r)) tr.dataset.row = String(r);
      for (let c = 0; c < columns.length; c++) {
        const column = columns[c];
        const td = tr._cells[c];
        const [text, cls] = cellText(column, task, { summary, summaryDays: summary ? state.summaryDays(i) : null });
        const active = i === state.selected && state.activeCol === column.key;
        const key = `${text}|${cls}|${active}|${column.key === 'name' ? `${model.depth[i]}|${summary}|${collapsed}|${model.kind[i]}` : ''}`;
        if (td._key === key) continue;
        td._key = key;
        td.className = [column.className, cls, active && 'is-active'].filter(Boolean).join(' ');
        td._text.textContent = text;
        if (column.key === 'name') {
          td._wrap.style.paddingLeft = `${4 + model.depth[i] * 16}px`;
          td._toggle.classList.toggle('is-leaf', !summary);
          td._toggle.classList.toggle('is-collapsed', collapsed);
          td._toggle.setAttribute('aria-expanded', summary ? String(!collapsed) : 'false');
          td._text.classList.toggle('is-milestone', model.kind[i] === 2 && !summary);
          td.title = text;
        } else if (column.key === 'unit' || column.key === 'coop' || column.key === 'person') {
          td.title = text;
        }
      }
    }
    if (editor && editor.row !== null) placeEditor();
  }

  function columnLeft(key) {
    let x = 0;
    for (const c of columns) {
      if (c.key === key) return x;
      x += c.width;
    }
    return 0;
  }

  // ---------- editing ----------

  function placeEditor() {
    if (!editor || !lastState) return;
    const top = editor.row * ROW_HEIGHT - lastState.scrollTop;
    // A list wider than its cell hangs to the left, over the columns before it,
    // so it stays inside the table pane rather than under the timeline.
    const left = columnLeft(editor.column.key);
    const x = editor.box.classList.contains('gantt-editor--multi') ? Math.max(0, left + editor.column.width - editor.box.offsetWidth) : left;
    editor.box.style.transform = `translate(${x}px, ${top}px)`;
  }

  // opts: {row, column (object), task, summary, units: [{value,label}], onCommit(value) → Promise, onDone()}
  function startEdit(opts) {
    cancelEdit();
    const { column, task } = opts;
    if (!isEditable(column, { summary: opts.summary })) return false;
    let control;
    if (column.editor === 'status') {
      control = h('select', { class: 'gantt-editor__control', name: column.field, value: editValue(column, task) }, STATUS_OPTIONS.map((o) => h('option', { value: o.value }, o.label)));
    } else if (column.editor === 'person') {
      const options = personOptions(opts.people ?? [], task.leadUnitId);
      const current = editValue(column, task);
      const all = options.some((o) => o.value === current) || !current ? options : [{ value: current, label: task.personName || current }, ...options];
      control = h('select', { class: 'gantt-editor__control', name: column.field, value: current }, h('option', { value: '' }, task.leadUnitId ? '（未指定）' : '（先选责任单位）'), all.map((o) => h('option', { value: o.value }, o.label)));
    } else if (column.editor === 'unit') {
      const units = opts.units ?? [];
      const current = editValue(column, task);
      const options = units.some((u) => u.value === current) || !current ? units : [{ value: current, label: task.leadUnitName || current }, ...units];
      control = h('select', { class: 'gantt-editor__control', name: column.field, value: current }, h('option', { value: '' }, '（未指定）'), options.map((o) => h('option', { value: o.value }, o.label)));
    } else if (column.editor === 'units') {
      // Several units: a list of check boxes under the cell, 确定 (or Enter) saves.
      const current = editValue(column, task);
      const options = cooperatingOptions(opts.units ?? [], task);
      control = h(
        'div',
        { class: 'gantt-editor__control gantt-editor__checks', role: 'group', 'aria-label': column.label, tabindex: '-1' },
        h(
          'div',
          { class: 'gantt-editor__list' },
          options.length
            ? options.map((o) => h('label', { class: 'gantt-editor__check' }, h('input', { type: 'checkbox', name: column.field, value: o.value, checked: current.includes(o.value) }), ' ', o.label))
            : h('p', { class: 'gantt-editor__none' }, '没有可选的单位'),
        ),
        h('div', { class: 'gantt-editor__bar' }, h('button', { type: 'button', class: 'btn btn--small btn--primary', 'data-action': 'commit-cell' }, '确定'), h('button', { type: 'button', class: 'btn btn--small', 'data-action': 'cancel-cell' }, '取消')),
      );
    } else {
      control = h('input', {
        class: 'gantt-editor__control',
        name: column.field,
        type: 'text',
        value: editValue(column, task),
        autocomplete: 'off',
        spellcheck: 'false',
        inputmode: column.editor === 'int' || column.editor === 'percent' ? 'numeric' : null,
        placeholder: column.editor === 'date' ? 'YYYY-MM-DD' : null,
        'aria-label': column.label,
      });
    }
    const error = h('div', { class: 'gantt-editor__error field-error', role: 'alert', hidden: true, 'data-for': column.field });
    const multi = column.editor === 'units';
    const box = h('div', { class: multi ? 'gantt-editor gantt-editor--multi' : 'gantt-editor', 'data-gantt-editor': column.key }, control, error);
    box.style.width = `${Math.max(column.width, column.editor === 'date' ? 110 : multi ? 220 : column.width)}px`;
    if (!multi) box.style.height = `${ROW_HEIGHT}px`;
    const valueOf = () => (multi ? [...control.querySelectorAll('input[type="checkbox"]:checked')].map((b) => b.value) : control.value);
    body.append(box);
    editor = { ...opts, box, control, error, busy: false };
    placeEditor();
    // Near the bottom, the error shows above the cell.
    if (lastState && (opts.row + 2) * ROW_HEIGHT - lastState.scrollTop > body.clientHeight) box.classList.add('is-low');
    if (multi) (control.querySelector('input') ?? control).focus();
    else control.focus();
    if (control.select) control.select();

    const showError = (message) => {
      error.textContent = message;
      error.hidden = false;
      control.setAttribute('aria-invalid', 'true');
    };
    const commit = async () => {
      const current = editor;
      if (!current || current.control !== control || current.busy) return;
      const parsed = parseEdit(column, valueOf(), task);
      if (parsed.error) {
        showError(parsed.error);
        control.focus();
        return;
      }
      current.busy = true;
      control.disabled = true;
      if (multi) control.inert = true;
      try {
        await opts.onCommit(parsed.value);
        if (editor === current) close();
      } catch (e) {
        if (editor !== current) return;
        current.busy = false;
        control.disabled = false;
        if (multi) control.inert = false;
        showError(e?.message ?? String(e));
        control.focus();
      }
    };
    const close = () => {
      if (!editor || editor.control !== control) return;
      const done = editor.onDone;
      editor = null;
      box.remove();
      if (done) done();
    };
    editor.commit = commit;
    editor.close = close;
    control.addEventListener('keydown', (event) => {
      event.stopPropagation();
      if (event.isComposing) return;
      if (event.key === 'Enter') {
        event.preventDefault();
        commit();
      } else if (event.key === 'Escape') {
        event.preventDefault();
        close();
      } else if (event.key === 'Tab' && !multi) {
        event.preventDefault();
        commit();
      }
    });
    if (multi) {
      // A press inside keeps the focus where it is (WebKit does not focus a clicked
      // check box or button, and the focus leaving would save half-way); the list's
      // own scroll bar is left alone.
      control.addEventListener('mousedown', (event) => {
        if (!event.target.classList.contains('gantt-editor__list')) event.preventDefault();
      });
      control.querySelector('[data-action="commit-cell"]').addEventListener('click', () => commit());
      control.querySelector('[data-action="cancel-cell"]').addEventListener('click', () => close());
      // Leaving the list (a click elsewhere, Tab past its last box) saves what is ticked.
      control.addEventListener('focusout', (event) => {
        if (event.relatedTarget && control.contains(event.relatedTarget)) return;
        setTimeout(() => {
          if (!editor || editor.control !== control || editor.busy || control.contains(document.activeElement)) return;
          if (valueOf().join(',') === editValue(column, task).join(',')) close();
          else commit();
        }, 0);
      });
    } else control.addEventListener('blur', () => {
      // Clicking elsewhere keeps what was typed, as a spreadsheet does.
      setTimeout(() => {
        if (editor && editor.control === control && !editor.busy && document.activeElement !== control) {
          if (String(control.value) === String(editValue(column, task))) close();
          else commit();
        }
      }, 0);
    });
    if (control.tagName === 'SELECT') control.addEventListener('change', () => commit());
    return true;
  }

  function cancelEdit() {
    if (editor) editor.close();
  }

  // ---------- events ----------

  body.addEventListener('wheel', (event) => {
    if (event.deltaY === 0 || event.ctrlKey) return;
    if (event.target.closest('.gantt-editor__list')) return; // the 配合单位 list scrolls itself
    event.preventDefault();
    onWheel(event.deltaMode === 1 ? event.deltaY * ROW_HEIGHT : event.deltaY);
  }, { passive: false });

  function cellFromEvent(event) {
    const td = event.target.closest('td');
    const tr = event.target.closest('tr[data-task-id]');
    if (!td || !tr || !tbody.contains(tr)) return null;
    return { row: Number(tr.dataset.row), col: td.dataset.col };
  }

  body.addEventListener('mousedown', (event) => {
    if (event.target.closest('.gantt-editor')) return;
    const hit = cellFromEvent(event);
    if (!hit) return;
    if (event.target.closest('[data-toggle]')) {
      event.preventDefault();
      onToggle(hit.row);
      return;
    }
    onCell(hit.row, hit.col, 'click', event);
  });
  body.addEventListener('dblclick', (event) => {
    if (event.target.closest('.gantt-editor, [data-toggle]')) return;
    const hit = cellFromEvent(event);
    if (hit) onCell(hit.row, hit.col, 'dblclick', event);
  });

  setColumns(columns);

  return {
    element,
    body,
    setColumns,
    columns: () => columns,
    render,
    startEdit,
    cancelEdit,
    commitEdit: () => editor?.commit?.(),
    isEditing: () => editor !== null,
    editingRow: () => (editor ? editor.row : null),
  };
}
