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

  // Started without --today: the app runs on this computer's clock (the real path
  // beside the tests that fix the day).
  const local = () => {
    const d = new Date();
    return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
  };
  const before = local();
  const info = await app.invoke('app_info', {});
  const days = [before, local()];
  assert.ok(info.ok, `app_info: ${JSON.stringify(info.error)}`);
  assert.equal(info.value.todayFixed, false);
  assert.ok(days.includes(info.value.today), `the core's today ${info.value.today} is the clock's (${days.join(' / ')})`);
});
