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
