import type { Migration } from './migration';

/**
 * Sightings are found by the record they came from as a number, not by their location text (issue #3
 * speed).
 *
 * The index on indicator_sources(source_id, location) served lookups by source and "values one source
 * record carried" (correlation of file hashes); with locations like `objects[123] (indicator--<uuid>)`
 * it held ~75 bytes an entry and cost a million-row STIX import a fifth of its time. `record` numbers
 * the records of a source in file order (values on one CSV line, or in one STIX object, share it), so an
 * entry is a few bytes and each import appends to the index. The location text stays on the row.
 *
 * Existing rows are numbered by their location's record part (`line 12, column "md5"` → `line 12`).
 */
export const migration0070SightingRecords: Migration = {
  version: 70,
  name: 'sighting-records',
  up(db) {
    db.exec(`
      ALTER TABLE indicator_sources ADD COLUMN record INTEGER;

      WITH keyed AS (
        SELECT indicator_id, source_id,
          CASE WHEN instr(location, ', column ') > 0 THEN substr(location, 1, instr(location, ', column ') - 1) ELSE location END AS key
        FROM indicator_sources WHERE location IS NOT NULL
      ), numbered AS (
        SELECT indicator_id, source_id, dense_rank() OVER (PARTITION BY source_id ORDER BY key) AS record FROM keyed
      )
      UPDATE indicator_sources SET record = numbered.record
      FROM numbered
      WHERE indicator_sources.indicator_id = numbered.indicator_id AND indicator_sources.source_id = numbered.source_id;

      DROP INDEX idx_indicator_sources__source_id_location;
      CREATE INDEX idx_indicator_sources__source_id_record ON indicator_sources (source_id, record);
    `);
  },
};
