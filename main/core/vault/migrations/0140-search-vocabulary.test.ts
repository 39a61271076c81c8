import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { readQueuePage } from '../../triage/queue-reads';
import { indexIndicators } from '../../triage/search-index';
import { seedIndicators } from '../../triage/testing/seed';
import { migrate, readSchemaVersion } from '../migrate';

describe('0140 search vocabulary', () => {
  it('lists the tokens of a vault indexed before it, and a query_only reader walks prefixes with it', () => {
    const db = new Database(':memory:');
    migrate(db, { target: 120 });
    seedIndicators(db, [
      { type: 'domain', value: 'ransom-drop.example', tags: ['Ransomware'] },
      { type: 'domain', value: 'quiet.example' },
    ]);
    indexIndicators(db);

    migrate(db, { target: 140 });

    expect(readSchemaVersion(db)).toBe(140);
    expect(db.prepare("SELECT term FROM indicator_search_vocabulary WHERE term >= 'ransom' AND term < 'ransom\u{10FFFF}'").pluck().all()).toEqual(['ransom', 'ransomware']);
    // The app reads through a query_only connection: the walk's token lookup must not need to write.
    db.pragma('query_only=ON');
    for (const text of ['ransom', 'ransomw', 'quie']) {
      const ids = (plan: 'join' | 'probe' | 'scan') =>
        readQueuePage(db, { filter: { text }, sort: { key: 'id', direction: 'asc' }, limit: 10 }, { text: plan }).rows.map((r) => r.value);
      expect(ids('probe'), text).toEqual(ids('join'));
      expect(ids('scan'), text).toEqual(ids('join'));
    }
    expect(readQueuePage(db, { filter: { text: 'ransom' }, sort: { key: 'id', direction: 'asc' }, limit: 10 }).rows.map((r) => r.value)).toEqual(['ransom-drop.example']);
  });
});
