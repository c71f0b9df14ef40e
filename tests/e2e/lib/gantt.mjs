// The Gantt view in the real window, as a person uses it: a task's bar
// scrolled into view and standing still, and a bar dragged with the mouse
// (WebDriver pointer actions). For e2e tests and scripts/bench-chart.mjs.

const api = 'document.querySelector("[data-gantt]").ganttApi';

/** Scrolls to task `id` and resolves to its bar's rectangle once in view and still. */
export async function barInView(app, id) {
  await app.s.executeScript(`${api}.scrollToTask(arguments[0])`, [id]);
  let last = null;
  return app.s.waitFor(
    async () => {
      const r = await app.s.executeScript(`return ${api}.barRect(arguments[0])`, [id]);
      const still = r && r.visible && JSON.stringify(r) === JSON.stringify(last);
      last = r;
      if (!still) await app.s.nextFrame();
      return still ? r : null;
    },
    { message: `the bar of task ${id} in view and still` },
  );
}

/** Presses the mouse at (x, y), moves it `dx` pixels sideways in a few steps and lets go. */
export async function dragBy(app, x, y, dx) {
  await app.s.cmd('POST', '/actions', {
    actions: [{
      type: 'pointer', id: 'mouse', parameters: { pointerType: 'mouse' }, actions: [
        { type: 'pointerMove', x, y, duration: 0 },
        { type: 'pointerDown', button: 0 },
        { type: 'pointerMove', x: x + Math.round(dx / 4), y, duration: 100 },
        { type: 'pointerMove', x: x + Math.round((dx * 3) / 4), y, duration: 200 },
        { type: 'pointerMove', x: x + dx, y, duration: 100 },
        { type: 'pointerUp', button: 0 },
      ],
    }],
  });
  await app.s.cmd('DELETE', '/actions');
}

/** Drags the middle of task `id`'s bar `dx` pixels sideways. */
export async function dragBar(app, id, dx) {
  const rect = await barInView(app, id);
  await dragBy(app, Math.round((rect.left + rect.right) / 2), Math.round(rect.centerY), dx);
}

/**
 * From a fresh sample office: opens the first plan with tasks from the plan
 * list (as a person does) and resolves to that plan once its chart shows rows.
 */
export async function openSampleChart(app) {
  await app.s.waitFor(async () => !(await app.s.isVisible('.toast')), { timeout: 15_000, message: 'the start-up toast to go' });
  await app.nav('plans');
  await app.waitRows('plans', (r) => r.length > 0, 'the sample plan in the list');
  const plans = (await app.invoke('list_plans', { input: { status: 'all' } })).value;
  const plan = plans.find((p) => p.taskCount > 0);
  if (!plan) throw new Error('the sample has no plan with tasks');
  await app.clickAction('open-plan', `table[data-table="plans"] tr[data-id="${plan.id}"]`);
  await app.s.waitFor('canvas[data-gantt-canvas]', { timeout: 20_000, message: 'the chart canvas' });
  await app.s.waitFor(async () => (await app.s.executeScript('return document.querySelectorAll("tr[data-task-id]").length')) > 3, { timeout: 20_000, message: 'table rows' });
  return plan;
}
