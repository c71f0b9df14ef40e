// Pure logic of the supervision pages (no DOM, tested with node): labels,
// the due light's wording, node and reminder texts, percentages and the
// geometry of the dashboard's bar charts.

export const SUPERVISION_METHODS = [
  { value: 'onsite', label: '现场' },
  { value: 'phone', label: '电话' },
  { value: 'meeting', label: '会议' },
  { value: 'platform', label: '平台' },
];

export const MEETING_KINDS = [
  { value: 'regular', label: '党建调度例会' },
  { value: 'mine', label: '矿大调度会' },
];

// The one light (the core computes it; docs/ipc-supervision.md): its
// wording and tone. Tones map to the palette: red overdue, amber due soon,
// green done.
export const DUE_STATES = {
  overdue: { label: '逾期', tone: 'red' },
  due_soon: { label: '临期', tone: 'amber' },
  done: { label: '已完成', tone: 'green' },
  none: { label: '正常', tone: 'none' },
};

export function lightOf(state) {
  return DUE_STATES[state] ?? DUE_STATES.none;
}

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})/;

// 2026-03-05 → 3月5日 (with the year when it differs from `year`).
export function shortDate(text, year = null) {
  const m = DATE_RE.exec(String(text ?? ''));
  if (!m) return '';
  const md = `${Number(m[2])}月${Number(m[3])}日`;
  return year !== null && Number(m[1]) !== Number(year) ? `${Number(m[1])}年${md}` : md;
}

// 应于3月5日报送工作进展 / 完成时限3月20日 — what a node asks for.
export function nodeText(node, year = null) {
  if (!node) return '';
  const when = shortDate(node.date, year);
  const moved = node.effective && node.effective !== node.date ? `（遇休息日，提前至${shortDate(node.effective, year)}）` : '';
  if (node.kind === 'feedback') return `${when}前反馈${moved}`;
  if (node.kind === 'finish') return `计划${when}完成`;
  return `${when}前完成${moved}`;
}

// The reminder list's "missing" cell: 缺报 3月5日、3月12日；逾期未办结.
export function missingText(item, year = null) {
  const missing = item?.missing ?? [];
  const feedback = missing.filter((n) => n.kind === 'feedback').map((n) => shortDate(n.date, year));
  const parts = [];
  if (feedback.length > 0) parts.push(`缺报 ${feedback.join('、')}`);
  const finish = missing.find((n) => n.kind !== 'feedback');
  if (finish) parts.push(`${finish.kind === 'finish' ? '超过计划完成日期' : '超过完成时限'} ${shortDate(finish.date, year)}`);
  return parts.join('；');
}

// 未催办 / 已催办 2 次（最近：晋源党调催〔2026〕3号，11月24日）
export function reminderStatus(row) {
  const sent = row?.reminders ?? [];
  if (sent.length === 0) return '未催办';
  const last = sent[0];
  return `已催办 ${sent.length} 次（最近：${last.number}，${shortDate(last.sentOn)}）`;
}

export function percentText(rate) {
  if (rate === null || rate === undefined || Number.isNaN(rate)) return '—';
  const p = Math.round(rate * 1000) / 10;
  return Number.isInteger(p) ? `${p}%` : `${p.toFixed(1)}%`;
}

// 晋源党调令〔2026〕3号《…》 or the task's name.
export function itemName(item) {
  if (!item) return '';
  return item.number ? `${item.number}《${item.title}》` : item.title;
}

// Horizontal bars: one row per item, a label column, bars scaled to the
// largest value (or `max`). Returns what the SVG needs, in user units.
export function barChart(items, { value, label, text = (v) => String(v), max = null, width = 520, labelWidth = 150, rowHeight = 22, gap = 6, valueWidth = 96 } = {}) {
  const values = items.map((it) => Number(value(it)) || 0);
  const top = max ?? Math.max(0, ...values);
  const plot = Math.max(10, width - labelWidth - valueWidth);
  const bars = items.map((it, i) => {
    const v = values[i];
    const w = top > 0 ? Math.max(v > 0 ? 2 : 0, Math.round((v / top) * plot)) : 0;
    return {
      index: i,
      label: label(it),
      value: v,
      valueText: text(value(it), it),
      x: labelWidth,
      y: i * (rowHeight + gap),
      w,
      h: rowHeight,
      textX: labelWidth + w + 6,
    };
  });
  return { width, height: Math.max(rowHeight, items.length * (rowHeight + gap) - gap), labelWidth, plot, bars };
}

// The year choices of the annual figures: this year and the nine before.
export function yearChoices(current) {
  return Array.from({ length: 10 }, (_, i) => current - i);
}
