// Reading what a form says beside its fields, and calling a command through
// the app's own IPC as a check (never in place of the user's path).
import assert from 'node:assert/strict';

/** The message beside form[data-form=form]'s field, '' when none shows. */
export async function fieldError(app, form, field) {
  return app.s.executeScript(
    `const f = document.querySelector('form[data-form="' + arguments[0] + '"]');
     const e = f && [...f.querySelectorAll('.field-error')].find((x) => x.dataset.for === arguments[1]);
     return e && !e.hidden ? e.textContent : '';`,
    [form, field],
  );
}

/** Waits for a message beside the field and returns it. */
export async function waitFieldError(app, form, field) {
  await app.s.waitFor(async () => (await fieldError(app, form, field)).length > 0, { message: `an error beside ${form}.${field}` });
  return fieldError(app, form, field);
}

/** A command's answer, which must be a success. */
export async function ipc(app, cmd, input) {
  const r = await app.invoke(cmd, input === undefined ? {} : { input });
  assert.ok(r.ok, `${cmd}: ${JSON.stringify(r.error)}`);
  return r.value;
}

// The administrator enables a sample dispatcher account and gives it a
// password on the 用户 page, as the office would before using it.
export async function enableAccount(app, username, password) {
  await app.nav('users');
  const rows = await app.waitRows('users', (r) => r.some((x) => x.cells[0] === username), `the row of ${username}`);
  const row = rows.find((x) => x.cells[0] === username);
  assert.match(row.text, /已停用/, `${username} comes disabled: ${row.text}`);
  await app.s.click(`table[data-table="users"] tr[data-id="${row.id}"] button[data-action="edit"]`);
  await app.fill('user', { disabled: false });
  await app.submit('user');
  await app.waitRows('users', (r) => !r.find((x) => x.id === row.id).text.includes('已停用'), `${username} enabled`);
  await app.s.click(`table[data-table="users"] tr[data-id="${row.id}"] button[data-action="reset-password"]`);
  await app.fill('reset-password', { password });
  await app.submit('reset-password');
  await app.s.waitFor(async () => !(await app.s.isVisible('form[data-form="reset-password"]')), { message: `the password of ${username} set` });
}
