import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkPickedSize, MAX_SHEET_MB, MAX_PLAN_MB } from '../../ui/js/lib/picked.js';

test('a picked file past the limit is refused by its size, with the core\'s wording', () => {
  assert.doesNotThrow(() => checkPickedSize({ name: '规范.xlsx', size: MAX_SHEET_MB * 1024 * 1024 }, MAX_SHEET_MB));
  assert.throws(
    () => checkPickedSize({ name: '大计划.xml', size: MAX_PLAN_MB * 1024 * 1024 + 1 }, MAX_PLAN_MB),
    (e) => e.field === 'file' && e.message === '文件“大计划.xml”过大（64.0 MB），超过 64 MB 的上限',
  );
});
