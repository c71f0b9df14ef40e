// Which links cross the visible rows, without looking at every link.
//
// Every link covers the rows [lo, hi] between its two tasks. The index is
// built once per layout in linear time (counting sorts over typed arrays)
// and answers "which items overlap rows [a, b]" by looking only at:
//   - items starting inside [a, b]            (sorted by lo: a slice),
//   - items starting in the bucket above a     (a slice of at most B rows),
//   - items crossing the bucket boundary above a (a list kept per boundary).
// Boundaries are every B rows; an item is listed at each boundary it
// crosses, so the lists hold about (number of items × their mean span / B)
// entries — small, since most links join nearby tasks.

const BUCKET = 64;

// los, his: Int32Array (or arrays) of equal length, lo <= hi; items with
// lo < 0 are left out.
export function buildIntervalIndex(los, his, bucket = BUCKET) {
  const n = los.length;
  let rows = 0;
  let size = 0;
  for (let i = 0; i < n; i++) {
    if (los[i] < 0 || his[i] < los[i]) continue;
    size++;
    if (his[i] + 1 > rows) rows = his[i] + 1;
  }

  // Items sorted by lo (counting sort), with the first item of each row.
  const rowStart = new Int32Array(rows + 1);
  for (let i = 0; i < n; i++) if (los[i] >= 0 && his[i] >= los[i]) rowStart[los[i] + 1]++;
  for (let r = 0; r < rows; r++) rowStart[r + 1] += rowStart[r];
  const byLo = new Int32Array(size);
  const fill = rowStart.slice(0, rows);
  for (let i = 0; i < n; i++) if (los[i] >= 0 && his[i] >= los[i]) byLo[fill[los[i]]++] = i;

  // Items crossing each boundary k (row k·B): lo < k·B <= hi.
  const boundaries = Math.floor(rows / bucket) + 1;
  const crossStart = new Int32Array(boundaries + 1);
  for (let i = 0; i < n; i++) {
    if (los[i] < 0 || his[i] < los[i]) continue;
    const first = Math.floor(los[i] / bucket) + 1;
    const last = Math.floor(his[i] / bucket);
    for (let k = first; k <= last; k++) crossStart[k + 1]++;
  }
  for (let k = 0; k < boundaries; k++) crossStart[k + 1] += crossStart[k];
  const cross = new Int32Array(crossStart[boundaries]);
  const crossFill = crossStart.slice(0, boundaries);
  for (let i = 0; i < n; i++) {
    if (los[i] < 0 || his[i] < los[i]) continue;
    const first = Math.floor(los[i] / bucket) + 1;
    const last = Math.floor(his[i] / bucket);
    for (let k = first; k <= last; k++) cross[crossFill[k]++] = i;
  }

  // Calls visit(i) once for every item overlapping rows [a, b].
  function query(a0, b0, visit) {
    if (size === 0 || b0 < a0) return;
    const a = Math.max(0, a0);
    const b = Math.min(rows - 1, b0);
    if (a > rows - 1 || b < a) return;
    const k = Math.floor(a / bucket);
    const boundary = k * bucket;
    // Crossing the boundary above a and still reaching a.
    if (k > 0) {
      for (let j = crossStart[k]; j < crossStart[k + 1]; j++) {
        const i = cross[j];
        if (his[i] >= a) visit(i);
      }
    }
    // Starting between the boundary and a, reaching a.
    for (let j = rowStart[boundary]; j < rowStart[a]; j++) {
      const i = byLo[j];
      if (his[i] >= a) visit(i);
    }
    // Starting inside [a, b].
    for (let j = rowStart[a]; j < rowStart[b + 1]; j++) visit(byLo[j]);
  }

  return { query, size };
}
