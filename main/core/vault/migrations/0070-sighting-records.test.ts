import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { migrate, readSchemaVersion } from '../migrate';

describe('0070 sighting records', () => {
  it('numbers existing sightings by the record their location names, per source, and indexes the number', () => {
    const db = new Database(':memory:');
    migrate(db, { target: 60 });
    db.exec(`
      INSERT INTO sources (id, name, format, analyst, default_tlp, imported_at) VALUES
        (1, 'Vendor CSV', 'csv', 'ana', 'amber', 'now'), (2, 'Partner STIX', 'stix', 'ana', 'amber', 'now');
      INSERT INTO indicators (id, type, value, tlp_rank, created_at, updated_at) VALUES
        (1, 'md5', 'a', 2, 'now', 'now'), (2, 'sha256', 'b', 2, 'now', 'now'), (3, 'md5', 'c', 2, 'now', 'now'),
        (4, 'ipv4', '203.0.113.9', 2, 'now', 'now');
      INSERT INTO indicator_sources (indicator_id, source_id, sightings, tlp_rank, location) VALUES
        (1, 1, 1, 2, 'line 12, column "md5"'), (2, 1, 1, 2, 'line 12, column "sha256"'), (3, 1, 1, 2, 'line 13, column "md5"'),
        (1, 2, 1, 2, 'objects[4] (file--1)'), (2, 2, 1, 2, 'objects[4] (file--1)'), (4, 2, 1, 2, 'objects[5] (indicator--2)'),
        (3, 2, 1, 2, NULL);
    `);

    migrate(db, { target: 70 });

    expect(readSchemaVersion(db)).toBe(70);
    const records = db.prepare('SELECT indicator_id AS i, source_id AS s, record FROM indicator_sources ORDER BY s, i').all() as { i: number; s: number; record: number | null }[];
    const of = (i: number, s: number) => records.find((r) => r.i === i && r.s === s)!.record;
    expect(of(1, 1)).toBe(of(2, 1));
    expect(of(3, 1)).not.toBe(of(1, 1));
    expect(of(1, 2)).toBe(of(2, 2));
    expect(of(4, 2)).not.toBe(of(1, 2));
    expect(of(3, 2)).toBeNull();
    const indexes = db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'indicator_sources' AND sql IS NOT NULL").pluck().all();
    expect(indexes).toEqual(['idx_indicator_sources__source_id_record']);
    const plan = db.prepare('EXPLAIN QUERY PLAN SELECT indicator_id FROM indicator_sources WHERE source_id = 1 AND record = 1').all() as { detail: string }[];
    expect(plan.map((row) => row.detail).join(' ')).toContain('idx_indicator_sources__source_id_record');
  });
});
