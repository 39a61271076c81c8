import type Database from 'better-sqlite3-multiple-ciphers';

/**
 * Fills an empty vault with `rows` queue-shaped indicators for the triage and scroll benches: five kinds in
 * equal parts, statuses 60% new, last_seen spread over 500 days with ties, a campaign tag on 1% of rows.
 */
export function seedQueueIndicators(db: Database.Database, rows: number): void {
  // Inserting a million rows into ten indexes in random key order costs minutes (page decryption per
  // cache miss); building the indexes afterwards sorts once. The bench data, not the schema, is shortcut.
  const indexes = db
    .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name IN ('indicators', 'indicator_sources', 'indicator_tags') AND sql IS NOT NULL")
    .all() as { name: string; sql: string }[];
  db.transaction(() => {
    for (const index of indexes) db.exec(`DROP INDEX ${index.name}`);
    db.prepare(`INSERT INTO sources (name, format, analyst, default_tlp, imported_at) VALUES ('bench feed', 'csv', 'bench', 'amber', '2026-01-01T00:00:00.000Z')`).run();
    db.prepare(
      `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < @rows)
       INSERT INTO indicators (type, value, tlp_rank, status, confidence, first_seen, last_seen, sightings, created_at, updated_at)
       SELECT CASE i % 5 WHEN 0 THEN 'ipv4' WHEN 1 THEN 'domain' WHEN 2 THEN 'url' WHEN 3 THEN 'sha256' ELSE 'hostname' END,
         CASE i % 5
           WHEN 0 THEN (11 + (i / 5 / 65536) % 200) || '.' || ((i / 5 / 256) % 256) || '.' || ((i / 5) % 256) || '.' || (1 + i % 7)
           WHEN 1 THEN 'brand' || (i % 20000) || '-' || i || '.net'
           WHEN 2 THEN 'http://site' || i || '.example.org/gate/' || (i % 997) || '.php'
           WHEN 3 THEN printf('%016x%016x%016x%016x', i * 2654435761, i, i * 40503, i * 97)
           ELSE 'mail' || i || '.brand' || (i % 20000) || '.com' END,
         i % 5, CASE WHEN i % 10 < 6 THEN 'new' WHEN i % 10 < 8 THEN 'in-review' WHEN i % 10 = 8 THEN 'malicious' ELSE 'benign' END,
         CASE WHEN i % 13 = 0 THEN NULL ELSE i % 101 END,
         strftime('%Y-%m-%dT%H:%M:%S.000Z', 1704067200 + (i * 7919) % 43200000, 'unixepoch'),
         strftime('%Y-%m-%dT%H:%M:00.000Z', 1735689600 + ((i * 104729) % 720000) * 60, 'unixepoch'),
         1, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'
       FROM n`,
    ).run({ rows });
    db.prepare(`INSERT INTO indicator_sources (indicator_id, source_id, sightings, tlp_rank, location, record) SELECT id, 1, 1, tlp_rank, 'line ' || id, id FROM indicators`).run();
    db.prepare(`INSERT INTO indicator_tags (indicator_id, tag) SELECT id, 'campaign-' || (id / 100 % 50) FROM indicators WHERE id % 100 = 0`).run();
    for (const index of indexes) db.exec(index.sql);
  })();
}
