// The little the whole UI needs to know: app info and who is logged in.

import { grantsOf } from './lib/permissions.js';
import { setCoreToday } from './lib/clock.js';

const state = { appInfo: null, session: null };
const listeners = new Set();

function notify() {
  for (const listener of listeners) listener(state);
}

export function getAppInfo() {
  return state.appInfo;
}

export function getSession() {
  return state.session;
}

export function getUser() {
  return state.session ? state.session.user : null;
}

export function setAppInfo(info) {
  state.appInfo = info;
  // The window's "today" is the core's (see lib/clock.js).
  if (info?.today) setCoreToday(info.today);
  notify();
}

export function updateAppInfo(patch) {
  state.appInfo = { ...(state.appInfo ?? {}), ...patch };
  notify();
}

export function setSession(session) {
  state.session = session;
  notify();
}

export function subscribe(listener) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

// What the session's user may do (lib/permissions.js).
export function grants() {
  return grantsOf(state.session);
}

// Backups and record edits share the core's edit_records rule.
export const can = {
  editOrganization: () => grants().edit,
  sign: () => grants().sign,
  manageUsers: () => grants().manageUsers,
  changeSettings: () => grants().changeSettings,
  backup: () => grants().edit,
};
