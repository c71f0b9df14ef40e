// Page arithmetic for server-side paged lists (the audit log).

export function pageInfo({ total, limit, offset }) {
  const size = Math.max(1, limit);
  const count = Math.max(0, total);
  const pages = Math.max(1, Math.ceil(count / size));
  const page = Math.min(pages, Math.floor(Math.max(0, offset) / size) + 1);
  const from = count === 0 ? 0 : (page - 1) * size + 1;
  const to = Math.min(count, page * size);
  return { page, pages, from, to, hasPrev: page > 1, hasNext: page < pages };
}

export function offsetForPage(page, limit) {
  return Math.max(0, (Math.max(1, page) - 1) * limit);
}
