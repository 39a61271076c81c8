import { create } from 'zustand';

interface VaultChangesState {
  /** Bumped on every `vault:changed` push: something committed to the vault (the CLI, another window, an import). */
  changes: number;
  changed(): void;
}

/** Views of vault data (queue, overview, detail) refetch when this moves, keeping scroll, selection and dialogs. */
export const useVaultChangesStore = create<VaultChangesState>()((set) => ({
  changes: 0,
  changed: () => set((state) => ({ changes: state.changes + 1 })),
}));

export const selectVaultChanges = (state: VaultChangesState) => state.changes;
