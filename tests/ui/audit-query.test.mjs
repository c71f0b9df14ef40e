import { test } from 'node:test';
import assert from 'node:assert/strict';
import { auditQuery, auditFilterSchema } from '../../ui/js/lib/audit-query.js';
import { validate } from '../../ui/js/lib/validate.js';

test('empty filters are left out and text is trimmed', () => {
  assert.deepEqual(auditQuery({ entity: '', action: 'update', username: ' wuxd ', text: '', from: '2026-03-01', to: '' }), {
    action: 'update',
    username: 'wuxd',
    from: '2026-03-01',
  });
  assert.deepEqual(auditQuery({}), {});
});

test('dates must be real YYYY-MM-DD dates', () => {
  assert.deepEqual(validate({ from: '2026-02-30', to: '' }, auditFilterSchema), { from: '开始日期格式应为 2026-03-05' });
  assert.deepEqual(validate({ from: '', to: '3/5' }, auditFilterSchema), { to: '结束日期格式应为 2026-03-05' });
  assert.deepEqual(validate({ from: '', to: '' }, auditFilterSchema), {});
});

test('the end date may not come before the start date', () => {
  assert.deepEqual(validate({ from: '2026-03-05', to: '2026-03-04' }, auditFilterSchema), { to: '结束日期不能早于开始日期' });
  assert.deepEqual(validate({ from: '2026-03-05', to: '2026-03-05' }, auditFilterSchema), {});
  // A broken start date is reported on its own field, not as an order problem.
  assert.deepEqual(validate({ from: 'x', to: '2026-03-04' }, auditFilterSchema), { from: '开始日期格式应为 2026-03-05' });
});
