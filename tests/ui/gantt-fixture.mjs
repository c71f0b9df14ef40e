// A small chart in the shape get_chart returns (docs/ipc-plans.md), for the
// gantt tests. Not a test file itself.
export function task(id, fields = {}) {
  return {
    id,
    parentId: null,
    kind: 'task',
    outline: String(id),
    depth: 0,
    position: 0,
    name: `任务${id}`,
    goal: '',
    content: '',
    leadUnitId: null,
    leadUnitName: '',
    cooperatingUnitIds: [],
    cooperatingUnitNames: [],
    personId: null,
    personName: '',
    start: '2026-11-02',
    duration: 5,
    deadline: null,
    milestone: false,
    progress: 0,
    status: 'planned',
    statusLabel: '计划安排',
    actualStart: null,
    actualFinish: null,
    earlyStart: '2026-11-02',
    earlyFinish: '2026-11-06',
    lateStart: '2026-11-02',
    lateFinish: '2026-11-06',
    totalFloat: 0,
    freeFloat: 0,
    critical: false,
    cannotMeetDeadline: false,
    dueState: 'none',
    baselineVariance: null,
    ...fields,
  };
}

// 1 阶段一 { 2, 3 { 4, 5 }, 6 (milestone) }, 7 阶段二 { 8 }
export function sampleChart() {
  const tasks = [
    task(1, { kind: 'stage', name: '阶段一 动员部署', outline: '1', position: 0 }),
    task(2, { parentId: 1, outline: '1.1', depth: 1, position: 0, name: '制定实施方案', leadUnitId: 11, leadUnitName: '党委办公室', critical: true }),
    task(3, { parentId: 1, outline: '1.2', depth: 1, position: 1, name: '召开动员大会', leadUnitId: 12, leadUnitName: '组织部', status: 'in_progress', dueState: 'due_soon' }),
    task(4, { parentId: 3, outline: '1.2.1', depth: 2, position: 0, name: '准备会议材料', leadUnitId: 12, leadUnitName: '组织部', dueState: 'overdue', cannotMeetDeadline: true }),
    task(5, { parentId: 3, outline: '1.2.2', depth: 2, position: 1, name: '通知各支部', leadUnitId: 13, leadUnitName: '综采一队党支部', cooperatingUnitIds: [11], cooperatingUnitNames: ['党委办公室'], status: 'closed', dueState: 'done', progress: 100 }),
    task(6, { parentId: 1, outline: '1.3', depth: 1, position: 2, name: '方案印发', milestone: true, duration: 0, critical: true }),
    task(7, { kind: 'stage', name: '阶段二 组织实施', outline: '2', position: 1 }),
    task(8, { parentId: 7, outline: '2.1', depth: 1, position: 0, name: '支部对标定级', leadUnitId: 13, leadUnitName: '综采一队党支部', critical: true }),
  ];
  const links = [
    { id: 101, predId: 2, succId: 4, kind: 'FS', lag: 0 },
    { id: 102, predId: 4, succId: 5, kind: 'SS', lag: 1 },
    { id: 103, predId: 2, succId: 8, kind: 'FS', lag: 0 },
    { id: 104, predId: 6, succId: 8, kind: 'FF', lag: -1 },
  ];
  return {
    plan: { id: 9, title: '测试计划' },
    today: '2026-11-26',
    projectStart: '2026-11-02',
    projectFinish: '2026-12-31',
    tasks,
    links,
    criticalPath: [2, 6, 8],
    calendar: { from: '2026-01-01', to: '2026-12-31', days: [] },
    baselines: [],
    baseline: null,
  };
}
