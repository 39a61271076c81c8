/** Overview figures: counts by status, type, source and TLP, and imports per day. */
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { tlpFromRank } from '../vault/queries/tlp-rank';

export interface CountBy<K extends string = string> {
  key: K;
  count: number;
}

export function countByStatus(db: Database): CountBy[] {
  return db.prepare('SELECT status AS key, count(*) AS count FROM indicators GROUP BY status ORDER BY count DESC, key').all() as CountBy[];
}

export function countByType(db: Database): CountBy[] {
  return db.prepare('SELECT type AS key, count(*) AS count FROM indicators GROUP BY type ORDER BY count DESC, key').all() as CountBy[];
}

export function countByTlp(db: Database): CountBy[] {
  const rows = db.prepare('SELECT tlp_rank AS rank, count(*) AS count FROM indicators GROUP BY tlp_rank ORDER BY tlp_rank').all() as { rank: number; count: number }[];
  return rows.map((r) => ({ key: tlpFromRank(r.rank), count: r.count }));
}

/** Indicators per source name (an indicator seen in two sources counts in both). */
export function countBySource(db: Database): CountBy[] {
  return db
    .prepare(
      `SELECT s.name AS key, count(DISTINCT l.indicator_id) AS count
       FROM indicator_sources l JOIN sources s ON s.id = l.source_id GROUP BY s.name ORDER BY count DESC, key`,
    )
    .all() as CountBy[];
}

export interface ImportDay {
  /** YYYY-MM-DD (UTC). */
  day: string;
  imports: number;
  indicatorsNew: number;
  indicatorsMerged: number;
}

/** Imports per UTC day, oldest first, optionally from `sinceDay` (YYYY-MM-DD). */
export function listImportsPerDay(db: Database, sinceDay = '0000-00-00'): ImportDay[] {
  return db
    .prepare(
      `SELECT substr(imported_at, 1, 10) AS day, count(*) AS imports, sum(indicators_new) AS indicatorsNew,
              sum(indicators_merged) AS indicatorsMerged
       FROM sources WHERE imported_at >= ? GROUP BY day ORDER BY day`,
    )
    .all(sinceDay) as ImportDay[];
}
