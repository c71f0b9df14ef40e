// A small W3C WebDriver client on Node's built-in fetch (no npm dependencies).
// Spoken to tauri-driver, which forwards to WebKitWebDriver on Linux.

import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

export const ELEMENT_KEY = 'element-6066-11e4-a52e-4f735466cecf';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export class WebDriverError extends Error {
  constructor(method, path, status, value) {
    const err = value && typeof value === 'object' ? value : {};
    super(`${method} ${path} -> HTTP ${status}: ${err.error || 'error'}: ${err.message || JSON.stringify(value)}`);
    this.status = status;
    this.error = err.error;
    this.wdMessage = err.message;
  }
}

/** Low-level request to a WebDriver server. Rejects with WebDriverError on a W3C error. */
export async function wdRequest(baseUrl, method, path, body, { timeoutMs = 60_000 } = {}) {
  const init = { method, headers: {}, signal: AbortSignal.timeout(timeoutMs) };
  if (body !== undefined) {
    init.headers['content-type'] = 'application/json; charset=utf-8';
    init.body = JSON.stringify(body);
  } else if (method === 'POST') {
    init.headers['content-type'] = 'application/json; charset=utf-8';
    init.body = '{}';
  }
  const res = await fetch(baseUrl + path, init);
  const text = await res.text();
  let json;
  try {
    json = text ? JSON.parse(text) : {};
  } catch {
    throw new WebDriverError(method, path, res.status, { error: 'bad response', message: text.slice(0, 500) });
  }
  // W3C errors come with a non-2xx status (a result value may itself hold an `error` field).
  if (!res.ok || (typeof json.status === 'number' && json.status !== 0)) {
    throw new WebDriverError(method, path, res.status, json.value);
  }
  return json.value;
}

/** Create a session; returns a Session. */
export async function newSession(baseUrl, capabilities, { timeoutMs = 60_000 } = {}) {
  const value = await wdRequest(baseUrl, 'POST', '/session', { capabilities }, { timeoutMs });
  const s = new Session(baseUrl, value.sessionId, value.capabilities);
  await s.setTimeouts({ script: 30_000, pageLoad: 30_000, implicit: 0 });
  return s;
}

/** CSS selector, element reference ({ELEMENT_KEY: id}) or plain id. */
function elId(el) {
  if (el && typeof el === 'object' && el[ELEMENT_KEY]) return el[ELEMENT_KEY];
  if (el && typeof el === 'object' && el.id) return el.id;
  return el;
}

export class Session {
  constructor(baseUrl, sessionId, capabilities) {
    this.baseUrl = baseUrl;
    this.id = sessionId;
    this.capabilities = capabilities;
  }

  cmd(method, path, body, opts) {
    return wdRequest(this.baseUrl, method, `/session/${this.id}${path}`, body, opts);
  }

  setTimeouts(t) {
    return this.cmd('POST', '/timeouts', t);
  }

  /** Resolve a CSS selector (or pass an element through) to an element reference. */
  async el(target) {
    if (typeof target === 'string') return this.find(target);
    return target;
  }

  /** First element matching css, or throws (no such element). */
  async find(css) {
    return this.cmd('POST', '/element', { using: 'css selector', value: css });
  }

  /** All elements matching css (possibly empty). */
  async findAll(css) {
    return this.cmd('POST', '/elements', { using: 'css selector', value: css });
  }

  /** First element matching css that is rendered (has a box, not visibility:hidden), or null. */
  async findVisible(css) {
    return this.executeScript(
      `for (const el of document.querySelectorAll(arguments[0])) {
         if (el.getClientRects().length && getComputedStyle(el).visibility !== 'hidden') return el;
       }
       return null;`,
      [css],
    );
  }

  /** Element inside another element. */
  async findIn(parent, css) {
    return this.cmd('POST', `/element/${elId(await this.el(parent))}/element`, { using: 'css selector', value: css });
  }

  async click(target) {
    const id = elId(await this.el(target));
    await this.cmd('POST', `/element/${id}/click`);
  }

  /**
   * A real pointer click at the element's in-view centre (W3C actions). Unlike
   * Element Click it does not scroll first: WebKit's own scroll can leave the
   * element under a sticky bar of a nested scroll area. Scroll it in first.
   */
  async pointerClick(target) {
    const id = elId(await this.el(target));
    await this.cmd('POST', '/actions', {
      actions: [
        {
          type: 'pointer',
          id: 'mouse',
          parameters: { pointerType: 'mouse' },
          actions: [
            { type: 'pointerMove', duration: 0, origin: { [ELEMENT_KEY]: id }, x: 0, y: 0 },
            { type: 'pointerDown', button: 0 },
            { type: 'pointerUp', button: 0 },
          ],
        },
      ],
    });
    await this.cmd('DELETE', '/actions');
  }

  async clear(target) {
    const id = elId(await this.el(target));
    await this.cmd('POST', `/element/${id}/clear`);
  }

  /** Element Send Keys (real key events). */
  async sendKeys(target, text) {
    const id = elId(await this.el(target));
    await this.cmd('POST', `/element/${id}/value`, { text: String(text) });
  }

  /** Clear the field, then type text into it. */
  async type(target, text) {
    const el = await this.el(target);
    await this.clear(el);
    await this.sendKeys(el, text);
  }

  async text(target) {
    return this.cmd('GET', `/element/${elId(await this.el(target))}/text`);
  }

  async attribute(target, name) {
    return this.cmd('GET', `/element/${elId(await this.el(target))}/attribute/${encodeURIComponent(name)}`);
  }

  async property(target, name) {
    return this.cmd('GET', `/element/${elId(await this.el(target))}/property/${encodeURIComponent(name)}`);
  }

  async displayed(target) {
    return this.cmd('GET', `/element/${elId(await this.el(target))}/displayed`);
  }

  /** Synchronous script; `arguments` holds args. */
  async executeScript(script, args = []) {
    return this.cmd('POST', '/execute/sync', { script, args });
  }

  /** Asynchronous script; the last entry of `arguments` is the callback to call with the result. */
  async executeAsync(script, args = []) {
    return this.cmd('POST', '/execute/async', { script, args });
  }

  /** Take a screenshot and save it as PNG at path (directories are created). Returns path. */
  async screenshot(path) {
    // WebKitGTK snapshots what was last painted: let two frames render first, or the
    // picture can lag behind the DOM (seen under Xvfb).
    await this.settle();
    const b64 = await this.cmd('GET', '/screenshot');
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, Buffer.from(b64, 'base64'));
    return path;
  }

  /** Wait for two animation frames (and at most 2 s), best effort. */
  async settle() {
    try {
      await this.executeAsync(
        `const done = arguments[arguments.length - 1];
         const t = setTimeout(() => done(false), 2000);
         requestAnimationFrame(() => requestAnimationFrame(() => { clearTimeout(t); setTimeout(() => done(true), 50); }));`,
      );
    } catch {
      /* e.g. a page in the middle of loading */
    }
  }

  async source() {
    return this.cmd('GET', '/source');
  }

  async title() {
    return this.cmd('GET', '/title');
  }

  /**
   * Wait until `what` holds. `what` is a CSS selector (waits until an element matching it
   * is present and visible) or an async predicate (waits until it returns a truthy value,
   * which is returned; exceptions count as "not yet"). Throws with `message` on timeout.
   */
  async waitFor(what, { timeout = 15_000, interval = 100, message } = {}) {
    const deadline = Date.now() + timeout;
    let lastErr;
    for (;;) {
      try {
        const v = typeof what === 'string' ? await this.isVisible(what) : await what();
        if (v) return v;
      } catch (e) {
        lastErr = e;
      }
      if (Date.now() > deadline) {
        const desc = message || (typeof what === 'string' ? `visible ${what}` : 'condition');
        throw new Error(`timed out after ${timeout} ms waiting for ${desc}` + (lastErr ? ` (last error: ${lastErr.message})` : ''));
      }
      await sleep(interval);
    }
  }

  /** True when an element matching css exists and is rendered (not display:none/hidden, has a box). */
  async isVisible(css) {
    return this.executeScript(
      `const els = document.querySelectorAll(arguments[0]);
       for (const el of els) {
         if (!el.getClientRects().length) continue;
         const cs = getComputedStyle(el);
         if (cs.visibility === 'hidden' || cs.display === 'none') continue;
         return true;
       }
       return false;`,
      [css],
    );
  }

  async deleteSession() {
    await this.cmd('DELETE', '', undefined, { timeoutMs: 20_000 });
  }
}
