import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { IndicatorType } from '../indicators/indicator-type';
import type { TlpLevel } from '../ingest/ingest-record';
import { buildFilterSql, parseWhere, type QueueCondition } from '../triage';
import type { TriageStatus } from '../triage/triage-model';
import { tlpFromRank, tlpRank } from '../vault/queries/tlp-rank';

/** One indicator as a bundle exports it. */
export interface SelectedIndicator {
  id: number;
  type: IndicatorType;
  value: string;
  tlp: TlpLevel;
  status: TriageStatus;
  confidence: number | null;
  validFrom: string | null;
  validUntil: string | null;
  created: string;
  modified: string;
  tags: string[];
}

export interface Selection {
  indicators: SelectedIndicator[];
  /** Matched the query but are marked above the ceiling: left out, counted for the report and audit. */
  withheld: number;
}

/** Statuses that are never shared unless the query names a status itself: they are not threat data. */
const NOT_SHARED: readonly TriageStatus[] = ['false-positive', 'expired'];

/**
 * The indicators a `--where` query selects (all of them without one), in id order, split at the TLP
 * ceiling: nothing above `tlpMax` is returned, whatever the query says.
 */
export function selectIndicators(db: Database, where: string | undefined, tlpMax: TlpLevel): Selection {
  const conditions: QueueCondition[] = where && where.trim() ? parseWhere(where) : [];
  if (!conditions.some((c) => c.field === 'status')) conditions.push({ field: 'status', op: '!=', value: [...NOT_SHARED] });
  const filter = buildFilterSql({ conditions });
  const whereSql = filter.where.length ? filter.where.join(' AND ') : '1';
  const rows = db
    .prepare(
      `SELECT i.id, i.type, i.value, i.tlp_rank AS tlpRank, i.status, i.confidence, ifnull(i.valid_from, i.first_seen) AS validFrom,
              i.valid_until AS validUntil, i.created_at AS created, i.updated_at AS modified,
              (SELECT json_group_array(t.tag) FROM indicator_tags t WHERE t.indicator_id = i.id) AS tagsJson
         FROM indicators i WHERE ${whereSql} ORDER BY i.id`,
    )
    .all(filter.params) as (Omit<SelectedIndicator, 'tlp' | 'tags'> & { tlpRank: number; tagsJson: string })[];
  const ceiling = tlpRank(tlpMax);
  const indicators: SelectedIndicator[] = [];
  let withheld = 0;
  for (const { tlpRank: rank, tagsJson, ...row } of rows) {
    if (rank > ceiling) {
      withheld += 1;
      continue;
    }
    indicators.push({ ...row, tlp: tlpFromRank(rank), tags: (JSON.parse(tagsJson) as string[]).sort() });
  }
  return { indicators, withheld };
}
