import { test } from 'node:test';
import assert from 'node:assert/strict';
import { descendantIds, parentUnitOptions, unitOptions, peopleWithRole, personLabel, idFromSelect } from '../../ui/js/lib/options.js';
import { changeRows, formatValue, isCreationRecord } from '../../ui/js/lib/changes.js';
import { grantsOf, NO_GRANTS } from '../../ui/js/lib/permissions.js';
import { labelOf, USER_ROLES, fieldLabel } from '../../ui/js/lib/labels.js';

const units = [
  { id: 1, name: '矿党委', kind: 'committee', parentId: null, retired: false },
  { id: 2, name: '组织部', kind: 'department', parentId: 1, retired: false },
  { id: 3, name: '综采一队党支部', kind: 'branch', parentId: 1, retired: false },
  { id: 4, name: '宣传部', kind: 'department', parentId: 1, retired: true },
  { id: 5, name: '组织部下属', kind: 'department', parentId: 2, retired: false },
];

test('descendantIds follows the whole subtree', () => {
  assert.deepEqual([...descendantIds(units, 1)].sort(), [2, 3, 4, 5]);
  assert.deepEqual([...descendantIds(units, 2)], [5]);
  assert.equal(descendantIds(units, 3).size, 0);
});

test('parent options exclude self, descendants, branches and retired units', () => {
  assert.deepEqual(parentUnitOptions(units).map((o) => o.value), ['1', '2', '5']);
  assert.deepEqual(parentUnitOptions(units, { editingId: 2, currentParentId: 1 }).map((o) => o.value), ['1']);
  const keepRetired = parentUnitOptions(units, { editingId: 5, currentParentId: 4 });
  assert.deepEqual(keepRetired.map((o) => o.label), ['矿党委', '组织部', '宣传部（已撤销）']);
});

test('unit options filter by kind and keep the current retired choice', () => {
  assert.deepEqual(unitOptions(units, { kinds: ['branch'] }).map((o) => o.label), ['综采一队党支部']);
  assert.deepEqual(unitOptions(units, { kinds: ['department'] }).map((o) => o.value), ['2', '5']);
  assert.deepEqual(unitOptions(units, { kinds: ['department'], keepId: 4 }).map((o) => o.value), ['2', '4', '5']);
});

test('people with a role, labelled with unit and title', () => {
  const people = [
    { id: 7, name: '赵建国', unitName: '矿党委', title: '党委书记', roles: ['leader'], retired: false },
    { id: 8, name: '孙海涛', unitName: '综采一队', title: '', roles: ['secretary'], retired: false },
    { id: 9, name: '钱卫东', unitName: '', title: '', roles: ['leader'], retired: true },
  ];
  assert.deepEqual(peopleWithRole(people, 'leader'), [{ value: '7', label: '赵建国（矿党委 · 党委书记）' }]);
  assert.equal(personLabel(people[1]), '孙海涛（综采一队）');
  assert.equal(personLabel(people[2]), '钱卫东');
});

test('idFromSelect returns numbers for numeric ids and null for no choice', () => {
  assert.equal(idFromSelect('12'), 12);
  assert.equal(idFromSelect('u-12'), 'u-12');
  assert.equal(idFromSelect(''), null);
});

test('audit changes: updates become from → to rows', () => {
  const rows = changeRows({ name: { from: '组织部', to: '党委组织部' }, note: { from: null, to: '合并' } });
  assert.deepEqual(rows, [
    { field: 'name', label: '名称', kind: 'change', from: '组织部', to: '党委组织部' },
    { field: 'note', label: '备注', kind: 'change', from: '（空）', to: '合并' },
  ]);
  assert.ok(!isCreationRecord(rows));
});

test('audit changes: a created record becomes value rows', () => {
  const rows = changeRows({ name: '组织部', roles: ['leader', 'liaison'], retired: false, oddField: 3 });
  assert.deepEqual(rows.map((r) => [r.label, r.to]), [
    ['名称', '组织部'],
    ['角色', '矿领导、联络员'],
    ['已撤销', '否'],
    ['oddField', '3'],
  ]);
  assert.ok(isCreationRecord(rows));
  assert.deepEqual(changeRows(null), []);
  assert.deepEqual(changeRows([1, 2]), []);
  assert.equal(formatValue({ a: 1 }), '{"a":1}');
  assert.equal(formatValue('department', 'kind'), '党委部门');
  assert.equal(formatValue('viewer', 'role'), '查看');
  assert.equal(formatValue('department', 'note'), 'department');
  assert.deepEqual(changeRows({ role: { from: 'dispatcher', to: 'signer' } })[0], { field: 'role', label: '用户角色', kind: 'change', from: '调度员', to: '签发人' });
  assert.equal(fieldLabel('backupKeep'), '保留备份份数');
});

test('grants come from the permissions the session names, not from the role', () => {
  const all = grantsOf({ user: { role: 'viewer' }, permissions: ['read', 'edit_records', 'sign_documents', 'manage_users', 'manage_settings'] });
  assert.deepEqual({ ...all }, { edit: true, sign: true, manageUsers: true, changeSettings: true });
  // A role name alone grants nothing: the window keeps no copy of the rules.
  assert.deepEqual({ ...grantsOf({ user: { role: 'admin' } }) }, { ...NO_GRANTS });
  assert.deepEqual({ ...grantsOf({ permissions: ['read', 'edit_records'] }) }, { edit: true, sign: false, manageUsers: false, changeSettings: false });
  assert.deepEqual({ ...grantsOf(null) }, { ...NO_GRANTS });
  assert.deepEqual({ ...grantsOf({ permissions: 'edit_records' }) }, { ...NO_GRANTS });
  assert.equal(labelOf(USER_ROLES, 'viewer'), '查看');
  assert.equal(labelOf(USER_ROLES, 'ghost'), 'ghost');
});
