import Database from 'better-sqlite3-multiple-ciphers';
import { beforeEach, describe, expect, it } from 'vitest';
import { isWorkbenchError } from '../errors';
import { migrate } from '../vault/migrate';
import { MAX_PREFIX_TERMS, toFtsMatch } from './fts-match';
import type { QueueQuery } from './queue-query';
import { countQueue, readQueuePage } from './queue-reads';
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
    expect(toFtsMatch('kappa\temotet\r\nloader')).toBe('"kappa"* "emotet"* "loader"*');
    expect(readQueuePage(db, query('emotet\nloader')).rows.map((r) => r.value)).toEqual(['emotet-loader.example']);
  });

  it('counts a repeated term once: 150 × "k*" (12 s on 400k rows) is one prefix term', () => {
    expect(toFtsMatch(Array.from({ length: 150 }, () => 'k*').join(' '))).toBe('"k"*');
    expect(toFtsMatch('Emotet emotet EMOTET emotet*')).toBe('"Emotet"*');
    expect(toFtsMatch('"Emotet" "emotet"')).toBe('"Emotet"');
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
    expect(toFtsMatch('hxxp://pbvzje4[.]top/f15.svg')).toBe('"http://pbvzje4.top/f15.svg"*');
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

describe('prefixes, substrings and source names (issue #17.7)', () => {
  const found = (text: string) => readQueuePage(db, query(text)).rows.map((r) => r.value);
  const joined = (text: string) => readQueuePage(db, query(text), { text: 'join' }).rows.map((r) => r.value);

  beforeEach(() => {
    seedIndicators(db, [
      { type: 'domain', value: 'cdn-update.example', tags: ['misp-galaxy:malware="SocGholish"'] },
      { type: 'url', value: 'http://pbvzje4.top/f15.svg', context: [{ kind: 'malware', name: 'SocGholish', detail: 'fake browser update' }] },
      { type: 'sha256', value: 'a'.repeat(64), tags: ['Ransomware'] },
      { type: 'sha256', value: 'b'.repeat(64), context: [{ kind: 'other', name: 'ransomware note dropper' }] },
      { type: 'ipv4', value: '203.0.113.9', source: 'AsyncRAT_C2_IPs.csv' },
      { type: 'ipv4', value: '203.0.113.10', source: 'conti-leak-2022.txt' },
      { type: 'domain', value: 'quiet.example', source: 'unit42-report.json', tags: ['campaign-x'] },
      { type: 'domain', value: 'ransom-conti.example' },
    ]);
    indexIndicators(db);
  });

  it('"SocGh" finds the SocGholish items by tag and context (it found nothing)', () => {
    expect(found('SocGh')).toEqual(['cdn-update.example', 'http://pbvzje4.top/f15.svg']);
    expect(found('socgholish')).toEqual(found('SocGh'));
  });

  it('"ransom" finds what "Ransomware" finds, and more that begins with it', () => {
    const ransomware = found('Ransomware');
    expect(ransomware).toEqual(['a'.repeat(64), 'b'.repeat(64)]);
    expect(found('ransom')).toEqual([...ransomware, 'ransom-conti.example']);
  });

  it('typing the start of any part of a value finds it', () => {
    expect(found('pbvzje')).toEqual(['http://pbvzje4.top/f15.svg']);
    expect(found('cdn-upd')).toEqual(['cdn-update.example']);
    expect(found('203.0.113')).toEqual(['203.0.113.9', '203.0.113.10']);
    expect(found('aaaaaaaaaaaa')).toEqual(['a'.repeat(64)]);
  });

  it('"AsyncRAT" and "Conti" find indicators by the names of CSV and text sources, in any case', () => {
    expect(found('AsyncRAT')).toEqual(['203.0.113.9']);
    expect(found('asyncrat')).toEqual(['203.0.113.9']);
    expect(found('C2_IPs')).toEqual(['203.0.113.9']);
    // "Conti" is in one source name and in one value.
    expect(found('Conti')).toEqual(['203.0.113.10', 'ransom-conti.example']);
    expect(found('unit42')).toEqual(['quiet.example']);
  });

  it('every term must hold, each in the row or in a source name', () => {
    expect(found('conti 203.0.113')).toEqual(['203.0.113.10']);
    expect(found('conti ransom')).toEqual(['ransom-conti.example']);
    expect(found('unit42 campaign')).toEqual(['quiet.example']);
    expect(found('unit42 socgh')).toEqual([]);
  });

  it('a source name is matched as text: LIKE wildcards in the term are literal', () => {
    seedIndicators(db, [{ type: 'domain', value: 'percent.example', source: 'feed 100%_sure.csv' }]);
    indexIndicators(db);
    expect(found('100%_sure')).toEqual(['percent.example']);
    expect(found('1%0')).toEqual([]);
    expect(found('c_nti')).toEqual([]);
  });

  it('short terms and quoted terms match whole tokens only', () => {
    expect(toFtsMatch('ab "ransom" ransom*')).toBe('"ab" "ransom"*');
    expect(found('"ransom"')).toEqual(['ransom-conti.example']);
    // A quoted word is not looked for in source names either: a pivot on "Conti" means that word.
    expect(found('"AsyncRAT"')).toEqual([]);
    expect(found('"Conti"')).toEqual(['ransom-conti.example']);
    expect(found('20')).toEqual([]);
  });

  it('the walk and the join find the same rows, and count them alike', () => {
    for (const text of ['SocGh', 'ransom', 'AsyncRAT', 'conti', 'conti ransom', 'pbvzje']) {
      expect(found(text), text).toEqual(joined(text));
      for (const test of ['scan', 'fetch', 'probe'] as const) {
        expect(readQueuePage(db, query(text), { text: test }).rows.map((r) => r.value), `${text} ${test}`).toEqual(joined(text));
      }
      expect(countQueue(db, { text }).count, text).toBe(joined(text).length);
    }
  });

  it('terms typed without * become prefixes only within the prefix budget', () => {
    const many = Array.from({ length: MAX_PREFIX_TERMS + 3 }, (_, i) => `term${i}`).join(' ');
    const match = toFtsMatch(many)!;
    expect(match.split(' ').filter((t) => t.endsWith('*'))).toHaveLength(MAX_PREFIX_TERMS);
    expect(toFtsMatch(`${Array.from({ length: MAX_PREFIX_TERMS }, (_, i) => `x${i}*`).join(' ')} extra`)).toContain('"extra"');
  });
});
