/**
 * The derived data of imported indicators: the full-text row (indicator_search), and the correlation
 * columns (registrable_domain, ip_start/ip_end) of rows written without them (imports from before
 * migration 0060; an import now writes them with the row). An import writes the search rows of the
 * indicators it creates as it goes (see import-indexer.ts) and uses this module, inside its transaction,
 * for the rest: rows no earlier import indexed, and rows it changed after writing them. Rows that are
 * already indexed stay current through the triggers of migration 0060 (notes, tags, context, sightings).
 */
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { correlationKeys } from '../indicators';
import { prepareCached } from '../vault/queries/statement-cache';

const DOMAIN_TYPES = "('domain', 'hostname', 'url', 'email')";

/**
 * Indexes every indicator with id > fromIdExclusive (default: the stored watermark; a larger value is
 * lowered to the watermark so no row is ever skipped) up to `throughId` (default: the highest id), and
 * moves the watermark there. Returns how many rows were indexed.
 */
export function indexIndicators(db: Database, fromIdExclusive?: number, throughId?: number): number {
  registerFunctions(db);
  const run = (): number => {
    const state = db.prepare('SELECT indexed_through AS watermark, keys_missing_through AS keysMissing FROM triage_state WHERE id = 1').get() as {
      watermark: number;
      keysMissing: number;
    };
    const { watermark, keysMissing } = state;
    const from = Math.min(fromIdExclusive ?? watermark, watermark);
    const highest = db.prepare('SELECT ifnull(max(id), 0) FROM indicators').pluck().get() as number;
    const last = Math.min(throughId ?? highest, highest);
    // Rows up to the watermark may have a search row already (re-indexing after ids were reused): those are
    // replaced. Rows above it have none, and a plain INSERT into a contentless_delete table skips the
    // lookup for an old row that made REPLACE five times slower.
    const replace = prepareCached(db, `INSERT OR REPLACE INTO indicator_search (rowid, value, notes, tags, context) ${searchRows(ID_IN_RANGE)}`);
    const insert = prepareCached(db, `INSERT INTO indicator_search (rowid, value, notes, tags, context) ${searchRows(ID_IN_RANGE)}`);
    if (keysMissing > from) deriveCorrelationKeys(db, from, keysMissing);
    let indexed = 0;
    // In slices: inside an import's transaction each statement keeps an in-memory journal of the pages
    // it changes (temp_store=MEMORY), so one statement over a million rows would hold hundreds of MB.
    for (let low = from; low < last; low += INDEX_SLICE) {
      const high = Math.min(low + INDEX_SLICE, last);
      if (low < watermark) indexed += replace.run({ low, high: Math.min(high, watermark) }).changes;
      if (high > watermark) indexed += insert.run({ low: Math.max(low, watermark), high }).changes;
    }
    db.prepare('UPDATE triage_state SET indexed_through = max(indexed_through, ?), keys_missing_through = 0 WHERE id = 1').run(last);
    return indexed;
  };
  // Inside a caller's transaction a nested one would be a savepoint, whose journal grows with every page
  // touched; the caller's transaction already makes this all-or-nothing.
  return db.inTransaction ? run() : db.transaction(run)();
}

/**
 * Rewrites the search rows of `ids` (rows this import created and then changed: a repeat later in the
 * file, a STIX relationship or sighting applied at the end). Delete, then insert: replacing in a
 * contentless_delete table looks up the old row either way.
 */
export function refreshSearchRows(db: Database, ids: readonly number[]): void {
  const remove = prepareCached(db, 'DELETE FROM indicator_search WHERE rowid = ?');
  const insert = prepareCached(db, `INSERT INTO indicator_search (rowid, value, notes, tags, context) ${searchRows(ID_IN_LIST)}`);
  const sorted = [...ids].sort((a, b) => a - b);
  for (let at = 0; at < sorted.length; at += REFRESH_CHUNK) {
    const chunk = sorted.slice(at, at + REFRESH_CHUNK);
    for (const id of chunk) remove.run(BigInt(id));
    insert.run({ ids: JSON.stringify(chunk) });
  }
}

const REFRESH_CHUNK = 1000;

/** Selects by id range (@low, @high] or by a JSON array @ids; `column` is the id column to test. */
const ID_IN_RANGE = (column: string) => `${column} > @low AND ${column} <= @high`;
const ID_IN_LIST = (column: string) => `${column} IN (SELECT value FROM json_each(@ids))`;

/**
 * The search rows of the indicators `where` selects: value and display, notes, tags, and as context the
 * context rows plus the comments and snippets of sightings (the pattern is left out: its tokens are the
 * value's). Tags, context and sightings are grouped once per statement and joined, not looked up per row.
 * Triggers of migration 0060 build the same text for a single row, and search-row.ts for a row an import
 * is creating.
 */
function searchRows(where: (column: string) => string): string {
  return `
  WITH t AS (SELECT indicator_id, group_concat(tag, ' ') AS text FROM indicator_tags
             WHERE ${where('indicator_id')} GROUP BY indicator_id),
       c AS (SELECT indicator_id, group_concat(name || ' ' || detail, ' ') AS text FROM indicator_context
             WHERE ${where('indicator_id')} GROUP BY indicator_id),
       s AS (SELECT indicator_id, group_concat(concat_ws(' ', comment, snippet), ' ') AS text FROM indicator_sources
             WHERE ${where('indicator_id')} AND (comment IS NOT NULL OR snippet IS NOT NULL) GROUP BY indicator_id)
  SELECT i.id, trim(i.value || ' ' || ifnull(i.display, '')), ifnull(i.notes, ''), ifnull(t.text, ''),
    trim(ifnull(c.text, '') || ' ' || ifnull(s.text, ''))
  FROM indicators i
    LEFT JOIN t ON t.indicator_id = i.id
    LEFT JOIN c ON c.indicator_id = i.id
    LEFT JOIN s ON s.indicator_id = i.id
  WHERE ${where('i.id')}`;
}

/** Correlation keys of rows written before import wrote them itself (see migration 0060). */
function deriveCorrelationKeys(db: Database, fromIdExclusive: number, through: number): void {
  const domains = db.prepare(
    `UPDATE indicators SET registrable_domain = liaison_registrable_domain(type, value)
     WHERE id > ? AND id <= ? AND type IN ${DOMAIN_TYPES} AND registrable_domain IS NULL`,
  );
  const ranges = db.prepare(
    `UPDATE indicators SET ip_start = liaison_ipv4_bound(type, value, 0), ip_end = liaison_ipv4_bound(type, value, 1)
     WHERE id > ? AND id <= ? AND type IN ('ipv4', 'cidr') AND ip_start IS NULL`,
  );
  for (let low = fromIdExclusive; low < through; low += INDEX_SLICE) {
    const high = Math.min(low + INDEX_SLICE, through);
    domains.run(low, high);
    ranges.run(low, high);
  }
}

const INDEX_SLICE = 20_000;

/** Per-connection SQL functions used above; registering again is harmless. */
function registerFunctions(db: Database): void {
  db.function('liaison_registrable_domain', { deterministic: true }, (type: unknown, value: unknown) =>
    typeof type === 'string' && typeof value === 'string' ? correlationKeys(type, value).registrableDomain : null,
  );
  db.function('liaison_ipv4_bound', { deterministic: true }, (type: unknown, value: unknown, end: unknown) => {
    if (typeof type !== 'string' || typeof value !== 'string') return null;
    const keys = correlationKeys(type, value);
    return end ? keys.ipEnd : keys.ipStart;
  });
}
