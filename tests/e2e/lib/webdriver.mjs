// A small W3C WebDriver client on Node's built-in fetch (no npm dependencies).
// Spoken to tauri-driver, which forwards to WebKitWebDriver on Linux.

import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

export const ELEMENT_KEY = 'element-6066-11e4-a52e-4f735466cecf';

// The one pause of the harness: between two looks at a named condition.
const pause = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Wait until `check()` returns a truthy value (returned). Exceptions count as
 * "not yet". Every wait names what it waits for: on timeout the error says
 * "timed out after N ms waiting for <message>" (and the last error seen), or,
 * with `orElse: 'return'`, null is returned instead.
 */
export async function until(check, { message, timeout = 15_000, interval = 100, orElse = 'throw' } = {}) {
  if (!message) throw new TypeError('until(): name what is waited for (message)');
  const deadline = Date.now() + timeout;
  let lastErr;
  for (;;) {
    try {
      const v = await check();
      if (v) return v;
    } catch (e) {
      lastErr = e;
    }
    if (Date.now() > deadline) {
      if (orElse === 'return') return null;
      const err = new Error(`timed out after ${timeout} ms waiting for ${message}` + (lastErr ? ` (last error: ${lastErr.message})` : ''));
      err.waitedFor = message;
      throw err;
    }
    await pause(interval);
  }
}

// WebDriver errors a person would not see: the element moved, was re-rendered
// or was briefly covered. Clicking and typing try again until their timeout.
const RETRYABLE = new Set(['element not interactable', 'element click intercepted', 'stale element reference', 'no such element']);
export const isRetryable = (e) => e instanceof WebDriverError && RETRYABLE.has(e.error);

// In the page: bring the element into view and say whether a click at its
// centre would reach it. {ok} or {ok: false, reason, toast?}.
const HIT_TEST = `
  const [el, prevKey, center] = arguments;
  const describe = (n) => {
    if (!n || n.nodeType !== 1) return String(n);
    let d = n.tagName.toLowerCase();
    if (n.id) d += '#' + n.id;
    for (const a of n.attributes) if (a.name.startsWith('data-') || a.name === 'role') d += '[' + a.name + '="' + a.value.slice(0, 30) + '"]';
    if (n.classList.length) d += '.' + [...n.classList].slice(0, 3).join('.');
    const text = (n.innerText || n.textContent || '').trim().replace(/\s+/g, ' ').slice(0, 40);
    return text ? d + ' "' + text + '"' : d;
  };
  if (!el || !el.isConnected) return { ok: false, reason: 'no longer in the page (re-rendered)', stale: true };
  if (!el.getClientRects().length) return { ok: false, reason: 'not rendered (no box)' };
  const cs = getComputedStyle(el);
  if (cs.visibility === 'hidden') return { ok: false, reason: 'visibility: hidden' };
  if (el.disabled || el.closest('fieldset:disabled')) return { ok: false, reason: 'disabled' };
  if (el.closest('[inert]')) return { ok: false, reason: 'inside an inert part of the page' };
  // As a person does: scroll only as far as needed, unless something fixed (a status
  // bar, a sticky header) hid the element at the last look.
  el.scrollIntoView(center ? { block: 'center', inline: 'nearest' } : { block: 'nearest', inline: 'nearest' });
  const r = el.getBoundingClientRect();
  const key = [r.left, r.top, r.width, r.height].map(Math.round).join(',');
  if (key !== prevKey) return { ok: false, reason: 'still moving (box ' + key + ' differs from the last look)', key };
  // Whole pixels: the pointer is put exactly where the hit test looked.
  const x = Math.floor(r.left + r.width / 2);
  const y = Math.floor(r.top + r.height / 2);
  if (x < 0 || y < 0 || x >= innerWidth || y >= innerHeight) return { ok: false, reason: 'centre outside the window after scrolling', key, fixed: true };
  const hit = document.elementFromPoint(x, y);
  const reaches = (h) => h && (h === el || el.contains(h) || (h.closest('label') && h.closest('label').control === el) || [...(el.labels || [])].some((l) => l.contains(h)));
  if (reaches(hit)) return { ok: true, key, x, y };
  // A layer that holds the element itself (its own side panel or dialog) is not
  // something to wait out: what covers it there is that layer's sticky header or
  // action bar, so scroll the element to the middle of its scroll area instead.
  const over = hit && hit.closest('.toast-region, .toast, dialog, [role="dialog"], [role="alertdialog"], .overlay, .modal');
  const layer = over && !over.contains(el) ? over : null;
  return { ok: false, reason: 'covered at its centre by ' + describe(layer || hit), key, toast: Boolean(hit && hit.closest('.toast-region')), fixed: !layer };
`;

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
    // Set by the test's App: async (label) => text to add to a failure message
    // (saves a screenshot and the page's visible text as evidence).
    this.evidence = null;
  }

  /** An Error for a failed wait, with what was on the screen. */
  async failure(message, label = 'wait') {
    let extra = '';
    if (this.evidence) {
      try {
        extra = await this.evidence(label);
      } catch (e) {
        extra = ` (no evidence: ${e.message})`;
      }
    }
    return new Error(message + extra);
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

  /**
   * Click like a person: find the (first visible) element, scroll it into view,
   * wait until it stands still, is enabled and is what the pointer would hit
   * at its centre (no toast, dialog or overlay over it), then press and release
   * the pointer at exactly that point. (Element Click would scroll once more on
   * its own, and WebKit's scroll can leave the element under a sticky bar of a
   * nested scroll area.) Toasts over it are dismissed, as a person would;
   * anything else is waited out. Moved, re-rendered or covered elements are
   * tried again until `timeout`.
   * `target`: a CSS selector (looked up afresh on each try) or an element.
   */
  async click(target, { timeout = 15_000, what } = {}) {
    const name = what || (typeof target === 'string' ? target : 'the element');
    const deadline = Date.now() + timeout;
    let reason = 'not looked at yet';
    let key = null;
    let center = false;
    const seen = new Set(); // what held the click up, for the log
    const t0 = Date.now();
    for (;;) {
      try {
        const el = typeof target === 'string' ? await this.findVisible(target) : target;
        if (!el) {
          reason = 'no visible element matches';
          key = null;
        } else {
          const hit = await this.executeScript(HIT_TEST, [el, key, center]);
          key = hit.key ?? null;
          center = center || Boolean(hit.fixed);
          if (hit.ok) {
            await this.pointerClickAt(hit.x, hit.y);
            if (seen.size > 0 && Date.now() - t0 > 1000) process.stderr.write(`[e2e] click ${name}: waited ${Date.now() - t0} ms (${[...seen].join('; ')})\n`);
            return;
          }
          reason = hit.reason;
          if (!reason.startsWith('still moving')) seen.add(reason.replace(/\(box .*\)/, ''));
          if (hit.toast) await this.closeToasts();
          if (hit.stale && typeof target !== 'string') throw new Error(`${name} was replaced in the page: look it up again`);
        }
      } catch (e) {
        if (!isRetryable(e)) throw e;
        reason = `${e.error}: ${e.wdMessage}`;
        seen.add(e.error);
        key = null;
      }
      if (Date.now() > deadline) throw await this.failure(`could not click ${name} within ${timeout} ms: ${reason}`, 'click');
      await this.nextFrame();
    }
  }

  /** Scroll the first element matching css into the middle of the view and wait until it stands still. */
  async scrollIntoView(css, { timeout = 10_000 } = {}) {
    let last = null;
    await this.waitFor(
      async () => {
        const key = await this.executeScript(
          `const el = document.querySelector(arguments[0]);
           if (!el) return null;
           el.scrollIntoView({ block: 'center' });
           const r = el.getBoundingClientRect();
           return [r.left, r.top, r.width, r.height].map(Math.round).join(',');`,
          [css],
        );
        const still = key !== null && key === last;
        last = key;
        if (!still) await this.nextFrame();
        return still;
      },
      { timeout, message: `${css} scrolled into view and standing still` },
    );
  }

  /** Dismiss every toast, as a person clicks their ×. */
  async closeToasts() {
    await this.executeScript(`for (const b of document.querySelectorAll('.toast__close')) b.click();`);
  }

  /** Run `act(el)` on the (first visible) element once it is in view and enabled; retried like click. */
  async onField(target, what, act, { timeout = 15_000 } = {}) {
    const name = what || (typeof target === 'string' ? target : 'the field');
    const deadline = Date.now() + timeout;
    let reason = 'not looked at yet';
    for (;;) {
      try {
        const el = typeof target === 'string' ? await this.findVisible(target) : target;
        if (!el) reason = 'no visible element matches';
        else {
          const state = await this.executeScript(
            `const el = arguments[0];
             if (!el.isConnected) return 'no longer in the page (re-rendered)';
             if (el.disabled) return 'disabled';
             if (el.readOnly) return 'read-only';
             el.scrollIntoView({ block: 'nearest', inline: 'nearest' });
             return 'ok';`,
            [el],
          );
          if (state === 'ok') return await act(el);
          reason = state;
        }
      } catch (e) {
        if (!isRetryable(e)) throw e;
        reason = `${e.error}: ${e.wdMessage}`;
      }
      if (Date.now() > deadline) throw await this.failure(`could not type into ${name} within ${timeout} ms: ${reason}`, 'type');
      await this.nextFrame();
    }
  }

  /** Press and release the mouse at (x, y) of the window (W3C actions, CSS pixels). */
  async pointerClickAt(x, y) {
    await this.cmd('POST', '/actions', {
      actions: [
        {
          type: 'pointer',
          id: 'mouse',
          parameters: { pointerType: 'mouse' },
          actions: [
            { type: 'pointerMove', duration: 0, origin: 'viewport', x, y },
            { type: 'pointerDown', button: 0 },
            { type: 'pointerUp', button: 0 },
          ],
        },
      ],
    });
    await this.cmd('DELETE', '/actions');
  }

  /** The same as click() (which presses the pointer itself); kept for its callers. */
  async pointerClick(target, opts) {
    await this.click(target, opts);
  }

  async clear(target, opts) {
    await this.onField(target, null, (el) => this.cmd('POST', `/element/${elId(el)}/clear`), opts);
  }

  /** Element Send Keys (real key events). */
  async sendKeys(target, text, opts) {
    await this.onField(target, null, (el) => this.cmd('POST', `/element/${elId(el)}/value`, { text: String(text) }), opts);
  }

  /** Clear the field, then type text into it. */
  async type(target, text, opts) {
    await this.clear(target, opts);
    await this.sendKeys(target, text, opts);
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

  /** Wait for the next animation frame (at most 1 s): the page has had a chance to change. */
  async nextFrame() {
    try {
      await this.executeAsync(
        `const done = arguments[arguments.length - 1];
         const t = setTimeout(() => done(false), 1000);
         requestAnimationFrame(() => { clearTimeout(t); done(true); });`,
      );
    } catch (e) {
      if (e instanceof WebDriverError && e.error === 'invalid session id') throw e;
    }
  }

  /** Wait for two animation frames (and at most 2 s), best effort. */
  async settle() {
    try {
      await this.executeAsync(
        `const done = arguments[arguments.length - 1];
         const t = setTimeout(() => done(false), 2000);
         requestAnimationFrame(() => requestAnimationFrame(() => { clearTimeout(t); done(true); }));`,
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
   * which is returned; exceptions count as "not yet"). A predicate must come with
   * `message`, naming what is waited for. On timeout the error names it and says what
   * was on the screen (screenshot and visible text saved).
   */
  async waitFor(what, { timeout = 15_000, interval = 100, message } = {}) {
    if (typeof what !== 'string' && !message) throw new TypeError('waitFor(predicate): name what is waited for (message)');
    const desc = message || `visible ${what}`;
    try {
      return await until(typeof what === 'string' ? () => this.isVisible(what) : what, { message: desc, timeout, interval });
    } catch (e) {
      throw await this.failure(e.message, 'wait');
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
