// ui/js/api/supervision.js against a fake window.__TAURI__: command names and
// argument shapes (docs/ipc-supervision.md).
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

const sup = await import('../../ui/js/api/supervision.js');

beforeEach(() => {
  calls.length = 0;
});

test('supervision and reminders', async () => {
  await sup.listSupervisions({ targetKind: 'document', targetId: 3, text: '' });
  await sup.createSupervision({ targetKind: 'document', targetId: 3, unitId: undefined, supervisedOn: '2026-03-05', method: 'onsite', supervisor: '赵敏', findings: '', result: '限期补齐' });
  await sup.targetSupervision({ targetKind: 'task', targetId: 9 });
  await sup.reminderList();
  await sup.sendReminder({ targetKind: 'document', targetId: 3 });
  await sup.listRemindersSent({ year: 2026 });
  await sup.printReminder({ id: 2, printer: 'PDF', copies: 1 });
  assert.deepEqual(calls, [
    ['list_supervisions', { input: { targetKind: 'document', targetId: 3 } }],
    ['create_supervision', { input: { targetKind: 'document', targetId: 3, supervisedOn: '2026-03-05', method: 'onsite', supervisor: '赵敏', result: '限期补齐' } }],
    ['target_supervision', { input: { targetKind: 'task', targetId: 9 } }],
    ['reminder_list'],
    ['send_reminder', { input: { targetKind: 'document', targetId: 3 } }],
    ['list_reminders_sent', { input: { year: 2026 } }],
    ['print_reminder', { input: { id: 2, printer: 'PDF', copies: 1 } }],
  ]);
});

test('meetings and decisions', async () => {
  await sup.createMeeting({ kind: 'regular', heldOn: '2026-03-02' }, [{ text: '补齐台账', unitId: 4 }, { text: '开展检查' }]);
  await sup.addDecision({ meetingId: 1, text: '新增', unitId: null, deadline: '' });
  await sup.decisionToDoc({ id: 5, kind: 'order', urgency: 'urgent', targetUnitId: 4, title: undefined });
  await sup.decisionToTask({ id: 6, planId: 2, parentId: undefined });
  await sup.recordBulletinRead({ meetingId: 1, summaryId: 7 });
  assert.deepEqual(calls, [
    ['create_meeting', { input: { kind: 'regular', heldOn: '2026-03-02', startTime: '', place: '', chair: '', attendees: '', agenda: '', notes: '', decisions: [{ text: '补齐台账', unitId: 4, deadline: null }, { text: '开展检查', unitId: null, deadline: null }] } }],
    ['add_decision', { input: { meetingId: 1, text: '新增', unitId: null, deadline: null } }],
    ['decision_to_doc', { input: { id: 5, kind: 'order', urgency: 'urgent', targetUnitId: 4 } }],
    ['decision_to_task', { input: { id: 6, planId: 2 } }],
    ['record_bulletin_read', { input: { meetingId: 1, summaryId: 7 } }],
  ]);
});

test('summaries, figures and the dashboard', async () => {
  await sup.generateSummary({ planId: 1, stageId: 4 });
  await sup.updateSummary({ id: 3, title: '通报', addressees: '各支部', body: '正文' });
  await sup.issueSummary({ id: 3, password: 'pw' });
  await sup.annualStats({ year: '2026' });
  await sup.saveStatsXlsx({ year: 2026 });
  await sup.dashboard();
  await sup.todayAlerts();
  assert.deepEqual(calls, [
    ['generate_summary', { input: { planId: 1, stageId: 4 } }],
    ['update_summary', { input: { id: 3, title: '通报', addressees: '各支部', body: '正文' } }],
    ['issue_summary', { input: { id: 3, password: 'pw' } }],
    ['annual_stats', { input: { year: 2026 } }],
    ['save_stats_xlsx', { input: { year: 2026 } }],
    ['dashboard'],
    ['today_alerts'],
  ]);
});
