import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { migrate, readSchemaVersion } from '../migrate';

describe('0150 sync withheld', () => {
  it('adds sync_withheld to a vault with profiles and outbox rows, keeping them', () => {
    const db = new Database(':memory:');
    migrate(db, { target: 120 });
    db.exec(`
      INSERT INTO sync_profiles (id, name, discovery_url, push_collection, auth_kind, tlp_max_rank, created_at, updated_at)
        VALUES (1, 'hub', 'https://hub.example/taxii2/', 'c1', 'none', 1, 'now', 'now');
      INSERT INTO sync_outbox (profile_id, stix_id, modified, object_json, tlp_rank, state, next_attempt_at, created_at, updated_at)
        VALUES (1, 'indicator--1', '2026-01-01T00:00:00.000Z', '{}', 1, 'accepted', 'now', 'now', 'now');
    `);
    migrate(db, { target: 150 });
    expect(readSchemaVersion(db)).toBe(150);
    db.exec(`INSERT INTO sync_withheld (profile_id, stix_id, modified, tlp_rank, withheld_at) VALUES (1, 'indicator--1', '2026-01-02T00:00:00.000Z', 3, 'now')`);
    // One row per profile and object: the newest withheld version replaces the last.
    expect(() => db.exec(`INSERT INTO sync_withheld (profile_id, stix_id, modified, tlp_rank, withheld_at) VALUES (1, 'indicator--1', '2026-01-03T00:00:00.000Z', 3, 'now')`)).toThrow(/UNIQUE|PRIMARY/);
    expect(db.prepare('SELECT state FROM sync_outbox').pluck().get()).toBe('accepted');
    db.exec('DELETE FROM sync_profiles');
    expect(db.prepare('SELECT count(*) FROM sync_withheld').pluck().get()).toBe(0);
  });
});
