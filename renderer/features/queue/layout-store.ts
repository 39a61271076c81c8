import { create } from 'zustand';
import type { QueueSortKey } from '../../../preload/contract';

/**
 * The queue's layout the analyst chose (issue #17.9): column widths and the detail pane's width. Applied
 * as CSS custom properties on the grid and the layout, so a resize restyles one element and re-renders
 * no row.
 */

/** Default widths in px, as queue.css lays them out; the value column (null) takes the room left. */
export const DEFAULT_COLUMN_WIDTHS: readonly (number | null)[] = [30, 124, 76, null, 116, 100, 64, 92, 110, 150];
/** The select column keeps its width; the value column flexes. */
export const isResizableColumn = (column: number) => column > 0 && DEFAULT_COLUMN_WIDTHS[column] !== null && DEFAULT_COLUMN_WIDTHS[column] !== undefined;
export const MIN_COLUMN_WIDTH = 40;
export const MAX_COLUMN_WIDTH = 480;
const VALUE_TRACK = 'minmax(160px, 1fr)';

export const DEFAULT_DETAIL_WIDTH = 340;
export const MIN_DETAIL_WIDTH = 260;
export const MAX_DETAIL_WIDTH = 720;

/**
 * Columns whose header sorts the queue, by the sort keys the core's query accepts (QUEUE_SORT_KEYS):
 * value (by type, then value), confidence, last seen. Sightings, tags, lists and TLP have no sort in the core.
 */
export const COLUMN_SORTS: Readonly<Partial<Record<number, { key: QueueSortKey; first: 'asc' | 'desc' }>>> = {
  3: { key: 'type_value', first: 'asc' },
  5: { key: 'confidence', first: 'desc' },
  7: { key: 'last_seen', first: 'desc' },
};

interface LayoutState {
  /** Widths the analyst set, by column index; absent columns keep the default layout. */
  columnWidths: Readonly<Record<number, number>>;
  detailWidth: number | null;
  setColumnWidth(column: number, width: number): void;
  resetColumnWidth(column: number): void;
  setDetailWidth(width: number): void;
  resetDetailWidth(): void;
}

const clamp = (value: number, min: number, max: number) => Math.round(Math.min(max, Math.max(min, value)));

export const useLayoutStore = create<LayoutState>()((set) => ({
  columnWidths: {},
  detailWidth: null,
  setColumnWidth: (column, width) => {
    if (!isResizableColumn(column)) return;
    set((state) => ({ columnWidths: { ...state.columnWidths, [column]: clamp(width, MIN_COLUMN_WIDTH, MAX_COLUMN_WIDTH) } }));
  },
  resetColumnWidth: (column) =>
    set((state) => {
      const rest = { ...state.columnWidths };
      delete rest[column];
      return { columnWidths: rest };
    }),
  setDetailWidth: (width) => set({ detailWidth: clamp(width, MIN_DETAIL_WIDTH, MAX_DETAIL_WIDTH) }),
  resetDetailWidth: () => set({ detailWidth: null }),
}));

export function columnWidth(widths: Readonly<Record<number, number>>, column: number): number {
  return widths[column] ?? DEFAULT_COLUMN_WIDTHS[column] ?? MIN_COLUMN_WIDTH;
}

/** The rows' grid-template-columns once the analyst resized a column; null keeps queue.css's responsive layout. */
export function columnTemplate(widths: Readonly<Record<number, number>>): string | null {
  if (Object.keys(widths).length === 0) return null;
  return DEFAULT_COLUMN_WIDTHS.map((fallback, column) => (fallback === null ? VALUE_TRACK : `${columnWidth(widths, column)}px`)).join(' ');
}

/** A selector returning a string, so the grid re-renders only when the template really changes. */
export const selectColumnTemplate = (state: LayoutState) => columnTemplate(state.columnWidths);
export const selectDetailWidth = (state: LayoutState) => state.detailWidth;

export function resetLayoutStore(): void {
  useLayoutStore.setState({ columnWidths: {}, detailWidth: null });
}
