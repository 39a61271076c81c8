import { create } from 'zustand';
import type { QueueFilter, QueueRow, QueueSort, SavedView, TriagePatch } from '../../../preload/contract';
import { toApiFailure } from '../../lib/api-failure';
import { requireClient } from '../../lib/client';
import { formatCount } from '../../lib/format';
import { EMPTY_FORM, fromQueueFilter, toQueueFilter, type FilterForm } from './filter-form';
import { PageCache } from './virtual/page-cache';
import { defangValue } from '../../lib/defang';
import { useDetailStore } from './detail-store';

/** Rows per `queue:at` request; the grid shows ~30, so one page covers a screen several times over. */
export const PAGE_SIZE = 200;
/** 30 pages = 6,000 rows held at most, wherever the list is scrolled. */
const MAX_PAGES = 30;
const PREFETCH_PAGES = 2;
/** A fast scrub must not queue a request per page passed: at most this many run, nearest pages first. */
const MAX_IN_FLIGHT = 2;
/**
 * While the list jumps a screen or more per frame (a scrollbar drag), the rows it shows are gone by the
 * time their page arrives: it asks for the rows in view at most this often, and for the pages around
 * them once it stops.
 */
export const PASSING_FETCH_INTERVAL_MS = 80;
/** `triage:update` takes at most this many ids; larger sets go through the bulk action on the filter. */
export const MAX_SELECTION = 10_000;
export const DEFAULT_SORT: QueueSort = { key: 'last_seen', direction: 'desc' };

export interface QueueNotice {
  tone: 'success' | 'info' | 'error';
  text: string;
}

interface QueueStoreState {
  form: FilterForm;
  /** The contract filter of `form`, kept beside it so selectors return a stable object. */
  filter: QueueFilter;
  sort: QueueSort;
  /** Exact row count of the view; null until the first answer. */
  total: number | null;
  loading: boolean;
  loadError: string | null;
  /** Bumped whenever held rows change: the grid re-reads them through `getQueueRow`. */
  rowsVersion: number;
  /** Bumped after every write, so views of the same indicators (detail, overview) reload. */
  writes: number;
  focusedIndex: number;
  /** Bumped by every focus move, even to the row already focused: the grid scrolls it back into view. */
  revealTick: number;
  selection: ReadonlySet<number>;
  anchorIndex: number | null;
  notice: QueueNotice | null;
  busy: boolean;
  load(): Promise<void>;
  refresh(): Promise<void>;
  setForm(patch: Partial<FilterForm>): Promise<void>;
  resetForm(): Promise<void>;
  setSort(sort: QueueSort): Promise<void>;
  applyView(view: SavedView): Promise<void>;
  /** The rows the grid renders; `passing` when it jumped there on the way elsewhere (a drag of the scrollbar). */
  showRows(first: number, last: number, passing?: boolean): void;
  focus(index: number): void;
  move(by: number): void;
  toggleSelect(index?: number): void;
  selectRange(index?: number): Promise<void>;
  clearSelection(): void;
  /** Changes the selection, else the focused row; `focusedOnly` ignores the selection (notes). */
  update(patch: TriagePatch, label: string, focusedOnly?: boolean): Promise<void>;
  updateAll(patch: TriagePatch, label: string): Promise<void>;
  undo(): Promise<void>;
  setNotice(notice: QueueNotice | null): void;
  /** Copies the selected values (else the focused one) as lines, as stored or defanged (issue #17.8). */
  copy(defanged: boolean): Promise<void>;
}

const initial = {
  form: EMPTY_FORM,
  filter: toQueueFilter(EMPTY_FORM),
  sort: DEFAULT_SORT,
  total: null,
  loading: false,
  loadError: null,
  rowsVersion: 0,
  writes: 0,
  focusedIndex: 0,
  revealTick: 0,
  selection: new Set<number>() as ReadonlySet<number>,
  anchorIndex: null,
  notice: null,
  busy: false,
};

// Rows live outside React state: a mutable page cache per view, read by position.
let cache = new PageCache<QueueRow>(PAGE_SIZE, MAX_PAGES);
let viewport = { first: 0, last: 40 };
let epoch = 0;
let inFlight = 0;
/** The viewport is passing by (see PASSING_FETCH_INTERVAL_MS): no prefetch, and fetches wait for the gate. */
/** What each change this window made was called ("Status set to Malicious on 2 indicators"), for the undo notice. */
const changeLabels = new Map<number, string>();
let passing = false;
let passingGate: ReturnType<typeof setTimeout> | null = null;
let passedSinceGate = false;
/** Recounts allowed after a stale position index before the error shows; restored by any page that arrives. */
let recounts = 1;

function stopPassing(): void {
  clearTimeout(passingGate ?? undefined);
  passingGate = null;
  passing = false;
}

/** The row at a position of the current view, if its page is held. */
export function getQueueRow(index: number): QueueRow | undefined {
  return cache.rowAt(index);
}

const plural = (count: number) => (count === 1 ? '1 indicator' : `${formatCount(count)} indicators`);

export const useQueueStore = create<QueueStoreState>()((set, get) => {
  const bump = () => set((state) => ({ rowsVersion: state.rowsVersion + 1 }));
  const query = () => ({ filter: get().filter, sort: get().sort });

  /** Fetches for the viewport now, then again each interval while it keeps passing; settles once it stops. */
  function openPassingGate(): void {
    passedSinceGate = false;
    pump();
    passingGate = setTimeout(() => {
      passingGate = null;
      if (passedSinceGate) return openPassingGate();
      passing = false;
      pump();
    }, PASSING_FETCH_INTERVAL_MS);
  }

  async function fetchPage(page: number, target: PageCache<QueueRow>, at: number): Promise<void> {
    inFlight += 1;
    target.markLoading(page);
    try {
      const { rows } = await requireClient().queue.at({ ...query(), position: page * PAGE_SIZE, limit: PAGE_SIZE });
      if (at !== epoch) return target.release(page);
      target.put(page, rows);
      recounts = 1;
      target.evictFar(target.pageOf((viewport.first + viewport.last) / 2));
      if (target === cache) bump();
    } catch (error) {
      target.release(page);
      const failure = toApiFailure(error);
      if (at !== epoch) return;
      // The core's position index is older than the data (another window or the CLI wrote): counting
      // again rebuilds it. Once in a row, so a persistent failure shows instead of looping.
      if (failure.code === 'NOT_FOUND' && recounts > 0) {
        recounts -= 1;
        void get().refresh();
        return;
      }
      set({ loadError: failure.message });
    } finally {
      inFlight -= 1;
      if (at === epoch && get().loadError === null && !passing) pump();
    }
  }

  /** Starts fetches for the pages the viewport needs, nearest first, within the in-flight limit. */
  function pump(): void {
    const { total } = get();
    if (total === null || get().loadError !== null) return;
    for (const page of cache.missing(viewport.first, viewport.last, total, passing ? 0 : PREFETCH_PAGES)) {
      if (inFlight >= MAX_IN_FLIGHT) return;
      void fetchPage(page, cache, epoch);
    }
  }

  /** Counts the view (which also rebuilds the core's position index), then fills `target` around the viewport. */
  async function count(at: number): Promise<number | null> {
    try {
      const { total } = await requireClient().queue.total(query());
      return at === epoch ? total : null;
    } catch (error) {
      if (at === epoch) set({ loading: false, loadError: toApiFailure(error).message });
      return null;
    }
  }

  function clampFocus(total: number): Partial<QueueStoreState> {
    return { total, focusedIndex: Math.max(0, Math.min(get().focusedIndex, total - 1)) };
  }

  function ids(focusedOnly: boolean): number[] {
    const { selection, focusedIndex } = get();
    if (selection.size > 0 && !focusedOnly) return [...selection];
    // A related indicator opened in the pane is what the analyst is looking at: keys change it, not the
    // grid's focused row hidden behind it (issue #17.10).
    const detail = useDetailStore.getState();
    if (detail.detour && detail.shownId !== null) return [detail.shownId];
    const row = cache.rowAt(focusedIndex);
    return row ? [row.id] : [];
  }

  async function write(run: () => Promise<string>): Promise<void> {
    set({ busy: true });
    try {
      const text = await run();
      set((state) => ({ notice: { tone: 'success', text }, writes: state.writes + 1 }));
      await get().refresh();
    } catch (error) {
      set({ notice: { tone: 'error', text: toApiFailure(error).message } });
    } finally {
      set({ busy: false });
    }
  }

  return {
    ...initial,
    async load() {
      const at = ++epoch;
      stopPassing();
      cache = new PageCache<QueueRow>(PAGE_SIZE, MAX_PAGES);
      set({ loading: true, loadError: null, total: null, focusedIndex: 0, selection: new Set(), anchorIndex: null });
      bump();
      const total = await count(at);
      if (total === null) return;
      set({ ...clampFocus(total), loading: false });
      pump();
    },
    async refresh() {
      // Same view, changed data: the old rows stay on screen until the new ones for the viewport arrive.
      const at = ++epoch;
      set({ loadError: null });
      const total = await count(at);
      if (total === null) return;
      const next = new PageCache<QueueRow>(PAGE_SIZE, MAX_PAGES);
      const pages = next.missing(viewport.first, viewport.last, total, 0);
      await Promise.all(pages.map((page) => fetchPage(page, next, at)));
      if (at !== epoch) return;
      cache = next;
      set(clampFocus(total));
      bump();
      pump();
    },
    async setForm(patch) {
      const form = { ...get().form, ...patch };
      set({ form, filter: toQueueFilter(form) });
      await get().load();
    },
    async resetForm() {
      set({ form: EMPTY_FORM, filter: toQueueFilter(EMPTY_FORM) });
      await get().load();
    },
    async setSort(sort) {
      set({ sort });
      await get().load();
    },
    async applyView(view) {
      const form = fromQueueFilter(view.query.filter);
      set({ form, filter: toQueueFilter(form), sort: view.query.sort });
      await get().load();
    },
    showRows(first, last, isPassing = false) {
      viewport = { first, last };
      if (!isPassing) {
        stopPassing();
        pump();
        return;
      }
      passing = true;
      passedSinceGate = true;
      if (passingGate === null) openPassingGate();
    },
    focus(index) {
      const { total } = get();
      if (!total) return;
      set((state) => ({ focusedIndex: Math.max(0, Math.min(index, total - 1)), revealTick: state.revealTick + 1 }));
    },
    move(by) {
      get().focus(get().focusedIndex + by);
    },
    toggleSelect(index = get().focusedIndex) {
      const row = cache.rowAt(index);
      if (!row) return;
      const selection = new Set(get().selection);
      if (!selection.delete(row.id)) selection.add(row.id);
      set({ selection, anchorIndex: index });
    },
    async selectRange(index = get().focusedIndex) {
      const anchor = get().anchorIndex ?? index;
      const [from, to] = anchor <= index ? [anchor, index] : [index, anchor];
      if (to - from + 1 + get().selection.size > MAX_SELECTION) {
        set({ notice: { tone: 'error', text: `A selection holds up to ${formatCount(MAX_SELECTION)} indicators; filter the queue and use a bulk action instead.` } });
        return;
      }
      const at = epoch;
      const selection = new Set(get().selection);
      for (let page = cache.pageOf(from); page <= cache.pageOf(to); page += 1) {
        if (!cache.hasPage(page)) await fetchPage(page, cache, at);
      }
      if (at !== epoch) return;
      for (const [, row] of cache.entries(from, to)) if (row) selection.add(row.id);
      set({ selection, anchorIndex: index });
    },
    clearSelection() {
      set({ selection: new Set(), anchorIndex: null });
    },
    async update(patch, label, focusedOnly = false) {
      const targets = ids(focusedOnly);
      if (targets.length === 0) return;
      // Cleared now, not when the answer comes: the analyst may already be selecting the next rows.
      if (!focusedOnly) set({ selection: new Set(), anchorIndex: null });
      await write(async () => {
        const { count, changeId } = await requireClient().triage.update({ ids: targets, patch });
        changeLabels.set(changeId, `${label} on ${plural(count)}`);
        const changed = new Set(targets);
        cache.patchRows(
          (row) => changed.has(row.id),
          (row) => ({ ...row, ...(patch.status ? { status: patch.status } : {}), ...(patch.tlp ? { tlp: patch.tlp } : {}) }),
        );
        bump();
        return `${label}: ${plural(count)}. Press u to undo.`;
      });
    },
    async updateAll(patch, label) {
      await write(async () => {
        const { count, changeId } = await requireClient().triage.bulk({ filter: get().filter, patch });
        changeLabels.set(changeId, `${label} on ${plural(count)}`);
        set({ selection: new Set(), anchorIndex: null });
        return `${label}: ${plural(count)}. Press u to undo.`;
      });
    },
    async undo() {
      await write(async () => {
        const undone = await requireClient().triage.undo({});
        if (!undone) return 'Nothing to undo.';
        const kept = undone.kept > 0 ? ` (${plural(undone.kept)} kept a newer edit)` : '';
        // Which change (issue #17.10): its label when this window made it, else its number.
        const which = changeLabels.get(undone.changeId) ?? `change ${undone.changeId}`;
        return `Undid “${which}”: ${plural(undone.count)} restored${kept}.`;
      });
    },
    setNotice(notice) {
      set({ notice });
    },
    async copy(defanged) {
      const { selection, focusedIndex } = get();
      const focused = cache.rowAt(focusedIndex);
      const rows = selection.size > 0 ? cache.rowsWhere((row) => selection.has(row.id)) : focused ? [focused] : [];
      if (rows.length === 0) return;
      const text = rows.map((row) => (defanged ? defangValue(row.type, row.value) : row.value)).join('\n');
      const missing = selection.size > rows.length ? ` (${formatCount(selection.size - rows.length)} selected rows are out of view: scroll to them or export the filtered queue)` : '';
      try {
        await navigator.clipboard.writeText(text);
        const what = rows.length === 1 ? `Copied ${defanged ? 'the defanged value' : 'the value'}` : `Copied ${formatCount(rows.length)} values as lines${defanged ? ', defanged' : ''}`;
        set({ notice: { tone: 'success', text: `${what}${missing}.` } });
      } catch {
        set({ notice: { tone: 'error', text: 'Could not write to the clipboard.' } });
      }
    },
  };
});

export const selectQueueForm = (state: QueueStoreState) => state.form;
export const selectQueueFilter = (state: QueueStoreState) => state.filter;
export const selectQueueSort = (state: QueueStoreState) => state.sort;
export const selectQueueTotal = (state: QueueStoreState) => state.total;
export const selectRowsVersion = (state: QueueStoreState) => state.rowsVersion;
export const selectFocusedIndex = (state: QueueStoreState) => state.focusedIndex;
export const selectRevealTick = (state: QueueStoreState) => state.revealTick;
export const selectSelection = (state: QueueStoreState) => state.selection;
export const selectQueueNotice = (state: QueueStoreState) => state.notice;
export const selectQueueWrites = (state: QueueStoreState) => state.writes;
export const selectQueueLoading = (state: QueueStoreState) => state.loading;
export const selectQueueError = (state: QueueStoreState) => state.loadError;
/** The focused row, when its page is held (re-evaluated on every rowsVersion bump). */
export const selectFocusedRow = (state: QueueStoreState): QueueRow | undefined => (state.rowsVersion >= 0 ? cache.rowAt(state.focusedIndex) : undefined);

/** Test helper: back to the state a fresh window starts in. */
export function resetQueueStore(): void {
  epoch += 1;
  inFlight = 0;
  stopPassing();
  cache = new PageCache<QueueRow>(PAGE_SIZE, MAX_PAGES);
  viewport = { first: 0, last: 40 };
  useQueueStore.setState(initial);
}
