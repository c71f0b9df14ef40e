// c. A read-only (viewer) user sees no edit controls and the core refuses its writes.
import assert from 'node:assert/strict';
import { ADMIN, App, appTest } from './lib/app.mjs';

const VIEWER = { username: 'viewer', displayName: '查看员', password: 'Viewer#2026', role: 'viewer' };

appTest('c-viewer-readonly', async (app, t) => {
  await app.setupAdmin(ADMIN, 'start-empty');
  await app.shot('main-admin');

  // Some organization data to look at (set up through the IPC, not under test here).
  const committee = await app.invoke('create_unit', { input: { name: '矿党委', kind: 'committee', parentId: null } });
  assert.ok(committee.ok, `create committee: ${JSON.stringify(committee.error)}`);
  const dept = await app.invoke('create_unit', { input: { name: '组织部', kind: 'department', parentId: committee.value.id } });
  assert.ok(dept.ok, `create department: ${JSON.stringify(dept.error)}`);

  // The administrator creates the viewer through the 用户 screen.
  let viaUi = true;
  try {
    await app.nav('users');
    await app.s.waitFor('table[data-table="users"]', { message: 'users table' });
    await app.shot('users');
    await app.clickAction('new-user');
    await app.s.waitFor('form[data-form="user"]', { message: 'the user form' });
    const values = { username: VIEWER.username, displayName: VIEWER.displayName, role: VIEWER.role, password: VIEWER.password };
    if (await app.hasField('user', 'passwordConfirm')) values.passwordConfirm = VIEWER.password;
    await app.fill('user', values);
    await app.shot('user-form-filled');
    await app.submit('user');
    await app.waitRows('users', (rows) => rows.some((r) => r.cells.includes(VIEWER.username)), 'the viewer row in the users table');
    await app.shot('users-with-viewer');
  } catch (e) {
    viaUi = false;
    t.diagnostic(`creating the viewer through the 用户 screen failed, falling back to invoke: ${e.message}`);
    await app.shot('user-ui-failed');
    const r = await app.invoke('create_user', { input: { username: VIEWER.username, displayName: VIEWER.displayName, role: 'viewer', password: VIEWER.password } });
    assert.ok(r.ok, `create_user failed: ${JSON.stringify(r.error)}`);
  }
  t.diagnostic(`viewer created via ${viaUi ? 'the 用户 screen' : 'invoke (UI path failed)'}`);

  // What a page offers comes from the permissions the session carries.
  await app.nav('documents');
  await app.s.waitFor('button[data-action="new-order"]', { message: '起草调度令 offered to the administrator' });

  await app.logout();
  await app.shot('login-after-logout');
  await app.login(VIEWER.username, VIEWER.password);
  await app.s.waitFor(async () => (await app.textOf('#status-user')).includes(VIEWER.displayName) || (await app.textOf('#status-user')).includes(VIEWER.username), {
    message: '#status-user to show the viewer',
  });

  await app.nav('units');
  const before = await app.waitRows('units', (r) => App.rowsNamed(r, '组织部').length === 1, 'the units table as viewer');
  await app.shot('units-as-viewer');
  assert.equal(await app.s.isVisible('button[data-action="new-unit"]'), false, 'no visible new-unit button for a viewer');

  const res = await app.invoke('create_unit', { input: { name: 'X', kind: 'department', parentId: null } });
  assert.equal(res.ok, false, `create_unit as viewer must reject, got ${JSON.stringify(res.value)}`);
  assert.equal(res.error?.code, 'forbidden', `error: ${JSON.stringify(res.error)}`);

  // Unchanged: in the core and on screen (after reloading the page's data).
  const listed = await app.invoke('list_units', { input: { includeRetired: true } });
  assert.ok(listed.ok, `list_units as viewer: ${JSON.stringify(listed.error)}`);
  assert.equal(listed.value.some((u) => u.name === 'X'), false, 'no unit X in the core');
  await app.nav('people');
  await app.s.waitFor('table[data-table="people"]', { message: 'people table as viewer' });
  await app.shot('people-as-viewer');
  await app.nav('units');
  const after = await app.waitRows('units', (r) => r.length === before.length, 'the same number of unit rows');
  assert.deepEqual(after.map((r) => r.id).sort(), before.map((r) => r.id).sort());
  assert.equal(App.rowsNamed(after, 'X').length, 0);
  await app.shot('units-as-viewer-after-forbidden');

  const session = await app.invoke('current_session', {});
  assert.deepEqual(session.value?.permissions, ['read'], `the viewer's session: ${JSON.stringify(session)}`);
  await app.nav('documents');
  await app.s.waitFor('.doc-page', { message: 'the documents page as viewer' });
  assert.equal(await app.s.isVisible('button[data-action="new-order"]'), false, 'no 起草调度令 for a viewer');
  assert.equal(await app.s.isVisible('button[data-action="new-notice"]'), false, 'no 起草通知单 for a viewer');
  await app.shot('documents-as-viewer');
});
