import { create } from 'zustand';

export const SECTIONS = [
  { id: 'queue', label: 'Queue' },
  { id: 'overview', label: 'Overview' },
  { id: 'briefings', label: 'Briefings' },
  { id: 'bundles', label: 'Bundles' },
  { id: 'sync', label: 'Sync' },
  { id: 'settings', label: 'Settings' },
] as const;

export type SectionId = (typeof SECTIONS)[number]['id'];

interface NavigationState {
  section: SectionId;
  go(section: SectionId): void;
}

export const useNavigationStore = create<NavigationState>()((set) => ({
  section: 'queue',
  go: (section) => set({ section }),
}));
