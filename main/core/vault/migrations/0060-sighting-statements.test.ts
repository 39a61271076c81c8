import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { indexIndicators } from '../../triage/search-index';
import { migrate, readSchemaVersion } from '../migrate';

describe('0060 sighting statements', () => {
  it('moves one pattern, comment and snippet per sighting onto it, keeps the rest as context, and marks rows lacking correlation keys', () => {
    const db = new Database(':memory:');
    migrate(db, { target: 50 });
    db.exec(`
      INSERT INTO sources (id, name, format, file_name, analyst, default_tlp, imported_at) VALUES
        (1, 'Partner feed', 'stix', 'bundle.json', 'ana', 'amber', '2026-01-02T00:00:00.000Z'),
        (2, 'Report', 'text', 'report.md', 'ana', 'amber', '2026-01-03T00:00:00.000Z');
      INSERT INTO indicators (id, type, value, tlp_rank, created_at, updated_at) VALUES
        (1, 'domain', 'evil.example', 2, 'now', 'now'),
        (2, 'ipv4', '203.0.113.9', 2, 'now', 'now');
      INSERT INTO indicator_sources (indicator_id, source_id, sightings, tlp_rank, location) VALUES
        (1, 1, 2, 2, 'objects[0]'), (1, 2, 1, 2, 'line 4'), (2, 1, 1, 2, 'objects[1]');
      INSERT INTO indicator_context (indicator_id, source_id, kind, name, ref, detail) VALUES
        (1, 1, 'pattern', '[domain-name:value = ''evil.example'']', '', ''),
        (1, 1, 'pattern', '[domain-name:value = ''evil.example''] AND [x:y = 1]', '', ''),
        (1, 1, 'other', 'comment', '', 'Qakbot delivery'),
        (1, 1, 'malware', 'Qakbot', 'malware--1', ''),
        (1, 2, 'snippet', 'report.md', '', 'beacons to evil[.]example nightly'),
        (2, 1, 'pattern', '[ipv4-addr:value = ''203.0.113.9'']', '', '');
    `);

    migrate(db, { target: 60 });

    expect(readSchemaVersion(db)).toBe(60);
    expect(db.prepare('SELECT indicator_id AS i, source_id AS s, pattern, comment, snippet FROM indicator_sources ORDER BY 1, 2').all()).toEqual([
      { i: 1, s: 1, pattern: "[domain-name:value = 'evil.example']", comment: 'Qakbot delivery', snippet: null },
      { i: 1, s: 2, pattern: null, comment: null, snippet: 'beacons to evil[.]example nightly' },
      { i: 2, s: 1, pattern: "[ipv4-addr:value = '203.0.113.9']", comment: null, snippet: null },
    ]);
    expect(db.prepare('SELECT indicator_id AS i, kind, name FROM indicator_context ORDER BY 1, 2, 3').all()).toEqual([
      { i: 1, kind: 'malware', name: 'Qakbot' },
      { i: 1, kind: 'pattern', name: "[domain-name:value = 'evil.example'] AND [x:y = 1]" },
    ]);
    expect(db.prepare('SELECT keys_missing_through FROM triage_state').pluck().get()).toBe(2);

    // The next indexing derives the missing keys once and finds comments and snippets, not pattern syntax.
    expect(indexIndicators(db)).toBe(2);
    expect(db.prepare('SELECT registrable_domain AS d, ip_start AS s FROM indicators ORDER BY id').all()).toEqual([
      { d: 'evil.example', s: null },
      { d: null, s: 3405803785 },
    ]);
    expect(db.prepare('SELECT keys_missing_through FROM triage_state').pluck().get()).toBe(0);
    const search = (q: string) => db.prepare('SELECT rowid FROM indicator_search WHERE indicator_search MATCH ? ORDER BY rowid').pluck().all(q);
    expect(search('delivery')).toEqual([1]);
    expect(search('nightly')).toEqual([1]);
    expect(search('qakbot')).toEqual([1]);
    expect(search('"ipv4 addr"')).toEqual([]);

    // A later sighting's comment reaches the search row of an indexed indicator through the new trigger.
    db.exec("INSERT INTO sources (id, name, format, analyst, default_tlp, imported_at) VALUES (3, 'CERT', 'csv', 'ana', 'amber', 'now')");
    db.exec("INSERT INTO indicator_sources (indicator_id, source_id, sightings, tlp_rank, location, comment) VALUES (2, 3, 1, 2, 'line 2', 'scanner farm')");
    expect(search('scanner')).toEqual([2]);
  });
});
