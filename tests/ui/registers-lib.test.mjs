// The registers' form checks and labels (ui/js/lib/registers.js) and the
// argument shapes of ui/js/api/registers.js against a fake window.__TAURI__.
import { test } from 'node:test';
import assert from 'node:assert/strict';

const calls = [];
globalThis.window = { __TAURI__: { core: { invoke: async (...args) => (calls.push(args), []) } } };

const lib = await import('../../ui/js/lib/registers.js');
const api = await import('../../ui/js/api/registers.js');
const plansApi = await import('../../ui/js/api/plans.js');
const plansLib = await import('../../ui/js/lib/plans.js');

test('a visit needs its point and a past date; problems are one per line', () => {
  assert.deepEqual(lib.problemLines(' 台账不全 \n\n  电脑老旧\n'), ['台账不全', '电脑老旧']);
  assert.deepEqual(lib.validateVisit({ pointId: '3', visitedOn: '2026-03-05', problems: 'a' }, '2026-03-05'), {});
  const e = lib.validateVisit({ pointId: '', visitedOn: '2026-03-06', problems: '问'.repeat(501) }, '2026-03-05');
  assert.equal(e.pointId, '请选择帮扶点');
  assert.match(e.visitedOn, /不能晚于今天/);
  assert.match(e.problems, /不能超过500/);
  assert.match(lib.validateVisit({ pointId: '1', visitedOn: '2026-02-30' }, '2026-03-05').visitedOn, /格式/);
});

test('conversions check the deadline against the visit and the 三定 fields', () => {
  const e = lib.validateConversion('rectification', { deadline: '2026-03-01', itemName: ' ', personName: '' }, '2026-03-05', '2026-03-10');
  assert.match(e.deadline, /不能早于走访日期/);
  assert.equal(e.itemName, '请填写整改项目名称');
  assert.equal(e.personName, '请填写整改责任人');
  assert.deepEqual(lib.validateConversion('task', { deadline: '2026-04-01' }, '2026-03-05', '2026-03-10'), {});
  const o = lib.validateConversion('onsite', { solvedOn: '2026-03-11', solution: '' }, '2026-03-05', '2026-03-10');
  assert.match(o.solvedOn, /不能晚于今天/);
  assert.equal(o.solution, '请填写解决情况');
});

test('what became of a problem reads as a tag', () => {
  assert.deepEqual(lib.problemState({ outcome: 'pending' }), { text: '待处理', tone: 'warn' });
  assert.equal(lib.problemState({ outcome: 'task', solved: false, progressLabel: '组织实施' }).text, '已转任务：组织实施');
  assert.equal(lib.problemState({ outcome: 'rectification', solved: true, solvedOn: '2026-03-09' }).text, '整改已销号 2026-03-09');
  assert.equal(lib.problemState({ outcome: 'onsite', solvedOn: '2026-03-05' }).tone, 'ok');
});

test('emergency and closure times are in the past and in order', () => {
  const now = '2026-03-05 10:00';
  assert.deepEqual(lib.validateEmergency({ occurredAt: '2026-03-05 9:30', place: '东门', reporter: '门卫', what: '聚集' }, now), {});
  const e = lib.validateEmergency({ occurredAt: '2026-03-05 10:30', place: ' ', reporter: '', what: '' }, now);
  assert.match(e.occurredAt, /不能晚于现在/);
  assert.equal(e.place, '请填写发生地点');
  assert.equal(e.what, '请填写事件经过');
  assert.match(lib.validateEmergency({ occurredAt: '昨天' }, now).occurredAt, /格式/);
  const c = lib.validateClosure({ closedAt: '2026-03-05 09:00', closureNote: '' }, '2026-03-05 09:30', now);
  assert.match(c.closedAt, /不能早于事件发生时间/);
  assert.equal(c.closureNote, '请填写处置结果');
  assert.equal(lib.dutyLine({ leader: { name: '钱志强', label: '矿长' }, dispatcher: null }), '带班领导 钱志强（矿长） · 未排值班调度员');
  assert.match(lib.dutyLine({ leader: null, dispatcher: { name: '李调度' } }), /未排带班领导/);
});

test('duties and archived files', () => {
  assert.match(lib.validateDuty({ post: '调度员', duties: '值班', since: '2026-05-01', until: '2026-04-01' }).until, /不能早于起始日期/);
  assert.deepEqual(lib.validateDuty({ post: '调度员', duties: '值班', since: '2026-05-01', until: '' }), {});
  const a = lib.validateArchive({ kind: '', title: '', issuedOn: '2026-03-06' }, [], '2026-03-05');
  assert.equal(a.kind, '请选择文档类别');
  assert.match(a.issuedOn, /不能晚于今天/);
  assert.match(a.attachments, /请添加文件/);
  assert.equal(lib.archiveLabel({ issuer: '集团党委', number: '集团党发〔2026〕31号', title: '实施方案' }), '集团党委 集团党发〔2026〕31号 《实施方案》');
});

test('the api sends camelCase inputs and leaves out empty filters', async () => {
  calls.length = 0;
  await api.listVisits({ year: 2026 });
  await api.listArchive({ text: '', kind: 'rule' });
  await api.problemToTask({ problemId: 4, deadline: '2026-04-01' });
  await api.previewEmergency({ id: 7 });
  await api.closeEmergency({ id: 7, closedAt: '2026-03-05 12:00', closureNote: '结束' });
  assert.deepEqual(calls, [
    ['list_visits', { input: { year: 2026 } }],
    ['list_archive', { input: { kind: 'rule', includeRetired: false } }],
    ['problem_to_task', { input: { problemId: 4, deadline: '2026-04-01', name: '', planId: null, leadUnitId: null } }],
    ['preview_emergency', { input: { id: 7 } }],
    ['close_emergency', { input: { id: 7, closedAt: '2026-03-05 12:00', closureNote: '结束' } }],
  ]);
});

test('a plan keeps the archived files it cites through the form and the api', async () => {
  const values = {
    'sources[0].issuer': '集团党委',
    'sources[0].number': '集团党发〔2026〕31号',
    'sources[0].title': '实施方案',
    'sources[0].archiveId': '12',
    'sources[1].title': '手填的文件',
  };
  const sources = plansLib.sourcesFromValues(values);
  assert.deepEqual(sources, [
    { issuer: '集团党委', number: '集团党发〔2026〕31号', title: '实施方案', archiveId: 12 },
    { issuer: '', number: '', title: '手填的文件' },
  ]);
  calls.length = 0;
  await plansApi.updatePlan({ id: 3, title: '计划', kind: 'special', start: '2026-03-01', sources });
  assert.deepEqual(calls[0][1].input.sources, sources);
});
