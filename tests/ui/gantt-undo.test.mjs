import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createUndoStack, translateInput } from '../../ui/js/gantt/undo.js';
import {
  updateTaskEdit, moveTaskEdit, createTaskEdit, deleteTaskEdit, cancelTaskEdit, resumeTaskEdit, reparentEdit,
  createLinkEdit, deleteLinkEdit, updateLinkEdit, indentTarget, outdentTarget, subtree,
} from '../../ui/js/gantt/edits.js';
import { sampleChart } from './gantt-fixture.mjs';

// A stand-in for the core: applies the operations to a chart and returns a
// copy, giving every created record a fresh id, keeping what a delete
// removed for its undo (restored under the same ids, once), and refusing
// links that would close a cycle.
function fakeCore(chart) {
  const state = structuredClone(chart);
  let nextId = 1000;
  const calls = [];
  const deleted = new Map();
  const snapshot = () => structuredClone(state);
  const find = (id) => {
    const t = state.tasks.find((x) => x.id === id);
    if (!t) throw { code: 'not_found', message: `任务 ${id} 不存在` };
    return t;
  };
  const renumber = () => {
    // Keep depth-first order by parent/position, as the core does.
    const byParent = new Map();
    for (const t of state.tasks) {
      const k = t.parentId ?? null;
      if (!byParent.has(k)) byParent.set(k, []);
      byParent.get(k).push(t);
    }
    const out = [];
    const walk = (p) => {
      const kids = (byParent.get(p) ?? []).sort((a, b) => a.position - b.position);
      kids.forEach((k, i) => {
        k.position = i;
        out.push(k);
        walk(k.id);
      });
    };
    walk(null);
    state.tasks = out;
  };
  const ops = {
    updateTask: (input) => Object.assign(find(input.id), input),
    moveTask: (input) => Object.assign(find(input.id), input),
    createTask: (input) => {
      const siblings = state.tasks.filter((t) => (t.parentId ?? null) === (input.parentId ?? null));
      const after = siblings.find((t) => t.id === input.afterId);
      const position = after ? after.position + 0.5 : -0.5;
      state.tasks.push({ id: nextId++, parentId: input.parentId ?? null, position, kind: input.kind, name: input.name, start: null, duration: 1 });
      renumber();
    },
    deleteTask: (input) => {
      const ids = new Set(subtree(state, find(input.id).id).map((t) => t.id));
      deleted.set(input.id, {
        tasks: state.tasks.filter((t) => ids.has(t.id)),
        links: state.links.filter((l) => ids.has(l.predId) || ids.has(l.succId)),
      });
      state.tasks = state.tasks.filter((t) => !ids.has(t.id));
      state.links = state.links.filter((l) => !ids.has(l.predId) && !ids.has(l.succId));
      renumber();
    },
    restoreTasks: (input) => {
      const kept = deleted.get(input.id);
      if (!kept) throw { code: 'not_found', message: '没有这项任务的删除记录，无法恢复' };
      deleted.delete(input.id);
      for (const t of kept.tasks) state.tasks.push({ ...t, position: t.position - 0.5 });
      state.links.push(...kept.links);
      renumber();
    },
    cancelTask: (input) => {
      const t = find(input.id);
      if (!input.reason) throw { code: 'validation', field: 'reason', message: '请填写撤销原因' };
      t.previous = t.status;
      t.status = 'cancelled';
    },
    resumeTask: (input) => {
      const t = find(input.id);
      if (t.status !== 'cancelled') throw { code: 'conflict', message: '未撤销，无需恢复' };
      t.status = t.previous;
    },
    reparentTask: (input) => {
      const t = find(input.id);
      t.parentId = input.parentId;
      t.position = input.position - 0.5;
      renumber();
    },
    createLink: (input) => {
      if (input.predId === input.succId || state.links.some((l) => l.predId === input.succId && l.succId === input.predId)) {
        throw { code: 'conflict', message: '前置关系形成循环：A → B → A' };
      }
      find(input.predId);
      find(input.succId);
      state.links.push({ id: nextId++, predId: input.predId, succId: input.succId, kind: input.kind, lag: input.lag });
    },
    updateLink: (input) => {
      const l = state.links.find((x) => x.id === input.id);
      if (!l) throw { code: 'not_found', message: `关系 ${input.id} 不存在` };
      Object.assign(l, input);
    },
    deleteLink: (input) => {
      const before = state.links.length;
      state.links = state.links.filter((l) => l.id !== input.id);
      if (state.links.length === before) throw { code: 'not_found', message: `关系 ${input.id} 不存在` };
    },
  };
  return {
    calls,
    chart: snapshot,
    exec: async (op, input) => {
      calls.push([op, input]);
      ops[op](structuredClone(input));
      return snapshot();
    },
  };
}

// Runs edits through a stack and a fake core, keeping the current chart.
function session() {
  const core = fakeCore(sampleChart());
  const stack = createUndoStack();
  let chart = core.chart();
  return {
    core,
    stack,
    get chart() {
      return chart;
    },
    async perform(entry) {
      chart = await stack.perform(entry, core.exec, chart);
    },
    async undo() {
      chart = (await stack.undo(core.exec, chart)) ?? chart;
    },
    async redo() {
      chart = (await stack.redo(core.exec, chart)) ?? chart;
    },
    task: (id) => chart.tasks.find((t) => t.id === id),
    names: () => chart.tasks.map((t) => t.name),
  };
}

test('update: undo restores the old values, redo the new', async () => {
  const s = session();
  const entry = updateTaskEdit(s.chart, 2, { name: '制定并印发实施方案', progress: 40, status: 'planned' });
  assert.deepEqual(entry.redo[0].input, { id: 2, name: '制定并印发实施方案', progress: 40 }); // status unchanged
  assert.equal(entry.label, '修改任务：制定实施方案');
  await s.perform(entry);
  assert.equal(s.task(2).name, '制定并印发实施方案');
  await s.undo();
  assert.equal(s.task(2).name, '制定实施方案');
  assert.equal(s.task(2).progress, 0);
  await s.redo();
  assert.equal(s.task(2).progress, 40);
  assert.equal(updateTaskEdit(s.chart, 2, { progress: 40 }), null);
  assert.equal(updateTaskEdit(s.chart, 3, { deadline: '2026-12-01' }).label, '修改完成时限：召开动员大会');
});

test('move: a task that followed its links gets its empty start back through update_task', async () => {
  const s = session();
  await s.perform(updateTaskEdit(s.chart, 4, { start: null }));
  const entry = moveTaskEdit(s.chart, 4, { start: '2026-11-16' });
  assert.deepEqual(entry.undo, [{ op: 'updateTask', input: { id: 4, start: null } }]);
  await s.perform(entry);
  assert.equal(s.task(4).start, '2026-11-16');
  await s.undo();
  assert.equal(s.task(4).start, null);
  const resize = moveTaskEdit(s.chart, 2, { duration: 8 });
  assert.equal(resize.label, '调整工期：制定实施方案');
  assert.deepEqual(resize.undo, [{ op: 'moveTask', input: { id: 2, duration: 5 } }]);
  assert.equal(moveTaskEdit(s.chart, 2, { duration: 5 }), null);
});

test('create → edit → undo both → redo both: the re-created task gets the edit', async () => {
  const s = session();
  await s.perform(createTaskEdit({ planId: 9, parentId: 1, afterId: 2, kind: 'task', name: '新任务' }));
  const created = s.chart.tasks.find((t) => t.name === '新任务');
  assert.equal(s.chart.tasks[2].id, created.id); // right after task 2
  await s.perform(updateTaskEdit(s.chart, created.id, { name: '学习研讨' }));
  await s.undo();
  await s.undo();
  assert.ok(!s.chart.tasks.some((t) => t.id === created.id));
  await s.redo();
  const again = s.chart.tasks.find((t) => t.name === '新任务');
  assert.notEqual(again.id, created.id); // the core gave it a new id…
  await s.redo();
  assert.equal(s.task(again.id).name, '学习研讨'); // …and the edit found it
  // An edit made to the re-created task survives another round trip.
  await s.perform(updateTaskEdit(s.chart, again.id, { progress: 50 }));
  await s.undo();
  await s.undo();
  await s.undo();
  assert.ok(!s.names().includes('新任务') && !s.names().includes('学习研讨'));
  await s.redo();
  await s.redo();
  await s.redo();
  const third = s.chart.tasks.find((t) => t.name === '学习研讨');
  assert.equal(third.progress, 50);
});

test('delete a subtree with its links; undo names only the deleted task and restores it; redo deletes it again', async () => {
  const s = session();
  const before = structuredClone(s.chart);
  const entry = deleteTaskEdit(s.chart, 3);
  assert.deepEqual(entry.counts, { tasks: 3, links: 2 });
  // Nothing of the tasks travels with the undo: the core keeps the record.
  assert.deepEqual(entry.undo, [{ op: 'restoreTasks', input: { id: 3 } }]);
  await s.perform(entry);
  assert.deepEqual(s.names(), ['阶段一 动员部署', '制定实施方案', '方案印发', '阶段二 组织实施', '支部对标定级']);
  assert.equal(s.chart.links.length, 2);
  await s.undo();
  assert.deepEqual(s.chart.tasks.map((t) => [t.id, t.name, t.parentId]), before.tasks.map((t) => [t.id, t.name, t.parentId]));
  assert.equal(s.chart.links.length, 4);
  assert.deepEqual(s.core.calls.at(-1), ['restoreTasks', { id: 3 }]);
  await s.redo();
  assert.ok(!s.names().includes('召开动员大会'));
  await s.undo();
  assert.deepEqual(s.names(), before.tasks.map((t) => t.name));
  // An edit of a restored task, undone and redone.
  await s.perform(updateTaskEdit(s.chart, 4, { progress: 30 }));
  await s.undo();
  assert.equal(s.task(4).progress, 0);
  await s.redo();
  assert.equal(s.task(4).progress, 30);
});

test('a task created, deleted, and both undone and redone: the restore follows the new id', async () => {
  const s = session();
  await s.perform(createTaskEdit({ planId: 9, parentId: 1, afterId: 2, kind: 'task', name: '新任务' }));
  const first = s.chart.tasks.find((t) => t.name === '新任务').id;
  await s.perform(deleteTaskEdit(s.chart, first));
  await s.undo(); // restored under its id
  assert.ok(s.task(first));
  await s.undo(); // the create taken back
  await s.redo(); // created again, with a new id
  const again = s.chart.tasks.find((t) => t.name === '新任务').id;
  assert.notEqual(again, first);
  await s.redo(); // deletes the new one
  assert.ok(!s.names().includes('新任务'));
  await s.undo(); // and restores it, by its new id
  assert.deepEqual(s.core.calls.at(-1), ['restoreTasks', { id: again }]);
  assert.ok(s.task(again));
});

test('撤销 a task with a reason; undo resumes it, redo cancels it again', async () => {
  const s = session();
  const entry = cancelTaskEdit(s.chart, 2, '并入年度计划');
  assert.equal(entry.label, '撤销任务：制定实施方案');
  await s.perform(entry);
  assert.equal(s.task(2).status, 'cancelled');
  await s.undo();
  assert.equal(s.task(2).status, 'planned');
  await s.redo();
  assert.deepEqual(s.core.calls.at(-1), ['cancelTask', { id: 2, reason: '并入年度计划' }]);
  await s.perform(resumeTaskEdit(s.chart, 2));
  assert.equal(s.task(2).status, 'planned');
  await s.undo();
  assert.equal(s.task(2).status, 'cancelled');
});

test('links: create, refuse a cycle, delete and update are all undoable', async () => {
  const s = session();
  await s.perform(createLinkEdit(s.chart, { predId: 5, succId: 6 }));
  const link = s.chart.links.find((l) => l.predId === 5 && l.succId === 6);
  assert.equal(link.kind, 'FS');
  await assert.rejects(s.perform(createLinkEdit(s.chart, { predId: 6, succId: 5 })), (e) => e.code === 'conflict' && e.message.includes('循环'));
  assert.equal(s.stack.sizes().undo, 1); // the refused edit is not recorded
  await s.perform(updateLinkEdit(s.chart, link.id, { kind: 'SS', lag: 2 }));
  assert.deepEqual(s.chart.links.find((l) => l.id === link.id), { ...link, kind: 'SS', lag: 2 });
  await s.perform(deleteLinkEdit(s.chart, link.id));
  assert.ok(!s.chart.links.some((l) => l.predId === 5 && l.succId === 6));
  await s.undo(); // re-created with a new id
  const back = s.chart.links.find((l) => l.predId === 5 && l.succId === 6);
  assert.equal(back.kind, 'SS');
  assert.notEqual(back.id, link.id);
  await s.undo(); // the update, applied to the re-created link
  assert.equal(s.chart.links.find((l) => l.predId === 5 && l.succId === 6).kind, 'FS');
  await s.undo(); // the create
  assert.ok(!s.chart.links.some((l) => l.predId === 5 && l.succId === 6));
  await s.redo();
  await s.redo();
  await s.redo();
  assert.ok(!s.chart.links.some((l) => l.predId === 5 && l.succId === 6));
  assert.equal(s.stack.canRedo(), false);
});

test('indent and outdent targets, and reparent undo', async () => {
  const s = session();
  assert.equal(indentTarget(s.chart, 2), null); // first child: nothing above to go under
  assert.deepEqual(indentTarget(s.chart, 6), { parentId: 3, position: 2 });
  assert.deepEqual(outdentTarget(s.chart, 4), { parentId: 1, position: 2 });
  assert.equal(outdentTarget(s.chart, 1), null);
  const target = indentTarget(s.chart, 6);
  await s.perform(reparentEdit(s.chart, 6, target.parentId, target.position, '降级'));
  assert.equal(s.task(6).parentId, 3);
  await s.undo();
  assert.equal(s.task(6).parentId, 1);
  assert.equal(s.task(6).position, 2);
  assert.equal(reparentEdit(s.chart, 6, 1, 2), null);
});

test('a failed undo stays on the stack; one edit at a time', async () => {
  const s = session();
  await s.perform(createLinkEdit(s.chart, { predId: 5, succId: 6 }));
  // Someone deleted the link meanwhile.
  const id = s.chart.links.find((l) => l.predId === 5).id;
  await s.core.exec('deleteLink', { id });
  await assert.rejects(s.undo(), (e) => e.code === 'not_found');
  assert.equal(s.stack.canUndo(), true);
  const slow = s.stack.perform(updateTaskEdit(s.chart, 2, { progress: 10 }), async (op, input) => {
    await new Promise((r) => setTimeout(r, 20));
    return s.core.exec(op, input);
  }, s.chart);
  assert.equal(s.stack.isBusy(), true);
  await assert.rejects(s.stack.undo(s.core.exec, s.chart), (e) => e.code === 'busy');
  await slow;
  assert.equal(s.stack.isBusy(), false);
});

test('translateInput maps task and link ids by operation', () => {
  const t = (id) => id * 10;
  const l = (id) => id + 0.5;
  assert.deepEqual(translateInput('deleteLink', { id: 3 }, t, l), { id: 3.5 });
  assert.deepEqual(translateInput('createLink', { planId: 1, predId: 2, succId: 3 }, t, l), { planId: 1, predId: 20, succId: 30 });
  assert.deepEqual(translateInput('createTask', { planId: 1, parentId: null, afterId: 4 }, t, l), { planId: 1, parentId: null, afterId: 40 });
  assert.deepEqual(translateInput('restoreTasks', { id: 1 }, t, l), { id: 10 });
  assert.deepEqual(translateInput('cancelTask', { id: 2, reason: '原因' }, t, l), { id: 20, reason: '原因' });
});
