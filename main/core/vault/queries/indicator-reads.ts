import type { Database, Statement } from 'better-sqlite3-multiple-ciphers';
import type { TlpLevel } from '../../ingest/ingest-record';
import type { IndicatorDetail, IndicatorSighting, IndicatorSummary } from './indicator-views';
import { tlpFromRank, tlpRank } from './tlp-rank';

export type { IndicatorDetail, IndicatorSighting, IndicatorSummary };

export interface IndicatorFilter {
  type?: string;
  tlp?: TlpLevel;
  source?: string;
  /** Substring of the canonical or display value, case-insensitive. */
  search?: string;
  limit: number;
}

interface SummaryRow extends Omit<IndicatorSummary, 'tlp' | 'flags'> {
  tlpRank: number;
  flags: string | null;
}

const SUMMARY_COLUMNS = `i.id, i.type, i.value, i.display, i.tlp_rank AS tlpRank, i.status, i.flags, i.confidence,
  i.first_seen AS firstSeen, i.last_seen AS lastSeen, i.valid_until AS validUntil, i.sightings,
  (SELECT count(*) FROM indicator_sources s WHERE s.indicator_id = i.id) AS sourceCount`;

/** Indicators matching every given filter, newest first. */
export function listIndicators(db: Database, filter: IndicatorFilter): IndicatorSummary[] {
  const where: string[] = [];
  const params: Record<string, unknown> = { limit: filter.limit };
  if (filter.type) {
    where.push('i.type = @type');
    params.type = filter.type;
  }
  if (filter.tlp) {
    where.push('i.tlp_rank = @tlpRank');
    params.tlpRank = tlpRank(filter.tlp);
  }
  if (filter.source) {
    where.push(`EXISTS (SELECT 1 FROM indicator_sources l JOIN sources s ON s.id = l.source_id
                 WHERE l.indicator_id = i.id AND s.name = @source)`);
    params.source = filter.source;
  }
  if (filter.search) {
    where.push(`(i.value LIKE @search ESCAPE '\\' OR i.display LIKE @search ESCAPE '\\')`);
    params.search = `%${filter.search.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  }
  const sql = `SELECT ${SUMMARY_COLUMNS} FROM indicators i
    ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY i.id DESC LIMIT @limit`;
  return (db.prepare(sql).all(params) as SummaryRow[]).map(toSummary);
}

/**
 * Statements of getIndicator, prepared once per connection: a batch lookup (`liaison indicators show
 * --stdin`) runs them thousands of times, and preparing four statements cost as much as running them.
 */
const statements = new WeakMap<Database, Map<string, Statement>>();

function prepared(db: Database, sql: string): Statement {
  let cache = statements.get(db);
  if (!cache) statements.set(db, (cache = new Map()));
  let statement = cache.get(sql);
  if (!statement) cache.set(sql, (statement = db.prepare(sql)));
  return statement;
}

/** One indicator by id or (type, canonical value), with its sources, context and tags. */
export function getIndicator(db: Database, key: { id: number } | { type: string; value: string }): IndicatorDetail | undefined {
  const row = (
    'id' in key
      ? prepared(db, `SELECT ${SUMMARY_COLUMNS}, i.valid_from AS validFrom, i.created_at AS createdAt, i.updated_at AS updatedAt FROM indicators i WHERE i.id = ?`).get(key.id)
      : prepared(db, `SELECT ${SUMMARY_COLUMNS}, i.valid_from AS validFrom, i.created_at AS createdAt, i.updated_at AS updatedAt FROM indicators i WHERE i.type = ? AND i.value = ?`)
          .get(key.type, key.value)
  ) as (SummaryRow & { validFrom: string | null; createdAt: string; updatedAt: string }) | undefined;
  if (!row) return undefined;
  const sources = (
    prepared(
      db,
        `SELECT s.id AS sourceId, s.name AS sourceName, s.format, s.file_name AS fileName, s.imported_at AS importedAt,
                l.sightings, l.tlp_rank AS tlpRank, l.first_seen AS firstSeen, l.last_seen AS lastSeen, l.location
         FROM indicator_sources l JOIN sources s ON s.id = l.source_id WHERE l.indicator_id = ? ORDER BY s.id`,
      )
      .all(row.id) as (Omit<IndicatorSighting, 'tlp'> & { tlpRank: number })[]
  ).map(({ tlpRank: rank, ...rest }) => ({ ...rest, tlp: tlpFromRank(rank) }));
  const context = prepared(db, CONTEXT_SQL).all({ id: row.id }) as IndicatorDetail['context'];
  const tags = (prepared(db, 'SELECT tag FROM indicator_tags WHERE indicator_id = ? ORDER BY tag').all(row.id) as { tag: string }[]).map(
    (t) => t.tag,
  );
  return { ...toSummary(row), validFrom: row.validFrom, createdAt: row.createdAt, updatedAt: row.updatedAt, sources, context, tags };
}

/**
 * Context rows, and the statements a source made with each sighting (its pattern, comment or the text
 * around the value), which are kept on the sighting row but read as context.
 */
const CONTEXT_SQL = `
  SELECT kind, name, ref, detail, source_id AS sourceId FROM indicator_context WHERE indicator_id = @id
  UNION ALL SELECT 'pattern', pattern, '', '', source_id FROM indicator_sources WHERE indicator_id = @id AND pattern IS NOT NULL
  UNION ALL SELECT 'other', 'comment', '', comment, source_id FROM indicator_sources WHERE indicator_id = @id AND comment IS NOT NULL
  UNION ALL SELECT 'snippet', ifnull(src.file_name, ''), '', l.snippet, l.source_id
    FROM indicator_sources l JOIN sources src ON src.id = l.source_id WHERE l.indicator_id = @id AND l.snippet IS NOT NULL
  ORDER BY 1, 2`;

function toSummary({ tlpRank: rank, flags, ...rest }: SummaryRow): IndicatorSummary {
  return { ...rest, tlp: tlpFromRank(rank), flags: flags ? flags.split(',') : [] };
}
