/**
 * Scaled scrolling for lists taller than a browser lets an element be.
 *
 * Chromium clamps an element's height near 16.7M px (Firefox lower), so a million 32 px rows (32M px) cannot
 * be laid out 1:1: a plain virtual list (including @tanstack/react-virtual, which sizes its container to
 * count × rowHeight and keeps one measurement object per row) stops being able to scroll past roughly the
 * 500,000th row. Here the DOM scroll height is capped and a scroll position maps onto a "virtual" position
 * in the full-height list:
 *
 *   - within `edge` px of either end the map is 1:1, so a wheel tick near the top or bottom moves by the
 *     same few rows as in a short list, and the first and last rows are reached exactly;
 *   - in between it is linear with slope (virtual span / scroll span) > 1.
 *
 * The map is continuous and strictly increasing, so it has an inverse (used when the keyboard jumps: the
 * list picks the virtual top, then the scrollbar position that shows it).
 *
 * Rows sit in the scroll content at `index × rowHeight − offset`, so the browser moves them itself while
 * the offset stays put (composited scrolling; no script or repaint per frame). `followScroll` keeps the
 * offset for small scrolls (a wheel tick, a key) and re-bases it onto the map for jumps (scrollbar drag,
 * G, g g) and inside the 1:1 end zones, where the re-based offset is constant: the first and last rows are
 * always reached, and the wheel moves the rows exactly with the pointer everywhere.
 */
export const MAX_SCROLL_HEIGHT = 8_000_000;
export const EDGE_PX = 200_000;

export interface ScrollGeometry {
  rowCount: number;
  rowHeight: number;
  viewportHeight: number;
  /** Full list height: rowCount × rowHeight. */
  virtualHeight: number;
  /** The height the DOM scroller gets (≤ MAX_SCROLL_HEIGHT). */
  scrollHeight: number;
  maxVirtualTop: number;
  maxScrollTop: number;
  /** Width of the 1:1 zone at each end; 0 when the list is not scaled. */
  edge: number;
}

export function createGeometry(
  rowCount: number,
  rowHeight: number,
  viewportHeight: number,
  maxScrollHeight = MAX_SCROLL_HEIGHT,
  edgePx = EDGE_PX,
): ScrollGeometry {
  const virtualHeight = Math.max(0, rowCount) * rowHeight;
  const scrollHeight = Math.min(virtualHeight, maxScrollHeight);
  const maxVirtualTop = Math.max(0, virtualHeight - viewportHeight);
  const maxScrollTop = Math.max(0, scrollHeight - viewportHeight);
  const scaled = virtualHeight > scrollHeight;
  // A quarter of the scroll span at most per end, so the middle zone always has room to compress.
  const edge = scaled ? Math.min(edgePx, maxScrollTop / 4) : 0;
  return { rowCount, rowHeight, viewportHeight, virtualHeight, scrollHeight, maxVirtualTop, maxScrollTop, edge };
}

export function isScaled(g: ScrollGeometry): boolean {
  return g.virtualHeight > g.scrollHeight;
}

const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value));

/** DOM scrollTop -> virtual top (px into the full list). */
export function virtualTopAt(g: ScrollGeometry, scrollTop: number): number {
  const s = clamp(scrollTop, 0, g.maxScrollTop);
  if (!isScaled(g)) return s;
  if (s <= g.edge) return s;
  if (s >= g.maxScrollTop - g.edge) return g.maxVirtualTop - (g.maxScrollTop - s);
  const slope = (g.maxVirtualTop - 2 * g.edge) / (g.maxScrollTop - 2 * g.edge);
  return g.edge + (s - g.edge) * slope;
}

/** Virtual top -> the DOM scrollTop that shows it (inverse of virtualTopAt). */
export function scrollTopFor(g: ScrollGeometry, virtualTop: number): number {
  const v = clamp(virtualTop, 0, g.maxVirtualTop);
  if (!isScaled(g)) return v;
  if (v <= g.edge) return v;
  if (v >= g.maxVirtualTop - g.edge) return g.maxScrollTop - (g.maxVirtualTop - v);
  const slope = (g.maxVirtualTop - 2 * g.edge) / (g.maxScrollTop - 2 * g.edge);
  return g.edge + (v - g.edge) / slope;
}

export interface RowRange {
  /** First and last row index to render (inclusive), overscan included. */
  first: number;
  last: number;
}

/** Rows that intersect the viewport at `virtualTop`, plus `overscan` rows each side. */
export function visibleRows(g: ScrollGeometry, virtualTop: number, overscan = 0): RowRange {
  if (g.rowCount === 0) return { first: 0, last: -1 };
  const top = clamp(virtualTop, 0, g.maxVirtualTop);
  const first = Math.floor(top / g.rowHeight);
  const last = Math.ceil((top + g.viewportHeight) / g.rowHeight) - 1;
  return { first: Math.max(0, first - overscan), last: Math.min(g.rowCount - 1, last + overscan) };
}

/** Rows rendered around the viewport: as many as can show at once plus `overscan` each side. */
export function windowSize(g: ScrollGeometry, overscan: number): number {
  return Math.min(g.rowCount, Math.ceil(g.viewportHeight / g.rowHeight) + 1 + 2 * overscan);
}

/**
 * The rows to render at `virtualTop`: always `windowSize` consecutive rows (all of a shorter list), from
 * `overscan` rows above the first visible one; at either end of the list the window stops at the end and
 * reaches further the other way. The count never changes while the list is scrolled, so the grid can hand
 * each row element on to the next position that comes into view.
 */
export function renderWindow(g: ScrollGeometry, virtualTop: number, overscan: number): RowRange {
  const size = windowSize(g, overscan);
  if (size === 0) return { first: 0, last: -1 };
  const top = clamp(virtualTop, 0, g.maxVirtualTop);
  const first = clamp(Math.floor(top / g.rowHeight) - overscan, 0, g.rowCount - size);
  return { first, last: first + size - 1 };
}

/** The smallest change to `virtualTop` that shows row `index` whole (keyboard moves are by row at any scale). */
export function revealRow(g: ScrollGeometry, virtualTop: number, index: number): number {
  const rowTop = index * g.rowHeight;
  const rowBottom = rowTop + g.rowHeight;
  if (rowTop < virtualTop) return clamp(rowTop, 0, g.maxVirtualTop);
  if (rowBottom > virtualTop + g.viewportHeight) return clamp(rowBottom - g.viewportHeight, 0, g.maxVirtualTop);
  return virtualTop;
}

/** Where the scroller is, and the offset of the rows in its content: virtual top = scrollTop + offset. */
export interface ScrollState {
  scrollTop: number;
  offset: number;
}

export function virtualTopOf(state: ScrollState): number {
  return state.scrollTop + state.offset;
}

/** The state that puts `scrollTop` exactly on the map. */
export function rebase(g: ScrollGeometry, scrollTop: number): ScrollState {
  const s = clamp(scrollTop, 0, g.maxScrollTop);
  return { scrollTop: s, offset: virtualTopAt(g, s) - s };
}

/** The state after the scroller moved to `scrollTop` (see the comment at the top). */
export function followScroll(g: ScrollGeometry, previous: ScrollState, scrollTop: number): ScrollState {
  if (!isScaled(g)) return { scrollTop: clamp(scrollTop, 0, g.maxScrollTop), offset: 0 };
  const s = clamp(scrollTop, 0, g.maxScrollTop);
  const jump = Math.abs(s - previous.scrollTop) > g.viewportHeight;
  if (jump || s <= g.edge || s >= g.maxScrollTop - g.edge) return rebase(g, s);
  return { scrollTop: s, offset: clamp(previous.offset, -s, g.maxVirtualTop - s) };
}

/**
 * The state that shows row `index` whole, or null when it already shows. A short move scrolls 1:1 (the
 * rows slide like any list); a long one re-bases onto the map, so the scrollbar tells where the row is.
 */
export function scrollToReveal(g: ScrollGeometry, state: ScrollState, index: number): ScrollState | null {
  const current = virtualTopOf(state);
  const target = revealRow(g, current, index);
  if (target === current) return null;
  if (!isScaled(g)) return { scrollTop: target, offset: 0 };
  const s = state.scrollTop + (target - current);
  if (Math.abs(target - current) <= g.viewportHeight && s > g.edge && s < g.maxScrollTop - g.edge) return { scrollTop: s, offset: state.offset };
  const scrollTop = scrollTopFor(g, target);
  return { scrollTop, offset: target - scrollTop };
}
