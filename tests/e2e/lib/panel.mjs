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
