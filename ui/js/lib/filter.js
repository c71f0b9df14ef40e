// Search as the user types in a table's search box. NFKC folds full-width
// letters and digits (common with Chinese IMEs) to their ASCII forms.

export function normalizeText(value) {
  if (value === null || value === undefined) return '';
  return String(value).normalize('NFKC').toLowerCase();
}

export function tokenize(query) {
  return normalizeText(query).split(/\s+/).filter(Boolean);
}

// Every token must occur in at least one of the values.
export function matchesQuery(values, query) {
  const tokens = tokenize(query);
  if (tokens.length === 0) return true;
  const haystack = values.map(normalizeText);
  return tokens.every((token) => haystack.some((text) => text.includes(token)));
}

export function filterRows(rows, query, getSearchValues) {
  if (tokenize(query).length === 0) return rows.slice();
  return rows.filter((row) => matchesQuery(getSearchValues(row), query));
}
