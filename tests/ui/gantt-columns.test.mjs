import { test } from 'node:test';
import assert from 'node:assert/strict';
import { COLUMNS, columnsFor, cellText, cooperatingOptions, editValue, parseEdit, isEditable, personOptions, unitPatch } from '../../ui/js/gantt/columns.js';
import { readTaskForm, readLag, findTaskByOutline } from '../../ui/js/gantt/task-form.js';
import { task } from './gantt-fixture.mjs';

const col = (key) => COLUMNS.find((c) => c.key === key);

test('the table has the issue\'s columns, the variance only with a baseline', () => {
  assert.deepEqual(columnsFor().map((c) => c.label), ['编号', '任务名称', '责任单位', '责任人', '配合单位', '开始', '工期', '完成时限', '进度', '状态', '总时差']);
  assert.equal(columnsFor({ baseline: true }).at(-1).label, '偏差');
});

test('cell texts carry their meaning as a class', () => {
  const t = task(3, { outline: '1.2', leadUnitName: '组织部', earlyStart: '2026-11-02', deadline: '2026-11-20', dueState: 'overdue', progress: 60, status: 'supervising', statusLabel: '督办落实', totalFloat: -2, baselineVariance: 3 });
  assert.deepEqual(cellText(col('outline'), t), ['1.2', '']);
  assert.deepEqual(cellText(col('unit'), t), ['组织部', '']);
  assert.deepEqual(cellText(col('start'), t), ['2026-11-02', '']);
  assert.deepEqual(cellText(col('deadline'), t), ['2026-11-20', 'is-overdue']);
  assert.deepEqual(cellText(col('deadline'), { ...t, dueState: 'due_soon' }), ['2026-11-20', 'is-due-soon']);
  assert.deepEqual(cellText(col('deadline'), { ...t, dueState: 'none', cannotMeetDeadline: true }), ['2026-11-20', 'is-late']);
  assert.deepEqual(cellText(col('progress'), t), ['60%', '']);
  assert.deepEqual(cellText(col('status'), t), ['督办落实', 'status-supervising']);
  assert.deepEqual(cellText(col('float'), t), ['-2', 'is-negative']);
  assert.deepEqual(cellText(col('float'), { ...t, totalFloat: 0, critical: true }), ['0', 'is-critical']);
  assert.deepEqual(cellText(col('variance'), t), ['+3', 'is-late']);
  assert.deepEqual(cellText(col('variance'), { ...t, baselineVariance: -1 }), ['-1', 'is-early']);
  assert.deepEqual(cellText(col('duration'), t), ['5', '']);
  assert.deepEqual(cellText(col('duration'), t, { summary: true, summaryDays: 12 }), ['12', 'is-derived']);
  assert.deepEqual(cellText(col('duration'), { ...t, milestone: true, duration: 0 }), ['0', '']);
});

test('editors start from the planned values and check what was typed', () => {
  const t = task(3, { start: null, earlyStart: '2026-11-04', leadUnitId: 12, progress: 40 });
  assert.equal(editValue(col('start'), t), '2026-11-04');
  assert.equal(editValue(col('unit'), t), '12');
  assert.equal(editValue(col('progress'), t), '40');
  assert.deepEqual(parseEdit(col('name'), '  召开推进会 ', t), { value: '召开推进会' });
  assert.ok(parseEdit(col('name'), '   ', t).error.includes('不能为空'));
  assert.deepEqual(parseEdit(col('duration'), '8', t), { value: 8 });
  assert.ok(parseEdit(col('duration'), '0', t).error);
  assert.ok(parseEdit(col('duration'), '2.5', t).error);
  assert.ok(parseEdit(col('duration'), '3', { ...t, milestone: true }).error.includes('里程碑'));
  assert.deepEqual(parseEdit(col('progress'), '100%', t), { value: 100 });
  assert.ok(parseEdit(col('progress'), '101', t).error);
  assert.deepEqual(parseEdit(col('deadline'), '', t), { value: null });
  assert.deepEqual(parseEdit(col('deadline'), '2026-12-31', t), { value: '2026-12-31' });
  assert.ok(parseEdit(col('deadline'), '2026-02-30', t).error.includes('YYYY-MM-DD'));
  assert.deepEqual(parseEdit(col('unit'), '', t), { value: null });
  assert.deepEqual(parseEdit(col('unit'), '14', t), { value: 14 });
  assert.deepEqual(parseEdit(col('status'), 'closed', t), { value: 'closed' });
  assert.ok(parseEdit(col('status'), 'done', t).error);
  assert.ok(parseEdit(col('outline'), '1', t).error);
});

test('a summary\'s dates, duration and progress follow its tasks', () => {
  assert.equal(isEditable(col('start'), { summary: true }), false);
  assert.equal(isEditable(col('duration'), { summary: true }), false);
  assert.equal(isEditable(col('name'), { summary: true }), true);
  assert.equal(isEditable(col('deadline'), { summary: true }), true);
  assert.equal(isEditable(col('float')), false);
});

test('the detail form reads every field and checks it', () => {
  const values = { name: ' 学习研讨 ', goal: '', content: '', leadUnitId: '12', start: '', duration: '3', deadline: '2026-12-01', milestone: false, progress: '20', status: 'in_progress', actualStart: '2026-11-02', actualFinish: '' };
  const { errors, patch } = readTaskForm(values);
  assert.deepEqual(errors, {});
  assert.deepEqual(patch, { name: '学习研讨', goal: '', content: '', leadUnitId: 12, start: null, deadline: '2026-12-01', actualStart: '2026-11-02', actualFinish: null, milestone: false, duration: 3, progress: 20, status: 'in_progress' });
  assert.ok(readTaskForm({ ...values, name: '' }).errors.name);
  assert.ok(readTaskForm({ ...values, duration: '0' }).errors.duration.includes('里程碑'));
  assert.deepEqual(readTaskForm({ ...values, duration: '0', milestone: true }).errors, {});
  assert.ok(readTaskForm({ ...values, duration: '2', milestone: true }).errors.duration);
  assert.ok(readTaskForm({ ...values, deadline: '2026/12/01' }).errors.deadline);
  assert.ok(readTaskForm({ ...values, actualFinish: '2026-11-01' }).errors.actualFinish);
  assert.ok(readTaskForm({ ...values, progress: 'abc' }).errors.progress);
  // A summary sends neither start nor duration.
  const summary = readTaskForm(values, { summary: true }).patch;
  assert.ok(!('start' in summary) && !('duration' in summary) && !('milestone' in summary));
});

test('lags and outline numbers', () => {
  assert.deepEqual(readLag(''), { value: 0 });
  assert.deepEqual(readLag('-2'), { value: -2 });
  assert.deepEqual(readLag('+3'), { value: 3 });
  assert.ok(readLag('1.5').error);
  const tasks = [task(1, { outline: '1', name: '阶段一' }), task(2, { outline: '1.1', name: '制定方案' })];
  assert.equal(findTaskByOutline(tasks, ' 1.1 ').id, 2);
  assert.equal(findTaskByOutline(tasks, '制定方案').id, 2);
  assert.equal(findTaskByOutline(tasks, '9'), null);
});

test('责任人 is chosen among the people of the unit and leaves with a new unit; 配合单位 shows by name', () => {
  const people = [{ id: 1, name: '甲', unitId: 10, title: '书记' }, { id: 2, name: '乙', unitId: 20, title: '' }];
  assert.deepEqual(personOptions(people, 10), [{ value: '1', label: '甲（书记）' }]);
  assert.deepEqual(personOptions(people, null), []);
  const t = task(4, { leadUnitId: 10, personId: 1, personName: '甲', cooperatingUnitNames: ['工会', '团委'] });
  assert.deepEqual(cellText(col('person'), t), ['甲', '']);
  assert.deepEqual(cellText(col('coop'), t), ['工会、团委', '']);
  assert.equal(editValue(col('person'), t), '1');
  assert.deepEqual(parseEdit(col('person'), '2', t), { value: 2 });
  assert.deepEqual(parseEdit(col('person'), '', t), { value: null });
  assert.deepEqual(unitPatch(t, 20, people), { leadUnitId: 20, personId: null });
  assert.deepEqual(unitPatch({ ...t, personId: 2 }, 20, people), { leadUnitId: 20 });
  assert.equal(isEditable(col('person')), true);
  assert.equal(isEditable(col('coop')), true);
  const helped = { ...t, cooperatingUnitIds: [30, 40], cooperatingUnitNames: ['工会', '已撤销的科室'] };
  assert.deepEqual(editValue(col('coop'), helped), ['30', '40']);
  assert.deepEqual(parseEdit(col('coop'), ['40', '30', '40'], helped), { value: [40, 30] });
  assert.deepEqual(parseEdit(col('coop'), [], helped), { value: [] });
  assert.deepEqual(parseEdit(col('coop'), ['10'], helped), { error: '责任单位不能同时是配合单位' });
  assert.deepEqual(parseEdit(col('coop'), ['x'], helped), { error: '配合单位选择有误，请重新勾选' });
  // Offered: every unit but the responsible one; a helper no longer listed (retired) stays first.
  const units = [{ value: '10', label: '组织部' }, { value: '30', label: '工会' }, { value: '50', label: '团委' }];
  assert.deepEqual(cooperatingOptions(units, helped), [{ value: '40', label: '已撤销的科室' }, { value: '30', label: '工会' }, { value: '50', label: '团委' }]);
  const { patch } = readTaskForm({ name: 'x', duration: '1', progress: '0', status: 'planned', leadUnitId: '10', personId: '1', cooperatingUnitIds: ['20', '10'] });
  assert.equal(patch.personId, 1);
  assert.deepEqual(patch.cooperatingUnitIds, [20]);
});
