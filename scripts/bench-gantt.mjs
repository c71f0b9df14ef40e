#!/usr/bin/env node
// Benchmark of the Gantt view in the real WebKitGTK webview, through the same harness as
// the end-to-end tests (run it under scripts/e2e.sh, which provides Xvfb and D-Bus):
//   bash scripts/e2e.sh node scripts/bench-gantt.mjs
//
// Method: the desktop binary is started on a fresh data directory (the setup screen is
// enough: nothing here needs the core). Inside the webview, a WebDriver script imports the
// app's own ui/js/gantt/gantt.js, generates a deterministic chart of 20,000 tasks and
// 20,000 links in the shape get_chart returns (tests/ui/mock/chart-data.mjs, injected as
// source), lays a full-window host over the page, and measures with performance.now():
//   load        setChart(chart) on a view already in place (the chart page mounts it
//               while the core answers) until two requestAnimationFrames have passed
//               (the first paint is on screen)                                target <= 300 ms
//   setChart    the synchronous part of that (model, rows, link index, first draw)
//   scroll      continuous scrolling, 3 rows a frame: the view's own work per frame
//               (table rows and canvas, drawn from its scroll handler)   target <= 16 ms;
//               also a jump to a random row done synchronously (set scrollTop, forced
//               style/layout, draw), and the rAF-to-rAF interval while scrolling, which
//               includes the webview's own layout, paint and compositing
//   zoom        change the zoom level and draw it                           target <= 16 ms
//   parse       JSON.parse of the chart's JSON (what the IPC answer costs the webview;
//               not part of "load")
// Medians of several runs (BENCH_RUNS, default 7), in two modes (BENCH_MODES, default
// "default,no-compositing"): the webview as it starts, and with
// WEBKIT_DISABLE_COMPOSITING_MODE=1 — under Xvfb the default accelerated compositing runs
// on Mesa's software GL, which makes every painted frame slow whatever the page does.
// Timings are not assertions: these machines are shared and noisy (the load average is
// recorded). Results: stdout (JSON and a summary), tests/e2e/artifacts/bench-gantt.json,
// screenshots of the 20,000-task chart under tests/e2e/screenshots/bench-gantt-<mode>/.
import { writeFileSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { pageRunner } from './lib/in-page.mjs';
import { App, ARTIFACTS, BINARY } from '../tests/e2e/lib/app.mjs';
import { generateChart } from '../tests/ui/mock/chart-data.mjs';

const RUNS = Number(process.env.BENCH_RUNS || 7);
const TASKS = Number(process.env.BENCH_TASKS || 20000);
const LINKS = Number(process.env.BENCH_LINKS || 20000);

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length === 0 ? null : s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? null : s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};
const round = (x) => (x === null ? null : Math.round(x * 10) / 10);
const summary = (xs) => ({ median: round(median(xs)), p95: round(pct(xs, 95)), min: round(Math.min(...xs)), max: round(Math.max(...xs)), n: xs.length });

// Runs `body` in the page with `B` = window.__ganttBench (scripts/lib/in-page.mjs).
const inPage = pageRunner('__ganttBench');

async function run(mode) {
  const loadBefore = os.loadavg().map((x) => Math.round(x * 100) / 100);
  if (mode === 'no-compositing') process.env.WEBKIT_DISABLE_COMPOSITING_MODE = '1';
  else delete process.env.WEBKIT_DISABLE_COMPOSITING_MODE;
  const app = await App.start(`bench-gantt-${mode}`);
  const shot = async (name) => {
    // Best effort: WebKitWebDriver's screenshot can time out without compositing.
    try {
      await app.shot(name);
    } catch (error) {
      console.log(`screenshot ${name} not taken: ${error.message}`);
    }
  };
  let record;
  try {
    await app.s.settle();

    // 1. Set up: the module, the data, a host over the page.
    const setup = await inPage(
      app,
      `const generateChart = ${generateChart.toString()};
       const base = document.baseURI;
       B.mod = await import(new URL('js/gantt/gantt.js', base).href);
       B.scale = await import(new URL('js/gantt/scale.js', base).href);
       const t0 = performance.now();
       B.chart = generateChart({ tasks: args[0], links: args[1], seed: 7, today: '2026-11-26' });
       const tGen = performance.now() - t0;
       B.json = JSON.stringify(B.chart);
       const host = document.createElement('div');
       host.className = 'chart-host';
       Object.assign(host.style, { position: 'fixed', left: '0', top: '0', right: '0', bottom: '0', zIndex: '10000', background: '#fff', display: 'flex' });
       document.body.append(host);
       B.host = host;
       return { tasks: B.chart.tasks.length, links: B.chart.links.length, generateMs: tGen, jsonMB: B.json.length / 1e6,
                window: [window.innerWidth, window.innerHeight], dpr: window.devicePixelRatio, userAgent: navigator.userAgent };`,
      [TASKS, LINKS],
    );
    console.log(`chart: ${setup.tasks} tasks, ${setup.links} links (${setup.jsonMB.toFixed(1)} MB JSON), window ${setup.window.join('x')} @${setup.dpr}x`);

    // 2. JSON parse (the IPC answer), for reference.
    const parse = [];
    for (let i = 0; i < Math.min(RUNS, 5); i++) {
      parse.push(await inPage(app, `const t0 = performance.now(); const c = JSON.parse(B.json); const t = performance.now() - t0; return c.tasks.length ? t : t;`));
    }

    // 3. Load + first paint, each run with a fresh view and a freshly parsed chart.
    const load = [];
    const setChart = [];
    for (let i = 0; i < RUNS; i++) {
      const r = await inPage(
        app,
        `if (B.gantt) { B.gantt.destroy(); B.gantt.element.remove(); B.gantt = null; }
         const chart = JSON.parse(B.json);
         // As on the chart page: the view is in place while the core answers.
         const gantt = B.mod.createGantt({ editable: true, onEdit: async () => null });
         B.host.append(gantt.element);
         gantt.setZoom('week');
         await frames(2);
         const t0 = performance.now();
         gantt.setChart(chart);
         const t1 = performance.now();
         await frames(2);
         const t2 = performance.now();
         B.gantt = gantt;
         const s = gantt.stats();
         return { load: t2 - t0, setChart: t1 - t0, rows: s.rows, drawnRows: s.drawnRows, drawnLinks: s.drawnLinks, width: s.width, height: s.height,
                  painted: document.querySelectorAll('tr[data-task-id]').length };`,
      );
      load.push(r.load);
      setChart.push(r.setChart);
      console.log(`load run ${i + 1}: ${r.load.toFixed(1)} ms (setChart ${r.setChart.toFixed(1)} ms), ${r.drawnRows} rows and ${r.drawnLinks} links drawn, ${r.painted} table rows, canvas ${r.width}x${r.height}`);
    }
    await shot('20000-tasks-week');

    // 4. Scroll: jumps (synchronous work and change-to-second-frame latency), then continuous scrolling.
    const scroll = await inPage(
      app,
      `const g = B.gantt; const sc = g.scroller;
       let seed = 42; const rnd = (n) => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed % n; };
       const work = []; const latency = []; const links = [];
       for (let i = 0; i < args[0] * 3; i++) {
         await frames(1);
         const t0 = performance.now();
         sc.scrollTop = rnd(g.rowCount() - 40) * 28;
         const s = g.renderNow();
         const t1 = performance.now();
         work.push(t1 - t0); links.push(s.drawnLinks);
         await frames(2);
         latency.push(performance.now() - t0);
       }
       // Continuous: 120 frames, 3 rows per frame, the way a wheel or a dragged scrollbar
       // goes; the view redraws from its own scroll handler in the next frame, as in use.
       // frameWork is the view's own JavaScript per frame.
       sc.scrollTop = 28 * 2000;
       await frames(2);
       const frameWork = []; const intervals = [];
       await new Promise((resolve) => {
         let last = performance.now(); let n = 0; let seen = g.stats().frames;
         const tick = () => {
           const now = performance.now();
           if (n > 0) intervals.push(now - last);
           last = now;
           const st = g.stats();
           if (st.frames !== seen) { frameWork.push(st.lastFrameMs); seen = st.frames; }
           sc.scrollTop += 84;
           if (++n < 120) requestAnimationFrame(tick); else resolve();
         };
         requestAnimationFrame(tick);
       });
       // Horizontal.
       const hwork = [];
       for (let i = 0; i < args[0] * 2; i++) {
         await frames(1);
         const t0 = performance.now();
         sc.scrollLeft = rnd(Math.max(1, sc.scrollWidth - sc.clientWidth));
         g.renderNow();
         hwork.push(performance.now() - t0);
       }
       return { work, latency, frameWork, intervals, hwork, links };`,
      [RUNS],
    );
    await shot('20000-tasks-scrolled');

    // 5. Zoom: every level in turn, several rounds.
    const zoom = await inPage(
      app,
      `const g = B.gantt; const ids = B.scale.ZOOMS.map((z) => z.id);
       g.scroller.scrollTop = 28 * 9000;
       const work = []; const latency = []; const byZoom = {};
       for (let round = 0; round < args[0]; round++) {
         for (const id of ids) {
           await frames(1);
           const t0 = performance.now();
           g.setZoom(id);
           g.renderNow();
           const t1 = performance.now();
           await frames(2);
           work.push(t1 - t0); latency.push(performance.now() - t0);
           (byZoom[id] = byZoom[id] || []).push(t1 - t0);
         }
       }
       g.setZoom('month');
       g.renderNow();
       return { work, latency, byZoom };`,
      [RUNS],
    );
    await shot('20000-tasks-month');

    // 6. Critical path highlight and a filter over all 20,000 tasks (rebuilds rows and the link index).
    const other = await inPage(
      app,
      `const g = B.gantt; const critical = []; const filter = [];
       for (let i = 0; i < args[0]; i++) {
         await frames(1);
         let t0 = performance.now(); g.setCritical(i % 2 === 0); g.renderNow(); critical.push(performance.now() - t0);
         await frames(1);
         t0 = performance.now(); g.setFilter({ status: i % 2 === 0 ? 'overdue' : '' }); g.renderNow(); filter.push(performance.now() - t0);
       }
       g.setFilter({ status: '' });
       return { critical, filter };`,
      [RUNS],
    );

    const byZoom = Object.fromEntries(Object.entries(zoom.byZoom).map(([k, v]) => [k, round(median(v))]));
    record = {
      date: new Date().toISOString(),
      machine: { cpus: os.cpus().length, cpu: os.cpus()[0]?.model, memGiB: Math.round(os.totalmem() / 2 ** 30), kernel: os.release(), loadAverage: loadBefore },
      mode,
      environment: { display: 'Xvfb (Mesa software GL)', WEBKIT_DISABLE_COMPOSITING_MODE: process.env.WEBKIT_DISABLE_COMPOSITING_MODE ?? null },
      binary: BINARY,
      webview: setup.userAgent,
      window: setup.window,
      chart: { tasks: setup.tasks, links: setup.links, jsonMB: round(setup.jsonMB) },
      runs: RUNS,
      results: {
        loadFirstPaintMs: summary(load),
        setChartSyncMs: summary(setChart),
        scrollJumpWorkMs: summary(scroll.work),
        scrollJumpToPaintMs: summary(scroll.latency),
        scrollContinuousWorkMs: summary(scroll.frameWork),
        scrollContinuousFrameIntervalMs: summary(scroll.intervals),
        scrollHorizontalWorkMs: summary(scroll.hwork),
        linksDrawnPerScrollFrame: summary(scroll.links),
        zoomWorkMs: summary(zoom.work),
        zoomToPaintMs: summary(zoom.latency),
        zoomWorkMedianByLevelMs: byZoom,
        criticalToggleMs: summary(other.critical),
        filterAllTasksMs: summary(other.filter),
        jsonParseMs: summary(parse),
      },
      targets: { loadFirstPaintMs: 300, scrollFrameMs: 16, zoomFrameMs: 16 },
    };
    const r = record.results;
    record.verdict = {
      load: r.loadFirstPaintMs.median <= 300 ? 'met' : 'NOT met',
      scroll: r.scrollContinuousWorkMs.median <= 16 ? 'met' : 'NOT met',
      zoom: r.zoomWorkMs.median <= 16 ? 'met' : 'NOT met',
    };
  } finally {
    await app.close();
  }
  return record;
}

// Both ways the webview can draw: its default (accelerated compositing, which under
// Xvfb runs on Mesa's software GL) and WEBKIT_DISABLE_COMPOSITING_MODE=1.
const MODES = (process.env.BENCH_MODES || 'default,no-compositing').split(',').map((m) => m.trim()).filter(Boolean);
const records = [];
for (const mode of MODES) {
  console.log(`\n== mode: ${mode} ==`);
  records.push(await run(mode));
}

mkdirSync(ARTIFACTS, { recursive: true });
writeFileSync(join(ARTIFACTS, 'bench-gantt.json'), JSON.stringify(records, null, 2));
for (const record of records) {
  console.log(JSON.stringify(record, null, 2));
}
for (const record of records) {
  const r = record.results;
  console.log(`\nGantt view [${record.mode}], ${record.chart.tasks} tasks / ${record.chart.links} links, medians of ${RUNS} runs (ms):`);
  console.log(`  load + first paint      ${r.loadFirstPaintMs.median}  (target 300: ${record.verdict.load})`);
  console.log(`  scroll frame (work)     ${r.scrollContinuousWorkMs.median} continuous, ${r.scrollJumpWorkMs.median} jump  (target 16: ${record.verdict.scroll})`);
  console.log(`  zoom frame (work)       ${r.zoomWorkMs.median}  (target 16: ${record.verdict.zoom})`);
  console.log(`  frame interval while scrolling ${r.scrollContinuousFrameIntervalMs.median} (p95 ${r.scrollContinuousFrameIntervalMs.p95})`);
}
console.log(`written ${join(ARTIFACTS, 'bench-gantt.json')}`);
