import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sortRows, nextSort, compareValues } from '../../ui/js/lib/sort.js';

const rows = [
  { name: '综采十队', n: 3 },
  { name: '机电科', n: null },
  { name: '综采二队', n: 1 },
  { name: '安检科', n: 2 },
  { name: '', n: 10 },
];

test('Chinese text sorts by pinyin', () => {
  const sorted = sortRows(rows, (r) => r.name, 'asc').map((r) => r.name);
  assert.deepEqual(sorted, ['安检科', '机电科', '综采二队', '综采十队', '']);
});

test('numbers inside text compare numerically', () => {
  assert.ok(compareValues('综采2队', '综采10队') < 0);
  assert.ok(compareValues('item9', 'item10') < 0);
});

test('descending reverses values but keeps empties last', () => {
  const sorted = sortRows(rows, (r) => r.n, 'desc').map((r) => r.n);
  assert.deepEqual(sorted, [10, 3, 2, 1, null]);
});

test('sorting is stable for equal values', () => {
  const input = [
    { k: 'b', id: 1 },
    { k: 'a', id: 2 },
    { k: 'b', id: 3 },
    { k: 'a', id: 4 },
  ];
  assert.deepEqual(sortRows(input, (r) => r.k, 'asc').map((r) => r.id), [2, 4, 1, 3]);
  assert.deepEqual(sortRows(input, (r) => r.k, 'desc').map((r) => r.id), [1, 3, 2, 4]);
});

test('no direction keeps the original order and does not mutate the input', () => {
  const copy = rows.slice();
  const result = sortRows(rows, (r) => r.name, null);
  assert.deepEqual(result, copy);
  assert.notEqual(result, rows);
  sortRows(rows, (r) => r.name, 'asc');
  assert.deepEqual(rows, copy);
});

test('header clicks cycle asc, desc, none', () => {
  const first = nextSort(null, 'name');
  assert.deepEqual(first, { key: 'name', direction: 'asc' });
  const second = nextSort(first, 'name');
  assert.deepEqual(second, { key: 'name', direction: 'desc' });
  assert.equal(nextSort(second, 'name'), null);
  assert.deepEqual(nextSort(second, 'phone'), { key: 'phone', direction: 'asc' });
});
