/**
 * Which ids of a batch of candidates match a full-text term: the inner step of the queue's text walk
 * (queue-search). Three ways, priced by COST for each batch:
 *
 * - probe each candidate (`rowid = ?`): each probe sets up a new FTS5 query, which visits every index
 *   segment, but probing stops at the last match needed;
 * - scan: one pass over the term's doclist within the batch's rowid range, SQLite keeping the entries in
 *   the batch (a Bloom filter and an index of the batch's ids, sent as a JSON array);
 * - fetch: read the doclist within the range into a bitmap, and keep the candidates in it (cheaper than
 *   the scan when the range holds fewer matches than the batch has candidates).
 */
import type { Database } from 'better-sqlite3-multiple-ciphers';

/**
 * Estimated costs in µs, measured with the triage bench (1M rows in an encrypted vault, an FTS5 index of
 * 12 segments). Only their ratios choose, and a plan only ever changes speed, never the rows. A probe
 * costs ~14 µs with a single segment, so this errs towards the scans.
 */
export const COST = {
  /** One FTS5 query for one rowid, per token of the search. */
  probe: 70,
  /** One doclist entry in the range of a scan. */
  scanned: 0.07,
  /** One candidate of a scan (its JSON, its entries in the batch's index and Bloom filter). */
  scanCandidate: 0.5,
  /** One doclist entry in the range of a fetch, read into JavaScript. */
  fetched: 0.15,
  /** Reading one candidate id from a sort index, and testing it against a bitmap. */
  candidate: 0.2,
};

/** Probes made before trusting what they show about the rate (see matchBatch). */
const EXPLORE_PROBES = 8;
/** Weight, in probes, of the rate a batch starts from against the rate its probes show. */
const PRIOR_PROBES = 10;
/** Probing is tried first when it looks at most this many times dearer than scanning. */
const EXPLORE_RATIO = 4;

export type BatchTest = 'probe' | 'scan' | 'fetch';

/** What matchBatch needs of a walk (see TextWalk in queue-search). */
export interface BatchWalk {
  match: string;
  /** Indicators that match, of `rows`: the share expected among candidates and in any rowid range. */
  matches: number;
  rows: number;
  /** µs per probe (COST.probe per token; Infinity for a prefix search). */
  probeCost: number;
  /** Force one way (tests, benches). */
  test?: BatchTest;
}

/**
 * The first `need` candidates that match, in candidate order. Probes one by one while the probes still
 * expected cost less than a scan or fetch of the rest, updating the rate with each probe; then tests the
 * rest by the cheaper of the two. When probing looks within EXPLORE_RATIO of the cheaper at the start,
 * the first EXPLORE_PROBES probes are made anyway: under the type sort, for instance, a term found in
 * every url makes the first candidates all matches where the overall rate expects one in five.
 */
export function matchBatch(db: Database, walk: BatchWalk, candidates: readonly number[], need: number): number[] {
  const { match, test: force, probeCost } = walk;
  const rate = walk.matches / walk.rows;
  if (force === 'scan') return scanBatch(db, match, candidates).slice(0, need);
  if (force === 'fetch') return fetchBatch(db, match, candidates).slice(0, need);
  const [low, high] = rowidRange(candidates);
  const inRange = (high - low + 1) * rate;
  const bulk = Math.min(scanCost(inRange, candidates.length), fetchCost(inRange));
  const probesFor = (hits: number, probed: number) => {
    const seen = (hits + PRIOR_PROBES * rate) / (probed + PRIOR_PROBES);
    return Math.min(candidates.length - probed, (need - hits) / seen);
  };
  const explore = force === 'probe' || probesFor(0, 0) * probeCost < EXPLORE_RATIO * bulk ? EXPLORE_PROBES : 0;
  const probe = db.prepare(PROBE_SQL).pluck();
  const hits: number[] = [];
  for (let i = 0; i < candidates.length && hits.length < need; i += 1) {
    if (force !== 'probe' && i >= explore && probesFor(hits.length, i) * probeCost > bulk) {
      const rest = candidates.slice(i);
      const test = scanCost(inRange, rest.length) < fetchCost(inRange) ? scanBatch : fetchBatch;
      return [...hits, ...test(db, match, rest)].slice(0, need);
    }
    if (probe.get(match, candidates[i]) !== undefined) hits.push(candidates[i]!);
  }
  return hits;
}

// FTS5 takes a rowid constraint only from an INTEGER value and silently ignores a REAL one (returning any
// match), and better-sqlite3 binds every JS number as REAL: hence the CASTs here and below.
const PROBE_SQL = 'SELECT 1 FROM indicator_search WHERE indicator_search MATCH ? AND rowid = CAST(? AS INTEGER)';

/** The scan's SQL. `+rowid` keeps the IN list away from FTS5, which would run one query per value. */
export const SCAN_SQL = `SELECT rowid FROM indicator_search WHERE indicator_search MATCH @match
  AND rowid BETWEEN CAST(@low AS INTEGER) AND CAST(@high AS INTEGER) AND +rowid IN (SELECT value FROM json_each(@ids))`;

function scanCost(inRange: number, candidates: number): number {
  return inRange * COST.scanned + candidates * COST.scanCandidate;
}

function fetchCost(inRange: number): number {
  return inRange * COST.fetched;
}

/** The candidates that match, in candidate order: one pass over the doclist within their rowid range. */
function scanBatch(db: Database, match: string, candidates: readonly number[]): number[] {
  if (candidates.length === 0) return [];
  const [low, high] = rowidRange(candidates);
  const hits = new Set(db.prepare(SCAN_SQL).pluck().all({ match, low, high, ids: JSON.stringify(candidates) }) as number[]);
  return candidates.filter((id) => hits.has(id));
}

/** The candidates that match, in candidate order: the doclist within their rowid range, as a bitmap. */
function fetchBatch(db: Database, match: string, candidates: readonly number[]): number[] {
  if (candidates.length === 0) return [];
  const [low, high] = rowidRange(candidates);
  const matching = fetchMatches(db, match, low, high);
  return candidates.filter((id) => matching.has(id));
}

/** Rowids as a bitmap over [low, high]. */
export class RowidBits {
  private readonly bits: Uint32Array;

  constructor(
    private readonly low: number,
    high: number,
  ) {
    this.bits = new Uint32Array(((high - low) >>> 5) + 1);
  }

  add(id: number): void {
    const at = id - this.low;
    this.bits[at >>> 5]! |= 1 << (at & 31);
  }

  has(id: number): boolean {
    const at = id - this.low;
    return at >= 0 && at >>> 5 < this.bits.length && (this.bits[at >>> 5]! & (1 << (at & 31))) !== 0;
  }
}

/** The rowids in [low, high] that match, read from the doclist in one pass. */
export function fetchMatches(db: Database, match: string, low: number, high: number): RowidBits {
  const bits = new RowidBits(low, high);
  const ids = db
    .prepare('SELECT rowid FROM indicator_search WHERE indicator_search MATCH ? AND rowid BETWEEN CAST(? AS INTEGER) AND CAST(? AS INTEGER)')
    .pluck()
    .all(match, low, high) as number[];
  for (const id of ids) bits.add(id);
  return bits;
}

function rowidRange(ids: readonly number[]): [number, number] {
  let low = Infinity;
  let high = -Infinity;
  for (const id of ids) {
    if (id < low) low = id;
    if (id > high) high = id;
  }
  return [low, high];
}
