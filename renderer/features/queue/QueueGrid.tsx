import { useEffect, useId, useLayoutEffect, useMemo, useRef, useState, type CSSProperties, type MouseEvent } from 'react';
import { formatCount } from '../../lib/format';
import { QueueGridHead } from './QueueGridHead';
import { QueueRowView, ROW_HEIGHT, rowId } from './QueueRowView';
import { columnLayout, selectColumnWidths, useLayoutStore } from './layout-store';
import {
  getQueueRow,
  selectFocusedIndex,
  selectQueueTotal,
  selectRevealTick,
  selectRowsVersion,
  selectSelection,
  useQueueStore,
} from './queue-store';
import {
  createGeometry,
  followScroll,
  renderWindow,
  scrollToReveal,
  virtualTopOf,
  type RowRange,
  type ScrollGeometry,
  type ScrollState,
} from './virtual/scroll-math';

/**
 * Rows rendered beyond each edge of the viewport, for the frames in which the compositor has scrolled
 * further than the rows rendered so far (a wheel or touch scroll runs off the main thread).
 */
const OVERSCAN = 6;
/** While scrolling, rows ignore the pointer (no hit tests or hover updates as rows pass under it) until it rests this long. */
const SCROLL_REST_MS = 150;
const FALLBACK_VIEWPORT = 600;

interface Rendered {
  offset: number;
  range: RowRange;
  /** Reached by a jump of a screen or more while scrolling: its rows are on the way elsewhere. */
  passing: boolean;
}

/**
 * The queue as a virtual grid that reaches every row of a million. Not @tanstack/react-virtual: it sizes
 * its container to count × row height (32M px for a million rows, past what browsers lay out) and keeps a
 * measurement per row. This grid caps the scroll height and maps scroll positions to rows with an offset
 * (virtual/scroll-math.ts): the browser scrolls the rows itself, and script runs only when a row comes into
 * view or the scrollbar jumps. Rows are fetched by page around the viewport (queue-store.ts).
 *
 * Frame cost is what limits scrolling, so each frame does the least: the grid renders as soon as one row
 * enters or leaves (a few rows a frame, not a dozen every few frames), always the same number of rows,
 * and each row element stays in its slot (index modulo that number). The row that comes into view takes
 * over the element of the one that left, in place: its text and attributes change, nothing is created,
 * moved or removed, and the rows that stay are not touched. The slots are therefore not in row order in
 * the DOM; `aria-owns` gives assistive technology the rows in order.
 */
export function QueueGrid() {
  const total = useQueueStore(selectQueueTotal) ?? 0;
  useQueueStore(selectRowsVersion);
  const focusedIndex = useQueueStore(selectFocusedIndex);
  const revealTick = useQueueStore(selectRevealTick);
  const selection = useQueueStore(selectSelection);
  const showRows = useQueueStore((state) => state.showRows);
  // A resize re-renders the grid, and no row (their props are unchanged, and they are memoised).
  const columnWidths = useLayoutStore(selectColumnWidths);
  const root = useRef<HTMLDivElement>(null);
  /** The grid's width, which decides the columns it hides once a column was resized (columnLayout). */
  const [gridWidth, setGridWidth] = useState<number | null>(null);
  const columns = useMemo(() => columnLayout(columnWidths, gridWidth), [columnWidths, gridWidth]);
  const scroller = useRef<HTMLDivElement>(null);
  const headId = useId();
  const hintId = useId();
  const [viewportHeight, setViewportHeight] = useState(FALLBACK_VIEWPORT);
  const geometry = useMemo(() => createGeometry(total, ROW_HEIGHT, viewportHeight), [total, viewportHeight]);
  const [rendered, setRendered] = useState<Rendered>({ offset: 0, range: { first: 0, last: -1 }, passing: false });
  const renderedRef = useRef(rendered);
  const scroll = useRef<ScrollState>({ scrollTop: 0, offset: 0 });
  /** The scrollTop this grid set itself: its scroll event is already accounted for. */
  const ownScroll = useRef<number | null>(null);
  const block = useRef<HTMLDivElement>(null);
  const resting = useRef<ReturnType<typeof setTimeout> | null>(null);
  const scrollEvents = useRef(0);

  /** Records where the list is; renders again only if the offset or the rows to render changed. */
  const apply = (g: ScrollGeometry, next: ScrollState, { force = false, passing = false } = {}) => {
    scroll.current = next;
    const range = renderWindow(g, virtualTopOf(next), OVERSCAN);
    const current = renderedRef.current;
    if (!force && next.offset === current.offset && range.first === current.range.first && range.last === current.range.last) return;
    const value = { offset: next.offset, range, passing };
    renderedRef.current = value;
    setRendered(value);
  };

  useEffect(() => () => clearTimeout(resting.current ?? undefined), []);

  useLayoutEffect(() => {
    const element = scroller.current;
    if (!element || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(() => setViewportHeight(element.clientHeight || FALLBACK_VIEWPORT));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  useLayoutEffect(() => {
    const element = root.current;
    if (!element || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(() => setGridWidth(element.clientWidth || null));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  // A new row count or viewport: the same scrollbar position, mapped again.
  useLayoutEffect(() => {
    apply(geometry, followScroll(geometry, scroll.current, scroller.current?.scrollTop ?? 0), { force: true });
  }, [geometry]);

  // Keyboard moves are by row at any scale: scroll just enough to show the focused row.
  useLayoutEffect(() => {
    const element = scroller.current;
    const next = scrollToReveal(geometry, scroll.current, focusedIndex);
    if (!next || !element) return;
    element.scrollTop = next.scrollTop;
    // The browser may round scrollTop; the offset absorbs the difference so the row lands exactly.
    ownScroll.current = element.scrollTop;
    apply(geometry, { scrollTop: element.scrollTop, offset: virtualTopOf(next) - element.scrollTop });
  }, [focusedIndex, revealTick, geometry]);

  const { offset, range, passing } = rendered;
  useEffect(() => showRows(range.first, range.last, passing), [showRows, range.first, range.last, passing]);

  /** Takes `is-scrolling` off once a whole SCROLL_REST_MS passed without a scroll event (one timer, not one per event). */
  const settle = (seen: number) => {
    if (scrollEvents.current !== seen) {
      resting.current = setTimeout(settle, SCROLL_REST_MS, scrollEvents.current);
      return;
    }
    resting.current = null;
    block.current?.classList.remove('is-scrolling');
  };

  const onScroll = () => {
    const element = scroller.current;
    if (!element) return;
    scrollEvents.current += 1;
    // A class set directly, not state: toggling it must not render the grid.
    if (resting.current === null) {
      block.current?.classList.add('is-scrolling');
      resting.current = setTimeout(settle, SCROLL_REST_MS, scrollEvents.current);
    }
    if (ownScroll.current !== null && Math.abs(element.scrollTop - ownScroll.current) < 1) return;
    ownScroll.current = null;
    const next = followScroll(geometry, scroll.current, element.scrollTop);
    apply(geometry, next, { passing: Math.abs(virtualTopOf(next) - virtualTopOf(scroll.current)) > geometry.viewportHeight });
  };

  const onClick = (event: MouseEvent<HTMLDivElement>) => {
    const target = (event.target as HTMLElement).closest<HTMLElement>('[data-index]');
    if (!target) return;
    const index = Number(target.dataset.index);
    const store = useQueueStore.getState();
    if (event.shiftKey) void store.selectRange(index);
    else if ((event.target as HTMLElement).closest('.queue-cell-check')) store.toggleSelect(index);
    store.focus(index);
  };

  // Slot k shows the one row of the window whose index is k modulo the window size, so a row that enters
  // always lands in the slot the row leaving at the other end just freed.
  const slots = range.last - range.first + 1;
  const rows = [];
  for (let slot = 0; slot < slots; slot += 1) {
    const index = range.first + ((((slot - range.first) % slots) + slots) % slots);
    const row = getQueueRow(index);
    rows.push(
      <QueueRowView
        key={slot}
        index={index}
        row={row}
        top={index * ROW_HEIGHT - offset}
        focused={index === focusedIndex}
        selected={row !== undefined && selection.has(row.id)}
      />,
    );
  }
  const inOrder = Array.from({ length: slots }, (_, k) => rowId(range.first + k)).join(' ');

  return (
    // The scroller is the grid: it takes focus and names the focused row (aria-activedescendant, which only
    // a composite role may carry), and owns the fixed header row above it (issue #17.5, axe).
    <div
      ref={root}
      className={columns ? 'queue-grid has-custom-columns' : 'queue-grid'}
      style={columns ? ({ '--queue-columns': columns.template } as CSSProperties) : undefined}
      data-hidden-columns={columns && columns.hidden.length > 0 ? columns.hidden.join(' ') : undefined}
    >
      <QueueGridHead id={headId} />
      <div
        ref={scroller}
        role="grid"
        aria-label="Indicator queue"
        aria-describedby={hintId}
        aria-rowcount={total + 1}
        aria-multiselectable="true"
        aria-owns={headId}
        className="queue-scroller"
        onScroll={onScroll}
        tabIndex={0}
        aria-activedescendant={getQueueRow(focusedIndex) ? rowId(focusedIndex) : undefined}
      >
        <span id={hintId} className="visually-hidden">
          {`${formatCount(total)} indicators; j and k move, ? lists the keys`}
        </span>
        <div ref={block} role="rowgroup" className="queue-block" style={{ height: geometry.scrollHeight }} aria-owns={inOrder || undefined} onClick={onClick}>
          {rows}
        </div>
      </div>
    </div>
  );
}
