/** Reading warninglists and their hits. */
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { loadListMatchers, matchValue } from './match-indicators';
import { knownKind, type WarninglistCategory } from './warninglist-category';
import type { WarninglistType } from './warninglist-file';

export interface WarninglistSummary {
  id: number;
  name: string;
  version: number;
  type: WarninglistType;
  description: string;
  category: WarninglistCategory;
  /** Where the category came from: the file, the classifier, or an analyst. */
  categorySource: 'file' | 'classified' | 'analyst';
  suggestedStatus: 'false-positive' | null;
  entries: number;
  hits: number;
  loadedAt: string;
}

export interface WarninglistHit {
  listId: number;
  name: string;
  category: WarninglistCategory;
  /** Only a false-positive list suggests a status; a known list asks for a check instead. */
  suggestedStatus: 'false-positive' | null;
  /** What a known list holds ("VPN, proxy and Tor endpoints"), for "on a list of known X"; null for false-positive lists. */
  knownKind: string | null;
}

interface HitRow {
  listId: number;
  name: string;
  description: string;
  category: WarninglistCategory;
  suggestedStatus: 'false-positive' | null;
}

const HIT_COLUMNS = 'w.id AS listId, w.name, w.description, w.category, w.suggested_status AS suggestedStatus';

function toHit({ description, ...row }: HitRow): WarninglistHit {
  return { ...row, knownKind: row.category === 'known' ? knownKind(row.name, description) : null };
}

export function listWarninglists(db: Database): WarninglistSummary[] {
  return db
    .prepare(
      `SELECT w.id, w.name, w.version, w.type, w.description, w.category, w.category_source AS categorySource, w.suggested_status AS suggestedStatus, w.entry_count AS entries,
              (SELECT count(*) FROM warninglist_hits h WHERE h.list_id = w.id) AS hits, w.loaded_at AS loadedAt
       FROM warninglists w ORDER BY w.name`,
    )
    .all() as WarninglistSummary[];
}

/** The lists an indicator in the vault is flagged on. */
export function listHitsForIndicator(db: Database, indicatorId: number): WarninglistHit[] {
  const rows = db
    .prepare(`SELECT ${HIT_COLUMNS} FROM warninglist_hits h JOIN warninglists w ON w.id = h.list_id WHERE h.indicator_id = ? ORDER BY w.name`)
    .all(indicatorId) as HitRow[];
  return rows.map(toHit);
}

/** The lists a canonical (type, value) is on, whether or not it is in the vault. */
export function matchAgainstWarninglists(db: Database, type: string, value: string): WarninglistHit[] {
  const ids = new Set(matchValue(loadListMatchers(db), type, value));
  if (ids.size === 0) return [];
  return (db.prepare(`SELECT ${HIT_COLUMNS} FROM warninglists w ORDER BY w.name`).all() as HitRow[]).filter((l) => ids.has(l.listId)).map(toHit);
}

/** The status the hits suggest: false-positive when a false-positive list holds the value, else none. */
export function suggestStatus(hits: readonly WarninglistHit[]): 'false-positive' | undefined {
  return hits.some((h) => h.suggestedStatus === 'false-positive') ? 'false-positive' : undefined;
}
