// Sorting for table columns. Chinese text sorts by pinyin (zh-CN collation),
// numbers inside text sort numerically ("综采2队" before "综采10队").

const collator = new Intl.Collator('zh-CN', { numeric: true, sensitivity: 'base' });

export function isEmptyValue(value) {
  return value === null || value === undefined || value === '';
}

export function compareValues(a, b) {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  return collator.compare(String(a), String(b));
}

// Stable; empty cells always go last, whatever the direction, so that the
// rows a user is looking for are never pushed below a block of blanks.
export function sortRows(rows, getValue, direction) {
  if (direction !== 'asc' && direction !== 'desc') return rows.slice();
  const sign = direction === 'desc' ? -1 : 1;
  return rows
    .map((row, index) => ({ row, index, value: getValue(row) }))
    .sort((x, y) => {
      const xEmpty = isEmptyValue(x.value);
      const yEmpty = isEmptyValue(y.value);
      if (xEmpty !== yEmpty) return xEmpty ? 1 : -1;
      const order = xEmpty ? 0 : compareValues(x.value, y.value) * sign;
      return order || x.index - y.index;
    })
    .map((entry) => entry.row);
}

// A header click cycles asc → desc → back to the server's own order.
export function nextSort(current, key) {
  if (!current || current.key !== key) return { key, direction: 'asc' };
  if (current.direction === 'asc') return { key, direction: 'desc' };
  return null;
}
