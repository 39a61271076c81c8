/**
 * How a page read applies the full-text term (issue #4). Two plans, chosen per read by estimated cost:
 *
 * - join: the term stays in the page SQL as `i.id IN (SELECT rowid ... MATCH)`. SQLite reads every match,
 *   looks its indicator up and sorts them all: right when few rows match.
 * - walk: the page SQL runs without the term, in batches of candidates in sort order (an index range), and
 *   FTS5 says which candidates match (queue-search-batch). Right when many rows match: the first page of
 *   a token on 20% of a million rows lies among the first ~500 candidates, where the join sorts 200,000.
 *
 * Either plan returns exactly the rows of the straightforward query, in its order; the estimates below
 * only decide how fast.
 */
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { parseSearchText, type SearchText } from './fts-match';
import { expandPrefixTerms } from './prefix-tokens';
import type { QueueQuery, QueueSortKey } from './queue-query';
import { COST, fetchMatches, matchBatch, type BatchTest, type BatchWalk, type RowidBits } from './queue-search-batch';

/** A text term worth walking for, with the estimates that size the walk (see also BatchWalk). */
export interface TextWalk extends BatchWalk {
  /** Indicators that match (an estimate above MATCH_COUNT_CAP, see estimateMatches). */
  matches: number;
  /** Indicators in the vault (an upper bound: the highest id). */
  rows: number;
  sortKey: QueueSortKey;
  /** Pages the page cache holds (see joinCost). */
  cachedPages: number;
}

/** Matches are counted up to here, and extrapolated beyond (see estimateMatches). */
const MATCH_COUNT_CAP = 8192;
/** Largest first batch of candidates, and largest batch. */
const FIRST_BATCH = 8192;
const MAX_BATCH = 65_536;
/**
 * Join costs in µs (see COST): per match looked up and sorted; per table page read and decrypted once
 * the pages of the matches outgrow the page cache (sparse matches each touch their own page); per match
 * under the id sort, where matches come in order and the read stops at the page's end.
 */
const JOINED = 1.5;
const JOINED_PAGE = 20;
const JOINED_BY_ID = 0.12;
/** Indicators per table page, roughly (4 KiB pages). */
const ROWS_PER_PAGE = 25;

/** `auto`: the cheaper plan; tests and benches force the join, or a walk testing batches one way. */
export type TextPlan = 'auto' | 'join' | BatchTest;

/**
 * The walk for `query`'s text when it is cheaper than the join (see the file comment), else undefined
 * (no text, or few matches). `want` is how many rows the page read needs.
 */
export function planTextWalk(db: Database, query: Pick<QueueQuery, 'filter' | 'sort'>, want: number, plan: TextPlan = 'auto'): TextWalk | undefined {
  const search = query.filter.text === undefined ? undefined : parseSearchText(query.filter.text);
  if (!search || plan === 'join') return undefined;
  // The walk tests candidates against the full-text index alone; rows found by a source name come
  // through the join (see textMatchSql in queue-filter-sql).
  if (sourceNamesMatch(db, search)) return undefined;
  const walkable = expandPrefixTerms(db, search);
  const { match } = walkable;
  if (plan !== 'auto') {
    const matches = db.prepare('SELECT count(*) FROM indicator_search WHERE indicator_search MATCH ?').pluck().get(match) as number;
    const rows = Math.max(highestId(db), matches, 1);
    return { match, matches: Math.max(matches, 1), rows, sortKey: query.sort.key, cachedPages: cachedPages(db), probeCost: probeCost(walkable), test: plan };
  }
  const rows = highestId(db);
  const matches = estimateMatches(db, match, rows);
  if (matches === 0) return undefined;
  const walk: TextWalk = { match, matches, rows: Math.max(rows, matches), sortKey: query.sort.key, cachedPages: cachedPages(db), probeCost: probeCost(walkable) };
  // Probing stops at the last match needed; a scan or fetch tests the whole first batch.
  const probes = Math.min(walk.rows, Math.ceil((want * walk.rows) / matches));
  const batch = Math.min(walk.rows, firstBatch(walk, want));
  const walkCost = batch * COST.candidate + Math.min(probes * walk.probeCost, testCost(walk, batch, walk.rows));
  return walkCost < joinCost(walk, matches) ? walk : undefined;
}

/**
 * A probe runs the whole MATCH for one rowid: a query per token, and a prefix term first merges the
 * doclists of every term it covers (milliseconds for a common prefix), so prefix searches never probe.
 */
function probeCost(search: SearchText): number {
  if (search.terms.some((term) => term.match.endsWith('*'))) return Infinity;
  // A term rewritten as whole tokens (prefix-tokens) is an OR of phrases: each of their tokens is a query.
  const phrases = search.terms.flatMap((term) => term.match.match(/"(?:[^"]|"")*"/g) ?? []);
  const tokens = phrases.flatMap((phrase) => phrase.split(/[^\p{L}\p{N}]+/u).filter(Boolean)).length;
  return COST.probe * Math.max(tokens, 1);
}

/** Whether a name of some source holds a term of `search` (a small table: one row per imported file). */
function sourceNamesMatch(db: Database, search: SearchText): boolean {
  const named = search.terms.flatMap((term) => (term.name === undefined ? [] : [term.name]));
  if (named.length === 0) return false;
  const sql = `SELECT 1 FROM sources WHERE ${named.map(() => "name LIKE ? ESCAPE '\\'").join(' OR ')} LIMIT 1`;
  return db.prepare(sql).get(...named) !== undefined;
}

/** The highest indicator id, as the size of the vault (deleted rows make it an overestimate). */
function highestId(db: Database): number {
  return db.prepare('SELECT ifnull(max(id), 0) FROM indicators').pluck().get() as number;
}

/** Estimated cost of the join over `matches` matches (see the constants above). */
function joinCost(walk: TextWalk, matches: number): number {
  if (walk.sortKey === 'id') return matches * JOINED_BY_ID;
  const pages = Math.min(matches, walk.rows / ROWS_PER_PAGE);
  return matches * JOINED + Math.max(0, pages - walk.cachedPages) * JOINED_PAGE;
}

/** Pages the connection's page cache holds (`cache_size` is in pages, or in KiB when negative). */
function cachedPages(db: Database): number {
  const size = db.pragma('cache_size', { simple: true }) as number;
  return size >= 0 ? size : (-size * 1024) / (db.pragma('page_size', { simple: true }) as number);
}

/** Estimated cost of a scan or fetch of `candidates` spread over `span` rowids. */
function testCost(walk: TextWalk, candidates: number, span: number): number {
  const inRange = (span * walk.matches) / walk.rows;
  return Math.min(inRange * COST.scanned + candidates * COST.scanCandidate, inRange * COST.fetched);
}

/**
 * Twice the candidates expected to hold `want` matches, so that one batch nearly always does; at most
 * FIRST_BATCH, so that a term much rarer among the first rows than overall (one found only in urls, under
 * the type sort) costs little before the rate those rows show takes over.
 */
function firstBatch(walk: TextWalk, want: number): number {
  return Math.min(Math.max(2 * Math.ceil((want * walk.rows) / walk.matches) + 32, want), FIRST_BATCH);
}

/** A sorted read (a page read from a cursor) consumed in batches by the walk. */
export interface SortedRead {
  /** The read's next `count` ids without the text term (fewer at its end). */
  next(count: number): readonly number[];
  /** The next `count` ids that match, by the join, after the last id `next` returned. */
  joinRest(count: number): readonly number[];
}

/**
 * The first `want` matching ids of a sorted read, in its order. After a short batch (the term is rarer
 * among these rows than overall, as under the type sort or with a filter it rarely meets) the hit rate
 * seen so far re-estimates the rest, which continues by whichever is cheaper: the join, or walking on
 * (in batches twice the candidates now expected, at most four times the last) tested against every
 * match, read once into a bitmap.
 */
export function walkTextMatches(db: Database, walk: TextWalk, want: number, read: SortedRead): number[] {
  const found: number[] = [];
  let walked = 0;
  let batch = firstBatch(walk, want);
  let every: RowidBits | undefined;
  for (;;) {
    const candidates = read.next(batch);
    const need = want - found.length;
    const matching = every;
    const hits = matching ? candidates.filter((id) => matching.has(id)) : matchBatch(db, walk, candidates, need);
    for (const id of hits.slice(0, need)) found.push(id);
    walked += candidates.length;
    if (found.length >= want || candidates.length < batch) return found;
    const still = want - found.length;
    const walkOn = Math.min(walk.rows, Math.ceil((still * walked) / Math.max(found.length, 0.5)));
    const walkCost = (every ? 0 : walk.matches * COST.fetched) + walkOn * COST.candidate;
    if (joinCost(walk, walk.matches) < walkCost) {
      for (const id of read.joinRest(still)) found.push(id);
      return found;
    }
    every ??= fetchMatches(db, walk.match, 1, walk.rows);
    batch = Math.max(Math.min(2 * walkOn + 32, batch * 4, MAX_BATCH), still);
  }
}

/**
 * How many indicators match: exact below MATCH_COUNT_CAP, else extrapolated from the rowids of the first
 * MATCH_COUNT_CAP matches (their density from the first to the last, over the rowids above). Reads at most
 * that many rowids, where counting every match of a common term reads its whole doclist. A term packed
 * into old rows is overestimated, which only favours the walk, whose batches then correct themselves.
 */
function estimateMatches(db: Database, match: string, rows: number): number {
  const { count, first, last } = db
    .prepare('SELECT count(*) AS count, min(rowid) AS first, max(rowid) AS last FROM (SELECT rowid FROM indicator_search WHERE indicator_search MATCH ? LIMIT ?)')
    .get(match, MATCH_COUNT_CAP) as { count: number; first: number | null; last: number | null };
  if (count < MATCH_COUNT_CAP || first === null || last === null) return count;
  return Math.round(count + ((count - 1) / Math.max(last - first, 1)) * Math.max(rows - last, 0));
}
