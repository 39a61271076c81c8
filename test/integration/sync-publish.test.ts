import { afterEach, describe, expect, it } from 'vitest';
import { BriefingService } from '../../main/core/briefings';
import { addSyncProfile, publishBriefing } from '../../main/core/sync';
import type { Vault } from '../../main/core/vault';
import { steppingClock } from '../helpers/vault-forge';
import { tempDirs } from '../helpers/temp-dirs';
import { addHub, HUB_USER, indicatorIds, SHARED, syncNow, vaultWithIndicators } from '../helpers/sync-harness';
import { startTaxiiServer, type TaxiiTestServer } from '../taxii-server/server';

const dirs = tempDirs('liaison-sync-publish-');
let vault: Vault | undefined;
let server: TaxiiTestServer | undefined;
afterEach(async () => {
  vault?.close();
  await server?.close();
  dirs.cleanup();
});

describe('briefing publish over sync', () => {
  it('publishes and queues the briefing STIX in one transaction, cut at each profile ceiling', async () => {
    server = await startTaxiiServer({ users: [HUB_USER] });
    vault = await vaultWithIndicators(dirs.make(), ['198.51.100.61', 'lantern-depot.top'], steppingClock());
    const v = vault;
    addHub(v, server);
    addSyncProfile(v.db, { name: 'public', discoveryUrl: server.discoveryUrl, pushCollection: SHARED, credentials: { kind: 'none' }, tlpMax: 'clear' }, { actor: 'ana', at: v.now() });
    const service = new BriefingService({ reader: () => v.db, writer: () => v.db, author: () => ({ actor: 'ana', at: v.now() }), changed: () => undefined });
    const b = service.create({ title: 'Lantern relays', tlp: 'green' });
    service.attach(b.id, { indicatorIds: indicatorIds(v) });
    service.setStatus(b.id, 'in-review');

    // Not approved yet: the service refuses, and nothing is queued (same transaction).
    expect(() => publishBriefing(v.db, b.id, { setPublished: () => service.setStatus(b.id, 'published'), actor: 'ana', at: v.now() })).toThrow(/cannot move from in-review to published/);
    expect(v.db.prepare('SELECT count(*) FROM sync_outbox').pluck().get()).toBe(0);

    service.setStatus(b.id, 'approved');
    const result = publishBriefing(v.db, b.id, { setPublished: () => service.setStatus(b.id, 'published'), actor: 'ana', at: v.now() });
    expect(service.get(b.id).status).toBe('published');
    expect(result.profiles).toEqual([
      { profile: 'hub', queued: 4, withheld: 0 },
      { profile: 'public', queued: 0, withheld: 0, refused: "the briefing is TLP:GREEN, above this profile's ceiling TLP:CLEAR" },
    ]);
    const [run] = await syncNow(v, { profile: 'hub' });
    expect(run!.pushed.accepted).toBe(4);
    const types = server.collection(SHARED).versions.map((x) => x.object.type).sort();
    expect(types).toEqual(['identity', 'indicator', 'indicator', 'report']);
    const report = server.collection(SHARED).versions.find((x) => x.object.type === 'report')!.object;
    expect(report).toMatchObject({ name: 'Lantern relays' });
    expect((report.object_refs as string[]).length).toBe(3);
  });
});
