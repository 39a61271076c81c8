import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { listIndicators } from '../../main/core/vault/queries/indicator-reads';
import type { Vault } from '../../main/core/vault';
import { createImportVault, importFiles } from '../helpers/import-vault';
import { tempDirs } from '../helpers/temp-dirs';

/** Issue #14: shapes of real attack infrastructure are read (with a note where repaired), not rejected. */
const dirs = tempDirs('liaison-real-shapes-');
const open: Vault[] = [];
afterEach(() => {
  for (const vault of open.splice(0)) vault.close();
  dirs.cleanup();
});

async function importOne(name: string, content: string) {
  const dir = dirs.make();
  const vault = await createImportVault(dir);
  open.push(vault);
  const file = path.join(dir, name);
  fs.writeFileSync(file, content);
  const summary = await importFiles(vault, [file]);
  const values = listIndicators(vault.db, { limit: 100 }).map((i) => `${i.type}:${i.value}`).sort();
  return { summary, values };
}

describe('real shapes in structured files', () => {
  it('CSV: an unbracketed IPv6 URL host, a URL broken before its path, a comma for a dot', async () => {
    const csv = 'value,type\n"http://fdc4:2581::1/gate.php",url\n"http://lantern-c2.com /upd/x.bin",url\n"update.lantern-c2,com",domain\n';
    const { summary, values } = await importOne('feed.csv', csv);
    expect(summary.errors).toEqual([]);
    expect(summary.results).toEqual([expect.objectContaining({ committed: true, rejected: 0 })]);
    expect(values).toEqual(['domain:update.lantern-c2.com', 'url:http://[fdc4:2581::1]/gate.php', 'url:http://lantern-c2.com/upd/x.bin']);
    expect(summary.notes.map((n) => n.reason)).toEqual([
      '"http://lantern-c2.com /upd/x.bin" had whitespace inside a URL; read as http://lantern-c2.com/upd/x.bin',
      '"update.lantern-c2,com" has a comma for a dot; read as update.lantern-c2.com',
    ]);
    expect(summary.notes[0]).toMatchObject({ file: 'feed.csv', location: expect.stringContaining('line 3') });
  });

  it('text: a URL broken by a space before its path is read whole, with a note', async () => {
    const { summary, values } = await importOne('notes.txt', 'Payload at hxxp://lantern-c2[.]com /upd/x.bin was fetched\n');
    expect(values).toEqual(['url:http://lantern-c2.com/upd/x.bin']);
    expect(summary.notes).toEqual([
      { file: 'notes.txt', location: 'line 1, column 12', reason: '"hxxp://lantern-c2[.]com /upd/x.bin" had a space inside a URL; read as http://lantern-c2.com/upd/x.bin' },
    ]);
  });

  it('MISP: an ssdeep wrapped over lines in an attribute', async () => {
    const ssdeep = '3072:Zl5rCBYfu9iP4eGTlJ1bP3qv1SVT/:Zl5rCBYfu9iP4eGTlJ1bP3qv1SVT/';
    const Attribute = [{ uuid: 'a1000000-0000-4000-8000-000000000001', type: 'ssdeep', category: 'Payload delivery', value: `${ssdeep.slice(0, 40)}\n${ssdeep.slice(40)}`, to_ids: true, timestamp: '1707912100' }];
    const { summary, values } = await importOne('event.json', JSON.stringify({ Event: { id: '1', uuid: '5f1c9a3e-7d2b-4c8e-9a1f-3b6d2e4c8a10', info: 'wrapped', date: '2024-02-14', Attribute } }));
    expect(summary.errors).toEqual([]);
    expect(values).toEqual([`ssdeep:${ssdeep}`]);
    expect(summary.notes).toEqual([expect.objectContaining({ reason: expect.stringContaining('had whitespace inside a ssdeep hash') })]);
  });
});
