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

// Repeated wrong passwords on the login screen: the account waits and says
// so in Chinese; the right password waits too.
appTest('a-first-start-lockout', async (app) => {
  await app.setupAdmin(ADMIN, 'start-empty');
  await app.logout();
  const error = 'form[data-form="login"] .form-error';
  for (let i = 1; i <= 5; i += 1) {
    await app.s.clear('form[data-form="login"] [name="username"]');
    await app.s.clear('form[data-form="login"] [name="password"]');
    await app.fill('login', { username: ADMIN.username, password: `wrong-${i}-pw` });
    await app.submit('login');
    const expected = i < 5 ? '用户名或密码不正确' : '密码错误次数过多，请在1分钟后再试';
    // Submitting clears the message at once; the core's answer fills it.
    await app.s.waitFor(async () => (await app.textOf(error)) === expected, { message: `attempt ${i}: ${expected}` });
  }
  await app.shot('login-locked-out');
  // Even the right password waits now (that the wait survives a restart is
  // a store test: here it would race the one-minute wait).
  await app.s.clear('form[data-form="login"] [name="password"]');
  await app.fill('login', { password: ADMIN.password });
  await app.submit('login');
  await app.s.waitFor(async () => (await app.textOf(error)).length > 0, { message: 'the answer' });
  assert.equal(await app.textOf(error), '密码错误次数过多，请在1分钟后再试');
  assert.equal(await app.screen(), 'login');
});
