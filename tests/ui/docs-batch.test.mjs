// Batch printing, 公文设置 and 生成通知单: the pure rules the dialogs use and
// the commands ui/js/api/docs.js sends (against a fake window.__TAURI__).
import { test, beforeEach } from 'node:test';
import assert from 'node:assert/strict';

const calls = [];
const listeners = [];
globalThis.window = {
  __TAURI__: {
    core: {
      invoke: async (...args) => {
        calls.push(args);
        return null;
      },
    },
    event: {
      listen: async (name, fn) => {
        listeners.push([name, fn]);
        return () => listeners.splice(listeners.findIndex((l) => l[1] === fn), 1);
      },
    },
  },
};

const docs = await import('../../ui/js/api/docs.js');
const { batchOrder, selectAllState, progressText, percent, selectionSummary } = await import('../../ui/js/lib/batch.js');
const { numberExample, checkPrefix, sourceLabel } = await import('../../ui/js/lib/doc-settings.js');
const { tasksUnder, expandSelection, noticeGroups, stageState, initialSelection } = await import('../../ui/js/lib/notice-tasks.js');

beforeEach(() => {
  calls.length = 0;
});

test('batch commands: printing sends printer and copies, saving does not', async () => {
  await docs.runDocBatch({ ids: [3, 1], target: 'print', printer: 'PDF', copies: 2 });
  await docs.runDocBatch({ ids: [3], target: 'folder', printer: 'ignored', copies: 9 });
  await docs.cancelDocBatch();
  assert.deepEqual(calls, [
    ['run_doc_batch', { input: { ids: [3, 1], target: 'print', printer: 'PDF', copies: 2 } }],
    ['run_doc_batch', { input: { ids: [3], target: 'folder' } }],
    ['cancel_doc_batch'],
  ]);
});

test('batch progress arrives through the event and stops when unlistened', async () => {
  const seen = [];
  const stop = await docs.onDocBatchProgress((p) => seen.push(p));
  assert.equal(listeners.length, 1);
  assert.equal(listeners[0][0], 'doc-batch-progress');
  listeners[0][1]({ payload: { done: 2, total: 5 } });
  assert.deepEqual(seen, [{ done: 2, total: 5 }]);
  stop();
  assert.equal(listeners.length, 0);
});

test('document settings commands', async () => {
  await docs.getDocSettings();
  await docs.updateDocSettings({ issuerName: '漳村煤矿党委', orderPrefix: '漳党调令', noticePrefix: '漳党调通', reminderPrefix: '漳党催', bulletinPrefix: '', rewardPrefix: '漳党奖惩', sealWidthMm: 42, extra: 1 });
  await docs.chooseDocFont({ role: 'fang_song' });
  await docs.clearDocFont({ role: 'kai_ti' });
  await docs.chooseSealImage();
  await docs.clearSealImage();
  await docs.sealImagePreview();
  await docs.docFontsInUse();
  assert.deepEqual(calls, [
    ['get_doc_settings'],
    ['update_doc_settings', { input: { issuerName: '漳村煤矿党委', orderPrefix: '漳党调令', noticePrefix: '漳党调通', reminderPrefix: '漳党催', bulletinPrefix: '', rewardPrefix: '漳党奖惩', sealWidthMm: 42 } }],
    ['choose_doc_font', { input: { role: 'fang_song' } }],
    ['clear_doc_font', { input: { role: 'kai_ti' } }],
    ['choose_seal_image'],
    ['clear_seal_image'],
    ['seal_image_preview'],
    ['doc_fonts_in_use'],
  ]);
});

test('a batch goes in list order, then the selected documents the filter hides', () => {
  assert.deepEqual(batchOrder([5, 3, 9, 1], [1, 9, 7], [1, 3, 5, 7, 9]), [9, 1, 7]);
  assert.deepEqual(batchOrder(['2', '4'], [4, 2]), ['2', '4'], 'ids compare as text or numbers');
  assert.deepEqual(batchOrder([1, 2], []), []);
});

test('the select-all box is checked, mixed or clear', () => {
  assert.equal(selectAllState([], [1]), 'none');
  assert.equal(selectAllState([1, 2], []), 'none');
  assert.equal(selectAllState([1, 2], [2]), 'some');
  assert.equal(selectAllState([1, 2], [1, 2, 3]), 'all');
});

test('progress reads n / total and the share done', () => {
  assert.equal(progressText('print', { done: 2, total: 20 }), '正在打印：第 3 / 20 份（已完成 2 份）');
  assert.equal(progressText('folder', { done: 20, total: 20 }), '已保存 20 / 20 份');
  assert.equal(progressText('combined', { done: 5, total: 5 }), '已排版 5 份，正在生成文件…');
  assert.equal(percent({ done: 1, total: 3 }), 33);
  assert.equal(percent({ done: 0, total: 0 }), 0);
});

test('the selection summary counts kinds and drafts', () => {
  const d = (kind, number) => ({ kind, number });
  assert.equal(selectionSummary([d('notice', 'A'), d('notice', null), d('order', 'B')]), '共 3 份：通知单 2 份，调度令 1 份（其中草稿 1 份，打印件无文号）');
  assert.equal(selectionSummary([d('order', 'B')]), '共 1 份：调度令 1 份');
});

test('number prefixes: the example and the same rules as the core', () => {
  assert.equal(numberExample(' 漳党调令 ', 2026, 7), '漳党调令〔2026〕7号');
  assert.equal(numberExample('', 2026, 1), '（前缀）〔2026〕1号');
  assert.equal(checkPrefix('漳党调令', '前缀'), null);
  assert.match(checkPrefix('', '前缀'), /请填写/);
  assert.match(checkPrefix('漳党调令〔2026〕', '前缀'), /不能含有“〔”/);
  assert.match(checkPrefix('漳党 调令', '前缀'), /不能含有/);
  assert.match(checkPrefix('漳党调令7号', '前缀'), /只填机关代字/);
  assert.match(checkPrefix('一二三四五六七八九十一二三', '前缀'), /最多12个字/);
});

test('where a font comes from, in words', () => {
  assert.equal(sourceLabel({ source: 'user' }), '指定的文件');
  assert.equal(sourceLabel({ source: 'system', substitute: false }), '系统字体');
  assert.match(sourceLabel({ source: 'system', substitute: true, roleLabel: '楷体' }), /本机没有楷体/);
});

// 1 stage A (tasks 2, 3; sub-stage 4 with task 5), stage 6 (empty), task 7 without unit.
const TASKS = [
  { id: 1, parentId: null, kind: 'stage', outline: '1', name: 'A' },
  { id: 2, parentId: 1, kind: 'task', outline: '1.1', name: 't2', leadUnitId: 10, leadUnitName: '综采一队党支部', deadline: '2026-03-01' },
  { id: 3, parentId: 1, kind: 'task', outline: '1.2', name: 't3', leadUnitId: 11, leadUnitName: '机电科党支部' },
  { id: 4, parentId: 1, kind: 'stage', outline: '1.3', name: 'A.3' },
  { id: 5, parentId: 4, kind: 'task', outline: '1.3.1', name: 't5', leadUnitId: 10, leadUnitName: '综采一队党支部' },
  { id: 6, parentId: null, kind: 'stage', outline: '2', name: 'B' },
  { id: 7, parentId: null, kind: 'task', outline: '3', name: '无单位', leadUnitId: null },
];

test('a stage stands for every task under it, each task once, in chart order', () => {
  assert.deepEqual(tasksUnder(TASKS, 1).map((t) => t.id), [2, 3, 5]);
  assert.deepEqual(tasksUnder(TASKS, 6), []);
  assert.deepEqual(expandSelection(TASKS, [5, 1, 2]), [2, 3, 5]);
  assert.deepEqual([...initialSelection(TASKS, 4)], [5]);
  assert.deepEqual([...initialSelection(TASKS, null)], []);
});

test('one notice per unit; tasks without a unit are named', () => {
  const { groups, missingUnit } = noticeGroups(TASKS, [1, 7]);
  assert.deepEqual(groups.map((g) => [g.unitName, g.tasks.map((t) => t.id)]), [
    ['综采一队党支部', [2, 5]],
    ['机电科党支部', [3]],
  ]);
  assert.deepEqual(missingUnit.map((t) => t.name), ['无单位']);
});

test('a stage checkbox is checked, mixed or clear by its tasks', () => {
  assert.equal(stageState(TASKS, 1, new Set([2, 3, 5])), 'all');
  assert.equal(stageState(TASKS, 1, new Set([5])), 'some');
  assert.equal(stageState(TASKS, 4, new Set([2])), 'none');
  assert.equal(stageState(TASKS, 6, new Set([2])), 'none');
});
