import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { shareIndicators, syncStatus } from '../../main/core/sync';
import { steppingClock } from '../helpers/vault-forge';
import { propertySeed } from '../helpers/property-seed';
import { addHub, HUB_USER, indicatorIds, SHARED, syncNow, syncTestBed, vaultWithIndicators } from '../helpers/sync-harness';
import type { Fault, TaxiiTestServer } from '../taxii-server/server';

const bed = syncTestBed('liaison-sync-prop-');
const { dirs, open } = bed;
let server: TaxiiTestServer | undefined;

const VALUES = Array.from({ length: 9 }, (_, i) => `198.51.100.${i + 10}`);

const faultArb: fc.Arbitrary<Fault> = fc.record({
  kind: fc.constantFrom('status', 'rate-limit', 'timeout', 'drop', 'malformed'),
  status: fc.constantFrom(500 as const, 503 as const),
  method: fc.constantFrom('GET' as const, 'POST' as const, undefined),
  path: fc.constantFrom('/objects/', '/status/', '/api1/', undefined),
  after: fc.boolean(),
}).map(({ kind, status, method, path, after }): Fault => {
  const where = { ...(method ? { method } : {}), ...(path ? { path } : {}), after };
  if (kind === 'status') return { kind, status, ...where };
  if (kind === 'rate-limit') return { kind, retryAfter: 1, ...where };
  return { kind, ...where };
});

/**
 * Whatever faults the hub throws at two clients (errors, 429s, timeouts, dropped connections, malformed
 * answers, with or without the work done first), a later fault-free sync leaves both sides complete:
 * the hub holds every shared version once, the puller imported each exactly once, and no version the
 * client knew was accepted was ever sent again.
 */
describe('sync under random faults (property)', () => {
  it('a later sync completes with nothing lost and nothing duplicated on either side', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(faultArb, { maxLength: 12 }),
        fc.record({ pageSize: fc.integer({ min: 1, max: 4 }), omitNext: fc.boolean(), pendingPolls: fc.integer({ min: 0, max: 2 }), attempts: fc.integer({ min: 1, max: 3 }) }),
        async (faults, shape) => {
          for (const v of open.splice(0)) v.close();
          server = await bed.serve({ users: [HUB_USER], pageSize: shape.pageSize, omitNext: shape.omitNext, pendingPolls: shape.pendingPolls, maxContentLength: 2_000 });
          const clock = steppingClock();
          const a = await vaultWithIndicators(dirs.make(), VALUES, clock);
          const b = await vaultWithIndicators(dirs.make(), [], clock);
          open.push(a, b);
          addHub(a, server);
          addHub(b, server);
          shareIndicators(a.db, indicatorIds(a), { actor: 'ana', at: a.now() });

          server.faults.add(...faults);
          const faulty = { attemptsPerRun: shape.attempts, timeoutMs: 150, pageLimit: 3 };
          await syncNow(a, faulty);
          await syncNow(b, faulty);
          await syncNow(a, faulty);
          server.faults.clear();

          const acceptedBefore = a.db.prepare(`SELECT stix_id || '|' || modified FROM sync_outbox WHERE state = 'accepted'`).pluck().all() as string[];
          const receiptsBefore = new Map(server.collection(SHARED).receipts);
          const [aFinal] = await syncNow(a, { timeoutMs: 2_000 });
          const [bFinal] = await syncNow(b, { timeoutMs: 2_000 });
          expect(aFinal!.ok, aFinal!.error).toBe(true);
          expect(bFinal!.ok, bFinal!.error).toBe(true);

          const hub = server.collection(SHARED);
          expect(hub.versions).toHaveLength(VALUES.length);
          expect(new Set(hub.versions.map((v) => v.id)).size).toBe(VALUES.length);
          for (const key of acceptedBefore) expect(hub.receipts.get(key), `${key} resent after it was accepted`).toBe(receiptsBefore.get(key));
          expect(syncStatus(a.db)[0]).toMatchObject({ queued: 0, pending: 0, failed: 0, accepted: VALUES.length });

          const pulled = b.db
            .prepare(`SELECT i.value, sum(l.sightings) AS n FROM indicators i JOIN indicator_sources l ON l.indicator_id = i.id JOIN sources s ON s.id = l.source_id WHERE s.name = 'hub' GROUP BY i.value ORDER BY i.value`)
            .all() as { value: string; n: number }[];
          expect(pulled.map((p) => p.value)).toEqual([...VALUES].sort());
          expect(pulled.every((p) => p.n === 1), JSON.stringify(pulled)).toBe(true);
        },
      ),
      { numRuns: 12, ...propertySeed() },
    );
  }, 300_000);
});
