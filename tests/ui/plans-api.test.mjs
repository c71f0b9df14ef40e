// ui/js/api/plans.js against a fake window.__TAURI__: command names and argument shapes (docs/ipc-plans.md).
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
const plans = await import('../../ui/js/api/plans.js');

beforeEach(() => {
  calls.length = 0;
  answer = () => null;
});

test('list_plans sends only the filters that have a value', async () => {
  await plans.listPlans();
  await plans.listPlans({ status: 'all', kind: 'key', text: '专项' });
  await plans.listPlans({ status: 'archived', kind: '', text: '' });
  assert.deepEqual(calls, [
    ['list_plans', { input: { status: 'active' } }],
    ['list_plans', { input: { status: 'all', text: '专项', kind: 'key' } }],
    ['list_plans', { input: { status: 'archived' } }],
  ]);
});

test('create and update send the whole PlanInput', async () => {
  const plan = { title: '专项行动', kind: 'special', goal: '', leadUnitId: 3, start: '2026-03-02', end: '', note: '', sources: [{ issuer: '集团党委', number: '', title: '实施方案', extra: 1 }] };
  await plans.createPlan(plan);
  await plans.updatePlan({ id: 9, ...plan, end: '2026-12-31' });
  const expected = { title: '专项行动', kind: 'special', goal: '', leadUnitId: 3, start: '2026-03-02', end: null, note: '', sources: [{ issuer: '集团党委', number: '', title: '实施方案' }] };
  assert.deepEqual(calls, [
    ['create_plan', { input: expected }],
    ['update_plan', { input: { id: 9, ...expected, end: '2026-12-31' } }],
  ]);
});

test('plan, baseline and calendar commands', async () => {
  await plans.getPlan({ id: 4 });
  await plans.archivePlan({ id: 4, reason: '已完成' });
  await plans.restorePlan({ id: 4 });
  await plans.listBaselines({ planId: 4 });
  await plans.saveBaseline({ planId: 4, name: '计划批准时' });
  await plans.baselineVariance({ planId: 4, baselineId: 7 });
  await plans.calendarYear({ year: '2027' });
  await plans.listCalendarDays({ year: '2026' });
  await plans.setCalendarDay({ date: '2026-07-15', working: false, name: '矿庆日' });
  await plans.setCalendarDay({ date: '2027-02-06', working: true });
  await plans.removeCalendarDay({ date: '2026-07-15' });
  assert.deepEqual(calls, [
    ['get_plan', { input: { id: 4 } }],
    ['archive_plan', { input: { id: 4, reason: '已完成' } }],
    ['restore_plan', { input: { id: 4 } }],
    ['list_baselines', { input: { planId: 4 } }],
    ['save_baseline', { input: { planId: 4, name: '计划批准时' } }],
    ['baseline_variance', { input: { planId: 4, baselineId: 7 } }],
    ['calendar_year', { input: { year: 2027 } }],
    ['list_calendar_days', { input: { year: 2026 } }],
    ['set_calendar_day', { input: { date: '2026-07-15', working: false, name: '矿庆日' } }],
    ['set_calendar_day', { input: { date: '2027-02-06', working: true, name: '' } }],
    ['remove_calendar_day', { input: { date: '2026-07-15' } }],
  ]);
});

test('failures arrive normalized and auth failures reach the app', async () => {
  const seen = [];
  const onLocked = () => seen.push('locked');
  api.authEvents.addEventListener('locked', onLocked);
  answer = () => Promise.reject({ code: 'validation', message: '结束日期不能早于开始日期', field: 'end' });
  await assert.rejects(plans.createPlan({ title: 'x', kind: 'key', start: '2026-05-01', end: '2026-04-01' }), { code: 'validation', field: 'end' });
  answer = () => Promise.reject(JSON.stringify({ code: 'locked', message: '调度台已锁定' }));
  await assert.rejects(plans.listCalendarDays({ year: 2026 }), { code: 'locked' });
  api.authEvents.removeEventListener('locked', onLocked);
  assert.deepEqual(seen, ['locked']);
});
