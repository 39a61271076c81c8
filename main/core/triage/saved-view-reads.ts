import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { QueueFilter, QueueSort } from './queue-query';

export interface SavedViewQuery {
  filter: QueueFilter;
  sort: QueueSort;
}

export interface SavedView {
  id: number;
  name: string;
  query: SavedViewQuery;
  createdBy: string;
  updatedAt: string;
}

/** Every saved view, by name. The stored JSON was validated when saved. */
export function listSavedViews(db: Database): SavedView[] {
  const rows = db.prepare('SELECT id, name, query_json, created_by AS createdBy, updated_at AS updatedAt FROM saved_views ORDER BY name').all() as (Omit<SavedView, 'query'> & {
    query_json: string;
  })[];
  return rows.map(({ query_json, ...rest }) => ({ ...rest, query: JSON.parse(query_json) as SavedViewQuery }));
}
