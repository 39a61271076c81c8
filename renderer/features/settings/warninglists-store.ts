import { create } from 'zustand';
import type { WarninglistCategory, WarninglistView } from '../../../preload/contract';
import { toApiFailure } from '../../lib/api-failure';
import { requireClient } from '../../lib/client';

interface WarninglistsState {
  lists: WarninglistView[];
  error: string | null;
  load(): Promise<void>;
  setCategory(name: string, category: WarninglistCategory): Promise<void>;
}

/** The vault's warninglists for Settings, where an analyst corrects a list's category (issue #17.2). */
export const useWarninglistsStore = create<WarninglistsState>()((set, get) => ({
  lists: [],
  error: null,
  async load() {
    try {
      set({ lists: await requireClient().warninglists.list({}), error: null });
    } catch (error) {
      set({ error: toApiFailure(error).message });
    }
  },
  async setCategory(name, category) {
    try {
      await requireClient().warninglists.setCategory({ name, category });
      await get().load();
    } catch (error) {
      set({ error: toApiFailure(error).message });
    }
  },
}));
