import { create } from 'zustand';
import type { SavedView } from '../../../preload/contract';
import { toApiFailure } from '../../lib/api-failure';
import { requireClient } from '../../lib/client';
import { useQueueStore } from './queue-store';

interface ViewsStoreState {
  views: SavedView[];
  error: string | null;
  load(): Promise<void>;
  /** Saves the queue's current filter and sort under `name`. */
  save(name: string): Promise<boolean>;
  remove(id: number): Promise<void>;
}

export const useViewsStore = create<ViewsStoreState>()((set, get) => ({
  views: [],
  error: null,
  async load() {
    try {
      set({ views: await requireClient().views.list({}), error: null });
    } catch (error) {
      set({ error: toApiFailure(error).message });
    }
  },
  async save(name) {
    const { filter, sort } = useQueueStore.getState();
    try {
      const saved = await requireClient().views.save({ name: name.trim(), query: { filter, sort } });
      set({ views: [...get().views.filter((view) => view.id !== saved.id), saved].sort((a, b) => a.name.localeCompare(b.name)), error: null });
      return true;
    } catch (error) {
      set({ error: toApiFailure(error).message });
      return false;
    }
  },
  async remove(id) {
    try {
      await requireClient().views.delete({ id });
      set({ views: get().views.filter((view) => view.id !== id), error: null });
    } catch (error) {
      set({ error: toApiFailure(error).message });
    }
  },
}));

export const selectViews = (state: ViewsStoreState) => state.views;
export const selectViewsError = (state: ViewsStoreState) => state.error;

export function resetViewsStore(): void {
  useViewsStore.setState({ views: [], error: null });
}
