// Entry point: decides which screen to show (setup, login, lock, main) and
// reacts when the core says the session has ended or is locked.

import * as api from './api/index.js';
import * as screens from './screens.js';
import { setAppInfo, setSession, getSession, getUser, subscribe } from './state.js';
import { startIdleWatch, stopIdleWatch, setIdleMinutes } from './idle-watch.js';
import { closeAllDialogs } from './components/dialog.js';
import { toast } from './components/toast.js';
import { renderSetup } from './views/setup.js';
import { renderLogin } from './views/login.js';
import { renderLock } from './views/lock.js';
import { renderShell } from './views/shell.js';
import { renderStartupError } from './views/startup-error.js';

function showLogin(notice = null) {
  stopIdleWatch();
  closeAllDialogs();
  setSession(null);
  const { screen, focus } = renderLogin({ onLoggedIn: (session) => enterMain(session), notice });
  screens.show(screen);
  focus();
}

function showLock() {
  if (screens.current() === 'lock') return;
  stopIdleWatch();
  closeAllDialogs();
  const session = getSession();
  const { screen, focus } = renderLock({
    user: getUser(),
    idleLockMinutes: session ? session.idleLockMinutes : null,
    onUnlocked: (unlocked) => enterMain(unlocked, { resume: true }),
    onLogout: logout,
  });
  screens.show(screen);
  focus();
}

async function lockNow() {
  // Show the lock screen even if the core cannot be reached: leaving the
  // screen open would be worse.
  showLock();
  try {
    await api.lock();
  } catch {
    // 'locked' means the core had already locked; nothing else to do.
  }
}

async function logout() {
  stopIdleWatch();
  try {
    await api.logout();
  } catch {
    // Already logged out or locked out: the login screen is right either way.
  }
  screens.dropMain();
  showLogin();
}

async function refreshAppInfo() {
  try {
    setAppInfo(await api.appInfo());
  } catch (error) {
    toast(error.message, 'error');
  }
}

async function enterMain(session, { resume = false } = {}) {
  setSession(session);
  if (!(resume && screens.resumeMain(session.user.id))) {
    await refreshAppInfo();
    const shell = renderShell({ onLogout: logout, onLock: lockNow });
    screens.showMain(shell);
    shell.navigate('dashboard');
  }
  startIdleWatch({ idleMinutes: session.idleLockMinutes, onIdle: lockNow });
}

function showStartupError(error) {
  screens.show(renderStartupError({ error, onRetry: boot }));
}

async function boot() {
  let info;
  try {
    info = await api.appInfo();
  } catch (error) {
    showStartupError(error);
    return;
  }
  setAppInfo(info);
  if (info.needsSetup) {
    screens.show(renderSetup({ onDone: (session) => enterMain(session) }));
    return;
  }
  let session = null;
  try {
    session = await api.currentSession();
  } catch (error) {
    if (error.code !== 'unauthenticated' && error.code !== 'locked') {
      showStartupError(error);
      return;
    }
  }
  if (!session) showLogin();
  else if (session.locked) {
    setSession(session);
    showLock();
  } else enterMain(session);
}

// Tells the core the first screen is on display (two frames after it was
// put in the page), which the cold-start benchmark measures.
function reportReady() {
  requestAnimationFrame(() => requestAnimationFrame(() => api.startupReady().catch(() => {})));
}

api.authEvents.addEventListener('unauthenticated', () => {
  if (screens.current() === 'login' || screens.current() === 'setup') return;
  screens.dropMain();
  showLogin('登录已失效，请重新登录。');
});

api.authEvents.addEventListener('locked', () => {
  // The core locked before the UI noticed (e.g. the computer slept).
  if (getSession()) showLock();
  else boot();
});

// Settings changes (idle minutes) apply to the running idle timer at once.
subscribe((state) => {
  if (state.session) setIdleMinutes(state.session.idleLockMinutes);
});

boot().then(reportReady);
