import type Database from 'better-sqlite3-multiple-ciphers';
import { afterEach, describe, expect, it } from 'vitest';
import { indexImportedIndicators, indexIndicators } from '../../main/core/triage';
import type { Vault } from '../../main/core/vault';
import { createImportVault, importFiles, ingestFixture } from '../helpers/import-vault';
import { tempDirs } from '../helpers/temp-dirs';

const dirs = tempDirs('liaison-import-search-');
afterEach(() => dirs.cleanup());

/**
 * Every format, including files whose later objects change indicators created earlier in the file
 * (STIX relationships and sightings, MISP objects, repeated CSV rows), and a second import that merges.
 */
const FILES = [
  ['real', 'opencti-export-2.1.json'],
  ['real', 'unit42-playbook-2.0.json'],
  ['real', 'circl-osint-event.json'],
  ['stix', 'bundle-2.1.json'],
  ['misp', 'event-amber-strict.json'],
  ['csv', 'vendor-feed.csv'],
  ['csv', 'urlhaus-style.csv'],
  ['real', 'feodo-ipblocklist.csv'],
  ['text', 'apt-report.md'],
  ['text', 'apt-report.html'],
].map((parts) => ingestFixture(...parts));

/** For every term in the index: the ids it matches, as the queue's MATCH sees them. */
function termMatches(db: Database.Database): Map<string, number[]> {
  db.exec("CREATE VIRTUAL TABLE IF NOT EXISTS temp.search_terms USING fts5vocab(main, 'indicator_search', 'row')");
  const terms = db.prepare('SELECT term FROM temp.search_terms').pluck().all() as string[];
  const match = db.prepare('SELECT rowid FROM indicator_search WHERE indicator_search MATCH ? ORDER BY rowid').pluck();
  return new Map(terms.map((term) => [term, match.all(`"${term.replace(/"/g, '""')}"`) as number[]]));
}

async function vaultWith(files: readonly string[], indexing: 'as-written' | 'afterwards'): Promise<Vault> {
  const vault = await createImportVault(dirs.make());
  for (const file of files) {
    const summary = await importFiles(vault, [file], { strict: false, ...(indexing === 'as-written' ? { indexing: indexImportedIndicators } : {}) });
    expect(summary.errors.filter((e) => e.location === 'file'), file).toEqual([]);
  }
  if (indexing === 'afterwards') indexIndicators(vault.db);
  return vault;
}

describe('search rows an import writes as it goes', () => {
  it('match exactly what indexing the stored rows afterwards gives, term by term', async () => {
    // Imported twice: the second round merges into every indicator (new sighting, same statements).
    const files = [...FILES, ...FILES.slice(0, 3)];
    const written = await vaultWith(files, 'as-written');
    const rebuilt = await vaultWith(files, 'afterwards');
    try {
      const expected = termMatches(rebuilt.db);
      expect(expected.size).toBeGreaterThan(200);
      const actual = termMatches(written.db);
      expect([...actual.keys()].sort()).toEqual([...expected.keys()].sort());
      for (const [term, ids] of expected) expect(actual.get(term), term).toEqual(ids);
      const watermark = (db: Database.Database) => db.prepare('SELECT indexed_through FROM triage_state').pluck().get();
      expect(watermark(written.db)).toBe(written.db.prepare('SELECT max(id) FROM indicators').pluck().get());
    } finally {
      written.close();
      rebuilt.close();
    }
  });

  it('index a file whose ids take the place of deleted rows the index had covered', async () => {
    const vault = await createImportVault(dirs.make());
    try {
      await importFiles(vault, [ingestFixture('csv', 'vendor-feed.csv')], { indexing: indexImportedIndicators });
      const before = vault.db.prepare('SELECT max(id) FROM indicators').pluck().get() as number;
      // The newest rows go (their search rows with them); the next import reuses their ids.
      vault.db.prepare('DELETE FROM indicators WHERE id > ?').run(before - 3);
      const second = await importFiles(vault, [ingestFixture('real', 'feodo-ipblocklist.csv')], { strict: false, indexing: indexImportedIndicators });
      expect(second.indicators_new).toBeGreaterThan(3);
      const ids = vault.db.prepare('SELECT id, value FROM indicators WHERE id > ?').all(before - 3) as { id: number; value: string }[];
      expect(ids.length).toBeGreaterThan(3);
      const find = vault.db.prepare('SELECT rowid FROM indicator_search WHERE indicator_search MATCH ?').pluck();
      for (const { id, value } of ids) expect(find.all(`value:"${value.replace(/"/g, '""')}"`), value).toContain(id);
      const count = vault.db.prepare('SELECT count(*) FROM indicator_search').pluck().get();
      expect(count).toBe(vault.db.prepare('SELECT count(*) FROM indicators').pluck().get());
    } finally {
      vault.close();
    }
  });
});
