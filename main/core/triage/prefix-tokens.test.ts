import Database from 'better-sqlite3-multiple-ciphers';
import { beforeEach, describe, expect, it } from 'vitest';
import { migrate } from '../vault/migrate';
import { parseSearchText } from './fts-match';
import { expandPrefixTerms } from './prefix-tokens';
import { readQueuePage } from './queue-reads';
import { indexIndicators } from './search-index';
import { seedIndicators } from './testing/seed';

let db: Database.Database;

beforeEach(() => {
  db = new Database(':memory:');
  migrate(db);
  seedIndicators(db, [
    { type: 'domain', value: 'ransom.example', tags: ['Ransomware'] },
    { type: 'domain', value: 'café-ransomhub.example' },
    ...Array.from({ length: 12 }, (_, i) => ({ type: 'domain', value: `brand${i}.test` })),
  ]);
  indexIndicators(db);
});

const walkMatch = (text: string) => expandPrefixTerms(db, parseSearchText(text)!).match;
const ids = (text: string, plan: 'join' | 'scan' | 'probe') =>
  readQueuePage(db, { filter: { text }, sort: { key: 'id', direction: 'asc' }, limit: 50 }, { text: plan }).rows.map((r) => r.id);

describe('prefix terms as the whole tokens they cover (the walk of issue #17.7 searches)', () => {
  it('rewrites a prefix as the tokens it covers, and leaves one covering many', () => {
    expect(walkMatch('ransom')).toBe('("ransom" OR "ransomhub" OR "ransomware")');
    expect(walkMatch('example')).toBe('"example"');
    expect(walkMatch('nothing')).toBe('"nothing"');
    expect(walkMatch('brand*')).toBe('"brand"*');
    expect(walkMatch('"ransom" hub*')).toBe('"ransom" "hub"');
  });

  it('keeps the phrase before the last token, and leaves a token it cannot fold alone', () => {
    expect(walkMatch('café-ransom')).toBe('("café-ransom" OR "café-ransomhub" OR "café-ransomware")');
    expect(walkMatch('cafér')).toBe('"cafér"*');
  });

  it('finds the same rows as the prefix itself, under every plan', () => {
    for (const text of ['ransom', 'ransomw', 'café-ransom', 'brand1', 'exa']) {
      const join = ids(text, 'join');
      expect(ids(text, 'scan'), text).toEqual(join);
      expect(ids(text, 'probe'), text).toEqual(join);
    }
  });

  it('sees a token written after its last answer, by this connection or another', () => {
    expect(walkMatch('ransom')).toBe('("ransom" OR "ransomhub" OR "ransomware")');
    seedIndicators(db, [{ type: 'domain', value: 'ransomexx.example' }]);
    indexIndicators(db);
    expect(walkMatch('ransom')).toBe('("ransom" OR "ransomexx" OR "ransomhub" OR "ransomware")');
    expect(ids('ransom', 'probe')).toEqual(ids('ransom', 'join'));
  });
});
