// The preview's pages: the first ones come with the answer, the others are
// asked for once each, when needed.
import test from 'node:test';
import assert from 'node:assert/strict';
import { previewPages } from '../../ui/js/lib/preview-pages.js';

const img = (n) => `data:image/png;base64,page${n}`;

test('a long report: the first pages are here, the others are asked for once', async () => {
  const asked = [];
  const fetchPage = async ({ token, page }) => {
    asked.push([token, page]);
    return { page, src: img(page) };
  };
  const pages = previewPages({ token: 7, pageCount: 155, pages: [img(1), img(2), img(3)] }, fetchPage);
  assert.equal(pages.count, 155);
  assert.equal(pages.known(0), img(1));
  assert.equal(await pages.get(2), img(3));
  assert.equal(pages.known(154), null);
  const [a, b] = await Promise.all([pages.get(154), pages.get(154)]);
  assert.equal(a, img(155));
  assert.equal(b, img(155));
  assert.equal(await pages.get(154), img(155));
  assert.equal(pages.known(154), img(155));
  assert.deepEqual(asked, [[7, 155]], 'page 155 asked for once, pages 1–3 never');
  await assert.rejects(pages.get(155), { message: '页码应在1到155之间' });
});

test('a failed page can be asked for again', async () => {
  let fail = true;
  const pages = previewPages({ token: 1, pageCount: 5, pages: [img(1)] }, async ({ page }) => {
    if (fail) throw { code: 'validation', message: '该预览已关闭，请重新打开预览' };
    return { page, src: img(page) };
  });
  await assert.rejects(pages.get(3), { message: '该预览已关闭，请重新打开预览' });
  fail = false;
  assert.equal(await pages.get(3), img(4));
});

test('an answer that is not an image is an error, not a blank page', async () => {
  const pages = previewPages({ token: 1, pageCount: 2, pages: [img(1)] }, async () => ({ page: 2, src: '' }));
  await assert.rejects(pages.get(1), { message: '程序核心没有返回第 2 页的图像' });
});

test('a short paper comes whole; an answer without pages has none', () => {
  assert.equal(previewPages({ token: 1, pageCount: 2, pages: [img(1), img(2)] }, null).count, 2);
  assert.equal(previewPages({ pages: [img(1), 'x'] }, null).count, 1, 'no token: only what came');
  assert.equal(previewPages(null, null).count, 0);
  assert.equal(previewPages({ token: 1, pageCount: 3, pages: [] }, null).count, 3);
});
