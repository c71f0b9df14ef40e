// Chinese labels for the codes defined in docs/ipc.md. The core also sends
// labels with each record (kindLabel, roleLabel…); these are for choices
// the UI offers before a record exists (selects, checkboxes, filters).

export const USER_ROLES = [
  { value: 'admin', label: '管理员', hint: '管理用户与设置，也可编辑组织信息' },
  { value: 'signer', label: '签发人', hint: '签发调度令，可编辑组织信息' },
  { value: 'dispatcher', label: '调度员', hint: '日常调度工作，可编辑组织信息' },
  { value: 'viewer', label: '查看', hint: '只能查看，不能修改' },
];

export const UNIT_KINDS = [
  { value: 'committee', label: '矿党委' },
  { value: 'department', label: '党委部门' },
  { value: 'branch', label: '基层党支部' },
];

export const PERSON_ROLES = [
  { value: 'leader', label: '矿领导' },
  { value: 'unit_head', label: '部门负责人' },
  { value: 'secretary', label: '支部书记' },
  { value: 'committee_member', label: '支委委员' },
  { value: 'dispatcher', label: '调度员' },
  { value: 'liaison', label: '联络员' },
];

export const AUDIT_ENTITIES = [
  { value: 'unit', label: '单位' },
  { value: 'person', label: '人员' },
  { value: 'assistance_point', label: '帮扶点' },
  { value: 'pairing', label: '包保' },
  { value: 'user', label: '用户' },
  { value: 'settings', label: '设置' },
  { value: 'sample', label: '示例数据' },
  { value: 'backup', label: '备份' },
  { value: 'plan', label: '计划' },
  { value: 'task', label: '任务' },
  { value: 'link', label: '前置关系' },
  { value: 'baseline', label: '基线' },
  { value: 'calendar', label: '工作日历' },
  { value: 'feedback', label: '反馈' },
  { value: 'rectification', label: '整改' },
  { value: 'supervision', label: '督办记录' },
  { value: 'reminder', label: '催办通知单' },
  { value: 'meeting', label: '调度会' },
  { value: 'decision', label: '议定事项' },
  { value: 'summary', label: '阶段总结/通报' },
  { value: 'document', label: '通知单/调度令' },
  { value: 'spec_item', label: '工作规范' },
  { value: 'spec_period', label: '周期工作生成' },
  { value: 'spec_instance', label: '周期工作' },
  { value: 'spec_omission', label: '漏项' },
  { value: 'rule_set', label: '考核细则' },
  { value: 'rule', label: '考核条目' },
  { value: 'assessment', label: '考核记录' },
  { value: 'assessment_period', label: '考核期间' },
  { value: 'reward', label: '奖惩' },
  { value: 'duty', label: '值班' },
  { value: 'handover', label: '交接班' },
  { value: 'hotline', label: '热线电话' },
  { value: 'inspection', label: '综合大检查' },
  { value: 'visit', label: '帮扶走访' },
  { value: 'emergency', label: '应急事件' },
  { value: 'post_duty', label: '工作职责' },
  { value: 'archive_file', label: '文档' },
];

export const AUDIT_ACTIONS = [
  { value: 'create', label: '新建' },
  { value: 'update', label: '修改' },
  { value: 'retire', label: '撤销' },
  { value: 'reinstate', label: '恢复' },
  { value: 'end', label: '结束' },
  { value: 'login', label: '登录' },
  { value: 'logout', label: '退出' },
  { value: 'load', label: '加载' },
  { value: 'backup', label: '备份' },
  { value: 'restore', label: '还原' },
  { value: 'archive', label: '归档' },
  { value: 'delete', label: '删除' },
  { value: 'verify', label: '验收' },
  { value: 'closeout', label: '销号' },
  { value: 'close', label: '完成闭合' },
  { value: 'reopen', label: '重新打开' },
  { value: 'issue', label: '印发' },
  { value: 'cancel', label: '取消' },
  { value: 'link', label: '转办' },
  { value: 'sign', label: '签发' },
  { value: 'import', label: '导入' },
  { value: 'generate', label: '生成' },
  { value: 'done', label: '登记完成' },
  { value: 'activate', label: '启用' },
  { value: 'adjust', label: '调整' },
  { value: 'confirm', label: '确认' },
  { value: 'reject', label: '驳回' },
  { value: 'propose', label: '生成建议' },
  { value: 'swap', label: '调班' },
  { value: 'freeze', label: '关闭冻结' },
  { value: 'auth_fail', label: '密码错误' },
  { value: 'auth_wait', label: '暂停期间尝试' },
];

// Field names that appear in audit `changes`.
export const FIELD_LABELS = {
  id: '编号',
  name: '名称',
  shortName: '简称',
  kind: '类别',
  parentId: '上级单位',
  parentName: '上级单位',
  note: '备注',
  retired: '已撤销',
  retiredAt: '撤销时间',
  retiredReason: '撤销原因',
  reason: '原因',
  unitId: '所属单位',
  unitName: '所属单位',
  title: '职务',
  phone: '电话',
  roles: '角色',
  leaderId: '矿领导',
  leaderName: '矿领导',
  branchId: '支部',
  branchName: '支部',
  departmentId: '包保部门',
  departmentName: '包保部门',
  startedAt: '开始时间',
  endedAt: '结束时间',
  username: '用户名',
  displayName: '姓名',
  role: '用户角色',
  disabled: '已停用',
  idleLockMinutes: '自动锁定（分钟）',
  backupDir: '备份目录',
  backupKeep: '保留备份份数',
  path: '文件',
  units: '单位数',
  people: '人员数',
  assistance: '帮扶点数',
  pairings: '包保数',
  createdAt: '创建时间',
  goal: '工作目标',
  leadUnit: '牵头单位',
  start: '开始日期',
  end: '结束日期',
  sources: '依据文件',
  date: '日期',
  working: '上班',
  tasks: '任务数',
};

export function labelOf(list, value) {
  const found = list.find((item) => item.value === value);
  return found ? found.label : value ?? '';
}

export function fieldLabel(field) {
  return FIELD_LABELS[field] ?? field;
}
