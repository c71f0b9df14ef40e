#!/usr/bin/env node
// Cold start of the desktop binary without WebDriver in between: the app is
// launched directly (under the Xvfb/D-Bus that scripts/e2e.sh provides) with
// DIAODU_EXIT_WHEN_READY=1; the UI reports once its first screen (the login
// screen, on a data dir that already has an administrator) has been drawn,
// and the process prints `diaodu-ready <ms since start>` and exits.
//   bash scripts/e2e.sh node scripts/bench-coldstart.mjs
// DIAODU_BIN picks the binary (default target/release/diaodu if built, else debug).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join, resolve } from 'node:path';

const repo = resolve(new URL('..', import.meta.url).pathname);
const release = join(repo, 'target/release/diaodu');
const binary = process.env.DIAODU_BIN || (existsSync(release) ? release : join(repo, 'target/debug/diaodu'));
const cli = existsSync(join(repo, 'target/release/diaodu-cli')) ? join(repo, 'target/release/diaodu-cli') : join(repo, 'target/debug/diaodu-cli');
const runs = Number(process.env.BENCH_RUNS || 7);

const dir = mkdtempSync(join(os.tmpdir(), 'diaodu-bench-'));
const add = spawnSync(cli, ['--data-dir', dir, 'user', 'add', 'admin', '--role', 'admin'], { input: 'Admin#2026\n' });
if (add.status !== 0) throw new Error(`diaodu-cli failed: ${add.stderr}`);

function once() {
  return new Promise((done, fail) => {
    const t0 = process.hrtime.bigint();
    const child = spawn(binary, ['--data-dir', dir], { env: { ...process.env, DIAODU_EXIT_WHEN_READY: '1', NO_AT_BRIDGE: '1' } });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), 30000);
    child.on('exit', () => {
      clearTimeout(timer);
      const wall = Number(process.hrtime.bigint() - t0) / 1e6;
      const m = out.match(/diaodu-ready (\d+)/);
      if (!m) return fail(new Error(`no ready line; output: ${out}`));
      done({ wall, inProcess: Number(m[1]) });
    });
  });
}

const results = [];
for (let i = 0; i < runs; i++) results.push(await once());
rmSync(dir, { recursive: true, force: true });
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const wall = results.map((r) => r.wall);
const summary = {
  date: new Date().toISOString(),
  binary,
  machine: { cpus: os.cpus().length, cpu: os.cpus()[0]?.model, memGiB: Math.round(os.totalmem() / 2 ** 30) },
  runs: results,
  wallMedianMs: Math.round(median(wall)),
  wallMinMs: Math.round(Math.min(...wall)),
  wallMaxMs: Math.round(Math.max(...wall)),
  inProcessMedianMs: median(results.map((r) => r.inProcess)),
};
console.log(JSON.stringify(summary, null, 2));
