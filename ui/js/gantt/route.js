// Link arrows as orthogonal polylines, the way planning tools draw them.
//   FS: predecessor's finish → successor's start
//   SS: start → start      FF: finish → finish      SF: start → finish
// The line leaves the predecessor's end horizontally, turns, and enters the
// successor's end horizontally with the arrowhead pointing into the bar.
// When the direct way would run backwards through a bar, the line drops to
// the gap between the rows and comes round.
//
// routeLink(kind, pred, succ, options) → [x0, y0, x1, y1, …]; pred and succ
// are {x0, x1, y} (bar's left and right edge, row centre, px). The last
// segment ends at the successor's edge; its direction gives the arrowhead's.

export const LINK_FS = 0;
export const LINK_SS = 1;
export const LINK_FF = 2;
export const LINK_SF = 3;

// The least horizontal room for a turn between two bars.
const MIN_GAP = 12;

export function routeLink(kind, pred, succ, { stub = 8, rowHeight = 28 } = {}) {
  const fromStart = kind === LINK_SS || kind === LINK_SF;
  const toStart = kind === LINK_FS || kind === LINK_SS;
  const ax = fromStart ? pred.x0 : pred.x1;
  const ay = pred.y;
  const bx = toStart ? succ.x0 : succ.x1;
  const by = succ.y;
  // Leave outwards from the end the link starts at, enter from outside the
  // end it goes to.
  const outX = fromStart ? ax - stub : ax + stub;
  const inX = toStart ? bx - stub : bx + stub;
  const down = by >= ay ? 1 : -1;
  // The gap between the two rows, just next to the successor's row.
  const gapY = by - (down * rowHeight) / 2;

  if (kind === LINK_SS) {
    const x = Math.min(outX, inX);
    return [ax, ay, x, ay, x, by, bx, by];
  }
  if (kind === LINK_FF) {
    const x = Math.max(outX, inX);
    return [ax, ay, x, ay, x, by, bx, by];
  }
  if (kind === LINK_FS) {
    // Room to turn between the two bars: go straight across.
    const gap = bx - ax;
    if (gap >= MIN_GAP) {
      const x = ax + Math.min(stub, gap - MIN_GAP / 2);
      return [ax, ay, x, ay, x, by, bx, by];
    }
    return [ax, ay, outX, ay, outX, gapY, inX, gapY, inX, by, bx, by];
  }
  // SF: from the predecessor's start, into the successor's finish from the right.
  const gap = ax - bx;
  if (gap >= MIN_GAP) {
    const x = ax - Math.min(stub, gap - MIN_GAP / 2);
    return [ax, ay, x, ay, x, by, bx, by];
  }
  return [ax, ay, outX, ay, outX, gapY, inX, gapY, inX, by, bx, by];
}

// Direction of the arrowhead at the end of a route: +1 points right, -1 left.
export function arrowDirection(points) {
  const n = points.length;
  return points[n - 2] >= points[n - 4] ? 1 : -1;
}
