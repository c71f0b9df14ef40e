// The pages of a preview as the core answers them (preview_doc, preview_report,
// …): the first pages drawn, how many there are (`pageCount`) and a `token`
// for the others, which the core draws one at a time when asked
// (preview_page). A 150-page report thus opens as fast as a one-page notice.
// Each page is asked for once; a failed one may be asked for again.

const isImage = (src) => typeof src === 'string' && src.startsWith('data:image/');

/**
 * answer: {token, pageCount, pages}; fetchPage({token, page}) → {page, src}.
 * Returns {count, known(i), get(i)}: i counts from 0; known(i) is the image if
 * it is already here (else null), get(i) a promise of it.
 */
export function previewPages(answer, fetchPage) {
  const first = Array.isArray(answer?.pages) ? answer.pages.filter(isImage) : [];
  const stated = Number(answer?.pageCount);
  const count = Number.isInteger(stated) && stated > first.length && answer?.token != null ? stated : first.length;
  const drawn = new Map(first.map((src, i) => [i, src]));
  const asked = new Map();

  function get(i) {
    if (!Number.isInteger(i) || i < 0 || i >= count) return Promise.reject({ code: 'validation', message: `页码应在1到${count}之间` });
    if (drawn.has(i)) return Promise.resolve(drawn.get(i));
    if (!asked.has(i)) {
      const p = Promise.resolve()
        .then(() => fetchPage({ token: answer.token, page: i + 1 }))
        .then((r) => {
          if (!isImage(r?.src)) throw { code: 'internal', message: `程序核心没有返回第 ${i + 1} 页的图像` };
          drawn.set(i, r.src);
          return r.src;
        })
        .finally(() => asked.delete(i));
      asked.set(i, p);
    }
    return asked.get(i);
  }

  return { count, known: (i) => drawn.get(i) ?? null, get };
}
