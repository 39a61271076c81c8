/** Reads the triage queue one keyset page at a time, and counts it. */
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { WorkbenchError } from '../errors';
import { decodeCursor, encodeCursor } from './queue-cursor';
import { buildFilterSql } from './queue-filter-sql';
import { MAX_QUEUE_PAGE, type QueueFilter, type QueuePage, type QueueQuery, type QueueTotal } from './queue-query';
import { loadQueueRows } from './queue-rows';
import { planTextWalk, walkTextMatches, type SortedRead, type TextPlan } from './queue-search';
import { keysetSteps, orderBy, sortSpec, type SortValue } from './queue-sort';

export interface BuiltStep {
  sql: string;
  params: Record<string, SortValue>;
}

/**
 * The SQL of one page read: one SELECT of ids per keyset step (see keysetSteps), each with LIMIT
 * `@limit`. Exposed so tests can snapshot it and check its query plan.
 */
export function buildQueueSql(query: Omit<QueueQuery, 'limit'>, afterKey?: readonly SortValue[]): BuiltStep[] {
  const spec = sortSpec(query.sort);
  const filter = buildFilterSql(query.filter);
  return keysetSteps(spec, afterKey, readDirection(query)).map((step) => {
    const where = [...filter.where, ...(step.where ? [step.where] : [])];
    return {
      sql: `SELECT i.id FROM indicators i${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY ${step.order} LIMIT @limit`,
      params: { ...filter.params, ...step.params },
    };
  });
}

/** The order rows are read in: the sort's, or its reverse for a backward (`prev`) read. */
function readDirection(query: Pick<QueueQuery, 'sort' | 'direction'>): 'asc' | 'desc' {
  return (query.direction === 'prev') === (query.sort.direction === 'asc') ? 'desc' : 'asc';
}

/** For tests and benches: force how the text term is applied (see planTextWalk). */
export interface ReadOptions {
  text?: TextPlan;
}

/** One page of the queue: `limit` rows after (or before) the cursor, with cursors to either side. */
export function readQueuePage(db: Database, query: QueueQuery, options: ReadOptions = {}): QueuePage {
  if (!Number.isInteger(query.limit) || query.limit < 1 || query.limit > MAX_QUEUE_PAGE) {
    throw new WorkbenchError('INVALID_INPUT', `Page size must be a whole number from 1 to ${MAX_QUEUE_PAGE}.`);
  }
  const afterKey = query.cursor === undefined ? undefined : decodeCursor(query.cursor, query.sort.key);
  // One row more than asked tells whether another page follows.
  const want = query.limit + 1;
  const walk = planTextWalk(db, query, want, options.text);
  const ids = walk ? walkTextMatches(db, walk, want, sortedRead(db, query, afterKey)) : readSortedIds(db, query, afterKey, want);
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

/** The first `count` ids of a read after `afterKey`, in read order, across its keyset steps. */
function readSortedIds(db: Database, query: Omit<QueueQuery, 'limit'>, afterKey: readonly SortValue[] | undefined, count: number): number[] {
  const ids: number[] = [];
  for (const step of buildQueueSql(query, afterKey)) {
    const want = count - ids.length;
    if (want <= 0) break;
    for (const id of db.prepare(step.sql).pluck().all({ ...step.params, limit: want }) as number[]) ids.push(id);
  }
  return ids;
}

/**
 * `query` read in consecutive batches without its text, for the walk: each batch continues after the
 * sort key of the last id returned (keys are unique, so nothing is skipped or repeated); joinRest reads
 * on from there with the text joined.
 */
function sortedRead(db: Database, query: Omit<QueueQuery, 'limit'>, afterKey: readonly SortValue[] | undefined): SortedRead {
  const { text: _text, ...untexted } = query.filter;
  const keyOf = db.prepare(`SELECT ${sortSpec(query.sort).exprs.join(', ')} FROM indicators i WHERE i.id = ?`).raw();
  let key = afterKey;
  let ended = false;
  return {
    next(count) {
      if (ended) return [];
      const ids = readSortedIds(db, { ...query, filter: untexted }, key, count);
      if (ids.length < count) ended = true;
      else key = keyOf.get(ids[ids.length - 1]) as SortValue[];
      return ids;
    },
    joinRest: (count) => (ended || !key ? [] : joinAfter(db, query, key, count)),
  };
}

/**
 * The first `count` rows after `key` that match the whole filter, text joined, as one statement with a
 * row-value comparison: the join reads its matches by rowid and sorts them, so the index ranges of the
 * keyset steps do not help it, and a ties step would join every match a second time.
 */
function joinAfter(db: Database, query: Omit<QueueQuery, 'limit'>, key: readonly SortValue[], count: number): number[] {
  const spec = sortSpec(query.sort);
  const direction = readDirection(query);
  const { where, params } = buildFilterSql(query.filter);
  const keys: Record<string, SortValue> = Object.fromEntries(key.map((value, i) => [`k${i}`, value]));
  const after = `(${spec.exprs.join(', ')}) ${direction === 'asc' ? '>' : '<'} (${Object.keys(keys).map((k) => `@${k}`).join(', ')})`;
  const sql = `SELECT i.id FROM indicators i WHERE ${[...where, after].join(' AND ')} ORDER BY ${orderBy(spec, direction)} LIMIT @limit`;
  return db.prepare(sql).pluck().all({ ...params, ...keys, limit: count }) as number[];
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
