#!/usr/bin/env node
// Cold-start benchmark of the desktop binary, through the same harness as the
// end-to-end tests (run it under scripts/e2e.sh, which provides Xvfb and D-Bus:
//   bash scripts/e2e.sh node scripts/bench-startup.mjs   or   make bench).
//
// Method: a data dir with an administrator already set up; for each run, tauri-driver is
// started and listening (not timed), then the clock starts just before the WebDriver
// "new session" request, which makes WebKitWebDriver launch the binary; it stops when
// [data-screen="login"] is visible (polled every 25 ms through WebDriver).
// Reported per run:
//   total    new-session request -> login screen visible (includes WebDriver overhead)
//   session  new-session request -> session created (process launch + webview up)
//   inPage   performance.now() inside the webview when the login screen was seen, i.e.
//            time from the page's navigation start to the login screen (no WebDriver
//            launch overhead; includes the UI's own startup IPC calls)
// Timings are not assertions: these machines are shared and noisy.
import { writeFileSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { ADMIN, App, ARTIFACTS, BINARY } from '../tests/e2e/lib/app.mjs';
import { newSession } from '../tests/e2e/lib/webdriver.mjs';

const N = Number(process.env.BENCH_RUNS || 5);
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

const app = await App.start('bench-startup');
const runs = [];
try {
  await app.setupAdmin(ADMIN, 'start-empty');
  await app.quit();

  for (let i = 1; i <= N; i++) {
    app.launches++;
    await app.startDriver();
    const t0 = performance.now();
    app.s = await newSession(`http://127.0.0.1:${app.port}`, app.capabilities(), { timeoutMs: 90_000 });
    const tSession = performance.now();
    let inPage = null;
    const deadline = Date.now() + 60_000;
    for (;;) {
      const r = await app.s.executeScript(
        `const el = document.querySelector('[data-screen="login"]');
         return el && el.getClientRects().length && getComputedStyle(el).visibility !== 'hidden' ? performance.now() : null;`,
      ).catch(() => null);
      if (r !== null) {
        inPage = r;
        break;
      }
      if (Date.now() > deadline) throw new Error(`run ${i}: login screen not visible within 60 s (screen: ${await app.screen()})`);
      await new Promise((res) => setTimeout(res, 25));
    }
    const t1 = performance.now();
    const run = { total: t1 - t0, session: tSession - t0, inPage };
    runs.push(run);
    console.log(`run ${i}: total ${run.total.toFixed(0)} ms, session ${run.session.toFixed(0)} ms, inPage ${run.inPage.toFixed(0)} ms`);
    if (i === 1) await app.shot('login');
    await app.quit();
  }
} finally {
  await app.close();
}

const summary = {};
for (const k of ['total', 'session', 'inPage']) {
  const xs = runs.map((r) => r[k]);
  summary[k] = { median: Math.round(median(xs)), min: Math.round(Math.min(...xs)), max: Math.round(Math.max(...xs)) };
}
console.log(`\ncold start to login screen, ${N} runs (ms):`);
for (const [k, v] of Object.entries(summary)) console.log(`  ${k.padEnd(8)} median ${v.median}  min ${v.min}  max ${v.max}`);
const record = {
  date: new Date().toISOString(),
  machine: { cpus: os.cpus().length, cpu: os.cpus()[0]?.model, memGiB: Math.round(os.totalmem() / 2 ** 30), kernel: os.release() },
  binary: BINARY,
  method: 'WebDriver new-session request -> [data-screen="login"] visible; inPage = performance.now() in the webview at that moment',
  runs,
  summary,
};
mkdirSync(ARTIFACTS, { recursive: true });
writeFileSync(join(ARTIFACTS, 'bench-startup.json'), JSON.stringify(record, null, 2));
console.log(`written ${join(ARTIFACTS, 'bench-startup.json')}`);
