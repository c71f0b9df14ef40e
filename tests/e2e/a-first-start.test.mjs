// a. First start: setup screen, create the administrator, start empty, main screen.
import assert from 'node:assert/strict';
import { ADMIN, appTest } from './lib/app.mjs';

appTest('a-first-start-setup', async (app) => {
  await app.waitScreen('setup');
  await app.setupAdmin(ADMIN, 'start-empty');
  await app.shot('main');

  await app.s.waitFor(async () => (await app.textOf('#status-user')).length > 0, { message: '#status-user to show the user' });
  const statusUser = await app.textOf('#status-user');
  assert.match(statusUser, /系统管理员|admin/, `#status-user shows "${statusUser}"`);

  const session = await app.invoke('current_session', {});
  assert.ok(session.ok, `current_session failed: ${JSON.stringify(session.error)}`);
  assert.equal(session.value?.user?.username, 'admin');
  assert.equal(session.value?.user?.role, 'admin');
});
