// ui/js/api/index.js against a fake window.__TAURI__: argument shapes and error handling.
import { test, beforeEach } from 'node:test';
import assert from 'node:assert/strict';

const calls = [];
let answer = () => null;
globalThis.window = {
  __TAURI__: {
    core: {
      invoke: async (...args) => {
        calls.push(args);
        return answer(...args);
      },
    },
  },
};

const api = await import('../../ui/js/api/index.js');

beforeEach(() => {
  calls.length = 0;
  answer = () => null;
});

test('commands without input are invoked with the name only', async () => {
  await api.appInfo();
  await api.heartbeat();
  await api.listUsers();
  assert.deepEqual(calls, [['app_info'], ['heartbeat'], ['list_users']]);
});

test('inputs are wrapped in {input} with camelCase fields', async () => {
  await api.login({ username: 'admin', password: 'password1' });
  await api.listUnits();
  await api.retireUnit({ id: 7, reason: '合并' });
  await api.listAudit({ action: 'update', limit: 50, offset: 0, username: undefined });
  assert.deepEqual(calls, [
    ['login', { input: { username: 'admin', password: 'password1' } }],
    ['list_units', { input: { includeRetired: false } }],
    ['retire_unit', { input: { id: 7, reason: '合并' } }],
    ['list_audit', { input: { action: 'update', limit: 50, offset: 0 } }],
  ]);
});

test('failures reject with {code, message, field}', async () => {
  answer = () => Promise.reject({ code: 'duplicate', message: '已有同名单位', field: 'name' });
  await assert.rejects(api.createUnit({ name: '组织部', kind: 'department', parentId: 1 }), {
    code: 'duplicate',
    message: '已有同名单位',
    field: 'name',
  });
  answer = () => Promise.reject('plain text failure');
  await assert.rejects(api.listPeople(), { code: 'internal', message: 'plain text failure' });
});

test('locked and unauthenticated answers notify the app', async () => {
  const seen = [];
  const onLocked = (event) => seen.push(['locked', event.detail.message]);
  const onGone = (event) => seen.push(['unauthenticated', event.detail.message]);
  api.authEvents.addEventListener('locked', onLocked);
  api.authEvents.addEventListener('unauthenticated', onGone);
  try {
    answer = () => Promise.reject({ code: 'locked', message: '已锁定' });
    await assert.rejects(api.heartbeat(), { code: 'locked' });
    answer = () => Promise.reject({ code: 'unauthenticated', message: '请登录' });
    await assert.rejects(api.listUnits(), { code: 'unauthenticated' });
    answer = () => Promise.reject({ code: 'forbidden', message: '无权' });
    await assert.rejects(api.createUser({ username: 'a', displayName: 'b', role: 'viewer', password: '12345678' }));
    assert.deepEqual(seen, [
      ['locked', '已锁定'],
      ['unauthenticated', '请登录'],
    ]);
  } finally {
    api.authEvents.removeEventListener('locked', onLocked);
    api.authEvents.removeEventListener('unauthenticated', onGone);
  }
});

test('a wrong password on login or unlock stays on that screen', async () => {
  const seen = [];
  const listener = () => seen.push('event');
  api.authEvents.addEventListener('unauthenticated', listener);
  api.authEvents.addEventListener('locked', listener);
  try {
    answer = () => Promise.reject({ code: 'unauthenticated', message: '用户名或密码不正确' });
    await assert.rejects(api.login({ username: 'a', password: 'b' }), { message: '用户名或密码不正确' });
    answer = () => Promise.reject({ code: 'locked', message: '密码不正确' });
    await assert.rejects(api.unlock({ password: 'b' }));
    assert.deepEqual(seen, []);
  } finally {
    api.authEvents.removeEventListener('unauthenticated', listener);
    api.authEvents.removeEventListener('locked', listener);
  }
});

test('compact: the one helper that leaves out fields before a call', () => {
  const input = { a: 1, b: undefined, c: null, d: '', e: 0, f: false };
  assert.deepEqual(api.compact(input), { a: 1, c: null, d: '', e: 0, f: false });
  assert.deepEqual(api.compact(input, { dropEmpty: true }), { a: 1, e: 0, f: false });
  assert.deepEqual(api.compact(undefined), {});
});
