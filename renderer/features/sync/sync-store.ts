import { create } from 'zustand';
import type { LiaisonEvent, SyncAddRequest, SyncConflict, SyncConnectionReport, SyncProfile, SyncProfileStatus, SyncProgress, SyncRunReport } from '../../../preload/contract';
import { toApiFailure } from '../../lib/api-failure';
import { requireClient } from '../../lib/client';

export type SyncRun =
  | { kind: 'idle' }
  | { kind: 'running'; runId: string; progress: SyncProgress | null }
  | { kind: 'finished'; reports: SyncRunReport[] }
  | { kind: 'failed'; message: string };

interface SyncStoreState {
  profiles: SyncProfile[];
  status: SyncProfileStatus[];
  conflicts: SyncConflict[];
  loadError: string | null;
  run: SyncRun;
  test: { kind: 'idle' } | { kind: 'testing' } | { kind: 'done'; report: SyncConnectionReport } | { kind: 'failed'; message: string };
  addError: string | null;
  resolveError: string | null;
  load(): Promise<void>;
  testConnection(draft: Omit<SyncAddRequest, 'name' | 'tlpMax'>): Promise<void>;
  addProfile(request: SyncAddRequest): Promise<boolean>;
  removeProfile(name: string): Promise<void>;
  syncNow(): Promise<void>;
  cancel(): Promise<void>;
  resolve(id: number, resolution: 'keep-mine' | 'take-theirs'): Promise<void>;
  handleEvent(event: LiaisonEvent): void;
  resetTest(): void;
}

const initial = {
  profiles: [],
  status: [],
  conflicts: [],
  loadError: null,
  run: { kind: 'idle' } as SyncRun,
  test: { kind: 'idle' } as SyncStoreState['test'],
  addError: null,
  resolveError: null,
};

/** Outcomes of runs whose id this window has not heard yet (see syncNow). */
const early = new Map<string, SyncRun>();

export const useSyncStore = create<SyncStoreState>()((set, get) => ({
  ...initial,
  async load() {
    const client = requireClient();
    try {
      const [profiles, status, conflicts] = await Promise.all([client.sync.profiles({}), client.sync.status({}), client.sync.conflicts({})]);
      set({ profiles, status, conflicts, loadError: null });
    } catch (error) {
      set({ loadError: toApiFailure(error).message });
    }
  },
  async testConnection(draft) {
    set({ test: { kind: 'testing' } });
    try {
      set({ test: { kind: 'done', report: await requireClient().sync.test(draft) } });
    } catch (error) {
      set({ test: { kind: 'failed', message: toApiFailure(error).message } });
    }
  },
  async addProfile(request) {
    try {
      await requireClient().sync.add(request);
      set({ addError: null, test: { kind: 'idle' } });
      await get().load();
      return true;
    } catch (error) {
      set({ addError: toApiFailure(error).message });
      return false;
    }
  },
  async removeProfile(name) {
    try {
      await requireClient().sync.remove({ name });
      await get().load();
    } catch (error) {
      set({ loadError: toApiFailure(error).message });
    }
  },
  async syncNow() {
    try {
      early.clear();
      const { runId } = await requireClient().sync.run({});
      // Events and the answer travel apart: a short run may have finished before its id arrived here.
      const settled = early.get(runId);
      early.clear();
      set({ run: settled ?? { kind: 'running', runId, progress: null } });
      if (settled) void get().load();
    } catch (error) {
      set({ run: { kind: 'failed', message: toApiFailure(error).message } });
    }
  },
  async cancel() {
    const run = get().run;
    if (run.kind === 'running') await requireClient().sync.cancel({ runId: run.runId });
  },
  async resolve(id, resolution) {
    try {
      await requireClient().sync.resolve({ id, resolution });
      set({ resolveError: null });
      await get().load();
    } catch (error) {
      set({ resolveError: toApiFailure(error).message });
    }
  },
  handleEvent(event) {
    const run = get().run;
    if (event.type === 'vault:locked') return set(initial);
    if (run.kind !== 'running') {
      if (event.type === 'sync:finished') early.set(event.runId, { kind: 'finished', reports: event.reports });
      if (event.type === 'sync:failed') early.set(event.runId, { kind: 'failed', message: event.error.message });
      return;
    }
    if (event.type === 'sync:progress' && event.runId === run.runId) set({ run: { ...run, progress: event.progress } });
    if (event.type === 'sync:finished' && event.runId === run.runId) {
      set({ run: { kind: 'finished', reports: event.reports } });
      void get().load();
    }
    if (event.type === 'sync:failed' && event.runId === run.runId) {
      set({ run: { kind: 'failed', message: event.error.message } });
      void get().load();
    }
  },
  resetTest() {
    set({ test: { kind: 'idle' }, addError: null });
  },
}));

export function resetSyncStore(): void {
  early.clear();
  useSyncStore.setState(initial);
}
