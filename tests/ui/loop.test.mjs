// The closed loop's pure logic (ui/js/lib/loop.js) and its IPC module
// (ui/js/api/loop.js) against a fake window.__TAURI__.
import { test, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import {
  formatSize,
  dueBadge,
  validateFeedback,
  feedbackInput,
  validateRectification,
  rectificationInput,
  validateVerification,
  rectActions,
  timelineDays,
  droppedPaths,
  baseName,
} from '../../ui/js/lib/loop.js';

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
      listen: async (name, handler) => {
        listeners.push({ name, handler });
        return () => listeners.splice(listeners.findIndex((l) => l.name === name), 1);
      },
    },
  },
};
const loopApi = await import('../../ui/js/api/loop.js');

beforeEach(() => {
  calls.length = 0;
});

test('sizes read as the core writes them', () => {
  assert.equal(formatSize(2 * 1024 ** 3), '2 GB');
  assert.equal(formatSize(1536 * 1024), '1.5 MB');
  assert.equal(formatSize(820 * 1024), '820 KB');
  assert.equal(formatSize(12), '12 B');
});

test('deadline lights: red overdue, amber due soon', () => {
  assert.deepEqual(dueBadge('overdue'), { tone: 'red', label: '逾期' });
  assert.deepEqual(dueBadge('due_soon'), { tone: 'amber', label: '临期' });
  assert.equal(dueBadge('done').label, '');
  assert.equal(dueBadge('none').tone, '');
});

test('feedback is checked before it goes to the core', () => {
  const ok = { reportedOn: '2026-03-05', unitId: '3', personName: '王书记', text: '已完成', progress: '60', isFinal: false };
  assert.deepEqual(validateFeedback(ok, [], '2026-03-06'), {});
  const e = validateFeedback({ reportedOn: '2026-03-09', unitId: '', personName: '', text: '', progress: '120' }, [], '2026-03-06');
  assert.equal(e.reportedOn, '反馈日期不能晚于今天');
  assert.equal(e.unitId, '请选择反馈单位');
  assert.equal(e.personName, '请填写反馈人');
  assert.match(e.text, /反馈内容/);
  assert.match(e.progress, /0到100/);
  // A photo alone is a report; a final report is 100%.
  assert.equal(validateFeedback({ ...ok, text: '' }, [{ sha256: 'a' }], '2026-03-06').text, undefined);
  assert.match(validateFeedback({ ...ok, isFinal: true }, [], '2026-03-06').progress, /100%/);
  assert.deepEqual(validateFeedback({ ...ok, isFinal: true, progress: '' }, [], '2026-03-06'), {});
  const input = feedbackInput({ ...ok, progress: '' }, { targetKind: 'task', targetId: 7 }, [{ sha256: 'ab', name: '照片.jpg', size: 3 }]);
  assert.deepEqual(input, {
    targetKind: 'task',
    targetId: 7,
    reportedOn: '2026-03-05',
    unitId: 3,
    personName: '王书记',
    text: '已完成',
    progress: null,
    isFinal: false,
    attachments: [{ sha256: 'ab', name: '照片.jpg' }],
  });
});

test('rectification and verification forms', () => {
  const e = validateRectification({ source: '', problem: ' ', itemName: '', personName: '', deadline: '2026-02-30', unitId: '' });
  assert.deepEqual(Object.keys(e).sort(), ['deadline', 'itemName', 'personName', 'problem', 'source', 'unitId']);
  assert.match(e.deadline, /格式/);
  const values = { source: 'hotline', sourceRef: '', problem: '热水不稳', itemName: '热水整改', personName: '李工', deadline: '2026-03-10', unitId: '5', measures: '检修', evidence: '' };
  assert.deepEqual(validateRectification(values), {});
  const input = rectificationInput(values, [], { kind: 'task', id: 4 });
  assert.equal(input.sourceRef, null);
  assert.equal(input.unitId, 5);
  assert.deepEqual([input.targetKind, input.targetId], ['task', 4]);
  const v = validateVerification({ verifiedBy: '', verifiedOn: '2026-03-05', result: 'fail', note: '' }, '2026-03-06');
  assert.deepEqual(Object.keys(v).sort(), ['note', 'verifiedBy']);
});

test('a rectification offers what its status allows', () => {
  assert.deepEqual(rectActions({ status: 'open' }, true), ['verify', 'closeout', 'edit']);
  assert.deepEqual(rectActions({ status: 'verified' }, true), ['closeout', 'reopen', 'edit']);
  assert.deepEqual(rectActions({ status: 'closed' }, true), ['reopen']);
  assert.deepEqual(rectActions({ status: 'open' }, false), []);
});

test('the timeline is grouped by day with weekdays and times', () => {
  const days = timelineDays([
    { at: '2026-03-05', kind: 'feedback' },
    { at: '2026-03-06 09:12:00', kind: 'sign' },
    { at: '2026-03-06', kind: 'receipt' },
  ]);
  assert.equal(days.length, 2);
  assert.equal(days[0].weekday, '星期四');
  assert.equal(days[1].events[0].time, '09:12');
  assert.equal(days[1].events[1].time, '');
});

test('dropped paths and file names', () => {
  assert.deepEqual(droppedPaths({ paths: ['/home/a/照片.jpg', '', 3] }), ['/home/a/照片.jpg']);
  assert.deepEqual(droppedPaths(null), []);
  assert.equal(baseName('C:\\Users\\a\\报告.pdf'), '报告.pdf');
  assert.equal(baseName('/tmp/录像.mp4'), '录像.mp4');
});

test('loop commands and their argument shapes', async () => {
  await loopApi.stageAttachment({ path: '/tmp/a.jpg' });
  await loopApi.listFeedback({ targetKind: 'document', targetId: 2 });
  await loopApi.closeLoop({ targetKind: 'task', targetId: 9 });
  await loopApi.reopenLoop({ targetKind: 'task', targetId: 9, reason: '复查' });
  await loopApi.listRectifications({ status: 'open', unitId: '', due: null });
  await loopApi.verifyRectification({ id: 1, verifiedBy: '赵', verifiedOn: '2026-03-05', result: 'pass' });
  await loopApi.closeRectification({ id: 1 });
  assert.deepEqual(calls, [
    ['stage_attachment', { input: { path: '/tmp/a.jpg' } }],
    ['list_feedback', { input: { targetKind: 'document', targetId: 2 } }],
    ['close_loop', { input: { targetKind: 'task', targetId: 9, note: '' } }],
    ['reopen_loop', { input: { targetKind: 'task', targetId: 9, reason: '复查' } }],
    ['list_rectifications', { input: { status: 'open' } }],
    ['verify_rectification', { input: { id: 1, verifiedBy: '赵', verifiedOn: '2026-03-05', result: 'pass', note: '' } }],
    ['close_rectification', { input: { id: 1, note: '' } }],
  ]);
});

test('dropped files arrive through the shell events', async () => {
  const got = [];
  const stop = loopApi.onFileDrop({ drop: (p) => got.push(p) });
  await Promise.resolve();
  const drop = listeners.find((l) => l.name === 'tauri://drag-drop');
  drop.handler({ payload: { paths: ['/tmp/x.png'] } });
  assert.deepEqual(got, [{ paths: ['/tmp/x.png'] }]);
  stop();
});
