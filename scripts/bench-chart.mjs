#!/usr/bin/env node
// The chart on the user's path (issue 17): a large plan imported through the real import
// path, opened from the plan list and edited by dragging a bar, in the real diaodu binary
// under Xvfb, through the end-to-end harness (run it under scripts/e2e.sh):
//   cargo build --release -p diaodu -p diaodu-cli
//   cargo run --release -p diaodu-store --example bench_import -- --write /tmp/plan-20000.xml 20000
//   DIAODU_BIN=target/release/diaodu BENCH_PLAN_XML=/tmp/plan-20000.xml \
//     bash scripts/e2e.sh node scripts/bench-chart.mjs
//
// Method. A fresh data directory: `diaodu-cli init`, an administrator (`user add`), the
// MSPDI file imported with `diaodu-cli plan import` (target/release/diaodu-cli, or
// DIAODU_CLI). The app is started on it, logged in, and for each run (BENCH_RUNS, default
// 7):
//   open   on the plan list, the plan's 打开 button is clicked (in the page) and the time
//          runs until two requestAnimationFrames after the Gantt view's setChart with all
//          tasks (the first paint on screen), as in bench-gantt.mjs. Inside it: the IPC
//          call of get_chart (core: load, schedule, columns, serialise; transfer; the
//          webview's JSON parse), the reading of the columns (chart-wire.js), setChart.
//   edit   a leaf task's bar is dragged a few days with WebDriver pointer actions (right,
//          then left on the next run); the time runs from the pointerup to two frames
//          after the view's setChart with the answer. Inside it: the move_task IPC call
//          (edit, reschedule, chart again, delta, transfer, parse) and setChart.
// The page is timed with performance.now(); IPC calls are timed by wrapping the
// webview's fetch, through which Tauri's IPC goes (request to the parsed answer). Also measured once: the answer's size, and JSON.parse of
// the chart as objects (the wire form before issue 17) against the columns.
// Medians; the load average is recorded. Timings are not assertions. Results: stdout and
// tests/e2e/artifacts/bench-chart.json; screenshots under tests/e2e/screenshots/bench-chart/.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import os from 'node:os';
import { join, resolve } from 'node:path';
import { pageRunner } from './lib/in-page.mjs';
import { App, ARTIFACTS, ADMIN } from '../tests/e2e/lib/app.mjs';
import { barInView, dragBy } from '../tests/e2e/lib/gantt.mjs';

const RUNS = Number(process.env.BENCH_RUNS || 7);
const XML = process.env.BENCH_PLAN_XML;
const REPO = resolve(new URL('..', import.meta.url).pathname);
const CLI = resolve(process.env.DIAODU_CLI || join(REPO, 'target/release/diaodu-cli'));
if (!XML || !existsSync(XML)) {
  console.error('BENCH_PLAN_XML must name an MSPDI file (see the command at the top of this script)');
  process.exit(2);
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length === 0 ? null : s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const round = (x) => (x === null || x === undefined ? null : Math.round(x * 10) / 10);
const summary = (xs) => ({ median: round(median(xs)), min: round(Math.min(...xs)), max: round(Math.max(...xs)), n: xs.length });
const load = () => os.loadavg().map((x) => Math.round(x * 100) / 100);

// Runs `body` in the page with `B` = window.__chartBench (scripts/lib/in-page.mjs).
const inPage = pageRunner('__chartBench');

// In the page, once: IPC calls timed by command, and a promise for the next
// setChart of the Gantt view (resolved two frames after it).
const INSTRUMENT = `
  if (!B.installed) {
    // window.__TAURI__.core is frozen; its IPC goes through fetch of
    // ipc://localhost/<command>, whose answer it reads with json()/text().
    B.installed = true;
    B.ipc = [];
    const fetch0 = window.fetch.bind(window);
    window.fetch = (url, init) => {
      const t0 = performance.now();
      const cmd = decodeURIComponent(String(url).split('/').pop() || '');
      return fetch0(url, init).then((response) => {
        for (const how of ['json', 'text', 'arrayBuffer']) {
          const read = response[how].bind(response);
          response[how] = () => read().then((v) => { B.ipc.push({ cmd, ms: performance.now() - t0 }); return v; });
        }
        return response;
      });
    };
  }
  B.ipc.length = 0;`;

const WATCH_SET_CHART = `
  B.painted = new Promise((resolve) => {
    const poll = () => {
      const el = document.querySelector('[data-gantt]');
      const g = el && el.ganttApi;
      if (!g) return requestAnimationFrame(poll);
      if (g.__benchWrapped !== g.setChart) {
        const set = g.setChart;
        g.setChart = (...a) => {
          const t0 = performance.now();
          const r = set(...a);
          const t1 = performance.now();
          if (B.onSet) B.onSet(t0, t1, g);
          return r;
        };
        g.__benchWrapped = g.setChart;
      }
    };
    B.onSet = (t0, t1, g) => {
      B.onSet = null;
      frames(2).then(() => resolve({ setStart: t0, setMs: t1 - t0, paintedAt: performance.now(), tasks: g.taskCount() }));
    };
    poll();
  });`;

async function main() {
  const dataDir = mkdtempSync(join(os.tmpdir(), 'diaodu-bench-chart-'));
  const cli = (...args) => execFileSync(CLI, ['--data-dir', dataDir, ...args], { encoding: 'utf8', input: `${ADMIN.password}\n` });
  cli('init');
  cli('user', 'add', ADMIN.username, '--role', 'admin', '--display-name', ADMIN.displayName);
  const t0 = Date.now();
  const imported = cli('plan', 'import', XML).trim();
  const importMs = Date.now() - t0;
  console.log(`imported in ${importMs} ms (CLI wall): ${imported.split('\n').slice(-1)[0]}`);

  const loadStart = load();
  const app = await App.start('bench-chart', { dataDir });
  const results = { date: new Date().toISOString(), binary: process.env.DIAODU_BIN || 'target/debug/diaodu', xml: XML, importMs, loadStart, open: [], edit: [] };
  try {
    await app.login(ADMIN.username, ADMIN.password);
    // A 100,000-task chart takes longer than the harness's 30 s per script.
    await app.s.setTimeouts({ script: 600_000 });
    const plans = (await app.invoke('list_plans', { input: { status: 'all' } })).value;
    const plan = plans.reduce((a, b) => (b.taskCount > a.taskCount ? b : a));
    results.tasks = plan.taskCount;
    console.log(`plan ${plan.id}: ${plan.taskCount} tasks`);

    // Sizes and parse costs, once: the columns as the core sends them, and the
    // same chart as objects (the wire form before issue 17).
    results.wire = await inPage(app, `
      const wire = await import(new URL('js/api/chart-wire.js', document.baseURI).href);
      const t0 = performance.now();
      const raw = await window.__TAURI__.core.invoke('get_chart', { input: { planId: args[0] } });
      const ipc = performance.now() - t0;
      const columns = JSON.stringify(raw);
      const t1 = performance.now();
      const chart = wire.decodeChart(raw);
      const decode = performance.now() - t1;
      const objects = JSON.stringify(chart);
      const time = (f) => { const xs = []; for (let i = 0; i < 5; i++) { const t = performance.now(); f(); xs.push(performance.now() - t); } xs.sort((a, b) => a - b); return xs[2]; };
      return { ipcMs: ipc, decodeMs: decode, columnsBytes: columns.length, objectsBytes: objects.length,
               parseColumnsMs: time(() => JSON.parse(columns)), parseObjectsMs: time(() => JSON.parse(objects)) };`, [plan.id]);
    console.log('wire', results.wire);

    let taskId = null;
    for (let run = 0; run < RUNS; run++) {
      // ---- open from the plan list ----
      await app.nav('plans');
      await app.waitRows('plans', (r) => r.length > 0, 'the plan list');
      const open = await inPage(app, `${INSTRUMENT}${WATCH_SET_CHART}
        const button = document.querySelector('table[data-table="plans"] tr[data-id="' + args[0] + '"] [data-action="open-plan"]');
        const t0 = performance.now();
        button.click();
        const p = await B.painted;
        const ipc = B.ipc.filter((c) => c.cmd === 'get_chart').map((c) => c.ms);
        return { ms: p.paintedAt - t0, setChartMs: p.setMs, untilSetChart: p.setStart - t0, getChartIpcMs: ipc[0] ?? null, tasks: p.tasks };`, [plan.id]);
      results.open.push(open);
      if (run === 0) await app.shot('opened');

      // ---- edit: drag a leaf bar ----
      if (taskId === null) {
        taskId = await inPage(app, `
          const c = document.querySelector('[data-gantt]').ganttApi.chart();
          const preds = new Set(c.links.map((l) => l.predId));
          const parents = new Set(c.tasks.map((t) => t.parentId));
          const pick = c.tasks.slice(Math.floor(c.tasks.length / 2)).find((t) => t.kind === 'task' && !parents.has(t.id) && preds.has(t.id) && t.duration >= 5 && !t.actualStart);
          return pick.id;`);
      }
      const rect = await barInView(app, taskId);
      await inPage(app, `${INSTRUMENT}${WATCH_SET_CHART}
        window.addEventListener('pointerup', () => { B.upAt = performance.now(); }, { once: true, capture: true });`);
      await dragBy(app, Math.round((rect.left + rect.right) / 2), Math.round(rect.centerY), run % 2 === 0 ? 60 : -60);
      const edit = await inPage(app, `
        const p = await B.painted;
        const ipc = B.ipc.filter((c) => c.cmd === 'move_task').map((c) => c.ms);
        return { ms: p.paintedAt - B.upAt, setChartMs: p.setMs, moveTaskIpcMs: ipc[0] ?? null, calls: B.ipc.map((c) => c.cmd) };`);
      results.edit.push(edit);
      if (run === 0) await app.shot('after-drag');
      console.log(`run ${run + 1}: open ${round(open.ms)} ms (get_chart ${round(open.getChartIpcMs)}, setChart ${round(open.setChartMs)}); edit ${round(edit.ms)} ms (move_task ${round(edit.moveTaskIpcMs)}, setChart ${round(edit.setChartMs)}) [${edit.calls.join(',')}]`);
    }
  } finally {
    results.loadEnd = load();
    await app.close();
  }
  const pick = (list, key) => summary(list.map((r) => r[key]).filter((v) => v !== null && v !== undefined));
  results.summary = {
    open: pick(results.open, 'ms'),
    openGetChartIpc: pick(results.open, 'getChartIpcMs'),
    openSetChart: pick(results.open, 'setChartMs'),
    edit: pick(results.edit, 'ms'),
    editMoveTaskIpc: pick(results.edit, 'moveTaskIpcMs'),
    editSetChart: pick(results.edit, 'setChartMs'),
  };
  console.log(JSON.stringify({ tasks: results.tasks, wire: results.wire, summary: results.summary, loadStart: results.loadStart, loadEnd: results.loadEnd }, null, 2));
  mkdirSync(ARTIFACTS, { recursive: true });
  const out = join(ARTIFACTS, `bench-chart-${results.tasks}.json`);
  writeFileSync(out, JSON.stringify(results, null, 2));
  console.log(`written ${out}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
