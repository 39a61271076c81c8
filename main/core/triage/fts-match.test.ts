import Database from 'better-sqlite3-multiple-ciphers';
import { beforeEach, describe, expect, it } from 'vitest';
import { isWorkbenchError } from '../errors';
import { migrate } from '../vault/migrate';
import { MAX_PREFIX_TERMS, toFtsMatch } from './fts-match';
import type { QueueQuery } from './queue-query';
import { readQueuePage } from './queue-reads';
import { indexIndicators } from './search-index';
import { seedIndicators } from './testing/seed';

let db: Database.Database;

beforeEach(() => {
  db = new Database(':memory:');
  migrate(db);
  seedIndicators(db, [
    { type: 'domain', value: 'kappa.example' },
    { type: 'domain', value: 'emotet-loader.example' },
  ]);
  indexIndicators(db);
});

const query = (text: string): QueueQuery => ({ filter: { text }, sort: { key: 'id', direction: 'asc' }, limit: 50 });

function errorOf(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  return undefined;
}

describe('search text (issue #15.5, #15.6)', () => {
  it('refuses a NUL with INVALID_INPUT naming it, where FTS5 failed with INTERNAL "unterminated string"', () => {
    for (const plan of ['auto', 'join'] as const) {
      const error = errorOf(() => readQueuePage(db, query('kappa\u0000x'), { text: plan }));
      expect(isWorkbenchError(error, 'INVALID_INPUT')).toBe(true);
      expect((error as Error).message).toContain('control character (U+0000)');
    }
  });

  it('refuses other control characters and keeps tabs and newlines as term separators', () => {
    expect(errorOf(() => toFtsMatch('a\u0007b'))).toMatchObject({ code: 'INVALID_INPUT' });
    expect(errorOf(() => toFtsMatch('a\u009bb'))).toMatchObject({ code: 'INVALID_INPUT' });
    expect(toFtsMatch('kappa\temotet\r\nloader')).toBe('"kappa" "emotet" "loader"');
    expect(readQueuePage(db, query('emotet\nloader')).rows.map((r) => r.value)).toEqual(['emotet-loader.example']);
  });

  it('counts a repeated term once: 150 × "k*" (12 s on 400k rows) is one prefix term', () => {
    expect(toFtsMatch(Array.from({ length: 150 }, () => 'k*').join(' '))).toBe('"k"*');
    expect(toFtsMatch('Emotet emotet EMOTET emotet*')).toBe('"Emotet" "emotet"*');
    expect(readQueuePage(db, query(Array.from({ length: 150 }, () => 'k*').join(' '))).rows.map((r) => r.value)).toEqual(['kappa.example']);
  });

  it(`refuses more than ${MAX_PREFIX_TERMS} different prefix terms with a clear message`, () => {
    const many = Array.from({ length: MAX_PREFIX_TERMS + 1 }, (_, i) => `k${i}*`).join(' ');
    const error = errorOf(() => readQueuePage(db, query(many)));
    expect(isWorkbenchError(error, 'INVALID_INPUT')).toBe(true);
    expect((error as Error).message).toContain(`at most ${MAX_PREFIX_TERMS} different terms ending in *`);
    expect(toFtsMatch(Array.from({ length: MAX_PREFIX_TERMS }, (_, i) => `k${i}*`).join(' '))).toBeDefined();
  });
});

describe('search that finds what analysts type (issue #17.7)', () => {
  it('finds a value pasted defanged: hxxp://pbvzje4[.]top/f15.svg found nothing', () => {
    seedIndicators(db, [{ type: 'url', value: 'http://pbvzje4.top/f15.svg' }]);
    indexIndicators(db);
    expect(toFtsMatch('hxxp://pbvzje4[.]top/f15.svg')).toBe('"http://pbvzje4.top/f15.svg"');
    expect(readQueuePage(db, query('hxxp://pbvzje4[.]top/f15.svg')).rows.map((r) => r.value)).toEqual(['http://pbvzje4.top/f15.svg']);
  });

  it('filters tags without case, and a bare word finds a namespaced tag (osint found 0 where type:OSINT had 483)', () => {
    seedIndicators(db, [
      { type: 'domain', value: 'osint-one.example', tags: ['type:OSINT'] },
      { type: 'domain', value: 'osint-two.example', tags: ['OSINT'] },
      { type: 'domain', value: 'other.example', tags: ['tlp:white', '100%_sure'] },
    ]);
    const tagged = (value: string) =>
      readQueuePage(db, { filter: { conditions: [{ field: 'tag', op: '=', value }] }, sort: { key: 'id', direction: 'asc' }, limit: 50 }).rows.map((r) => r.value);
    expect(tagged('osint')).toEqual(['osint-one.example', 'osint-two.example']);
    expect(tagged('Type:osint')).toEqual(['osint-one.example']);
    expect(tagged('100%_sure')).toEqual(['other.example']);
    expect(tagged('100')).toEqual([]);
  });
});
