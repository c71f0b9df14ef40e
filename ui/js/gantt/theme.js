// Sizes and colours of the chart. The palette carries meaning (ui.md): red
// overdue, amber due soon, green done, grey closed, blue selection and
// links; normal work is a calm slate.

export const ROW_HEIGHT = 28;
export const HEADER_HEIGHT = 48;
export const TIER_HEIGHT = 24;

export const FONT_FAMILY = '"Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", sans-serif';
export const FONT = `12px ${FONT_FAMILY}`;
export const FONT_BOLD = `600 12px ${FONT_FAMILY}`;
export const FONT_SMALL = `11px ${FONT_FAMILY}`;

// Per tone (model.js TONE_*): the unfinished part, the finished part and the outline.
export const TONES = [
  { light: '#d5dde8', solid: '#5f7894', line: '#5f7894' }, // normal
  { light: '#fbe6bd', solid: '#cc8a0a', line: '#b87900' }, // due soon
  { light: '#f6d3cf', solid: '#c8392e', line: '#b3261e' }, // overdue
  { light: '#d3eadb', solid: '#3f9a59', line: '#2f8447' }, // done
  { light: '#e1e3e7', solid: '#a2a8b0', line: '#9098a1' }, // closed
];

export const COLORS = {
  background: '#ffffff',
  rowLine: '#f0f1f4',
  gridMinor: '#eef0f3',
  gridMajor: '#dde1e7',
  nonWorking: '#f1f3f6',
  holiday: '#f5f0ea',
  selectedRow: '#e7effa',
  hoverRow: '#f6f8fb',
  matchRow: '#fff4c2',
  summary: '#3d4857',
  baseline: '#aab0b9',
  link: '#8094b4',
  linkSelected: '#1a5cb0',
  critical: '#b0287d',
  today: '#e8731a',
  selection: '#1a5cb0',
  label: '#4b525c',
  labelDim: '#80868f',
  deadline: '#8a9199',
  headerBg: '#f7f8fa',
  headerText: '#4b525c',
  headerTop: '#1f2329',
  headerWeekend: '#9aa0a8',
  headerLine: '#dcdfe5',
  ghost: 'rgba(26, 92, 176, 0.22)',
  ghostLine: '#1a5cb0',
};
