import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { listIndicators } from '../../main/core/vault/queries/indicator-reads';
import type { Vault } from '../../main/core/vault';
import { createImportVault, importFiles } from '../helpers/import-vault';
import { tempDirs } from '../helpers/temp-dirs';

/**
 * Issue #14: a value that stands alone (a line, a CSV cell, a STIX comparison, a MISP attribute) is what
 * it looks like. The resolvers below are lines of MISP's public warninglist "List of known IPv4 public
 * DNS resolvers" (misp-warninglists, lists/public-dns-v4/list.json), the list that lost 8.8.8.8 and
 * 1.1.1.1 as "version numbers".
 */
const RESOLVERS = ['8.8.8.8', '1.1.1.1', '4.2.2.2', '9.9.9.9'];

const dirs = tempDirs('liaison-stands-alone-');
const open: Vault[] = [];
afterEach(() => {
  for (const vault of open.splice(0)) vault.close();
  dirs.cleanup();
});

async function importOne(name: string, content: string): Promise<string[]> {
  const dir = dirs.make();
  const vault = await createImportVault(dir);
  open.push(vault);
  const file = path.join(dir, name);
  fs.writeFileSync(file, content);
  const summary = await importFiles(vault, [file]);
  expect(summary.ambiguities).toEqual([]);
  expect(summary.results).toEqual([expect.objectContaining({ committed: true, rejected: 0 })]);
  return listIndicators(vault.db, { limit: 100 }).map((i) => `${i.type}:${i.value}`).sort();
}

const expected = RESOLVERS.map((ip) => `ipv4:${ip}`).sort();

describe('a value that stands alone is what it looks like', () => {
  it('a text list, one address a line', async () => {
    expect(await importOne('resolvers.txt', RESOLVERS.join('\n') + '\n')).toEqual(expected);
  });

  it('CSV cells', async () => {
    expect(await importOne('resolvers.csv', 'ip,comment\n' + RESOLVERS.map((ip) => `${ip},resolver`).join('\n') + '\n')).toEqual(expected);
  });

  it('STIX comparisons', async () => {
    const objects = RESOLVERS.map((ip, n) => ({
      type: 'indicator',
      spec_version: '2.1',
      id: `indicator--00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
      created: '2024-05-01T00:00:00.000Z',
      modified: '2024-05-01T00:00:00.000Z',
      pattern: `[ipv4-addr:value = '${ip}']`,
      pattern_type: 'stix',
      valid_from: '2024-05-01T00:00:00.000Z',
    }));
    expect(await importOne('resolvers.json', JSON.stringify({ type: 'bundle', id: 'bundle--5d0092c5-5f74-4287-9642-33f4c354e56d', objects }))).toEqual(expected);
  });

  it('MISP attributes', async () => {
    const Attribute = RESOLVERS.map((ip, n) => ({
      uuid: `a1000000-0000-4000-8000-00000000000${n}`,
      type: 'ip-dst',
      category: 'Network activity',
      value: ip,
      to_ids: true,
      timestamp: '1707912100',
    }));
    const event = { Event: { id: '1', uuid: '5f1c9a3e-7d2b-4c8e-9a1f-3b6d2e4c8a10', info: 'resolvers', date: '2024-02-14', Attribute } };
    expect(await importOne('event.json', JSON.stringify(event))).toEqual(expected);
  });
});
