// An in-memory stand-in for the Tauri core, for previewing the UI in a
// plain browser before the real app exists. It implements docs/ipc.md
// closely enough to exercise every screen, including the error paths.
//
// URL parameters (all optional):
//   scenario=fresh        no user yet (setup screen)
//   scenario=empty        admin exists, organization empty
//   (default)             admin exists, sample data loaded
//   session=admin|signer|dispatcher|viewer   start logged in as that role
//   locked=1              the session starts locked
//   idle=N                idle lock minutes (default 15)
//   latency=MS            delay every answer
// Passwords of the preset users: "password1".
(function installMock() {
  const params = new URLSearchParams(location.search);
  const scenario = params.get('scenario') || 'sample';
  const latency = Number(params.get('latency') || 20);

  const pad = (n) => String(n).padStart(2, '0');
  const stamp = (d = new Date()) =>
    `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
  const daysAgo = (n, hour = 9) => {
    const d = new Date();
    d.setDate(d.getDate() - n);
    d.setHours(hour, 12, 5);
    return stamp(d);
  };

  const ROLE_LABELS = { admin: '管理员', signer: '签发人', dispatcher: '调度员', viewer: '查看' };
  const KIND_LABELS = { committee: '矿党委', department: '党委部门', branch: '基层党支部' };
  const PERSON_ROLE_LABELS = {
    leader: '矿领导',
    unit_head: '部门负责人',
    secretary: '支部书记',
    committee_member: '支委委员',
    dispatcher: '调度员',
    liaison: '联络员',
  };
  const ENTITY_LABELS = {
    unit: '单位',
    person: '人员',
    assistance_point: '帮扶点',
    pairing: '包保',
    user: '用户',
    settings: '设置',
    sample: '示例数据',
    backup: '备份',
  };
  const ACTION_LABELS = {
    create: '新建',
    update: '修改',
    retire: '撤销',
    reinstate: '恢复',
    end: '结束',
    login: '登录',
    logout: '退出',
    load: '加载',
    backup: '备份',
    restore: '还原',
  };

  const db = {
    nextId: 100,
    users: [],
    units: [],
    people: [],
    points: [],
    pairings: [],
    audit: [],
    settings: { idleLockMinutes: Number(params.get('idle') || 15), backupDir: '/home/diaodu/备份', backupKeep: 30, lastBackupAt: null },
  };
  let session = null;
  const newId = () => ++db.nextId;

  function fail(code, message, field) {
    const error = { code, message };
    if (field) error.field = field;
    throw error;
  }

  function log(entity, entityId, action, summary, changes = {}) {
    db.audit.unshift({
      id: newId(),
      at: stamp(),
      username: session ? session.user.username : '-',
      entity,
      entityLabel: ENTITY_LABELS[entity],
      entityId,
      action,
      actionLabel: ACTION_LABELS[action],
      summary,
      changes,
    });
  }

  function publicUser(u) {
    const { password, ...rest } = u;
    return { ...rest, roleLabel: ROLE_LABELS[u.role] };
  }

  function addUser(username, displayName, role, createdAt) {
    const user = { id: newId(), username, displayName, role, disabled: false, createdAt, lastLoginAt: null, password: 'password1' };
    db.users.push(user);
    return user;
  }

  function unitView(u) {
    const parent = db.units.find((p) => p.id === u.parentId);
    return { ...u, kindLabel: KIND_LABELS[u.kind], parentName: parent ? parent.name : null };
  }

  function personView(p) {
    const unit = db.units.find((u) => u.id === p.unitId);
    return { ...p, unitName: unit ? unit.name : '', roleLabels: p.roles.map((r) => PERSON_ROLE_LABELS[r]) };
  }

  function pointView(a) {
    return {
      ...a,
      leaderName: db.people.find((p) => p.id === a.leaderId).name,
      branchName: db.units.find((u) => u.id === a.branchId).name,
    };
  }

  function pairingView(a) {
    return {
      ...a,
      departmentName: db.units.find((u) => u.id === a.departmentId).name,
      branchName: db.units.find((u) => u.id === a.branchId).name,
    };
  }

  function loadSample() {
    const unit = (name, shortName, kind, parentId, note = '') => {
      const u = { id: newId(), name, shortName, kind, parentId, note, retired: false, retiredAt: null, retiredReason: null, createdAt: daysAgo(40) };
      db.units.push(u);
      return u;
    };
    const committee = unit('矿党委', '党委', 'committee', null);
    const departments = [
      ['党委办公室', '党办'],
      ['组织部', '组织部'],
      ['宣传部', '宣传部'],
      ['纪委', '纪委'],
      ['工会', '工会'],
      ['团委', '团委'],
      ['党建调度室', '调度室', '设在党委办公室'],
    ].map(([n, s, note]) => unit(n, s, 'department', committee.id, note));
    const branches = [
      ['综采一队党支部', '综采一队'],
      ['综采二队党支部', '综采二队'],
      ['掘进一队党支部', '掘进一队'],
      ['掘进二队党支部', '掘进二队'],
      ['机电科党支部', '机电科'],
      ['运输队党支部', '运输队'],
      ['通风队党支部', '通风队', '含瓦斯检查班'],
      ['选煤厂党支部', '选煤厂'],
      ['安检科党支部', '安检科'],
      ['后勤服务中心党支部', '后勤中心'],
    ].map(([n, s, note]) => unit(n, s, 'branch', committee.id, note));
    const old = unit('综采三队党支部', '综采三队', 'branch', committee.id, '');
    old.retired = true;
    old.retiredAt = daysAgo(12);
    old.retiredReason = '队组合并到综采二队';

    const person = (name, unitId, title, phone, roles, note = '') => {
      const p = { id: newId(), name, unitId, title, phone, roles, note, retired: false, retiredAt: null };
      db.people.push(p);
      return p;
    };
    const leaders = [
      person('郭振山', committee.id, '党委书记', '0355-5961001', ['leader']),
      person('邢立军', committee.id, '矿长', '0355-5961002', ['leader']),
      person('樊志宏', committee.id, '党委副书记', '0355-5961003', ['leader']),
      person('牛建平', committee.id, '纪委书记', '0355-5961004', ['leader']),
    ];
    person('申晓红', departments[0].id, '主任', '0355-5961011', ['unit_head']);
    person('秦海燕', departments[1].id, '部长', '0355-5961021', ['unit_head']);
    person('常宏伟', departments[2].id, '部长', '0355-5961031', ['unit_head']);
    person('贾利民', departments[6].id, '主任', '0355-5961071', ['unit_head', 'dispatcher']);
    person('武晓东', departments[6].id, '调度员', '13603551234', ['dispatcher']);
    person('任丽娜', departments[6].id, '调度员', '13903556789', ['dispatcher']);
    const secretaries = ['赵永刚', '冯建军', '侯志强', '薛文斌', '闫海军', '王建峰', '李卫东', '成小军', '原红亮', '郝春燕'];
    branches.forEach((b, i) => person(secretaries[i], b.id, '党支部书记', `1393552${pad(i + 10)}01`, ['secretary']));
    person('段晋生', branches[0].id, '宣传委员', '13935521102', ['committee_member', 'liaison']);
    const gone = person('曹文亮', old.id, '原党支部书记', '', ['secretary']);
    gone.retired = true;
    gone.retiredAt = daysAgo(12);

    const point = (leader, branch, note = '', ended = null) =>
      db.points.push({ id: newId(), leaderId: leader.id, branchId: branch.id, note, startedAt: daysAgo(30).slice(0, 10), endedAt: ended });
    point(leaders[0], branches[0], '每月至少下井帮扶一次');
    point(leaders[1], branches[2]);
    point(leaders[2], branches[4]);
    point(leaders[3], branches[7]);
    point(leaders[2], branches[1], '', daysAgo(5).slice(0, 10));
    const pair = (dep, br, note = '') =>
      db.pairings.push({ id: newId(), departmentId: dep.id, branchId: br.id, note, startedAt: daysAgo(30).slice(0, 10), endedAt: null });
    pair(departments[1], branches[0]);
    pair(departments[1], branches[1]);
    pair(departments[2], branches[2]);
    pair(departments[3], branches[3]);
    pair(departments[4], branches[5]);
    pair(departments[5], branches[6], '青年安全监督岗');
    pair(departments[0], branches[9]);
    return { units: db.units.length, people: db.people.length, assistance: db.points.length, pairings: db.pairings.length };
  }

  function seedAudit() {
    const admin = db.users[0];
    const entries = [];
    for (let i = 0; i < 73; i++) {
      const unit = db.units[i % db.units.length];
      const edit = i % 5 === 0;
      const username = i % 4 === 0 ? 'wuxd' : admin.username;
      entries.push({
        id: newId(),
        at: daysAgo(Math.floor(i / 3), 17 - (i % 9)),
        username,
        entity: edit ? 'unit' : 'user',
        entityLabel: edit ? '单位' : '用户',
        entityId: edit ? unit.id : db.users.find((u) => u.username === username).id,
        action: edit ? 'update' : 'login',
        actionLabel: edit ? '修改' : '登录',
        summary: edit ? `修改单位“${unit.name}”的备注` : '登录',
        changes: edit ? { note: { from: '', to: '按季度检查' }, shortName: { from: unit.shortName, to: `${unit.shortName}（新）` } } : {},
      });
    }
    entries.push({
      id: newId(),
      at: daysAgo(40),
      username: admin.username,
      entity: 'unit',
      entityLabel: '单位',
      entityId: db.units[1] ? db.units[1].id : 1,
      action: 'create',
      actionLabel: '新建',
      summary: '新建单位“党委办公室”',
      changes: { name: '党委办公室', shortName: '党办', kind: 'department', parentId: db.units[0] ? db.units[0].id : null, note: '' },
    });
    db.audit.push(...entries);
  }

  if (scenario !== 'fresh') {
    addUser('admin', '贾利民', 'admin', daysAgo(40));
    addUser('wuxd', '武晓东', 'dispatcher', daysAgo(39));
    addUser('renln', '任丽娜', 'dispatcher', daysAgo(39));
    addUser('guozs', '郭振山', 'signer', daysAgo(39));
    addUser('chakan', '查看账号', 'viewer', daysAgo(20));
    db.users[0].lastLoginAt = daysAgo(0, 8);
    db.users[1].lastLoginAt = daysAgo(1, 20);
    if (scenario === 'sample') {
      loadSample();
      seedAudit();
      db.settings.lastBackupAt = daysAgo(1, 18);
    }
    const role = params.get('session');
    if (role) {
      const user = db.users.find((u) => u.role === role);
      session = { user, locked: params.get('locked') === '1' };
    }
  }

  function sessionView() {
    return session ? { user: publicUser(session.user), locked: session.locked, idleLockMinutes: db.settings.idleLockMinutes } : null;
  }

  function requireSession() {
    if (!session) fail('unauthenticated', '请先登录');
    if (session.locked) fail('locked', '调度台已锁定，请解锁后继续');
    return session.user;
  }

  function requireEditor() {
    const user = requireSession();
    if (user.role === 'viewer') fail('forbidden', '“查看”角色只能查看，不能修改');
    return user;
  }

  function requireAdmin() {
    const user = requireSession();
    if (user.role !== 'admin') fail('forbidden', '只有管理员可以执行此操作');
    return user;
  }

  function text(value) {
    return typeof value === 'string' ? value.trim() : '';
  }

  function checkUnit(input, selfId = null) {
    if (!text(input.name)) fail('validation', '单位名称不能为空', 'name');
    if (!KIND_LABELS[input.kind]) fail('validation', '请选择单位类别', 'kind');
    if (db.units.some((u) => u.name === text(input.name) && u.id !== selfId)) fail('duplicate', `已有名为“${text(input.name)}”的单位`, 'name');
    if (input.parentId !== null && !db.units.some((u) => u.id === input.parentId)) fail('validation', '上级单位不存在', 'parentId');
  }

  function find(list, id, what) {
    const found = list.find((x) => x.id === id);
    if (!found) fail('not_found', `${what}不存在`);
    return found;
  }

  const commands = {
    app_info: () => ({
      version: '0.1.0',
      schemaVersion: 1,
      dataDir: '/home/diaodu/.local/share/cn.zhangcun.diaodu',
      dbPath: '/home/diaodu/.local/share/cn.zhangcun.diaodu/diaodu.db',
      needsSetup: db.users.length === 0,
      lastBackupAt: db.settings.lastBackupAt,
      backupDir: db.settings.backupDir,
      backupKeep: db.settings.backupKeep,
      idleLockMinutes: db.settings.idleLockMinutes,
    }),
    setup_admin: (input) => {
      if (db.users.length > 0) fail('conflict', '已经有用户，不能再次初始化');
      if (!text(input.username)) fail('validation', '用户名不能为空', 'username');
      if ((input.password || '').length < 8) fail('validation', '密码至少 8 位', 'password');
      const user = addUser(text(input.username), text(input.displayName), 'admin', stamp());
      user.password = input.password;
      session = { user, locked: false };
      log('user', user.id, 'create', `初始化：建立管理员“${user.username}”`);
      return sessionView();
    },
    load_sample: () => {
      requireAdmin();
      if (db.units.length > 0) fail('conflict', '已有单位记录，不能再加载示例数据');
      const counts = loadSample();
      log('sample', null, 'load', '加载示例数据', counts);
      return counts;
    },
    login: (input) => {
      const user = db.users.find((u) => u.username === text(input.username));
      if (!user || user.password !== input.password) fail('unauthenticated', '用户名或密码不正确');
      if (user.disabled) fail('forbidden', '此账号已停用，请联系管理员');
      user.lastLoginAt = stamp();
      session = { user, locked: false };
      log('user', user.id, 'login', '登录');
      return sessionView();
    },
    logout: () => {
      if (session) log('user', session.user.id, 'logout', '退出');
      session = null;
      return null;
    },
    current_session: () => sessionView(),
    heartbeat: () => {
      requireSession();
      return null;
    },
    lock: () => {
      if (!session) fail('unauthenticated', '请先登录');
      session.locked = true;
      return null;
    },
    unlock: (input) => {
      if (!session) fail('unauthenticated', '请先登录');
      if (session.user.password !== input.password) fail('validation', '密码不正确', 'password');
      session.locked = false;
      return sessionView();
    },
    change_password: (input) => {
      const user = requireSession();
      if (user.password !== input.oldPassword) fail('validation', '原密码不正确', 'oldPassword');
      if ((input.newPassword || '').length < 8) fail('validation', '新密码至少 8 位', 'newPassword');
      user.password = input.newPassword;
      log('user', user.id, 'update', '修改本人密码');
      return null;
    },

    list_units: (input) => {
      requireSession();
      const order = { committee: 0, department: 1, branch: 2 };
      return db.units
        .filter((u) => input.includeRetired || !u.retired)
        .slice()
        .sort((a, b) => order[a.kind] - order[b.kind] || a.id - b.id)
        .map(unitView);
    },
    create_unit: (input) => {
      requireEditor();
      checkUnit(input);
      const unit = {
        id: newId(),
        name: text(input.name),
        shortName: text(input.shortName),
        kind: input.kind,
        parentId: input.parentId,
        note: text(input.note),
        retired: false,
        retiredAt: null,
        retiredReason: null,
        createdAt: stamp(),
      };
      db.units.push(unit);
      log('unit', unit.id, 'create', `新建单位“${unit.name}”`, { name: unit.name, shortName: unit.shortName, kind: unit.kind, parentId: unit.parentId, note: unit.note });
      return unitView(unit);
    },
    update_unit: (input) => {
      requireEditor();
      const unit = find(db.units, input.id, '单位');
      checkUnit(input, unit.id);
      const changes = {};
      for (const key of ['name', 'shortName', 'kind', 'parentId', 'note']) {
        const value = key === 'kind' || key === 'parentId' ? input[key] : text(input[key]);
        if (unit[key] !== value) changes[key] = { from: unit[key], to: value };
        unit[key] = value;
      }
      log('unit', unit.id, 'update', `修改单位“${unit.name}”`, changes);
      return unitView(unit);
    },
    retire_unit: (input) => {
      requireEditor();
      const unit = find(db.units, input.id, '单位');
      if (!text(input.reason)) fail('validation', '请填写撤销原因', 'reason');
      unit.retired = true;
      unit.retiredAt = stamp();
      unit.retiredReason = text(input.reason);
      log('unit', unit.id, 'retire', `撤销单位“${unit.name}”：${unit.retiredReason}`, { retired: { from: false, to: true } });
      return unitView(unit);
    },
    reinstate_unit: (input) => {
      requireEditor();
      const unit = find(db.units, input.id, '单位');
      unit.retired = false;
      unit.retiredAt = null;
      unit.retiredReason = null;
      log('unit', unit.id, 'reinstate', `恢复单位“${unit.name}”`, { retired: { from: true, to: false } });
      return unitView(unit);
    },

    list_people: (input) => {
      requireSession();
      return db.people.filter((p) => input.includeRetired || !p.retired).map(personView);
    },
    create_person: (input) => {
      requireEditor();
      if (!text(input.name)) fail('validation', '姓名不能为空', 'name');
      if (!db.units.some((u) => u.id === input.unitId)) fail('validation', '请选择所属单位', 'unitId');
      const person = { id: newId(), name: text(input.name), unitId: input.unitId, title: text(input.title), phone: text(input.phone), roles: input.roles || [], note: text(input.note), retired: false, retiredAt: null };
      db.people.push(person);
      log('person', person.id, 'create', `新建人员“${person.name}”`, { name: person.name, unitId: person.unitId, roles: person.roles });
      return personView(person);
    },
    update_person: (input) => {
      requireEditor();
      const person = find(db.people, input.id, '人员');
      if (!text(input.name)) fail('validation', '姓名不能为空', 'name');
      const changes = {};
      for (const key of ['name', 'unitId', 'title', 'phone', 'roles', 'note']) {
        const value = key === 'unitId' || key === 'roles' ? input[key] : text(input[key]);
        if (JSON.stringify(person[key]) !== JSON.stringify(value)) changes[key] = { from: person[key], to: value };
        person[key] = value;
      }
      log('person', person.id, 'update', `修改人员“${person.name}”`, changes);
      return personView(person);
    },
    retire_person: (input) => {
      requireEditor();
      const person = find(db.people, input.id, '人员');
      if (!text(input.reason)) fail('validation', '请填写撤销原因', 'reason');
      person.retired = true;
      person.retiredAt = stamp();
      log('person', person.id, 'retire', `撤销人员“${person.name}”：${text(input.reason)}`);
      return personView(person);
    },
    reinstate_person: (input) => {
      requireEditor();
      const person = find(db.people, input.id, '人员');
      person.retired = false;
      person.retiredAt = null;
      log('person', person.id, 'reinstate', `恢复人员“${person.name}”`);
      return personView(person);
    },

    list_assistance_points: (input) => {
      requireSession();
      return db.points.filter((a) => input.includeEnded || !a.endedAt).map(pointView);
    },
    create_assistance_point: (input) => {
      requireEditor();
      const leader = db.people.find((p) => p.id === input.leaderId);
      if (!leader || !leader.roles.includes('leader')) fail('validation', '请选择矿领导', 'leaderId');
      if (db.points.some((a) => !a.endedAt && a.leaderId === input.leaderId && a.branchId === input.branchId)) fail('duplicate', '这位领导已在帮扶该支部', 'branchId');
      const point = { id: newId(), leaderId: input.leaderId, branchId: input.branchId, note: text(input.note), startedAt: stamp().slice(0, 10), endedAt: null };
      db.points.push(point);
      log('assistance_point', point.id, 'create', '新建帮扶点');
      return pointView(point);
    },
    end_assistance_point: (input) => {
      requireEditor();
      const point = find(db.points, input.id, '帮扶点');
      point.endedAt = stamp().slice(0, 10);
      log('assistance_point', point.id, 'end', '结束帮扶点');
      return pointView(point);
    },
    list_pairings: (input) => {
      requireSession();
      return db.pairings.filter((a) => input.includeEnded || !a.endedAt).map(pairingView);
    },
    create_pairing: (input) => {
      requireEditor();
      if (db.pairings.some((a) => !a.endedAt && a.departmentId === input.departmentId && a.branchId === input.branchId)) fail('duplicate', '该部门已在包保这个支部', 'branchId');
      const pairing = { id: newId(), departmentId: input.departmentId, branchId: input.branchId, note: text(input.note), startedAt: stamp().slice(0, 10), endedAt: null };
      db.pairings.push(pairing);
      log('pairing', pairing.id, 'create', '新建包保');
      return pairingView(pairing);
    },
    end_pairing: (input) => {
      requireEditor();
      const pairing = find(db.pairings, input.id, '包保关系');
      pairing.endedAt = stamp().slice(0, 10);
      log('pairing', pairing.id, 'end', '结束包保');
      return pairingView(pairing);
    },

    list_users: () => {
      requireAdmin();
      return db.users.map(publicUser);
    },
    create_user: (input) => {
      requireAdmin();
      if (db.users.some((u) => u.username === text(input.username))) fail('duplicate', `用户名“${text(input.username)}”已被使用`, 'username');
      const user = addUser(text(input.username), text(input.displayName), input.role, stamp());
      user.password = input.password;
      log('user', user.id, 'create', `新建用户“${user.username}”`);
      return publicUser(user);
    },
    update_user: (input) => {
      const me = requireAdmin();
      const user = find(db.users, input.id, '用户');
      if (user.id === me.id && input.role !== 'admin') fail('validation', '不能取消自己的管理员角色', 'role');
      Object.assign(user, { displayName: text(input.displayName), role: input.role, disabled: input.disabled });
      log('user', user.id, 'update', `修改用户“${user.username}”`);
      return publicUser(user);
    },
    reset_password: (input) => {
      requireAdmin();
      const user = find(db.users, input.id, '用户');
      user.password = input.password;
      log('user', user.id, 'update', `重置“${user.username}”的密码`);
      return null;
    },

    list_audit: (input) => {
      requireSession();
      let rows = db.audit;
      if (input.entity) rows = rows.filter((r) => r.entity === input.entity);
      if (input.action) rows = rows.filter((r) => r.action === input.action);
      if (input.username) rows = rows.filter((r) => r.username.includes(input.username));
      if (input.text) rows = rows.filter((r) => r.summary.includes(input.text));
      if (input.from) rows = rows.filter((r) => r.at.slice(0, 10) >= input.from);
      if (input.to) rows = rows.filter((r) => r.at.slice(0, 10) <= input.to);
      const offset = input.offset || 0;
      const limit = input.limit || 50;
      return { total: rows.length, rows: rows.slice(offset, offset + limit) };
    },

    get_settings: () => {
      requireSession();
      return { ...db.settings };
    },
    update_settings: (input) => {
      requireAdmin();
      if (!(input.idleLockMinutes >= 1 && input.idleLockMinutes <= 240)) fail('validation', '自动锁定时间应在 1–240 分钟之间', 'idleLockMinutes');
      if (text(input.backupDir).startsWith('/proc')) fail('validation', '备份目录不可写', 'backupDir');
      Object.assign(db.settings, { idleLockMinutes: input.idleLockMinutes, backupDir: text(input.backupDir), backupKeep: input.backupKeep });
      if (session) session.idleLockMinutes = input.idleLockMinutes;
      log('settings', null, 'update', '修改设置');
      return { ...db.settings };
    },
    backup_now: () => {
      requireEditor();
      const at = stamp();
      db.settings.lastBackupAt = at;
      const path = `${db.settings.backupDir}/diaodu-${at.slice(0, 10)}-${at.slice(11).replaceAll(':', '')}.db`;
      log('backup', null, 'backup', `备份到 ${path}`);
      return { path, at };
    },
  };

  async function invoke(name, args) {
    await new Promise((resolve) => setTimeout(resolve, latency));
    const handler = commands[name];
    if (!handler) throw `command ${name} not found`;
    const input = args && args.input ? args.input : {};
    // Mimic the JSON boundary: nothing shared by reference with the UI.
    return JSON.parse(JSON.stringify(handler(input) ?? null));
  }

  window.__TAURI__ = { core: { invoke } };
  window.__MOCK__ = {
    db,
    commands,
    getSession: () => session,
    expire: () => {
      session = null;
    },
  };
})();
