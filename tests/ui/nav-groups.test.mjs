import { test } from 'node:test';
import assert from 'node:assert/strict';
import { NAV_FOLDED_KEY, readFolded, writeFolded, toggled, openedFor } from '../../ui/js/lib/nav-groups.js';

function memory(initial = {}) {
  const items = { ...initial };
  return { getItem: (k) => (k in items ? items[k] : null), setItem: (k, v) => { items[k] = String(v); }, items };
}

const GROUPS = [
  { key: 'dispatch', pages: [{ id: 'dashboard' }, { id: 'plans' }] },
  { key: 'org', pages: [{ id: 'units' }, { id: 'people' }] },
];

test('folded groups are remembered and read back', () => {
  const storage = memory();
  assert.deepEqual([...readFolded(storage)], []);
  writeFolded(storage, toggled(toggled(new Set(), 'org'), 'dispatch'));
  assert.equal(storage.items[NAV_FOLDED_KEY], '["dispatch","org"]');
  assert.deepEqual([...readFolded(storage)].sort(), ['dispatch', 'org']);
  assert.deepEqual([...toggled(readFolded(storage), 'org')], ['dispatch']);
});

test('a damaged or missing value folds nothing', () => {
  assert.deepEqual([...readFolded(memory({ [NAV_FOLDED_KEY]: '{oops' }))], []);
  assert.deepEqual([...readFolded(memory({ [NAV_FOLDED_KEY]: '{"a":1}' }))], []);
  assert.deepEqual([...readFolded(memory({ [NAV_FOLDED_KEY]: '["org", 3]' }))], ['org']);
  assert.deepEqual([...readFolded(null)], []);
  writeFolded({ setItem() { throw new Error('full'); } }, new Set(['org']));
});

test('the current page\'s group opens; the others stay as they were', () => {
  const folded = new Set(['dispatch', 'org']);
  assert.deepEqual([...openedFor(folded, GROUPS, 'people')], ['dispatch']);
  assert.equal(openedFor(new Set(['dispatch']), GROUPS, 'people').size, 1);
  assert.deepEqual([...openedFor(folded, GROUPS, 'nowhere')].sort(), ['dispatch', 'org']);
  assert.deepEqual([...folded].sort(), ['dispatch', 'org'], 'the input is not changed');
});
