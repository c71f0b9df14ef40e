// b. Log in after a restart; create units through the side panel; a duplicate name is
// refused beside the name field; the units survive a restart; a unit is retired with a
// reason and reinstated; a person is created and edited; the audit log has them.
import assert from 'node:assert/strict';
import { ADMIN, App, appTest } from './lib/app.mjs';

const DEPT = '组织部';
const BRANCH = '综采一队党支部';

/** Open the unit panel, fill it and submit. */
async function submitUnit(app, values, screen) {
  await app.clickAction('new-unit');
  await app.s.waitFor('[data-panel] form[data-form="unit"]', { message: 'the unit form in the side panel' });
  await app.fill('unit', values);
  await app.shot(`${screen}-filled`);
  await app.submit('unit');
}

async function parentChoice(app, committeeName) {
  if (!committeeName) return undefined;
  const opts = await app.options('form[data-form="unit"] [name="parentId"]');
  return opts && opts.some((o) => o.label.includes(committeeName)) ? { label: committeeName } : undefined;
}

appTest('b-units-restart-audit', async (app, t) => {
  await app.setupAdmin(ADMIN, 'start-empty');
  await app.shot('main-after-setup');

  // Restart and log in.
  await app.restart();
  await app.waitScreen('login');
  await app.shot('login-after-restart');
  await app.login(ADMIN.username, ADMIN.password);
  await app.shot('main-after-login');

  await app.nav('units');
  await app.s.waitFor('table[data-table="units"]', { message: 'units table' });
  await app.shot('units-empty');

  // The mine committee (矿党委) as parent, if the organization has none yet create it.
  const listed = await app.invoke('list_units', { input: {} });
  assert.ok(listed.ok, `list_units failed: ${JSON.stringify(listed.error)}`);
  let committee = listed.value.find((u) => u.kind === 'committee');
  if (!committee) {
    await submitUnit(app, { name: '矿党委', kind: 'committee' }, 'unit-committee');
    await app.waitRows('units', (rows) => App.rowsNamed(rows, '矿党委').length === 1, 'the committee row');
    committee = { name: '矿党委' };
  }
  t.diagnostic(`parent committee: ${committee.name}`);

  // A department.
  await app.clickAction('new-unit');
  await app.s.waitFor('[data-panel] form[data-form="unit"]', { message: 'the unit form in the side panel' });
  await app.shot('unit-panel-open');
  const deptValues = { name: DEPT, kind: 'department' };
  const deptParent = await parentChoice(app, committee.name);
  if (deptParent) deptValues.parentId = deptParent;
  await app.fill('unit', deptValues);
  await app.shot('unit-department-filled');
  await app.submit('unit');
  await app.waitRows('units', (rows) => App.rowsNamed(rows, DEPT).length === 1, `a row named ${DEPT}`);
  await app.shot('units-with-department');

  // A branch under the committee.
  await app.clickAction('new-unit');
  await app.s.waitFor('[data-panel] form[data-form="unit"]', { message: 'the unit form in the side panel' });
  const branchValues = { name: BRANCH, kind: 'branch' };
  const branchParent = await parentChoice(app, committee.name);
  if (branchParent) branchValues.parentId = branchParent;
  await app.fill('unit', branchValues);
  await app.shot('unit-branch-filled');
  await app.submit('unit');
  await app.waitRows('units', (rows) => App.rowsNamed(rows, BRANCH).length === 1, `a row named ${BRANCH}`);
  await app.shot('units-with-branch');

  // A duplicate name: refused, with the message beside the name field.
  await app.clickAction('new-unit');
  await app.s.waitFor('[data-panel] form[data-form="unit"]', { message: 'the unit form in the side panel' });
  await app.fill('unit', { name: DEPT, kind: 'department', ...(deptParent ? { parentId: deptParent } : {}) });
  await app.submit('unit');
  const errCss = 'form[data-form="unit"] .field-error[data-for="name"]';
  await app.s.waitFor(async () => (await app.textOf(errCss)).length > 0, {
    message: `a message in ${errCss} (form error: "${await app.textOf('form[data-form="unit"] .form-error')}")`,
  });
  await app.shot('unit-duplicate-error');
  const errText = await app.textOf(errCss);
  assert.match(errText, /已存在|重复/, `field error says "${errText}"`);
  assert.ok(await app.s.isVisible(errCss), 'the field error is visible');
  const rowsAfterDup = await app.rows('units');
  assert.equal(App.rowsNamed(rowsAfterDup, DEPT).length, 1, `exactly one ${DEPT} row after the duplicate attempt`);

  // Restart on the same data dir: the units are still there.
  await app.restart();
  await app.waitScreen('login');
  await app.shot('login-second-restart');
  await app.login(ADMIN.username, ADMIN.password);
  await app.nav('units');
  const rows = await app.waitRows(
    'units',
    (r) => App.rowsNamed(r, DEPT).length === 1 && App.rowsNamed(r, BRANCH).length === 1,
    `both ${DEPT} and ${BRANCH} after restart`,
  );
  await app.shot('units-after-restart');
  const branchRow = App.rowsNamed(rows, BRANCH)[0];
  if (branchParent) assert.ok(branchRow.text.includes(committee.name), `branch row shows its parent: ${branchRow.text}`);

  // Retire the branch with a reason; it leaves the list, comes back with 显示已撤销,
  // and 恢复 brings it back.
  const branchId = branchRow.id;
  await app.clickAction('retire', `table[data-table="units"] tr[data-id="${branchId}"]`);
  await app.s.waitFor('dialog[data-dialog="confirm"] [name="reason"]', { message: 'the retire dialog with a reason field' });
  await app.s.type('dialog[data-dialog="confirm"] [name="reason"]', '机构调整，并入综采二队');
  await app.shot('unit-retire-dialog');
  await app.clickAction('confirm', 'dialog[data-dialog="confirm"]');
  await app.waitRows('units', (r) => App.rowsNamed(r, BRANCH).length === 0, `${BRANCH} hidden after retiring`);
  await app.s.click('input[name="includeRetired"]');
  await app.waitRows('units', (r) => r.some((row) => row.cells.includes(BRANCH) && row.text.includes('已撤销')), `${BRANCH} shown as 已撤销`);
  await app.shot('units-with-retired');
  await app.clickAction('reinstate', `table[data-table="units"] tr[data-id="${branchId}"]`);
  await app.waitRows('units', (r) => r.some((row) => row.cells.includes(BRANCH) && row.text.includes('正常')), `${BRANCH} reinstated`);

  // A person in the department, then edited.
  await app.nav('people');
  await app.clickAction('new-person');
  await app.s.waitFor('[data-panel] form[data-form="person"]', { message: 'the person form' });
  // The unit choices arrive with the page's own load.
  await app.s.waitFor(async () => ((await app.options('form[data-form="person"] [name="unitId"]')) || []).some((o) => o.label.includes(DEPT)), {
    message: `${DEPT} among the unit choices`,
  });
  await app.fill('person', { name: '王建国', unitId: { label: DEPT }, title: '部长' });
  await app.submit('person');
  const people = await app.waitRows('people', (r) => App.rowsNamed(r, '王建国').length === 1, 'the new person row');
  const personId = App.rowsNamed(people, '王建国')[0].id;
  await app.clickAction('edit', `table[data-table="people"] tr[data-id="${personId}"]`);
  await app.s.waitFor('[data-panel] form[data-form="person"]', { message: 'the person edit form' });
  await app.fill('person', { phone: '0355-5961234' });
  await app.submit('person');
  await app.waitRows('people', (r) => r.some((row) => row.cells.includes('王建国') && row.text.includes('0355-5961234')), 'the edited phone');
  await app.shot('people-edited');

  // The audit log has create entries for both.
  await app.nav('audit');
  const created = /新建|创建|新增|添加|create/i;
  const audit = await app.waitRows(
    'audit',
    (r) => [DEPT, BRANCH].every((n) => r.some((row) => row.text.includes(n) && created.test(row.text))),
    `audit rows creating ${DEPT} and ${BRANCH}`,
  );
  await app.shot('audit');
  assert.ok(audit.length >= 2);
});
