import { prepared } from './prepared';
import type { Database } from 'better-sqlite3-multiple-ciphers';

/** The vault's copy of one shared STIX object (see migration 0120: sync_objects). */
export interface SharedObject {
  stixId: string;
  modified: string;
  object: Record<string, unknown>;
  origin: 'local' | 'remote';
  baseModified: string | null;
  indicatorId: number | null;
}

interface Row {
  stix_id: string;
  modified: string;
  object_json: string;
  origin: 'local' | 'remote';
  base_modified: string | null;
  indicator_id: number | null;
}

export function getSharedObject(db: Database, stixId: string): SharedObject | undefined {
  const row = prepared(db, 'SELECT * FROM sync_objects WHERE stix_id = ?').get(stixId) as Row | undefined;
  return row
    ? { stixId: row.stix_id, modified: row.modified, object: JSON.parse(row.object_json) as Record<string, unknown>, origin: row.origin, baseModified: row.base_modified, indicatorId: row.indicator_id }
    : undefined;
}

/** Writes the local copy of an object; `baseModified` undefined keeps the stored base. */
export function putSharedObject(
  db: Database,
  object: Record<string, unknown>,
  fields: { origin: 'local' | 'remote'; baseModified?: string | null; indicatorId?: number | null; at: string },
): void {
  prepared(db, 
    `INSERT INTO sync_objects (stix_id, type, modified, object_json, origin, base_modified, indicator_id, updated_at)
     VALUES (@id, @type, @modified, @json, @origin, @base, @indicator, @at)
     ON CONFLICT (stix_id) DO UPDATE SET modified = excluded.modified, object_json = excluded.object_json, origin = excluded.origin,
       base_modified = CASE WHEN @keepBase THEN sync_objects.base_modified ELSE excluded.base_modified END,
       indicator_id = ifnull(excluded.indicator_id, sync_objects.indicator_id), updated_at = excluded.updated_at`,
  ).run({
    id: String(object.id),
    type: String(object.type),
    modified: versionOf(object),
    json: JSON.stringify(object),
    origin: fields.origin,
    base: fields.baseModified ?? null,
    keepBase: fields.baseModified === undefined ? 1 : 0,
    indicator: fields.indicatorId ?? null,
    at: fields.at,
  });
}

/** The version TAXII uses for an object: modified, else created (§3.4.1 of TAXII 2.1). */
export function versionOf(object: Record<string, unknown>): string {
  if (typeof object.modified === 'string') return object.modified;
  if (typeof object.created === 'string') return object.created;
  return '1970-01-01T00:00:00.000Z';
}

/** A STIX timestamp of any precision (…00Z, …00.1Z, …00.123456Z) as one text per instant (nanoseconds). */
export function timestampKey(t: string): string {
  const m = /^(.*?T\d\d:\d\d:\d\d)(?:\.(\d+))?Z$/.exec(t);
  return m ? `${m[1]}.${(m[2] ?? '').padEnd(9, '0')}Z` : t;
}

/** Compares STIX timestamps of any precision as instants. */
export function compareTimestamps(a: string, b: string): number {
  const x = timestampKey(a);
  const y = timestampKey(b);
  return x < y ? -1 : x > y ? 1 : 0;
}
