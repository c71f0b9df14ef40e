// Drives the preview page for headless screenshots: ?steps=[...] is a JSON
// list of [verb, selector, value?] run one after another once the app has
// rendered. Verbs: click, fill, pick (select by index), check, submit,
// focus, key, wait, scroll,
// mock (expire | lock).
// Errors are printed onto the page so a screenshot shows them.

function report(message) {
  const box = document.createElement('pre');
  box.className = 'preview-error';
  box.textContent = message;
  document.body.append(box);
}
window.addEventListener('error', (event) => report(`error: ${event.message}`));
window.addEventListener('unhandledrejection', (event) => report(`unhandled: ${JSON.stringify(event.reason)}`));
document.addEventListener('securitypolicyviolation', (event) => report(`CSP: ${event.violatedDirective} ${event.blockedURI}`));

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitFor(selector, timeout = 3000) {
  const start = Date.now();
  while (Date.now() - start < timeout) {
    const el = document.querySelector(selector);
    if (el) return el;
    await sleep(25);
  }
  throw new Error(`not found: ${selector}`);
}

async function run(steps) {
  await waitFor('#app > [data-screen]');
  await sleep(150);
  for (const [verb, selector, value] of steps) {
    if (verb === 'wait') {
      await sleep(Number(selector));
      continue;
    }
    if (verb === 'mock') {
      // Simulate the core changing its mind: the session expired or locked.
      const session = window.__MOCK__.getSession();
      if (selector === 'expire') window.__MOCK__.expire();
      if (selector === 'lock' && session) session.locked = true;
      await sleep(50);
      continue;
    }
    if (verb === 'key') {
      const target = document.activeElement || document.body;
      target.dispatchEvent(new KeyboardEvent('keydown', { key: selector, bubbles: true, cancelable: true, ctrlKey: value === 'ctrl' }));
      await sleep(150);
      continue;
    }
    const el = await waitFor(selector);
    if (verb === 'click') el.click();
    else if (verb === 'fill') {
      el.value = value;
      el.dispatchEvent(new Event('input', { bubbles: true }));
      el.dispatchEvent(new Event('change', { bubbles: true }));
    } else if (verb === 'pick') {
      el.selectedIndex = Number(value);
      el.dispatchEvent(new Event('change', { bubbles: true }));
    } else if (verb === 'check') {
      el.checked = value !== false;
      el.dispatchEvent(new Event('change', { bubbles: true }));
    } else if (verb === 'submit') el.requestSubmit();
    else if (verb === 'scroll') el.scrollTop = Number(value);
    else if (verb === 'focus') el.focus();
    await sleep(200);
  }
  document.body.dataset.previewDone = 'true';
}

const raw = new URLSearchParams(location.search).get('steps');
run(raw ? JSON.parse(raw) : []).catch((error) => report(String(error)));
