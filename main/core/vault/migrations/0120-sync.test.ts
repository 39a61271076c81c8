import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { migrate, readSchemaVersion } from '../migrate';

describe('0120 sync', () => {
  it('adds the sync tables to a vault with indicators, keeping its rows', () => {
    const db = new Database(':memory:');
    migrate(db, { target: 70 });
    db.exec(`INSERT INTO indicators (id, type, value, tlp_rank, created_at, updated_at) VALUES (1, 'domain', 'evil.example', 1, 'now', 'now')`);
    migrate(db, { target: 120 });
    expect(readSchemaVersion(db)).toBe(120);
    db.exec(`
      INSERT INTO sync_profiles (id, name, discovery_url, push_collection, auth_kind, tlp_max_rank, created_at, updated_at)
        VALUES (1, 'hub', 'https://hub.example/taxii2/', 'c1', 'none', 1, 'now', 'now');
      INSERT INTO sync_outbox (profile_id, stix_id, modified, object_json, tlp_rank, state, next_attempt_at, created_at, updated_at)
        VALUES (1, 'indicator--1', '2026-01-01T00:00:00.000Z', '{}', 1, 'queued', 'now', 'now', 'now');
      INSERT INTO sync_objects (stix_id, type, modified, object_json, origin, indicator_id, updated_at)
        VALUES ('indicator--1', 'indicator', '2026-01-01T00:00:00.000Z', '{}', 'local', 1, 'now');
    `);
    // One outbox row per version: queuing the same version again is refused by the schema.
    expect(() => db.exec(`INSERT INTO sync_outbox (profile_id, stix_id, modified, object_json, tlp_rank, state, next_attempt_at, created_at, updated_at)
        VALUES (1, 'indicator--1', '2026-01-01T00:00:00.000Z', '{}', 1, 'queued', 'now', 'now', 'now')`)).toThrow(/UNIQUE/);
    expect(db.prepare('SELECT value FROM indicators').pluck().get()).toBe('evil.example');
    db.exec('DELETE FROM sync_profiles');
    expect(db.prepare('SELECT count(*) FROM sync_outbox').pluck().get()).toBe(0);
  });
});
