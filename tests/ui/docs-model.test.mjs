// Pure logic of the notices and dispatch orders pages (ui/js/views/documents/model.js).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  feedbackRuleText,
  lateBadges,
  statusTone,
  urgencyTone,
  numberText,
  modeText,
  docActions,
  primaryAction,
  formValuesFromDoc,
  validateDocValues,
  docInputFromValues,
  feedbackErrorField,
  normalizeDateInput,
  parseDateList,
  chineseDate,
  personChoices,
  verifyView,
  commandErrorMessage,
  validateCopies,
} from '../../ui/js/views/documents/model.js';
import { grantsOf, NO_GRANTS } from '../../ui/js/lib/permissions.js';

// The permissions the core sends with each role's session (crates/domain/src/role.rs tests the same lists).
const GRANTS = {
  admin: grantsOf({ permissions: ['read', 'edit_records', 'sign_documents', 'manage_users', 'manage_settings'] }),
  signer: grantsOf({ permissions: ['read', 'edit_records', 'sign_documents'] }),
  dispatcher: grantsOf({ permissions: ['read', 'edit_records'] }),
  viewer: grantsOf({ permissions: ['read'] }),
};

// ---------- the feedback rule in words ----------

test('feedback rule: every N working days, weekly, dates, none', () => {
  assert.equal(feedbackRuleText({ mode: 'every_n_days', every: 3, forms: ['text', 'image'] }), '每3个工作日反馈一次（文字、图片）');
  assert.equal(feedbackRuleText({ mode: 'weekly', weekday: 5, forms: ['video'] }), '每周五反馈一次（视频）');
  assert.equal(feedbackRuleText({ mode: 'weekly', weekday: 7, forms: [] }), '每周日反馈一次');
  assert.equal(feedbackRuleText({ mode: 'dates', dates: ['2026-03-05', '2026-03-20'], forms: ['text'] }), '于3月5日、3月20日反馈（文字）');
  assert.equal(feedbackRuleText({ mode: 'dates', dates: ['2026-12-30', '2027-01-08'], forms: [] }), '于2026年12月30日、2027年1月8日反馈');
  assert.equal(feedbackRuleText({ mode: 'none', forms: [] }), '不要求定期反馈');
  assert.equal(feedbackRuleText(null), '不要求定期反馈');
  assert.equal(feedbackRuleText({}), '不要求定期反馈');
});

// ---------- status, urgency and late badges ----------

test('status tones follow the palette', () => {
  assert.equal(statusTone('draft'), 'draft');
  for (const s of ['issued', 'received', 'in_progress']) assert.equal(statusTone(s), 'active');
  assert.equal(statusTone('completed'), 'done');
  assert.equal(statusTone('withdrawn'), 'closed');
  assert.equal(urgencyTone('urgent'), 'red');
  assert.equal(urgencyTone('expedited'), 'amber');
  assert.equal(urgencyTone('normal'), 'plain');
});

test('late badges: receipt amber, completion red, with what kind of late in the tooltip', () => {
  assert.deepEqual(lateBadges({ lateReceipt: false, lateCompletion: false }), []);
  const pending = lateBadges({ status: 'issued', lateReceipt: true, lateCompletion: true, deadline: '2026-03-05' });
  assert.deepEqual(pending.map((b) => [b.key, b.label, b.tone]), [
    ['receipt', '签收逾期', 'amber'],
    ['completion', '办理逾期', 'red'],
  ]);
  assert.match(pending[0].title, /仍未收回/);
  assert.match(pending[1].title, /已过完成时限 2026-03-05，尚未办结/);
  const late = lateBadges({ status: 'completed', lateReceipt: true, receivedAt: '2026-03-09', lateCompletion: true, deadline: '2026-03-05', completedAt: '2026-03-10' });
  assert.match(late[0].title, /回执晚于签收期限（2026-03-09 签收）/);
  assert.match(late[1].title, /办结晚于完成时限 2026-03-05（2026-03-10 办结）/);
  assert.deepEqual(lateBadges(null), []);
});

test('an order whose latest report lacks the photo it asked for is flagged amber', () => {
  const flagged = lateBadges({ kind: 'order', lateReceipt: false, lateCompletion: false, feedbackFlag: '最近一次反馈缺少图片' });
  assert.deepEqual(flagged.map((b) => [b.key, b.label, b.tone, b.title]), [['forms', '反馈不全', 'amber', '最近一次反馈缺少图片']]);
  assert.deepEqual(lateBadges({ kind: 'order', feedbackFlag: null }), []);
});

test('number and mode columns', () => {
  assert.equal(numberText({ status: 'draft', number: null }), '草稿');
  assert.equal(numberText({ status: 'withdrawn', number: null }), '未编号');
  assert.equal(numberText({ status: 'issued', number: '晋源党调令〔2026〕7号' }), '晋源党调令〔2026〕7号');
  assert.equal(modeText({ kind: 'order', urgency: 'urgent', urgencyLabel: '特急' }), '特急');
  assert.equal(modeText({ kind: 'order', urgency: 'expedited' }), '加急');
  assert.equal(modeText({ kind: 'notice', method: 'meeting' }), '会议');
});

// ---------- actions per status and role ----------

test('actions offered by status', () => {
  const acts = (status, role = 'admin', number = status === 'draft' ? null : 'X〔2026〕1号') => docActions({ status, number }, GRANTS[role]);
  assert.deepEqual(acts('draft'), ['edit', 'sign', 'withdraw']);
  assert.deepEqual(acts('issued'), ['receive', 'withdraw', 'amend']);
  assert.deepEqual(acts('received'), ['start', 'complete', 'withdraw', 'amend']);
  assert.deepEqual(acts('in_progress'), ['complete', 'withdraw', 'amend']);
  assert.deepEqual(acts('completed'), ['amend']);
  assert.deepEqual(acts('withdrawn'), []);
});

test('only signers and admins are offered 签发; viewers get no actions', () => {
  assert.deepEqual(docActions({ status: 'draft' }, GRANTS.dispatcher), ['edit', 'withdraw']);
  assert.deepEqual(docActions({ status: 'draft' }, GRANTS.signer), ['edit', 'sign', 'withdraw']);
  assert.deepEqual(docActions({ status: 'issued', number: 'N' }, GRANTS.viewer), []);
  // Withdrawing a signed document is the signer's act, like signing.
  assert.deepEqual(docActions({ status: 'issued', number: 'N' }, GRANTS.dispatcher), ['receive', 'amend']);
  assert.deepEqual(docActions({ status: 'received', number: 'N' }, GRANTS.dispatcher), ['start', 'complete', 'amend']);
  assert.deepEqual(docActions({ status: 'in_progress', number: 'N' }, GRANTS.dispatcher), ['complete', 'amend']);
  assert.deepEqual(docActions({ status: 'issued', number: 'N' }, GRANTS.signer), ['receive', 'withdraw', 'amend']);
  assert.deepEqual(docActions({ status: 'draft' }, null), []);
  assert.deepEqual(docActions({ status: 'draft' }, NO_GRANTS), []);
});

test('the primary button is the next step', () => {
  assert.equal(primaryAction(['edit', 'sign', 'withdraw']), 'sign');
  assert.equal(primaryAction(['edit', 'withdraw']), 'edit');
  assert.equal(primaryAction(['receive', 'withdraw', 'amend']), 'receive');
  assert.equal(primaryAction(['amend']), null);
  assert.equal(primaryAction([]), null);
});

// ---------- dates ----------

test('dates typed the office way are normalized', () => {
  assert.equal(normalizeDateInput('2026/3/5'), '2026-03-05');
  assert.equal(normalizeDateInput('2026.03.05'), '2026-03-05');
  assert.equal(normalizeDateInput('2026年3月5日'), '2026-03-05');
  assert.equal(normalizeDateInput('20260305'), '2026-03-05');
  assert.equal(normalizeDateInput('２０２６－０３－０５'), '2026-03-05');
  assert.equal(normalizeDateInput(' 3月5日 '), '3月5日');
  assert.equal(chineseDate('2026-03-05'), '2026年3月5日');
  assert.equal(chineseDate('2026-03-05 10:00:00'), '2026年3月5日');
});

test('date lists: separators, order, duplicates and bad entries', () => {
  assert.deepEqual(parseDateList('2026-03-20，2026/3/5、2026-03-20; 2026年4月1日'), { dates: ['2026-03-05', '2026-03-20', '2026-04-01'], bad: [] });
  assert.deepEqual(parseDateList('2026-02-30 abc'), { dates: [], bad: ['2026-02-30', 'abc'] });
  assert.deepEqual(parseDateList(''), { dates: [], bad: [] });
});

// ---------- form ⇄ DocInput ----------

const orderValues = (over = {}) => ({
  ...formValuesFromDoc(null, { kind: 'order', contact: '王调度' }),
  title: ' 关于加快推进党支部标准化建设的调度令 ',
  urgency: 'urgent',
  content: '各支部对照标准逐项自查',
  targetUnitId: '3',
  ...over,
});

test('a new order starts with a weekly text feedback rule and the user as contact', () => {
  const v = formValuesFromDoc(null, { kind: 'order', contact: '王调度' });
  assert.equal(v.urgency, '');
  assert.equal(v.feedbackMode, 'weekly');
  assert.equal(v.feedbackWeekday, '5');
  assert.deepEqual(v.feedbackForms, ['text']);
  assert.equal(v.contact, '王调度');
  const n = formValuesFromDoc(null, { kind: 'notice' });
  assert.equal(n.method, 'written');
  assert.equal(n.feedbackMode, 'none');
});

test('validation: missing urgency, title, content and unit are reported beside their fields', () => {
  const errors = validateDocValues({ ...orderValues(), title: '', urgency: '', content: ' ', targetUnitId: '' }, 'order');
  assert.equal(errors.urgency, '请选择紧急程度：特急、加急或平急');
  assert.equal(errors.title, '请填写标题');
  assert.equal(errors.content, '请填写调度事项');
  assert.equal(errors.targetUnitId, '请选择责任单位');
  const notice = validateDocValues({ ...formValuesFromDoc(null, { kind: 'notice' }), title: 't', content: '', targetUnitId: '' }, 'notice');
  assert.equal(notice.content, '请填写调度内容');
  assert.equal(notice.targetUnitId, '请选择调度对象（责任单位）');
  assert.equal(notice.urgency, undefined);
  assert.deepEqual(validateDocValues(orderValues(), 'order'), {});
});

test('validation: deadline, phone, lengths, cooperating units', () => {
  const errors = validateDocValues(orderValues({ deadline: '2026-02-30', phone: 'abc', title: '长'.repeat(61), cooperatingUnitIds: ['3', '4'] }), 'order');
  assert.equal(errors.deadline, '完成时限格式应为 2026-03-05');
  assert.match(errors.phone, /联系电话格式不正确/);
  assert.equal(errors.title, '标题不能超过 60 个字');
  assert.equal(errors.cooperatingUnitIds, '配合单位不能与责任单位相同');
  assert.deepEqual(validateDocValues(orderValues({ deadline: '2026/3/5', phone: '0355-5961234转8016' }), 'order'), {});
});

test('validation: the feedback rule part by part', () => {
  assert.equal(validateDocValues(orderValues({ feedbackMode: 'every_n_days', feedbackEvery: '0' }), 'order').feedbackEvery, '请填写每隔几个工作日反馈一次（1到60）');
  assert.equal(validateDocValues(orderValues({ feedbackMode: 'every_n_days', feedbackEvery: '61' }), 'order').feedbackEvery, '请填写每隔几个工作日反馈一次（1到60）');
  assert.deepEqual(validateDocValues(orderValues({ feedbackMode: 'every_n_days', feedbackEvery: '3' }), 'order'), {});
  assert.equal(validateDocValues(orderValues({ feedbackMode: 'dates', feedbackDates: '' }), 'order').feedbackDates, '请至少填写一个反馈日期');
  assert.match(validateDocValues(orderValues({ feedbackMode: 'dates', feedbackDates: '2026-03-05，三月' }), 'order').feedbackDates, /“三月”格式不对/);
  assert.equal(validateDocValues(orderValues({ feedbackForms: [] }), 'order').feedbackForms, '请选择反馈形式：文字、图片或视频');
  // Notices may ask for feedback without naming its forms; "none" needs no forms.
  assert.equal(validateDocValues({ ...orderValues({ feedbackForms: [], method: 'written' }) }, 'notice').feedbackForms, undefined);
  assert.deepEqual(validateDocValues(orderValues({ feedbackMode: 'none', feedbackForms: [] }), 'order'), {});
});

test('form values → DocInput for an order', () => {
  const input = docInputFromValues(
    orderValues({ cooperatingUnitIds: ['5', '3', '7'], personId: '12', deadline: '2026/3/31', feedbackMode: 'every_n_days', feedbackEvery: ' 3 ', feedbackForms: ['text', 'image'], phone: ' 0355-5961234 ' }),
    'order',
    { taskIds: [41, 42] },
  );
  assert.deepEqual(input, {
    kind: 'order',
    title: '关于加快推进党支部标准化建设的调度令',
    urgency: 'urgent',
    method: null,
    content: '各支部对照标准逐项自查',
    requirements: '',
    goal: '',
    targetUnitId: 3,
    cooperatingUnitIds: [5, 7],
    personId: 12,
    deadline: '2026-03-31',
    feedbackRule: { mode: 'every_n_days', every: 3, forms: ['text', 'image'] },
    contact: '王调度',
    phone: '0355-5961234',
    taskIds: [41, 42],
  });
});

test('form values → DocInput for a notice: method, no urgency, rule parts by mode', () => {
  const base = { ...formValuesFromDoc(null, { kind: 'notice' }), title: '通知', content: '内容', targetUnitId: '4', method: 'meeting' };
  const none = docInputFromValues(base, 'notice');
  assert.equal(none.urgency, null);
  assert.equal(none.method, 'meeting');
  assert.equal(none.personId, null);
  assert.equal(none.deadline, null);
  assert.deepEqual(none.feedbackRule, { mode: 'none', forms: [] });
  assert.deepEqual(docInputFromValues({ ...base, feedbackMode: 'weekly', feedbackWeekday: '3', feedbackForms: ['text'] }, 'notice').feedbackRule, { mode: 'weekly', weekday: 3, forms: ['text'] });
  assert.deepEqual(docInputFromValues({ ...base, feedbackMode: 'dates', feedbackDates: '2026-04-01 2026/3/5', feedbackForms: [] }, 'notice').feedbackRule, { mode: 'dates', dates: ['2026-03-05', '2026-04-01'], forms: [] });
});

test('a draft round-trips through the form values', () => {
  const doc = {
    kind: 'order',
    title: 'T',
    urgency: 'expedited',
    method: null,
    content: 'C',
    requirements: 'R',
    goal: 'G',
    targetUnitId: 3,
    cooperatingUnitIds: [5],
    personId: 9,
    deadline: '2026-05-29',
    feedbackRule: { mode: 'dates', dates: ['2026-05-08', '2026-05-22'], forms: ['image'] },
    contact: '李',
    phone: '123',
    taskIds: [7],
  };
  const values = formValuesFromDoc(doc);
  assert.equal(values.feedbackDates, '2026-05-08，2026-05-22');
  const input = docInputFromValues(values, 'order', { taskIds: doc.taskIds });
  for (const key of Object.keys(doc)) assert.deepEqual(input[key], doc[key], key);
});

test('the core’s feedbackRule message goes beside the part it is about', () => {
  assert.equal(feedbackErrorField('请选择反馈形式：文字、图片或视频', 'weekly'), 'feedbackForms');
  assert.equal(feedbackErrorField('请填写每隔几个工作日反馈一次（1到60）', 'every_n_days'), 'feedbackEvery');
  assert.equal(feedbackErrorField('请选择每周反馈的星期', 'weekly'), 'feedbackWeekday');
  assert.equal(feedbackErrorField('反馈日期格式不正确', 'dates'), 'feedbackDates');
  assert.equal(feedbackErrorField('反馈方式只能是…', 'bogus'), 'feedbackRule');
});

// ---------- choices ----------

const people = [
  { id: 1, name: '张华', unitId: 3, unitName: '组织部', title: '部长', retired: false },
  { id: 2, name: '李明', unitId: 4, unitName: '宣传部', title: '', retired: false },
  { id: 3, name: '赵强', unitId: 3, unitName: '组织部', title: '', retired: true },
];

test('people offered as 责任人 are those of the chosen unit when it has any', () => {
  const of3 = personChoices(people, '3');
  assert.equal(of3.filtered, true);
  assert.deepEqual(of3.options, [{ value: '1', label: '张华（部长）' }]);
  const none = personChoices(people, '99');
  assert.equal(none.filtered, false);
  assert.deepEqual(none.options.map((o) => o.value), ['1', '2']);
  assert.equal(none.options[0].label, '张华（组织部 · 部长）');
  assert.deepEqual(personChoices(people, '').options.map((o) => o.value), ['1', '2']);
  // The person a draft already names stays on offer.
  assert.deepEqual(personChoices(people, '3', '2').options.map((o) => o.value), ['1', '2']);
});

// ---------- verification and print helpers ----------

test('verification answers map to their box', () => {
  assert.deepEqual(verifyView({ result: 'authentic', message: '真实有效：X' }), { result: 'authentic', title: '真实有效', tone: 'ok', mark: '✓', message: '真实有效：X' });
  assert.equal(verifyView({ result: 'changed', message: '' }).tone, 'bad');
  // A withdrawn or superseded paper is not valid: red like a changed one.
  assert.equal(verifyView({ result: 'withdrawn', message: '' }).tone, 'bad');
  assert.equal(verifyView({ result: 'withdrawn', message: '' }).title, '已撤回作废');
  assert.equal(verifyView({ result: 'superseded', message: '' }).tone, 'bad');
  assert.equal(verifyView({ result: 'unknown', message: '查无' }).title, '查无此验证码');
  assert.equal(verifyView(null).result, 'unknown');
});

test('a failed print says the action and the core\'s message, never a "not available" stub', () => {
  assert.equal(commandErrorMessage({ message: '找不到打印机' }, '打印'), '打印失败：找不到打印机');
  const raw = commandErrorMessage({ code: 'internal', message: 'Command print_doc not found' }, '打印');
  assert.equal(raw, '打印失败：Command print_doc not found');
  assert.ok(!raw.includes('尚未提供'));
  assert.equal(commandErrorMessage(undefined, '预览'), '预览失败：未知错误');
});

test('copies are 1–99', () => {
  assert.equal(validateCopies('1'), null);
  assert.equal(validateCopies('99'), null);
  assert.equal(validateCopies('２'), null);
  assert.ok(validateCopies('0'));
  assert.ok(validateCopies('100'));
  assert.ok(validateCopies('1.5'));
  assert.ok(validateCopies(''));
});
