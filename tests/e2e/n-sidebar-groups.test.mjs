// n. The sidebar: its pages stand in groups that fold and open on a click of
// their heading, stay so after a restart, and the current page is always
// visible (its group opens when the page is shown; a folded group keeps it).
import assert from 'node:assert/strict';
import { ADMIN, appTest } from './lib/app.mjs';

const expanded = (app, key) => app.s.attribute(`button[data-nav-group="${key}"]`, 'aria-expanded');

async function waitExpanded(app, key, value) {
  await app.s.waitFor(async () => (await expanded(app, key)) === String(value), { message: `group ${key} aria-expanded=${value}` });
}

appTest('n-sidebar-groups', async (app) => {
  await app.setupAdmin(ADMIN, 'start-empty');
  await app.s.waitFor('a[data-nav="dashboard"][aria-current="page"]', { message: 'the dashboard to be the current page' });

  // At first every group is open: all pages are listed.
  const groups = await app.s.executeScript(`return [...document.querySelectorAll('[data-nav-group]')].map((b) => b.dataset.navGroup)`);
  assert.deepEqual(groups, ['dispatch', 'tables', 'assessment', 'registers', 'org', 'system']);
  const pages = await app.s.executeScript(`return document.querySelectorAll('a[data-nav]').length`);
  assert.ok(pages >= 23, `${pages} pages in the sidebar`);
  for (const key of groups) assert.equal(await expanded(app, key), 'true', key);
  assert.ok(await app.s.isVisible('a[data-nav="units"]'));
  await app.shot('sidebar-expanded');

  // Fold 组织 and 考核与值班: their links go, the others stay.
  await app.s.click('button[data-nav-group="org"]', { what: 'the heading 组织' });
  await waitExpanded(app, 'org', false);
  await app.s.click('button[data-nav-group="assessment"]', { what: 'the heading 考核与值班' });
  await waitExpanded(app, 'assessment', false);
  assert.equal(await app.s.isVisible('a[data-nav="units"]'), false);
  assert.equal(await app.s.isVisible('a[data-nav="scoring"]'), false);
  assert.ok(await app.s.isVisible('a[data-nav="spec"]'));

  // Folding the current page's group keeps the current page's link.
  await app.s.click('button[data-nav-group="dispatch"]', { what: 'the heading 调度工作' });
  await waitExpanded(app, 'dispatch', false);
  assert.ok(await app.s.isVisible('a[data-nav="dashboard"]'), 'the current page stays visible in its folded group');
  assert.equal(await app.s.isVisible('a[data-nav="plans"]'), false);
  await app.shot('sidebar-collapsed');

  // The folding is remembered across a restart; the start page's group opens.
  await app.restart();
  await app.login(ADMIN.username, ADMIN.password);
  await waitExpanded(app, 'dispatch', true);
  assert.equal(await expanded(app, 'org'), 'false');
  assert.equal(await expanded(app, 'assessment'), 'false');
  assert.equal(await app.s.isVisible('a[data-nav="units"]'), false);
  await app.shot('sidebar-after-restart');

  // A person opens 组织 by its heading and goes to 人员.
  await app.nav('people');
  await app.s.waitFor('[data-page="people"]', { message: 'the people page' });
  assert.equal(await expanded(app, 'org'), 'true');

  // Reaching a page of a folded group another way (the status bar's alerts →
  // 工作台) opens that group, so the current page is never hidden.
  await app.s.click('button[data-nav-group="dispatch"]', { what: 'the heading 调度工作' });
  await waitExpanded(app, 'dispatch', false);
  await app.clickAction('open-alerts');
  await app.s.waitFor('[data-page="dashboard"]', { message: 'the dashboard' });
  await waitExpanded(app, 'dispatch', true);
  assert.ok(await app.s.isVisible('a[data-nav="dashboard"][aria-current="page"]'));
  const stored = await app.s.executeScript(`return localStorage.getItem('diaodu.nav.folded')`);
  assert.equal(stored, '["assessment"]');
  await app.shot('sidebar-current-opened');
});
