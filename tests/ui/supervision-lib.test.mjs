// lib/supervision.js: the wording of nodes, missing reports and reminders,
// percentages, and the bar chart geometry of the dashboard.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { barChart, itemName, lightOf, missingText, nodeText, percentText, reminderStatus, shortDate, yearChoices } from '../../ui/js/lib/supervision.js';

test('dates and nodes read as the office writes them', () => {
  assert.equal(shortDate('2026-03-05'), '3月5日');
  assert.equal(shortDate('2025-12-31', 2026), '2025年12月31日');
  assert.equal(shortDate('2026-12-31', 2026), '12月31日');
  assert.equal(shortDate(''), '');
  assert.equal(nodeText({ kind: 'feedback', date: '2026-10-02', effective: '2026-09-30' }), '10月2日前反馈（遇休息日，提前至9月30日）');
  assert.equal(nodeText({ kind: 'feedback', date: '2026-10-09', effective: '2026-10-09' }), '10月9日前反馈');
  assert.equal(nodeText({ kind: 'deadline', date: '2026-10-16', effective: '2026-10-16' }), '10月16日前完成');
  assert.equal(nodeText({ kind: 'finish', date: '2026-11-16', effective: '2026-11-16' }), '计划11月16日完成');
  assert.equal(nodeText(null), '');
});

test('missing reports and reminders are summarised', () => {
  const item = {
    missing: [
      { kind: 'feedback', date: '2026-09-25' },
      { kind: 'feedback', date: '2026-10-02' },
      { kind: 'deadline', date: '2026-10-16' },
    ],
  };
  assert.equal(missingText(item), '缺报 9月25日、10月2日；超过完成时限 10月16日');
  assert.equal(missingText({ missing: [{ kind: 'finish', date: '2026-11-16' }] }), '超过计划完成日期 11月16日');
  assert.equal(missingText({ missing: [] }), '');
  assert.equal(reminderStatus({ reminders: [] }), '未催办');
  assert.equal(reminderStatus({ reminders: [{ number: '晋源党调催〔2026〕3号', sentOn: '2026-11-24' }, { number: '晋源党调催〔2026〕1号', sentOn: '2026-11-10' }] }), '已催办 2 次（最近：晋源党调催〔2026〕3号，11月24日）');
  assert.equal(itemName({ number: '晋源党调令〔2026〕1号', title: '关于补齐台账的调度令' }), '晋源党调令〔2026〕1号《关于补齐台账的调度令》');
  assert.equal(itemName({ number: null, title: '支部摸底' }), '支部摸底');
});

test('percentages and the light words', () => {
  assert.equal(percentText(0.875), '87.5%');
  assert.equal(percentText(1), '100%');
  assert.equal(percentText(2 / 3), '66.7%');
  assert.equal(percentText(0), '0%');
  assert.equal(percentText(null), '—');
  assert.deepEqual(lightOf('overdue'), { label: '逾期', tone: 'red' });
  assert.deepEqual(lightOf('due_soon'), { label: '临期', tone: 'amber' });
  assert.deepEqual(lightOf('whatever'), { label: '正常', tone: 'none' });
  assert.deepEqual(yearChoices(2026).slice(0, 3), [2026, 2025, 2024]);
});

test('bars scale to the largest value (or the given maximum) and stack in rows', () => {
  const units = [
    { name: '组织部', n: 4 },
    { name: '宣传部', n: 2 },
    { name: '团委', n: 0 },
  ];
  const g = barChart(units, { value: (u) => u.n, label: (u) => u.name, width: 400, labelWidth: 100, valueWidth: 100, rowHeight: 20, gap: 5 });
  assert.equal(g.plot, 200);
  assert.deepEqual(
    g.bars.map((b) => [b.label, b.w, b.y]),
    [
      ['组织部', 200, 0],
      ['宣传部', 100, 25],
      ['团委', 0, 50],
    ],
  );
  assert.equal(g.height, 70);
  assert.equal(g.bars[1].textX, 100 + 100 + 6);
  // Rates against a fixed maximum of 1; a tiny positive value stays visible.
  const r = barChart([{ rate: 0.5 }, { rate: 0.001 }], { value: (u) => u.rate, label: () => 'x', max: 1, width: 400, labelWidth: 100, valueWidth: 100 });
  assert.deepEqual(r.bars.map((b) => b.w), [100, 2]);
  // Nothing to draw: no division by zero.
  assert.equal(barChart([], { value: () => 0, label: () => '' }).bars.length, 0);
});
