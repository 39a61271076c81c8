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
  return db.transaction(() => {
    const watermark = db.prepare('SELECT indexed_through FROM triage_state WHERE id = 1').pluck().get() as number;
    const from = Math.min(fromIdExclusive ?? watermark, watermark);
    db.prepare(`UPDATE indicators SET registrable_domain = liaison_registrable_domain(value) WHERE id > ? AND type IN ${DOMAIN_TYPES}`).run(from);
    db.prepare(
      `UPDATE indicators SET ip_start = liaison_ipv4_bound(value, 0), ip_end = liaison_ipv4_bound(value, 1)
       WHERE id > ? AND type IN ('ipv4', 'cidr')`,
    ).run(from);
    const indexed = db
      .prepare(
        `INSERT OR REPLACE INTO indicator_search (rowid, value, notes, tags, context)
         SELECT i.id, trim(i.value || ' ' || ifnull(i.display, '')), ifnull(i.notes, ''),
           ifnull((SELECT group_concat(t.tag, ' ') FROM indicator_tags t WHERE t.indicator_id = i.id), ''),
           ifnull((SELECT group_concat(c.name || ' ' || c.detail, ' ') FROM indicator_context c WHERE c.indicator_id = i.id), '')
         FROM indicators i WHERE i.id > ?`,
      )
      .run(from).changes;
    db.prepare('UPDATE triage_state SET indexed_through = max(indexed_through, ifnull((SELECT max(id) FROM indicators), 0)) WHERE id = 1').run();
    return indexed;
  })();
}

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
