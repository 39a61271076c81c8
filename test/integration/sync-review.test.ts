import { afterEach, describe, expect, it } from 'vitest';
import { requireSyncProfileSecrets, shareIndicators, syncStatus } from '../../main/core/sync';
import { pullCollection } from '../../main/core/sync/pull-step';
import type { SyncContext } from '../../main/core/sync/sync-context';
import type { TaxiiClient } from '../../main/core/sync/taxii-client';
import type { Vault } from '../../main/core/vault';
import { steppingClock } from '../helpers/vault-forge';
import { tempDirs } from '../helpers/temp-dirs';
import { addHub, HUB_USER, indicatorIds, SHARED, syncNow, vaultWithIndicators } from '../helpers/sync-harness';
import { startTaxiiServer, type TaxiiTestServer } from '../taxii-server/server';

const dirs = tempDirs('liaison-sync-review-');
const open: Vault[] = [];
let server: TaxiiTestServer | undefined;
afterEach(async () => {
  for (const v of open.splice(0)) v.close();
  await server?.close();
  server = undefined;
  dirs.cleanup();
});

const VALUES = ['198.51.100.7', 'lantern-update.top', '203.0.113.44', 'harbour-relay.top'];

describe('sync defects found in review', () => {
  it('a pending version the final status does not name is sent again, not followed forever', async () => {
    let omitted = 0;
    // Every upload stays pending for 9 polls (a run polls 8 times); the first upload of one object is
    // then finished without a word on it, as a server that dropped it would.
    server = await startTaxiiServer({ users: [HUB_USER], pendingPolls: 9, omitFromStatus: (o) => String(o.pattern).includes('198.51.100.7') && omitted++ === 0 });
    const a = await vaultWithIndicators(dirs.make(), VALUES, steppingClock());
    open.push(a);
    addHub(a, server);
    shareIndicators(a.db, indicatorIds(a), { actor: 'ana', at: a.now() });
    expect((await syncNow(a))[0]!.pushed).toMatchObject({ accepted: 0, pending: 4 });
    // Run 2: the status is final with three successes; the fourth goes again and is pending once more.
    expect((await syncNow(a))[0]!.pushed).toMatchObject({ accepted: 3, pending: 1 });
    expect((await syncNow(a))[0]!.pushed).toMatchObject({ accepted: 1, pending: 0 });
    expect(syncStatus(a.db)[0]).toMatchObject({ accepted: 4, queued: 0, pending: 0 });
    expect(server.collection(SHARED).versions).toHaveLength(4);
  });

  it('two versions of one object in a pull: the older, coming later, never replaces the newer', async () => {
    const b = await vaultWithIndicators(dirs.make(), [], steppingClock());
    open.push(b);
    server = await startTaxiiServer({ users: [HUB_USER] });
    addHub(b, server);
    const base = { type: 'indicator', spec_version: '2.1', id: 'indicator--00000000-0000-4000-8000-000000000001', created: '2026-03-01T09:00:00.000Z', pattern: "[domain-name:value = 'two-versions.top']", pattern_type: 'stix', valid_from: '2026-03-01T09:00:00.000Z' };
    const newer = { ...base, modified: '2026-03-02T09:00:00.000Z', confidence: 90 };
    const older = { ...base, modified: '2026-03-01T09:00:00.000Z', confidence: 10 };
    // A server listing every version in date-added order, where the older version was added last.
    const client = { getObjects: async () => ({ objects: [newer, older], more: false, dateAddedLast: '2026-03-03T00:00:00.000000Z' }) } as unknown as TaxiiClient;
    const ctx: SyncContext = {
      db: b.db, profile: requireSyncProfileSecrets(b.db, 'hub'), client, apiRoot: server.apiRootUrl, maxContentLength: 1_000_000, actor: 'bo', now: b.now,
      random: () => 0.5, sleep: async () => undefined, force: true, attemptsPerRun: 1, pageLimit: 100,
      progress: { profile: 'hub', phase: 'pull', pulled: 0, pushed: 0, queued: 0 }, report: () => undefined,
    };
    const outcome = await pullCollection(ctx, SHARED);
    expect(outcome).toMatchObject({ received: 2, applied: 1 });
    expect(b.db.prepare('SELECT modified FROM sync_objects WHERE stix_id = ?').pluck().get(base.id)).toBe(newer.modified);
    expect(b.db.prepare('SELECT added_after FROM sync_checkpoints').pluck().get()).toBe('2026-03-03T00:00:00.000000Z');
  });
});
