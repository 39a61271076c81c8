import { classifyWarninglist, suggestedStatusFor, type WarninglistCategory } from '../../warninglists/warninglist-category';
import type { Migration } from './migration';

/**
 * Warninglist categories that do not tell analysts to dismiss real C2s (issue #17.2), and imported files
 * found by their SHA-256 (issue #17.3).
 *
 * Until now a list without a `category` field was stored as "false-positive" and every hit suggested a
 * status: "benign" for known lists, "false positive" for the rest, so a NOBELIUM C2 on a top-sites list
 * and an AsyncRAT C2 on a VPN range came with advice to dismiss them. `category_source` records where a
 * category came from (the file, the classifier, or an analyst, whose choice a reload keeps). Stored
 * "false-positive" lists are reclassified by what they hold (a file that said "known" was stored as such
 * and stays); only false-positive lists keep a suggested status.
 *
 * `idx_sources__file_sha256` lets an import find an earlier import of the same bytes.
 */
export const migration0090WarninglistCategories: Migration = {
  version: 90,
  name: 'warninglist-categories',
  up(db) {
    db.exec(`
      ALTER TABLE warninglists ADD COLUMN category_source TEXT NOT NULL DEFAULT 'classified'
        CHECK (category_source IN ('file', 'classified', 'analyst'));
      UPDATE warninglists SET category_source = 'file' WHERE category = 'known';
      CREATE INDEX idx_sources__file_sha256 ON sources (file_sha256) WHERE file_sha256 IS NOT NULL;
    `);
    const lists = db.prepare("SELECT id, name, description, type FROM warninglists WHERE category_source = 'classified'").all() as {
      id: number;
      name: string;
      description: string;
      type: string;
    }[];
    const entries = db.prepare('SELECT value FROM warninglist_entries WHERE list_id = ?').pluck();
    const update = db.prepare('UPDATE warninglists SET category = ? WHERE id = ?');
    for (const list of lists) update.run(classifyWarninglist({ ...list, entries: list.type === 'cidr' ? (entries.all(list.id) as string[]) : [] }), list.id);
    const suggest = db.prepare('UPDATE warninglists SET suggested_status = ? WHERE id = ?');
    for (const { id, category } of db.prepare('SELECT id, category FROM warninglists').all() as { id: number; category: WarninglistCategory }[]) {
      suggest.run(suggestedStatusFor(category), id);
    }
  },
};
