// Mirrors the core's permission rules so the UI can hide what the user may
// not do. The core still enforces them; this is about not offering buttons
// that can only fail.

const ORG_EDITORS = new Set(['admin', 'signer', 'dispatcher']);

export function canEditOrganization(role) {
  return ORG_EDITORS.has(role);
}

// The signer's acts: signing and what undoes or freezes signed work
// (withdrawing a signed paper, issuing a bulletin, closing an assessment
// period, putting rules in force). The core asks for the password again.
export function canSign(role) {
  return role === 'admin' || role === 'signer';
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
