// The chart commands for the preview mock (docs/ipc-plans.md: get_chart and
// editing). Loaded after tauri-mock.js and plans-mock.js. Keeps tasks and
// links per plan and reschedules after every edit with a small forward and
// backward pass on the working calendar (weekends, the mock's statutory
// days and overrides), so dragging a bar moves its successors as in the app.
// Not the core's scheduler: close enough to look at, not a reference.
//
// Extra URL parameters: gantt=big (the sample plan gets 20,000 tasks and
// 20,000 links from chart-data.mjs, installed by gantt-preview.js).
(function installChartMock() {
  const mock = window.__MOCK__;
  if (!mock) throw new Error('chart-mock.js needs tauri-mock.js first');
  const { db, commands } = mock;
  const params = new URLSearchParams(location.search);

  const STATUS_LABELS = { planned: '计划安排', in_progress: '组织实施', supervising: '督办落实', rectifying: '整改完善', closed: '完成闭合', cancelled: '已撤销' };
  const LINK_KINDS = ['FS', 'SS', 'FF', 'SF'];
  const pad = (n) => String(n).padStart(2, '0');
  const newId = () => ++db.nextId;
  const todayText = params.get('today') || (() => {
    const d = new Date();
    return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
  })();

  function fail(code, message, field) {
    const error = { code, message };
    if (field) error.field = field;
    throw error;
  }
  function requireSession() {
    const session = mock.getSession();
    if (!session) fail('unauthenticated', '请先登录');
    if (session.locked) fail('locked', '调度台已锁定，请解锁后继续');
    return session.user;
  }
  function requireEditor() {
    const user = requireSession();
    if (user.role === 'viewer') fail('forbidden', '“查看”角色只能查看，不能修改');
    return user;
  }
  function audit(summary, entityId = null) {
    const session = mock.getSession();
    db.audit.unshift({
      id: newId(),
      at: new Date().toISOString().replace('T', ' ').slice(0, 19),
      username: session ? session.user.username : '-',
      entity: 'task',
      entityLabel: '任务',
      entityId,
      action: 'update',
      actionLabel: '修改',
      summary,
      changes: {},
    });
  }

  // ---------- dates ----------
  const dayOf = (s) => Math.round(Date.parse(`${s}T00:00:00Z`) / 86400000);
  const textOf = (d) => new Date(d * 86400000).toISOString().slice(0, 10);
  const validDate = (s) => /^\d{4}-\d{2}-\d{2}$/.test(String(s ?? '')) && textOf(dayOf(s)) === s;

  const calendarCache = new Map();
  function exceptionsFor(year) {
    if (!calendarCache.has(year)) {
      let list = [];
      try {
        list = commands.list_calendar_days ? commands.list_calendar_days({ year }) : [];
      } catch {
        list = [];
      }
      calendarCache.set(year, list);
    }
    return calendarCache.get(year);
  }
  function calendarRange(from, to) {
    const days = [];
    for (let y = Number(from.slice(0, 4)); y <= Number(to.slice(0, 4)); y++) {
      for (const d of exceptionsFor(y)) days.push({ date: d.date, working: d.working, name: d.name });
    }
    return days;
  }
  const workingCache = new Map();
  function isWorking(day) {
    let w = workingCache.get(day);
    if (w === undefined) {
      const text = textOf(day);
      const exception = exceptionsFor(Number(text.slice(0, 4))).find((d) => d.date === text);
      const wd = new Date(day * 86400000).getUTCDay();
      w = exception ? exception.working : wd !== 0 && wd !== 6;
      workingCache.set(day, w);
    }
    return w;
  }
  // Working days as indices: idx(day) is the index of the first working day
  // at or after day.
  function makeIndex(fromDay, toDay) {
    const days = [];
    const idx = new Map();
    for (let d = fromDay; d <= toDay; d++) {
      idx.set(d, days.length);
      if (isWorking(d)) days.push(d);
    }
    return {
      at: (d) => idx.get(Math.max(fromDay, Math.min(toDay, d))) ?? 0,
      day: (i) => days[Math.max(0, Math.min(days.length - 1, i))],
      count: days.length,
    };
  }

  // ---------- plans' charts ----------
  db.charts = db.charts ?? new Map();
  db.baselineTasks = db.baselineTasks ?? new Map();

  function unitName(id) {
    return db.units.find((u) => u.id === id)?.name ?? '';
  }
  function unitId(name) {
    return db.units.find((u) => u.name === name)?.id ?? null;
  }

  // 漳村煤矿党委强化基础工作建设专项行动: 4 stages, about 40 tasks.
  function samplePlanTasks(plan) {
    const tasks = [];
    const links = [];
    let position = 0;
    const stage = (name, deadline) => {
      const t = { id: newId(), parentId: null, position: position++, kind: 'stage', name, goal: '', content: '', leadUnitId: null, cooperatingUnitIds: [], personId: null, start: null, duration: 0, deadline, milestone: false, progress: 0, status: 'planned', actualStart: null, actualFinish: null };
      tasks.push(t);
      return t;
    };
    const sub = new Map();
    const task = (parent, name, unit, duration, fields = {}) => {
      const n = sub.get(parent.id) ?? 0;
      sub.set(parent.id, n + 1);
      const t = { id: newId(), parentId: parent.id, position: n, kind: 'task', name, goal: '', content: '', leadUnitId: unitId(unit), cooperatingUnitIds: [], personId: null, start: null, duration, deadline: null, milestone: duration === 0, progress: 0, status: 'planned', actualStart: null, actualFinish: null, ...fields };
      tasks.push(t);
      return t;
    };
    const link = (a, b, kind = 'FS', lag = 0) => links.push({ id: newId(), predId: a.id, succId: b.id, kind, lag });
    const done = { status: 'closed', progress: 100 };

    const s1 = stage('一、动员部署阶段', '2026-03-31');
    const a1 = task(s1, '学习传达省国资委党委专项行动通知', '党委办公室', 2, { start: '2026-03-02', ...done });
    const a2 = task(s1, '制定专项行动实施方案', '组织部', 8, { ...done, goal: '方案经党委会审定后印发' });
    const a3 = task(s1, '党委会审定实施方案', '党委办公室', 1, done);
    const a4 = task(s1, '实施方案印发', '党委办公室', 0, done);
    const a5 = task(s1, '召开专项行动动员大会', '组织部', 1, { ...done, cooperatingUnitIds: [unitId('宣传部')] });
    const a6 = task(s1, '各支部制定落实计划', '综采一队党支部', 5, done);
    link(a1, a2); link(a2, a3); link(a3, a4); link(a4, a5); link(a5, a6, 'FS', 1);

    const s2 = stage('二、对标排查阶段', '2026-05-29');
    const b1 = task(s2, '对照标准化支部清单开展自查', '组织部', 10, { ...done });
    const b2s = task(s2, '基础台账专项检查', '组织部', 1);
    const b21 = task(b2s, '三会一课记录检查', '组织部', 6, { ...done });
    const b22 = task(b2s, '党员发展档案检查', '组织部', 6, { ...done });
    const b23 = task(b2s, '党费收缴台账核对', '党委办公室', 4, { ...done });
    const b3 = task(s2, '阵地建设现场查看', '宣传部', 8, { status: 'closed', progress: 100 });
    const b4 = task(s2, '形成问题清单和整改台账', '党建调度室', 3, { status: 'closed', progress: 100 });
    const b5 = task(s2, '问题清单通报', '党建调度室', 0, done);
    link(a6, b1); link(b1, b21, 'SS', 2); link(b1, b22, 'SS', 2); link(b21, b23, 'FF'); link(b1, b3, 'SS', 3);
    link(b22, b4); link(b23, b4); link(b3, b4); link(b4, b5);

    const s3 = stage('三、集中整改阶段', '2026-12-04');
    s3.start = '2026-06-01';
    const c1 = task(s3, '综采一队党支部整改', '综采一队党支部', 80, { status: 'closed', progress: 100 });
    const c2 = task(s3, '综采二队党支部整改', '综采二队党支部', 118, { status: 'in_progress', progress: 85 });
    const c3 = task(s3, '掘进一队党支部整改', '掘进一队党支部', 121, { status: 'supervising', progress: 70, deadline: '2026-11-20' });
    const c4 = task(s3, '掘进二队党支部整改', '掘进二队党支部', 112, { status: 'rectifying', progress: 80 });
    const c5 = task(s3, '机电科党支部整改', '机电科党支部', 70, { status: 'closed', progress: 100 });
    const c6 = task(s3, '通风队党支部整改', '通风队党支部', 120, { status: 'in_progress', progress: 60, deadline: '2026-12-01' });
    const c7 = task(s3, '阵地建设提档升级', '宣传部', 115, { status: 'in_progress', progress: 75, cooperatingUnitIds: [unitId('工会')] });
    const c8 = task(s3, '党员积分管理系统上线', '组织部', 90, { status: 'in_progress', progress: 90 });
    const c9 = task(s3, '整改情况督导检查', '纪委', 10, { status: 'planned' });
    const c10 = task(s3, '整改销号', '党建调度室', 0);
    for (const c of [c1, c2, c3, c4, c5, c6]) link(b5, c, 'FS', 2);
    link(b5, c7, 'SS'); link(b5, c8, 'FS', 10);
    link(c2, c9, 'FF', 5); link(c3, c9, 'FF'); link(c6, c9, 'SS', 15); link(c9, c10); link(c7, c10); link(c8, c10, 'FS');

    const s4 = stage('四、巩固提升阶段', '2026-12-31');
    const d1 = task(s4, '开展“标准化党支部”验收', '组织部', 6, { deadline: '2026-12-14' });
    const d2 = task(s4, '评选示范党支部', '组织部', 5);
    const d3 = task(s4, '提炼典型经验做法', '宣传部', 8);
    const d4 = task(s4, '修订党建基础工作制度', '党委办公室', 12, { status: 'in_progress', progress: 20 });
    const d5 = task(s4, '专项行动总结报告', '党建调度室', 5, { deadline: '2026-12-25' });
    const d6 = task(s4, '向集团公司党委报送总结', '党委办公室', 0, { deadline: '2026-12-31' });
    link(c10, d1); link(d1, d2); link(d1, d3, 'SS', 3); link(c10, d4, 'SS', 5); link(d2, d5); link(d3, d5); link(d4, d5, 'FF'); link(d5, d6);
    // Actual dates of the closed tasks are their scheduled dates (set after the first pass).
    return { tasks, links, closedOnSchedule: true };
  }

  function genericTasks(plan) {
    const tasks = [];
    const links = [];
    const count = Math.min(plan.taskCount ?? 0, 150);
    if (count === 0) return { tasks, links };
    const units = db.units.filter((u) => !u.retired && u.kind !== 'committee');
    let prev = null;
    let stage = null;
    let position = 0;
    let child = 0;
    for (let i = 0; i < count; i++) {
      if (i % 12 === 0) {
        stage = { id: newId(), parentId: null, position: position++, kind: 'stage', name: `第${position}阶段`, goal: '', content: '', leadUnitId: null, cooperatingUnitIds: [], personId: null, start: null, duration: 0, deadline: null, milestone: false, progress: 0, status: 'planned', actualStart: null, actualFinish: null };
        tasks.push(stage);
        child = 0;
        continue;
      }
      const t = { id: newId(), parentId: stage.id, position: child++, kind: 'task', name: `工作任务 ${i}`, goal: '', content: '', leadUnitId: units[i % units.length]?.id ?? null, cooperatingUnitIds: [], personId: null, start: null, duration: 2 + (i % 7), deadline: null, milestone: false, progress: i < (plan.doneCount ?? 0) ? 100 : 0, status: i < (plan.doneCount ?? 0) ? 'closed' : 'planned', actualStart: null, actualFinish: null };
      tasks.push(t);
      if (prev && i % 3 !== 0) links.push({ id: newId(), predId: prev.id, succId: t.id, kind: 'FS', lag: 0 });
      prev = t;
    }
    return { tasks, links };
  }

  function chartOf(planId) {
    const plan = (db.plans ?? []).find((p) => p.id === planId);
    if (!plan) fail('not_found', '计划不存在');
    let data = db.charts.get(planId);
    if (!data) {
      const sample = plan.title.includes('强化基础工作建设');
      data = sample ? samplePlanTasks(plan) : genericTasks(plan);
      db.charts.set(planId, data);
      const result = schedule(plan, data);
      if (data.closedOnSchedule) {
        for (const t of data.tasks) {
          const s = result.get(t.id);
          if (t.status === 'closed' && t.kind !== 'stage' && s) {
            t.actualStart = textOf(s.es);
            t.actualFinish = textOf(s.ef);
          }
        }
        // A baseline as the plan stood when it was approved: the tasks then
        // finished a few days sooner.
        const base = db.baselines?.find((b) => b.planId === plan.id);
        if (base) {
          const snapshot = {};
          for (const t of data.tasks) {
            const s = result.get(t.id);
            if (!s) continue;
            const shift = t.status === 'closed' ? 0 : (t.id % 4) * -2;
            snapshot[t.id] = { start: textOf(s.es + shift), finish: textOf(s.ef + shift) };
          }
          db.baselineTasks.set(base.id, snapshot);
        }
      }
    }
    return { plan, data };
  }

  // ---------- scheduling ----------
  function schedule(plan, data) {
    const { tasks, links } = data;
    const byId = new Map(tasks.map((t) => [t.id, t]));
    const children = new Map();
    for (const t of tasks) {
      const p = t.parentId ?? null;
      if (!children.has(p)) children.set(p, []);
      children.get(p).push(t);
    }
    const isSummary = (t) => t.kind === 'stage' || (children.get(t.id) ?? []).length > 0;
    const leaves = tasks.filter((t) => !isSummary(t));
    const planStart = dayOf(plan.start);
    const index = makeIndex(planStart - 60, planStart + 3 * 366);
    const dur = (t) => (t.milestone ? 0 : Math.max(1, t.duration));
    // Constraints inherited from summaries.
    const snet = (t) => {
      let s = t.start ? index.at(dayOf(t.start)) : index.at(planStart);
      for (let p = byId.get(t.parentId); p; p = byId.get(p.parentId)) if (p.start) s = Math.max(s, index.at(dayOf(p.start)));
      if (t.actualStart) s = index.at(dayOf(t.actualStart));
      return s;
    };
    const preds = new Map();
    const succs = new Map();
    for (const l of links) {
      if (!preds.has(l.succId)) preds.set(l.succId, []);
      preds.get(l.succId).push(l);
      if (!succs.has(l.predId)) succs.set(l.predId, []);
      succs.get(l.predId).push(l);
    }
    // Topological order of leaves.
    const indeg = new Map(leaves.map((t) => [t.id, 0]));
    for (const l of links) if (indeg.has(l.succId)) indeg.set(l.succId, indeg.get(l.succId) + 1);
    const queue = leaves.filter((t) => indeg.get(t.id) === 0);
    const order = [];
    while (queue.length) {
      const t = queue.shift();
      order.push(t);
      for (const l of succs.get(t.id) ?? []) {
        indeg.set(l.succId, indeg.get(l.succId) - 1);
        if (indeg.get(l.succId) === 0) queue.push(byId.get(l.succId));
      }
    }
    // es/ef as working-day indices; a milestone's ef = es - 1 (it ends
    // where it starts), its date is es.
    const es = new Map();
    const ef = new Map();
    for (const t of order) {
      const d = dur(t);
      let s = snet(t);
      for (const l of preds.get(t.id) ?? []) {
        const ps = es.get(l.predId);
        const pf = ef.get(l.predId);
        if (ps === undefined) continue;
        if (l.kind === 'FS') s = Math.max(s, pf + 1 + l.lag);
        else if (l.kind === 'SS') s = Math.max(s, ps + l.lag);
        else if (l.kind === 'FF') s = Math.max(s, pf + l.lag - d + 1);
        else s = Math.max(s, ps + l.lag - d);
      }
      es.set(t.id, s);
      ef.set(t.id, s + d - 1);
    }
    let projectEnd = 0;
    for (const t of order) projectEnd = Math.max(projectEnd, ef.get(t.id), es.get(t.id));
    // Backward pass.
    const ls = new Map();
    const lf = new Map();
    const deadlineOf = (t) => {
      let dl = t.deadline ? index.at(dayOf(t.deadline) + 1) - 1 : Infinity;
      for (let p = byId.get(t.parentId); p; p = byId.get(p.parentId)) if (p.deadline) dl = Math.min(dl, index.at(dayOf(p.deadline) + 1) - 1);
      return dl;
    };
    for (const t of [...order].reverse()) {
      const d = dur(t);
      let f = Math.min(projectEnd, deadlineOf(t));
      for (const l of succs.get(t.id) ?? []) {
        const ss = ls.get(l.succId);
        const sf = lf.get(l.succId);
        if (ss === undefined) continue;
        if (l.kind === 'FS') f = Math.min(f, ss - 1 - l.lag);
        else if (l.kind === 'SS') f = Math.min(f, ss - l.lag + d - 1);
        else if (l.kind === 'FF') f = Math.min(f, sf - l.lag);
        else f = Math.min(f, sf - l.lag + d);
      }
      lf.set(t.id, f);
      ls.set(t.id, f - d + 1);
    }
    const result = new Map();
    for (const t of order) {
      const d = dur(t);
      const s = es.get(t.id);
      let f = ef.get(t.id);
      let startDay = index.day(s);
      let finishDay = d === 0 ? startDay : index.day(f);
      if (t.actualFinish) finishDay = dayOf(t.actualFinish);
      if (t.actualStart) startDay = dayOf(t.actualStart);
      const float = ls.get(t.id) - s;
      let free = Infinity;
      for (const l of succs.get(t.id) ?? []) {
        const ss = es.get(l.succId);
        if (l.kind === 'FS') free = Math.min(free, ss - (f + 1 + l.lag));
        else if (l.kind === 'SS') free = Math.min(free, ss - (s + l.lag));
        else free = Math.min(free, 0);
      }
      result.set(t.id, {
        es: startDay,
        ef: finishDay,
        ls: index.day(ls.get(t.id)),
        lf: d === 0 ? index.day(ls.get(t.id)) : index.day(lf.get(t.id)),
        float,
        free: free === Infinity ? Math.max(0, float) : Math.max(0, free),
        critical: float <= 0 && t.status !== 'closed',
        late: float < 0,
      });
    }
    // Summaries span their children (deepest first).
    const summaries = tasks.filter(isSummary).reverse();
    for (const t of summaries) {
      let s = Infinity;
      let f = -Infinity;
      let floatMin = Infinity;
      for (const c of children.get(t.id) ?? []) {
        const r = result.get(c.id);
        if (!r) continue;
        s = Math.min(s, r.es);
        f = Math.max(f, r.ef);
        floatMin = Math.min(floatMin, r.float);
      }
      if (s === Infinity) {
        s = planStart;
        f = planStart;
        floatMin = 0;
      }
      result.set(t.id, { es: s, ef: f, ls: s, lf: f, float: floatMin, free: 0, critical: false, late: floatMin < 0 });
    }
    return result;
  }

  function outline(tasks) {
    // Depth-first order by parent/position; outline numbers follow.
    const children = new Map();
    for (const t of tasks) {
      const p = t.parentId ?? null;
      if (!children.has(p)) children.set(p, []);
      children.get(p).push(t);
    }
    const out = [];
    const walk = (parentId, prefix, depth) => {
      const kids = (children.get(parentId) ?? []).sort((a, b) => a.position - b.position);
      kids.forEach((t, i) => {
        t.position = i;
        out.push({ t, outline: prefix ? `${prefix}.${i + 1}` : String(i + 1), depth });
        walk(t.id, prefix ? `${prefix}.${i + 1}` : String(i + 1), depth + 1);
      });
    };
    walk(null, '', 0);
    return out;
  }

  function dueStateOf(t, finishDay, todayDay) {
    if (t.status === 'closed') return 'done';
    if (!t.deadline) return 'none';
    const dl = dayOf(t.deadline);
    if (dl < todayDay) return 'overdue';
    let working = 0;
    for (let d = todayDay + 1; d <= dl && working <= 3; d++) if (isWorking(d)) working++;
    return working <= 3 ? 'due_soon' : 'none';
  }

  function chartView(planId, baselineId = null) {
    const { plan, data } = chartOf(planId);
    if (data.big) return bigView(data, baselineId);
    const result = schedule(plan, data);
    const todayDay = dayOf(todayText);
    const ordered = outline(data.tasks);
    data.tasks = ordered.map((o) => o.t);
    const baseline = baselineId ? db.baselineTasks.get(baselineId) ?? {} : null;
    const tasks = ordered.map(({ t, outline: no, depth }) => {
      const r = result.get(t.id);
      const ef = r ? r.ef : dayOf(plan.start);
      let variance = null;
      if (baseline && baseline[t.id] && r) {
        const bf = dayOf(baseline[t.id].finish);
        const sign = ef >= bf ? 1 : -1;
        let n = 0;
        for (let d = Math.min(ef, bf) + 1; d <= Math.max(ef, bf); d++) if (isWorking(d)) n++;
        variance = sign * n;
      }
      return {
        ...t,
        outline: no,
        depth,
        leadUnitName: unitName(t.leadUnitId),
        cooperatingUnitNames: (t.cooperatingUnitIds ?? []).map(unitName),
        personName: '',
        statusLabel: STATUS_LABELS[t.status],
        earlyStart: r ? textOf(r.es) : null,
        earlyFinish: r ? textOf(r.ef) : null,
        lateStart: r ? textOf(r.ls) : null,
        lateFinish: r ? textOf(r.lf) : null,
        totalFloat: r ? r.float : null,
        freeFloat: r ? r.free : null,
        critical: r ? r.critical : false,
        cannotMeetDeadline: r ? r.late && t.status !== 'closed' : false,
        dueState: dueStateOf(t, ef, todayDay),
        baselineVariance: variance,
      };
    });
    let first = Infinity;
    let last = -Infinity;
    for (const r of result.values()) {
      first = Math.min(first, r.es);
      last = Math.max(last, r.ef);
    }
    const from = `${Number(plan.start.slice(0, 4)) - 1}-01-01`;
    const to = `${Number(plan.start.slice(0, 4)) + 2}-12-31`;
    const baselines = (db.baselines ?? []).filter((b) => b.planId === plan.id).map(({ id, name, createdAt }) => ({ id, name, createdAt }));
    const chosen = baselineId ? baselines.find((b) => b.id === baselineId) : null;
    return {
      plan: { ...plan, kindLabel: { key: '重点调度', special: '专项调度', daily: '日常调度' }[plan.kind], leadUnitName: unitName(plan.leadUnitId) },
      today: todayText,
      projectStart: first === Infinity ? plan.start : textOf(first),
      projectFinish: last === -Infinity ? plan.start : textOf(last),
      tasks,
      links: data.links.map((l) => ({ ...l })),
      criticalPath: tasks.filter((t) => t.critical).map((t) => t.id),
      calendar: { from, to, days: calendarRange(from, to) },
      baselines,
      baseline: chosen ? { id: chosen.id, name: chosen.name, tasks: db.baselineTasks.get(chosen.id) ?? {} } : null,
    };
  }

  // A big generated chart is shown as generated; edits change its fields
  // directly (no rescheduling of 20,000 tasks in the mock).
  function bigView(data, baselineId) {
    const chart = data.big;
    return { ...chart, tasks: chart.tasks, links: chart.links, baseline: baselineId ? chart.baseline : null };
  }

  // ---------- editing ----------
  function taskOf(data, id) {
    const t = data.tasks.find((x) => x.id === id);
    if (!t) fail('not_found', '任务不存在，可能已被删除');
    return t;
  }
  function planOfTask(id) {
    for (const [planId, data] of db.charts) if (data.tasks.some((t) => t.id === id)) return { planId, data };
    fail('not_found', '任务不存在，可能已被删除');
  }
  function planOfLink(id) {
    for (const [planId, data] of db.charts) if (data.links.some((l) => l.id === id)) return { planId, data };
    fail('not_found', '前置关系不存在，可能已被删除');
  }
  function subtreeIds(data, id) {
    const ids = new Set([id]);
    let grew = true;
    while (grew) {
      grew = false;
      for (const t of data.tasks) if (t.parentId !== null && ids.has(t.parentId) && !ids.has(t.id)) {
        ids.add(t.id);
        grew = true;
      }
    }
    return ids;
  }
  function checkFields(input, task) {
    if ('name' in input && !String(input.name ?? '').trim()) fail('validation', '任务名称不能为空', 'name');
    for (const f of ['start', 'deadline', 'actualStart', 'actualFinish']) {
      if (f in input && input[f] !== null && input[f] !== '' && !validDate(input[f])) fail('validation', '日期格式不正确，应为如 2026-03-05 的日期', f);
    }
    if ('progress' in input && !(Number.isInteger(input.progress) && input.progress >= 0 && input.progress <= 100)) fail('validation', '进度应为0到100之间的整数', 'progress');
    if ('duration' in input && !(Number.isInteger(input.duration) && input.duration >= 0)) fail('validation', '工期应为非负整数', 'duration');
    const milestone = 'milestone' in input ? input.milestone : task?.milestone;
    const duration = 'duration' in input ? input.duration : task?.duration;
    if (task && task.kind !== 'stage' && !milestone && duration === 0) fail('validation', '工期为0的任务请设为里程碑', 'duration');
    if ('status' in input && !STATUS_LABELS[input.status]) fail('validation', '状态不正确', 'status');
  }
  // Deletes kept for their undo, by the deleted task's id.
  const deleted = new Map();
  const EDITABLE = ['name', 'goal', 'content', 'leadUnitId', 'cooperatingUnitIds', 'personId', 'start', 'duration', 'deadline', 'milestone', 'progress', 'status', 'actualStart', 'actualFinish'];

  function cyclePath(data, predId, succId) {
    // Is there a path succ → … → pred already? Then pred → succ closes a cycle.
    const succs = new Map();
    for (const l of data.links) {
      if (!succs.has(l.predId)) succs.set(l.predId, []);
      succs.get(l.predId).push(l.succId);
    }
    const prev = new Map([[succId, null]]);
    const queue = [succId];
    while (queue.length) {
      const x = queue.shift();
      if (x === predId) {
        const path = [];
        for (let y = predId; y !== null; y = prev.get(y)) path.unshift(y);
        return path;
      }
      for (const y of succs.get(x) ?? []) if (!prev.has(y)) {
        prev.set(y, x);
        queue.push(y);
      }
    }
    return null;
  }

  function bigEdit(data, apply) {
    apply(data.big);
    return bigView(data, null);
  }

  Object.assign(commands, {
    get_chart: (input) => {
      requireSession();
      return chartView(input.planId, input.baselineId ?? null);
    },
    create_task: (input) => {
      requireEditor();
      const { data } = chartOf(input.planId);
      if (!String(input.name ?? '').trim()) fail('validation', '任务名称不能为空', 'name');
      checkFields(input, null);
      const siblings = data.tasks.filter((t) => (t.parentId ?? null) === (input.parentId ?? null));
      const after = input.afterId ? siblings.find((t) => t.id === input.afterId) : null;
      const position = after ? after.position + 0.5 : -0.5;
      const t = { id: newId(), parentId: input.parentId ?? null, position, kind: input.kind ?? 'task', name: input.name.trim(), goal: input.goal ?? '', content: input.content ?? '', leadUnitId: input.leadUnitId ?? null, cooperatingUnitIds: input.cooperatingUnitIds ?? [], personId: null, start: input.start ?? null, duration: input.kind === 'stage' ? 0 : input.duration ?? 1, deadline: input.deadline ?? null, milestone: Boolean(input.milestone), progress: input.progress ?? 0, status: input.status ?? 'planned', actualStart: null, actualFinish: null };
      if (data.big) fail('conflict', '性能测试数据不支持新增任务');
      data.tasks.push(t);
      outline(data.tasks);
      audit(`新增任务“${t.name}”`, t.id);
      return chartView(input.planId);
    },
    update_task: (input) => {
      requireEditor();
      const { planId, data } = planOfTask(input.id);
      const t = taskOf(data, input.id);
      checkFields(input, t);
      if (data.big) return bigEdit(data, () => Object.assign(t, input));
      for (const f of EDITABLE) if (f in input) t[f] = input[f] === '' ? null : input[f];
      if ('milestone' in input && input.milestone) t.duration = 0;
      audit(`修改任务“${t.name}”`, t.id);
      return chartView(planId);
    },
    move_task: (input) => {
      requireEditor();
      const { planId, data } = planOfTask(input.id);
      const t = taskOf(data, input.id);
      checkFields(input, t);
      if (data.big) {
        return bigEdit(data, () => {
          if (input.start) {
            const shift = dayOf(input.start) - dayOf(t.earlyStart);
            t.start = input.start;
            t.earlyStart = input.start;
            t.earlyFinish = textOf(dayOf(t.earlyFinish) + shift);
          }
        });
      }
      if (input.start !== undefined) t.start = input.start;
      if (input.duration !== undefined) t.duration = input.duration;
      audit(`移动任务“${t.name}”`, t.id);
      return chartView(planId);
    },
    reparent_task: (input) => {
      requireEditor();
      const { planId, data } = planOfTask(input.id);
      const t = taskOf(data, input.id);
      if (input.parentId !== null && subtreeIds(data, t.id).has(input.parentId)) fail('validation', '不能把任务移到它自己的子任务下');
      if (input.parentId !== null) taskOf(data, input.parentId);
      t.parentId = input.parentId;
      t.position = input.position - 0.5;
      outline(data.tasks);
      audit(`调整任务“${t.name}”的层级`, t.id);
      return chartView(planId);
    },
    delete_task: (input) => {
      requireEditor();
      const { planId, data } = planOfTask(input.id);
      const t = taskOf(data, input.id);
      const ids = subtreeIds(data, t.id);
      // As the core: the delete keeps what it removed, for its undo.
      deleted.set(t.id, {
        planId,
        tasks: structuredClone(data.tasks.filter((x) => ids.has(x.id))),
        links: structuredClone(data.links.filter((l) => ids.has(l.predId) || ids.has(l.succId))),
      });
      data.tasks = data.tasks.filter((x) => !ids.has(x.id));
      data.links = data.links.filter((l) => !ids.has(l.predId) && !ids.has(l.succId));
      outline(data.tasks);
      audit(`删除任务“${t.name}”`, t.id);
      return chartView(planId);
    },
    restore_tasks: (input) => {
      requireEditor();
      const kept = deleted.get(input.id);
      if (!kept) fail('not_found', '没有这项任务的删除记录，无法恢复');
      deleted.delete(input.id);
      const { data } = chartOf(kept.planId);
      for (const t of kept.tasks) data.tasks.push({ ...t, position: t.position - 0.5 });
      data.links.push(...kept.links);
      outline(data.tasks);
      audit(`撤销删除：恢复任务“${kept.tasks[0]?.name ?? ''}”`);
      return chartView(kept.planId);
    },
    cancel_task: (input) => {
      requireEditor();
      const { planId, data } = planOfTask(input.id);
      if (!String(input.reason ?? '').trim()) fail('validation', '请填写撤销原因', 'reason');
      const ids = subtreeIds(data, input.id);
      for (const t of data.tasks) {
        if (ids.has(t.id) && t.status !== 'closed' && t.status !== 'cancelled') {
          t.previousStatus = t.status;
          t.status = 'cancelled';
        }
      }
      return chartView(planId);
    },
    resume_task: (input) => {
      requireEditor();
      const { planId, data } = planOfTask(input.id);
      const ids = subtreeIds(data, input.id);
      for (const t of data.tasks) {
        if (ids.has(t.id) && t.status === 'cancelled') t.status = t.previousStatus ?? 'planned';
      }
      return chartView(planId);
    },
    create_link: (input) => {
      requireEditor();
      const { data } = chartOf(input.planId);
      const pred = taskOf(data, input.predId);
      const succ = taskOf(data, input.succId);
      if (!LINK_KINDS.includes(input.kind)) fail('validation', '关系类型应为 FS、SS、FF 或 SF', 'kind');
      if (pred.id === succ.id) fail('validation', '任务不能以自己为前置任务');
      const summary = (t) => t.kind === 'stage' || data.tasks.some((x) => x.parentId === t.id);
      if (summary(pred) || summary(succ)) fail('validation', '前置关系只能建在具体任务之间，不能连到阶段或含子任务的任务');
      if (data.links.some((l) => l.predId === pred.id && l.succId === succ.id)) fail('duplicate', `“${pred.name}”已是“${succ.name}”的前置任务`);
      const path = cyclePath(data, pred.id, succ.id);
      if (path) fail('conflict', `前置关系形成循环：${[...path, succ.id].map((id) => taskOf(data, id).name).join(' → ')}`);
      const link = { id: newId(), predId: pred.id, succId: succ.id, kind: input.kind, lag: input.lag ?? 0 };
      if (data.big) return bigEdit(data, () => data.big.links.push(link));
      data.links.push(link);
      audit(`新增前置关系“${pred.name} → ${succ.name}”`);
      return chartView(input.planId);
    },
    update_link: (input) => {
      requireEditor();
      const { planId, data } = planOfLink(input.id);
      const l = data.links.find((x) => x.id === input.id);
      if (!LINK_KINDS.includes(input.kind)) fail('validation', '关系类型应为 FS、SS、FF 或 SF', 'kind');
      if (!Number.isInteger(input.lag)) fail('validation', '间隔应为整数个工作日', 'lag');
      l.kind = input.kind;
      l.lag = input.lag;
      audit('修改前置关系');
      return chartView(planId);
    },
    delete_link: (input) => {
      requireEditor();
      const { planId, data } = planOfLink(input.id);
      data.links = data.links.filter((x) => x.id !== input.id);
      audit('删除前置关系');
      return chartView(planId);
    },
  });

  // Baselines keep the task dates as they were when saved.
  const saveBaseline = commands.save_baseline;
  if (saveBaseline) {
    commands.save_baseline = (input) => {
      const saved = saveBaseline(input);
      const view = chartView(input.planId);
      const snapshot = {};
      for (const t of view.tasks) if (t.earlyStart) snapshot[t.id] = { start: t.earlyStart, finish: t.earlyFinish };
      db.baselineTasks.set(saved.id, snapshot);
      return saved;
    };
  }

  window.__CHART_MOCK__ = {
    // Replace a plan's chart with a generated one (the big preview).
    installBig(planId, chart) {
      const tasks = chart.tasks;
      db.charts.set(planId, { tasks, links: chart.links, big: { ...chart, plan: { ...chart.plan, id: planId } } });
      db.charts.get(planId).links = chart.links;
    },
    planIdByTitle: (text) => (db.plans ?? []).find((p) => p.title.includes(text))?.id ?? null,
  };
})();
