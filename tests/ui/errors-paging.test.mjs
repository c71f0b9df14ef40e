import { test } from 'node:test';
import assert from 'node:assert/strict';
import { normalizeError, isAuthError } from '../../ui/js/lib/errors.js';
import { pageInfo, offsetForPage } from '../../ui/js/lib/paging.js';

test('contract-shaped errors pass through', () => {
  assert.deepEqual(normalizeError({ code: 'validation', message: '单位名称不能为空', field: 'name' }), {
    code: 'validation',
    message: '单位名称不能为空',
    field: 'name',
  });
  assert.deepEqual(normalizeError({ code: 'forbidden', message: '无权操作', field: null }), {
    code: 'forbidden',
    message: '无权操作',
  });
});

test('strings, JSON strings and Error objects become internal errors', () => {
  assert.deepEqual(normalizeError('command list_units not found'), { code: 'internal', message: 'command list_units not found' });
  assert.deepEqual(normalizeError('{"code":"locked","message":"已锁定"}'), { code: 'locked', message: '已锁定' });
  assert.deepEqual(normalizeError(new Error('boom')), { code: 'internal', message: 'boom' });
  assert.equal(normalizeError(undefined).code, 'internal');
  assert.ok(normalizeError({}).message.length > 0);
});

test('auth errors are recognised', () => {
  assert.ok(isAuthError({ code: 'locked' }));
  assert.ok(isAuthError({ code: 'unauthenticated' }));
  assert.ok(!isAuthError({ code: 'forbidden' }));
  assert.ok(!isAuthError(null));
});

test('pageInfo computes pages and ranges', () => {
  assert.deepEqual(pageInfo({ total: 0, limit: 50, offset: 0 }), { page: 1, pages: 1, from: 0, to: 0, hasPrev: false, hasNext: false });
  assert.deepEqual(pageInfo({ total: 120, limit: 50, offset: 0 }), { page: 1, pages: 3, from: 1, to: 50, hasPrev: false, hasNext: true });
  assert.deepEqual(pageInfo({ total: 120, limit: 50, offset: 100 }), { page: 3, pages: 3, from: 101, to: 120, hasPrev: true, hasNext: false });
  assert.deepEqual(pageInfo({ total: 100, limit: 50, offset: 50 }), { page: 2, pages: 2, from: 51, to: 100, hasPrev: true, hasNext: false });
  // An offset past the end (rows deleted meanwhile never happens, but filters change) clamps to the last page.
  assert.equal(pageInfo({ total: 10, limit: 50, offset: 200 }).page, 1);
  assert.equal(offsetForPage(3, 50), 100);
  assert.equal(offsetForPage(0, 50), 0);
});
