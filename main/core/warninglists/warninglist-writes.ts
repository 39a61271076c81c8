/**
 * Stores warninglists in the vault, versioned: a list whose name is known and whose version and entry
 * count are unchanged is left alone; a new or changed list replaces its entries, is audited
 * (`warninglist.load`, with the versions before and after) and is rematched over every indicator, all in
 * one transaction. Lists missing from a folder stay in the vault (a folder may hold a subset).
 */
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { appendAudit } from '../audit';
import { matchIndicators } from './match-indicators';
import { WorkbenchError } from '../errors';
import { suggestedStatusFor, type WarninglistCategory } from './warninglist-category';
import type { WarninglistFile } from './warninglist-file';

export interface LoadedList {
  id: number;
  name: string;
  version: number;
  entries: number;
  outcome: 'new' | 'updated' | 'unchanged';
}

export interface LoadResult {
  lists: LoadedList[];
  /** Hits written by rematching the new and updated lists. */
  hits: number;
}

export function storeWarninglists(db: Database, author: { actor: string; at: Date }, files: readonly WarninglistFile[]): LoadResult {
  return db
    .transaction(() => {
      const at = author.at.toISOString();
      const lists: LoadedList[] = [];
      const insertEntry = db.prepare('INSERT OR IGNORE INTO warninglist_entries (list_id, value) VALUES (?, ?)');
      for (const file of files) {
        const known = db
          .prepare('SELECT id, version, entry_count AS entries, category, category_source AS categorySource FROM warninglists WHERE name = ?')
          .get(file.name) as { id: number; version: number; entries: number; category: WarninglistCategory; categorySource: string } | undefined;
        // An analyst's category outlives new versions of the list; the file's or the classifier's is renewed.
        const kept = known?.categorySource === 'analyst';
        const category = kept ? known.category : file.category;
        if (known && known.version === file.version && known.entries === file.entries.length) {
          lists.push({ id: known.id, name: file.name, version: file.version, entries: known.entries, outcome: 'unchanged' });
          continue;
        }
        const row = {
          name: file.name,
          version: file.version,
          description: file.description,
          type: file.type,
          category,
          categorySource: kept ? 'analyst' : file.categorySource,
          matching: JSON.stringify(file.matchingAttributes),
          suggested: suggestedStatusFor(category),
          entries: file.entries.length,
          at,
          by: author.actor,
        };
        const id = known
          ? (db.prepare('DELETE FROM warninglist_entries WHERE list_id = ?').run(known.id),
            db
              .prepare(
                `UPDATE warninglists SET version = @version, description = @description, type = @type, category = @category, category_source = @categorySource,
                   matching_attributes_json = @matching, suggested_status = @suggested, entry_count = @entries, loaded_at = @at, loaded_by = @by
                 WHERE id = @id`,
              )
              .run({ ...row, id: known.id }),
            known.id)
          : Number(
              db
                .prepare(
                  `INSERT INTO warninglists (name, version, description, type, category, category_source, matching_attributes_json, suggested_status, entry_count,
                                             loaded_at, loaded_by)
                   VALUES (@name, @version, @description, @type, @category, @categorySource, @matching, @suggested, @entries, @at, @by)`,
                )
                .run(row).lastInsertRowid,
            );
        for (const entry of file.entries) insertEntry.run(id, entry);
        appendAudit(db, {
          at: author.at,
          actor: author.actor,
          action: 'warninglist.load',
          target: `warninglist:${id}`,
          before: known ? { version: known.version, entries: known.entries } : null,
          after: { name: file.name, version: file.version, type: file.type, category, entries: file.entries.length },
        });
        lists.push({ id, name: file.name, version: file.version, entries: file.entries.length, outcome: known ? 'updated' : 'new' });
      }
      const changed = lists.filter((l) => l.outcome !== 'unchanged').map((l) => l.id);
      const hits = changed.length > 0 ? matchIndicators(db, 0, changed).hits : 0;
      return { lists, hits };
    })
    .immediate();
}

/**
 * Sets a list's category as the analyst judges it (issue #17.2: a list the classifier or the file got
 * wrong); audited as `warninglist.category`, kept when the list is reloaded. NOT_FOUND for an unknown name.
 */
export function setWarninglistCategory(db: Database, author: { actor: string; at: Date }, name: string, category: WarninglistCategory): { id: number; changed: boolean } {
  return db
    .transaction(() => {
      const list = db.prepare('SELECT id, category, category_source AS categorySource FROM warninglists WHERE name = ?').get(name) as
        | { id: number; category: WarninglistCategory; categorySource: string }
        | undefined;
      if (!list) throw new WorkbenchError('NOT_FOUND', `No warninglist named "${name}" in this vault.`);
      if (list.category === category && list.categorySource === 'analyst') return { id: list.id, changed: false };
      db.prepare("UPDATE warninglists SET category = ?, category_source = 'analyst', suggested_status = ? WHERE id = ?").run(category, suggestedStatusFor(category), list.id);
      appendAudit(db, {
        at: author.at,
        actor: author.actor,
        action: 'warninglist.category',
        target: `warninglist:${list.id}`,
        before: { name, category: list.category },
        after: { name, category },
      });
      return { id: list.id, changed: true };
    })
    .immediate();
}
