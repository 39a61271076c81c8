/**
 * A bulk triage action on a selection or on the whole filtered set: ONE transaction writes the before-
 * images (bulk_change_items), the change itself and ONE audit entry naming the bulk change that lists the
 * affected set. Undo lives in bulk-undo.ts.
 */
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { appendAudit } from '../audit';
import { WorkbenchError } from '../errors';
import { buildFilterSql } from './queue-filter-sql';
import type { QueueFilter } from './queue-query';
import { hasIndicatorsEditedHooks, indicatorsEdited } from './triage-hooks';
import { beforeImageSql, setClause, toColumnPatch, type ColumnPatch, type TriagePatch } from './triage-patch';

/** Explicit ids (a selection in the list), or every row the filter matches. */
export type TriageSelection = { ids: readonly number[] } | { filter: QueueFilter };

/** Who acts and when: every change is audited with both. */
export interface TriageAuthor {
  actor: string;
  at: Date;
}

export type BulkChangeKind = 'bulk' | 'auto-expire';

export interface BulkChangeResult {
  changeId: number;
  /** Indicators the change applied to. */
  count: number;
  auditId: number;
}

/** Applies `patch` to every selected indicator; `count` 0 writes nothing (no change, no audit entry). */
export function applyBulkChange(db: Database, author: TriageAuthor, selection: TriageSelection, patch: TriagePatch): BulkChangeResult {
  return orEmpty(() => db.transaction(() => writeBulkChange(db, author, selection, toColumnPatch(db, patch), 'bulk', patch)).immediate());
}

/** The body of a bulk change, for callers that already hold a transaction (expiry). */
export function writeBulkChange(
  db: Database,
  author: TriageAuthor,
  selection: TriageSelection,
  columns: ColumnPatch,
  kind: BulkChangeKind,
  described: unknown,
): BulkChangeResult {
  const at = author.at.toISOString();
  const { where, params } = selectionSql(selection);
  const changeId = Number(
    db
      .prepare(
        `INSERT INTO bulk_changes (at, actor, kind, patch_json, selection_json, item_count) VALUES (?, ?, ?, ?, ?, 0)`,
      )
      .run(at, author.actor, kind, JSON.stringify(columns), JSON.stringify(selection)).lastInsertRowid,
  );
  const touchedTags = JSON.stringify([...columns.addTags, ...columns.removeTags]);
  const count = db
    .prepare(
      `INSERT INTO bulk_change_items (change_id, indicator_id, before_json)
       SELECT @changeId, i.id, ${beforeImageSql(columns)} FROM indicators i WHERE ${where}`,
    )
    .run({ ...params, changeId, touchedTags }).changes;
  if (count === 0) {
    // Nothing matched: leave no trace of an empty change (the rows above roll back with the savepoint).
    throw new EmptySelection();
  }
  const items = 'SELECT indicator_id FROM bulk_change_items WHERE change_id = @changeId';
  if (Object.keys(columns.set).length > 0) {
    const set = setClause(columns);
    db.prepare(`UPDATE indicators SET ${set.sql}, updated_at = @at WHERE id IN (${items})`).run({ ...set.params, at, changeId });
  }
  if (columns.addTags.length > 0) {
    db.prepare(`INSERT OR IGNORE INTO indicator_tags (indicator_id, tag) SELECT b.indicator_id, t.value FROM (${items}) b, json_each(@tags) t`).run({
      changeId,
      tags: JSON.stringify(columns.addTags),
    });
  }
  if (columns.removeTags.length > 0) {
    db.prepare(`DELETE FROM indicator_tags WHERE tag IN (SELECT value FROM json_each(@tags)) AND indicator_id IN (${items})`).run({
      changeId,
      tags: JSON.stringify(columns.removeTags),
    });
  }
  // Expiry is the clock, not an analyst's edit: partners see valid_until pass without a new version.
  if (kind === 'bulk' && hasIndicatorsEditedHooks()) {
    indicatorsEdited(db, db.prepare('SELECT indicator_id FROM bulk_change_items WHERE change_id = ?').pluck().all(changeId) as number[], author.at);
  }
  const auditId = appendAudit(db, {
    at: author.at,
    actor: author.actor,
    action: kind === 'auto-expire' ? 'indicators.auto-expire' : 'indicators.bulk-triage',
    target: `bulk-change:${changeId}`,
    after: { changeId, count, change: described, selection, items: 'bulk_change_items' },
  });
  db.prepare('UPDATE bulk_changes SET item_count = ?, audit_id = ? WHERE id = ?').run(count, auditId, changeId);
  return { changeId, count, auditId };
}

/** Thrown inside the transaction to roll back an empty change; callers see count 0. */
export class EmptySelection extends Error {}

/** Wraps a bulk write so an empty selection returns count 0 instead of throwing. */
export function orEmpty(fn: () => BulkChangeResult): BulkChangeResult {
  try {
    return fn();
  } catch (error) {
    if (error instanceof EmptySelection) return { changeId: 0, count: 0, auditId: 0 };
    throw error;
  }
}

function selectionSql(selection: TriageSelection): { where: string; params: Record<string, string | number> } {
  if ('ids' in selection) {
    if (!Array.isArray(selection.ids) || selection.ids.some((id) => !Number.isSafeInteger(id) || id < 1)) {
      throw new WorkbenchError('INVALID_INPUT', 'Indicator ids are positive whole numbers.');
    }
    return { where: 'i.id IN (SELECT value FROM json_each(@ids))', params: { ids: JSON.stringify(selection.ids) } };
  }
  const { where, params } = buildFilterSql(selection.filter);
  return { where: where.length ? where.join(' AND ') : '1', params };
}
