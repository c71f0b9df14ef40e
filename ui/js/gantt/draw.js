// Drawing the timeline on canvas: only the visible rows and days, from the
// model's precomputed arrays, once per frame. The caller passes a `view`:
//   { model, rows, linkIndex, cal, ppd, origin, scrollLeft, scrollTop,
//     width, height, zoomId, selected, hover, critical, matchMask, showLabels }
// where selected/hover are task indices (-1 for none).

import { NO_DAY } from './days.js';
import { KIND_MILESTONE, TONE_OVERDUE, TONE_DUE_SOON } from './model.js';
import { routeLink, arrowDirection } from './route.js';
import { headerCells, visibleDays, visibleRange, zoomById } from './scale.js';
import { COLORS, FONT, FONT_BOLD, FONT_FAMILY, FONT_SMALL, HEADER_HEIGHT, ROW_HEIGHT, TIER_HEIGHT, TONES } from './theme.js';

const MILESTONE_HALF = 6.5;

// x of the start of a day, in viewport pixels.
export function dayX(view, day) {
  return (day - view.origin) * view.ppd - view.scrollLeft;
}

// The bar of task i drawn on row `row`: {x0, x1, y (centre), top, height,
// shape: 'bar' | 'summary' | 'milestone'}, or null when it has no dates.
export function barGeometry(view, i, row) {
  const { model } = view;
  const s = model.start[i];
  if (s === NO_DAY) return null;
  const rowTop = row * ROW_HEIGHT - view.scrollTop;
  const withBaseline = model.hasBaseline;
  if (model.kind[i] === KIND_MILESTONE && !model.summary[i]) {
    const cx = dayX(view, s) + Math.min(view.ppd / 2, 10);
    const cy = rowTop + (withBaseline ? 12 : ROW_HEIGHT / 2);
    return { x0: cx - MILESTONE_HALF, x1: cx + MILESTONE_HALF, y: cy, top: cy - MILESTONE_HALF, height: MILESTONE_HALF * 2, shape: 'milestone' };
  }
  const x0 = dayX(view, s);
  const x1 = Math.max(x0 + 2, dayX(view, model.finish[i] + 1));
  if (model.summary[i]) {
    const top = rowTop + (withBaseline ? 6 : 9);
    return { x0, x1, y: top + 3, top, height: 6, shape: 'summary' };
  }
  const top = rowTop + (withBaseline ? 5 : 7);
  const height = withBaseline ? 13 : 14;
  return { x0, x1, y: top + height / 2, top, height, shape: 'bar' };
}

function setupCanvas(ctx, view) {
  const dpr = view.dpr || 1;
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
}

function roundRect(ctx, x, y, w, h, r) {
  const rr = Math.min(r, w / 2, h / 2);
  ctx.moveTo(x + rr, y);
  ctx.lineTo(x + w - rr, y);
  ctx.quadraticCurveTo(x + w, y, x + w, y + rr);
  ctx.lineTo(x + w, y + h - rr);
  ctx.quadraticCurveTo(x + w, y + h, x + w - rr, y + h);
  ctx.lineTo(x + rr, y + h);
  ctx.quadraticCurveTo(x, y + h, x, y + h - rr);
  ctx.lineTo(x, y + rr);
  ctx.quadraticCurveTo(x, y, x + rr, y);
}

// Clamp drawing coordinates: canvas paths with huge numbers are slow.
const clampX = (x, width) => Math.max(-50, Math.min(width + 50, x));

export function visibleRows(view) {
  return visibleRange(view.scrollTop, view.height, ROW_HEIGHT, view.rows.count, 0);
}

// ---------- the body ----------

export function drawBody(ctx, view) {
  const { model, rows, width, height, ppd } = view;
  setupCanvas(ctx, view);
  ctx.fillStyle = COLORS.background;
  ctx.fillRect(0, 0, width, height);
  const [r0, r1] = visibleRows(view);
  const [d0, d1] = visibleDays(view.origin, view.scrollLeft, width, ppd);
  const stats = { rows: 0, links: 0, bars: 0 };

  // Row bands: selection, search matches.
  for (let r = r0; r <= r1; r++) {
    const i = rows.rowTask[r];
    const y = r * ROW_HEIGHT - view.scrollTop;
    let band = null;
    if (i === view.selected) band = COLORS.selectedRow;
    else if (view.matchMask && view.matchMask[i]) band = COLORS.matchRow;
    else if (i === view.hover) band = COLORS.hoverRow;
    if (band) {
      ctx.fillStyle = band;
      ctx.fillRect(0, y, width, ROW_HEIGHT);
    }
  }

  // Non-working days, when a day is wide enough to see.
  if (ppd >= 3) {
    const runs = view.cal.nonWorkingRuns(d0, d1);
    for (let k = 0; k < runs.length; k += 2) {
      const a = runs[k];
      const b = runs[k + 1];
      const x0 = Math.round(dayX(view, a));
      const x1 = Math.round(dayX(view, b + 1));
      // A statutory holiday is tinted apart from an ordinary weekend.
      let holiday = false;
      for (let d = a; d <= b && !holiday; d++) holiday = view.cal.kindOf(d) === 'holiday';
      ctx.fillStyle = holiday ? COLORS.holiday : COLORS.nonWorking;
      ctx.fillRect(x0, 0, x1 - x0, height);
    }
  }

  // Grid lines at the scale's units.
  const zoom = zoomById(view.zoomId);
  const cells = headerCells(view.zoomId, d0, d1);
  ctx.beginPath();
  for (const cell of cells.bottom) {
    const x = Math.round(dayX(view, cell.start)) + 0.5;
    ctx.moveTo(x, 0);
    ctx.lineTo(x, height);
  }
  ctx.strokeStyle = zoom.bottom === 'day' ? COLORS.rowLine : COLORS.gridMinor;
  ctx.lineWidth = 1;
  ctx.stroke();
  ctx.beginPath();
  for (const cell of cells.top) {
    const x = Math.round(dayX(view, cell.start)) + 0.5;
    ctx.moveTo(x, 0);
    ctx.lineTo(x, height);
  }
  ctx.strokeStyle = COLORS.gridMajor;
  ctx.stroke();

  // Row lines.
  ctx.beginPath();
  for (let r = r0; r <= r1; r++) {
    const y = Math.round((r + 1) * ROW_HEIGHT - view.scrollTop) - 0.5;
    ctx.moveTo(0, y);
    ctx.lineTo(width, y);
  }
  ctx.strokeStyle = COLORS.rowLine;
  ctx.stroke();

  // Today.
  if (model.today !== NO_DAY) {
    const x = Math.round(dayX(view, model.today) + Math.min(ppd / 2, 12)) + 0.5;
    if (x >= 0 && x <= width) {
      ctx.beginPath();
      ctx.moveTo(x, 0);
      ctx.lineTo(x, height);
      ctx.strokeStyle = COLORS.today;
      ctx.lineWidth = 1.5;
      ctx.stroke();
      ctx.lineWidth = 1;
    }
  }

  // Baselines under the bars.
  if (model.hasBaseline) {
    ctx.fillStyle = COLORS.baseline;
    for (let r = r0; r <= r1; r++) {
      const i = rows.rowTask[r];
      const bs = model.blStart[i];
      if (bs === NO_DAY) continue;
      const x0 = clampX(dayX(view, bs), width);
      const x1 = clampX(dayX(view, model.blFinish[i] + 1), width);
      const y = r * ROW_HEIGHT - view.scrollTop + 20;
      if (model.kind[i] === KIND_MILESTONE && !model.summary[i]) {
        const cx = dayX(view, bs) + Math.min(ppd / 2, 10);
        ctx.beginPath();
        ctx.moveTo(cx, y - 1);
        ctx.lineTo(cx + 4, y + 3);
        ctx.lineTo(cx, y + 7);
        ctx.lineTo(cx - 4, y + 3);
        ctx.closePath();
        ctx.fill();
      } else {
        ctx.fillRect(x0, y, Math.max(2, x1 - x0), 4);
      }
    }
  }

  stats.links = drawLinks(ctx, view, r0, r1);
  stats.bars = drawBars(ctx, view, r0, r1);
  stats.rows = r1 - r0 + 1;
  return stats;
}

function drawLinks(ctx, view, r0, r1) {
  const { model, rows, width } = view;
  if (!view.linkIndex || model.linkCount === 0) return 0;
  const { linkPred, linkSucc, linkKind, linkCritical } = model;
  const normal = [];
  const through = [];
  const strong = [];
  const critical = [];
  const { linkRow } = rows;
  // Links reaching far beyond the viewport are found too: the index knows
  // every link crossing rows r0..r1.
  view.linkIndex.query(r0, r1, (k) => {
    const p = linkPred[k];
    const s = linkSucc[k];
    if (p === view.selected || s === view.selected) strong.push(k);
    else if (view.critical && linkCritical[k]) critical.push(k);
    else {
      // Links only passing through the view (both ends off screen) stay faint.
      const a = linkRow[p];
      const b = linkRow[s];
      if ((a < r0 || a > r1) && (b < r0 || b > r1)) through.push(k);
      else normal.push(k);
    }
  });
  const geometry = (k) => {
    const p = linkPred[k];
    const s = linkSucc[k];
    const a = barGeometry(view, p, rows.linkRow[p]);
    const b = barGeometry(view, s, rows.linkRow[s]);
    if (!a || !b) return null;
    return routeLink(linkKind[k], a, b, { stub: 8, rowHeight: ROW_HEIGHT });
  };
  const stroke = (list, color, lineWidth, alpha) => {
    if (list.length === 0) return;
    ctx.globalAlpha = alpha;
    ctx.beginPath();
    const heads = [];
    for (const k of list) {
      const pts = geometry(k);
      if (!pts) continue;
      // Skip links wholly left or right of the viewport.
      let minX = Infinity;
      let maxX = -Infinity;
      for (let j = 0; j < pts.length; j += 2) {
        if (pts[j] < minX) minX = pts[j];
        if (pts[j] > maxX) maxX = pts[j];
      }
      if (maxX < -10 || minX > width + 10) continue;
      ctx.moveTo(Math.round(clampX(pts[0], width)) + 0.5, Math.round(pts[1]) + 0.5);
      for (let j = 2; j < pts.length; j += 2) ctx.lineTo(Math.round(clampX(pts[j], width)) + 0.5, Math.round(pts[j + 1]) + 0.5);
      heads.push(pts[pts.length - 2], pts[pts.length - 1], arrowDirection(pts));
    }
    ctx.strokeStyle = color;
    ctx.lineWidth = lineWidth;
    ctx.stroke();
    ctx.beginPath();
    for (let j = 0; j < heads.length; j += 3) {
      const x = Math.round(heads[j]) + 0.5;
      const y = Math.round(heads[j + 1]) + 0.5;
      const dir = heads[j + 2];
      ctx.moveTo(x, y);
      ctx.lineTo(x - dir * 6, y - 3.5);
      ctx.lineTo(x - dir * 6, y + 3.5);
      ctx.closePath();
    }
    ctx.fillStyle = color;
    ctx.fill();
    ctx.globalAlpha = 1;
    ctx.lineWidth = 1;
  };
  stroke(through, COLORS.link, 1, 0.3);
  stroke(normal, COLORS.link, 1, view.critical ? 0.35 : 1);
  stroke(critical, COLORS.critical, 1.5, 1);
  stroke(strong, COLORS.linkSelected, 1.5, 1);
  return normal.length + through.length + critical.length + strong.length;
}

function drawDeadline(ctx, view, i, rowTop) {
  const { model } = view;
  const dl = model.deadline[i];
  if (dl === NO_DAY) return;
  const x = Math.round(dayX(view, dl + 1)) + 0.5;
  if (x < -10 || x > view.width + 10) return;
  const tone = model.tone[i];
  const color = tone === TONE_OVERDUE ? TONES[TONE_OVERDUE].line : tone === TONE_DUE_SOON ? TONES[TONE_DUE_SOON].line : COLORS.deadline;
  ctx.strokeStyle = color;
  ctx.fillStyle = color;
  ctx.lineWidth = 1;
  ctx.beginPath();
  ctx.moveTo(x, rowTop + 3);
  ctx.lineTo(x, rowTop + ROW_HEIGHT - 4);
  ctx.stroke();
  ctx.beginPath();
  ctx.moveTo(x - 4, rowTop + 2);
  ctx.lineTo(x + 4, rowTop + 2);
  ctx.lineTo(x, rowTop + 7);
  ctx.closePath();
  ctx.fill();
}

function drawBars(ctx, view, r0, r1) {
  const { model, rows, width } = view;
  const critMode = view.critical;
  let drawn = 0;
  ctx.font = FONT;
  ctx.textBaseline = 'middle';
  for (let r = r0; r <= r1; r++) {
    const i = rows.rowTask[r];
    const rowTop = r * ROW_HEIGHT - view.scrollTop;
    const g = barGeometry(view, i, r);
    drawDeadline(ctx, view, i, rowTop);
    if (!g) continue;
    if (g.x1 < -20 || g.x0 > width + 400) continue;
    drawn += 1;
    const dim = critMode && !model.critical[i] && !model.summary[i];
    ctx.globalAlpha = dim ? 0.4 : 1;
    const tone = TONES[model.tone[i]];
    const x0 = clampX(g.x0, width);
    const x1 = clampX(g.x1, width);
    if (g.shape === 'summary') {
      ctx.fillStyle = COLORS.summary;
      ctx.beginPath();
      ctx.rect(x0, g.top, Math.max(1, x1 - x0), g.height);
      // The bracket ends.
      if (g.x0 >= -10) {
        ctx.moveTo(g.x0, g.top + g.height);
        ctx.lineTo(g.x0 + 5, g.top + g.height);
        ctx.lineTo(g.x0, g.top + g.height + 5);
        ctx.closePath();
      }
      if (g.x1 <= width + 10) {
        ctx.moveTo(g.x1, g.top + g.height);
        ctx.lineTo(g.x1 - 5, g.top + g.height);
        ctx.lineTo(g.x1, g.top + g.height + 5);
        ctx.closePath();
      }
      ctx.fill();
    } else if (g.shape === 'milestone') {
      const cx = (g.x0 + g.x1) / 2;
      ctx.beginPath();
      ctx.moveTo(cx, g.y - MILESTONE_HALF);
      ctx.lineTo(cx + MILESTONE_HALF, g.y);
      ctx.lineTo(cx, g.y + MILESTONE_HALF);
      ctx.lineTo(cx - MILESTONE_HALF, g.y);
      ctx.closePath();
      ctx.fillStyle = model.tone[i] === 0 ? COLORS.summary : tone.solid;
      ctx.fill();
      if (critMode && model.critical[i]) {
        ctx.strokeStyle = COLORS.critical;
        ctx.lineWidth = 2;
        ctx.stroke();
        ctx.lineWidth = 1;
      }
    } else {
      const w = Math.max(2, x1 - x0);
      ctx.beginPath();
      roundRect(ctx, x0 + 0.5, g.top + 0.5, w - 1, g.height - 1, 2);
      ctx.fillStyle = tone.light;
      ctx.fill();
      const p = model.progress[i];
      if (p > 0) {
        const pw = ((g.x1 - g.x0) * p) / 100;
        const px1 = clampX(g.x0 + pw, width);
        if (px1 > x0) {
          ctx.save();
          ctx.clip();
          ctx.fillStyle = tone.solid;
          ctx.fillRect(x0, g.top, px1 - x0, g.height);
          ctx.restore();
        }
      }
      ctx.strokeStyle = critMode && model.critical[i] ? COLORS.critical : tone.line;
      ctx.lineWidth = critMode && model.critical[i] ? 2 : 1;
      ctx.stroke();
      ctx.lineWidth = 1;
      // Overdue work: a dotted line from the planned finish to today.
      if (model.tone[i] === TONE_OVERDUE && model.finish[i] < model.today) {
        const tx = dayX(view, model.today) + Math.min(view.ppd / 2, 12);
        if (tx > g.x1 + 2) {
          ctx.save();
          ctx.setLineDash([2, 3]);
          ctx.strokeStyle = tone.line;
          ctx.beginPath();
          ctx.moveTo(clampX(g.x1 + 2, width), Math.round(g.y) + 0.5);
          ctx.lineTo(clampX(tx, width), Math.round(g.y) + 0.5);
          ctx.stroke();
          ctx.restore();
        }
      }
    }
    if (i === view.selected) {
      ctx.globalAlpha = 1;
      ctx.strokeStyle = COLORS.selection;
      ctx.lineWidth = 2;
      ctx.beginPath();
      if (g.shape === 'milestone') {
        const cx = (g.x0 + g.x1) / 2;
        const h = MILESTONE_HALF + 3;
        ctx.moveTo(cx, g.y - h);
        ctx.lineTo(cx + h, g.y);
        ctx.lineTo(cx, g.y + h);
        ctx.lineTo(cx - h, g.y);
        ctx.closePath();
      } else {
        roundRect(ctx, x0 - 2, g.top - 2, Math.max(2, x1 - x0) + 4, g.height + 4 + (g.shape === 'summary' ? 5 : 0), 3);
      }
      ctx.stroke();
      ctx.lineWidth = 1;
    }
    // The task's name to the right of its bar.
    if (view.showLabels !== false && g.x1 > -4) {
      const lx = g.x1 + (g.shape === 'milestone' ? 5 : 6);
      if (lx < width) {
        const t = model.tasks[i];
        ctx.fillStyle = model.summary[i] ? COLORS.summary : COLORS.label;
        ctx.font = model.summary[i] ? FONT_BOLD : FONT;
        const text = t.name.length > 28 ? `${t.name.slice(0, 27)}…` : t.name;
        ctx.fillText(text, lx, Math.round(rowTop + ROW_HEIGHT / 2) + (model.hasBaseline ? -3 : 0));
      }
    }
    ctx.globalAlpha = 1;
  }
  ctx.font = FONT;
  return drawn;
}

// ---------- the header ----------

const labelWidths = new Map();
function textWidth(ctx, text) {
  const key = `${ctx.font}|${text}`;
  let w = labelWidths.get(key);
  if (w === undefined) {
    w = ctx.measureText(text).width;
    if (labelWidths.size > 5000) labelWidths.clear();
    labelWidths.set(key, w);
  }
  return w;
}

function fitLabel(ctx, labels, room) {
  for (const label of labels) if (textWidth(ctx, label) + 6 <= room) return label;
  return null;
}

export function drawHeader(ctx, view) {
  const { width, ppd, model } = view;
  setupCanvas(ctx, view);
  ctx.fillStyle = COLORS.headerBg;
  ctx.fillRect(0, 0, width, HEADER_HEIGHT);
  const [d0, d1] = visibleDays(view.origin, view.scrollLeft, width, ppd);
  const cells = headerCells(view.zoomId, d0, d1);
  const zoom = zoomById(view.zoomId);
  ctx.textBaseline = 'middle';

  // Non-working days in the day scale.
  if (zoom.bottom === 'day') {
    for (const cell of cells.bottom) {
      if (view.cal.isWorking(cell.start)) continue;
      const x0 = Math.round(dayX(view, cell.start));
      ctx.fillStyle = view.cal.kindOf(cell.start) === 'holiday' ? COLORS.holiday : COLORS.nonWorking;
      ctx.fillRect(x0, TIER_HEIGHT, Math.round(dayX(view, cell.end)) - x0, TIER_HEIGHT);
    }
  }

  ctx.beginPath();
  // Top tier: labels stick to the left edge while their cell is in view.
  ctx.font = FONT_BOLD;
  ctx.fillStyle = COLORS.headerTop;
  for (const cell of cells.top) {
    const x0 = dayX(view, cell.start);
    const x1 = dayX(view, cell.end);
    const xl = Math.round(x0) + 0.5;
    ctx.moveTo(xl, 0);
    ctx.lineTo(xl, HEADER_HEIGHT);
    const left = Math.max(x0, 0);
    const label = fitLabel(ctx, cell.labels, x1 - left);
    if (label) ctx.fillText(label, Math.round(left + 6), TIER_HEIGHT / 2 + 1);
  }
  // Bottom tier: centred labels.
  ctx.font = zoom.bottom === 'day' ? FONT_SMALL : FONT;
  ctx.textAlign = 'center';
  for (const cell of cells.bottom) {
    const x0 = dayX(view, cell.start);
    const x1 = dayX(view, cell.end);
    const xl = Math.round(x0) + 0.5;
    ctx.moveTo(xl, TIER_HEIGHT);
    ctx.lineTo(xl, HEADER_HEIGHT);
    const label = fitLabel(ctx, cell.labels, x1 - x0);
    if (!label) continue;
    const off = zoom.bottom === 'day' && !view.cal.isWorking(cell.start);
    // A make-up working day (调休上班) carries a small 班 beside its number.
    const makeup = zoom.bottom === 'day' && x1 - x0 >= 20 && view.cal.kindOf(cell.start) === 'makeup';
    ctx.fillStyle = off ? COLORS.headerWeekend : COLORS.headerText;
    ctx.fillText(label, Math.round(makeup ? x0 + (x1 - x0) * 0.36 : (x0 + x1) / 2), TIER_HEIGHT + TIER_HEIGHT / 2 + 1);
    if (makeup) {
      ctx.fillStyle = COLORS.today;
      ctx.font = `9px ${FONT_FAMILY}`;
      ctx.fillText('班', Math.round(x1 - 6), TIER_HEIGHT + TIER_HEIGHT / 2 + 1);
      ctx.font = FONT_SMALL;
    }
  }
  ctx.textAlign = 'left';
  ctx.moveTo(0, TIER_HEIGHT + 0.5);
  ctx.lineTo(width, TIER_HEIGHT + 0.5);
  ctx.moveTo(0, HEADER_HEIGHT - 0.5);
  ctx.lineTo(width, HEADER_HEIGHT - 0.5);
  ctx.strokeStyle = COLORS.headerLine;
  ctx.lineWidth = 1;
  ctx.stroke();

  // Today's mark.
  if (model.today !== NO_DAY) {
    const x = Math.round(dayX(view, model.today) + Math.min(ppd / 2, 12)) + 0.5;
    if (x >= 0 && x <= width) {
      ctx.fillStyle = COLORS.today;
      ctx.beginPath();
      ctx.moveTo(x - 5, HEADER_HEIGHT - 6);
      ctx.lineTo(x + 5, HEADER_HEIGHT - 6);
      ctx.lineTo(x, HEADER_HEIGHT);
      ctx.closePath();
      ctx.fill();
    }
  }
}
