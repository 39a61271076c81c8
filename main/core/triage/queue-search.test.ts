import Database from 'better-sqlite3-multiple-ciphers';
import { beforeEach, describe, expect, it } from 'vitest';
import { migrate } from '../vault/migrate';
import type { QueueCondition, QueueQuery, QueueRow, QueueSortKey } from './queue-query';
import { readQueuePage, type ReadOptions } from './queue-reads';
import { planTextWalk, walkTextMatches, type SortedRead, type TextWalk } from './queue-search';
import { matchBatch, SCAN_SQL } from './queue-search-batch';
import { indexIndicators } from './search-index';
import { seedIndicators, type SeedIndicator } from './testing/seed';

let db: Database.Database;

beforeEach(() => {
  db = new Database(':memory:');
  migrate(db);
});

const TYPES = ['url', 'domain', 'ipv4', 'hostname', 'sha256'] as const;

/**
 * 1,000 indicators shaped like the bench's: "example" in every url and in a third of the hostnames (so
 * the term leans on type, as under the type sort), "campaign" tags on 1 in 12, runs of equal last_seen,
 * confidence and severity, and NULLs in each sort column.
 */
function seedSearch(): void {
  const rows: SeedIndicator[] = [];
  for (let i = 0; i < 1000; i += 1) {
    const type = TYPES[i % 5]!;
    const value = {
      url: `http://site${i}.example.org/gate/${i % 13}.php`,
      domain: `brand${i % 40}-${i}.net`,
      ipv4: `10.${(i >> 8) & 255}.${i & 255}.${1 + (i % 7)}`,
      hostname: i % 3 === 0 ? `mail${i}.example.com` : `mail${i}.corp.test`,
      sha256: i.toString(16).padStart(64, '0'),
    }[type];
    rows.push({
      type,
      value,
      status: ['new', 'new', 'in-review', 'malicious', 'benign'][(i * 7) % 5],
      tlpRank: i % 4,
      confidence: i % 11 === 0 ? null : (i * 37) % 101,
      firstSeen: i % 13 === 0 ? null : `2026-01-${String(1 + (i % 28)).padStart(2, '0')}T00:00:00.000Z`,
      lastSeen: i % 9 === 0 ? null : `2026-02-${String(1 + ((i * 7) % 20)).padStart(2, '0')}T00:00:00.000Z`,
      tags: i % 12 === 0 ? [`campaign-${i % 5}`] : [],
    });
  }
  seedIndicators(db, rows);
  db.exec('UPDATE indicators SET severity = CASE WHEN id % 6 = 0 THEN NULL ELSE id % 5 END');
  indexIndicators(db);
}

type Mode = NonNullable<ReadOptions['text']>;

/** Every page of a query, following nextCursor; each page's ids and cursors. */
function pagesOf(query: QueueQuery, text: Mode): { ids: number[]; next: string | null; prev: string | null }[] {
  const pages = [];
  let cursor: string | undefined;
  for (;;) {
    const page = readQueuePage(db, { ...query, ...(cursor ? { cursor } : {}) }, { text });
    pages.push({ ids: page.rows.map((r) => r.id), next: page.nextCursor, prev: page.prevCursor });
    if (!page.nextCursor) return pages;
    cursor = page.nextCursor;
  }
}

/** Pages read backward from the last page's prevCursor, in reading order (nearest first). */
function backPagesOf(query: QueueQuery, lastPrev: string | null, text: Mode): number[][] {
  const pages: number[][] = [];
  for (let cursor = lastPrev; cursor; ) {
    const page = readQueuePage(db, { ...query, cursor, direction: 'prev' }, { text });
    pages.push(page.rows.map((r) => r.id));
    cursor = page.prevCursor;
  }
  return pages;
}

/** Expected ids of a text search, computed without the queue SQL: FTS5's matches, sorted in JS. */
function expectedIds(text: string, key: QueueSortKey, direction: 'asc' | 'desc'): number[] {
  const matching = new Set(db.prepare('SELECT rowid FROM indicator_search WHERE indicator_search MATCH ?').pluck().all(`"${text}"`) as number[]);
  const rows = db.prepare('SELECT id, type, value, last_seen, first_seen, confidence, severity FROM indicators').all() as {
    id: number; type: string; value: string; last_seen: string | null; first_seen: string | null; confidence: number | null; severity: number | null;
  }[];
  const keyOf = {
    last_seen: (r: (typeof rows)[number]) => [r.last_seen ?? '', r.id],
    first_seen: (r: (typeof rows)[number]) => [r.first_seen ?? '', r.id],
    confidence: (r: (typeof rows)[number]) => [r.confidence ?? -1, r.id],
    severity: (r: (typeof rows)[number]) => [r.severity ?? -1, r.id],
    type_value: (r: (typeof rows)[number]) => [r.type, r.value],
    id: (r: (typeof rows)[number]) => [r.id, 0],
  }[key];
  const sign = direction === 'asc' ? 1 : -1;
  return rows
    .filter((r) => matching.has(r.id))
    .sort((a, b) => {
      const [a0, a1] = keyOf(a);
      const [b0, b1] = keyOf(b);
      return sign * (a0! < b0! ? -1 : a0! > b0! ? 1 : a1! < b1! ? -1 : a1! > b1! ? 1 : 0);
    })
    .map((r) => r.id);
}

const WALKS: Mode[] = ['probe', 'scan', 'fetch', 'auto'];

describe('full-text walk: same rows, order and cursors as the join', () => {
  const SORTS: QueueSortKey[] = ['last_seen', 'first_seen', 'confidence', 'severity', 'type_value', 'id'];

  it.each(SORTS.flatMap((key) => (['desc', 'asc'] as const).map((direction) => [key, direction] as const)))(
    'a common token under %s %s, forward and back',
    (key, direction) => {
      seedSearch();
      const query: QueueQuery = { filter: { text: 'example' }, sort: { key, direction }, limit: 17 };
      const join = pagesOf(query, 'join');
      expect(join.flat().length).toBeGreaterThan(0);
      expect(join.flatMap((p) => p.ids)).toEqual(expectedIds('example', key, direction));
      for (const mode of WALKS) {
        const pages = pagesOf(query, mode);
        expect(pages, mode).toEqual(join);
        const back = backPagesOf(query, pages.at(-1)!.prev, mode);
        expect(back, mode).toEqual(join.slice(0, -1).reverse().map((p) => p.ids));
      }
    },
  );

  const FILTERS: [string, QueueCondition[]][] = [
    ['status = new', [{ field: 'status', op: '=', value: 'new' }]],
    ['type in url, hostname', [{ field: 'type', op: '=', value: ['url', 'hostname'] }]],
    ['type = domain (no match: the walk reads every domain)', [{ field: 'type', op: '=', value: 'domain' }]],
    ['confidence >= 50 and last_seen before Feb 10', [{ field: 'confidence', op: '>=', value: 50 }, { field: 'last_seen', op: '<', value: '2026-02-10' }]],
    ['tlp <= amber', [{ field: 'tlp', op: '<=', value: 'amber' }]],
  ];

  it.each(FILTERS.flatMap(([name, conditions]) => (['last_seen', 'type_value', 'confidence'] as const).map((key) => [name, key, conditions] as const)))(
    'with %s, sorted by %s',
    (_name, key, conditions) => {
      seedSearch();
      const query: QueueQuery = { filter: { text: 'example', conditions }, sort: { key, direction: 'desc' }, limit: 9 };
      const join = pagesOf(query, 'join');
      for (const mode of WALKS) expect(pagesOf(query, mode), mode).toEqual(join);
    },
  );

  it.each(['campaign', 'exam*', 'example org', 'gate php', 'brand1'])('for the text %j', (text) => {
    seedSearch();
    for (const key of ['last_seen', 'type_value'] as const) {
      const query: QueueQuery = { filter: { text }, sort: { key, direction: 'desc' }, limit: 11 };
      const join = pagesOf(query, 'join');
      for (const mode of WALKS) expect(pagesOf(query, mode), `${mode} ${key}`).toEqual(join);
    }
  });

  it.each([
    [1000, 'walks on against a bitmap of every match'],
    [40, 'continues by the join'],
  ])('when the term lies late in the order (%i of 3,000 rows), %s, through runs of equal sort keys', (late) => {
    // "late" is on the oldest rows; last_seen comes in runs of 100 equal values, so batch boundaries fall
    // inside runs and the reads continue through the keyset's ties step.
    const rows: SeedIndicator[] = Array.from({ length: 3000 }, (_, i) => ({
      type: 'domain',
      value: `${i < late ? 'late' : 'early'}-${i}.test`,
      lastSeen: `2026-${String(1 + Math.floor(i / 300)).padStart(2, '0')}-${String(1 + Math.floor((i % 300) / 100)).padStart(2, '0')}T00:00:00.000Z`,
    }));
    seedIndicators(db, rows);
    indexIndicators(db);
    // Under value order ("early-" before "late-") the term lies late too.
    for (const sort of [{ key: 'last_seen', direction: 'desc' }, { key: 'type_value', direction: 'asc' }] as const) {
      const query: QueueQuery = { filter: { text: 'late' }, sort, limit: 5 };
      const join = pagesOf(query, 'join');
      expect(join.flatMap((p) => p.ids)).toEqual(expectedIds('late', sort.key, sort.direction));
      for (const mode of WALKS) {
        expect(readQueuePage(db, query, { text: mode }).rows.map((r) => r.id), mode).toEqual(join[0]!.ids);
        expect(pagesOf(query, mode), mode).toEqual(join);
        expect(backPagesOf(query, join.at(-1)!.prev, mode), mode).toEqual(join.slice(0, -1).reverse().map((p) => p.ids));
      }
    }
  });

  it('continues by the join strictly after the last candidate walked, itself a match', () => {
    // Row i is i-th under both sorts below. With 40 matches in 3,000 rows a page of 5 walks a first batch
    // of 932 candidates, whose last (i = 931) is the one match it holds; the join takes over after it.
    const late = (i: number) => i === 931 || i >= 2961;
    const rows: SeedIndicator[] = Array.from({ length: 3000 }, (_, i) => ({
      type: 'domain',
      value: `${String(i).padStart(4, '0')}-${late(i) ? 'late' : 'early'}.test`,
      lastSeen: new Date(Date.UTC(2026, 0, 1) + (3000 - i) * 60_000).toISOString(),
    }));
    seedIndicators(db, rows);
    indexIndicators(db);
    for (const sort of [{ key: 'last_seen', direction: 'desc' }, { key: 'type_value', direction: 'asc' }] as const) {
      const query: QueueQuery = { filter: { text: 'late' }, sort, limit: 5 };
      const join = pagesOf(query, 'join');
      expect(join.flatMap((p) => p.ids)).toEqual(expectedIds('late', sort.key, sort.direction));
      // Auto joins from the start here (40 matches); the forced walks take the path described above.
      for (const mode of WALKS) expect(pagesOf(query, mode), mode).toEqual(join);
    }
  });

  it('probes bind the rowid as an INTEGER (FTS5 ignores a REAL rowid and would call every candidate a match)', () => {
    seedSearch();
    const query: QueueQuery = { filter: { text: 'campaign' }, sort: { key: 'id', direction: 'asc' }, limit: 5 };
    const page = readQueuePage(db, query, { text: 'probe' });
    expect(page.rows.map((r: QueueRow) => r.tags[0]?.startsWith('campaign-'))).toEqual([true, true, true, true, true]);
  });
});

describe('full-text walk: planning and batches', () => {
  it('walks for a common token and joins for a rare one', () => {
    seedSearch();
    const sort = { key: 'last_seen', direction: 'desc' } as const;
    expect(planTextWalk(db, { filter: { text: 'example' }, sort }, 11)).toMatchObject({ match: '"example"', matches: 267, rows: 1000 });
    // "brand1" begins brand1, brand10 ... brand19 (issue #17.7): common; the whole token alone is rare.
    expect(planTextWalk(db, { filter: { text: '"brand1"' }, sort }, 11)).toBeUndefined();
    expect(planTextWalk(db, { filter: { text: 'nothing-here' }, sort }, 11)).toBeUndefined();
    expect(planTextWalk(db, { filter: {}, sort }, 11)).toBeUndefined();
  });

  it('counts matches up to 8,192 and extrapolates from their density beyond', () => {
    seedIndicators(db, Array.from({ length: 20_000 }, (_, i) => ({ type: 'domain', value: `${i % 2 === 1 ? 'common' : 'other'}-${i}.test` })));
    indexIndicators(db);
    const walk = planTextWalk(db, { filter: { text: 'common' }, sort: { key: 'last_seen', direction: 'desc' } }, 101);
    expect(walk?.matches).toBeGreaterThan(9_900);
    expect(walk?.matches).toBeLessThan(10_100);
  });

  it('continues by the join once the rows walked show the term is rarer among them than overall', () => {
    // "late" is only on the last 20 of 2,000 rows, read in id order: the first batch finds none.
    const rows: SeedIndicator[] = Array.from({ length: 2000 }, (_, i) => ({ type: 'domain', value: `${i >= 1980 ? 'late' : 'early'}-${i}.test` }));
    const ids = seedIndicators(db, rows);
    indexIndicators(db);
    const walk: TextWalk = { match: '"late"', matches: 20, rows: 2000, sortKey: 'last_seen', cachedPages: 16_000, probeCost: 70 };
    const calls: string[] = [];
    let at = 0;
    const read: SortedRead = {
      next(count) {
        calls.push(`next ${count}`);
        const batch = ids.slice(at, at + count);
        at += batch.length;
        return batch;
      },
      joinRest(count) {
        calls.push(`joinRest ${count}`);
        return ids.slice(at).filter((id) => id > ids[1979]!).slice(0, count);
      },
    };
    expect(walkTextMatches(db, walk, 5, read)).toEqual(ids.slice(1980, 1985));
    expect(calls).toEqual(['next 1032', 'joinRest 5']);
  });

  it('grows a short batch at most fourfold while walking on is cheaper than the join', () => {
    const rows: SeedIndicator[] = Array.from({ length: 3000 }, (_, i) => ({ type: 'domain', value: `${i % 2 === 0 && i > 1500 ? 'even' : 'odd'}-${i}.test` }));
    const ids = seedIndicators(db, rows);
    indexIndicators(db);
    const matches = db.prepare(`SELECT count(*) FROM indicator_search WHERE indicator_search MATCH '"even"'`).pluck().get() as number;
    const walk: TextWalk = { match: '"even"', matches, rows: 3000, sortKey: 'last_seen', cachedPages: 16_000, probeCost: 70 };
    const sizes: number[] = [];
    let at = 0;
    const read: SortedRead = {
      next(count) {
        sizes.push(count);
        const batch = ids.slice(at, at + count);
        at += batch.length;
        return batch;
      },
      joinRest: () => {
        throw new Error('not expected');
      },
    };
    const found = walkTextMatches(db, walk, 3, read);
    expect(found).toEqual([ids[1502], ids[1504], ids[1506]]);
    expect(sizes).toEqual([58, 232, 928, 3712]);
  });
});

describe('matchBatch', () => {
  /**
   * 100 candidates with ids 1, 1001, 2001, ... (a wide rowid range makes a scan or fetch dear), of which
   * those `hit(k)` match "hit"; counts the probes made.
   */
  function candidates(hit: (k: number) => boolean): { ids: number[]; probes: () => number } {
    const insert = db.prepare(
      `INSERT INTO indicators (id, type, value, tlp_rank, status, sightings, created_at, updated_at)
       VALUES (?, 'domain', ?, 1, 'new', 1, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z')`,
    );
    const ids = Array.from({ length: 100 }, (_, k) => 1 + k * 1000);
    ids.forEach((id, k) => insert.run(id, `${hit(k) ? 'hit' : 'miss'}-${k}.test`));
    indexIndicators(db);
    let probes = 0;
    const prepare = db.prepare.bind(db);
    db.prepare = ((sql: string) => {
      const statement = prepare(sql);
      if (/rowid = CAST/.test(sql)) {
        const get = statement.get.bind(statement);
        statement.get = ((...args: unknown[]) => ((probes += 1), get(...args))) as typeof statement.get;
      }
      return statement;
    }) as typeof db.prepare;
    return { ids, probes: () => probes };
  }

  /** "hit" at `rate` of the rows (100,000 rowids, as ids 1 to 99,001 span). */
  const at = (rate: number) => ({ match: '"hit"', matches: rate * 100_000, rows: 100_000, probeCost: 70 });

  // At a rate of 0.2 the 50 probes expected for 10 matches look ~2.4 times dearer than a scan of the
  // range (~20,000 matching rowids): within EXPLORE_RATIO, so probing is tried first.
  it('keeps probing while the probes find matches faster than the overall rate said', () => {
    const { ids, probes } = candidates(() => true);
    expect(matchBatch(db, at(0.2), ids, 10)).toEqual(ids.slice(0, 10));
    expect(probes()).toBe(10);
  });

  it('never probes for a prefix search, whose every probe merges the doclists of all the terms it covers', () => {
    const { ids, probes } = candidates(() => true);
    expect(matchBatch(db, { ...at(0.2), probeCost: Infinity }, ids, 10)).toEqual(ids.slice(0, 10));
    expect(probes()).toBe(0);
    const sort = { key: 'last_seen', direction: 'desc' } as const;
    // "1*" covers 1, 10 ... 19: more tokens than prefix-tokens rewrites, so it stays a prefix.
    expect(planTextWalk(db, { filter: { text: '1*' }, sort }, 11, 'scan')?.probeCost).toBe(Infinity);
    // A prefix covering few tokens is walked as those tokens (prefix-tokens), one query each.
    expect(planTextWalk(db, { filter: { text: 'hi*' }, sort }, 11, 'scan')).toMatchObject({ match: '("hi" OR "hit")', probeCost: 140 });
    expect(planTextWalk(db, { filter: { text: 'hit test' }, sort }, 11, 'scan')).toMatchObject({ match: '"hit" "test"', probeCost: 140 });
  });

  it('stops probing after a few when the probes confirm the rate, and tests the rest in one go', () => {
    const { ids, probes } = candidates((k) => k % 5 === 4);
    const expected = ids.filter((_, k) => k % 5 === 4);
    expect(matchBatch(db, at(0.2), ids, 10)).toEqual(expected.slice(0, 10));
    expect(probes()).toBe(8);
  });

  it('scans the doclist once, testing it against the batch built once (not a probe per candidate)', () => {
    candidates(() => true);
    const plan = (db.prepare(`EXPLAIN QUERY PLAN ${SCAN_SQL}`).all({ match: '"hit"', low: 1, high: 2, ids: '[1]' }) as { detail: string }[]).map((r) => r.detail);
    expect(plan.find((d) => d.includes('indicator_search VIRTUAL TABLE'))).toMatch(/^SCAN indicator_search VIRTUAL TABLE INDEX \d+:M[^=]*$/);
    expect(plan).toContain('LIST SUBQUERY 1');
  });

  it('does not probe when probing is far dearer, and probes only when forced', () => {
    const { ids, probes } = candidates((k) => k % 5 === 4);
    const expected = ids.filter((_, k) => k % 5 === 4);
    expect(matchBatch(db, at(0.01), ids, 10)).toEqual(expected.slice(0, 10));
    expect(probes()).toBe(0);
    expect(matchBatch(db, { ...at(0.01), test: 'probe' }, ids, 3)).toEqual(expected.slice(0, 3));
    expect(probes()).toBe(15);
  });
});
