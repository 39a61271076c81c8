/** Triage edits on one indicator: the change and its audit entry (who, when, before, after) commit together. */
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { mutate } from '../audit';
import { WorkbenchError } from '../errors';
import type { TriageAuthor } from './bulk-change';
import { setClause, toColumnPatch, type TriagePatch } from './triage-patch';
import { indicatorsEdited } from './triage-hooks';

/** Applies `patch` to indicator `id`; NOT_FOUND if there is none. Returns the before-image of what changed. */
export function updateIndicatorTriage(db: Database, author: TriageAuthor, id: number, patch: TriagePatch): { before: Record<string, unknown> } {
  const columns = toColumnPatch(db, patch);
  const names = Object.keys(columns.set);
  const touched = [...columns.addTags, ...columns.removeTags];
  let before: Record<string, unknown> = {};
  mutate(
    db,
    () => ({ at: author.at, actor: author.actor, action: 'indicator.triage', target: `indicator:${id}`, before, after: { ...columns.set, addTags: columns.addTags, removeTags: columns.removeTags } }),
    () => {
      const row = db.prepare(`SELECT id${names.map((c) => `, ${c}`).join('')} FROM indicators WHERE id = ?`).get(id) as Record<string, unknown> | undefined;
      if (!row) throw new WorkbenchError('NOT_FOUND', `No indicator ${id} in this vault.`);
      delete row.id;
      before = row;
      if (touched.length > 0) {
        before.tags = db
          .prepare('SELECT tag FROM indicator_tags WHERE indicator_id = ? AND tag IN (SELECT value FROM json_each(?)) ORDER BY tag')
          .pluck()
          .all(id, JSON.stringify(touched));
      }
      if (names.length > 0) {
        const set = setClause(columns);
        db.prepare(`UPDATE indicators SET ${set.sql}, updated_at = @at WHERE id = @id`).run({ ...set.params, at: author.at.toISOString(), id });
      }
      const addTag = db.prepare('INSERT OR IGNORE INTO indicator_tags (indicator_id, tag) VALUES (?, ?)');
      for (const tag of columns.addTags) addTag.run(id, tag);
      const removeTag = db.prepare('DELETE FROM indicator_tags WHERE indicator_id = ? AND tag = ?');
      for (const tag of columns.removeTags) removeTag.run(id, tag);
      indicatorsEdited(db, [id], author.at);
    },
  );
  return { before };
}
