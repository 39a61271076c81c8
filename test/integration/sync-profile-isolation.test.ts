import { describe, expect, it, vi } from 'vitest';
import { WorkbenchError } from '../../main/core/errors';
import { addSyncProfile, shareIndicators, syncStatus } from '../../main/core/sync';
import { steppingClock } from '../helpers/vault-forge';
import type * as PageImport from '../../main/core/sync/page-import';
import { addHub, HUB_USER, indicatorIds, SHARED, syncNow, syncTestBed, vaultWithIndicators } from '../helpers/sync-harness';

// The import of a page fails for the profile named "broken" only: a domain failure (not a network or
// protocol one) in one profile, as a busy vault or a refused page would be.
vi.mock('../../main/core/sync/page-import', async (importOriginal) => {
  const real = await importOriginal<typeof PageImport>();
  return {
    ...real,
    importPage: (...args: Parameters<typeof real.importPage>) =>
      args[2].sourceName === 'broken' ? Promise.reject(new WorkbenchError('INVALID_INPUT', 'The pulled page could not be imported.')) : real.importPage(...args),
  };
});

const bed = syncTestBed('liaison-sync-isolation-');
const { dirs, open } = bed;

describe('one sync run over several profiles', () => {
  it('records a failure of one profile in words and still syncs the others', async () => {
    const server = await bed.serve({ users: [HUB_USER] });
    const clock = steppingClock();
    const a = await vaultWithIndicators(dirs.make(), ['isolated-hub.top', '198.51.100.23'], clock);
    const b = await vaultWithIndicators(dirs.make(), [], clock);
    open.push(a, b);
    addHub(a, server);
    shareIndicators(a.db, indicatorIds(a), { actor: 'ana', at: a.now() });
    expect((await syncNow(a))[0]).toMatchObject({ ok: true, pushed: { accepted: 2 } });

    // "broken" sorts first, so before the fix its failure ended the run before "hub" was reached.
    addSyncProfile(b.db, { name: 'broken', discoveryUrl: server.discoveryUrl, pushCollection: SHARED, credentials: { kind: 'basic', ...HUB_USER.basic }, tlpMax: 'amber' }, { actor: 'bo', at: b.now() });
    addHub(b, server);
    const reports = await syncNow(b);
    expect(reports.map((r) => [r.profile, r.ok, r.error ?? null])).toEqual([
      ['broken', false, 'The pulled page could not be imported.'],
      ['hub', true, null],
    ]);
    expect(indicatorIds(b)).toHaveLength(2);
    expect(syncStatus(b.db).map((s) => [s.profile, s.lastError])).toEqual([
      ['broken', 'The pulled page could not be imported.'],
      ['hub', null],
    ]);
  });
});
