// The little the whole UI needs to know: app info and who is logged in.

import { canEditOrganization, canSign, canManageUsers, canChangeSettings, canBackup } from './lib/permissions.js';
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

function role() {
  return getUser()?.role ?? null;
}

export const can = {
  editOrganization: () => canEditOrganization(role()),
  sign: () => canSign(role()),
  manageUsers: () => canManageUsers(role()),
  changeSettings: () => canChangeSettings(role()),
  backup: () => canBackup(role()),
};
