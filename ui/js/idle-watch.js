// Watches the user's mouse and keyboard while the main screen is open:
// sends a heartbeat at most every 30 s while they are active, and calls
// onIdle once they have been away for the configured minutes.

import { createIdleTracker } from './lib/idle.js';
import * as api from './api/index.js';

const ACTIVITY_EVENTS = ['mousemove', 'mousedown', 'keydown', 'wheel', 'touchstart'];
const CHECK_EVERY_MS = 5000;

let tracker = null;
let timer = null;
let idleCallback = null;

function onActivity() {
  if (!tracker) return;
  if (tracker.activity(Date.now())) {
    // A 'locked' answer is handled by the app's auth listener; others don't matter here.
    api.heartbeat().catch(() => {});
  }
}

function check() {
  if (tracker && tracker.isIdle(Date.now())) {
    const callback = idleCallback;
    stopIdleWatch();
    callback();
  }
}

export function startIdleWatch({ idleMinutes, onIdle }) {
  stopIdleWatch();
  tracker = createIdleTracker({ idleMinutes, now: Date.now() });
  idleCallback = onIdle;
  for (const type of ACTIVITY_EVENTS) document.addEventListener(type, onActivity, { capture: true, passive: true });
  timer = setInterval(check, CHECK_EVERY_MS);
}

export function stopIdleWatch() {
  if (timer !== null) clearInterval(timer);
  timer = null;
  tracker = null;
  idleCallback = null;
  for (const type of ACTIVITY_EVENTS) document.removeEventListener(type, onActivity, { capture: true });
}

export function setIdleMinutes(minutes) {
  if (tracker) tracker.setIdleMinutes(minutes);
}
