// g. Edits answered with what changed (issue 17): in the real window, a bar dragged
// with real pointer actions, its undo, a task added with the toolbar and its undo. Each
// time the core answers with a delta (docs/ipc-plans.md, "The chart on the wire"), the
// view applies it, and its model then equals the model built from a fresh get_chart.
import assert from 'node:assert/strict';
import { ADMIN, appTest, TEST_TODAY } from './lib/app.mjs';
import { dragBar, openSampleChart } from './lib/gantt.mjs';

// In the page: the view's model against the model of a chart read afresh
// through the same API module the view uses. Returns the fields that differ
// and what the last chart answer was (a delta or a whole chart).
const COMPARE = `
  const [planId, done] = arguments;
  (async () => {
    const base = document.baseURI;
    const api = await import(new URL('js/api/chart.js', base).href);
    const { buildModel } = await import(new URL('js/gantt/model.js', base).href);
    const gantt = document.querySelector('[data-gantt]').ganttApi;
    const shown = gantt.model();
    const change = api.changesOf(gantt.chart());
    const fresh = buildModel(await api.getChart({ planId }));
    const plain = (v) => JSON.stringify(ArrayBuffer.isView(v) ? Array.from(v) : v);
    const differs = [];
    for (const key of Object.keys(fresh)) {
      if (key === 'chart' || key === 'idToIndex' || key === 'linkIdToIndex' || key.startsWith('_')) continue;
      if (plain(shown[key]) !== plain(fresh[key])) differs.push(key);
    }
    done({ differs, n: shown.n, links: shown.linkCount, delta: change ? { structural: change.structural, tasks: change.tasks.length } : null });
  })().catch((e) => done({ error: String(e && e.message || e) }));`;

appTest('g-gantt-delta', { today: TEST_TODAY }, async (app, t) => {
  await app.setupAdmin(ADMIN, 'load-sample');
  const plan = await openSampleChart(app);

  const gantt = (js, args = []) => app.s.executeScript(`const g = document.querySelector("[data-gantt]").ganttApi; ${js}`, args);
  // The chart the view holds (asking the core here would renumber the chart
  // it last sent, and the next edit would answer with a whole chart).
  const chart = await gantt('const c = g.chart(); return { tasks: c.tasks, links: c.links, rev: c.rev };');
  assert.ok(Number.isInteger(chart.rev), 'the view holds a chart read from the wire form');
  const days = (a, b) => (Date.parse(b) - Date.parse(a)) / 86_400_000;
  const link = chart.links.find((l) => {
    const p = chart.tasks.find((x) => x.id === l.predId);
    const s = chart.tasks.find((x) => x.id === l.succId);
    return l.kind === 'FS' && l.lag === 0 && p && s && !p.actualStart && p.status !== 'closed' && !p.milestone && p.duration >= 3 && p.freeFloat === 0 && days(p.earlyFinish, s.earlyStart) <= 5;
  });
  assert.ok(link, 'an FS link from an open task');
  const pred = chart.tasks.find((x) => x.id === link.predId);
  const succ = chart.tasks.find((x) => x.id === link.succId);
  t.diagnostic(`drag ${pred.outline} ${pred.name} (${pred.earlyStart}); successor ${succ.outline} starts ${succ.earlyStart}`);

  const compare = async (what) => {
    const r = await app.s.executeAsync(COMPARE, [plan.id]);
    assert.ok(!r.error, r.error);
    t.diagnostic(`${what}: ${r.n} tasks, ${r.links} links, answered with ${r.delta ? `a delta (${r.delta.tasks} tasks patched${r.delta.structural ? ', outline or links changed' : ''})` : 'a whole chart'}`);
    assert.deepEqual(r.differs, [], `${what}: the view's model equals the model after a full reload`);
    return r;
  };
  const revNow = () => gantt('return g.chart().rev;');

  // 1. Drag the bar with the mouse.
  let rev = await revNow();
  await dragBar(app, pred.id, 80);
  await app.s.waitFor(async () => (await revNow()) !== rev, { timeout: 10_000, message: 'the view to take the answer to the drag' });
  const moved = await gantt('const c = g.chart(); return [c.tasks.find((x) => x.id === arguments[0]), c.tasks.find((x) => x.id === arguments[1])];', [pred.id, succ.id]);
  assert.ok(moved[0].earlyStart > pred.earlyStart, 'the dragged task starts later');
  assert.ok(moved[1].earlyStart > succ.earlyStart, `its successor moved too (${succ.earlyStart} → ${moved[1].earlyStart})`);
  await app.shot('delta-after-drag');
  const drag = await compare('drag');
  assert.ok(drag.delta && !drag.delta.structural && drag.delta.tasks >= 2 && drag.delta.tasks < drag.n, 'the drag was answered with a delta of some tasks, patched in place');

  // 2. Undo with the toolbar button. The comparison above read the whole
  // chart afresh, so the core measures this answer against that chart (the
  // API module holds it) and the view builds its model from the result.
  rev = await revNow();
  await app.s.click('button[data-action="undo"]');
  await app.s.waitFor(async () => (await revNow()) !== rev, { timeout: 10_000, message: 'the view to take the answer to undo' });
  const undone = await gantt('return g.chart().tasks.find((x) => x.id === arguments[0]).earlyStart;', [pred.id]);
  assert.equal(undone, pred.earlyStart, 'undo put the task back');
  await compare('undo');

  // 4. A task added after the selected one (the outline changes): the model is
  // built afresh from the chart with the delta applied.
  await gantt('g.scrollToTask(arguments[0])', [pred.id]);
  await app.s.click(`tr[data-task-id="${pred.id}"]`);
  const count = await gantt('return g.taskCount();');
  await app.s.click('button[data-action="add-task"]');
  await app.s.waitFor(async () => (await gantt('return g.taskCount();')) === count + 1, { timeout: 10_000, message: 'the new task in the view' });
  const added = await compare('add task');
  assert.ok(added.delta && added.delta.structural, 'the new task came as a delta with the outline');
  await app.shot('delta-after-add');
  await app.s.click('button[data-action="undo"]');
  await app.s.waitFor(async () => (await gantt('return g.taskCount();')) === count, { timeout: 10_000, message: 'undo to remove the new task' });
  await compare('undo add');
});
