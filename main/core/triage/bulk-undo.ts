/**
 * One-step undo of a bulk change, in one transaction, itself audited. Conflict rule: a field is restored
 * only where it still holds the value the bulk change wrote; a later edit by anyone wins, and the rows
 * where that happened are counted as `kept` rather than silently overwritten. Tags: a tag the change
 * added is removed only where it was absent before; a tag it removed comes back only where it was there.
 */
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { appendAudit } from '../audit';
import { WorkbenchError } from '../errors';
import type { TriageAuthor } from './bulk-change';
import { PATCH_COLUMNS, type ColumnPatch } from './triage-patch';
import { hasIndicatorsEditedHooks, indicatorsEdited } from './triage-hooks';

export interface UndoResult {
  changeId: number;
  /** Indicators the bulk change had touched. */
  count: number;
  /** Of those, how many had a field changed again since, which undo left as it is. */
  kept: number;
  auditId: number;
}

interface ChangeRow {
  id: number;
  patch_json: string;
  item_count: number;
  undone_at: string | null;
}

/** Undoes `changeId`, or the most recent analyst bulk change not yet undone. NOT_FOUND if there is none. */
export function undoBulkChange(db: Database, author: TriageAuthor, changeId?: number): UndoResult {
  return db
    .transaction(() => {
      const change = (
        changeId === undefined
          ? db.prepare("SELECT id, patch_json, item_count, undone_at FROM bulk_changes WHERE kind = 'bulk' AND undone_at IS NULL ORDER BY id DESC LIMIT 1").get()
          : db.prepare('SELECT id, patch_json, item_count, undone_at FROM bulk_changes WHERE id = ?').get(changeId)
      ) as ChangeRow | undefined;
      if (!change) throw new WorkbenchError('NOT_FOUND', 'There is no bulk change to undo.');
      if (change.undone_at) throw new WorkbenchError('INVALID_INPUT', `Bulk change ${change.id} was already undone.`);
      const patch = JSON.parse(change.patch_json) as ColumnPatch;
      const kept = restoreColumns(db, change.id, patch, author.at.toISOString());
      restoreTags(db, change.id, patch);
      if (hasIndicatorsEditedHooks()) {
        indicatorsEdited(db, db.prepare('SELECT indicator_id FROM bulk_change_items WHERE change_id = ?').pluck().all(change.id) as number[], author.at);
      }
      const auditId = appendAudit(db, {
        at: author.at,
        actor: author.actor,
        action: 'indicators.bulk-undo',
        target: `bulk-change:${change.id}`,
        after: { changeId: change.id, count: change.item_count, kept },
      });
      db.prepare('UPDATE bulk_changes SET undone_at = ?, undone_by = ?, undo_audit_id = ? WHERE id = ?').run(
        author.at.toISOString(),
        author.actor,
        auditId,
        change.id,
      );
      return { changeId: change.id, count: change.item_count, kept, auditId };
    })
    .immediate();
}

function restoreColumns(db: Database, changeId: number, patch: ColumnPatch, at: string): number {
  const columns = Object.keys(patch.set).filter((c): c is (typeof PATCH_COLUMNS)[number] => (PATCH_COLUMNS as readonly string[]).includes(c));
  if (columns.length === 0) return 0;
  const params: Record<string, string | number | null> = { changeId, at };
  columns.forEach((c) => (params[`a_${c}`] = patch.set[c] ?? null));
  const unchanged = columns.map((c) => `i.${c} IS @a_${c}`).join(' AND ');
  const kept = db
    .prepare(`SELECT count(*) FROM bulk_change_items b JOIN indicators i ON i.id = b.indicator_id WHERE b.change_id = @changeId AND NOT (${unchanged})`)
    .pluck()
    .get(params) as number;
  const sets = columns.map((c) => `${c} = CASE WHEN i.${c} IS @a_${c} THEN json_extract(b.before_json, '$.${c}') ELSE i.${c} END`);
  db.prepare(
    `UPDATE indicators AS i SET ${sets.join(', ')}, updated_at = @at
     FROM bulk_change_items AS b WHERE b.change_id = @changeId AND b.indicator_id = i.id`,
  ).run(params);
  return kept;
}

function restoreTags(db: Database, changeId: number, patch: ColumnPatch): void {
  if (patch.addTags.length > 0) {
    db.prepare(
      `DELETE FROM indicator_tags WHERE (indicator_id, tag) IN (
         SELECT b.indicator_id, t.value FROM bulk_change_items b, json_each(@tags) t
         WHERE b.change_id = @changeId AND t.value NOT IN (SELECT value FROM json_each(b.before_json, '$.tags')))`,
    ).run({ changeId, tags: JSON.stringify(patch.addTags) });
  }
  if (patch.removeTags.length > 0) {
    db.prepare(
      `INSERT OR IGNORE INTO indicator_tags (indicator_id, tag)
       SELECT b.indicator_id, t.value FROM bulk_change_items b, json_each(b.before_json, '$.tags') t
       WHERE b.change_id = @changeId AND t.value IN (SELECT value FROM json_each(@tags))`,
    ).run({ changeId, tags: JSON.stringify(patch.removeTags) });
  }
}
