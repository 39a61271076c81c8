import type { Migration } from './migration';

/**
 * Triage (issue #4): analyst-editable fields on indicators, analyst profiles, saved views, bulk changes
 * with their before-images (for undo), the full-text index, and MISP warninglists with their hits.
 *
 * Columns are added (never reshaped) so 0040 can change independently; ADD COLUMN with a constant or NULL
 * default only rewrites the schema, not the rows, so this is instant on a million-row vault.
 *
 * Sort keys are indexed through `ifnull(...)` so NULLs take a definite place in a keyset order; the
 * queue SQL builder uses the exact same expressions, which is what lets SQLite match the indexes.
 */
export const migration0050Triage: Migration = {
  version: 50,
  name: 'triage',
  up(db) {
    db.exec(`
      CREATE TABLE analysts (
        id INTEGER PRIMARY KEY,
        handle TEXT NOT NULL UNIQUE,
        display_name TEXT,
        created_at TEXT NOT NULL
      ) STRICT;

      -- severity: 0 info, 1 low, 2 medium, 3 high, 4 critical (NULL = not assessed).
      -- source_reliability / info_credibility: NATO Admiralty code (A-F / 1-6), an alternative to confidence.
      -- in_briefings: number of briefings quoting the indicator; maintained by the briefings capability
      -- (not built yet), so it is 0 everywhere until then. The queue's in_briefing filter reads it.
      ALTER TABLE indicators ADD COLUMN severity INTEGER CHECK (severity IS NULL OR severity BETWEEN 0 AND 4);
      ALTER TABLE indicators ADD COLUMN source_reliability TEXT CHECK (source_reliability IS NULL OR source_reliability IN ('A','B','C','D','E','F'));
      ALTER TABLE indicators ADD COLUMN info_credibility INTEGER CHECK (info_credibility IS NULL OR info_credibility BETWEEN 1 AND 6);
      ALTER TABLE indicators ADD COLUMN assignee_id INTEGER REFERENCES analysts(id) ON DELETE SET NULL;
      ALTER TABLE indicators ADD COLUMN notes TEXT;
      ALTER TABLE indicators ADD COLUMN in_briefings INTEGER NOT NULL DEFAULT 0;
      -- Filled by indexIndicators (not by import): eTLD+1 of domains, hostnames, URLs and email addresses,
      -- and the IPv4 range [ip_start, ip_end] of ipv4 and IPv4 cidr indicators, for correlation.
      ALTER TABLE indicators ADD COLUMN registrable_domain TEXT;
      ALTER TABLE indicators ADD COLUMN ip_start INTEGER;
      ALTER TABLE indicators ADD COLUMN ip_end INTEGER;

      -- Statuses are checked by the triage core (toColumnPatch), not by a trigger: a BEFORE UPDATE trigger
      -- made a 100k-row bulk status change ~35% slower, and only the triage core writes status.

      CREATE INDEX idx_indicators__last_seen ON indicators (ifnull(last_seen, ''));
      CREATE INDEX idx_indicators__first_seen ON indicators (ifnull(first_seen, ''));
      CREATE INDEX idx_indicators__confidence ON indicators (ifnull(confidence, -1));
      CREATE INDEX idx_indicators__severity ON indicators (ifnull(severity, -1));
      CREATE INDEX idx_indicators__status_last_seen ON indicators (status, ifnull(last_seen, ''));
      CREATE INDEX idx_indicators__type_last_seen ON indicators (type, ifnull(last_seen, ''));
      CREATE INDEX idx_indicators__valid_until ON indicators (valid_until) WHERE valid_until IS NOT NULL;
      CREATE INDEX idx_indicators__registrable_domain ON indicators (registrable_domain) WHERE registrable_domain IS NOT NULL;
      CREATE INDEX idx_indicators__ip_start ON indicators (ip_start) WHERE ip_start IS NOT NULL;
      -- Correlation "same file across hash types": values one source object (STIX objects[i], a CSV line) carried.
      CREATE INDEX idx_indicator_sources__source_id_location ON indicator_sources (source_id, location);
      CREATE INDEX idx_indicators__assignee_id ON indicators (assignee_id) WHERE assignee_id IS NOT NULL;

      CREATE TABLE saved_views (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        query_json TEXT NOT NULL,
        created_by TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;

      -- One row per bulk change; its items hold each affected indicator's before-image (JSON of the fields
      -- the change touched). Items are append-only like the audit log they back; undo marks the change.
      CREATE TABLE bulk_changes (
        id INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        actor TEXT NOT NULL,
        kind TEXT NOT NULL,
        patch_json TEXT NOT NULL,
        selection_json TEXT NOT NULL,
        item_count INTEGER NOT NULL,
        audit_id INTEGER,
        undone_at TEXT,
        undone_by TEXT,
        undo_audit_id INTEGER
      ) STRICT;
      CREATE TABLE bulk_change_items (
        change_id INTEGER NOT NULL REFERENCES bulk_changes(id),
        indicator_id INTEGER NOT NULL,
        before_json TEXT NOT NULL,
        PRIMARY KEY (change_id, indicator_id)
      ) STRICT, WITHOUT ROWID;
      CREATE TRIGGER bulk_change_items_no_update BEFORE UPDATE ON bulk_change_items
      BEGIN
        SELECT RAISE(ABORT, 'bulk_change_items is append-only');
      END;
      CREATE TRIGGER bulk_change_items_no_delete BEFORE DELETE ON bulk_change_items
      BEGIN
        SELECT RAISE(ABORT, 'bulk_change_items is append-only');
      END;
      CREATE TRIGGER bulk_changes_undo_once BEFORE UPDATE ON bulk_changes
      WHEN OLD.undone_at IS NOT NULL OR NEW.patch_json IS NOT OLD.patch_json OR NEW.selection_json IS NOT OLD.selection_json
      BEGIN
        SELECT RAISE(ABORT, 'a bulk change is only ever marked undone, once');
      END;

      -- Full-text index over value (+ display), notes, tags and context; rowid = indicators.id.
      -- Contentless (the text lives in its own tables) with contentless_delete so rows can be replaced.
      CREATE VIRTUAL TABLE indicator_search USING fts5 (
        value, notes, tags, context,
        content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 2'
      );
      -- indexed_through: every indicator with id <= it has a search row and derived columns. Import adds
      -- rows above it and calls indexIndicators once; the triggers below keep indexed rows current.
      CREATE TABLE triage_state (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        indexed_through INTEGER NOT NULL
      ) STRICT;
      INSERT INTO triage_state (id, indexed_through) VALUES (1, 0);

      CREATE TABLE warninglists (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        version INTEGER NOT NULL,
        description TEXT NOT NULL DEFAULT '',
        type TEXT NOT NULL CHECK (type IN ('string','substring','hostname','cidr','regex')),
        category TEXT NOT NULL DEFAULT 'false-positive',
        matching_attributes_json TEXT NOT NULL DEFAULT '[]',
        suggested_status TEXT,
        entry_count INTEGER NOT NULL,
        loaded_at TEXT NOT NULL,
        loaded_by TEXT NOT NULL
      ) STRICT;
      CREATE TABLE warninglist_entries (
        list_id INTEGER NOT NULL REFERENCES warninglists(id) ON DELETE CASCADE,
        value TEXT NOT NULL,
        PRIMARY KEY (list_id, value)
      ) STRICT, WITHOUT ROWID;
      CREATE TABLE warninglist_hits (
        indicator_id INTEGER NOT NULL REFERENCES indicators(id) ON DELETE CASCADE,
        list_id INTEGER NOT NULL REFERENCES warninglists(id) ON DELETE CASCADE,
        PRIMARY KEY (indicator_id, list_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX idx_warninglist_hits__list_id ON warninglist_hits (list_id);
    `);
    db.exec(searchTriggers());
  },
};

/** The text of one indicator's search row, as SQL over the row aliased `i`. */
const SEARCH_ROW_SELECT = `
  SELECT i.id, trim(i.value || ' ' || ifnull(i.display, '')), ifnull(i.notes, ''),
    ifnull((SELECT group_concat(t.tag, ' ') FROM indicator_tags t WHERE t.indicator_id = i.id), ''),
    ifnull((SELECT group_concat(c.name || ' ' || c.detail, ' ') FROM indicator_context c WHERE c.indicator_id = i.id), '')
  FROM indicators i`;

/**
 * Keeps search rows of already indexed indicators current. Rows above the watermark are skipped: the
 * import that is adding them calls indexIndicators once at the end, so an import pays no per-row trigger.
 */
function searchTriggers(): string {
  const refresh = (idExpr: string) => `
      INSERT OR REPLACE INTO indicator_search (rowid, value, notes, tags, context)
      ${SEARCH_ROW_SELECT} WHERE i.id = ${idExpr};`;
  const indexed = (idExpr: string) => `${idExpr} <= (SELECT indexed_through FROM triage_state WHERE id = 1)`;
  return `
    CREATE TRIGGER indicators_search_notes AFTER UPDATE OF notes ON indicators WHEN ${indexed('NEW.id')}
    BEGIN ${refresh('NEW.id')} END;
    CREATE TRIGGER indicator_tags_search_insert AFTER INSERT ON indicator_tags WHEN ${indexed('NEW.indicator_id')}
    BEGIN ${refresh('NEW.indicator_id')} END;
    CREATE TRIGGER indicator_tags_search_delete AFTER DELETE ON indicator_tags WHEN ${indexed('OLD.indicator_id')}
    BEGIN ${refresh('OLD.indicator_id')} END;
    CREATE TRIGGER indicator_context_search_insert AFTER INSERT ON indicator_context WHEN ${indexed('NEW.indicator_id')}
    BEGIN ${refresh('NEW.indicator_id')} END;
    CREATE TRIGGER indicators_search_delete AFTER DELETE ON indicators
    BEGIN DELETE FROM indicator_search WHERE rowid = OLD.id; END;
  `;
}
