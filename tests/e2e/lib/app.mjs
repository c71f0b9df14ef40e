// Launches the real desktop binary through tauri-driver (WebKitWebDriver) for one test,
// each test with its own fresh data directory, and offers UI helpers built on the DOM
// hooks the UI promises (data-screen, data-form, data-nav, data-table, data-action ...).

import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, openSync, closeSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { newSession } from './webdriver.mjs';

export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
export const BINARY = resolve(process.env.DIAODU_BIN || join(REPO, 'target/debug/diaodu'));
export const SCREENSHOTS = join(REPO, 'tests/e2e/screenshots');
export const ARTIFACTS = join(REPO, 'tests/e2e/artifacts');

export const ADMIN = { username: 'admin', displayName: '系统管理员', password: 'Admin#2026' };

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
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

export class App {
  /**
   * @param {string} name test name; screenshots go to tests/e2e/screenshots/<name>/
   * @param {{dataDir?: string}} opts reuse a data dir (otherwise a fresh temp dir)
   */
  constructor(name, { dataDir } = {}) {
    this.name = slug(name);
    this.dataDir = dataDir || mkdtempSync(join(tmpdir(), 'diaodu-e2e-'));
    this.ownsDataDir = !dataDir;
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
        await sleep(1000);
      }
    }
    if (waitReady) {
      await this.s.waitFor('[data-screen]', { timeout: 30_000, message: 'any [data-screen] to be visible after launch' });
    }
    return this;
  }

  capabilities() {
    return {
      alwaysMatch: {
        'tauri:options': { application: BINARY, args: ['--data-dir', this.dataDir] },
      },
    };
  }

  async startDriver() {
    this.port = await freePortPair();
    this.driverLog = join(this.artDir, `driver-${this.launches}.log`);
    mkdirSync(this.artDir, { recursive: true });
    const fd = openSync(this.driverLog, 'a');
    this.driver = spawn(process.env.TAURI_DRIVER || 'tauri-driver', ['--port', String(this.port), '--native-port', String(this.port + 1)], {
      env: { ...process.env, DIAODU_DATA_DIR: this.dataDir, NO_AT_BRIDGE: '1' },
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
    const deadline = Date.now() + 15_000;
    while (!(await canConnect(this.port))) {
      if (spawnError) throw new Error(`cannot run tauri-driver: ${spawnError.message}`);
      if (exited) throw new Error(`tauri-driver ${exited}; log: ${this.driverLog}`);
      if (Date.now() > deadline) throw new Error(`tauri-driver did not listen on ${this.port} within 15 s`);
      await sleep(100);
    }
    // The native driver starts in parallel; give it a moment to listen as well.
    const nd = Date.now() + 10_000;
    while (!(await canConnect(this.port + 1)) && Date.now() < nd) await sleep(100);
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
      const deadline = Date.now() + 5000;
      while (groupAlive() && Date.now() < deadline) await sleep(100);
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
      await sleep(1000);
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
    await sleep(300);
    await this.launch();
  }

  /** Quit; remove the temp data dir unless keepData. */
  async close({ keepData = false } = {}) {
    await this.quit();
    if (this.ownsDataDir && !keepData) rmSync(this.dataDir, { recursive: true, force: true });
  }

  // ---------- evidence ----------

  /** Save tests/e2e/screenshots/<test>/NN-<screen>.png */
  async shot(screen) {
    const n = String(++this.shotNo).padStart(2, '0');
    const path = join(this.shotDir, `${n}-${slug(screen)}.png`);
    await this.s.screenshot(path);
    return path;
  }

  /** On failure: screenshot + DOM dump, best effort. */
  async failureEvidence() {
    if (!this.s) return;
    try {
      await this.shot('FAILED');
    } catch (e) {
      log(`${this.name}: failure screenshot: ${e.message}`);
    }
    try {
      const html = await this.s.executeScript('return document.documentElement.outerHTML');
      const { writeFileSync } = await import('node:fs');
      writeFileSync(join(this.artDir, 'failed-dom.html'), html);
    } catch (e) {
      log(`${this.name}: failure DOM dump: ${e.message}`);
    }
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
        if (Boolean(checked) !== Boolean(value)) await this.s.click(css);
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
    const deadline = Date.now() + timeout;
    for (;;) {
      const r = await this.trySelect(css, choice);
      if (r === true) return;
      if (Date.now() > deadline) throw new Error(`select ${css}: ${r}`);
      await new Promise((done) => setTimeout(done, 200));
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
    await this.s.click(`${this.formSel(form)} button[type="submit"]`);
  }

  async clickAction(action, scope = '') {
    const css = `${scope ? scope + ' ' : ''}button[data-action="${action}"]`;
    const el = await this.s.waitFor(() => this.s.findVisible(css), { message: `${css} to be visible` });
    await this.s.click(el);
  }

  async nav(name) {
    const css = `a[data-nav="${name}"]`;
    const el = await this.s.waitFor(() => this.s.findVisible(css), { message: `nav link ${name}` });
    // The sidebar scrolls: bring a link far down the list into view first.
    await this.s.executeScript(`document.querySelector(arguments[0]).scrollIntoView({ block: 'center' })`, [css]);
    await this.s.click(el);
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
         window.__TAURI__.core.invoke(cmd, args).then(
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
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline) {
      const scr = await this.screen();
      if (scr === 'login') return;
      if (await this.s.isVisible('dialog[data-dialog="confirm"] button[data-action="confirm"]')) {
        await this.s.click('dialog[data-dialog="confirm"] button[data-action="confirm"]');
      }
      await sleep(150);
    }
    await this.waitScreen('login');
  }
}

/**
 * Declare an end-to-end test: a fresh data dir and app launch, evidence on failure,
 * and the app closed whatever happens. fn(app, t).
 */
export function appTest(name, fn, { timeout = 300_000 } = {}) {
  test(name, { timeout }, async (t) => {
    const app = App.fresh(name);
    let ok = false;
    try {
      await app.launch();
      await fn(app, t);
      ok = true;
    } catch (e) {
      await app.failureEvidence();
      t.diagnostic(`data dir kept: ${app.dataDir}; screenshots: ${app.shotDir}; logs: ${app.artDir}`);
      throw e;
    } finally {
      await app.close({ keepData: !ok });
    }
  });
}
