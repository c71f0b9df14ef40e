// Which screen is showing. The main screen survives a lock (hidden and
// inert underneath the lock screen) so nothing typed is lost; every other
// screen is rebuilt each time it is shown.

let mainShell = null;

function root() {
  return document.getElementById('app');
}

export function current() {
  const shown = Array.from(root().children).find((el) => !el.hidden);
  return shown ? shown.dataset.screen : null;
}

function removeAllBut(keep) {
  for (const child of Array.from(root().children)) {
    if (child !== keep) child.remove();
  }
}

export function dropMain() {
  if (!mainShell) return;
  mainShell.destroy();
  mainShell.screen.remove();
  mainShell = null;
}

// element: a [data-screen] section (setup, login, lock, error).
export function show(element) {
  if (element.dataset.screen === 'lock' && mainShell) {
    mainShell.screen.hidden = true;
    mainShell.screen.inert = true;
    removeAllBut(mainShell.screen);
  } else {
    dropMain();
    removeAllBut(null);
  }
  root().append(element);
}

export function showMain(shell) {
  dropMain();
  removeAllBut(null);
  mainShell = shell;
  root().append(shell.screen);
}

// After unlocking: bring back the main screen as the user left it.
export function resumeMain(userId) {
  if (!mainShell || mainShell.screen.dataset.userId !== String(userId)) return false;
  removeAllBut(mainShell.screen);
  mainShell.screen.hidden = false;
  mainShell.screen.inert = false;
  return true;
}
