// 工作日历: the working calendar every plan is scheduled on. A year at a
// glance (twelve small months) with working days, weekends, statutory
// holidays, make-up working days (调休上班) and the office's own days; a day
// opens a small form to set it working or not (editors only).
//
// Hooks: select[name="year"], button[data-action="prev-year" | "next-year" | "this-year"],
// div[data-calendar] (data-year), div[data-month=1..12], button[data-date=YYYY-MM-DD]
// (data-kind workday|weekend|holiday|makeup|closure, data-source statutory|override),
// div[data-notice="no-statutory"] (a year whose notice the program does not carry,
// from calendar_year), p[data-calendar-source], ul[data-legend], [data-calendar-summary],
// dialog[data-dialog="calendar-day"] > form[data-form="calendar-day"]
// (fields "working" (radio "true"/"false") and "name"), button[data-action="remove-day"].

import * as plansApi from '../api/plans.js';
import { h, uniqueId } from '../components/dom.js';
import { textField, formError } from '../components/fields.js';
import { bindForm } from '../components/form.js';
import { toast, toastError } from '../components/toast.js';
import { can } from '../state.js';
import { todayIso } from '../lib/clock.js';
import {
  DAY_KINDS,
  WEEK_HEADS,
  yearCalendar,
  yearChoices,
  describeDay,
  dayTitle,
  chineseDate,
  monthNotes,
  shiftDate,
  shiftMonth,
  parseIsoDate,
  isoDate,
  daysInMonth,
} from '../lib/workdays.js';
import { loadFailed } from './common.js';

const MARKS = { holiday: '休', closure: '休', makeup: '班' };
const LEGEND = [
  { kind: 'workday', text: DAY_KINDS.workday },
  { kind: 'weekend', text: DAY_KINDS.weekend },
  { kind: 'holiday', text: `${DAY_KINDS.holiday}（休）` },
  { kind: 'makeup', text: `${DAY_KINDS.makeup}（班）` },
  { kind: 'closure', text: DAY_KINDS.closure },
];

// The form's radio choice: "true" = working, "false" = a day off.
function workingChoice(selected) {
  const errorId = uniqueId('f-working-error');
  const option = (value, label, hint) =>
    h(
      'label',
      { class: 'check check--block' },
      h('input', { type: 'radio', class: 'checkbox', name: 'working', value, checked: selected === value }),
      h('span', null, h('span', { class: 'check__label' }, label), h('span', { class: 'check__hint' }, hint)),
    );
  return h(
    'fieldset',
    { class: 'field field--group', 'data-field': 'working', 'aria-describedby': errorId },
    h('legend', { class: 'field__label' }, '这一天'),
    h('div', { class: 'choice-list' }, option('false', '休息，不上班', '如本矿的矿庆日、停产检修放假，或尚未内置的法定节假日'), option('true', '上班', '如调休上班日，或取消一个休息日')),
    h('div', { class: 'field-error', 'data-for': 'working', id: errorId, hidden: true }),
  );
}

function currentState(info) {
  const what = info.name ? `${info.kindLabel} · ${info.name}` : info.kindLabel;
  if (info.source === 'override') return `${what}（本单位录入）`;
  if (info.source === 'statutory') return `${what}（国务院办公厅放假安排，程序内置）`;
  return `${what}（按周一至周五上班、周六周日休息的规则）`;
}

// The small form for one day. Resolves the year's new list, or null if nothing changed.
function editDayDialog(info) {
  return new Promise((resolve) => {
    let result = null;
    // Offer the change a click on this day most likely means.
    const selected = info.special ? String(info.working) : String(!info.working);
    const nameField = textField({
      name: 'name',
      label: '名称',
      value: info.name,
      maxlength: 40,
      placeholder: info.working ? '如：矿庆日、春节' : '如：春节调休上班',
      hint: '休息日必须填写名称；上班日可不填',
    });
    const removeButton =
      info.source === 'override'
        ? h(
            'button',
            {
              type: 'button',
              class: 'btn btn--danger-text',
              'data-action': 'remove-day',
              title: '删除本单位对这一天的设置，恢复内置规则',
              onClick: async () => {
                removeButton.disabled = true;
                try {
                  result = await plansApi.removeCalendarDay({ date: info.date });
                  toast(`已取消 ${chineseDate(info.date)} 的自定义设置`, 'success');
                  dialog.close();
                } catch (error) {
                  toastError(error);
                  removeButton.disabled = false;
                }
              },
            },
            '取消自定义设置',
          )
        : null;
    const form = h(
      'form',
      { class: 'dialog__form', 'data-form': 'calendar-day', 'data-date': info.date },
      h('h2', { class: 'dialog__title' }, `${chineseDate(info.date)} ${info.weekdayName}`),
      h('p', { class: 'dialog__message', 'data-day-state': info.kind }, `现在：${currentState(info)}`),
      info.source === 'statutory' ? h('p', { class: 'dialog__details' }, '法定节假日和调休由程序内置；在这里保存会以本单位的设置覆盖这一天，以后可以取消。') : null,
      workingChoice(selected),
      nameField,
      formError(),
      h(
        'div',
        { class: 'form-actions form-actions--split' },
        removeButton ?? h('span'),
        h(
          'span',
          { class: 'form-actions__end' },
          h('button', { type: 'button', class: 'btn', 'data-action': 'cancel', onClick: () => dialog.close() }, '取消'),
          h('button', { type: 'submit', class: 'btn btn--primary', 'data-action': 'submit' }, '保存'),
        ),
      ),
    );
    const dialog = h('dialog', { class: 'dialog', 'data-dialog': 'calendar-day', 'aria-label': `设置 ${chineseDate(info.date)}` }, form);
    bindForm(form, {
      validate: (values) => {
        const errors = {};
        if (values.working !== 'true' && values.working !== 'false') errors.working = '请选择这一天上班还是休息';
        else if (values.working === 'false' && !String(values.name ?? '').trim()) errors.name = '请填写休息日的名称，如“矿庆日”';
        return errors;
      },
      submit: async (values) => {
        const working = values.working === 'true';
        const name = String(values.name ?? '').trim();
        result = await plansApi.setCalendarDay({ date: info.date, working, name });
        toast(`已将 ${chineseDate(info.date)} 设为${working ? '工作日' : '休息日'}${name ? `（${name}）` : ''}`, 'success');
        dialog.close();
      },
    });
    dialog.addEventListener('cancel', (event) => {
      if (form.getAttribute('aria-busy') === 'true') event.preventDefault();
    });
    dialog.addEventListener('close', () => {
      dialog.remove();
      resolve(result);
    });
    document.body.append(dialog);
    dialog.showModal();
    (form.querySelector('input[name="working"]:checked') ?? form.querySelector('input')).focus();
  });
}

export const calendarPage = {
  id: 'calendar',
  title: '工作日历',
  description: '工作日、周末、法定节假日和调休上班日；计划排程和完成时限按此计算工作日',
  render(ctx) {
    const editable = can.editOrganization();
    const today = todayIso();
    const currentYear = Number(today.slice(0, 4));
    let year = currentYear;
    let days = [];
    let yearInfo = null;
    let focusDate = today;
    let requestNo = 0;

    const yearSelect = h('select', {
      class: 'input input--select input--compact calendar-year-select',
      name: 'year',
      'aria-label': '年份',
      onChange: (event) => setYear(Number(event.target.value)),
    });
    function fillYears() {
      yearSelect.replaceChildren(...yearChoices(currentYear, { selected: year }).map((y) => h('option', { value: String(y) }, `${y}年`)));
      yearSelect.value = String(year);
    }
    fillYears();

    const prev = h('button', { type: 'button', class: 'btn btn--small', 'data-action': 'prev-year', title: '上一年', 'aria-label': '上一年', onClick: () => setYear(year - 1) }, '‹');
    const next = h('button', { type: 'button', class: 'btn btn--small', 'data-action': 'next-year', title: '下一年', 'aria-label': '下一年', onClick: () => setYear(year + 1) }, '›');
    const thisYear = h(
      'button',
      {
        type: 'button',
        class: 'btn btn--small',
        'data-action': 'this-year',
        onClick: () => {
          focusDate = today;
          setYear(currentYear, { focus: true });
        },
      },
      '今天',
    );
    const summary = h('span', { class: 'calendar-summary', 'data-calendar-summary': true, 'aria-live': 'polite' });
    const legend = h(
      'ul',
      { class: 'calendar-legend', 'data-legend': true, 'aria-label': '图例' },
      LEGEND.map(({ kind, text }) =>
        h('li', { class: 'calendar-legend__item' }, h('span', { class: ['cal-swatch', `cal-day--${kind}`], 'aria-hidden': 'true' }, MARKS[kind] ?? ''), text),
      ),
      h('li', { class: 'calendar-legend__item' }, h('span', { class: 'cal-swatch cal-swatch--override', 'aria-hidden': 'true' }), '本单位录入（可取消）'),
      h('li', { class: 'calendar-legend__item' }, h('span', { class: 'cal-swatch cal-swatch--today', 'aria-hidden': 'true' }), '今天'),
    );
    const toolbar = h(
      'div',
      { class: 'calendar-toolbar' },
      h('div', { class: 'calendar-toolbar__year' }, prev, yearSelect, next, thisYear),
      summary,
    );
    const banner = h('div', { class: 'page-banner' });
    const source = h('p', { class: 'calendar-source muted', 'data-calendar-source': true });
    const grid = h('div', { class: 'calendar-year', 'data-calendar': true, role: 'group', 'aria-label': '全年日历' });
    const help = h(
      'p',
      { class: 'calendar-help muted' },
      editable
        ? '点击日期（或用方向键选中后按 Enter）可以把它设为休息日或工作日，例如本矿的矿庆日，或下一年的放假安排。'
        : '只能查看。调度员、签发人和管理员可以修改工作日历。',
    );
    ctx.root.append(toolbar, legend, banner, source, grid, help);

    function setYear(next, { focus = false } = {}) {
      if (!Number.isInteger(next) || next < 1900 || next > 2200) return;
      if (next !== year) {
        // Keep the focused month and day in the other year (29 February becomes the 28th).
        const d = parseIsoDate(focusDate);
        focusDate = next === currentYear ? today : d ? isoDate(next, d.month, Math.min(d.day, daysInMonth(next, d.month))) : isoDate(next, 1, 1);
      }
      year = next;
      fillYears();
      load({ focus });
    }

    function focusDay(date) {
      const button = grid.querySelector(`button[data-date="${date}"]`);
      if (!button) return;
      for (const el of grid.querySelectorAll('button[data-date][tabindex="0"]')) el.tabIndex = -1;
      button.tabIndex = 0;
      focusDate = date;
      button.focus();
    }

    function onGridKeydown(event) {
      const button = event.target.closest('button[data-date]');
      if (!button) return;
      const date = button.dataset.date;
      const moves = {
        ArrowLeft: () => shiftDate(date, -1),
        ArrowRight: () => shiftDate(date, 1),
        ArrowUp: () => shiftDate(date, -7),
        ArrowDown: () => shiftDate(date, 7),
        PageUp: () => shiftMonth(date, -1),
        PageDown: () => shiftMonth(date, 1),
        Home: () => date.slice(0, 8) + '01',
        End: () => {
          const d = parseIsoDate(date);
          return isoDate(d.year, d.month, daysInMonth(d.year, d.month));
        },
      };
      const move = moves[event.key];
      if (!move) return;
      event.preventDefault();
      focusDay(move());
    }
    grid.addEventListener('keydown', onGridKeydown);

    async function openDay(date) {
      const info = describeDay(date, yearCalendarCache.specialMap);
      const updated = await editDayDialog(info);
      if (updated) {
        days = updated;
        render();
      }
      focusDay(date);
    }

    function dayCell(cell) {
      if (!cell) return h('td', { class: 'cal-blank' });
      const classes = ['cal-day', `cal-day--${cell.kind}`, cell.source === 'override' && 'is-override', cell.date === today && 'is-today'];
      const label = dayTitle(cell);
      const button = h(
        'button',
        {
          type: 'button',
          class: classes,
          'data-date': cell.date,
          'data-kind': cell.kind,
          'data-source': cell.source,
          title: editable ? `${label}\n点击设置这一天` : label,
          'aria-label': label,
          'aria-current': cell.date === today ? 'date' : null,
          tabindex: cell.date === focusDate ? '0' : '-1',
          onClick: editable ? () => openDay(cell.date) : () => focusDay(cell.date),
        },
        h('span', { class: 'cal-day__num' }, String(cell.day)),
        MARKS[cell.kind] ? h('span', { class: 'cal-day__mark', 'aria-hidden': 'true' }, MARKS[cell.kind]) : null,
      );
      return h('td', null, button);
    }

    function noteText(run) {
      const span = run.from === run.to ? `${run.from}日` : `${run.from}–${run.to}日`;
      const name = run.name || DAY_KINDS[run.kind];
      if (run.kind === 'makeup') return [span, `${run.name ? `${run.name}` : ''}调休上班`];
      if (run.kind === 'workday') return [span, `${name}（上班）`];
      return [span, name];
    }

    function month(grid) {
      const notes = monthNotes(grid);
      return h(
        'div',
        { class: 'cal-month', 'data-month': String(grid.month) },
        h(
          'div',
          { class: 'cal-month__head' },
          h('h3', { class: 'cal-month__title' }, `${grid.month}月`),
          h('span', { class: 'cal-month__count', title: `${grid.month}月共 ${grid.days} 天，工作日 ${grid.working} 天` }, `工作日 ${grid.working} 天`),
        ),
        h(
          'table',
          { class: 'cal-table' },
          h('thead', null, h('tr', null, WEEK_HEADS.map((d, i) => h('th', { scope: 'col', class: i >= 5 ? 'cal-head--weekend' : null }, d)))),
          h('tbody', null, grid.weeks.map((week) => h('tr', null, week.map(dayCell)))),
        ),
        h(
          'ul',
          { class: 'cal-month__notes' },
          notes.map((run) => {
            const [span, text] = noteText(run);
            return h('li', { class: ['cal-note', `cal-note--${run.kind}`] }, h('span', { class: 'cal-note__days num' }, span), h('span', null, text));
          }),
        ),
      );
    }

    let yearCalendarCache = yearCalendar(year, []);

    function render() {
      const cal = yearCalendar(year, days);
      yearCalendarCache = cal;
      const { totals } = cal;
      grid.dataset.year = String(year);
      if (!focusDate.startsWith(`${year}-`)) focusDate = year === currentYear ? today : isoDate(year, 1, 1);
      grid.replaceChildren(...cal.months.map(month));
      const offParts = [`法定节假日 ${totals.holiday} 天`, totals.closure ? `自定休息日 ${totals.closure} 天` : null].filter(Boolean);
      summary.replaceChildren(
        `${year}年共 ${totals.days} 天：`,
        h('strong', { 'data-total': 'working' }, `工作日 ${totals.working} 天`),
        `，休息 ${totals.off} 天（其中${offParts.join('、')}），调休上班 ${totals.makeup} 天`,
      );
      banner.replaceChildren();
      // Whether the year's State Council notice comes with the program is the
      // core's to say (calendar_year), not a guess from the days listed.
      if (yearInfo && !yearInfo.official) {
        const range = `${yearInfo.noticeFrom}–${yearInfo.noticeTo}`;
        const headline =
          year > yearInfo.noticeTo
            ? `${year}年国务院节假日安排尚未发布，当前按普通周末计算；可在此手动添加。`
            : `本程序未收录${year}年的国务院节假日安排，当前按普通周末计算；可在此手动添加。`;
        banner.append(
          h(
            'div',
            { class: 'notice notice--warn', 'data-notice': 'no-statutory', role: 'status' },
            h('strong', null, headline),
            ` 本程序收录了${range}年的国务院放假通知；国务院办公厅通常在每年11—12月发布下一年的放假安排，发布后请按通知录入：`,
            editable ? '点击日期，把放假的日子设为休息日（填写节日名称），把调休上班的周六、周日设为工作日。' : '请调度员、签发人或管理员录入。',
            totals.overrides > 0 ? ` 本年已手动录入 ${totals.overrides} 个日期。` : '',
          ),
        );
      }
      source.replaceChildren(yearInfo?.official && yearInfo.notice ? `法定节假日依据：${yearInfo.notice}` : '');
    }

    async function load({ focus = false } = {}) {
      const mine = ++requestNo;
      grid.setAttribute('aria-busy', 'true');
      try {
        const [list, info] = await Promise.all([plansApi.listCalendarDays({ year }), plansApi.calendarYear({ year })]);
        if (mine !== requestNo) return;
        days = list;
        yearInfo = info;
        render();
        if (focus) focusDay(focusDate);
      } catch (error) {
        if (mine !== requestNo) return;
        days = [];
        yearInfo = null;
        grid.replaceChildren();
        loadFailed(banner, error, () => load({ focus }));
      } finally {
        if (mine === requestNo) grid.removeAttribute('aria-busy');
      }
    }

    return load();
  },
};
