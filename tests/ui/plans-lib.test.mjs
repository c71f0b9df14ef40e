// lib/plans.js: the plan form's checks and source rows, the status column, date clean-up.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  sourceRows,
  sourcesFromValues,
  validateSources,
  validatePlan,
  planInputFromValues,
  normalizeDateInput,
  planState,
  planStateOrder,
  finishesLate,
  sourceLabel,
} from '../../ui/js/lib/plans.js';
import { idFromSelect } from '../../ui/js/lib/options.js';
import { todayIso } from '../../ui/js/lib/clock.js';
import { suggestBaselineName } from '../../ui/js/views/plans/baselines.js';

const base = { title: '强化基础工作建设专项行动', kind: 'special', start: '2026-03-02', end: '2026-12-31', goal: '', note: '', leadUnitId: '' };

test('source rows are read in index order and blank rows dropped', () => {
  const values = {
    ...base,
    'sources[1].issuer': ' 潞安集团党委 ',
    'sources[1].number': '潞党发〔2026〕15号',
    'sources[1].title': '实施方案',
    'sources[0].issuer': '省国资委党委',
    'sources[0].number': '',
    'sources[0].title': '关于开展专项行动的通知',
    'sources[2].issuer': '',
    'sources[2].number': ' ',
    'sources[2].title': '',
  };
  assert.deepEqual(sourcesFromValues(values), [
    { issuer: '省国资委党委', number: '', title: '关于开展专项行动的通知' },
    { issuer: '潞安集团党委', number: '潞党发〔2026〕15号', title: '实施方案' },
  ]);
  assert.deepEqual(sourceRows(values).map((r) => r.index), [0, 1]);
  assert.deepEqual(sourcesFromValues(base), []);
});

test('a source row needs its title; the error names that row\'s field', () => {
  const errors = validateSources({ 'sources[0].title': '通知', 'sources[3].issuer': '集团公司党委' });
  assert.deepEqual(errors, { 'sources[3].title': '请填写文件标题（或清空这一行）' });
});

test('plan checks: name, kind, dates', () => {
  assert.deepEqual(validatePlan(base), {});
  const errors = validatePlan({ ...base, title: '  ', kind: '', start: '2026-13-01', end: 'x' });
  assert.equal(errors.title, '请填写计划名称');
  assert.equal(errors.kind, '请选择调度类别');
  assert.equal(errors.start, '开始日期格式应为 2026-03-05');
  assert.equal(errors.end, '结束日期格式应为 2026-03-05');
  assert.equal(validatePlan({ ...base, start: '' }).start, '请填写开始日期');
  assert.equal(validatePlan({ ...base, start: '2026-05-10', end: '2026-04-01' }).end, '结束日期不能早于开始日期');
  assert.equal(validatePlan({ ...base, end: '' }).end, undefined);
  assert.equal(validatePlan({ ...base, start: '2026/3/2', end: '2026年12月31日' }).start, undefined);
  assert.match(validatePlan({ ...base, title: '字'.repeat(101) }).title, /100/);
});

test('form values become the contract\'s PlanInput', () => {
  const input = planInputFromValues(
    { ...base, title: ' 专项行动 ', leadUnitId: '12', start: '2026/3/2', end: '', goal: ' 目标 ', 'sources[0].title': '通知' },
    idFromSelect,
  );
  assert.deepEqual(input, {
    title: '专项行动',
    kind: 'special',
    goal: '目标',
    leadUnitId: 12,
    start: '2026-03-02',
    end: null,
    note: '',
    sources: [{ issuer: '', number: '', title: '通知' }],
  });
  assert.equal(planInputFromValues({ ...base, leadUnitId: '' }, idFromSelect).leadUnitId, null);
});

test('typed dates are normalized', () => {
  assert.equal(normalizeDateInput('2026-3-5'), '2026-03-05');
  assert.equal(normalizeDateInput('2026/03/05'), '2026-03-05');
  assert.equal(normalizeDateInput('2026.3.5'), '2026-03-05');
  assert.equal(normalizeDateInput('2026年3月5日'), '2026-03-05');
  assert.equal(normalizeDateInput('２０２６－０３－０５'), '2026-03-05'); // full-width from an IME
  assert.equal(normalizeDateInput('20260305'), '2026-03-05');
  assert.equal(normalizeDateInput(' '), '');
  assert.equal(normalizeDateInput('明天'), '明天');
});

test('the status column', () => {
  const today = '2026-11-26';
  const plan = { archived: false, taskCount: 10, doneCount: 3, overdueCount: 0, start: '2026-03-01', end: '2026-12-31', finish: '2026-12-20' };
  assert.equal(planState(plan, today).key, 'active');
  assert.equal(planState({ ...plan, archived: true }, today).label, '已归档');
  assert.equal(planState({ ...plan, taskCount: 0 }, today).label, '未编制');
  assert.equal(planState({ ...plan, doneCount: 10 }, today).label, '已完成');
  assert.equal(planState({ ...plan, overdueCount: 2 }, today).label, '有逾期');
  assert.equal(planState({ ...plan, finish: '2027-01-15' }, today).label, '预计超期');
  assert.equal(planState({ ...plan, start: '2026-12-01' }, today).label, '未开始');
  assert.ok(planStateOrder('overdue') < planStateOrder('active'));
  assert.ok(planStateOrder('active') < planStateOrder('archived'));
  assert.equal(finishesLate({ finish: '2027-01-01', end: '2026-12-31' }), true);
  assert.equal(finishesLate({ finish: '2027-01-01', end: null }), false);
  assert.equal(finishesLate({ finish: null, end: '2026-12-31' }), false);
});

test('source labels read like a citation', () => {
  assert.equal(sourceLabel({ issuer: '潞安集团党委', number: '潞党发〔2026〕15号', title: '实施方案' }), '潞安集团党委 潞党发〔2026〕15号 《实施方案》');
  assert.equal(sourceLabel({ issuer: '', number: '', title: '《实施方案》' }), '《实施方案》');
});

test('baseline names are suggested from the date and never repeat', () => {
  assert.equal(suggestBaselineName([], '2026-11-26'), '2026年11月26日基线');
  assert.equal(suggestBaselineName([{ name: '2026年11月26日基线' }], '2026-11-26'), '2026年11月26日基线（2）');
  assert.equal(todayIso(new Date(2026, 0, 5)), '2026-01-05');
});
