import { create } from 'zustand';
import type { Overview } from '../../../preload/contract';
import { toApiFailure } from '../../lib/api-failure';
import { requireClient } from '../../lib/client';

interface OverviewStoreState {
  overview: Overview | null;
  error: string | null;
  loading: boolean;
  load(): Promise<void>;
}

export const useOverviewStore = create<OverviewStoreState>()((set) => {
  let request = 0;
  return {
    overview: null,
    error: null,
    loading: false,
    async load() {
      const mine = ++request;
      set({ loading: true });
      try {
        const overview = await requireClient().overview.get({});
        if (mine === request) set({ overview, error: null, loading: false });
      } catch (error) {
        if (mine === request) set({ error: toApiFailure(error).message, loading: false });
      }
    },
  };
});

export const selectOverview = (state: OverviewStoreState) => state.overview;
export const selectOverviewError = (state: OverviewStoreState) => state.error;
