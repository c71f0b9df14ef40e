// Pure logic of the notices and dispatch orders pages (no DOM, so node's test
// runner tests it): labels, the feedback rule in words, status and late
// badges, which actions a document offers, and form values ⇄ DocInput.

import { todayIso } from '../../lib/clock.js';

export const DOC_KINDS = [
  { value: 'notice', label: '通知单' },
  { value: 'order', label: '调度令' },
];

export const URGENCIES = [
  { value: 'urgent', label: '特急' },
  { value: 'expedited', label: '加急' },
  { value: 'normal', label: '平急' },
];

export const METHODS = [
  { value: 'written', label: '书面' },
  { value: 'phone', label: '电话' },
  { value: 'meeting', label: '会议' },
  { value: 'platform', label: '平台' },
];

export const DOC_STATUSES = [
  { value: 'draft', label: '草稿' },
  { value: 'issued', label: '已签发' },
  { value: 'received', label: '已签收' },
  { value: 'in_progress', label: '办理中' },
  { value: 'completed', label: '已办结' },
  { value: 'withdrawn', label: '已撤回' },
];

export const FEEDBACK_MODES = [
  { value: 'none', label: '不要求' },
  { value: 'every_n_days', label: '每N个工作日' },
  { value: 'weekly', label: '每周' },
  { value: 'dates', label: '指定日期' },
];

export const FEEDBACK_FORMS = [
  { value: 'text', label: '文字' },
  { value: 'image', label: '图片' },
  { value: 'video', label: '视频' },
];

export const WEEKDAYS = [
  { value: '1', label: '星期一' },
  { value: '2', label: '星期二' },
  { value: '3', label: '星期三' },
  { value: '4', label: '星期四' },
  { value: '5', label: '星期五' },
  { value: '6', label: '星期六' },
  { value: '7', label: '星期日' },
];

const WEEKDAY_SHORT = ['', '一', '二', '三', '四', '五', '六', '日'];

export function labelOf(list, value) {
  const found = list.find((item) => item.value === value);
  return found ? found.label : '';
}

export const kindLabel = (kind) => labelOf(DOC_KINDS, kind);

// ---------- dates ----------

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isValidDate(text) {
  const match = DATE_RE.exec(String(text ?? ''));
  if (!match) return false;
  const [year, month, day] = match.slice(1).map(Number);
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

// Today on the core's day (one definition, in lib/clock.js).

// 2026/3/5, 2026.3.5, 2026年3月5日 and 20260305 become 2026-03-05; anything
// else comes back as typed (trimmed) for the validator to complain about.
export function normalizeDateInput(text) {
  const value = String(text ?? '').normalize('NFKC').trim();
  let m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(value);
  if (!m) m = /^(\d{4})(\d{2})(\d{2})$/.exec(value);
  if (!m) return value;
  return `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}`;
}

// "2026-03-05，2026-03-20 2026/4/1" → {dates: [sorted, unique], bad: [as typed]}
export function parseDateList(text) {
  const parts = String(text ?? '')
    .split(/[\s,，、;；]+/)
    .map((p) => p.trim())
    .filter(Boolean);
  const dates = new Set();
  const bad = [];
  for (const part of parts) {
    const date = normalizeDateInput(part);
    if (isValidDate(date)) dates.add(date);
    else bad.push(part);
  }
  return { dates: [...dates].sort(), bad };
}

// 2026-03-05 → 2026年3月5日 (the way official documents write dates).
export function chineseDate(text) {
  const m = DATE_RE.exec(String(text ?? '').slice(0, 10));
  return m ? `${Number(m[1])}年${Number(m[2])}月${Number(m[3])}日` : '';
}

function shortDate(text) {
  const m = DATE_RE.exec(String(text ?? ''));
  return m ? `${Number(m[2])}月${Number(m[3])}日` : String(text ?? '');
}

// ---------- the feedback rule ----------

// One sentence a dispatcher would say: "每3个工作日反馈一次（文字、图片）".
export function feedbackRuleText(rule) {
  const r = rule ?? {};
  const forms = (r.forms ?? []).map((f) => labelOf(FEEDBACK_FORMS, f)).filter(Boolean);
  const suffix = forms.length > 0 ? `（${forms.join('、')}）` : '';
  switch (r.mode) {
    case 'every_n_days':
      return `每${r.every ?? '?'}个工作日反馈一次${suffix}`;
    case 'weekly':
      return `每周${WEEKDAY_SHORT[Number(r.weekday)] ?? '?'}反馈一次${suffix}`;
    case 'dates': {
      const dates = r.dates ?? [];
      const years = new Set(dates.map((d) => String(d).slice(0, 4)));
      const shown = dates.map((d) => (years.size > 1 ? chineseDate(d) : shortDate(d)));
      return `于${shown.join('、') || '指定日期'}反馈${suffix}`;
    }
    default:
      return '不要求定期反馈';
  }
}

// ---------- status and late badges ----------

// The meaning colour of a status (css: .doc-status--TONE).
export function statusTone(status) {
  switch (status) {
    case 'draft':
      return 'draft';
    case 'issued':
    case 'received':
    case 'in_progress':
      return 'active';
    case 'completed':
      return 'done';
    case 'withdrawn':
      return 'closed';
    default:
      return 'draft';
  }
}

// 特急 is red, 加急 amber, 平急 plain.
export function urgencyTone(urgency) {
  if (urgency === 'urgent') return 'red';
  if (urgency === 'expedited') return 'amber';
  return 'plain';
}

// The late flags the core computes, as badges with a tooltip saying which
// kind of late it is. Late completion is red (the work is overdue), a late
// receipt amber (the paper came back, or has not yet, after its due day).
export function lateBadges(doc) {
  const badges = [];
  if (!doc) return badges;
  if (doc.lateReceipt) {
    badges.push({
      key: 'receipt',
      label: '签收逾期',
      tone: 'amber',
      title: doc.receivedAt ? `回执晚于签收期限（${doc.receivedAt.slice(0, 10)} 签收）` : '已过签收期限，回执仍未收回',
    });
  }
  if (doc.lateCompletion) {
    badges.push({
      key: 'completion',
      label: '办理逾期',
      tone: 'red',
      title: doc.completedAt
        ? `办结晚于完成时限 ${doc.deadline ?? ''}（${doc.completedAt.slice(0, 10)} 办结）`
        : `已过完成时限 ${doc.deadline ?? ''}，尚未办结`,
    });
  }
  // An order whose latest report lacks the pictures or video it asked for.
  if (doc.feedbackFlag) {
    badges.push({ key: 'forms', label: '反馈不全', tone: 'amber', title: doc.feedbackFlag });
  }
  return badges;
}

// 文号 column: the number, or 草稿 / 未编号.
export function numberText(doc) {
  if (doc.number) return doc.number;
  return doc.status === 'draft' ? '草稿' : '未编号';
}

// 紧急程度/调度方式 column.
export function modeText(doc) {
  if (doc.kind === 'order') return doc.urgencyLabel || labelOf(URGENCIES, doc.urgency);
  return doc.methodLabel || labelOf(METHODS, doc.method);
}

// ---------- permissions and actions ----------

// What a document offers, in display order, to a user with these grants
// (lib/permissions.js: what the core said the user may do).
// (The core enforces all of it; this only avoids offering what must fail.)
// Withdrawing a signed document is the signer's act, like signing.
export function docActions(doc, grants) {
  if (!doc || !grants?.edit) return [];
  const actions = [];
  const signerWithdraw = grants.sign ? ['withdraw'] : [];
  switch (doc.status) {
    case 'draft':
      actions.push('edit');
      if (grants.sign) actions.push('sign');
      actions.push('withdraw');
      break;
    case 'issued':
      actions.push('receive', ...signerWithdraw);
      break;
    case 'received':
      actions.push('start', 'complete', ...signerWithdraw);
      break;
    case 'in_progress':
      actions.push('complete', ...signerWithdraw);
      break;
    default:
      break;
  }
  if (doc.status !== 'draft' && doc.status !== 'withdrawn' && doc.number) actions.push('amend');
  return actions;
}

// The next step of a document's life, shown as the primary button.
export function primaryAction(actions) {
  if (actions.includes('sign')) return 'sign';
  return actions.find((a) => a !== 'withdraw' && a !== 'amend') ?? null;
}

export const ACTION_LABELS = {
  edit: '编辑',
  sign: '签发',
  withdraw: '撤回',
  receive: '登记签收',
  start: '开始办理',
  complete: '办结',
  amend: '起草更正',
};

// ---------- the form ----------

export const LIMITS = { title: 60, content: 4000, requirements: 4000, goal: 1000, contact: 20, phone: 32 };

// Initial form values for a new document or for editing a draft.
export function formValuesFromDoc(doc, { kind = 'order', contact = '' } = {}) {
  if (!doc) {
    return {
      kind,
      title: '',
      urgency: '',
      method: kind === 'notice' ? 'written' : '',
      content: '',
      requirements: '',
      goal: '',
      targetUnitId: '',
      cooperatingUnitIds: [],
      personId: '',
      deadline: '',
      feedbackMode: kind === 'order' ? 'weekly' : 'none',
      feedbackEvery: '3',
      feedbackWeekday: '5',
      feedbackDates: '',
      feedbackForms: ['text'],
      contact,
      phone: '',
    };
  }
  const rule = doc.feedbackRule ?? {};
  return {
    kind: doc.kind,
    title: doc.title ?? '',
    urgency: doc.urgency ?? '',
    method: doc.method ?? '',
    content: doc.content ?? '',
    requirements: doc.requirements ?? '',
    goal: doc.goal ?? '',
    targetUnitId: doc.targetUnitId === null || doc.targetUnitId === undefined ? '' : String(doc.targetUnitId),
    cooperatingUnitIds: (doc.cooperatingUnitIds ?? []).map(String),
    personId: doc.personId === null || doc.personId === undefined ? '' : String(doc.personId),
    deadline: doc.deadline ?? '',
    feedbackMode: rule.mode || 'none',
    feedbackEvery: rule.every ? String(rule.every) : '3',
    feedbackWeekday: rule.weekday ? String(rule.weekday) : '5',
    feedbackDates: (rule.dates ?? []).join('，'),
    feedbackForms: rule.forms ?? [],
    contact: doc.contact ?? '',
    phone: doc.phone ?? '',
  };
}

const blank = (v) => v === null || v === undefined || String(v).trim() === '';
const chars = (v) => Array.from(String(v ?? '').trim()).length;

// Checks before anything is sent; the core repeats them and is the authority.
// Field names are the form's (feedbackEvery… for the rule's parts).
export function validateDocValues(values, kind) {
  const errors = {};
  const order = kind === 'order';
  const tooLong = (field, label) => {
    if (!errors[field] && chars(values[field]) > LIMITS[field]) errors[field] = `${label}不能超过 ${LIMITS[field]} 个字`;
  };
  if (blank(values.title)) errors.title = '请填写标题';
  tooLong('title', '标题');
  if (order && blank(values.urgency)) errors.urgency = '请选择紧急程度：特急、加急或平急';
  if (!order && blank(values.method)) errors.method = '请选择调度方式';
  if (blank(values.content)) errors.content = `请填写${order ? '调度事项' : '调度内容'}`;
  tooLong('content', order ? '调度事项' : '调度内容');
  tooLong('requirements', '工作要求');
  tooLong('goal', '任务目标');
  if (blank(values.targetUnitId)) errors.targetUnitId = order ? '请选择责任单位' : '请选择调度对象（责任单位）';
  const coop = values.cooperatingUnitIds ?? [];
  if (!blank(values.targetUnitId) && coop.includes(String(values.targetUnitId))) {
    errors.cooperatingUnitIds = '配合单位不能与责任单位相同';
  }
  const deadline = normalizeDateInput(values.deadline);
  if (!blank(deadline) && !isValidDate(deadline)) errors.deadline = '完成时限格式应为 2026-03-05';
  tooLong('contact', '联系人');
  const phone = String(values.phone ?? '').trim();
  if (phone && (!/^[0-9+\-\s()（）转]+$/.test(phone) || (phone.match(/\d/g) ?? []).length < 3)) {
    errors.phone = '联系电话格式不正确，只能包含数字、空格、+、-、括号或“转”';
  }
  const mode = values.feedbackMode || 'none';
  if (mode === 'every_n_days') {
    const text = String(values.feedbackEvery ?? '').trim();
    const n = Number(text);
    if (!/^\d+$/.test(text) || n < 1 || n > 60) errors.feedbackEvery = '请填写每隔几个工作日反馈一次（1到60）';
  } else if (mode === 'weekly') {
    if (!/^[1-7]$/.test(String(values.feedbackWeekday ?? ''))) errors.feedbackWeekday = '请选择每周反馈的星期';
  } else if (mode === 'dates') {
    const { dates, bad } = parseDateList(values.feedbackDates);
    if (bad.length > 0) errors.feedbackDates = `反馈日期“${bad[0]}”格式不对，应为 2026-03-05`;
    else if (dates.length === 0) errors.feedbackDates = '请至少填写一个反馈日期';
  }
  if (order && mode !== 'none' && (values.feedbackForms ?? []).length === 0) {
    errors.feedbackForms = '请选择反馈形式：文字、图片或视频';
  }
  return errors;
}

const idOf = (value) => {
  if (blank(value)) return null;
  return /^\d+$/.test(String(value)) ? Number(value) : value;
};

// Form values → DocInput (docs/ipc-docs.md). taskIds are kept from the
// document being edited (the form does not change them).
export function docInputFromValues(values, kind, { taskIds = [] } = {}) {
  const order = kind === 'order';
  const mode = values.feedbackMode || 'none';
  const feedbackRule = { mode, forms: mode === 'none' ? [] : [...(values.feedbackForms ?? [])] };
  if (mode === 'every_n_days') feedbackRule.every = Number(String(values.feedbackEvery).trim());
  if (mode === 'weekly') feedbackRule.weekday = Number(values.feedbackWeekday);
  if (mode === 'dates') feedbackRule.dates = parseDateList(values.feedbackDates).dates;
  const target = idOf(values.targetUnitId);
  const deadline = normalizeDateInput(values.deadline);
  return {
    kind,
    title: String(values.title ?? '').trim(),
    urgency: order ? values.urgency || null : null,
    method: order ? null : values.method || null,
    content: String(values.content ?? '').trim(),
    requirements: String(values.requirements ?? '').trim(),
    goal: String(values.goal ?? '').trim(),
    targetUnitId: target,
    cooperatingUnitIds: (values.cooperatingUnitIds ?? []).map(idOf).filter((id) => id !== null && id !== target),
    personId: idOf(values.personId),
    deadline: deadline || null,
    feedbackRule,
    contact: String(values.contact ?? '').trim(),
    phone: String(values.phone ?? '').trim(),
    taskIds: [...taskIds],
  };
}

// The core names the whole rule "feedbackRule"; the form shows its message
// beside the part it is about when the message says which.
export function feedbackErrorField(message, mode) {
  const text = String(message ?? '');
  if (/形式/.test(text)) return 'feedbackForms';
  if (mode === 'every_n_days' || /工作日/.test(text)) return 'feedbackEvery';
  if (mode === 'weekly' || /星期/.test(text)) return 'feedbackWeekday';
  if (mode === 'dates' || /日期/.test(text)) return 'feedbackDates';
  return 'feedbackRule';
}

// ---------- choices ----------

// People to offer as 责任人: those of the chosen unit when it has any (and
// the one already chosen, wherever they are), otherwise everyone.
export function personChoices(people, unitId, keepId = null) {
  const active = (people ?? []).filter((p) => !p.retired || String(p.id) === String(keepId));
  const unit = blank(unitId) ? null : String(unitId);
  const ofUnit = unit ? active.filter((p) => String(p.unitId) === unit || String(p.id) === String(keepId)) : [];
  const list = unit && ofUnit.some((p) => String(p.unitId) === unit) ? ofUnit : active;
  return {
    filtered: list !== active,
    options: list.map((p) => {
      const details = [list === active ? p.unitName : null, p.title].filter(Boolean).join(' · ');
      return { value: String(p.id), label: details ? `${p.name}（${details}）` : p.name };
    }),
  };
}

// ---------- verification ----------

// Only an authentic paper is valid: withdrawn, superseded and changed ones are
// shown in red, an unknown code in grey.
export const VERIFY_RESULTS = {
  authentic: { title: '真实有效', tone: 'ok', mark: '✓' },
  withdrawn: { title: '已撤回作废', tone: 'bad', mark: '✕' },
  superseded: { title: '已被更正，以更正后的文件为准', tone: 'bad', mark: '✕' },
  changed: { title: '内容已被改动', tone: 'bad', mark: '!' },
  unknown: { title: '查无此验证码', tone: 'none', mark: '?' },
};

export function verifyView(answer) {
  const result = answer && VERIFY_RESULTS[answer.result] ? answer.result : 'unknown';
  return { result, ...VERIFY_RESULTS[result], message: answer?.message ?? '' };
}

// ---------- errors of the print commands ----------

// What a failed print, save or preview says: the action, then the core's
// message. Every command the window calls is registered (the contract test
// src-tauri/tests/command_contract.rs), so there is no "not available" case.
export function commandErrorMessage(error, what) {
  return `${what}失败：${error?.message ?? '未知错误'}`;
}

// ---------- print copies ----------

export function validateCopies(value) {
  const text = String(value ?? '').normalize('NFKC').trim();
  if (!/^\d+$/.test(text)) return '份数必须是 1–99 之间的整数';
  const n = Number(text);
  return n < 1 || n > 99 ? '份数必须是 1–99 之间的整数' : null;
}
