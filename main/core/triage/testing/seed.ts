/**
 * Test support (imported only by tests): writes indicator rows straight into a migrated database, the
 * way an import leaves them, so triage tests do not depend on the import pipeline.
 */
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { correlationKeys } from '../../indicators';
import { recordKeyOf } from '../../ingest/ingest-record';

export interface SeedIndicator {
  type: string;
  value: string;
  status?: string;
  tlpRank?: number;
  confidence?: number | null;
  firstSeen?: string | null;
  lastSeen?: string | null;
  validUntil?: string | null;
  display?: string | null;
  tags?: string[];
  source?: string;
  location?: string;
  context?: { kind: string; name: string; detail?: string }[];
}

/** Inserts rows (and their sources, tags, context) and returns their ids in order. */
export function seedIndicators(db: Database, rows: readonly SeedIndicator[]): number[] {
  const insert = db.prepare(
    `INSERT INTO indicators (type, value, display, tlp_rank, status, confidence, first_seen, last_seen, valid_until, sightings, created_at, updated_at,
                             registrable_domain, ip_start, ip_end)
     VALUES (@type, @value, @display, @tlpRank, @status, @confidence, @firstSeen, @lastSeen, @validUntil, 1, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z',
             @registrableDomain, @ipStart, @ipEnd)`,
  );
  const source = db.prepare('SELECT id FROM sources WHERE name = ?').pluck();
  const addSource = db.prepare(
    `INSERT INTO sources (name, format, analyst, default_tlp, imported_at) VALUES (?, 'csv', 'seed', 'amber', '2026-01-02T10:00:00.000Z')`,
  );
  const link = db.prepare('INSERT INTO indicator_sources (indicator_id, source_id, sightings, tlp_rank, location, record) VALUES (?, ?, 1, 0, ?, ?)');
  // As an import numbers them: one record number per source and distinct record part of the location.
  const records = new Map<string, number>();
  const recordOf = (sourceId: number, location: string): number => {
    const key = `${sourceId}\u0000${recordKeyOf(location)}`;
    if (!records.has(key)) records.set(key, records.size + 1);
    return records.get(key)!;
  };
  const tag = db.prepare('INSERT INTO indicator_tags (indicator_id, tag) VALUES (?, ?)');
  const context = db.prepare("INSERT INTO indicator_context (indicator_id, source_id, kind, name, detail) VALUES (?, ?, ?, ?, ?)");
  return db.transaction(() =>
    rows.map((row) => {
      const id = Number(
        insert.run({
          type: row.type,
          value: row.value,
          display: row.display ?? null,
          tlpRank: row.tlpRank ?? 1,
          status: row.status ?? 'new',
          confidence: row.confidence ?? null,
          firstSeen: row.firstSeen ?? null,
          lastSeen: row.lastSeen ?? null,
          validUntil: row.validUntil ?? null,
          ...correlationKeys(row.type, row.value),
        }).lastInsertRowid,
      );
      const name = row.source ?? 'seed feed';
      const sourceId = (source.get(name) as number | undefined) ?? Number(addSource.run(name).lastInsertRowid);
      const location = row.location ?? `line ${id}`;
      link.run(id, sourceId, location, recordOf(sourceId, location));
      for (const t of row.tags ?? []) tag.run(id, t);
      for (const c of row.context ?? []) context.run(id, sourceId, c.kind, c.name, c.detail ?? '');
      return id;
    }),
  )();
}
