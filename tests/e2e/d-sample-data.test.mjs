// d. Setup step 2 → load the sample organization: the units table fills.
import assert from 'node:assert/strict';
import { ADMIN, appTest } from './lib/app.mjs';

appTest('d-sample-data', async (app) => {
  await app.setupAdmin(ADMIN, 'load-sample');
  await app.shot('main-after-sample');
  await app.nav('units');
  const rows = await app.waitRows('units', (r) => r.length >= 30, 'at least 30 unit rows', 30_000);
  await app.shot('units-sample');
  assert.ok(rows.length >= 30, `${rows.length} unit rows`);
});
