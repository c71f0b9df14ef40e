// The chart page alone in the app's shell, on the preview mock, for
// headless screenshots while the core is being written.
//   gantt-preview.html?session=admin[&gantt=big][&zoom=day][&steps=[...]]
// Steps (run after the chart is drawn): [verb, arg...]
//   zoom ID | critical | baseline INDEX | filter NAME VALUE | search TEXT |
//   select TASK-NAME | collapse TASK-NAME | edit COLUMN | type TEXT | key KEY [ctrl|shift|alt] |
//   drag TASK-NAME DX [resize|link TARGET-NAME] | scroll TOP [LEFT] | click SELECTOR | wait MS | detail
import { setSession } from '/ui/js/state.js';
import { renderShell } from '/ui/js/views/shell.js';
import { mountChart } from '/ui/js/views/chart.js';
import { generateChart } from './chart-data.mjs';

function report(message) {
  const box = document.createElement('pre');
  box.className = 'preview-error';
  box.textContent = message;
  document.body.append(box);
}
window.addEventListener('error', (event) => report(`error: ${event.message}`));
window.addEventListener('unhandledrejection', (event) => report(`unhandled: ${JSON.stringify(event.reason?.message ?? event.reason)}`));
document.addEventListener('securitypolicyviolation', (event) => report(`CSP: ${event.violatedDirective} ${event.blockedURI}`));

const params = new URLSearchParams(location.search);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function main() {
  const session = await window.__TAURI__.core.invoke('current_session');
  if (!session) throw new Error('start with ?session=admin');
  setSession(session);
  if (params.get('zoom')) localStorage.setItem('diaodu.gantt.zoom', params.get('zoom'));
  else localStorage.removeItem('diaodu.gantt.zoom');
  localStorage.removeItem('diaodu.gantt.gridWidth');
  const planId = window.__CHART_MOCK__.planIdByTitle('强化基础工作建设');
  if (params.get('gantt') === 'big') window.__CHART_MOCK__.installBig(planId, generateChart({ tasks: 20000, links: 20000, baseline: true, today: '2026-11-26' }));
  const shell = renderShell({ onLogout: () => {}, onLock: () => {} });
  document.getElementById('app').append(shell.screen);
  shell.navigate(params.get('page') || 'plans');
  await sleep(100);
  const content = document.getElementById('content');
  const page = document.createElement('div');
  page.className = 'page';
  page.dataset.page = 'chart';
  content.replaceChildren(page);
  document.getElementById('page-title').textContent = '网络推进图';
  const t0 = performance.now();
  const handle = mountChart(page, { planId, onBack: () => {} });
  window.__chart = handle;
  const gantt = handle.gantt;
  for (let i = 0; i < 200 && !document.querySelector('tr[data-task-id]'); i++) await sleep(25);
  await new Promise((r) => {
    requestAnimationFrame(() => requestAnimationFrame(r));
    setTimeout(r, 200);
  });
  document.body.dataset.loadMs = String(Math.round(performance.now() - t0));
  document.body.dataset.today = gantt.chart().today;
  document.body.dataset.scroll = String(gantt.scroller.scrollLeft) + ' ' + gantt.scroller.scrollWidth + ' ' + gantt.scroller.clientWidth;
  document.body.dataset.stats = JSON.stringify(gantt.stats());
  const byName = (name) => gantt.model().tasks.find((t) => t.name.includes(name));
  const steps = params.get('steps') ? JSON.parse(params.get('steps')) : [];
  for (const [verb, a, b, c] of steps) {
    if (verb === 'zoom') document.querySelector(`[data-zoom="${a}"]`).click();
    else if (verb === 'critical') document.querySelector('[data-action="toggle-critical"]').click();
    else if (verb === 'baseline') {
      const s = document.querySelector('select[data-baseline]');
      s.selectedIndex = Number(a);
      s.dispatchEvent(new Event('change'));
      await sleep(200);
    } else if (verb === 'filter') {
      const s = document.querySelector(`select[data-filter="${a}"]`);
      s.value = b;
      s.dispatchEvent(new Event('change'));
    } else if (verb === 'search') {
      const s = document.querySelector('input[data-search="gantt"]');
      s.value = a;
      s.dispatchEvent(new Event('input'));
    } else if (verb === 'select') gantt.scrollToTask(byName(a).id);
    else if (verb === 'collapse') {
      gantt.select(byName(a).id);
      gantt.element.dispatchEvent(new KeyboardEvent('keydown', { key: '-', bubbles: true }));
    } else if (verb === 'edit') gantt.startEdit(a);
    else if (verb === 'type') {
      const input = document.querySelector('.gantt-editor__control');
      input.value = a;
    } else if (verb === 'key') {
      const target = document.activeElement || document.body;
      target.dispatchEvent(new KeyboardEvent('keydown', { key: a, bubbles: true, cancelable: true, ctrlKey: b === 'ctrl', shiftKey: b === 'shift', altKey: b === 'alt' }));
      await sleep(150);
    } else if (verb === 'drag') {
      const task = byName(a);
      const rect = gantt.barRect(task.id);
      const scroller = document.querySelector('[data-gantt-scroller]');
      const mode = b ?? 'move';
      let x = mode === 'resize' ? rect.right - 2 : mode === 'link' ? rect.right + 8 : (rect.left + rect.right) / 2;
      const y = rect.centerY;
      const ev = (type, px, py) => scroller.dispatchEvent(new PointerEvent(type, { clientX: px, clientY: py, bubbles: true, button: 0, pointerId: 1, isPrimary: true }));
      ev('pointerdown', x, y);
      let tx = x + Number(c ?? 0);
      let ty = y;
      if (mode === 'link') {
        const target = gantt.barRect(byName(c).id);
        tx = (target.left + target.right) / 2;
        ty = target.centerY;
      }
      for (let k = 1; k <= 5; k++) ev('pointermove', x + ((tx - x) * k) / 5, y + ((ty - y) * k) / 5);
      if (params.get('hold') !== '1') ev('pointerup', tx, ty);
      await sleep(300);
    } else if (verb === 'hover') {
      const rect = gantt.barRect(byName(a).id);
      const scroller = document.querySelector('[data-gantt-scroller]');
      scroller.dispatchEvent(new PointerEvent('pointermove', { clientX: (rect.left + rect.right) / 2, clientY: rect.centerY, bubbles: true }));
      await sleep(500);
    } else if (verb === 'scroll') {
      const scroller = document.querySelector('[data-gantt-scroller]');
      scroller.scrollTop = Number(a);
      if (b !== undefined) scroller.scrollLeft = Number(b);
    } else if (verb === 'click') document.querySelector(a).click();
    else if (verb === 'detail') document.querySelector('[data-action="task-detail"]').click();
    else if (verb === 'wait') await sleep(Number(a));
    await sleep(120);
  }
  document.body.dataset.after = JSON.stringify(gantt.stats());
  document.body.dataset.rows = Array.from(document.querySelectorAll('tr[data-task-id]'), (tr) => tr.cells[0].textContent + ' ' + tr.cells[1].textContent).slice(-8).join(' / ');
  document.body.dataset.toasts = Array.from(document.querySelectorAll('.toast'), (t) => t.textContent).join(' / ');
  document.body.dataset.previewDone = 'true';
}

main().catch((error) => report(String(error?.stack ?? error?.message ?? error)));
