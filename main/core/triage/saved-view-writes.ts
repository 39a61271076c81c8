/** Saved queue views: a name and the QueueQuery's filter and sort, stored as JSON. */
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { mutate } from '../audit';
import { WorkbenchError } from '../errors';
import type { TriageAuthor } from './bulk-change';
import { buildFilterSql } from './queue-filter-sql';
import { sortSpec } from './queue-sort';
import type { SavedViewQuery } from './saved-view-reads';

/** Creates or replaces the view called `name` (validated by building its SQL). Returns its id. */
export function saveView(db: Database, author: TriageAuthor, name: string, query: SavedViewQuery): number {
  const trimmed = name.trim();
  if (!trimmed || trimmed.length > 200) throw new WorkbenchError('INVALID_INPUT', 'A view name is 1-200 characters.');
  buildFilterSql(query.filter);
  sortSpec(query.sort);
  const at = author.at.toISOString();
  const json = JSON.stringify({ filter: query.filter, sort: query.sort });
  return mutate(
    db,
    (id: number) => ({ at: author.at, actor: author.actor, action: 'view.save', target: `view:${id}`, after: { name: trimmed, query: JSON.parse(json) as unknown } }),
    () =>
      db
        .prepare(
          `INSERT INTO saved_views (name, query_json, created_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?)
           ON CONFLICT (name) DO UPDATE SET query_json = excluded.query_json, updated_at = excluded.updated_at RETURNING id`,
        )
        .pluck()
        .get(trimmed, json, author.actor, at, at) as number,
  );
}

/** Deletes a view; NOT_FOUND if there is none. */
export function deleteView(db: Database, author: TriageAuthor, id: number): void {
  mutate(db, { at: author.at, actor: author.actor, action: 'view.delete', target: `view:${id}` }, () => {
    if (db.prepare('DELETE FROM saved_views WHERE id = ?').run(id).changes === 0) throw new WorkbenchError('NOT_FOUND', `No saved view ${id}.`);
  });
}
