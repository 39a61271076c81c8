import { create } from 'zustand';
import type { TriagePatch } from '../../../preload/contract';

/** The one overlay open over the workspace (dialogs and the palette are modal, so never two). */
export type Overlay =
  | { kind: 'help' }
  | { kind: 'palette' }
  | { kind: 'tlp' }
  | { kind: 'edit' }
  | { kind: 'note' }
  | { kind: 'save-view' }
  | { kind: 'export-queue' }
  | { kind: 'attach-to-briefing' }
  | { kind: 'share-to-hub' }
  | { kind: 'confirm-bulk'; patch: TriagePatch; label: string; count: number };

interface OverlayStoreState {
  overlay: Overlay | null;
  open(overlay: Overlay): void;
  close(): void;
}

export const useOverlayStore = create<OverlayStoreState>()((set) => ({
  overlay: null,
  open: (overlay) => set({ overlay }),
  close: () => set({ overlay: null }),
}));

export const selectOverlay = (state: OverlayStoreState) => state.overlay;

export function resetOverlayStore(): void {
  useOverlayStore.setState({ overlay: null });
}
