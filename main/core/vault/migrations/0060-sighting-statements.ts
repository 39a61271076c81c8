import type { Migration } from './migration';

/**
 * What a source said about an indicator moves onto its sighting row, and correlation keys are written by
 * import (issue #3 speed).
 *
 * Most records carry one STIX pattern, one comment or one text snippet; as `indicator_context` rows they
 * cost a B-tree insert each and doubled the search index's work (a pattern repeats the value's tokens).
 * They now live on `indicator_sources` (one per sighting; a second, different one from the same source
 * still goes to `indicator_context`). Existing rows are moved.
 *
 * Import now writes registrable_domain / ip_start / ip_end with the row; rows written before this version
 * may lack them, so `keys_missing_through` tells the search indexer how far it must still derive them.
 *
 * The index on indicator_sources(source_id) goes: (source_id, location) from 0050 covers it.
 *
 * The search row no longer holds the pattern (its tokens are the value's) but does hold sighting comments
 * and snippets; the triggers of 0050 are recreated with that definition.
 */
export const migration0060SightingStatements: Migration = {
  version: 60,
  name: 'sighting-statements',
  up(db) {
    db.exec(`
      ALTER TABLE indicator_sources ADD COLUMN pattern TEXT;
      ALTER TABLE indicator_sources ADD COLUMN comment TEXT;
      ALTER TABLE indicator_sources ADD COLUMN snippet TEXT;

      UPDATE indicator_sources SET
        pattern = (SELECT min(c.name) FROM indicator_context c
                   WHERE c.indicator_id = indicator_sources.indicator_id AND c.source_id = indicator_sources.source_id AND c.kind = 'pattern'),
        comment = (SELECT min(c.detail) FROM indicator_context c
                   WHERE c.indicator_id = indicator_sources.indicator_id AND c.source_id = indicator_sources.source_id
                     AND c.kind = 'other' AND c.name = 'comment' AND c.ref = ''),
        snippet = (SELECT min(c.detail) FROM indicator_context c
                   WHERE c.indicator_id = indicator_sources.indicator_id AND c.source_id = indicator_sources.source_id AND c.kind = 'snippet');
      DELETE FROM indicator_context WHERE EXISTS (
        SELECT 1 FROM indicator_sources s
        WHERE s.indicator_id = indicator_context.indicator_id AND s.source_id = indicator_context.source_id
          AND ((indicator_context.kind = 'pattern' AND indicator_context.name = s.pattern)
            OR (indicator_context.kind = 'other' AND indicator_context.name = 'comment' AND indicator_context.ref = '' AND indicator_context.detail = s.comment)
            OR (indicator_context.kind = 'snippet' AND indicator_context.detail = s.snippet)));

      -- (source_id, location) of 0050 serves every lookup by source, foreign-key checks included.
      DROP INDEX idx_indicator_sources__source_id;

      ALTER TABLE triage_state ADD COLUMN keys_missing_through INTEGER NOT NULL DEFAULT 0;
      UPDATE triage_state SET keys_missing_through = (SELECT ifnull(max(id), 0) FROM indicators);

      DROP TRIGGER indicators_search_notes;
      DROP TRIGGER indicator_tags_search_insert;
      DROP TRIGGER indicator_tags_search_delete;
      DROP TRIGGER indicator_context_search_insert;
    `);
    db.exec(searchTriggers());
  },
};

/** The text of one indicator's search row, as SQL over the row aliased `i` (see triage/search-index.ts). */
const SEARCH_ROW_SELECT = `
  SELECT i.id, trim(i.value || ' ' || ifnull(i.display, '')), ifnull(i.notes, ''),
    ifnull((SELECT group_concat(t.tag, ' ') FROM indicator_tags t WHERE t.indicator_id = i.id), ''),
    trim(ifnull((SELECT group_concat(c.name || ' ' || c.detail, ' ') FROM indicator_context c WHERE c.indicator_id = i.id), '') || ' ' ||
      ifnull((SELECT group_concat(concat_ws(' ', s.comment, s.snippet), ' ') FROM indicator_sources s
              WHERE s.indicator_id = i.id AND (s.comment IS NOT NULL OR s.snippet IS NOT NULL)), ''))
  FROM indicators i`;

/** As in 0050, for rows at or below the watermark; a sighting's comment or snippet now counts too. */
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
    CREATE TRIGGER indicator_sources_search_insert AFTER INSERT ON indicator_sources
      WHEN (NEW.comment IS NOT NULL OR NEW.snippet IS NOT NULL) AND ${indexed('NEW.indicator_id')}
    BEGIN ${refresh('NEW.indicator_id')} END;
  `;
}
