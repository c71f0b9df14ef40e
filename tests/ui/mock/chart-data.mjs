// A deterministic chart in the shape get_chart returns (docs/ipc-plans.md),
// of any size: for the Gantt benchmark (scripts/bench-gantt.mjs injects this
// function's source into the real webview, so it must stay self-contained:
// no imports, no outside names) and for the big preview.
//
// generateChart({tasks: 20000, links: 20000, seed: 1, baseline: false})
// → 1 % stages, the rest tasks (every 8th task split into 4 sub-tasks),
// links mostly between nearby tasks, some across the whole plan; links go
// from earlier to later tasks, so there is no cycle.
export function generateChart({ tasks: taskCount = 20000, links: linkCount = 20000, seed = 1, baseline = false, today = '2026-11-26' } = {}) {
  let state = seed >>> 0 || 1;
  const rand = () => {
    // xorshift32
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state / 4294967296;
  };
  const int = (n) => Math.floor(rand() * n);
  const pad = (n) => (n < 10 ? `0${n}` : String(n));
  const fmt = (day) => {
    const z = day + 719468;
    const era = Math.floor(z / 146097);
    const doe = z - era * 146097;
    const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
    const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
    const mp = Math.floor((5 * doy + 2) / 153);
    const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
    const m = mp < 10 ? mp + 3 : mp - 9;
    return `${yoe + era * 400 + (m <= 2 ? 1 : 0)}-${pad(m)}-${pad(d)}`;
  };
  const parse = (s) => {
    const [y0, m, d] = s.split('-').map(Number);
    const y = m <= 2 ? y0 - 1 : y0;
    const era = Math.floor(y / 400);
    const yoe = y - era * 400;
    const doy = Math.floor((153 * ((m + 9) % 12) + 2) / 5) + d - 1;
    return era * 146097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy - 719468;
  };
  const weekend = (day) => {
    const w = (((day + 4) % 7) + 7) % 7;
    return w === 0 || w === 6;
  };
  const working = (day) => !weekend(day);
  const snap = (day) => {
    let d = day;
    while (!working(d)) d++;
    return d;
  };
  const finishOf = (start, duration) => {
    let d = start;
    for (let left = duration - 1; left > 0; ) {
      d++;
      if (working(d)) left--;
    }
    return d;
  };

  const UNITS = [
    [11, '党委办公室'], [12, '组织部'], [13, '宣传部'], [14, '纪委'], [15, '工会'], [16, '团委'], [17, '党建调度室'],
    [21, '综采一队党支部'], [22, '综采二队党支部'], [23, '掘进一队党支部'], [24, '掘进二队党支部'], [25, '机电科党支部'],
    [26, '运输队党支部'], [27, '通风队党支部'], [28, '选煤厂党支部'], [29, '安检科党支部'], [30, '后勤服务中心党支部'],
  ];
  const VERBS = ['制定', '组织', '开展', '落实', '督导', '检查', '完善', '建立', '修订', '召开', '学习', '总结'];
  const OBJECTS = ['三会一课台账', '主题党日活动', '党员积分管理', '支部标准化建设', '党费收缴核对', '发展党员材料', '谈心谈话记录',
    '党建阵地', '廉洁风险排查', '安全生产党员示范岗', '班组政治学习', '整改问题清单', '支部书记述职', '党员先锋岗评选'];
  const STATUS = [['planned', '计划安排'], ['in_progress', '组织实施'], ['supervising', '督办落实'], ['rectifying', '整改完善'], ['closed', '完成闭合']];

  const projectStart = parse('2025-01-06');
  const todayDay = parse(today);
  const stageCount = Math.max(1, Math.round(taskCount / 100));
  const tasks = [];
  let nextId = 1;
  const leafIndex = [];
  const stageSpan = 9;

  const make = (fields) => {
    const t = {
      id: nextId++,
      parentId: null,
      kind: 'task',
      outline: '',
      depth: 0,
      position: 0,
      name: '',
      goal: '',
      content: '',
      leadUnitId: null,
      leadUnitName: '',
      cooperatingUnitIds: [],
      cooperatingUnitNames: [],
      personId: null,
      personName: '',
      start: null,
      duration: 1,
      deadline: null,
      milestone: false,
      progress: 0,
      status: 'planned',
      statusLabel: '计划安排',
      actualStart: null,
      actualFinish: null,
      earlyStart: null,
      earlyFinish: null,
      lateStart: null,
      lateFinish: null,
      totalFloat: 0,
      freeFloat: 0,
      critical: false,
      cannotMeetDeadline: false,
      dueState: 'none',
      baselineVariance: null,
      ...fields,
    };
    tasks.push(t);
    return t;
  };

  const leaf = (parent, outline, depth, position, base) => {
    const unit = UNITS[int(UNITS.length)];
    const milestone = rand() < 0.04;
    const duration = milestone ? 0 : 1 + int(rand() < 0.8 ? 10 : 40);
    const start = snap(base + int(60));
    const finish = milestone ? start : finishOf(start, duration);
    const [status, statusLabel] = finish < todayDay - 30 ? STATUS[rand() < 0.8 ? 4 : 2] : start > todayDay ? STATUS[0] : STATUS[1 + int(3)];
    const hasDeadline = rand() < 0.5;
    const deadline = hasDeadline ? finish + int(10) - 2 : null;
    const float = int(12) - (rand() < 0.05 ? 3 : 0);
    let dueState = 'none';
    if (status === 'closed') dueState = 'done';
    else if (deadline !== null && deadline < todayDay) dueState = 'overdue';
    else if (deadline !== null && deadline - todayDay <= 4) dueState = 'due_soon';
    const t = make({
      parentId: parent.id,
      outline,
      depth,
      position,
      name: `${VERBS[int(VERBS.length)]}${OBJECTS[int(OBJECTS.length)]}`,
      leadUnitId: unit[0],
      leadUnitName: unit[1],
      start: fmt(start),
      duration,
      deadline: deadline === null ? null : fmt(deadline),
      milestone,
      progress: status === 'closed' ? 100 : status === 'planned' ? 0 : 10 * (1 + int(9)),
      status,
      statusLabel,
      earlyStart: fmt(start),
      earlyFinish: fmt(finish),
      lateStart: fmt(start + float),
      lateFinish: fmt(finish + float),
      totalFloat: float,
      freeFloat: Math.max(0, float - int(3)),
      critical: float <= 0,
      cannotMeetDeadline: float < 0,
      dueState,
    });
    leafIndex.push(tasks.length - 1);
    return t;
  };

  let made = 0;
  for (let s = 0; s < stageCount && made < taskCount; s++) {
    const base = projectStart + s * stageSpan;
    const stage = make({ kind: 'stage', outline: String(s + 1), position: s, name: `第${s + 1}阶段 ${OBJECTS[s % OBJECTS.length]}专项推进`, duration: 0 });
    made++;
    const first = tasks.length;
    let position = 0;
    const perStage = Math.min(taskCount - made, Math.ceil((taskCount - stageCount) / stageCount));
    for (let k = 0; k < perStage && made < taskCount; ) {
      const outline = `${s + 1}.${position + 1}`;
      if (position % 8 === 7 && perStage - k >= 5 && taskCount - made >= 5) {
        const summary = make({ parentId: stage.id, outline, depth: 1, position, name: `${OBJECTS[int(OBJECTS.length)]}分项工作` });
        made++;
        k++;
        for (let j = 0; j < 4; j++) {
          leaf(summary, `${outline}.${j + 1}`, 2, j, base);
          made++;
          k++;
        }
      } else {
        leaf(stage, outline, 1, position, base);
        made++;
        k++;
      }
      position++;
    }
    // Summaries span their children.
    for (let i = tasks.length - 1; i >= first - 1; i--) {
      const t = tasks[i];
      if (t.earlyStart !== null) continue;
      let es = Infinity;
      let ef = -Infinity;
      for (let j = i + 1; j < tasks.length && tasks[j].depth > t.depth; j++) {
        if (tasks[j].earlyStart === null) continue;
        es = Math.min(es, parse(tasks[j].earlyStart));
        ef = Math.max(ef, parse(tasks[j].earlyFinish));
      }
      if (es !== Infinity) {
        t.earlyStart = fmt(es);
        t.earlyFinish = fmt(ef);
        t.lateStart = t.earlyStart;
        t.lateFinish = t.earlyFinish;
        t.start = null;
      }
    }
  }

  const links = [];
  const KINDS = ['FS', 'FS', 'FS', 'FS', 'FS', 'FS', 'FS', 'SS', 'FF', 'SF'];
  const seen = new Set();
  for (let n = 0; links.length < linkCount && n < linkCount * 4; n++) {
    const b = 1 + int(leafIndex.length - 1);
    const a = rand() < 0.05 ? int(b) : Math.max(0, b - 1 - int(40));
    if (a === b) continue;
    const key = a * 1000003 + b;
    if (seen.has(key)) continue;
    seen.add(key);
    links.push({ id: 100000 + links.length, predId: tasks[leafIndex[a]].id, succId: tasks[leafIndex[b]].id, kind: KINDS[int(KINDS.length)], lag: rand() < 0.1 ? int(5) - 1 : 0 });
  }

  let finish = projectStart;
  for (const t of tasks) if (t.earlyFinish && parse(t.earlyFinish) > finish) finish = parse(t.earlyFinish);
  const critical = tasks.filter((t) => t.critical).map((t) => t.id);

  const chart = {
    plan: { id: 1, title: `性能测试计划（${taskCount} 项任务，${links.length} 条关系）`, kind: 'special', kindLabel: '专项调度', goal: '', leadUnitId: 12, leadUnitName: '组织部', start: fmt(projectStart), end: null, note: '', sources: [], archived: false, createdAt: '2025-01-01 09:00:00', taskCount },
    today,
    projectStart: fmt(projectStart),
    projectFinish: fmt(finish),
    tasks,
    links,
    criticalPath: critical,
    calendar: {
      from: '2025-01-01',
      to: '2027-12-31',
      days: [
        ['2025-01-01', false, '元旦'], ['2025-01-26', true, '春节'], ['2025-01-28', false, '春节'], ['2025-01-29', false, '春节'],
        ['2025-01-30', false, '春节'], ['2025-01-31', false, '春节'], ['2025-02-03', false, '春节'], ['2025-02-04', false, '春节'],
        ['2025-02-08', true, '春节'], ['2025-04-04', false, '清明节'], ['2025-05-01', false, '劳动节'], ['2025-05-02', false, '劳动节'],
        ['2025-05-05', false, '劳动节'], ['2025-10-01', false, '国庆节'], ['2025-10-02', false, '国庆节'], ['2025-10-03', false, '国庆节'],
        ['2025-10-06', false, '国庆节'], ['2025-10-07', false, '国庆节'], ['2025-10-08', false, '国庆节'], ['2025-09-28', true, '国庆节'],
        ['2025-10-11', true, '国庆节'], ['2026-01-01', false, '元旦'], ['2026-01-02', false, '元旦'], ['2026-01-04', true, '元旦'],
      ].map(([date, w, name]) => ({ date, working: w, name })),
    },
    baselines: baseline ? [{ id: 1, name: '计划下达时', createdAt: '2025-01-06 10:00:00' }] : [],
    baseline: null,
  };
  if (baseline) {
    const bt = {};
    for (const t of tasks) {
      if (!t.earlyStart) continue;
      const shift = rand() < 0.3 ? -int(6) : 0;
      bt[t.id] = { start: fmt(parse(t.earlyStart) + shift), finish: fmt(parse(t.earlyFinish) + shift) };
      t.baselineVariance = -shift;
    }
    chart.baseline = { id: 1, name: '计划下达时', tasks: bt };
  }
  return chart;
}
