import { create } from 'zustand';
import type { IndicatorDetail, TriageDetail } from '../../../preload/contract';
import { toApiFailure } from '../../lib/api-failure';
import { requireClient } from '../../lib/client';

export type Loadable<T> = { kind: 'idle' } | { kind: 'loading'; previous: T | null } | { kind: 'ready'; value: T } | { kind: 'failed'; message: string };

interface DetailStoreState {
  /** The indicator the pane shows: the focused row, or a related indicator opened from it. */
  shownId: number | null;
  /** True when the pane shows a related indicator rather than the focused row. */
  detour: boolean;
  indicator: Loadable<IndicatorDetail>;
  triage: Loadable<TriageDetail>;
  show(id: number | null, detour?: boolean): Promise<void>;
  reload(): Promise<void>;
}

const previousOf = <T>(state: Loadable<T>): T | null => (state.kind === 'ready' ? state.value : state.kind === 'loading' ? state.previous : null);

const initial = { shownId: null, detour: false, indicator: { kind: 'idle' } as Loadable<IndicatorDetail>, triage: { kind: 'idle' } as Loadable<TriageDetail> };

export const useDetailStore = create<DetailStoreState>()((set, get) => {
  // Moving through the queue with j/k asks for a detail per key press: only the newest answer is shown.
  let request = 0;

  async function fetch(id: number): Promise<void> {
    const mine = ++request;
    const client = requireClient();
    set({ indicator: { kind: 'loading', previous: previousOf(get().indicator) }, triage: { kind: 'loading', previous: previousOf(get().triage) } });
    const [indicator, triage] = await Promise.allSettled([client.indicators.get({ id }), client.triage.detail({ id })]);
    if (mine !== request) return;
    set({
      indicator: indicator.status === 'fulfilled' ? { kind: 'ready', value: indicator.value } : { kind: 'failed', message: toApiFailure(indicator.reason).message },
      triage: triage.status === 'fulfilled' ? { kind: 'ready', value: triage.value } : { kind: 'failed', message: toApiFailure(triage.reason).message },
    });
  }

  return {
    ...initial,
    async show(id, detour = false) {
      if (id === get().shownId && detour === get().detour) return;
      set({ shownId: id, detour });
      if (id === null) {
        request += 1;
        set({ indicator: { kind: 'idle' }, triage: { kind: 'idle' } });
        return;
      }
      await fetch(id);
    },
    async reload() {
      const id = get().shownId;
      if (id !== null) await fetch(id);
    },
  };
});

export const selectShownIndicator = (state: DetailStoreState) => previousOf(state.indicator);
export const selectShownTriage = (state: DetailStoreState) => previousOf(state.triage);
export const selectDetailError = (state: DetailStoreState) =>
  state.indicator.kind === 'failed' ? state.indicator.message : state.triage.kind === 'failed' ? state.triage.message : null;

export function resetDetailStore(): void {
  useDetailStore.setState(initial);
}
