// Plans, baselines and the working calendar for the preview mock
// (docs/ipc-plans.md). Loaded after tauri-mock.js; adds its commands to
// window.__MOCK__.commands. Messages and fields follow the core's
// (crates/store/src/plans/*.rs) so the UI's error paths can be previewed.
//
// Extra URL parameters:
//   plans=empty        no plan at all (the list's empty state)
// Statutory calendar data in the mock: 2025 and 2026 only (the real core
// carries 2018–2026); other years show the "no notice yet" message.
(function installPlansMock() {
  const mock = window.__MOCK__;
  if (!mock) throw new Error('plans-mock.js needs tauri-mock.js first');
  const { db, commands } = mock;
  const params = new URLSearchParams(location.search);
  const scenario = params.get('scenario') || 'sample';

  const KIND_LABELS = { key: '重点调度', special: '专项调度', daily: '日常调度' };
  const pad = (n) => String(n).padStart(2, '0');
  const stamp = (d = new Date()) =>
    `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
  const newId = () => ++db.nextId;

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
  function log(entity, entityId, action, summary, changes = {}) {
    const session = mock.getSession();
    db.audit.unshift({
      id: newId(),
      at: stamp(),
      username: session ? session.user.username : '-',
      entity,
      entityLabel: { plan: '计划', baseline: '基线', calendar: '工作日历' }[entity] ?? entity,
      entityId,
      action,
      actionLabel: { create: '新建', update: '修改', archive: '归档', reinstate: '恢复', end: '结束' }[action] ?? action,
      summary,
      changes,
    });
  }
  const text = (v) => (typeof v === 'string' ? v.trim() : '');
  const validDate = (s) => {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(String(s ?? '').trim());
    if (!m) return false;
    const [y, mo, d] = m.slice(1).map(Number);
    return mo >= 1 && mo <= 12 && d >= 1 && d <= new Date(Date.UTC(y, mo, 0)).getUTCDate();
  };

  // ---------- calendar ----------
  // Each notice as it is written: the run of days off and the weekend days worked.
  const NOTICES = {
    2025: [
      ['元旦', '2025-01-01', '2025-01-01', []],
      ['春节', '2025-01-28', '2025-02-04', ['2025-01-26', '2025-02-08']],
      ['清明节', '2025-04-04', '2025-04-06', []],
      ['劳动节', '2025-05-01', '2025-05-05', ['2025-04-27']],
      ['端午节', '2025-05-31', '2025-06-02', []],
      ['国庆节、中秋节', '2025-10-01', '2025-10-08', ['2025-09-28', '2025-10-11']],
    ],
    2026: [
      ['元旦', '2026-01-01', '2026-01-03', ['2026-01-04']],
      ['春节', '2026-02-15', '2026-02-23', ['2026-02-14', '2026-02-28']],
      ['清明节', '2026-04-04', '2026-04-06', []],
      ['劳动节', '2026-05-01', '2026-05-05', ['2026-05-09']],
      ['端午节', '2026-06-19', '2026-06-21', []],
      ['中秋节', '2026-09-25', '2026-09-27', []],
      ['国庆节', '2026-10-01', '2026-10-07', ['2026-09-20', '2026-10-10']],
    ],
  };
  const statutory = new Map();
  for (const holidays of Object.values(NOTICES)) {
    for (const [name, first, last, makeUp] of holidays) {
      const d = new Date(`${first}T00:00:00Z`);
      const end = new Date(`${last}T00:00:00Z`);
      for (; d <= end; d.setUTCDate(d.getUTCDate() + 1)) statutory.set(d.toISOString().slice(0, 10), { working: false, name });
      for (const day of makeUp) statutory.set(day, { working: true, name });
    }
  }
  db.calendarOverrides = new Map();
  if (scenario === 'sample') {
    db.calendarOverrides.set('2026-07-15', { working: false, name: '矿庆日' });
  }
  const weekdayOf = (date) => {
    const wd = new Date(`${date}T00:00:00Z`).getUTCDay();
    return wd === 0 ? 7 : wd;
  };
  function calendarDays(year) {
    if (!(year >= 1900 && year <= 2200)) fail('validation', '年份应在1900到2200之间', 'year');
    const out = new Map();
    for (const [date, day] of statutory) if (date.startsWith(`${year}-`)) out.set(date, { date, ...day, source: 'statutory', weekday: weekdayOf(date) });
    for (const [date, day] of db.calendarOverrides) if (date.startsWith(`${year}-`)) out.set(date, { date, ...day, source: 'override', weekday: weekdayOf(date) });
    return Array.from(out.values()).sort((a, b) => a.date.localeCompare(b.date));
  }

  // ---------- plans ----------
  db.plans = [];
  db.baselines = [];
  const unitNamed = (name) => db.units.find((u) => u.name === name);
  function addPlan(p) {
    const plan = {
      id: newId(),
      goal: '',
      note: '',
      sources: [],
      end: null,
      leadUnitId: null,
      archived: false,
      archivedReason: null,
      createdAt: stamp(),
      taskCount: 0,
      doneCount: 0,
      overdueCount: 0,
      finish: null,
      ...p,
    };
    db.plans.push(plan);
    return plan;
  }
  if (scenario === 'sample' && params.get('plans') !== 'empty') {
    const p = addPlan({
      title: '漳村煤矿党委强化基础工作建设专项行动',
      kind: 'special',
      goal: '用一年时间，使各基层党支部的组织生活、党员管理、阵地建设和基础台账全部达到集团公司标准化党支部要求。',
      leadUnitId: unitNamed('组织部')?.id ?? null,
      start: '2026-03-02',
      end: '2026-12-31',
      note: '各阶段结束后形成阶段总结，在矿大调度会上通报。',
      sources: [
        { issuer: '省国资委党委', number: '晋国资党发〔2026〕8号', title: '关于开展国有企业党建基础工作提升专项行动的通知' },
        { issuer: '潞安集团党委', number: '潞党发〔2026〕15号', title: '强化基础工作建设专项行动实施方案' },
      ],
      taskCount: 41,
      doneCount: 17,
      overdueCount: 2,
      finish: '2026-12-25',
    });
    db.baselines.push({ id: newId(), planId: p.id, name: '计划批准时', createdAt: '2026-03-02 10:15:00' });
    addPlan({
      title: '2026年度党委重点工作任务',
      kind: 'key',
      goal: '党委年度工作要点分解到部门和支部，按月调度。',
      leadUnitId: unitNamed('党委办公室')?.id ?? null,
      start: '2026-01-05',
      end: '2026-12-31',
      taskCount: 112,
      doneCount: 96,
      overdueCount: 0,
      finish: '2026-12-30',
    });
    addPlan({
      title: '“安全生产月”宣传教育活动',
      kind: 'special',
      leadUnitId: unitNamed('宣传部')?.id ?? null,
      start: '2026-06-01',
      end: '2026-06-30',
      taskCount: 12,
      doneCount: 12,
      overdueCount: 0,
      finish: '2026-06-26',
    });
    addPlan({
      title: '12月份日常调度事项',
      kind: 'daily',
      leadUnitId: unitNamed('党建调度室')?.id ?? null,
      start: '2026-12-01',
      end: '2026-12-31',
      taskCount: 0,
    });
    addPlan({
      title: '主题教育整改落实台账',
      kind: 'key',
      leadUnitId: unitNamed('纪委')?.id ?? null,
      start: '2026-04-01',
      end: '2026-09-30',
      taskCount: 23,
      doneCount: 20,
      overdueCount: 0,
      finish: '2026-10-16',
    });
    addPlan({
      title: '2025年基层党支部标准化建设',
      kind: 'special',
      leadUnitId: unitNamed('组织部')?.id ?? null,
      start: '2025-03-01',
      end: '2025-11-30',
      taskCount: 30,
      doneCount: 30,
      finish: '2025-11-28',
      archived: true,
      archivedReason: '已完成并通过集团验收',
    });
  }

  function planView(p) {
    const unit = db.units.find((u) => u.id === p.leadUnitId);
    const { doneCount, overdueCount, finish, ...rest } = p;
    return { ...rest, kindLabel: KIND_LABELS[p.kind], leadUnitName: unit ? unit.name : null };
  }
  function summaryView(p) {
    return { ...planView(p), finish: p.finish, doneCount: p.doneCount, overdueCount: p.overdueCount };
  }
  function findPlan(id) {
    const plan = db.plans.find((p) => p.id === id);
    if (!plan) fail('not_found', '计划不存在');
    return plan;
  }
  function checkPlan(input) {
    const title = text(input.title);
    if (!title) fail('validation', '计划名称不能为空', 'title');
    if (Array.from(title).length > 100) fail('validation', '计划名称不能超过100个字', 'title');
    if (!KIND_LABELS[input.kind]) fail('validation', '请选择调度类别：重点调度、专项调度或日常调度', 'kind');
    if (!text(input.start)) fail('validation', '请填写开始日期', 'start');
    if (!validDate(input.start)) fail('validation', '开始日期格式不正确，应为如 2026-03-05 的日期', 'start');
    const end = text(input.end ?? '');
    if (end && !validDate(end)) fail('validation', '结束日期格式不正确，应为如 2026-03-05 的日期', 'end');
    if (end && end < text(input.start)) fail('validation', '结束日期不能早于开始日期', 'end');
    if (input.leadUnitId !== null && input.leadUnitId !== undefined) {
      const unit = db.units.find((u) => u.id === input.leadUnitId);
      if (!unit) fail('validation', '牵头单位不存在或已撤销', 'leadUnitId');
      if (unit.retired) fail('validation', '牵头单位不存在或已撤销', 'leadUnitId');
    }
    const sources = [];
    (input.sources ?? []).forEach((s, i) => {
      const row = { issuer: text(s.issuer), number: text(s.number), title: text(s.title) };
      if (!row.issuer && !row.number && !row.title) return;
      if (!row.title) fail('validation', `第${i + 1}个依据文件缺少标题`, 'sources');
      sources.push(row);
    });
    return {
      title,
      kind: input.kind,
      goal: text(input.goal),
      leadUnitId: input.leadUnitId ?? null,
      start: text(input.start),
      end: end || null,
      note: text(input.note),
      sources,
    };
  }
  function editablePlan(id) {
    const plan = findPlan(id);
    if (plan.archived) fail('conflict', `计划“${plan.title}”已归档，请先恢复再修改`);
    return plan;
  }

  Object.assign(commands, {
    list_plans: (input) => {
      requireSession();
      const status = input.status || 'active';
      const t = text(input.text);
      return db.plans
        .filter((p) => (status === 'all' ? true : status === 'archived' ? p.archived : !p.archived))
        .filter((p) => !input.kind || p.kind === input.kind)
        .filter((p) => !t || p.title.includes(t) || p.goal.includes(t))
        .slice()
        .sort((a, b) => Number(a.archived) - Number(b.archived) || b.start.localeCompare(a.start) || b.id - a.id)
        .map(summaryView);
    },
    get_plan: (input) => {
      requireSession();
      return planView(findPlan(input.id));
    },
    create_plan: (input) => {
      requireEditor();
      const checked = checkPlan(input);
      const plan = addPlan({ ...checked, createdAt: stamp() });
      log('plan', plan.id, 'create', `新建计划“${plan.title}”`);
      return planView(plan);
    },
    update_plan: (input) => {
      requireEditor();
      const plan = editablePlan(input.id);
      Object.assign(plan, checkPlan(input));
      log('plan', plan.id, 'update', `修改计划“${plan.title}”`);
      return planView(plan);
    },
    archive_plan: (input) => {
      requireEditor();
      const reason = text(input.reason);
      if (!reason) fail('validation', '归档原因不能为空', 'reason');
      const plan = editablePlan(input.id);
      plan.archived = true;
      plan.archivedReason = reason;
      log('plan', plan.id, 'archive', `归档计划“${plan.title}”：${reason}`);
      return planView(plan);
    },
    restore_plan: (input) => {
      requireEditor();
      const plan = findPlan(input.id);
      if (!plan.archived) fail('conflict', `计划“${plan.title}”未归档`);
      plan.archived = false;
      plan.archivedReason = null;
      log('plan', plan.id, 'reinstate', `恢复计划“${plan.title}”`);
      return planView(plan);
    },

    list_baselines: (input) => {
      requireSession();
      findPlan(input.planId);
      return db.baselines
        .filter((b) => b.planId === input.planId)
        .sort((a, b) => b.id - a.id)
        .map(({ id, name, createdAt }) => ({ id, name, createdAt }));
    },
    save_baseline: (input) => {
      requireEditor();
      const name = text(input.name);
      if (!name) fail('validation', '基线名称不能为空', 'name');
      if (Array.from(name).length > 40) fail('validation', '基线名称不能超过40个字', 'name');
      const plan = findPlan(input.planId);
      if (db.baselines.some((b) => b.planId === plan.id && b.name === name)) fail('duplicate', `基线“${name}”已存在`, 'name');
      const baseline = { id: newId(), planId: plan.id, name, createdAt: stamp() };
      db.baselines.push(baseline);
      log('baseline', baseline.id, 'create', `为计划“${plan.title}”保存基线“${name}”`);
      return { id: baseline.id, name, createdAt: baseline.createdAt };
    },
    baseline_variance: (input) => {
      requireSession();
      findPlan(input.planId);
      return { tasks: [], stages: [] };
    },

    calendar_year: (input) => {
      requireSession();
      const year = Number(input.year);
      const official = year >= 2018 && year <= 2026;
      return { year, official, notice: official ? `国务院办公厅关于${year}年部分节假日安排的通知` : null, noticeFrom: 2018, noticeTo: 2026 };
    },
    list_calendar_days: (input) => {
      requireSession();
      return calendarDays(Number(input.year));
    },
    set_calendar_day: (input) => {
      requireEditor();
      if (!validDate(input.date)) fail('validation', '日期格式不正确，应为如 2026-03-05 的日期', 'date');
      const name = text(input.name);
      if (Array.from(name).length > 40) fail('validation', '说明不能超过40个字', 'name');
      if (!input.working && !name) fail('validation', '请填写休息日的名称，如“矿庆日”', 'name');
      db.calendarOverrides.set(input.date, { working: Boolean(input.working), name });
      log('calendar', null, 'update', `将 ${input.date} 设为${input.working ? '工作日' : '休息日'}`);
      return calendarDays(Number(input.date.slice(0, 4)));
    },
    remove_calendar_day: (input) => {
      requireEditor();
      if (!db.calendarOverrides.has(input.date)) fail('not_found', `${input.date} 没有自定义设置（法定假日不能删除，只能覆盖）`);
      db.calendarOverrides.delete(input.date);
      log('calendar', null, 'end', `取消 ${input.date} 的自定义设置`);
      return calendarDays(Number(input.date.slice(0, 4)));
    },
  });
})();
