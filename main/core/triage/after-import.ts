import type { Database } from 'better-sqlite3-multiple-ciphers';
import { matchIndicators } from '../warninglists/match-indicators';
import { indexIndicators } from './search-index';

/**
 * What must happen to the indicators an import added before it commits: the search index and the
 * warninglist flags, both set-based over the new id range (per-row triggers would cost every row twice).
 */
export function indexImportedIndicators(db: Database, lastIdBefore: number): void {
  indexIndicators(db, lastIdBefore);
  matchIndicators(db, lastIdBefore);
}
