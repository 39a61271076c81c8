import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { listAudit } from '../../main/core/audit';
import {
  applyBulkChange,
  buildPositionIndex,
  countByStatus,
  countBySource,
  countByTlp,
  cursorAtPosition,
  expireDue,
  indexIndicators,
  listCorrelations,
  listImportsPerDay,
  listSavedViews,
  readQueuePage,
  saveView,
  undoBulkChange,
} from '../../main/core/triage';
import { seedIndicators } from '../../main/core/triage/testing/seed';
import { createVault, unlockVault } from '../../main/core/vault';
import { matchIndicators, readWarninglistFolder, storeWarninglists } from '../../main/core/warninglists';
import { tempDirs } from '../helpers/temp-dirs';
import { FAST_KDF, steppingClock } from '../helpers/vault-forge';

const dirs = tempDirs('liaison-triage-');
afterEach(() => dirs.cleanup());
const FIXTURES = path.resolve(__dirname, '../fixtures/warninglists');

describe('triage on a real encrypted vault', () => {
  it('queues, searches, bulk-changes, undoes, expires and survives a lock/unlock', async () => {
    const location = path.join(dirs.make(), 'vault');
    const vault = await createVault(location, 'triage test passphrase', { actor: 'ana', kdf: FAST_KDF, now: steppingClock() });
    const author = () => ({ actor: vault.actor, at: vault.now() });
    const ids = seedIndicators(vault.db, [
      { type: 'ipv4', value: '8.8.8.8', lastSeen: '2026-02-01T00:00:00.000Z', source: 'Partner' },
      { type: 'domain', value: 'evil.example', lastSeen: '2026-02-03T00:00:00.000Z', tags: ['phishing'] },
      { type: 'hostname', value: 'cdn.evil.example', lastSeen: '2026-02-02T00:00:00.000Z', validUntil: '2026-02-15T00:00:00.000Z' },
      { type: 'md5', value: 'd41d8cd98f00b204e9800998ecf8427e', location: 'objects[4] (file--1)', source: 'Partner' },
      { type: 'sha256', value: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855', location: 'objects[4] (file--1)', source: 'Partner' },
      { type: 'cidr', value: '8.8.8.0/24' },
    ]);
    indexIndicators(vault.db);
    const read = readWarninglistFolder(FIXTURES);
    storeWarninglists(vault.db, author(), read.lists);

    const page = readQueuePage(vault.db, {
      filter: { conditions: [{ field: 'warninglist', op: '=', value: 'yes' }] },
      sort: { key: 'id', direction: 'asc' },
      limit: 10,
    });
    expect(page.rows.map((r) => [r.value, r.warninglists])).toEqual([
      ['8.8.8.8', ['List of known IPv4 public DNS resolvers']],
      ['d41d8cd98f00b204e9800998ecf8427e', ['Hashes of empty files']],
      ['e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855', ['Hashes of empty files']],
    ]);

    const correlations = listCorrelations(vault.db, ids[1]!);
    expect(correlations.sameDomain.map((r) => r.value)).toEqual(['cdn.evil.example']);
    expect(listCorrelations(vault.db, ids[0]!).containingNetworks.map((r) => r.value)).toEqual(['8.8.8.0/24']);
    expect(listCorrelations(vault.db, ids[5]!).addressesInNetwork.map((r) => r.value)).toEqual(['8.8.8.8']);
    expect(listCorrelations(vault.db, ids[3]!).sameFile.map((r) => r.type)).toEqual(['sha256']);

    const bulk = applyBulkChange(vault.db, author(), { filter: { conditions: [{ field: 'warninglist', op: '=', value: 'Hashes of empty files' }] } }, { status: 'false-positive' });
    expect(bulk.count).toBe(2);
    expect(countByStatus(vault.db)).toEqual([
      { key: 'new', count: 4 },
      { key: 'false-positive', count: 2 },
    ]);
    expect(countByTlp(vault.db)).toEqual([{ key: 'green', count: 6 }]);
    expect(countBySource(vault.db)).toEqual([
      { key: 'Partner', count: 3 },
      { key: 'seed feed', count: 3 },
    ]);
    expect(listImportsPerDay(vault.db)).toEqual([{ day: '2026-01-02', imports: 2, indicatorsNew: 0, indicatorsMerged: 0 }]);
    saveView(vault.db, author(), 'Fresh phishing', { filter: { conditions: [{ field: 'tag', op: '=', value: 'phishing' }] }, sort: { key: 'last_seen', direction: 'desc' } });
    vault.close();

    const again = await unlockVault(location, 'triage test passphrase', { actor: 'ben', now: steppingClock('2026-03-01T00:00:00.000Z') });
    expect(undoBulkChange(again.db, { actor: again.actor, at: again.now() })).toMatchObject({ count: 2, kept: 0 });
    expect(expireDue(again.db, { actor: again.actor, now: again.now() })).toMatchObject({ count: 1 });
    expect(listSavedViews(again.db).map((v) => v.name)).toEqual(['Fresh phishing']);
    expect(readQueuePage(again.db, { filter: { text: 'phishing' }, sort: { key: 'id', direction: 'asc' }, limit: 5 }).rows.map((r) => r.value)).toEqual(['evil.example']);
    const index = buildPositionIndex(again.db, { filter: {}, sort: { key: 'last_seen', direction: 'desc' } }, 2);
    const cursor = cursorAtPosition(again.db, index, 3);
    expect(readQueuePage(again.db, { filter: {}, sort: { key: 'last_seen', direction: 'desc' }, limit: 1, cursor }).rows[0]!.value).toBe('8.8.8.0/24');
    expect(listAudit(again.db, { limit: 3 }).map((e) => [e.actor, e.action])).toEqual([
      ['ben', 'indicators.auto-expire'],
      ['ben', 'indicators.bulk-undo'],
      ['ana', 'view.save'],
    ]);
    expect(matchIndicators(again.db, ids[5]!)).toEqual({ scanned: 0, hits: 0 });
    again.close();
  });
});
