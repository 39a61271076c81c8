import { beforeEach, describe, expect, it } from 'vitest';
import type { SyncConflict, SyncProfileStatus } from '../../../preload/contract';
import { createFakeBridge, ok, type FakeBridge } from '../../testing/fake-bridge';
import { resetSyncStore, useSyncStore } from './sync-store';

const status: SyncProfileStatus = {
  profile: 'hub', lastAttemptAt: null, lastSuccessAt: null, lastError: null, queued: 2, pending: 0, accepted: 0, failed: 0, failures: [], withheld: 0, conflicts: 1,
};
const conflict: SyncConflict = {
  id: 7, profile: 'hub', stixId: 'indicator--1', detectedAt: '2026-03-01T09:00:00.000Z',
  local: { modified: '2026-03-01T09:00:00.000Z', object: { name: 'x', confidence: 10 } },
  remote: { modified: '2026-03-01T09:00:01.000Z', object: { name: 'x', confidence: 90 } },
};

let bridge: FakeBridge;
let conflicts: SyncConflict[];

beforeEach(() => {
  resetSyncStore();
  conflicts = [conflict];
  bridge = createFakeBridge({
    'sync:profiles': () => ok([]),
    'sync:status': () => ok([status]),
    'sync:conflicts': () => ok(conflicts),
    'sync:run': () => ok({ runId: 'run-00000001' }),
    'sync:cancel': () => ok({ cancelled: true }),
    'sync:resolve': () => {
      conflicts = [];
      return ok({ resolved: 7 });
    },
  });
  window.liaison = bridge.api;
});

describe('useSyncStore', () => {
  it('follows a run by its id: progress, then the outcome, then a fresh status', async () => {
    await useSyncStore.getState().syncNow();
    expect(useSyncStore.getState().run).toEqual({ kind: 'running', runId: 'run-00000001', progress: null });
    useSyncStore.getState().handleEvent({ type: 'sync:progress', runId: 'someone-else', progress: { profile: 'hub', phase: 'pull', pulled: 99, pushed: 0, queued: 0 } });
    expect(useSyncStore.getState().run).toMatchObject({ progress: null });
    useSyncStore.getState().handleEvent({ type: 'sync:progress', runId: 'run-00000001', progress: { profile: 'hub', phase: 'push', pulled: 3, pushed: 2, queued: 0 } });
    expect(useSyncStore.getState().run).toMatchObject({ kind: 'running', progress: { pushed: 2 } });
    await useSyncStore.getState().cancel();
    expect(bridge.calls.at(-1)).toEqual({ channel: 'sync:cancel', request: { runId: 'run-00000001' } });
    useSyncStore.getState().handleEvent({ type: 'sync:failed', runId: 'run-00000001', error: { code: 'CANCELLED', message: 'Sync cancelled.' } });
    expect(useSyncStore.getState().run).toEqual({ kind: 'failed', message: 'Sync cancelled.' });
  });

  it('shows the outcome of a run that finished before its id came back', async () => {
    bridge.handle('sync:run', () => {
      useSyncStore.getState().handleEvent({ type: 'sync:finished', runId: 'run-00000002', reports: [] });
      return ok({ runId: 'run-00000002' });
    });
    await useSyncStore.getState().syncNow();
    expect(useSyncStore.getState().run).toEqual({ kind: 'finished', reports: [] });
  });

  it('resolves a conflict and reloads what is left', async () => {
    await useSyncStore.getState().load();
    expect(useSyncStore.getState().conflicts).toHaveLength(1);
    await useSyncStore.getState().resolve(7, 'take-theirs');
    expect(bridge.calls.find((c) => c.channel === 'sync:resolve')?.request).toEqual({ id: 7, resolution: 'take-theirs' });
    expect(useSyncStore.getState().conflicts).toEqual([]);
  });

  it('forgets everything when the vault locks', async () => {
    await useSyncStore.getState().load();
    useSyncStore.getState().handleEvent({ type: 'vault:locked', reason: 'idle' });
    expect(useSyncStore.getState()).toMatchObject({ status: [], conflicts: [], run: { kind: 'idle' } });
  });
});
