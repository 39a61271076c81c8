import { describe, expect, it } from 'vitest';
import { listConflicts, resolveConflict, shareIndicators, syncStatus } from '../../main/core/sync';
import { updateIndicatorTriage } from '../../main/core/triage';
import { steppingClock } from '../helpers/vault-forge';
import { addHub, HUB_USER, indicatorIds, SHARED, syncNow, syncTestBed, vaultWithIndicators } from '../helpers/sync-harness';
import type { TaxiiTestServer } from '../taxii-server/server';

const bed = syncTestBed('liaison-sync-');
const { dirs, open } = bed;
let server: TaxiiTestServer | undefined;

const VALUES = ['198.51.100.7', 'lantern-update.top', 'http://lantern-update.top/payload.bin', '203.0.113.44'];

async function twoVaults(options: Parameters<typeof bed.serve>[0] = {}) {
  server = await bed.serve({ users: [HUB_USER], ...options });
  const clock = steppingClock();
  const a = await vaultWithIndicators(dirs.make(), VALUES, clock);
  const b = await vaultWithIndicators(dirs.make(), [], clock);
  open.push(a, b);
  addHub(a, server);
  addHub(b, server);
  return { a, b, server };
}

describe('sync engine', () => {
  it('A shares and pushes; B pulls them through the import pipeline with the profile as source; nothing repeats', async () => {
    const { a, b, server } = await twoVaults({ pageSize: 3 });
    const shared = shareIndicators(a.db, indicatorIds(a), { actor: 'ana', at: a.now() });
    expect(shared).toMatchObject({ queued: 4, unchanged: 0, aboveCeiling: 0 });
    const [pushed] = await syncNow(a);
    expect(pushed).toMatchObject({ ok: true, pushed: { accepted: 4, failed: 0, pending: 0 } });
    expect(server.collection(SHARED).versions).toHaveLength(4);

    const [pulled] = await syncNow(b, { pageLimit: 2 });
    expect(pulled!.ok).toBe(true);
    expect(pulled!.pulled[0]).toMatchObject({ pages: 2, received: 4, applied: 4, indicatorsNew: 4 });
    const values = b.db.prepare("SELECT i.value FROM indicators i JOIN indicator_sources l ON l.indicator_id = i.id JOIN sources s ON s.id = l.source_id WHERE s.name = 'hub' ORDER BY 1").pluck().all();
    expect(values).toEqual(a.db.prepare('SELECT value FROM indicators ORDER BY 1').pluck().all());
    expect(values).toHaveLength(4);
    // The next GET repeated the filters with next; the checkpoint is the server's text, verbatim.
    const gets = server.requests.filter((r) => r.method === 'GET' && r.path.includes('/objects/'));
    expect(gets.filter((g) => /limit=2&next=/.test(g.path))).toHaveLength(1);
    const checkpoint = b.db.prepare('SELECT added_after FROM sync_checkpoints').pluck().get() as string;
    expect(checkpoint).toBe(server.collection(SHARED).versions[3]!.dateAdded);

    const [again] = await syncNow(b);
    expect(again!.pulled[0]).toMatchObject({ received: 0, applied: 0 });
    const [aAgain] = await syncNow(a);
    expect(aAgain!.pushed.accepted).toBe(0);
    expect([...server.collection(SHARED).receipts.values()].every((n) => n === 1)).toBe(true);
    expect(syncStatus(a.db)[0]).toMatchObject({ queued: 0, accepted: 4, failed: 0, conflicts: 0, lastError: null });
  });

  it('never sends above the TLP ceiling, splits envelopes by max_content_length, and follows pending statuses', async () => {
    const { a, server } = await twoVaults({ maxContentLength: 1_000, pendingPolls: 2 });
    const ids = indicatorIds(a);
    a.db.prepare('UPDATE indicators SET tlp_rank = 4 WHERE id = ?').run(ids[0]);
    const shared = shareIndicators(a.db, ids, { actor: 'ana', at: a.now() });
    expect(shared).toMatchObject({ queued: 3, aboveCeiling: 1 });
    const [run] = await syncNow(a);
    expect(run!.pushed).toMatchObject({ accepted: 3, pending: 0 });
    const posts = server.requests.filter((r) => r.method === 'POST');
    expect(posts.length).toBeGreaterThan(1);
    expect(server.requests.filter((r) => r.path.includes('/status/')).length).toBeGreaterThanOrEqual(posts.length);
    expect(server.collection(SHARED).versions.map((v) => v.object.object_marking_refs)).not.toContainEqual(['marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1']);
  });

  it('keeps a local edit and a remote new version side by side, and resolves keep mine / take theirs', async () => {
    const { a, b, server } = await twoVaults();
    shareIndicators(a.db, indicatorIds(a), { actor: 'ana', at: a.now() });
    await syncNow(a);
    await syncNow(b);
    // B edits two indicators and publishes; A edits the same two while B's versions are on the hub.
    const inB = (value: string) => b.db.prepare('SELECT id FROM indicators WHERE value = ?').pluck().get(value) as number;
    const inA = (value: string) => a.db.prepare('SELECT id FROM indicators WHERE value = ?').pluck().get(value) as number;
    for (const v of VALUES.slice(0, 2)) updateIndicatorTriage(b.db, { actor: 'bo', at: b.now() }, inB(v), { confidence: 90 });
    shareIndicators(b.db, VALUES.slice(0, 2).map(inB), { actor: 'bo', at: b.now() });
    await syncNow(b);
    for (const v of VALUES.slice(0, 2)) updateIndicatorTriage(a.db, { actor: 'ana', at: a.now() }, inA(v), { confidence: 10 });
    shareIndicators(a.db, VALUES.slice(0, 2).map(inA), { actor: 'ana', at: a.now() });
    const [run] = await syncNow(a);
    expect(run!.pulled[0]!.conflicts).toBe(2);
    expect(run!.pushed.accepted).toBe(0);
    const conflicts = listConflicts(a.db);
    expect(conflicts.map((c) => [c.local.object.confidence, c.remote.object.confidence])).toEqual([[10, 90], [10, 90]]);
    expect(syncStatus(a.db)[0]).toMatchObject({ conflicts: 2, queued: 2 });

    await resolveConflict(a.db, conflicts[0]!.id, 'keep-mine', { actor: 'ana', now: a.now });
    await resolveConflict(a.db, conflicts[1]!.id, 'take-theirs', { actor: 'ana', now: a.now });
    expect(listConflicts(a.db)).toEqual([]);
    const [after] = await syncNow(a);
    expect(after!.pushed.accepted).toBe(1);
    const latest = server.collection(SHARED).latest();
    const confidenceOf = (id: string) => latest.find((v) => v.id === id)!.object.confidence;
    expect(confidenceOf(conflicts[0]!.stixId)).toBe(10);
    expect(confidenceOf(conflicts[1]!.stixId)).toBe(90);
    // B now takes A's kept version as an ordinary newer version: it had no unsent edit of it.
    const [bRun] = await syncNow(b);
    expect(bRun!.pulled[0]).toMatchObject({ applied: 1, conflicts: 0 });
  });

  it('sends a version at most once per run even when the status never mentions it, and refused ones fail in words', async () => {
    const { a, server } = await twoVaults({
      omitFromStatus: (o) => String(o.pattern).includes('198.51.100.7'),
      rejectObject: (o) => (String(o.pattern).includes('203.0.113.44') ? 'Indicators from 203.0.113.0/24 are not accepted here.' : undefined),
    });
    shareIndicators(a.db, indicatorIds(a), { actor: 'ana', at: a.now() });
    const [run] = await syncNow(a);
    expect(run!.pushed).toMatchObject({ accepted: 2, failed: 1 });
    expect(server.requests.filter((r) => r.method === 'POST')).toHaveLength(1);
    const status = syncStatus(a.db)[0]!;
    expect(status).toMatchObject({ queued: 1, failed: 1 });
    expect(status.failures[0]!.error).toBe('The server refused it: Indicators from 203.0.113.0/24 are not accepted here.');
  });

  it('checks the TLP ceiling again before sending: lowered after queuing, nothing above it leaves', async () => {
    const { a, server } = await twoVaults();
    shareIndicators(a.db, indicatorIds(a), { actor: 'ana', at: a.now() });
    a.db.prepare("UPDATE sync_profiles SET tlp_max_rank = 0 WHERE name = 'hub'").run();
    const [run] = await syncNow(a);
    expect(run!.pushed).toMatchObject({ accepted: 0, failed: 4 });
    expect(server.requests.filter((r) => r.method === 'POST')).toHaveLength(0);
    expect(syncStatus(a.db)[0]!.failures[0]!.error).toBe("Its TLP is above this profile's ceiling (TLP:CLEAR); not sent.");
  });

  it('records failures in words and retries with backoff, honouring Retry-After', async () => {
    const { a, server } = await twoVaults();
    shareIndicators(a.db, indicatorIds(a), { actor: 'ana', at: a.now() });
    server.faults.add({ kind: 'rate-limit', retryAfter: 30, method: 'POST' }, { kind: 'status', status: 503, method: 'POST' }, { kind: 'drop', method: 'POST', after: true });
    const waits: number[] = [];
    const [run] = await syncNow(a, { waits });
    expect(run!.pushed.accepted).toBe(4);
    expect(waits.slice(0, 3)).toEqual([30_000, 1_500, 3_000]);
    expect(server.collection(SHARED).versions).toHaveLength(4);
    server.faults.add(...Array.from({ length: 5 }, () => ({ kind: 'status' as const, status: 500 as const })));
    const [failed] = await syncNow(a, { attemptsPerRun: 5 });
    expect(failed!.ok).toBe(false);
    expect(failed!.error).toMatch(/answered 500 \(the server failed; it may work again later\): "Server Error: Injected fault\."/);
    expect(syncStatus(a.db)[0]!.lastError).toBe(failed!.error);
  });
});
