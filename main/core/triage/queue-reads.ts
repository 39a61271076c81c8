/** Reads the triage queue one keyset page at a time, and counts it. */
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { WorkbenchError } from '../errors';
import { decodeCursor, encodeCursor } from './queue-cursor';
import { toFtsMatch } from './fts-match';
import { buildFilterSql, type FilterOptions } from './queue-filter-sql';
import { MAX_QUEUE_PAGE, type QueueFilter, type QueuePage, type QueueQuery, type QueueTotal } from './queue-query';
import { loadQueueRows } from './queue-rows';
import { keysetSteps, sortSpec, type SortValue } from './queue-sort';

export interface BuiltStep {
  sql: string;
  params: Record<string, SortValue>;
}

/**
 * The SQL of one page read: one SELECT of ids per keyset step (see keysetSteps), each with LIMIT
 * `@limit`. Exposed so tests can snapshot it and check its query plan.
 */
export function buildQueueSql(query: Omit<QueueQuery, 'limit'>, afterKey?: readonly SortValue[], options: FilterOptions = {}): BuiltStep[] {
  const spec = sortSpec(query.sort);
  const backward = query.direction === 'prev';
  const readDirection = backward === (query.sort.direction === 'asc') ? 'desc' : 'asc';
  const filter = buildFilterSql(query.filter, options);
  return keysetSteps(spec, afterKey, readDirection).map((step) => {
    const where = [...filter.where, ...(step.where ? [step.where] : [])];
    return {
      sql: `SELECT i.id FROM indicators i${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY ${step.order} LIMIT @limit`,
      params: { ...filter.params, ...step.params },
    };
  });
}

/** One page of the queue: `limit` rows after (or before) the cursor, with cursors to either side. */
export function readQueuePage(db: Database, query: QueueQuery): QueuePage {
  if (!Number.isInteger(query.limit) || query.limit < 1 || query.limit > MAX_QUEUE_PAGE) {
    throw new WorkbenchError('INVALID_INPUT', `Page size must be a whole number from 1 to ${MAX_QUEUE_PAGE}.`);
  }
  const afterKey = query.cursor === undefined ? undefined : decodeCursor(query.cursor, query.sort.key);
  const ids: number[] = [];
  // One row more than asked tells whether another page follows.
  for (const step of buildQueueSql(query, afterKey, { fts: ftsStrategy(db, query) })) {
    const want = query.limit + 1 - ids.length;
    if (want <= 0) break;
    ids.push(...(db.prepare(step.sql).pluck().all({ ...step.params, limit: want }) as number[]));
  }
  const more = ids.length > query.limit;
  const pageIds = ids.slice(0, query.limit);
  const backward = query.direction === 'prev';
  if (backward) pageIds.reverse();
  const rows = loadQueueRows(db, pageIds);
  const spec = sortSpec(query.sort);
  const cursorOf = (index: number): string | null => {
    const row = rows[index];
    return row ? encodeCursor(query.sort.key, spec.keyOf(row)) : null;
  };
  const hasBefore = backward ? more : afterKey !== undefined;
  const hasAfter = backward ? afterKey !== undefined : more;
  return {
    rows,
    prevCursor: hasBefore && rows.length > 0 ? cursorOf(0) : null,
    nextCursor: hasAfter && rows.length > 0 ? cursorOf(rows.length - 1) : null,
  };
}

/** Above this many full-text matches, a sorted page probes the index row by row (see FilterOptions). */
export const FTS_PROBE_THRESHOLD = 50_000;

/**
 * Picks the full-text join by the number of matches: for a single token the FTS vocabulary knows it
 * exactly at once; otherwise matches are counted up to the threshold (reading at most that many rowids).
 */
function ftsStrategy(db: Database, query: QueueQuery): FilterOptions['fts'] {
  const match = query.filter.text === undefined ? undefined : toFtsMatch(query.filter.text);
  if (!match || query.sort.key === 'id') return 'set';
  const token = singleToken(query.filter.text ?? '');
  if (token !== undefined) return tokenDocuments(db, token) >= FTS_PROBE_THRESHOLD ? 'probe' : 'set';
  const matches = db
    .prepare('SELECT count(*) FROM (SELECT rowid FROM indicator_search WHERE indicator_search MATCH ? LIMIT ?)')
    .pluck()
    .get(match, FTS_PROBE_THRESHOLD) as number;
  return matches >= FTS_PROBE_THRESHOLD ? 'probe' : 'set';
}

/**
 * How many rows match, stopping at `cap` (default 10,000): a capped count costs at most `cap` index
 * steps, so the queue header can say "10,000+" at once; pass `cap: Infinity` for the exact figure
 * (hundreds of ms at a million rows: run it off the UI path, or use buildPositionIndex which counts too).
 */
export function countQueue(db: Database, filter: QueueFilter, options: { cap?: number } = {}): QueueTotal {
  const cap = options.cap ?? 10_000;
  const { where, params } = buildFilterSql(filter);
  const from = `FROM indicators i${where.length ? ` WHERE ${where.join(' AND ')}` : ''}`;
  if (!Number.isFinite(cap)) return { count: db.prepare(`SELECT count(*) ${from}`).pluck().get(params) as number, exact: true };
  const count = db.prepare(`SELECT count(*) FROM (SELECT 1 ${from} LIMIT @cap)`).pluck().get({ ...params, cap: cap + 1 }) as number;
  return count > cap ? { count: cap, exact: false } : { count, exact: true };
}

/** Ids of every row matching `filter` in id order (for bulk actions on the whole filtered set). */
export function selectFilteredIdsSql(filter: QueueFilter): { sql: string; params: Record<string, string | number> } {
  const { where, params } = buildFilterSql(filter);
  return { sql: `SELECT i.id FROM indicators i${where.length ? ` WHERE ${where.join(' AND ')}` : ''}`, params };
}

/**
 * The one token the unicode61 tokenizer (remove_diacritics 2) makes of `text`, when it makes exactly one
 * and it is not a prefix search; else undefined.
 */
export function singleToken(text: string): string | undefined {
  const terms = text.trim().split(/\s+/).filter((t) => /[\p{L}\p{N}]/u.test(t));
  if (terms.length !== 1 || terms[0]!.endsWith('*')) return undefined;
  const tokens = terms[0]!.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  return tokens.length === 1 ? tokens[0]!.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase() : undefined;
}

const vocabularies = new WeakSet<Database>();

/** How many indicators contain `token`, from the FTS5 vocabulary (a per-connection temp table). */
function tokenDocuments(db: Database, token: string): number {
  if (!vocabularies.has(db)) {
    db.exec("CREATE VIRTUAL TABLE IF NOT EXISTS temp.indicator_search_vocab USING fts5vocab(main, 'indicator_search', 'row')");
    vocabularies.add(db);
  }
  return (db.prepare('SELECT doc FROM temp.indicator_search_vocab WHERE term = ?').pluck().get(token) as number | undefined) ?? 0;
}
