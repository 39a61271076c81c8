/** Reading warninglists and their hits. */
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { loadListMatchers, matchValue } from './match-indicators';
import type { WarninglistType } from './warninglist-file';

export interface WarninglistSummary {
  id: number;
  name: string;
  version: number;
  type: WarninglistType;
  description: string;
  suggestedStatus: 'benign' | 'false-positive';
  entries: number;
  hits: number;
  loadedAt: string;
}

export interface WarninglistHit {
  listId: number;
  name: string;
  suggestedStatus: 'benign' | 'false-positive';
}

export function listWarninglists(db: Database): WarninglistSummary[] {
  return db
    .prepare(
      `SELECT w.id, w.name, w.version, w.type, w.description, w.suggested_status AS suggestedStatus, w.entry_count AS entries,
              (SELECT count(*) FROM warninglist_hits h WHERE h.list_id = w.id) AS hits, w.loaded_at AS loadedAt
       FROM warninglists w ORDER BY w.name`,
    )
    .all() as WarninglistSummary[];
}

/** The lists an indicator in the vault is flagged on. */
export function listHitsForIndicator(db: Database, indicatorId: number): WarninglistHit[] {
  return db
    .prepare(
      `SELECT w.id AS listId, w.name, w.suggested_status AS suggestedStatus FROM warninglist_hits h JOIN warninglists w ON w.id = h.list_id
       WHERE h.indicator_id = ? ORDER BY w.name`,
    )
    .all(indicatorId) as WarninglistHit[];
}

/** The lists a canonical (type, value) is on, whether or not it is in the vault. */
export function matchAgainstWarninglists(db: Database, type: string, value: string): WarninglistHit[] {
  const ids = new Set(matchValue(loadListMatchers(db), type, value));
  if (ids.size === 0) return [];
  return (db.prepare('SELECT id AS listId, name, suggested_status AS suggestedStatus FROM warninglists ORDER BY name').all() as WarninglistHit[]).filter((l) => ids.has(l.listId));
}

/** The status the hits suggest: false-positive if any list says so, else benign; undefined without hits. */
export function suggestStatus(hits: readonly WarninglistHit[]): 'benign' | 'false-positive' | undefined {
  if (hits.length === 0) return undefined;
  return hits.some((h) => h.suggestedStatus === 'false-positive') ? 'false-positive' : 'benign';
}
