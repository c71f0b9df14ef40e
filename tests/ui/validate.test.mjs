import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  validate, hasErrors, required, requiredChoice, minLength, sameAs, differentFrom,
  pattern, integerBetween, dateOrEmpty, isBlank,
} from '../../ui/js/lib/validate.js';
import { isValidDate } from '../../ui/js/lib/dates.js';

const setupSchema = {
  username: [required('用户名')],
  displayName: [required('姓名')],
  password: [required('密码'), minLength(8, '密码')],
  passwordConfirm: [required('确认密码'), sameAs('password', '两次输入的密码不一致')],
};

test('empty fields get a message each', () => {
  const errors = validate({ username: '', displayName: '  ', password: '', passwordConfirm: '' }, setupSchema);
  assert.deepEqual(errors, {
    username: '请填写用户名',
    displayName: '请填写姓名',
    password: '请填写密码',
    passwordConfirm: '请填写确认密码',
  });
  assert.ok(hasErrors(errors));
});

test('short password and mismatch are reported, first failing rule only', () => {
  const errors = validate({ username: 'admin', displayName: '管理员', password: 'abc', passwordConfirm: 'abd' }, setupSchema);
  assert.deepEqual(errors, { password: '密码至少需要 8 位', passwordConfirm: '两次输入的密码不一致' });
});

test('valid input has no errors', () => {
  const errors = validate({ username: 'admin', displayName: '管理员', password: '12345678', passwordConfirm: '12345678' }, setupSchema);
  assert.deepEqual(errors, {});
  assert.ok(!hasErrors(errors));
});

test('minLength counts characters, not UTF-16 code units', () => {
  assert.equal(minLength(8, '密码')('密码密码密码密码'), null);
  assert.equal(minLength(3, '密码')('😀😀'), '密码至少需要 3 位');
});

test('requiredChoice works for selects and checkbox arrays', () => {
  assert.equal(requiredChoice('所属单位')(''), '请选择所属单位');
  assert.equal(requiredChoice('角色')([]), '请选择角色');
  assert.equal(requiredChoice('角色')(['leader']), null);
  assert.ok(isBlank(undefined));
});

test('integerBetween checks format and range', () => {
  const rule = integerBetween(1, 240, '锁定时间');
  assert.equal(rule('15'), null);
  assert.equal(rule(' 240 '), null);
  assert.equal(rule('0'), '锁定时间应在 1–240 之间');
  assert.equal(rule('241'), '锁定时间应在 1–240 之间');
  assert.equal(rule('1.5'), '锁定时间必须是整数');
  assert.equal(rule('-3'), '锁定时间必须是整数');
  assert.equal(rule(''), '请填写锁定时间');
});

test('pattern, differentFrom and optional dates', () => {
  const phone = pattern(/^[0-9+\-\s()]+$/, '电话格式不正确');
  assert.equal(phone(''), null);
  assert.equal(phone('0355-5961201'), null);
  assert.equal(phone('abc'), '电话格式不正确');
  const notOld = differentFrom('oldPassword', '新密码不能与原密码相同');
  assert.equal(notOld('same1234', { oldPassword: 'same1234' }), '新密码不能与原密码相同');
  assert.equal(notOld('other123', { oldPassword: 'same1234' }), null);
  const from = dateOrEmpty(isValidDate, '开始日期');
  assert.equal(from(''), null);
  assert.equal(from('2026-03-05'), null);
  assert.equal(from('2026/03/05'), '开始日期格式应为 2026-03-05');
});
