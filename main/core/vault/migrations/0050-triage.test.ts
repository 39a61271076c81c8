import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { migrate, readSchemaVersion } from '../migrate';

describe('0050 triage', () => {
  it('migrates from version 40 keeping indicators, sources, tags and context, and adds the triage schema', () => {
    const db = new Database(':memory:');
    migrate(db, { target: 40 });
    db.exec(`
      INSERT INTO sources (id, name, format, analyst, default_tlp, imported_at) VALUES (1, 'Partner feed', 'stix', 'ana', 'amber', '2026-01-02T00:00:00.000Z');
      INSERT INTO indicators (id, type, value, tlp_rank, status, confidence, last_seen, created_at, updated_at)
        VALUES (1, 'domain', 'evil.example', 2, 'new', 70, '2026-01-02T00:00:00.000Z', 'now', 'now'),
               (2, 'md5', 'd41d8cd98f00b204e9800998ecf8427e', 1, 'new', NULL, NULL, 'now', 'now');
      INSERT INTO indicator_sources (indicator_id, source_id, sightings, tlp_rank, location) VALUES (1, 1, 1, 2, 'objects[0]'), (2, 1, 1, 1, 'objects[1]');
      INSERT INTO indicator_tags (indicator_id, tag) VALUES (1, 'phishing');
      INSERT INTO indicator_context (indicator_id, source_id, kind, name) VALUES (1, 1, 'malware', 'Qakbot');
    `);

    migrate(db, { target: 50 });

    expect(readSchemaVersion(db)).toBe(50);
    expect(db.prepare('SELECT id, value, status, severity, notes, in_briefings, registrable_domain FROM indicators ORDER BY id').all()).toEqual([
      { id: 1, value: 'evil.example', status: 'new', severity: null, notes: null, in_briefings: 0, registrable_domain: null },
      { id: 2, value: 'd41d8cd98f00b204e9800998ecf8427e', status: 'new', severity: null, notes: null, in_briefings: 0, registrable_domain: null },
    ]);
    expect(db.prepare('SELECT indexed_through FROM triage_state').pluck().get()).toBe(0);
    const indexes = db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND name LIKE 'idx_indicators__%'").pluck().all();
    expect(indexes).toEqual(expect.arrayContaining(['idx_indicators__status_last_seen', 'idx_indicators__type_last_seen', 'idx_indicators__last_seen', 'idx_indicators__valid_until']));
    expect(() => db.prepare('UPDATE indicators SET severity = 9 WHERE id = 1').run()).toThrow(/CHECK/);
    // Existing rows are not searchable until indexed (by the search indexer of the latest schema: see 0060's test).
    expect(db.prepare('SELECT count(*) FROM indicator_search').pluck().get()).toBe(0);
  });
});
