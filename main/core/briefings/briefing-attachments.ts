/**
 * Which indicators an attach or detach names: ids (a queue selection), `TYPE:VALUE` keys (typed, pasted,
 * defanged or not), a queue filter, or a `--where` query in the CLI's language. Filters go through the
 * queue's own SQL builder, so "attach what the queue shows" attaches exactly what the queue shows.
 */
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { WorkbenchError } from '../errors';
import { canonicalize, INDICATOR_TYPES, isIndicatorType } from '../indicators';
import { buildFilterSql, parseWhere, type QueueFilter } from '../triage';

export interface IndicatorSelection {
  indicatorIds?: readonly number[];
  keys?: readonly string[];
  filter?: QueueFilter;
  where?: string;
}

export interface ResolvedSelection {
  /** Ids of existing indicators, deduplicated. */
  ids: number[];
  /** The keys or ids given that name no indicator of this vault. */
  notFound: string[];
}

/** Parses `TYPE:VALUE` (or a bare id) into its canonical form; INVALID_INPUT when it is neither. */
export function parseIndicatorKey(key: string): { id: number } | { type: string; value: string } {
  const text = key.trim();
  if (/^\d{1,15}$/.test(text)) return { id: Number(text) };
  const colon = text.indexOf(':');
  const type = text.slice(0, colon).toLowerCase();
  if (colon < 1 || !isIndicatorType(type)) {
    throw new WorkbenchError('INVALID_INPUT', `"${text.slice(0, 80)}" is neither an id nor TYPE:VALUE with a type of ${INDICATOR_TYPES.join(', ')}.`);
  }
  const canonical = canonicalize(type, text.slice(colon + 1));
  if (!canonical.ok) throw new WorkbenchError('INVALID_INPUT', `"${text.slice(0, 80)}": ${canonical.reason}.`);
  return { type: canonical.type, value: canonical.value };
}

/**
 * Resolves a selection to indicator ids. A filter or query selects at most `cap` + 1 rows: one more than
 * a briefing can hold is enough to know the selection is too large, without reading 200,000 ids.
 */
export function resolveSelection(db: Database, selection: IndicatorSelection, cap: number): ResolvedSelection & { overflow: number | null } {
  const ids = new Set<number>();
  const notFound: string[] = [];
  if (selection.indicatorIds && selection.indicatorIds.length > 0) {
    const existing = db
      .prepare('SELECT value FROM json_each(?) WHERE value IN (SELECT id FROM indicators)')
      .pluck()
      .all(JSON.stringify(selection.indicatorIds)) as number[];
    const found = new Set(existing);
    for (const id of selection.indicatorIds) {
      if (found.has(id)) ids.add(id);
      else notFound.push(String(id));
    }
  }
  if (selection.keys && selection.keys.length > 0) {
    const byKey = db.prepare('SELECT id FROM indicators WHERE type = ? AND value = ?').pluck();
    const byId = db.prepare('SELECT id FROM indicators WHERE id = ?').pluck();
    for (const key of selection.keys) {
      const parsed = parseIndicatorKey(key);
      const id = ('id' in parsed ? byId.get(parsed.id) : byKey.get(parsed.type, parsed.value)) as number | undefined;
      if (id === undefined) notFound.push(key);
      else ids.add(id);
    }
  }
  const filters: QueueFilter[] = [];
  if (selection.filter) filters.push(selection.filter);
  if (selection.where !== undefined) filters.push({ conditions: parseWhere(selection.where) });
  let overflow: number | null = null;
  for (const filter of filters) {
    const { where, params } = buildFilterSql(filter);
    const clause = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
    const rows = db.prepare(`SELECT i.id FROM indicators i ${clause} ORDER BY i.id LIMIT ${cap + 1}`).pluck().all(params) as number[];
    if (rows.length > cap) {
      overflow = db.prepare(`SELECT count(*) FROM indicators i ${clause}`).pluck().get(params) as number;
    }
    for (const id of rows) ids.add(id);
  }
  return { ids: [...ids], notFound, overflow };
}
