/**
 * Flags indicators that are on warninglists (table warninglist_hits). Import calls matchIndicators once
 * per import with the highest id that existed before it; reloading a list rematches that list over the
 * whole vault. One pass over the indicators with every applicable list compiled in memory.
 */
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { compileList, type ListMatcher } from './list-matcher';
import type { WarninglistType } from './warninglist-file';

export interface MatchResult {
  /** Indicators examined. */
  scanned: number;
  /** (indicator, list) hits written. */
  hits: number;
}

interface StoredList {
  id: number;
  type: WarninglistType;
  matchingAttributes: string;
}

/** Compiles the stored lists (all, or those in `listIds`) into matchers. */
export function loadListMatchers(db: Database, listIds?: readonly number[]): ListMatcher[] {
  const lists = db.prepare('SELECT id, type, matching_attributes_json AS matchingAttributes FROM warninglists ORDER BY id').all() as StoredList[];
  const entries = db.prepare('SELECT value FROM warninglist_entries WHERE list_id = ?').pluck();
  return lists
    .filter((list) => listIds === undefined || listIds.includes(list.id))
    .map((list) =>
      compileList({ id: list.id, type: list.type, matchingAttributes: JSON.parse(list.matchingAttributes) as string[], entries: entries.all(list.id) as string[] }),
    );
}

/**
 * Every stored list compiled, per connection, until the lists change: compiling them (tens of thousands
 * of entries for MISP's lists) for each file made every file of a folder pay for it again (issue #14).
 */
const compiledLists = new WeakMap<Database, { fingerprint: string; matchers: ListMatcher[] }>();
const LISTS_FINGERPRINT = "SELECT ifnull(group_concat(id || ':' || version || ':' || loaded_at || ':' || entry_count, ','), '') FROM warninglists";

function allListMatchers(db: Database): ListMatcher[] {
  const fingerprint = db.prepare(LISTS_FINGERPRINT).pluck().get() as string;
  const known = compiledLists.get(db);
  if (known?.fingerprint === fingerprint) return known.matchers;
  const matchers = loadListMatchers(db);
  compiledLists.set(db, { fingerprint, matchers });
  return matchers;
}

/**
 * Recomputes the hits of indicators with id > fromIdExclusive (default 0: every indicator), against all
 * lists or only `listIds`. Runs in one transaction (a savepoint inside the caller's import transaction).
 */
export function matchIndicators(db: Database, fromIdExclusive = 0, listIds?: readonly number[]): MatchResult {
  const matchers = listIds === undefined ? allListMatchers(db) : loadListMatchers(db, listIds);
  const run = (): MatchResult => {
    const scope = listIds === undefined ? '' : ` AND list_id IN (SELECT value FROM json_each(@lists))`;
    db.prepare(`DELETE FROM warninglist_hits WHERE indicator_id > @from${scope}`).run({ from: fromIdExclusive, lists: JSON.stringify(listIds ?? []) });
    if (matchers.length === 0) return { scanned: 0, hits: 0 };
    const byType = new Map<string, ListMatcher[]>();
    for (const matcher of matchers) for (const type of matcher.types) byType.set(type, [...(byType.get(type) ?? []), matcher]);
    const hitIds: number[] = [];
    const hitLists: number[] = [];
    let scanned = 0;
    const rows = db.prepare('SELECT id, type, value FROM indicators WHERE id > ?').raw().iterate(fromIdExclusive) as IterableIterator<[number, string, string]>;
    for (const [id, type, value] of rows) {
      scanned += 1;
      const applicable = byType.get(type);
      if (!applicable) continue;
      for (const matcher of applicable) {
        if (matcher.matches(type, value)) {
          hitIds.push(id);
          hitLists.push(matcher.listId);
        }
      }
    }
    const insert = db.prepare('INSERT OR IGNORE INTO warninglist_hits (indicator_id, list_id) VALUES (?, ?)');
    for (let i = 0; i < hitIds.length; i += 1) insert.run(hitIds[i], hitLists[i]);
    return { scanned, hits: hitIds.length };
  };
  // Within an import's transaction, no savepoint: its journal would grow with the whole import.
  return db.inTransaction ? run() : db.transaction(run)();
}

/** The ids of the lists a single value is on (for a lookup that is not in the vault). */
export function matchValue(matchers: readonly ListMatcher[], type: string, value: string): number[] {
  return matchers.filter((m) => m.types.has(type as never) && m.matches(type, value)).map((m) => m.listId);
}
