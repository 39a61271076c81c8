/**
 * Correlation for the detail pane: indicators that share a registrable domain, networks that contain an
 * address (and addresses inside a network), and the other hashes/names of the same file when a source
 * linked them (one STIX object, one CSV line, or a MISP composite attribute such as filename|md5).
 */
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { WorkbenchError } from '../errors';
import { parseIpRange } from '../indicators';
import type { Correlations, RelatedIndicator } from './triage-views';

export type { Correlations, RelatedIndicator };

const FILE_TYPES = "('md5', 'sha1', 'sha256', 'sha512', 'ssdeep', 'filename')";
const RELATED = 'o.id, o.type, o.value, o.status';

/** Related indicators of `id`, at most `limit` (default 50) per kind. NOT_FOUND if there is no such indicator. */
export function listCorrelations(db: Database, id: number, limit = 50): Correlations {
  const self = db.prepare('SELECT id, type, value, registrable_domain AS domain, ip_start AS ipStart, ip_end AS ipEnd FROM indicators WHERE id = ?').get(id) as
    | { id: number; type: string; value: string; domain: string | null; ipStart: number | null; ipEnd: number | null }
    | undefined;
  if (!self) throw new WorkbenchError('NOT_FOUND', `No indicator ${id} in this vault.`);
  const sameDomain = self.domain
    ? (db.prepare(`SELECT ${RELATED} FROM indicators o WHERE o.registrable_domain = ? AND o.id != ? ORDER BY o.id LIMIT ?`).all(self.domain, id, limit) as RelatedIndicator[])
    : [];
  return {
    registrableDomain: self.domain,
    sameDomain,
    containingNetworks: containingNetworks(db, self, limit),
    addressesInNetwork:
      self.type === 'cidr' && self.ipStart !== null
        ? (db
            .prepare(`SELECT ${RELATED} FROM indicators o WHERE o.ip_start BETWEEN ? AND ? AND o.type = 'ipv4' ORDER BY o.ip_start LIMIT ?`)
            .all(self.ipStart, self.ipEnd, limit) as RelatedIndicator[])
        : [],
    sameFile: sameFile(db, self, limit),
  };
}

function containingNetworks(db: Database, self: { id: number; type: string; value: string; ipStart: number | null; ipEnd: number | null }, limit: number): RelatedIndicator[] {
  if (self.type !== 'ipv4' && self.type !== 'ipv6' && self.type !== 'cidr') return [];
  if (self.ipStart !== null) {
    return db
      .prepare(`SELECT ${RELATED} FROM indicators o WHERE o.type = 'cidr' AND o.ip_start <= ? AND o.ip_end >= ? AND o.id != ? ORDER BY o.ip_end - o.ip_start LIMIT ?`)
      .all(self.ipStart, self.ipEnd, self.id, limit) as RelatedIndicator[];
  }
  // IPv6: networks are few next to addresses; compare ranges in JS.
  const mine = parseIpRange(self.value);
  if (mine?.v !== 6) return [];
  const out: RelatedIndicator[] = [];
  for (const row of db.prepare(`SELECT ${RELATED} FROM indicators o WHERE o.type = 'cidr' AND o.value LIKE '%:%' AND o.id != ?`).iterate(self.id) as IterableIterator<RelatedIndicator>) {
    const net = parseIpRange(row.value);
    if (net?.v === 6 && net.range.start <= mine.range.start && net.range.end >= mine.range.end) out.push(row);
    if (out.length >= limit) break;
  }
  return out;
}

/** Values one source record carried: a CSV line's hash columns, a STIX file object's hashes. */
function sameFile(db: Database, self: { id: number; type: string; value: string }, limit: number): RelatedIndicator[] {
  const found = new Map<number, RelatedIndicator>();
  const sightings = db.prepare('SELECT source_id AS sourceId, record FROM indicator_sources WHERE indicator_id = ? AND record IS NOT NULL').all(self.id) as {
    sourceId: number;
    record: number;
  }[];
  const sameRecord = db.prepare(
    `SELECT ${RELATED} FROM indicator_sources b JOIN indicators o ON o.id = b.indicator_id
     WHERE b.source_id = @sourceId AND b.record = @record AND o.id != @id AND o.type IN ${FILE_TYPES} LIMIT 200`,
  );
  for (const { sourceId, record } of sightings) {
    for (const row of sameRecord.all({ sourceId, record, id: self.id }) as RelatedIndicator[]) found.set(row.id, row);
  }
  // MISP composite attributes (filename|md5 ...) name their other part in context.
  const paired = db
    .prepare(
      `SELECT ${RELATED} FROM indicator_context c JOIN indicators o ON o.type IN ${FILE_TYPES} AND o.value = c.name
       WHERE c.indicator_id = ? AND c.kind = 'other' AND (c.detail LIKE 'paired in MISP %' OR c.detail LIKE 'second part of MISP %') AND o.id != ?`,
    )
    .all(self.id, self.id) as RelatedIndicator[];
  for (const row of paired) found.set(row.id, row);
  return [...found.values()].sort((a, b) => a.id - b.id).slice(0, limit);
}
