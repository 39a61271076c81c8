import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { listAudit } from '../../main/core/audit';
import { indexIndicators, readQueuePage } from '../../main/core/triage';
import { seedIndicators } from '../../main/core/triage/testing/seed';
import { createVault } from '../../main/core/vault';
import {
  listHitsForIndicator,
  listWarninglists,
  matchAgainstWarninglists,
  matchIndicators,
  parseWarninglist,
  readWarninglistFolder,
  setWarninglistCategory,
  storeWarninglists,
  suggestStatus,
} from '../../main/core/warninglists';
import { tempDirs } from '../helpers/temp-dirs';
import { FAST_KDF, steppingClock } from '../helpers/vault-forge';

const dirs = tempDirs('liaison-warninglists-');
afterEach(() => dirs.cleanup());
const FIXTURES = path.resolve(__dirname, '../fixtures/warninglists');

describe('warninglists in a vault', () => {
  it('loads a misp-warninglists folder, flags indicators, and a reload updates the flags', async () => {
    const vault = await createVault(path.join(dirs.make(), 'vault'), 'warninglist passphrase', { actor: 'ana', kdf: FAST_KDF, now: steppingClock() });
    const author = () => ({ actor: 'ana', at: vault.now() });
    const ids = seedIndicators(vault.db, [
      { type: 'ipv4', value: '9.9.9.9' },
      { type: 'hostname', value: 'mail.google.com' },
      { type: 'url', value: 'https://bit.ly/3xYz' },
      { type: 'hostname', value: 'ns7.sinkhole.example' },
      { type: 'ipv4', value: '192.168.10.4' },
      { type: 'domain', value: 'notgoogle.com' },
    ]);
    indexIndicators(vault.db);

    const read = readWarninglistFolder(FIXTURES);
    expect(read.lists.map((l) => l.type).sort()).toEqual(['cidr', 'cidr', 'hostname', 'regex', 'string', 'substring']);
    expect(read.problems).toEqual([expect.stringMatching(/^lists[/\\]broken[/\\]list\.json has no whole-number version\.$/)]);
    const first = storeWarninglists(vault.db, author(), read.lists);
    expect(first.lists.every((l) => l.outcome === 'new')).toBe(true);
    const onLists = (id: number) => listHitsForIndicator(vault.db, id).map((h) => h.name);
    expect(onLists(ids[0]!)).toEqual(['List of known IPv4 public DNS resolvers']);
    expect(onLists(ids[1]!)).toEqual(['Top 10 most used domains']);
    expect(onLists(ids[2]!)).toEqual(['URL shortener services']);
    expect(onLists(ids[3]!)).toEqual(['Sinkhole name servers']);
    expect(onLists(ids[4]!)).toEqual(['List of RFC 1918 CIDR blocks']);
    expect(onLists(ids[5]!)).toEqual([]);
    // A known list (public DNS resolvers) asks for a check and suggests nothing; a private range is a false positive.
    expect(suggestStatus(listHitsForIndicator(vault.db, ids[0]!))).toBeUndefined();
    expect(listHitsForIndicator(vault.db, ids[0]!)).toEqual([
      expect.objectContaining({ category: 'known', suggestedStatus: null, knownKind: 'public DNS resolvers' }),
    ]);
    expect(suggestStatus(listHitsForIndicator(vault.db, ids[4]!))).toBe('false-positive');
    expect(first.hits).toBe(5);

    // Same versions again: nothing rewritten, nothing audited.
    const auditBefore = listAudit(vault.db, { limit: 1000 }).length;
    expect(storeWarninglists(vault.db, author(), read.lists).lists.every((l) => l.outcome === 'unchanged')).toBe(true);
    expect(listAudit(vault.db, { limit: 1000 })).toHaveLength(auditBefore);

    // A new version without 9.9.9.0/24 drops that flag; a new indicator is flagged by the import hook.
    const dns = read.lists.find((l) => l.type === 'cidr' && l.name.includes('DNS'))!;
    const reload = storeWarninglists(vault.db, author(), [{ ...dns, version: dns.version + 1, entries: dns.entries.filter((e) => !e.startsWith('9.9.9')) }]);
    expect(reload.lists[0]).toMatchObject({ outcome: 'updated' });
    expect(onLists(ids[0]!)).toEqual([]);
    expect(listAudit(vault.db)[0]).toMatchObject({ action: 'warninglist.load', before: { version: dns.version }, after: { version: dns.version + 1 } });
    const [added] = seedIndicators(vault.db, [{ type: 'ipv4', value: '1.1.1.1' }]);
    expect(matchIndicators(vault.db, ids[5]!)).toEqual({ scanned: 1, hits: 1 });
    expect(readQueuePage(vault.db, { filter: { conditions: [{ field: 'warninglist', op: '=', value: dns.name }] }, sort: { key: 'id', direction: 'asc' }, limit: 5 }).rows.map((r) => r.id)).toEqual([added]);
    expect(matchAgainstWarninglists(vault.db, 'ipv4', '208.67.222.222').map((h) => h.name)).toEqual([dns.name]);
    expect(listWarninglists(vault.db).find((l) => l.name === dns.name)).toMatchObject({ version: dns.version + 1, hits: 1 });
    vault.close();
  });

  it('an analyst sets a list\'s category; it is audited and outlives a new version of the list (issue #17.2)', async () => {
    const vault = await createVault(path.join(dirs.make(), 'vault'), 'wl passphrase 12', { actor: 'ana', kdf: FAST_KDF, now: steppingClock() });
    const author = () => ({ actor: 'ana', at: vault.now() });
    const [id] = seedIndicators(vault.db, [{ type: 'ipv4', value: '185.220.101.7' }]);
    const vpn = parseWarninglist('{"name":"List of known VPN ranges","version":1,"type":"cidr","list":["185.220.101.0/24"]}', 'vpn/list.json');
    storeWarninglists(vault.db, author(), [vpn]);
    expect(suggestStatus(listHitsForIndicator(vault.db, id!))).toBeUndefined();

    expect(setWarninglistCategory(vault.db, author(), 'List of known VPN ranges', 'false-positive')).toMatchObject({ changed: true });
    expect(suggestStatus(listHitsForIndicator(vault.db, id!))).toBe('false-positive');
    expect(listAudit(vault.db)[0]).toMatchObject({ action: 'warninglist.category', before: { category: 'known' }, after: { category: 'false-positive' } });
    storeWarninglists(vault.db, author(), [{ ...vpn, version: 2 }]);
    expect(listWarninglists(vault.db)[0]).toMatchObject({ version: 2, category: 'false-positive', categorySource: 'analyst', suggestedStatus: 'false-positive' });
    expect(() => setWarninglistCategory(vault.db, author(), 'No such list', 'known')).toThrow(/No warninglist named "No such list"/);
    vault.close();
  });

  it('skips a folder entry that is not a list and refuses a missing folder', () => {
    const dir = dirs.make();
    fs.mkdirSync(path.join(dir, 'lists', 'a'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'lists', 'a', 'list.json'), '{"name":"A","version":1,"type":"string","list":["x"]}');
    fs.writeFileSync(path.join(dir, 'lists', 'list.json'), '[]');
    const read = readWarninglistFolder(dir);
    expect(read.lists.map((l) => l.name)).toEqual(['A']);
    expect(read.problems).toHaveLength(1);
    expect(() => readWarninglistFolder(path.join(dir, 'nope'))).toThrow(/does not exist/);
  });
});
