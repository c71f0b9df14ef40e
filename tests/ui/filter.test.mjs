import { test } from 'node:test';
import assert from 'node:assert/strict';
import { filterRows, matchesQuery, tokenize, normalizeText } from '../../ui/js/lib/filter.js';

const people = [
  { name: '赵建国', unit: '矿党委', phone: '0355-5961201' },
  { name: '孙海涛', unit: '综采一队党支部', phone: '13903551234' },
  { name: 'Li Wei', unit: '机电科党支部', phone: '' },
];
const values = (p) => [p.name, p.unit, p.phone];

test('empty query keeps every row', () => {
  assert.equal(filterRows(people, '', values).length, 3);
  assert.equal(filterRows(people, '   ', values).length, 3);
});

test('matches Chinese substrings in any field', () => {
  assert.deepEqual(filterRows(people, '综采', values).map((p) => p.name), ['孙海涛']);
  assert.deepEqual(filterRows(people, '党支部', values).map((p) => p.name), ['孙海涛', 'Li Wei']);
});

test('all tokens must match, each in any field', () => {
  assert.deepEqual(filterRows(people, '孙 综采', values).map((p) => p.name), ['孙海涛']);
  assert.deepEqual(filterRows(people, '孙 机电', values), []);
});

test('case-insensitive and full-width characters fold to ASCII', () => {
  assert.ok(matchesQuery(['Li Wei'], 'li'));
  assert.ok(matchesQuery(['0355-5961201'], '５９６'));
  assert.ok(matchesQuery(['Li Wei'], 'ＬＩ'));
  assert.equal(normalizeText(null), '');
});

test('full-width space separates tokens', () => {
  assert.deepEqual(tokenize('赵\u3000党委'), ['赵', '党委']);
});
