import type { Migration } from './migration';

/**
 * Indicators and their provenance (issue #3). One row per (type, canonical value); every import is a
 * `sources` row; `indicator_sources` is the sighting of an indicator in one import, so re-importing a
 * file adds a sighting and changes nothing else.
 */
export const migration0040Indicators: Migration = {
  version: 40,
  name: 'indicators',
  up(db) {
    db.exec(`
      CREATE TABLE sources (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        format TEXT NOT NULL,
        file_name TEXT,
        file_sha256 TEXT,
        analyst TEXT NOT NULL,
        default_tlp TEXT NOT NULL,
        imported_at TEXT NOT NULL,
        records INTEGER NOT NULL DEFAULT 0,
        indicators_new INTEGER NOT NULL DEFAULT 0,
        indicators_merged INTEGER NOT NULL DEFAULT 0,
        rejected INTEGER NOT NULL DEFAULT 0
      );
      CREATE INDEX idx_sources__name ON sources(name);

      CREATE TABLE indicators (
        id INTEGER PRIMARY KEY,
        type TEXT NOT NULL,
        value TEXT NOT NULL,
        display TEXT,
        -- Most restrictive TLP any source gave: 0 clear, 1 green, 2 amber, 3 amber+strict, 4 red.
        tlp_rank INTEGER NOT NULL CHECK (tlp_rank BETWEEN 0 AND 4),
        flags TEXT,
        status TEXT NOT NULL DEFAULT 'new',
        confidence INTEGER CHECK (confidence IS NULL OR confidence BETWEEN 0 AND 100),
        first_seen TEXT,
        last_seen TEXT,
        valid_from TEXT,
        valid_until TEXT,
        sightings INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE UNIQUE INDEX idx_indicators__type_value ON indicators(type, value);

      CREATE TABLE indicator_sources (
        indicator_id INTEGER NOT NULL REFERENCES indicators(id) ON DELETE CASCADE,
        source_id INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
        sightings INTEGER NOT NULL,
        tlp_rank INTEGER NOT NULL,
        first_seen TEXT,
        last_seen TEXT,
        location TEXT,
        PRIMARY KEY (indicator_id, source_id)
      ) WITHOUT ROWID;
      CREATE INDEX idx_indicator_sources__source_id ON indicator_sources(source_id);

      CREATE TABLE indicator_context (
        indicator_id INTEGER NOT NULL REFERENCES indicators(id) ON DELETE CASCADE,
        source_id INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
        kind TEXT NOT NULL,
        name TEXT NOT NULL,
        ref TEXT NOT NULL DEFAULT '',
        detail TEXT NOT NULL DEFAULT '',
        PRIMARY KEY (indicator_id, kind, name, ref, source_id)
      ) WITHOUT ROWID;

      CREATE TABLE indicator_tags (
        indicator_id INTEGER NOT NULL REFERENCES indicators(id) ON DELETE CASCADE,
        tag TEXT NOT NULL,
        PRIMARY KEY (indicator_id, tag)
      ) WITHOUT ROWID;
      CREATE INDEX idx_indicator_tags__tag ON indicator_tags(tag);
    `);
  },
};
