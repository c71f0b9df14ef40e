// d. Setup step 2 → load the sample organization: the units table fills. The
// sample's dispatcher accounts come disabled, and the toast says so; none of
// them can log in.
import assert from 'node:assert/strict';
import { ADMIN, appTest } from './lib/app.mjs';

appTest('d-sample-data', async (app) => {
  await app.setupAdmin(ADMIN, 'load-sample');
  await app.s.waitFor(async () => (await app.textOf('.toast[data-kind="info"]')).includes('已停用'), { message: 'the toast about the disabled sample accounts' });
  const note = await app.textOf('.toast[data-kind="info"]');
  assert.match(note, /示例调度员账号 diaodu1、.+已停用：需要时请在“用户”中启用并重设密码/);
  await app.shot('main-after-sample');
  const users = await app.invoke('list_users');
  assert.ok(users.ok, JSON.stringify(users.error));
  const sample = users.value.filter((u) => u.username.startsWith('diaodu'));
  assert.ok(sample.length >= 2 && sample.every((u) => u.disabled), JSON.stringify(sample));
  await app.nav('units');
  const rows = await app.waitRows('units', (r) => r.length >= 30, 'at least 30 unit rows', 30_000);
  await app.shot('units-sample');
  assert.ok(rows.length >= 30, `${rows.length} unit rows`);
});
