// With the other modules of ui/js/api/, the only place that knows command
// names (docs/ipc*.md; src-tauri/tests/command_contract.rs checks them). Every call goes
// through `call`, which normalizes errors to {code, message, field?} and
// tells the app when the session is gone or locked.

import { normalizeError, isAuthError } from '../lib/errors.js';

export const authEvents = new EventTarget();

// Failures of these are answered on the screen that made the call (a wrong
// password on login/unlock, the start-up checks, logging out anyway), so
// they must not also switch screens.
const ANSWERED_ON_SCREEN = new Set(['app_info', 'current_session', 'setup_admin', 'login', 'unlock', 'logout']);

function core() {
  const tauri = window.__TAURI__;
  if (!tauri || !tauri.core || typeof tauri.core.invoke !== 'function') {
    throw { code: 'internal', message: '无法连接程序核心（window.__TAURI__ 不可用）' };
  }
  return tauri.core;
}

export async function call(name, input) {
  try {
    const invoke = core().invoke;
    return input === undefined ? await invoke(name) : await invoke(name, { input });
  } catch (raw) {
    const error = normalizeError(raw);
    if (isAuthError(error) && !ANSWERED_ON_SCREEN.has(name)) {
      authEvents.dispatchEvent(new CustomEvent(error.code, { detail: error }));
    }
    throw error;
  }
}

// The one helper that leaves out fields before a call. By default only the
// fields not given (undefined) go: null clears a field and an empty string
// means "cleared" for notes and other free text. With {dropEmpty: true} null
// and '' go too, so the core applies its defaults (filters, optional choices).
export function compact(input, { dropEmpty = false } = {}) {
  const out = {};
  for (const [key, value] of Object.entries(input ?? {})) {
    if (value === undefined) continue;
    if (dropEmpty && (value === null || value === '')) continue;
    out[key] = value;
  }
  return out;
}

// Session and setup
export const appInfo = () => call('app_info');
export const startupReady = () => call('startup_ready');
export const setupAdmin = ({ username, displayName, password }) => call('setup_admin', { username, displayName, password });
export const loadSample = () => call('load_sample');
export const login = ({ username, password }) => call('login', { username, password });
export const logout = () => call('logout');
export const currentSession = () => call('current_session');
export const heartbeat = () => call('heartbeat');
export const lock = () => call('lock');
export const unlock = ({ password }) => call('unlock', { password });
export const changePassword = ({ oldPassword, newPassword }) => call('change_password', { oldPassword, newPassword });

// Organization
export const listUnits = ({ includeRetired = false } = {}) => call('list_units', { includeRetired });
export const createUnit = (unit) => call('create_unit', compact(unit));
export const updateUnit = (unit) => call('update_unit', compact(unit));
export const retireUnit = ({ id, reason }) => call('retire_unit', { id, reason });
export const reinstateUnit = ({ id }) => call('reinstate_unit', { id });

export const listPeople = ({ includeRetired = false } = {}) => call('list_people', { includeRetired });
export const createPerson = (person) => call('create_person', compact(person));
export const updatePerson = (person) => call('update_person', compact(person));
export const retirePerson = ({ id, reason }) => call('retire_person', { id, reason });
export const reinstatePerson = ({ id }) => call('reinstate_person', { id });

export const listAssistancePoints = ({ includeEnded = false } = {}) => call('list_assistance_points', { includeEnded });
export const createAssistancePoint = (point) => call('create_assistance_point', compact(point));
export const endAssistancePoint = ({ id }) => call('end_assistance_point', { id });

export const listPairings = ({ includeEnded = false } = {}) => call('list_pairings', { includeEnded });
export const createPairing = (pairing) => call('create_pairing', compact(pairing));
export const endPairing = ({ id }) => call('end_pairing', { id });

// Users
export const listUsers = () => call('list_users');
export const createUser = ({ username, displayName, role, password }) => call('create_user', { username, displayName, role, password });
export const updateUser = ({ id, displayName, role, disabled }) => call('update_user', { id, displayName, role, disabled });
export const resetPassword = ({ id, password }) => call('reset_password', { id, password });

// Audit
export const listAudit = (filters) => call('list_audit', compact(filters));

// Settings
export const getSettings = () => call('get_settings');
export const updateSettings = ({ idleLockMinutes, backupDir, backupKeep }) => call('update_settings', { idleLockMinutes, backupDir, backupKeep });
export const backupNow = () => call('backup_now');
