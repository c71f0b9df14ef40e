// The sidebar's groups: which are folded, kept in localStorage so the
// sidebar looks the same after a restart. No DOM: tested with node.

export const NAV_FOLDED_KEY = 'diaodu.nav.folded';

/** The keys of the folded groups, from storage (a bad or missing value: none folded). */
export function readFolded(storage) {
  try {
    const list = JSON.parse(storage?.getItem(NAV_FOLDED_KEY) ?? '[]');
    return new Set(Array.isArray(list) ? list.filter((key) => typeof key === 'string') : []);
  } catch {
    return new Set();
  }
}

export function writeFolded(storage, folded) {
  try {
    storage?.setItem(NAV_FOLDED_KEY, JSON.stringify([...folded].sort()));
  } catch {
    // A full or refused storage only means the sidebar is not remembered.
  }
}

/** Folds an open group or opens a folded one. */
export function toggled(folded, key) {
  const next = new Set(folded);
  if (next.has(key)) next.delete(key);
  else next.add(key);
  return next;
}

/** The current page is always visible: the group that holds it opens. */
export function openedFor(folded, groups, pageId) {
  const group = groups.find((g) => g.pages.some((p) => p.id === pageId));
  if (!group || !folded.has(group.key)) return folded;
  const next = new Set(folded);
  next.delete(group.key);
  return next;
}
