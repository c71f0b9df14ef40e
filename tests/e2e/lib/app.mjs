// Launches the real desktop binary through tauri-driver (WebKitWebDriver) for one test,
// each test with its own fresh data directory, and offers UI helpers built on the DOM
// hooks the UI promises (data-screen, data-form, data-nav, data-table, data-action ...).

import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, openSync, closeSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { newSession, until } from './webdriver.mjs';

// Segfaults of WebKit's or Mesa's threads, as the kernel logged them (root can read
// dmesg; otherwise nothing). A session that dies with "invalid session id" in the
// middle of a test is the web process crashing, not the test's own doing.
const UPTIME_AT_START = uptime();
function uptime() {
  try {
    return Number(readFileSync('/proc/uptime', 'utf8').split(' ')[0]);
  } catch {
    return 0;
  }
}
function webProcessCrashes() {
  const r = spawnSync('dmesg', [], { encoding: 'utf8', timeout: 5000 });
  if (r.status !== 0 || !r.stdout) return '';
  const since = (l) => Number((/^\[\s*([0-9.]+)\]/.exec(l) || [])[1] || 0) >= UPTIME_AT_START;
  const lines = r.stdout.split('\n').filter((l) => since(l) && /segfault|general protection/.test(l) && /WebKit|Skia|Compositor|swrast|dri|diaodu/i.test(l));
  return lines.slice(-3).map((l) => '    ' + l.trim()).join('\n');
}

export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
export const BINARY = resolve(process.env.DIAODU_BIN || join(REPO, 'target/debug/diaodu'));
export const SCREENSHOTS = join(REPO, 'tests/e2e/screenshots');
export const ARTIFACTS = join(REPO, 'tests/e2e/artifacts');

export const ADMIN = { username: 'admin', displayName: '系统管理员', password: 'Admin#2026' };

const log = (...a) => process.stderr.write(`[e2e] ${a.join(' ')}\n`);

function listenOn(port) {
  return new Promise((res, rej) => {
    const srv = net.createServer();
    srv.once('error', rej);
    srv.listen({ port, host: '127.0.0.1', exclusive: true }, () => {
      const p = srv.address().port;
      srv.close(() => res(p));
    });
  });
}

/** A free port P whose neighbour P+1 is free too (tauri-driver --port P --native-port P+1). */
export async function freePortPair() {
  for (let i = 0; i < 50; i++) {
    const p = await listenOn(0);
    if (p >= 65535) continue;
    try {
      await listenOn(p + 1);
      return p;
    } catch {
      /* neighbour taken: try another */
    }
  }
  throw new Error('no free port pair found');
}

function canConnect(port) {
  return new Promise((res) => {
    const s = net.connect({ port, host: '127.0.0.1' });
    s.once('connect', () => {
      s.destroy();
      res(true);
    });
    s.once('error', () => res(false));
  });
}

/** Pids of processes whose command line mentions `needle` (our unique data dir). */
function pidsMentioning(needle) {
  const out = [];
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d) || Number(d) === process.pid) continue;
    try {
      const cmd = readFileSync(`/proc/${d}/cmdline`, 'utf8');
      if (cmd.includes(needle)) out.push(Number(d));
    } catch {
      /* gone */
    }
  }
  return out;
}

// Safety net: should a test process end without close() (crash, timeout), end the
// tauri-driver process groups it started.
const liveDrivers = new Set();
process.on('exit', () => {
  for (const pid of liveDrivers) {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      /* gone */
    }
  }
});

const slug = (s) =>
  s
    .normalize('NFKD')
    .replace(/[^\w.-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60) || 'test';

/** The first `n` characters of a page's visible text, on one line. */
export const excerpt = (text, n = 400) => {
  const one = String(text ?? '').replace(/\s+/g, ' ').trim();
  return one.length > n ? `${one.slice(0, n)}…` : one;
};

export class App {
  /**
   * @param {string} name test name; screenshots go to tests/e2e/screenshots/<name>/
   * @param {{dataDir?: string, today?: string}} opts reuse a data dir (otherwise a fresh
   *   temp dir); `today` (YYYY-MM-DD) starts the app on that day (`--today`), for tests
   *   whose outcome depends on the date. Without it the app runs on the real clock.
   */
  constructor(name, { dataDir, today } = {}) {
    this.name = slug(name);
    this.dataDir = dataDir || mkdtempSync(join(tmpdir(), 'diaodu-e2e-'));
    this.ownsDataDir = !dataDir;
    this.today = today || null;
    // The webview's own storage (localStorage, caches) for this test only: by default
    // WebKit keeps it under ~/.local/share/<identifier>, shared by every run on the machine.
    this.webDir = `${this.dataDir}-web`;
    this.failures = 0;
    this.shotDir = join(SCREENSHOTS, this.name);
    this.artDir = join(ARTIFACTS, this.name);
    this.shotNo = 0;
    this.launches = 0;
    this.s = null; // WebDriver Session
    this.driver = null; // tauri-driver child process
  }

  /** Fresh App: clears this test's old screenshots, launches the binary. */
  static async start(name, opts = {}) {
    const app = App.fresh(name, opts);
    try {
      await app.launch();
    } catch (e) {
      await app.close({ keepData: true });
      throw e;
    }
    return app;
  }

  /** New App with this test's old screenshots and logs cleared; not launched yet. */
  static fresh(name, opts = {}) {
    const app = new App(name, opts);
    rmSync(app.shotDir, { recursive: true, force: true });
    rmSync(app.artDir, { recursive: true, force: true });
    mkdirSync(app.shotDir, { recursive: true });
    mkdirSync(app.artDir, { recursive: true });
    return app;
  }

  /** Start tauri-driver and a session for the binary on this.dataDir; waits for a [data-screen]. */
  async launch({ waitReady = true } = {}) {
    if (!existsSync(BINARY)) {
      throw new Error(`application binary ${BINARY} is missing: build it with "cargo build -p diaodu"`);
    }
    this.launches++;
    let lastErr;
    for (let attempt = 1; attempt <= 2; attempt++) {
      try {
        await this.startDriver();
        const t0 = Date.now();
        this.s = await newSession(`http://127.0.0.1:${this.port}`, this.capabilities(), { timeoutMs: 90_000 });
        this.sessionMs = Date.now() - t0;
        break;
      } catch (e) {
        lastErr = e;
        log(`${this.name}: session start attempt ${attempt} failed: ${e.message}`);
        await this.stopDriver();
        if (attempt === 2) throw new Error(`could not start a WebDriver session (see ${this.driverLog}): ${lastErr.message}`);
      }
    }
    this.s.evidence = (label) => this.evidence(label);
    if (waitReady) {
      await this.s.waitFor('[data-screen]', { timeout: 30_000, message: 'any [data-screen] to be visible after launch' });
    }
    return this;
  }

  capabilities() {
    return {
      alwaysMatch: {
        'tauri:options': { application: BINARY, args: ['--data-dir', this.dataDir, ...(this.today ? ['--today', this.today] : [])] },
      },
    };
  }

  async startDriver() {
    this.port = await freePortPair();
    this.driverLog = join(this.artDir, `driver-${this.launches}.log`);
    mkdirSync(this.artDir, { recursive: true });
    mkdirSync(this.webDir, { recursive: true });
    const fd = openSync(this.driverLog, 'a');
    // DIAODU_TODAY is the test's own business (`today` above), never the caller's.
    const { DIAODU_TODAY: _ignored, ...env } = process.env;
    this.driver = spawn(process.env.TAURI_DRIVER || 'tauri-driver', ['--port', String(this.port), '--native-port', String(this.port + 1)], {
      env: { ...env, DIAODU_DATA_DIR: this.dataDir, NO_AT_BRIDGE: '1', XDG_DATA_HOME: this.webDir },
      stdio: ['ignore', fd, fd],
      detached: true, // own process group, so close() can end the driver and what it started
    });
    closeSync(fd);
    const pid = this.driver.pid;
    if (pid) liveDrivers.add(pid);
    let exited = null;
    let spawnError = null;
    this.driver.once('exit', (code, sig) => (exited = `exited (code ${code}, signal ${sig})`));
    this.driver.once('error', (e) => (spawnError = e));
    // Listening, or gone for good: either ends the wait.
    await until(async () => spawnError || exited || (await canConnect(this.port)), { message: `tauri-driver to listen on port ${this.port}`, timeout: 15_000 });
    if (spawnError) throw new Error(`cannot run tauri-driver: ${spawnError.message}`);
    if (exited) throw new Error(`tauri-driver ${exited}; log: ${this.driverLog}`);
    // The native driver (WebKitWebDriver) starts in parallel: wait for it too, but a
    // slow one is the session start's business (it is retried), so no error here.
    await until(() => canConnect(this.port + 1), { message: `WebKitWebDriver to listen on port ${this.port + 1}`, timeout: 10_000, orElse: 'return' });
  }

  async stopDriver() {
    const child = this.driver;
    this.driver = null;
    if (child && child.pid) {
      // The whole process group: tauri-driver, WebKitWebDriver and the app it launched.
      const pgid = child.pid;
      const groupAlive = () => {
        try {
          process.kill(-pgid, 0);
          return true;
        } catch {
          return false;
        }
      };
      try {
        process.kill(-pgid, 'SIGTERM');
      } catch {
        /* already gone */
      }
      await until(() => !groupAlive(), { message: `tauri-driver's process group ${pgid} to end`, timeout: 5000, orElse: 'return' });
      try {
        process.kill(-pgid, 'SIGKILL');
      } catch {
        /* already gone */
      }
    }
    if (child) liveDrivers.delete(child.pid);
    // Anything still running on our data dir (the app, if it left the process group).
    for (let round = 0; round < 2; round++) {
      const left = pidsMentioning(this.dataDir);
      if (!left.length) break;
      for (const pid of left) {
        try {
          process.kill(pid, round === 0 ? 'SIGTERM' : 'SIGKILL');
        } catch {
          /* gone */
        }
      }
      await until(() => pidsMentioning(this.dataDir).length === 0, { message: `the processes on ${this.dataDir} to end`, timeout: 5000, orElse: 'return' });
    }
  }

  /** Close the app (delete session, stop driver). Data dir stays. */
  async quit() {
    if (this.s) {
      try {
        await this.s.deleteSession();
      } catch (e) {
        log(`${this.name}: delete session: ${e.message}`);
      }
      this.s = null;
    }
    await this.stopDriver();
  }

  /** Quit and launch again on the same data dir. */
  async restart() {
    await this.quit();
    await this.launch();
  }

  /** Quit; remove the temp data dir unless keepData. */
  async close({ keepData = false } = {}) {
    await this.quit();
    if (this.ownsDataDir && !keepData) {
      rmSync(this.dataDir, { recursive: true, force: true });
      rmSync(this.webDir, { recursive: true, force: true });
    }
  }

  // ---------- evidence ----------

  /** Save tests/e2e/screenshots/<test>/NN-<screen>.png */
  async shot(screen) {
    const n = String(++this.shotNo).padStart(2, '0');
    const path = join(this.shotDir, `${n}-${slug(screen)}.png`);
    await this.s.screenshot(path);
    return path;
  }

  /** The page's visible text (document.body.innerText), or a note why there is none. */
  async visibleText() {
    try {
      return String(await this.s.executeScript('return document.body ? document.body.innerText : ""'));
    } catch (e) {
      return `(page text unavailable: ${e.message})`;
    }
  }

  /**
   * Evidence of a failed wait or click: a screenshot and the visible text saved in
   * the artifacts; returns the text for the error message (an excerpt and the paths).
   */
  async evidence(label) {
    const n = String(++this.failures).padStart(2, '0');
    const base = join(this.artDir, `failed-${n}-${slug(label)}`);
    const text = await this.visibleText();
    mkdirSync(this.artDir, { recursive: true });
    writeFileSync(`${base}.txt`, text);
    let shot = `${base}.png`;
    try {
      await this.s.screenshot(shot);
    } catch (e) {
      shot = `none (${e.message})`;
    }
    return `\n  on screen: «${excerpt(text)}»\n  screenshot: ${shot}\n  page text: ${base}.txt`;
  }

  /** On a test's failure: screenshot, visible text and DOM dump, best effort; returns a note for the message. */
  async failureEvidence() {
    if (!this.s) return '';
    let note = '';
    try {
      await this.shot('FAILED');
    } catch (e) {
      log(`${this.name}: failure screenshot: ${e.message}`);
    }
    const crashes = webProcessCrashes();
    if (crashes) note += `\n  the kernel logged a crash during the run (the web process died under the test):\n${crashes}`;
    const text = await this.visibleText();
    try {
      writeFileSync(join(this.artDir, 'failed-text.txt'), text);
      note = `\n  on screen at the failure: «${excerpt(text)}»\n  evidence: ${this.shotDir}/*-FAILED.png, ${join(this.artDir, 'failed-text.txt')}`;
    } catch (e) {
      log(`${this.name}: failure text: ${e.message}`);
    }
    try {
      const html = await this.s.executeScript('return document.documentElement.outerHTML');
      writeFileSync(join(this.artDir, 'failed-dom.html'), html);
    } catch (e) {
      log(`${this.name}: failure DOM dump: ${e.message}`);
    }
    return note;
  }

  // ---------- UI helpers ----------

  /** Name of the visible [data-screen], or null. */
  async screen() {
    return this.s.executeScript(
      `for (const el of document.querySelectorAll('[data-screen]')) {
         if (el.getClientRects().length && getComputedStyle(el).visibility !== 'hidden') return el.dataset.screen;
       }
       return null;`,
    );
  }

  async waitScreen(name, timeout = 20_000) {
    await this.s.waitFor(async () => (await this.screen()) === name, {
      timeout,
      message: `screen "${name}" (visible now: ${await this.screen().catch(() => '?')})`,
    });
  }

  formSel(form) {
    return `form[data-form="${form}"]`;
  }

  /** Whether form has a field [name=field]. */
  async hasField(form, field) {
    return this.s.executeScript(`return !!document.querySelector(arguments[0] + ' [name="' + arguments[1] + '"]')`, [
      this.formSel(form),
      field,
    ]);
  }

  /**
   * Fill a form. values: {field: value}. Text inputs are typed with real key events;
   * <select>s take {label: 'text'} (option whose text contains it) or a value;
   * checkboxes take booleans.
   */
  async fill(form, values) {
    await this.s.waitFor(this.formSel(form), { message: `form ${form} to be visible` });
    for (const [field, value] of Object.entries(values)) {
      const css = `${this.formSel(form)} [name="${field}"]`;
      const info = await this.s.executeScript(
        `const el = document.querySelector(arguments[0]);
         return el ? { tag: el.tagName.toLowerCase(), type: (el.type || '').toLowerCase() } : null;`,
        [css],
      );
      if (!info) throw new Error(`${this.formSel(form)} has no field [name="${field}"]`);
      if (info.tag === 'select') {
        await this.select(css, value);
      } else if (info.type === 'checkbox') {
        const checked = await this.s.property(css, 'checked');
        if (Boolean(checked) !== Boolean(value)) await this.s.click(css, { what: `checkbox ${field} of form ${form}` });
      } else {
        await this.s.type(css, value);
        const got = await this.s.property(css, 'value');
        if (got !== String(value)) throw new Error(`typed "${value}" into ${css} but it holds "${got}"`);
      }
    }
  }

  /** Choose an option of a <select>: value string, or {label} (option text contains label). */
  async select(css, choice, timeout = 10_000) {
    // Choices often arrive with the page's own load (units, periods): wait for
    // the option as a user would, then fail naming what is there.
    let last = 'not tried';
    try {
      await until(async () => (last = await this.trySelect(css, choice)) === true, { message: `option ${JSON.stringify(choice)} in ${css}`, timeout, interval: 200 });
    } catch (e) {
      throw await this.s.failure(`${e.message}: ${last}`, 'select');
    }
  }

  async trySelect(css, choice) {
    return this.s.executeScript(
      `const [css, choice] = arguments;
       const el = document.querySelector(css);
       if (!el) return 'no such select';
       const opts = [...el.options];
       const opt = typeof choice === 'object' && choice !== null
         ? opts.find(o => o.textContent.includes(choice.label))
         : opts.find(o => o.value === String(choice));
       if (!opt) return 'no option ' + JSON.stringify(choice) + ' among ' + JSON.stringify(opts.map(o => [o.value, o.textContent.trim()]));
       el.value = opt.value;
       el.dispatchEvent(new Event('input', { bubbles: true }));
       el.dispatchEvent(new Event('change', { bubbles: true }));
       return true;`,
      [css, choice],
    );
  }

  /** Options of a <select>: [{value, label}] */
  async options(css) {
    return this.s.executeScript(
      `const el = document.querySelector(arguments[0]);
       return el ? [...el.options].map(o => ({ value: o.value, label: o.textContent.trim() })) : null;`,
      [css],
    );
  }

  async submit(form) {
    await this.s.click(`${this.formSel(form)} button[type="submit"]`, { what: `the submit button of form ${form}` });
  }

  /** Click button[data-action=action] (inside scope), waiting for it as a person would. */
  async clickAction(action, scope = '', { timeout = 15_000 } = {}) {
    const css = `${scope ? scope + ' ' : ''}button[data-action="${action}"]`;
    await this.s.click(css, { what: `button ${action}${scope ? ` in ${scope}` : ''}`, timeout });
  }

  async nav(name) {
    // A folded group hides its links: open it by its heading first, as a person would.
    const group = await this.s.executeScript(
      `const link = document.querySelector('a[data-nav="' + arguments[0] + '"]');
       const group = link && link.closest('.nav-group--folded');
       return group ? group.dataset.group : null;`,
      [name],
    );
    if (group) await this.s.click(`button[data-nav-group="${group}"]`, { what: `the heading of the sidebar group ${group}` });
    // click() scrolls the sidebar to a link far down the list first.
    await this.s.click(`a[data-nav="${name}"]`, { what: `the ${name} link of the sidebar` });
  }

  /** Visible text of the first element matching css ('' if none). */
  async textOf(css) {
    return this.s.executeScript(`const el = document.querySelector(arguments[0]); return el ? el.textContent.trim() : ''`, [css]);
  }

  /** Rows of table[data-table=name]: [{id, text, cells: [...]}] */
  async rows(table) {
    return this.s.executeScript(
      `const t = document.querySelector('table[data-table="' + arguments[0] + '"]');
       if (!t) return null;
       return [...t.querySelectorAll('tbody tr[data-id]')].map(tr => ({
         id: tr.dataset.id,
         text: tr.textContent.replace(/\\s+/g, ' ').trim(),
         cells: [...tr.cells].map(td => td.textContent.trim()),
       }));`,
      [table],
    );
  }

  /** Wait until table[data-table=name] is visible and pred(rows) holds; returns rows. */
  async waitRows(table, pred, message, timeout = 15_000) {
    let last = null;
    try {
      await this.s.waitFor(
        async () => {
          if (!(await this.s.isVisible(`table[data-table="${table}"]`))) return false;
          last = await this.rows(table);
          return last && pred(last);
        },
        { timeout, message },
      );
    } catch (e) {
      e.message += `; rows now: ${JSON.stringify((last || []).map((r) => r.text)).slice(0, 1500)}`;
      throw e;
    }
    return last;
  }

  /** Rows whose cells include one equal to name exactly. */
  static rowsNamed(rows, name) {
    return rows.filter((r) => r.cells.includes(name));
  }

  /**
   * Call a command through the app's own IPC from inside the webview.
   * Resolves {ok: true, value} or {ok: false, error}.
   */
  async invoke(cmd, args) {
    return this.s.executeAsync(
      `const [cmd, args, done] = arguments;
       const norm = (e) => {
         if (e && typeof e === 'object') { try { return JSON.parse(JSON.stringify(e)); } catch (_) {} }
         return { message: String(e) };
       };
       try {
         // A whole chart comes as columns (docs/ipc-plans.md): read it as
         // the window does, so tests see the chart's tasks and links.
         const read = async (value) => {
           if (!value || value.format !== 'chart-columns/1') return value;
           const wire = await import(new URL('js/api/chart-wire.js', document.baseURI).href);
           return wire.decodeChart(value);
         };
         window.__TAURI__.core.invoke(cmd, args).then(read).then(
           (value) => done({ ok: true, value: value === undefined ? null : value }),
           (error) => done({ ok: false, error: norm(error) }));
       } catch (e) { done({ ok: false, error: { code: 'client', message: String(e) } }); }`,
      [cmd, args ?? {}],
    );
  }

  // ---------- flows ----------

  /** First start: fill the setup form (step 1), then choose step 2 action and wait for main. */
  async setupAdmin({ username, displayName, password } = ADMIN, step2 = 'start-empty') {
    await this.waitScreen('setup');
    await this.shot('setup');
    const values = { username, displayName, password };
    if (await this.hasField('setup', 'passwordConfirm')) values.passwordConfirm = password;
    await this.fill('setup', values);
    await this.submit('setup');
    await this.s.waitFor(`button[data-action="${step2}"]`, { timeout: 20_000, message: `setup step 2 button ${step2}` });
    await this.shot('setup-step2');
    await this.s.click(`button[data-action="${step2}"]`);
    await this.waitScreen('main', 60_000);
  }

  async login(username, password) {
    await this.waitScreen('login');
    await this.fill('login', { username, password });
    await this.submit('login');
    await this.waitScreen('main');
  }

  async logout() {
    await this.clickAction('logout');
    // A confirm dialog may ask first.
    const confirm = 'dialog[data-dialog="confirm"] button[data-action="confirm"]';
    await this.s.waitFor(
      async () => {
        if ((await this.screen()) === 'login') return true;
        if (await this.s.isVisible(confirm)) await this.s.click(confirm, { what: 'the logout confirmation' });
        return false;
      },
      { timeout: 10_000, message: 'the login screen after logging out (confirming if asked)' },
    );
  }
}

/**
 * The day the tests whose outcome depends on the date run on (the app is started with
 * `--today`). The sample plan is dated around "today" (it starts on the Monday six weeks
 * before), and which of its tasks are under way, done or not started depends on the
 * day: on 2026-11-18, 2026-12-01 or 2026-12-09 no task is under way outside a
 * rectification and the second stage has not ended. On this day (a Friday) six tasks
 * are under way and the second stage has just ended without its summary, which the
 * loop and meeting tests need.
 */
export const TEST_TODAY = '2026-12-04';

/** Now as the app sees it when started on `today`: that day, with the real time of day. */
export function testNow(today = TEST_TODAY) {
  const [y, m, d] = today.split('-').map(Number);
  const real = new Date();
  return new Date(y, m - 1, d, real.getHours(), real.getMinutes(), real.getSeconds(), real.getMilliseconds());
}

/**
 * Declare an end-to-end test: a fresh data dir and app launch, evidence on failure,
 * and the app closed whatever happens. appTest(name, [opts], fn(app, t)); opts:
 * `timeout` (ms), `today` (YYYY-MM-DD: the app runs on that day, see TEST_TODAY).
 */
export function appTest(name, opts, fn) {
  // appTest(name, fn, opts) as well (the options after the function).
  if (typeof opts === 'function') [opts, fn] = [fn, opts];
  const { timeout = 300_000, today } = opts ?? {};
  test(name, { timeout }, async (t) => {
    const app = App.fresh(name, { today });
    let ok = false;
    try {
      await app.launch();
      await fn(app, t);
      ok = true;
    } catch (e) {
      const note = await app.failureEvidence();
      t.diagnostic(`data dir kept: ${app.dataDir}; screenshots: ${app.shotDir}; logs: ${app.artDir}`);
      // Say what was on the screen, unless a failed wait already did.
      if (note && e instanceof Error && !String(e.message).includes('on screen')) {
        try {
          e.message += note;
        } catch {
          /* a read-only message: the evidence files are still there */
        }
      }
      throw e;
    } finally {
      await app.close({ keepData: !ok });
    }
  });
}
