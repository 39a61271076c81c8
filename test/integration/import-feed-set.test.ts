import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { importSources } from '../../main/core/ingest/import/import-job';
import type { Vault } from '../../main/core/vault';
import { createImportVault, importFiles, ingestFixture } from '../helpers/import-vault';
import { tempDirs } from '../helpers/temp-dirs';

/**
 * The fixture feed lists an event file it lacks and holds one it does not list, so every import here
 * commits the valid records (the default; --strict commits all or nothing). Issue #17.1: a MISP feed picked file by file (the UI had no folder picker) imported the feed's
 * hashes.csv as 1,053 "md5" indicators and called manifest.json unreadable. A feed's files are
 * recognised by content wherever they arrive and imported as the feed.
 */
const dirs = tempDirs('liaison-feed-set-');
const open: Vault[] = [];
afterEach(() => {
  for (const vault of open.splice(0)) vault.close();
  dirs.cleanup();
});

const FEED = ingestFixture('misp', 'feed');
const feedFiles = (): string[] => fs.readdirSync(FEED).sort().map((name) => path.join(FEED, name));

async function vault(): Promise<Vault> {
  const made = await createImportVault(dirs.make());
  open.push(made);
  return made;
}

const values = (v: Vault): string[] => (v.db.prepare("SELECT type || ':' || value FROM indicators ORDER BY 1").pluck().all() as string[]);

async function asFolder(): Promise<string[]> {
  const v = await vault();
  const summary = await importFiles(v, [FEED], { strict: false });
  expect(summary.results).toEqual([expect.objectContaining({ format: 'misp-feed', committed: true })]);
  return values(v);
}

describe('a MISP feed chosen file by file (issue #17.1)', () => {
  it('every file of the folder chosen as paths imports the feed once, and hashes.csv gives no md5 indicators', async () => {
    const expected = await asFolder();
    const v = await vault();
    const summary = await importFiles(v, feedFiles(), { strict: false });
    expect(summary.results).toEqual([expect.objectContaining({ file: 'feed', format: 'misp-feed', committed: true })]);
    expect(summary.errors).toEqual([expect.objectContaining({ reason: 'listed in manifest.json but the event file is missing' })]);
    expect(values(v)).toEqual(expected);
  });

  it('the same files uploaded as bytes (browser host) import as one feed with the same indicators', async () => {
    const expected = await asFolder();
    const v = await vault();
    const uploads = feedFiles().map((file) => ({ kind: 'bytes' as const, name: path.basename(file), bytes: new Uint8Array(fs.readFileSync(file)) }));
    const summary = await importSources(v.db, uploads, { format: 'auto', actor: 'ana', now: v.now });
    expect(summary.results).toEqual([expect.objectContaining({ file: 'manifest.json', format: 'misp-feed', committed: true })]);
    expect(summary.notes.map((n) => n.location)).toContain('hashes.csv');
    expect(values(v)).toEqual(expected);
    expect(values(v).some((value) => value.startsWith('md5:'))).toBe(expected.some((value) => value.startsWith('md5:')));
  });

  it('a lone hashes.csv or manifest.json is reported as the feed part it is, never as indicators or as unreadable', async () => {
    const v = await vault();
    for (const name of ['hashes.csv', 'manifest.json']) {
      const copy = path.join(dirs.make(), name);
      fs.copyFileSync(path.join(FEED, name), copy);
      const summary = await importFiles(v, [copy]);
      expect(summary.results[0]).toMatchObject({ committed: false, feedPart: name === 'hashes.csv' ? 'hashes' : 'manifest', records: 0 });
      expect(summary.errors).toEqual([]);
      expect(summary.notes[0]?.reason).toContain(name === 'hashes.csv' ? 'not indicators; not imported' : 'holds no indicators');
    }
    const uploaded = await importSources(v.db, [{ kind: 'bytes', name: 'hashes.csv', bytes: new Uint8Array(fs.readFileSync(path.join(FEED, 'hashes.csv'))) }], {
      format: 'csv',
      strict: true,
      actor: 'ana',
      now: v.now,
    });
    expect(uploaded.results[0]).toMatchObject({ committed: false, feedPart: 'hashes' });
    expect(values(v)).toEqual([]);
  });
});
