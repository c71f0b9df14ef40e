// ui/js/api/spec.js against a fake window.__TAURI__: command names and argument shapes.
import { test, beforeEach } from 'node:test';
import assert from 'node:assert/strict';

const calls = [];
globalThis.window = {
  __TAURI__: {
    core: {
      invoke: async (...args) => {
        calls.push(args);
        return null;
      },
    },
  },
};

const spec = await import('../../ui/js/api/spec.js');

beforeEach(() => {
  calls.length = 0;
});

test('an item form sends every field; branch items send no units', async () => {
  await spec.createSpecItem({ scope: 'branch', title: '支部委员会会议', dueText: '每月最后一个工作日', unitIds: ['3'] });
  await spec.updateSpecItem({ id: 7, scope: 'committee', title: '党委会议', dueText: '每月第2个工作日', unitIds: ['2', '5'], note: '改时限' });
  assert.equal(calls[0][0], 'create_spec_item');
  assert.deepEqual(calls[0][1].input.unitIds, []);
  assert.equal(calls[0][1].input.content, '');
  assert.equal(calls[1][0], 'update_spec_item');
  assert.deepEqual(calls[1][1].input.unitIds, [2, 5]);
  assert.equal(calls[1][1].input.id, 7);
  assert.equal(calls[1][1].input.note, '改时限');
});

test('period requests leave out what is not given', async () => {
  await spec.specOmissions({ period: '2026-03', unitId: null, asOf: '' });
  await spec.specOmissions({ period: '2026-03', unitId: 4, asOf: '2026-04-01' });
  await spec.exportSpecXlsx({ kind: 'checklist', period: '2026-03-D2', unitId: 4 });
  await spec.markSpecDone({ id: 9, doneDate: '2026-03-05' });
  assert.deepEqual(calls, [
    ['spec_omissions', { input: { period: '2026-03' } }],
    ['spec_omissions', { input: { period: '2026-03', unitId: 4, asOf: '2026-04-01' } }],
    ['export_spec_xlsx', { input: { kind: 'checklist', period: '2026-03-D2', unitId: 4 } }],
    ['mark_spec_done', { input: { id: 9, doneDate: '2026-03-05', note: '', evidence: '' } }],
  ]);
});
