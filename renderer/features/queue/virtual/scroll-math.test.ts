import { describe, expect, it } from 'vitest';
import {
  createGeometry,
  followScroll,
  isScaled,
  MAX_SCROLL_HEIGHT,
  rebase,
  renderWindow,
  revealRow,
  scrollToReveal,
  scrollTopFor,
  virtualTopAt,
  virtualTopOf,
  visibleRows,
  windowSize,
  type ScrollState,
} from './scroll-math';

const ROW = 32;
const VIEW = 640;

describe('scroll maths', () => {
  it('maps 1:1 when the list fits under the cap', () => {
    const g = createGeometry(10_000, ROW, VIEW);
    expect(isScaled(g)).toBe(false);
    expect(g.scrollHeight).toBe(320_000);
    expect(virtualTopAt(g, 12_345)).toBe(12_345);
    expect(scrollTopFor(g, 12_345)).toBe(12_345);
    expect(visibleRows(g, 320, 0)).toEqual({ first: 10, last: 29 });
  });

  it('caps the scroll height for a million rows and still reaches the first and the last row', () => {
    const g = createGeometry(1_000_000, ROW, VIEW);
    expect(isScaled(g)).toBe(true);
    expect(g.scrollHeight).toBe(MAX_SCROLL_HEIGHT);
    expect(virtualTopAt(g, 0)).toBe(0);
    expect(visibleRows(g, virtualTopAt(g, 0)).first).toBe(0);
    expect(virtualTopAt(g, g.maxScrollTop)).toBe(g.maxVirtualTop);
    expect(visibleRows(g, virtualTopAt(g, g.maxScrollTop)).last).toBe(999_999);
    // Beyond the ends clamps rather than overshooting.
    expect(virtualTopAt(g, -50)).toBe(0);
    expect(virtualTopAt(g, g.scrollHeight + 1000)).toBe(g.maxVirtualTop);
  });

  it('is exact near both ends: one wheel tick moves the same rows as in a short list', () => {
    const g = createGeometry(1_000_000, ROW, VIEW);
    expect(virtualTopAt(g, 320)).toBe(320);
    expect(virtualTopAt(g, g.maxScrollTop - 320)).toBe(g.maxVirtualTop - 320);
  });

  it('is continuous and increasing across the zones, and scrollTopFor inverts it', () => {
    const g = createGeometry(1_000_000, ROW, VIEW);
    let previous = -1;
    for (let s = 0; s <= g.maxScrollTop; s += 997) {
      const v = virtualTopAt(g, s);
      expect(v).toBeGreaterThan(previous);
      expect(scrollTopFor(g, v)).toBeCloseTo(s, 6);
      previous = v;
    }
    for (const s of [g.edge - 0.001, g.edge, g.edge + 0.001, g.maxScrollTop - g.edge - 0.001, g.maxScrollTop - g.edge + 0.001]) {
      expect(Math.abs(virtualTopAt(g, s) - virtualTopAt(g, s + 0.001))).toBeLessThan(1);
    }
  });

  it('maps the middle proportionally: half the scroll range is about half the rows', () => {
    const g = createGeometry(1_000_000, ROW, VIEW);
    const middle = visibleRows(g, virtualTopAt(g, g.maxScrollTop / 2)).first;
    expect(middle).toBeGreaterThan(499_000);
    expect(middle).toBeLessThan(501_000);
  });

  it('reveals any row by the smallest move, at any scale', () => {
    const g = createGeometry(1_000_000, ROW, VIEW);
    expect(revealRow(g, 0, 5)).toBe(0);
    expect(revealRow(g, 0, 20)).toBe(21 * ROW - VIEW);
    const deep = 700_000;
    const top = revealRow(g, 0, deep);
    const rows = visibleRows(g, virtualTopAt(g, scrollTopFor(g, top)));
    expect(rows.first).toBeLessThanOrEqual(deep);
    expect(rows.last).toBeGreaterThanOrEqual(deep);
    expect(revealRow(g, top, deep - 30)).toBe((deep - 30) * ROW);
    expect(visibleRows(g, revealRow(g, 0, 999_999)).last).toBe(999_999);
  });

  it('renders the same number of rows wherever the list is, overscan above unless the list starts there', () => {
    const g = createGeometry(1_000_000, ROW, VIEW);
    const size = windowSize(g, 6);
    expect(size).toBe(VIEW / ROW + 1 + 12);
    for (const top of [0, 5, 31, 32, 1000, 123_457, virtualTopAt(g, g.maxScrollTop / 3), g.maxVirtualTop - 1, g.maxVirtualTop]) {
      const range = renderWindow(g, top, 6);
      expect(range.last - range.first + 1).toBe(size);
      const visible = visibleRows(g, top);
      expect(range.first).toBeLessThanOrEqual(visible.first);
      expect(range.last).toBeGreaterThanOrEqual(visible.last);
    }
    expect(renderWindow(g, 1000, 6).first).toBe(Math.floor(1000 / ROW) - 6);
    expect(renderWindow(g, 0, 6)).toEqual({ first: 0, last: size - 1 });
    expect(renderWindow(g, g.maxVirtualTop, 6)).toEqual({ first: 1_000_000 - size, last: 999_999 });
    expect(renderWindow(createGeometry(3, ROW, VIEW), 0, 6)).toEqual({ first: 0, last: 2 });
    expect(renderWindow(createGeometry(0, ROW, VIEW), 0, 6)).toEqual({ first: 0, last: -1 });
  });

  it('renders nothing for an empty list and clamps overscan to the list', () => {
    const g = createGeometry(0, ROW, VIEW);
    expect(visibleRows(g, 0, 5)).toEqual({ first: 0, last: -1 });
    expect(visibleRows(createGeometry(3, ROW, VIEW), 0, 10)).toEqual({ first: 0, last: 2 });
  });
});

describe('scroll state (offset rows, native scrolling)', () => {
  const g = createGeometry(1_000_000, ROW, VIEW);

  it('keeps the offset for a wheel tick in the middle: the rows move 1:1 with the content', () => {
    const start = rebase(g, g.maxScrollTop / 2);
    const next = followScroll(g, start, start.scrollTop + 120);
    expect(next.offset).toBe(start.offset);
    expect(virtualTopOf(next) - virtualTopOf(start)).toBe(120);
  });

  it('re-bases onto the map for a jump (scrollbar drag)', () => {
    const start = rebase(g, g.maxScrollTop / 2);
    const next = followScroll(g, start, start.scrollTop + 100_000);
    expect(virtualTopOf(next)).toBeCloseTo(virtualTopAt(g, start.scrollTop + 100_000), 6);
  });

  it('reaches the first and the last row by wheel from anywhere', () => {
    for (const from of [0.3, 0.5, 0.9]) {
      let state: ScrollState = rebase(g, g.maxScrollTop * from);
      while (state.scrollTop < g.maxScrollTop) state = followScroll(g, state, state.scrollTop + 120);
      expect(virtualTopOf(state)).toBe(g.maxVirtualTop);
      expect(visibleRows(g, virtualTopOf(state)).last).toBe(999_999);
      while (state.scrollTop > 0) state = followScroll(g, state, state.scrollTop - 120);
      expect(virtualTopOf(state)).toBe(0);
    }
  });

  it('never shows a position outside the list', () => {
    let state: ScrollState = rebase(g, g.edge + 10);
    state = { ...state, offset: g.maxVirtualTop };
    state = followScroll(g, state, state.scrollTop + 50);
    expect(virtualTopOf(state)).toBeLessThanOrEqual(g.maxVirtualTop);
    expect(virtualTopOf(state)).toBeGreaterThanOrEqual(0);
  });

  it('reveals a row: 1:1 for a short move, on the map for a long one, nothing when it shows', () => {
    const start = rebase(g, g.maxScrollTop / 2);
    const first = Math.ceil(virtualTopOf(start) / ROW);
    expect(scrollToReveal(g, start, first + 2)).toBeNull();
    const down = scrollToReveal(g, start, first + 25)!;
    expect(down.offset).toBe(start.offset);
    expect(visibleRows(g, virtualTopOf(down)).last).toBe(first + 25);
    const end = scrollToReveal(g, start, 999_999)!;
    expect(end.scrollTop).toBe(g.maxScrollTop);
    expect(visibleRows(g, virtualTopOf(end)).last).toBe(999_999);
    const top = scrollToReveal(g, end, 0)!;
    expect(top).toEqual({ scrollTop: 0, offset: 0 });
  });

  it('does not scale a list that fits', () => {
    const small = createGeometry(1000, ROW, VIEW);
    expect(followScroll(small, { scrollTop: 0, offset: 0 }, 5000)).toEqual({ scrollTop: 5000, offset: 0 });
    expect(scrollToReveal(small, { scrollTop: 0, offset: 0 }, 500)).toEqual({ scrollTop: 501 * ROW - VIEW, offset: 0 });
  });
});
