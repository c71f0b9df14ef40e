// ui/js/api/chart.js against a fake window.__TAURI__: command names and input shapes.
import { test, beforeEach } from 'node:test';
import assert from 'node:assert/strict';

const calls = [];
globalThis.window = {
  __TAURI__: { core: { invoke: async (...args) => (calls.push(args), { tasks: [], links: [] }) } },
};
const api = await import('../../ui/js/api/chart.js');

beforeEach(() => {
  calls.length = 0;
});

test('chart commands are invoked with {input} as docs/ipc-plans.md names them', async () => {
  await api.getChart({ planId: 3 });
  await api.getChart({ planId: 3, baselineId: 5 });
  await api.moveTask({ id: 7, start: '2026-11-30' });
  await api.moveTask({ id: 7, duration: 4 });
  await api.reparentTask({ id: 7, parentId: undefined, position: 2 });
  await api.createLink({ planId: 3, predId: 1, succId: 2 });
  await api.updateTask({ id: 7, deadline: null, name: undefined });
  assert.deepEqual(calls, [
    ['get_chart', { input: { planId: 3 } }],
    ['get_chart', { input: { planId: 3, baselineId: 5 } }],
    ['move_task', { input: { id: 7, start: '2026-11-30' } }],
    ['move_task', { input: { id: 7, duration: 4 } }],
    ['reparent_task', { input: { id: 7, parentId: null, position: 2 } }],
    ['create_link', { input: { planId: 3, predId: 1, succId: 2, kind: 'FS', lag: 0 } }],
    ['update_task', { input: { id: 7, deadline: null } }],
  ]);
});

test('runChartOp runs the undo entries\' operations and refuses unknown ones', async () => {
  await api.runChartOp('deleteLink', { id: 4 });
  // Whatever else an entry carried, the undo of a delete sends the id only.
  await api.runChartOp('restoreTasks', { id: 5, tasks: [{ id: 9e15, status: 'closed' }] });
  await api.runChartOp('cancelTask', { id: 5, reason: '并入年度计划' });
  await api.runChartOp('resumeTask', { id: 5 });
  assert.deepEqual(calls, [
    ['delete_link', { input: { id: 4 } }],
    ['restore_tasks', { input: { id: 5 } }],
    ['cancel_task', { input: { id: 5, reason: '并入年度计划' } }],
    ['resume_task', { input: { id: 5 } }],
  ]);
  await assert.rejects(api.runChartOp('dropTable', {}), (e) => e.code === 'internal');
});
