import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { ImportIndexing } from '../ingest/import/import-items';
import { BulkInsert } from '../vault/queries/bulk-insert';
import { matchIndicators } from '../warninglists/match-indicators';
import { indexIndicators, refreshSearchRows } from './search-index';
import { searchRowOf } from './search-row';

/**
 * What an import must do for the indicators it writes, inside its transaction: their search rows and
 * warninglist flags. Search rows of the indicators it creates are written as they are created, from the
 * entries in memory (reading a million rows back at the end decrypted every page a second time); rows it
 * changes after creating them (a repeat later in the file, a STIX relationship applied at the end), and
 * older rows whose sighting a repeat gave a comment or snippet, are rewritten from the tables before it
 * commits, as are older rows no import indexed yet.
 */
export const indexImportedIndicators: ImportIndexing = (db: Database, lastIdBefore: number) => {
  // Ids above the last existing one belong to this import. A watermark above it (its rows deleted since)
  // comes down, so the triggers of migration 0060 leave this import's rows to this indexer.
  db.prepare('UPDATE triage_state SET indexed_through = min(indexed_through, ?) WHERE id = 1').run(lastIdBefore);
  const rows = new BulkInsert(db, 'INSERT INTO indicator_search (rowid, value, notes, tags, context)', 5);
  const changed = new Set<number>();
  return {
    written(entries, ids, outcomes) {
      for (let k = 0; k < entries.length; k++) {
        const id = ids[k]!;
        if (outcomes[k] === 'new') {
          // FTS5 takes a rowid only as an integer; better-sqlite3 binds plain numbers as reals.
          rows.values.push(BigInt(id), ...searchRowOf(entries[k]!));
          rows.rowAdded();
        } else if (id > lastIdBefore) {
          changed.add(id);
        } else if (outcomes[k] === 'repeat' && (entries[k]!.indicator.comment !== null || entries[k]!.indicator.snippet !== null)) {
          // An older row named again in this file: its sighting here may take the comment or snippet the
          // first mention lacked, an UPDATE no trigger of migration 0060 sees.
          changed.add(id);
        }
      }
    },
    amended(id) {
      if (id > lastIdBefore) changed.add(id);
    },
    finish() {
      rows.flush();
      indexIndicators(db, lastIdBefore, lastIdBefore);
      refreshSearchRows(db, [...changed]);
      db.prepare('UPDATE triage_state SET indexed_through = (SELECT ifnull(max(id), 0) FROM indicators) WHERE id = 1').run();
      matchIndicators(db, lastIdBefore);
    },
  };
};
