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
