import { useEffect, useLayoutEffect, useMemo, useRef, useState, type MouseEvent } from 'react';
import { formatCount } from '../../lib/format';
import { COLUMNS, QueueRowView, ROW_HEIGHT } from './QueueRowView';
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
  scrollToReveal,
  virtualTopOf,
  visibleRows,
  type RowRange,
  type ScrollGeometry,
  type ScrollState,
} from './virtual/scroll-math';

/** Rows rendered beyond each edge of the viewport; React renders again only when the viewport leaves them. */
const OVERSCAN = 12;
/** After a jump (scrollbar drag) the next position is unknown: render little beyond the viewport. */
const JUMP_OVERSCAN = 2;
/** While scrolling, rows ignore the pointer (no hit tests or hover updates as rows pass under it) until it rests this long. */
const SCROLL_REST_MS = 150;
/** Row elements are reused by slot (index modulo this), so a row coming into view updates a node, not mounts one. */
const SLOTS = 128;
const FALLBACK_VIEWPORT = 600;

/**
 * The queue as a virtual grid that reaches every row of a million. Not @tanstack/react-virtual: it sizes
 * its container to count × row height (32M px for a million rows, past what browsers lay out) and keeps a
 * measurement per row. This grid caps the scroll height and maps scroll positions to rows with an offset
 * (virtual/scroll-math.ts): the browser scrolls the rows itself, and script runs only when rows come into
 * view or the scrollbar jumps. Rows are fetched by page around the viewport (queue-store.ts).
 */
export function QueueGrid() {
  const total = useQueueStore(selectQueueTotal) ?? 0;
  useQueueStore(selectRowsVersion);
  const focusedIndex = useQueueStore(selectFocusedIndex);
  const revealTick = useQueueStore(selectRevealTick);
  const selection = useQueueStore(selectSelection);
  const showRows = useQueueStore((state) => state.showRows);
  const scroller = useRef<HTMLDivElement>(null);
  const [viewportHeight, setViewportHeight] = useState(FALLBACK_VIEWPORT);
  const geometry = useMemo(() => createGeometry(total, ROW_HEIGHT, viewportHeight), [total, viewportHeight]);
  const [rendered, setRendered] = useState<{ offset: number; visibleFirst: number; range: RowRange }>({ offset: 0, visibleFirst: 0, range: { first: 0, last: -1 } });
  const renderedRef = useRef(rendered);
  const scroll = useRef<ScrollState>({ scrollTop: 0, offset: 0 });
  /** The scrollTop this grid set itself: its scroll event is already accounted for. */
  const ownScroll = useRef<number | null>(null);
  const block = useRef<HTMLDivElement>(null);
  const resting = useRef<ReturnType<typeof setTimeout> | null>(null);

  /** Records where the list is; renders again only if the offset changed or visible rows are not rendered. */
  const apply = (g: ScrollGeometry, next: ScrollState, force = false) => {
    const previous = scroll.current;
    scroll.current = next;
    const visible = visibleRows(g, virtualTopOf(next));
    const current = renderedRef.current;
    const covered = visible.first >= current.range.first && visible.last <= current.range.last;
    if (!force && next.offset === current.offset && covered) return;
    const jumped = Math.abs(virtualTopOf(next) - virtualTopOf(previous)) > g.viewportHeight;
    const value = { offset: next.offset, visibleFirst: visible.first, range: visibleRows(g, virtualTopOf(next), jumped ? JUMP_OVERSCAN : OVERSCAN) };
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

  // A new row count or viewport: the same scrollbar position, mapped again.
  useLayoutEffect(() => {
    apply(geometry, followScroll(geometry, scroll.current, scroller.current?.scrollTop ?? 0), true);
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

  const { offset, range } = rendered;
  useEffect(() => showRows(range.first, range.last), [showRows, range.first, range.last]);

  const onScroll = () => {
    const element = scroller.current;
    if (!element) return;
    // A class set directly, not state: toggling it must not render the grid.
    if (resting.current === null) block.current?.classList.add('is-scrolling');
    else clearTimeout(resting.current);
    resting.current = setTimeout(() => {
      resting.current = null;
      block.current?.classList.remove('is-scrolling');
    }, SCROLL_REST_MS);
    if (ownScroll.current !== null && Math.abs(element.scrollTop - ownScroll.current) < 1) return;
    ownScroll.current = null;
    apply(geometry, followScroll(geometry, scroll.current, element.scrollTop));
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

  const rows = [];
  for (let index = range.first; index <= Math.min(range.last, total - 1); index += 1) {
    const row = getQueueRow(index);
    rows.push(
      <QueueRowView
        key={index % SLOTS}
        index={index}
        row={row}
        top={index * ROW_HEIGHT - offset}
        focused={index === focusedIndex}
        selected={row !== undefined && selection.has(row.id)}
      />,
    );
  }

  return (
    <div role="grid" aria-label="Indicator queue" aria-rowcount={total + 1} aria-multiselectable="true" className="queue-grid">
      <div role="rowgroup" className="queue-grid-head">
        <div role="row" aria-rowindex={1} className="queue-row queue-head-row">
          {COLUMNS.map((name, column) => (
            <div key={column} role="columnheader" className={column === 5 || column === 6 ? 'numeric' : undefined}>
              {name || <span className="visually-hidden">Selected</span>}
            </div>
          ))}
        </div>
      </div>
      <div
        ref={scroller}
        className="queue-scroller"
        onScroll={onScroll}
        tabIndex={0}
        aria-label={`${formatCount(total)} indicators; j and k move, ? lists the keys`}
        aria-activedescendant={getQueueRow(focusedIndex) ? `queue-row-${focusedIndex}` : undefined}
      >
        <div ref={block} role="rowgroup" className="queue-block" style={{ height: geometry.scrollHeight }} onClick={onClick}>
          {rows}
        </div>
      </div>
    </div>
  );
}
