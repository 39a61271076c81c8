import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { migrate, readSchemaVersion } from '../migrate';

describe('0090 warninglist categories', () => {
  it('reclassifies lists stored as false-positive for want of a category field; only those suggest a status', () => {
    const db = new Database(':memory:');
    migrate(db, { target: 70 });
    db.exec(`
      INSERT INTO warninglists (id, name, version, type, category, suggested_status, entry_count, loaded_at, loaded_by) VALUES
        (1, 'Specialized list of IPv4 addresses belonging to common VPN providers and datacenters', 1, 'cidr', 'false-positive', 'false-positive', 1, 'now', 'ana'),
        (2, 'List of RFC 1918 CIDR blocks', 1, 'cidr', 'false-positive', 'false-positive', 1, 'now', 'ana'),
        (3, 'Example networks', 1, 'cidr', 'false-positive', 'false-positive', 2, 'now', 'ana'),
        (4, 'List of known IPv4 public DNS resolvers', 1, 'cidr', 'known', 'benign', 1, 'now', 'ana'),
        (5, 'Top 100k websites from Cisco Umbrella', 1, 'hostname', 'false-positive', 'false-positive', 1, 'now', 'ana');
      INSERT INTO warninglist_entries (list_id, value) VALUES
        (1, '185.220.101.0/24'), (2, '10.0.0.0/8'), (3, '192.0.2.0/24'), (3, '198.51.100.0/24'), (4, '8.8.8.8'), (5, 'example.com');
      INSERT INTO sources (id, name, format, file_sha256, analyst, default_tlp, imported_at) VALUES (1, 'a.csv', 'csv', 'ab12', 'ana', 'amber', 'now');
    `);

    migrate(db, { target: 90 });

    expect(readSchemaVersion(db)).toBe(90);
    expect(db.prepare('SELECT id, category, category_source AS source, suggested_status AS suggested FROM warninglists ORDER BY id').all()).toEqual([
      { id: 1, category: 'known', source: 'classified', suggested: null },
      { id: 2, category: 'false-positive', source: 'classified', suggested: 'false-positive' },
      { id: 3, category: 'false-positive', source: 'classified', suggested: 'false-positive' },
      { id: 4, category: 'known', source: 'file', suggested: null },
      { id: 5, category: 'known', source: 'classified', suggested: null },
    ]);
    const plan = db.prepare("EXPLAIN QUERY PLAN SELECT id FROM sources WHERE file_sha256 = 'ab12'").all() as { detail: string }[];
    expect(plan.map((row) => row.detail).join(' ')).toContain('idx_sources__file_sha256');
  });
});
