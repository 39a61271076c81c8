import { create } from 'zustand';
import type { IndicatorDetail, IndicatorSummary, TlpLevel } from '../../../preload/contract';
import { toApiFailure } from '../../lib/api-failure';
import { requireClient } from '../../lib/client';

/** A simple first list; the keyboard-driven virtualised queue replaces it. */
export const QUEUE_LIMIT = 200;

export interface QueueFilter {
  type: string;
  tlp: TlpLevel | '';
  search: string;
}

export type Loadable<T> = { kind: 'idle' } | { kind: 'loading'; previous: T | null } | { kind: 'ready'; value: T } | { kind: 'failed'; message: string };

interface QueueStoreState {
  filter: QueueFilter;
  list: Loadable<IndicatorSummary[]>;
  selectedId: number | null;
  detail: Loadable<IndicatorDetail>;
  setFilter(patch: Partial<QueueFilter>): Promise<void>;
  load(): Promise<void>;
  /** Reloads the list and the open indicator, after the vault changed (an import finished). */
  refresh(): Promise<void>;
  select(id: number): Promise<void>;
  closeDetail(): void;
}

export const EMPTY_FILTER: QueueFilter = { type: '', tlp: '', search: '' };

const initial = {
  filter: EMPTY_FILTER,
  list: { kind: 'idle' } as Loadable<IndicatorSummary[]>,
  selectedId: null,
  detail: { kind: 'idle' } as Loadable<IndicatorDetail>,
};

const previousOf = <T>(state: Loadable<T>): T | null =>
  state.kind === 'ready' ? state.value : state.kind === 'loading' ? state.previous : null;

export const useQueueStore = create<QueueStoreState>()((set, get) => {
  // Only the newest request may write its answer: typing in the search box sends several in a row.
  let listRequest = 0;
  let detailRequest = 0;

  async function loadDetail(id: number): Promise<void> {
    const request = ++detailRequest;
    set({ detail: { kind: 'loading', previous: previousOf(get().detail) } });
    try {
      const value = await requireClient().indicators.get({ id });
      if (request === detailRequest) set({ detail: { kind: 'ready', value } });
    } catch (error) {
      if (request === detailRequest) set({ detail: { kind: 'failed', message: toApiFailure(error).message } });
    }
  }

  return {
    ...initial,
    async setFilter(patch) {
      set({ filter: { ...get().filter, ...patch } });
      await get().load();
    },
    async load() {
      const request = ++listRequest;
      const { type, tlp, search } = get().filter;
      set({ list: { kind: 'loading', previous: previousOf(get().list) } });
      try {
        const value = await requireClient().indicators.list({
          limit: QUEUE_LIMIT,
          ...(type ? { type } : {}),
          ...(tlp ? { tlp } : {}),
          ...(search.trim() ? { search: search.trim() } : {}),
        });
        if (request === listRequest) set({ list: { kind: 'ready', value } });
      } catch (error) {
        if (request === listRequest) set({ list: { kind: 'failed', message: toApiFailure(error).message } });
      }
    },
    async refresh() {
      const selected = get().selectedId;
      await Promise.all([get().load(), selected === null ? undefined : loadDetail(selected)]);
    },
    async select(id) {
      set({ selectedId: id });
      await loadDetail(id);
    },
    closeDetail() {
      detailRequest += 1;
      set({ selectedId: null, detail: { kind: 'idle' } });
    },
  };
});

export const selectQueueFilter = (state: QueueStoreState) => state.filter;
export const selectQueueList = (state: QueueStoreState) => state.list;
export const selectSelectedId = (state: QueueStoreState) => state.selectedId;
export const selectDetail = (state: QueueStoreState) => state.detail;

export function isFiltered(filter: QueueFilter): boolean {
  return filter.type !== '' || filter.tlp !== '' || filter.search.trim() !== '';
}

/** Test helper: back to the state a fresh window starts in. */
export function resetQueueStore(): void {
  useQueueStore.setState(initial);
}
