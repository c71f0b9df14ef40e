// Mirrors the core's permission rules so the UI can hide what the user may
// not do. The core still enforces them; this is about not offering buttons
// that can only fail.

const ORG_EDITORS = new Set(['admin', 'signer', 'dispatcher']);

export function canEditOrganization(role) {
  return ORG_EDITORS.has(role);
}

export function canManageUsers(role) {
  return role === 'admin';
}

export function canChangeSettings(role) {
  return role === 'admin';
}

export function canBackup(role) {
  return ORG_EDITORS.has(role);
}
