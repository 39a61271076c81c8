/**
 * The derived data of imported indicators: the full-text row (indicator_search) and the correlation
 * columns (registrable_domain, ip_start/ip_end). Import calls indexIndicators ONCE per import, inside its
 * transaction, after its last write: set-based SQL over the new rows instead of a trigger per row.
 * Rows that are already indexed stay current through the triggers of migration 0050 (notes, tags, context).
 */
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { registrableDomain } from '../indicators';
import { parseIpRange } from '../warninglists/ip-ranges';

const DOMAIN_TYPES = "('domain', 'hostname', 'url', 'email')";

/**
 * Indexes every indicator with id > fromIdExclusive (default: the stored watermark; a larger value is
 * lowered to the watermark so no row is ever skipped) and moves the watermark to the highest id.
 * Returns how many rows were indexed.
 */
export function indexIndicators(db: Database, fromIdExclusive?: number): number {
  registerFunctions(db);
  const run = (): number => {
    const watermark = db.prepare('SELECT indexed_through FROM triage_state WHERE id = 1').pluck().get() as number;
    const from = Math.min(fromIdExclusive ?? watermark, watermark);
    const last = db.prepare('SELECT ifnull(max(id), 0) FROM indicators').pluck().get() as number;
    const statements = [
      db.prepare(`UPDATE indicators SET registrable_domain = liaison_registrable_domain(value) WHERE id > ? AND id <= ? AND type IN ${DOMAIN_TYPES}`),
      db.prepare(
        `UPDATE indicators SET ip_start = liaison_ipv4_bound(value, 0), ip_end = liaison_ipv4_bound(value, 1)
         WHERE id > ? AND id <= ? AND type IN ('ipv4', 'cidr')`,
      ),
    ];
    const search = db.prepare(
      `INSERT OR REPLACE INTO indicator_search (rowid, value, notes, tags, context)
       SELECT i.id, trim(i.value || ' ' || ifnull(i.display, '')), ifnull(i.notes, ''),
         ifnull((SELECT group_concat(t.tag, ' ') FROM indicator_tags t WHERE t.indicator_id = i.id), ''),
         ifnull((SELECT group_concat(c.name || ' ' || c.detail, ' ') FROM indicator_context c WHERE c.indicator_id = i.id), '')
       FROM indicators i WHERE i.id > ? AND i.id <= ?`,
    );
    let indexed = 0;
    // In slices: inside an import's transaction each statement keeps an in-memory journal of the pages
    // it changes (temp_store=MEMORY), so one statement over a million rows would hold hundreds of MB.
    for (let low = from; low < last; low += INDEX_SLICE) {
      const high = Math.min(low + INDEX_SLICE, last);
      for (const statement of statements) statement.run(low, high);
      indexed += search.run(low, high).changes;
    }
    db.prepare('UPDATE triage_state SET indexed_through = max(indexed_through, ?) WHERE id = 1').run(last);
    return indexed;
  };
  // Inside a caller's transaction a nested one would be a savepoint, whose journal grows with every page
  // touched; the caller's transaction already makes this all-or-nothing.
  return db.inTransaction ? run() : db.transaction(run)();
}

const INDEX_SLICE = 20_000;

/** Per-connection SQL functions used above; registering again is harmless. */
function registerFunctions(db: Database): void {
  db.function('liaison_registrable_domain', { deterministic: true }, (value: unknown) =>
    typeof value === 'string' ? (registrableDomain(value) ?? null) : null,
  );
  db.function('liaison_ipv4_bound', { deterministic: true }, (value: unknown, end: unknown) => {
    if (typeof value !== 'string') return null;
    const parsed = parseIpRange(value);
    if (parsed?.v !== 4) return null;
    return end ? parsed.range.end : parsed.range.start;
  });
}
