// Working inside a side panel: its buttons may sit under the status bar
// until scrolled to, and toasts may cover what a screenshot should show.

export async function scrollIntoView(app, css) {
  await app.s.scrollIntoView(css);
}

export async function clickInPanel(app, action, scope) {
  // The click scrolls the button into view and waits until nothing covers it.
  await app.clickAction(action, scope);
}

export async function closeToasts(app) {
  await app.s.closeToasts();
}

// A button that may sit below the fold of a scrolling page or under a panel's
// sticky action bar: click() scrolls it in, waits until nothing lies over its
// centre and presses the pointer there.
export async function clickWhenFree(app, css) {
  await app.s.click(css);
}

// 验收 (passed) and 销号 of the rectification open in the 整改 panel, as a
// person does it: the verification form, then the close-out dialog.
export async function verifyAndCloseOut(app, { verifiedBy, note }) {
  const rect = '[data-panel="rectification"] .rect-detail';
  await app.s.waitFor(`${rect}[data-status="open"]`, { timeout: 20_000, message: 'the rectification opened' });
  await clickInPanel(app, 'verify', rect);
  await app.s.waitFor('dialog[data-dialog="verify-rect"] form[data-form="verify-rect"]', { message: 'the verification form' });
  await app.fill('verify-rect', { verifiedBy, result: 'pass', note });
  await app.submit('verify-rect');
  await app.s.waitFor(`${rect}[data-status="verified"]`, { timeout: 15_000, message: 'verified' });
  await clickInPanel(app, 'closeout', rect);
  await app.s.waitFor('dialog[data-dialog="closeout-rect"]', { message: 'the close-out dialog' });
  await app.s.click('dialog[data-dialog="closeout-rect"] button[data-action="submit"]');
  await app.s.waitFor(`${rect}[data-status="closed"]`, { timeout: 15_000, message: 'closed out' });
  await closeToasts(app);
}
