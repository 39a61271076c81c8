/**
 * A file imported twice must not count its values twice (issue #17.3): dropping the same report again
 * turned "Seen 1" into 2 and added a second source entry, and a daily re-pull of an unchanged feed
 * doubled every count. The same bytes (SHA-256; a feed folder by its manifest) are recognised and the
 * import is rolled back with "already imported on DATE". A different file naming the same value (a
 * report's second edition, tomorrow's feed) is a new sighting as before.
 */
import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { FileImportResult } from './import-summary';

export interface EarlierImport {
  sourceId: number;
  sourceName: string;
  importedAt: string;
}

/** The first committed import of a file with this SHA-256, if any (idx_sources__file_sha256). */
export function findEarlierImport(db: Database, sha256: string): EarlierImport | undefined {
  return db
    .prepare('SELECT id AS sourceId, name AS sourceName, imported_at AS importedAt FROM sources WHERE file_sha256 = ? ORDER BY id LIMIT 1')
    .get(sha256) as EarlierImport | undefined;
}

/** The result of a file that was already imported: nothing committed, nothing counted, and why. */
export function alreadyImportedResult(result: FileImportResult, sha256: string, earlier: EarlierImport): FileImportResult {
  const day = earlier.importedAt.slice(0, 10);
  return {
    ...result,
    sha256,
    records: 0,
    indicatorsNew: 0,
    indicatorsMerged: 0,
    rejected: 0,
    errors: [],
    ambiguities: [],
    notes: [{ file: result.file, location: 'file', reason: `already imported on ${day} (source "${earlier.sourceName}"): the same file again adds no sightings; nothing changed` }],
    alreadyImported: { sourceId: earlier.sourceId, sourceName: earlier.sourceName, importedAt: earlier.importedAt },
  };
}
