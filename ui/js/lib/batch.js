// Pure logic of batch printing and saving (no DOM, tested with node): the
// order documents go in, what the progress says, and the selection's
// select-all state.

export const SAVE_TARGETS = [
  { value: 'folder', label: '每份一个PDF文件', hint: '选择一个文件夹，每份文件一个PDF，文件名为文号、责任单位和标题，便于分别发给各单位' },
  { value: 'combined', label: '合并为一个PDF文件', hint: '所有文件依次排在一个PDF中，每份从新的一页开始，便于一次打印或存档' },
];

// The selected ids in the order the list shows them; selected documents the
// current filter hides follow in the order given by `allIds`.
export function batchOrder(shownIds, selectedIds, allIds = []) {
  const selected = new Set(selectedIds.map(String));
  const out = [];
  const seen = new Set();
  for (const id of [...shownIds, ...allIds]) {
    const key = String(id);
    if (selected.has(key) && !seen.has(key)) {
      seen.add(key);
      out.push(id);
    }
  }
  return out;
}

// 'all', 'some' or 'none' of the shown rows are selected (the header checkbox).
export function selectAllState(shownIds, selectedIds) {
  if (shownIds.length === 0) return 'none';
  const selected = new Set(selectedIds.map(String));
  const n = shownIds.filter((id) => selected.has(String(id))).length;
  if (n === 0) return 'none';
  return n === shownIds.length ? 'all' : 'some';
}

const VERB = { print: '打印', folder: '保存', combined: '排版' };

// "正在打印：第 3 / 20 份" while running; the share done, 0–100.
export function progressText(target, { done = 0, total = 0 } = {}) {
  const verb = VERB[target] ?? '处理';
  if (total > 0 && done >= total) return target === 'combined' ? `已排版 ${total} 份，正在生成文件…` : `已${verb} ${total} / ${total} 份`;
  return `正在${verb}：第 ${Math.min(done + 1, total)} / ${total} 份（已完成 ${done} 份）`;
}

export function percent({ done = 0, total = 0 } = {}) {
  if (!total) return 0;
  return Math.max(0, Math.min(100, Math.round((done / total) * 100)));
}

// A short description of what is selected: "共 5 份：通知单 4 份，调度令 1 份".
export function selectionSummary(docs) {
  const notices = docs.filter((d) => d.kind === 'notice').length;
  const orders = docs.length - notices;
  const parts = [];
  if (notices) parts.push(`通知单 ${notices} 份`);
  if (orders) parts.push(`调度令 ${orders} 份`);
  const drafts = docs.filter((d) => !d.number).length;
  const tail = drafts ? `（其中草稿 ${drafts} 份，打印件无文号）` : '';
  return `共 ${docs.length} 份：${parts.join('，')}${tail}`;
}
