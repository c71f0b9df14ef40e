// Working inside a side panel: its buttons may sit under the status bar
// until scrolled to, and toasts may cover what a screenshot should show.
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export async function scrollIntoView(app, css) {
  await app.s.executeScript('const el = document.querySelector(arguments[0]); if (el) el.scrollIntoView({ block: "center" });', [css]);
  await sleep(200);
}

export async function clickInPanel(app, action, scope) {
  await scrollIntoView(app, `${scope} button[data-action="${action}"]`);
  await app.clickAction(action, scope);
}

export async function closeToasts(app) {
  await app.s.executeScript(`for (const b of document.querySelectorAll('.toast__close')) b.click();`);
}

// Scrolls a button into the middle of its scroll area and clicks it with the
// pointer once nothing lies over its centre (a panel's sticky action bar, the
// status bar, a page still laying itself out).
export async function clickWhenFree(app, css) {
  await app.s.waitFor(
    async () =>
      app.s.executeScript(
        `const el = document.querySelector(arguments[0]);
         if (!el) return false;
         el.scrollIntoView({ block: 'center' });
         const r = el.getBoundingClientRect();
         const top = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
         return Boolean(top && (top === el || el.contains(top)));`,
        [css],
      ),
    { message: `${css} in view and free to click` },
  );
  await app.s.pointerClick(css);
}
