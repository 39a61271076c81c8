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

/**
 * Widths are kept across reloads (issue #17.9) in localStorage, one key per column named for what it
 * shows, so a column added or moved later does not inherit another's width. Storage is the analyst's own
 * profile, but a value read back is still checked: anything but a whole number within the bounds is
 * dropped, and a browser that refuses storage (private mode, quota) only loses the memory.
 */
const STORAGE_PREFIX = 'liaison.queue.layout.';
const COLUMN_KEYS: Readonly<Record<number, string>> = { 1: 'tlp', 2: 'type', 4: 'status', 5: 'confidence', 6: 'sightings', 7: 'last-seen', 8: 'tags', 9: 'warninglist' };
const DETAIL_KEY = 'detail-pane';

function storage(): Storage | undefined {
  try {
    return typeof localStorage === 'undefined' ? undefined : localStorage;
  } catch {
    return undefined;
  }
}

function remember(key: string, width: number | null): void {
  try {
    if (width === null) storage()?.removeItem(STORAGE_PREFIX + key);
    else storage()?.setItem(STORAGE_PREFIX + key, String(width));
  } catch {
    // Storage full or refused: the width holds for this session only.
  }
}

function recall(key: string, min: number, max: number): number | null {
  let text: string | null | undefined;
  try {
    text = storage()?.getItem(STORAGE_PREFIX + key);
  } catch {
    return null;
  }
  if (text === null || text === undefined || !/^\d{1,4}$/.test(text)) return null;
  const width = Number(text);
  return width >= min && width <= max ? width : null;
}

/** The widths kept from an earlier session (see remember); invalid ones are ignored. */
export function storedLayout(): Pick<LayoutState, 'columnWidths' | 'detailWidth'> {
  const columnWidths: Record<number, number> = {};
  for (const [column, key] of Object.entries(COLUMN_KEYS)) {
    const width = recall(key, MIN_COLUMN_WIDTH, MAX_COLUMN_WIDTH);
    if (width !== null) columnWidths[Number(column)] = width;
  }
  return { columnWidths, detailWidth: recall(DETAIL_KEY, MIN_DETAIL_WIDTH, MAX_DETAIL_WIDTH) };
}

export const useLayoutStore = create<LayoutState>()((set) => ({
  ...storedLayout(),
  setColumnWidth: (column, width) => {
    if (!isResizableColumn(column)) return;
    const clamped = clamp(width, MIN_COLUMN_WIDTH, MAX_COLUMN_WIDTH);
    remember(COLUMN_KEYS[column]!, clamped);
    set((state) => ({ columnWidths: { ...state.columnWidths, [column]: clamped } }));
  },
  resetColumnWidth: (column) => {
    const key = COLUMN_KEYS[column];
    if (key) remember(key, null);
    set((state) => {
      const rest = { ...state.columnWidths };
      delete rest[column];
      return { columnWidths: rest };
    });
  },
  setDetailWidth: (width) => {
    const clamped = clamp(width, MIN_DETAIL_WIDTH, MAX_DETAIL_WIDTH);
    remember(DETAIL_KEY, clamped);
    set({ detailWidth: clamped });
  },
  resetDetailWidth: () => {
    remember(DETAIL_KEY, null);
    set({ detailWidth: null });
  },
}));

export function columnWidth(widths: Readonly<Record<number, number>>, column: number): number {
  return widths[column] ?? DEFAULT_COLUMN_WIDTHS[column] ?? MIN_COLUMN_WIDTH;
}

/** The value column never gets less than this (the default layout's own minimum). */
export const MIN_VALUE_WIDTH = 160;

/**
 * Columns the grid gives up, in this order, when it is too narrow for them all; the same order as
 * queue.css's container rules: sightings, last seen (the detail pane shows both), tags and warninglist
 * together, then type.
 */
const HIDE_ORDER: readonly (readonly number[])[] = [[6], [7], [8, 9], [2]];

/** Columns queue.css lets shrink (tags, warninglist), as it lays them out while not resized. */
const FLEXIBLE_TRACKS: Readonly<Record<number, { min: number; track: string }>> = {
  8: { min: 64, track: 'minmax(64px, 110px)' },
  9: { min: 84, track: 'minmax(84px, 150px)' },
};

export interface ColumnLayout {
  /** grid-template-columns of the shown columns. */
  template: string;
  /** Columns not shown, ascending. */
  hidden: number[];
}

/**
 * The columns once the analyst resized one; null keeps queue.css's responsive layout. With the grid's
 * width known, columns are hidden as queue.css hides them until the value column keeps MIN_VALUE_WIDTH;
 * if the resized columns still leave it less, they give up their width (down to MIN_COLUMN_WIDTH) before
 * the value does. A resized column must not push the value out of sight, nor switch the rules off.
 */
export function columnLayout(widths: Readonly<Record<number, number>>, gridWidth: number | null): ColumnLayout | null {
  if (Object.keys(widths).length === 0) return null;
  const shown = new Set(DEFAULT_COLUMN_WIDTHS.map((_, column) => column));
  // The least each shown column takes: a resized one its width, the others their default track's minimum.
  const width = new Map<number, number>();
  for (const column of shown) {
    if (DEFAULT_COLUMN_WIDTHS[column] === null) continue;
    width.set(column, widths[column] ?? FLEXIBLE_TRACKS[column]?.min ?? columnWidth(widths, column));
  }
  const needed = () => MIN_VALUE_WIDTH + [...shown].reduce((sum, column) => sum + (width.get(column) ?? 0), 0);
  if (gridWidth !== null && gridWidth > 0) {
    for (const group of HIDE_ORDER) {
      if (needed() <= gridWidth) break;
      for (const column of group) shown.delete(column);
    }
    const excess = needed() - gridWidth;
    const resized = [...shown].filter((column) => widths[column] !== undefined);
    const room = resized.reduce((sum, column) => sum + width.get(column)! - MIN_COLUMN_WIDTH, 0);
    if (excess > 0 && room > 0) {
      const share = Math.min(1, excess / room);
      for (const column of resized) width.set(column, Math.floor(width.get(column)! - (width.get(column)! - MIN_COLUMN_WIDTH) * share));
    }
  }
  const track = (column: number): string => {
    if (DEFAULT_COLUMN_WIDTHS[column] === null) return VALUE_TRACK;
    const flexible = widths[column] === undefined ? FLEXIBLE_TRACKS[column] : undefined;
    return flexible ? flexible.track : `${width.get(column)}px`;
  };
  const template = [...shown].map(track).join(' ');
  const hidden = DEFAULT_COLUMN_WIDTHS.map((_, column) => column).filter((column) => !shown.has(column));
  return { template, hidden };
}

export const selectColumnWidths = (state: LayoutState) => state.columnWidths;
export const selectDetailWidth = (state: LayoutState) => state.detailWidth;

/** For tests: the layout of a fresh start, with nothing remembered. */
export function resetLayoutStore(): void {
  for (const key of [...Object.values(COLUMN_KEYS), DETAIL_KEY]) remember(key, null);
  useLayoutStore.setState({ columnWidths: {}, detailWidth: null });
}
