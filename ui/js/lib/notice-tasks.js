// Pure logic of 生成通知单 from plan tasks (mirrors the core's rule so the
// dialog can say beforehand what will be made): a selected stage stands for
// the tasks under it, each task counts once, and every responsible unit gets
// one notice listing its tasks.

// Children of each task id, in chart order.
function childrenOf(tasks) {
  const map = new Map();
  for (const t of tasks) {
    if (t.parentId === null || t.parentId === undefined) continue;
    if (!map.has(t.parentId)) map.set(t.parentId, []);
    map.get(t.parentId).push(t);
  }
  return map;
}

// The tasks (not stages) under `id`, at any depth, in chart order; `id`
// itself when it is a task.
export function tasksUnder(tasks, id) {
  const byId = new Map(tasks.map((t) => [t.id, t]));
  const kids = childrenOf(tasks);
  const out = [];
  const walk = (t) => {
    if (t.kind === 'task') out.push(t);
    for (const c of kids.get(t.id) ?? []) walk(c);
  };
  const start = byId.get(id);
  if (start) walk(start);
  return out;
}

// The selected ids with stages replaced by their tasks, each once, in chart order.
export function expandSelection(tasks, selectedIds) {
  const wanted = new Set();
  for (const id of selectedIds) for (const t of tasksUnder(tasks, id)) wanted.add(t.id);
  return tasks.filter((t) => wanted.has(t.id)).map((t) => t.id);
}

// What will be made: [{unitId, unitName, tasks}] in the order units first
// appear, and the tasks that have no responsible unit (they block the run).
export function noticeGroups(tasks, selectedIds) {
  const byId = new Map(tasks.map((t) => [t.id, t]));
  const groups = [];
  const missingUnit = [];
  for (const id of expandSelection(tasks, selectedIds)) {
    const t = byId.get(id);
    if (t.leadUnitId === null || t.leadUnitId === undefined) {
      missingUnit.push(t);
      continue;
    }
    let g = groups.find((x) => x.unitId === t.leadUnitId);
    if (!g) {
      g = { unitId: t.leadUnitId, unitName: t.leadUnitName ?? '', tasks: [] };
      groups.push(g);
    }
    g.tasks.push(t);
  }
  return { groups, missingUnit };
}

// 'all', 'some' or 'none' of the tasks under a stage are selected (its checkbox).
export function stageState(tasks, stageId, selectedTaskIds) {
  const under = tasksUnder(tasks, stageId);
  if (under.length === 0) return 'none';
  const n = under.filter((t) => selectedTaskIds.has(t.id)).length;
  return n === 0 ? 'none' : n === under.length ? 'all' : 'some';
}

// The tasks to start with: the chart's selected task, or all tasks of a selected stage.
export function initialSelection(tasks, selectedId) {
  if (selectedId === null || selectedId === undefined) return new Set();
  return new Set(tasksUnder(tasks, selectedId).map((t) => t.id));
}
