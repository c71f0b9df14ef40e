// What the logged-in user may do, as the core sent it with the session
// (`permissions`: the codes of the core's own rules, docs/ipc.md). The window
// keeps no copy of the role rules; it only avoids offering what the core would
// refuse, and the core still checks every act.

export const NO_GRANTS = Object.freeze({ edit: false, sign: false, manageUsers: false, changeSettings: false });

export function grantsOf(session) {
  const p = new Set(Array.isArray(session?.permissions) ? session.permissions : []);
  return Object.freeze({
    edit: p.has('edit_records'),
    // The signer's acts: signing and what undoes or freezes signed work
    // (withdrawing a signed paper, issuing a bulletin, closing an assessment
    // period, putting rules in force). The core asks for the password again.
    sign: p.has('sign_documents'),
    manageUsers: p.has('manage_users'),
    changeSettings: p.has('manage_settings'),
  });
}
