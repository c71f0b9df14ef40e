// Undo and redo of chart edits. Every edit is an entry {label, redo, undo}
// whose steps are operations of the chart API ({op, input}), so undoing is
// just another set of audited edits in the core.
//
// Records the core creates get new ids each time they are created: a task
// created, undone (deleted) and redone comes back with a different id. Steps
// therefore name such records by a stable reference — the id they had when
// first created, or a negative placeholder before that — and the stack keeps
// an alias from each reference to the record's id now. A step that creates
// records says so (`creates`: 'task' or 'link'); after it runs, the stack
// finds the new records by comparing the chart before and after. Undoing a
// delete brings the tasks back under their old ids (the core restores them
// from the delete's own record), so it creates nothing new to learn.
// Pure: `exec(op, input)` (which calls the core and resolves to the new
// chart) is passed in.

const TASK_FIELDS = ['parentId', 'afterId', 'predId', 'succId'];
const LINK_OPS = new Set(['updateLink', 'deleteLink']);

let nextPlaceholder = -1;
// A reference for a record that does not exist yet (its id is learnt when
// the creating step first runs).
export function placeholder() {
  nextPlaceholder -= 1;
  return nextPlaceholder;
}

// Maps the record ids in an operation's input: mapTask and mapLink take an
// id and return the id to use instead.
export function translateInput(op, input, mapTask, mapLink) {
  const t = (id) => (id === null || id === undefined ? id : mapTask(id));
  const l = (id) => (id === null || id === undefined ? id : mapLink(id));
  const out = { ...input };
  if ('id' in out) out.id = LINK_OPS.has(op) ? l(out.id) : t(out.id);
  for (const key of TASK_FIELDS) if (key in out) out[key] = t(out[key]);
  return out;
}

// ref → id now, and id now → ref, for one kind of record.
export function createAliases() {
  const forward = new Map();
  const backward = new Map();
  return {
    set(ref, id) {
      const old = forward.get(ref);
      if (old !== undefined) backward.delete(old);
      forward.set(ref, id);
      backward.set(id, ref);
    },
    // The id a reference stands for now.
    current: (ref) => forward.get(ref) ?? ref,
    // The reference for an id as it is now.
    ref: (id) => backward.get(id) ?? id,
    clear() {
      forward.clear();
      backward.clear();
    },
  };
}

function newIds(before, after, key) {
  const old = new Set((before?.[key] ?? []).map((x) => x.id));
  return (after?.[key] ?? []).filter((x) => !old.has(x.id));
}

// After a creating step: point its references at the records it created.
// `step.input` holds references; `input` the ids that were sent.
export function learnCreated(step, input, before, after, tasks, links) {
  if (step.creates === 'task') {
    const created = newIds(before, after, 'tasks');
    if (created.length > 0 && step.ref !== undefined) tasks.set(step.ref, created[0].id);
  } else if (step.creates === 'link') {
    const created = newIds(before, after, 'links');
    const match = created.find((l) => l.predId === input.predId && l.succId === input.succId) ?? created[0];
    if (match && step.ref !== undefined) links.set(step.ref, match.id);
  }
}

export function createUndoStack({ limit = 200 } = {}) {
  const done = [];
  const undone = [];
  const tasks = createAliases();
  const links = createAliases();
  let busy = false;
  const listeners = new Set();

  const notify = () => {
    for (const listener of listeners) listener();
  };

  async function runSteps(steps, exec, chart) {
    let current = chart;
    for (const step of steps) {
      const input = translateInput(step.op, step.input, tasks.current, links.current);
      let after;
      try {
        after = await exec(step.op, input);
      } catch (error) {
        // What ran before the failing step has changed the chart.
        if (error && typeof error === 'object' && current !== chart) error.chart = current;
        throw error;
      }
      if (step.creates) learnCreated(step, input, current, after, tasks, links);
      current = after;
    }
    return current;
  }

  async function guarded(fn) {
    if (busy) throw { code: 'busy', message: '上一项修改尚未完成，请稍候' };
    busy = true;
    notify();
    try {
      return await fn();
    } finally {
      busy = false;
      notify();
    }
  }

  // A new entry names records by their ids now; keep it by references so
  // it still applies after those records were deleted and re-created.
  function canonical(entry) {
    const steps = (list) =>
      list.map((step) => ({
        ...step,
        input: translateInput(step.op, step.input, tasks.ref, links.ref),
        ref: step.ref === undefined ? undefined : step.creates === 'link' ? links.ref(step.ref) : tasks.ref(step.ref),
      }));
    return { ...entry, redo: steps(entry.redo), undo: steps(entry.undo) };
  }

  return {
    // Runs a new edit and records it; resolves to the chart after it. A
    // failed edit is not recorded.
    perform(rawEntry, exec, chart) {
      return guarded(async () => {
        const entry = canonical(rawEntry);
        const after = await runSteps(entry.redo, exec, chart);
        done.push(entry);
        if (done.length > limit) done.shift();
        undone.length = 0;
        return after;
      });
    },
    // Resolves to the chart after undoing, or null when there is nothing to
    // undo. A failed undo stays on the stack.
    undo(exec, chart) {
      return guarded(async () => {
        const entry = done[done.length - 1];
        if (!entry) return null;
        const after = await runSteps(entry.undo, exec, chart);
        done.pop();
        undone.push(entry);
        return after;
      });
    },
    redo(exec, chart) {
      return guarded(async () => {
        const entry = undone[undone.length - 1];
        if (!entry) return null;
        const after = await runSteps(entry.redo, exec, chart);
        undone.pop();
        done.push(entry);
        return after;
      });
    },
    canUndo: () => done.length > 0 && !busy,
    canRedo: () => undone.length > 0 && !busy,
    isBusy: () => busy,
    undoLabel: () => done[done.length - 1]?.label ?? null,
    redoLabel: () => undone[undone.length - 1]?.label ?? null,
    sizes: () => ({ undo: done.length, redo: undone.length }),
    // The id a reference stands for now.
    taskId: (ref) => tasks.current(ref),
    linkId: (ref) => links.current(ref),
    clear() {
      done.length = 0;
      undone.length = 0;
      tasks.clear();
      links.clear();
      notify();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
