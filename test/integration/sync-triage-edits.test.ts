import { beforeAll, describe, expect, it } from 'vitest';
import { addSyncProfile, installSyncHooks, shareIndicators, syncStatus } from '../../main/core/sync';
import { addIndicatorsEditedHook, applyBulkChange, undoBulkChange, updateIndicatorTriage } from '../../main/core/triage';
import type { Vault } from '../../main/core/vault';
import { steppingClock } from '../helpers/vault-forge';
import { addHub, HUB_USER, indicatorIds, SHARED, syncNow, syncTestBed, vaultWithIndicators } from '../helpers/sync-harness';
import type { TaxiiTestServer } from '../taxii-server/server';

const bed = syncTestBed('liaison-sync-edits-');
const { dirs, open } = bed;
let server: TaxiiTestServer | undefined;
beforeAll(() => installSyncHooks());

const VALUES = ['lantern-update.top', '198.51.100.7'];
const RED = 'marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1';

async function sharedVault() {
  server = await bed.serve({ users: [HUB_USER] });
  const a = await vaultWithIndicators(dirs.make(), VALUES, steppingClock());
  open.push(a);
  addHub(a, server);
  const [first] = indicatorIds(a);
  shareIndicators(a.db, [first!], { actor: 'ana', at: a.now() });
  expect((await syncNow(a))[0]!.pushed.accepted).toBe(1);
  return { a, server, id: first!, other: indicatorIds(a)[1]! };
}

const author = (vault: Vault) => ({ actor: 'ana', at: vault.now() });
const outbox = (vault: Vault) =>
  vault.db.prepare('SELECT stix_id AS stixId, modified, state, object_json AS json FROM sync_outbox ORDER BY id').all() as { stixId: string; modified: string; state: string; json: string }[];

describe('triage edits of shared indicators', () => {
  it('queue the new version in the edit transaction, and the hub gets it on the next run', async () => {
    const { a, server, id, other } = await sharedVault();
    let inTransaction: boolean | undefined;
    const remove = addIndicatorsEditedHook((db) => {
      inTransaction ??= db.inTransaction;
    });
    updateIndicatorTriage(a.db, author(a), id, { status: 'malicious', addTags: ['c2'] });
    remove();
    expect(inTransaction).toBe(true);
    const rows = outbox(a);
    expect(rows.map((r) => r.state)).toEqual(['accepted', 'queued']);
    expect(rows[1]!.modified > rows[0]!.modified).toBe(true);
    expect(JSON.parse(rows[1]!.json)).toMatchObject({ indicator_types: ['malicious-activity'], labels: ['c2'] });
    // An indicator never shared stays out of the outbox whatever is edited.
    updateIndicatorTriage(a.db, author(a), other, { status: 'malicious' });
    expect(outbox(a)).toHaveLength(2);

    const [run] = await syncNow(a);
    expect(run!.pushed.accepted).toBe(1);
    const versions = server.collection(SHARED).versions;
    expect(versions).toHaveLength(2);
    expect(versions[1]!.object).toMatchObject({ id: rows[0]!.stixId, modified: rows[1]!.modified, indicator_types: ['malicious-activity'] });
  });

  it('a note changes nothing that is sent: no new version', async () => {
    const { a } = await sharedVault();
    updateIndicatorTriage(a.db, author(a), indicatorIds(a)[0]!, { notes: 'seen in the March phishing wave' });
    expect(outbox(a).map((r) => r.state)).toEqual(['accepted']);
  });

  it('a TLP raise above the ceiling withholds the new version, drops the unsent one, and says so; lowering it queues again', async () => {
    const { a, server, id } = await sharedVault();
    updateIndicatorTriage(a.db, author(a), id, { confidence: 80 });
    expect(outbox(a).map((r) => r.state)).toEqual(['accepted', 'queued']);
    updateIndicatorTriage(a.db, author(a), id, { tlp: 'red' });
    // The confidence version was amber-or-lower but the object is now red: not even it may leave.
    expect(outbox(a).map((r) => r.state)).toEqual(['accepted', 'superseded']);
    expect(syncStatus(a.db)[0]).toMatchObject({ queued: 0, withheld: 1 });
    expect((await syncNow(a))[0]!.pushed.accepted).toBe(0);
    expect(server.collection(SHARED).versions.map((v) => v.object.object_marking_refs)).not.toContainEqual([RED]);

    updateIndicatorTriage(a.db, author(a), id, { tlp: 'green' });
    expect(outbox(a).map((r) => r.state)).toEqual(['accepted', 'superseded', 'queued']);
    expect(syncStatus(a.db)[0]).toMatchObject({ queued: 1, withheld: 0 });
    expect(JSON.parse(outbox(a)[2]!.json)).toMatchObject({ confidence: 80 });
  });

  it('bulk changes and their undo queue versions of the shared indicators they touch, and only those', async () => {
    const { a, id } = await sharedVault();
    const change = applyBulkChange(a.db, author(a), { ids: indicatorIds(a) }, { status: 'suspicious' });
    expect(change.count).toBe(2);
    expect(outbox(a).map((r) => r.state)).toEqual(['accepted', 'queued']);
    expect(JSON.parse(outbox(a)[1]!.json)).toMatchObject({ indicator_types: ['anomalous-activity'] });
    undoBulkChange(a.db, author(a));
    // The undo's version supersedes the unsent bulk version; the indicator is back to what the hub has.
    const rows = outbox(a);
    expect(rows.map((r) => r.state)).toEqual(['accepted', 'superseded', 'queued']);
    expect(JSON.parse(rows[2]!.json).indicator_types).toBeUndefined();
    expect(a.db.prepare('SELECT count(DISTINCT stix_id) FROM sync_outbox').pluck().get()).toBe(1);
    expect(id).toBe(indicatorIds(a)[0]);
  });

  it('an edit that fails leaves no outbox row behind', async () => {
    const { a, id } = await sharedVault();
    // Runs after sync's hook has queued the version: the failure must take the queued row with it.
    const remove = addIndicatorsEditedHook((db) => {
      if (db.prepare("SELECT count(*) FROM sync_outbox WHERE state = 'queued'").pluck().get() === 1) throw new Error('disk full');
    });
    expect(() => updateIndicatorTriage(a.db, author(a), id, { confidence: 5 })).toThrow('disk full');
    remove();
    expect(outbox(a).map((r) => r.state)).toEqual(['accepted']);
    expect(a.db.prepare('SELECT confidence FROM indicators WHERE id = ?').pluck().get(id)).not.toBe(5);
  });
});

describe('share result', () => {
  it('counts queued and withheld per profile', async () => {
    server = await bed.serve({ users: [HUB_USER] });
    const a = await vaultWithIndicators(dirs.make(), VALUES, steppingClock());
    open.push(a);
    addHub(a, server, { tlpMax: 'amber' });
    addSyncProfile(a.db, { name: 'public', discoveryUrl: server.discoveryUrl, pushCollection: SHARED, credentials: { kind: 'none' }, tlpMax: 'clear' }, { actor: 'ana', at: a.now() });
    const result = shareIndicators(a.db, indicatorIds(a), { actor: 'ana', at: a.now() });
    expect(result).toMatchObject({ queued: 2, aboveCeiling: 2, perProfile: [{ profile: 'hub', queued: 2, withheld: 0 }, { profile: 'public', queued: 0, withheld: 2 }] });
    expect(syncStatus(a.db).map((s) => [s.profile, s.withheld])).toEqual([['hub', 0], ['public', 2]]);
  });
});
