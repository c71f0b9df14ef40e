// ui/js/api/docs.js against a fake window.__TAURI__: command names and argument shapes.
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

const docs = await import('../../ui/js/api/docs.js');

beforeEach(() => {
  calls.length = 0;
  answer = () => null;
});

test('list filters leave empty values out', async () => {
  await docs.listDocs();
  await docs.listDocs({ kind: 'order', status: '', text: '标准化' });
  assert.deepEqual(calls, [
    ['list_docs', { input: {} }],
    ['list_docs', { input: { kind: 'order', text: '标准化' } }],
  ]);
});

test('lifecycle commands send {input: {...}} with camelCase fields', async () => {
  await docs.getDoc({ id: 3 });
  await docs.signDoc({ id: 3, password: 'pw' });
  await docs.receiveDoc({ id: 3, receivedBy: '李明', receivedAt: '2026-03-05' });
  await docs.startDoc({ id: 3 });
  await docs.completeDoc({ id: 3, completedAt: '2026-03-09' });
  await docs.withdrawDoc({ id: 3, reason: '重复' });
  await docs.withdrawDoc({ id: 4, reason: '内容有误', password: 'pw' });
  await docs.amendDoc({ id: 3 });
  await docs.verifyCode({ code: '3FA2C-91B0E' });
  assert.deepEqual(calls, [
    ['get_doc', { input: { id: 3 } }],
    ['sign_doc', { input: { id: 3, password: 'pw' } }],
    ['receive_doc', { input: { id: 3, receivedBy: '李明', receivedAt: '2026-03-05' } }],
    ['start_doc', { input: { id: 3 } }],
    ['complete_doc', { input: { id: 3, completedAt: '2026-03-09' } }],
    ['withdraw_doc', { input: { id: 3, reason: '重复' } }],
    ['withdraw_doc', { input: { id: 4, reason: '内容有误', password: 'pw' } }],
    ['amend_doc', { input: { id: 3 } }],
    ['verify_code', { input: { code: '3FA2C-91B0E' } }],
  ]);
});

test('create and update send every DocInput field; the rule carries only its mode’s part', async () => {
  const doc = {
    kind: 'order', title: 'T', urgency: 'urgent', method: 'written', content: 'C', targetUnitId: 3,
    feedbackRule: { mode: 'weekly', weekday: 5, every: 3, dates: ['2026-01-01'], forms: ['text'] },
  };
  await docs.createDoc(doc);
  await docs.updateDoc({ id: 8, ...doc, kind: 'notice', method: 'phone', deadline: '' });
  const [[name1, { input: created }], [name2, { input: updated }]] = calls;
  assert.equal(name1, 'create_doc');
  assert.deepEqual(created, {
    kind: 'order', title: 'T', content: 'C', requirements: '', goal: '', urgency: 'urgent', method: null,
    targetUnitId: 3, cooperatingUnitIds: [], personId: null, deadline: null,
    feedbackRule: { mode: 'weekly', weekday: 5, forms: ['text'] }, contact: '', phone: '', taskIds: [],
  });
  assert.equal(name2, 'update_doc');
  assert.equal(updated.id, 8);
  assert.equal(updated.urgency, null);
  assert.equal(updated.method, 'phone');
  assert.equal(updated.deadline, null);
});

test('print commands: preview, save as PDF, printers, print', async () => {
  answer = (name) => (name === 'list_printers' ? [{ name: 'PDF', isDefault: true }] : null);
  await docs.previewDoc({ id: 2 });
  await docs.saveDocPdf({ id: 2 });
  assert.deepEqual(await docs.listPrinters(), [{ name: 'PDF', isDefault: true }]);
  await docs.printDoc({ id: 2, printer: 'PDF', copies: 3 });
  assert.deepEqual(calls, [
    ['preview_doc', { input: { id: 2 } }],
    ['save_doc_pdf', { input: { id: 2 } }],
    ['list_printers'],
    ['print_doc', { input: { id: 2, printer: 'PDF', copies: 3 } }],
  ]);
});

test('a missing command rejects with a normalized error', async () => {
  answer = () => {
    throw 'Command preview_doc not found';
  };
  await assert.rejects(docs.previewDoc({ id: 1 }), (e) => e.code === 'internal' && /preview_doc not found/.test(e.message));
});

test('notices from tasks', async () => {
  await docs.noticesFromTasks({ taskIds: [1, 2], method: 'written' });
  assert.deepEqual(calls, [['notices_from_tasks', { input: { taskIds: [1, 2], method: 'written' } }]]);
});
