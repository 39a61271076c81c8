import Database from 'better-sqlite3-multiple-ciphers';
import { beforeEach, describe, expect, it } from 'vitest';
import { migrate } from '../vault/migrate';
import { buildPositionIndex, cursorAtPosition } from './queue-position';
import type { QueueQuery, QueueRow } from './queue-query';
import { buildQueueSql, countQueue, readQueuePage } from './queue-reads';
import { indexIndicators } from './search-index';
import { seedIndicators, type SeedIndicator } from './testing/seed';

let db: Database.Database;

beforeEach(() => {
  db = new Database(':memory:');
  migrate(db);
});

/** 250 domains: last_seen in 10 runs of 25 equal values (ties), every 7th without last_seen. */
function seedTies(): number[] {
  const rows: SeedIndicator[] = [];
  for (let i = 0; i < 250; i += 1) {
    rows.push({
      type: i % 5 === 0 ? 'ipv4' : 'domain',
      value: i % 5 === 0 ? `198.51.100.${i % 250}` : `host-${String(i).padStart(3, '0')}.example.net`,
      status: i % 2 === 0 ? 'new' : 'in-review',
      lastSeen: i % 7 === 0 ? null : `2026-02-${String(1 + Math.floor(i / 25)).padStart(2, '0')}T00:00:00.000Z`,
      confidence: i % 3 === 0 ? null : i % 100,
      tlpRank: i % 5,
    });
  }
  return seedIndicators(db, rows);
}

/** Every row of a query by walking nextCursor. */
function walk(query: QueueQuery): QueueRow[] {
  const all: QueueRow[] = [];
  let cursor: string | undefined;
  for (;;) {
    const page = readQueuePage(db, { ...query, ...(cursor ? { cursor } : {}) });
    all.push(...page.rows);
    if (!page.nextCursor) return all;
    cursor = page.nextCursor;
  }
}

function expectedOrder(rows: QueueRow[], key: (r: QueueRow) => [string | number, number], desc: boolean): number[] {
  return [...rows]
    .sort((a, b) => {
      const [ka, ia] = key(a);
      const [kb, ib] = key(b);
      const c = ka < kb ? -1 : ka > kb ? 1 : ia - ib;
      return desc ? -c : c;
    })
    .map((r) => r.id);
}

describe('buildQueueSql', () => {
  it('produces parameterised SQL: filters, then one statement per keyset step', () => {
    const steps = buildQueueSql(
      {
        filter: { conditions: [{ field: 'status', op: '=', value: 'new' }, { field: 'tlp', op: '<=', value: 'amber' }, { field: 'tag', op: '=', value: ["x'); DROP TABLE indicators;--"] }] },
        sort: { key: 'last_seen', direction: 'desc' },
      },
      ['2026-02-01T00:00:00.000Z', 42],
    );
    expect(steps).toMatchInlineSnapshot(`
      [
        {
          "params": {
            "f0": "new",
            "f1": 2,
            "f2": "x'); DROP TABLE indicators;--",
            "f3": "%:x'); DROP TABLE indicators;--",
            "k0": "2026-02-01T00:00:00.000Z",
            "k1": 42,
          },
          "sql": "SELECT i.id FROM indicators i WHERE i.status = @f0 AND i.tlp_rank <= @f1 AND EXISTS (SELECT 1 FROM indicator_tags t WHERE t.indicator_id = i.id AND (t.tag = @f2 COLLATE NOCASE OR t.tag LIKE @f3 ESCAPE '\\')) AND ifnull(i.last_seen, '') = @k0 AND i.id < @k1 ORDER BY i.id DESC LIMIT @limit",
        },
        {
          "params": {
            "f0": "new",
            "f1": 2,
            "f2": "x'); DROP TABLE indicators;--",
            "f3": "%:x'); DROP TABLE indicators;--",
            "k0": "2026-02-01T00:00:00.000Z",
          },
          "sql": "SELECT i.id FROM indicators i WHERE i.status = @f0 AND i.tlp_rank <= @f1 AND EXISTS (SELECT 1 FROM indicator_tags t WHERE t.indicator_id = i.id AND (t.tag = @f2 COLLATE NOCASE OR t.tag LIKE @f3 ESCAPE '\\')) AND ifnull(i.last_seen, '') < @k0 ORDER BY ifnull(i.last_seen, '') DESC, i.id DESC LIMIT @limit",
        },
      ]
    `);
  });

  it('reverses comparison and order for a backward read, and has one step for the id sort', () => {
    const [step] = buildQueueSql({ filter: {}, sort: { key: 'id', direction: 'asc' }, direction: 'prev' }, [10]);
    expect(step).toEqual({ sql: 'SELECT i.id FROM indicators i WHERE i.id < @k0 ORDER BY i.id DESC LIMIT @limit', params: { k0: 10 } });
  });

  it('maps every field and operator, and rejects bad values with INVALID_INPUT', () => {
    const [step] = buildQueueSql({
      filter: {
        conditions: [
          { field: 'type', op: '!=', value: ['url', 'email'] },
          { field: 'confidence', op: '>=', value: 50 },
          { field: 'severity', op: '>', value: 'medium' },
          { field: 'last_seen', op: '<', value: '2026-03-01' },
          { field: 'source', op: '=', value: 'Partner' },
          { field: 'warninglist', op: '=', value: 'no' },
          { field: 'warninglist', op: '=', value: 'Public DNS' },
          { field: 'assignee', op: '=', value: 'none' },
          { field: 'in_briefing', op: '=', value: 'no' },
        ],
        text: 'evil*',
      },
      sort: { key: 'confidence', direction: 'asc' },
    });
    expect(step!.sql).toContain('i.type NOT IN (@f0, @f1)');
    expect(step!.sql).toContain('i.confidence >= @f2');
    expect(step!.sql).toContain('i.severity > @f3');
    expect(step!.sql).toContain("(i.last_seen IS NOT NULL AND ifnull(i.last_seen, '') < @f4)");
    expect(step!.sql).toContain('NOT EXISTS (SELECT 1 FROM warninglist_hits h WHERE h.indicator_id = i.id)');
    expect(step!.sql).toContain('i.assignee_id IS NULL');
    expect(step!.sql).toContain('i.in_briefings = 0');
    expect(step!.sql).toContain('indicator_search MATCH @f7');
    expect(step!.params).toMatchObject({ f3: 2, f4: '2026-03-01T00:00:00.000Z', f7: '"evil"*' });
    const bad = (condition: object) => () => buildQueueSql({ filter: { conditions: [condition as never] }, sort: { key: 'id', direction: 'asc' } });
    expect(bad({ field: 'status', op: '=', value: 'nope' })).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
    expect(bad({ field: 'type', op: '<', value: 'url' })).toThrow(/only be compared/);
    expect(bad({ field: 'tlp', op: '<', value: 'purple' })).toThrow(/TLP/);
    expect(bad({ field: 'confidence', op: '=', value: 101 })).toThrow(/0 to 100/);
    expect(bad({ field: 'oops', op: '=', value: 1 })).toThrow(/Unknown field/);
  });
});

describe('readQueuePage: keyset pagination', () => {
  it.each([
    ['last_seen', 'desc'],
    ['last_seen', 'asc'],
    ['confidence', 'desc'],
    ['type_value', 'asc'],
    ['id', 'desc'],
  ] as const)('walks every row exactly once in %s %s order, ties included', (key, direction) => {
    seedTies();
    const rows = walk({ filter: {}, sort: { key, direction }, limit: 7 });
    expect(rows).toHaveLength(250);
    const keyOf: Record<typeof key, (r: QueueRow) => [string | number, number]> = {
      last_seen: (r) => [r.lastSeen ?? '', r.id],
      confidence: (r) => [r.confidence ?? -1, r.id],
      type_value: (r) => [`${r.type}\u0000${r.value}`, 0],
      id: (r) => [r.id, r.id],
    };
    expect(rows.map((r) => r.id)).toEqual(expectedOrder(rows, keyOf[key], direction === 'desc'));
  });

  it('goes back with prevCursor to exactly the previous page, and has no prevCursor on the first page', () => {
    seedTies();
    const query: QueueQuery = { filter: { conditions: [{ field: 'status', op: '=', value: 'new' }] }, sort: { key: 'last_seen', direction: 'desc' }, limit: 10 };
    const first = readQueuePage(db, query);
    expect(first.prevCursor).toBeNull();
    const second = readQueuePage(db, { ...query, cursor: first.nextCursor! });
    const third = readQueuePage(db, { ...query, cursor: second.nextCursor! });
    const back = readQueuePage(db, { ...query, cursor: third.prevCursor!, direction: 'prev' });
    expect(back.rows.map((r) => r.id)).toEqual(second.rows.map((r) => r.id));
    const backToStart = readQueuePage(db, { ...query, cursor: back.prevCursor!, direction: 'prev' });
    expect(backToStart.rows.map((r) => r.id)).toEqual(first.rows.map((r) => r.id));
    expect(backToStart.prevCursor).toBeNull();
    expect(backToStart.nextCursor).not.toBeNull();
  });

  it('filters on status, type and TLP ranges, and rows carry tags and warninglist names', () => {
    seedTies();
    const rows = walk({
      filter: { conditions: [{ field: 'type', op: '=', value: 'domain' }, { field: 'tlp', op: '>=', value: 'amber' }, { field: 'status', op: '!=', value: 'new' }] },
      sort: { key: 'id', direction: 'asc' },
      limit: 50,
    });
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.type === 'domain' && ['amber', 'amber+strict', 'red'].includes(r.tlp) && r.status !== 'new')).toBe(true);
    expect(rows[0]).toMatchObject({ tags: [], warninglists: [], assignee: null, flags: [] });
  });

  it('refuses a cursor from another sort and a bad page size', () => {
    seedTies();
    const page = readQueuePage(db, { filter: {}, sort: { key: 'id', direction: 'asc' }, limit: 5 });
    expect(() => readQueuePage(db, { filter: {}, sort: { key: 'last_seen', direction: 'asc' }, limit: 5, cursor: page.nextCursor! })).toThrow(/another sort/);
    expect(() => readQueuePage(db, { filter: {}, sort: { key: 'id', direction: 'asc' }, limit: 5, cursor: 'garbage' })).toThrow(/not valid/);
    expect(() => readQueuePage(db, { filter: {}, sort: { key: 'id', direction: 'asc' }, limit: 0 })).toThrow(/Page size/);
  });
});

describe('full-text search', () => {
  it('finds values, notes, tags and context once indexed, and follows later note and tag edits', () => {
    const [a, b] = seedIndicators(db, [
      { type: 'domain', value: 'evil-cobalt.example.net', context: [{ kind: 'malware', name: 'CobaltStrike', detail: 'beacon' }] },
      { type: 'url', value: 'http://files.example.org/drop.php', tags: ['phishing'] },
    ]);
    expect(indexIndicators(db)).toBe(2);
    const find = (text: string) => walk({ filter: { text }, sort: { key: 'id', direction: 'asc' }, limit: 10 }).map((r) => r.id);
    expect(find('example.net')).toEqual([a]);
    expect(find('cobaltstrike')).toEqual([a]);
    expect(find('phish*')).toEqual([b]);
    expect(find('example')).toEqual([a, b]);
    db.prepare('UPDATE indicators SET notes = ? WHERE id = ?').run('Seen in **Operation Nightjar**', b);
    db.prepare('INSERT INTO indicator_tags (indicator_id, tag) VALUES (?, ?)').run(a, 'apt-x');
    expect(find('nightjar')).toEqual([b]);
    expect(find('apt-x')).toEqual([a]);
    db.prepare('DELETE FROM indicator_tags WHERE indicator_id = ?').run(b);
    expect(find('phishing')).toEqual([]);
    expect(find('NEAR( "x" ) OR *')).toEqual([]);
    expect(() => find('--')).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
  });

  it('derives registrable_domain and IPv4 ranges for rows written before import wrote them, once', () => {
    const ids = seedIndicators(db, [
      { type: 'hostname', value: 'mail.evil.co.uk' },
      { type: 'url', value: 'https://www.evil.co.uk/x' },
      { type: 'cidr', value: '203.0.113.0/24' },
      { type: 'ipv4', value: '203.0.113.9' },
    ]);
    // As a vault migrated to 0060 has them: rows without keys, and the mark saying how far they go.
    db.exec('UPDATE indicators SET registrable_domain = NULL, ip_start = NULL, ip_end = NULL');
    db.prepare('UPDATE triage_state SET keys_missing_through = ?').run(ids[3]);
    indexIndicators(db);
    expect(db.prepare('SELECT keys_missing_through FROM triage_state').pluck().get()).toBe(0);
    const rows = db.prepare('SELECT registrable_domain AS d, ip_start AS s, ip_end AS e FROM indicators ORDER BY id').all();
    expect(rows).toEqual([
      { d: 'evil.co.uk', s: null, e: null },
      { d: 'evil.co.uk', s: null, e: null },
      { d: null, s: 3405803776, e: 3405804031 },
      { d: null, s: 3405803785, e: 3405803785 },
    ]);
    expect(ids).toHaveLength(4);
  });
});

describe('counts and positions', () => {
  it('caps the count and reports whether it is exact', () => {
    seedTies();
    expect(countQueue(db, {}, { cap: 100 })).toEqual({ count: 100, exact: false });
    expect(countQueue(db, {}, { cap: Infinity })).toEqual({ count: 250, exact: true });
    expect(countQueue(db, { conditions: [{ field: 'status', op: '=', value: 'new' }] })).toEqual({ count: 125, exact: true });
  });

  it('turns any row position into a cursor whose next page starts at that row', () => {
    seedTies();
    const view: Pick<QueueQuery, 'filter' | 'sort'> = { filter: { conditions: [{ field: 'type', op: '=', value: 'domain' }] }, sort: { key: 'last_seen', direction: 'desc' } };
    const all = walk({ ...view, limit: 1000 });
    const index = buildPositionIndex(db, view, 16);
    expect(index.total).toBe(all.length);
    for (const position of [0, 1, 15, 16, 17, 100, all.length - 1]) {
      const cursor = cursorAtPosition(db, index, position);
      const page = readQueuePage(db, { ...view, limit: 1, ...(cursor ? { cursor } : {}) });
      expect(page.rows[0]!.id).toBe(all[position]!.id);
    }
    expect(() => cursorAtPosition(db, index, all.length)).toThrow(/Position/);
  });
});

describe('query plans', () => {
  const plan = (sql: string, params: object) =>
    (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all({ ...params, limit: 50 }) as { detail: string }[]).map((r) => r.detail).join(' | ');

  it.each([
    [{ conditions: [{ field: 'status', op: '=', value: 'new' }] }, 'last_seen', 'idx_indicators__status_last_seen'],
    [{ conditions: [{ field: 'type', op: '=', value: 'domain' }] }, 'last_seen', 'idx_indicators__type_last_seen'],
    [{}, 'first_seen', 'idx_indicators__first_seen'],
    [{}, 'confidence', 'idx_indicators__confidence'],
    [{}, 'severity', 'idx_indicators__severity'],
    [{ conditions: [{ field: 'type', op: '=', value: 'domain' }] }, 'type_value', 'idx_indicators__type_value'],
  ] as const)('first and next pages of %j sorted by %s use %s (no full scan, no sort)', (filter, key, index) => {
    seedTies();
    db.exec('ANALYZE');
    for (const after of [undefined, key === 'type_value' ? ['domain', 'x'] : ['2026-02-01T00:00:00.000Z', 5]]) {
      for (const step of buildQueueSql({ filter: filter as never, sort: { key, direction: 'desc' } }, after as never)) {
        const detail = plan(step.sql, step.params);
        expect(detail).toContain(index);
        expect(detail).not.toMatch(/TEMP B-TREE|^SCAN indicators$/);
      }
    }
  });
});
