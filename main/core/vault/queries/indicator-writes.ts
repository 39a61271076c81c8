import type { Database, Statement } from 'better-sqlite3-multiple-ciphers';
import type { IndicatorContext } from '../../ingest/ingest-record';

/** One canonical indicator as an import writes it. */
export interface IndicatorWrite {
  type: string;
  value: string;
  display: string | null;
  tlpRank: number;
  flags: string | null;
  confidence: number | null;
  firstSeen: string | null;
  lastSeen: string | null;
  validFrom: string | null;
  validUntil: string | null;
  sightings: number;
  location: string;
}

/** What happened to an indicator: created by this import, existing before it, or seen again in it. */
export type WriteOutcome = 'new' | 'merged' | 'repeat';

export interface IndicatorWriter {
  write(indicator: IndicatorWrite): { id: number; outcome: WriteOutcome };
  addContext(indicatorId: number, context: readonly IndicatorContext[]): void;
  addTags(indicatorId: number, tags: readonly string[]): void;
  /** Applies what a later object of the same file said about an indicator (STIX relationships, sightings). */
  amend(indicatorId: number, amendment: IndicatorAmendment): void;
}

export interface IndicatorAmendment {
  tlpRank: number | null;
  sightings: number;
  firstSeen: string | null;
  lastSeen: string | null;
}

/**
 * Prepares the statements of one import into one source. Merging widens first/last seen, adds
 * sightings and keeps the most restrictive TLP; it never touches triage fields (status, notes).
 */
export function prepareIndicatorWriter(db: Database, sourceId: number, now: string): IndicatorWriter {
  const insert = db.prepare(`
    INSERT INTO indicators (type, value, display, tlp_rank, flags, confidence, first_seen, last_seen,
                            valid_from, valid_until, sightings, created_at, updated_at)
    VALUES (@type, @value, @display, @tlpRank, @flags, @confidence, @firstSeen, @lastSeen,
            @validFrom, @validUntil, @sightings, @now, @now)
    ON CONFLICT (type, value) DO NOTHING`);
  const merge = db.prepare(`
    UPDATE indicators SET
      first_seen = CASE WHEN first_seen IS NULL OR @firstSeen < first_seen THEN coalesce(@firstSeen, first_seen) ELSE first_seen END,
      last_seen = CASE WHEN last_seen IS NULL OR @lastSeen > last_seen THEN coalesce(@lastSeen, last_seen) ELSE last_seen END,
      valid_until = CASE WHEN valid_until IS NULL OR @validUntil > valid_until THEN coalesce(@validUntil, valid_until) ELSE valid_until END,
      tlp_rank = max(tlp_rank, @tlpRank),
      display = coalesce(display, @display),
      flags = coalesce(flags, @flags),
      sightings = sightings + @sightings,
      updated_at = @now
    WHERE type = @type AND value = @value
    RETURNING id`);
  const link = db.prepare(`
    INSERT INTO indicator_sources (indicator_id, source_id, sightings, tlp_rank, first_seen, last_seen, location)
    VALUES (?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT (indicator_id, source_id) DO NOTHING`);
  const relink = db.prepare(`
    UPDATE indicator_sources SET
      sightings = sightings + @sightings,
      tlp_rank = max(tlp_rank, @tlpRank),
      first_seen = CASE WHEN first_seen IS NULL OR @firstSeen < first_seen THEN coalesce(@firstSeen, first_seen) ELSE first_seen END,
      last_seen = CASE WHEN last_seen IS NULL OR @lastSeen > last_seen THEN coalesce(@lastSeen, last_seen) ELSE last_seen END
    WHERE indicator_id = @id AND source_id = @sourceId`);
  const context = db.prepare(
    'INSERT OR IGNORE INTO indicator_context (indicator_id, source_id, kind, name, ref, detail) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const tag = db.prepare('INSERT OR IGNORE INTO indicator_tags (indicator_id, tag) VALUES (?, ?)');
  const amendIndicator = db.prepare(`
    UPDATE indicators SET
      tlp_rank = max(tlp_rank, coalesce(@tlpRank, 0)),
      sightings = sightings + @sightings,
      first_seen = CASE WHEN first_seen IS NULL OR @firstSeen < first_seen THEN coalesce(@firstSeen, first_seen) ELSE first_seen END,
      last_seen = CASE WHEN last_seen IS NULL OR @lastSeen > last_seen THEN coalesce(@lastSeen, last_seen) ELSE last_seen END,
      updated_at = @now
    WHERE id = @id`);

  return {
    write(indicator) {
      const params = { ...indicator, now };
      const inserted = insert.run(params);
      if (inserted.changes === 1) {
        const id = Number(inserted.lastInsertRowid);
        linkSource(link, id, sourceId, indicator);
        return { id, outcome: 'new' };
      }
      const { id } = (merge as Statement<typeof params, { id: number }>).get(params)!;
      if (linkSource(link, id, sourceId, indicator)) return { id, outcome: 'merged' };
      relink.run({ ...params, id, sourceId });
      return { id, outcome: 'repeat' };
    },
    addContext(indicatorId, items) {
      for (const item of items) context.run(indicatorId, sourceId, item.kind, item.name, item.ref ?? '', item.detail ?? '');
    },
    addTags(indicatorId, tags) {
      for (const value of tags) tag.run(indicatorId, value);
    },
    amend(indicatorId, amendment) {
      const params = { ...amendment, id: indicatorId, sourceId, now };
      amendIndicator.run(params);
      relink.run({ ...params, tlpRank: amendment.tlpRank ?? 0 });
    },
  };
}

/** True when this is the indicator's first sighting in this source. */
function linkSource(link: Statement, id: number, sourceId: number, indicator: IndicatorWrite): boolean {
  const { sightings, tlpRank, firstSeen, lastSeen, location } = indicator;
  return link.run(id, sourceId, sightings, tlpRank, firstSeen, lastSeen, location).changes === 1;
}
