import { describe, expect, it } from 'vitest';
import { PageCache } from './page-cache';

const rows = (page: number, size: number) => Array.from({ length: size }, (_, k) => page * size + k);

describe('PageCache', () => {
  it('asks for the visible pages first, then the ones around them, within the list', () => {
    const cache = new PageCache<number>(100, 10);
    expect(cache.missing(250, 420, 1000, 2)).toEqual([2, 3, 4, 5, 1, 6, 0]);
    expect(cache.missing(0, 30, 120, 3)).toEqual([0, 1]);
    expect(cache.missing(0, 10, 0, 3)).toEqual([]);
  });

  it('does not ask again for pages held or being fetched; a failed page may be asked for again', () => {
    const cache = new PageCache<number>(100, 10);
    cache.markLoading(2);
    cache.put(3, rows(3, 100));
    expect(cache.missing(250, 399, 1000, 0)).toEqual([]);
    cache.release(2);
    expect(cache.missing(250, 399, 1000, 0)).toEqual([2]);
  });

  it('finds a row by position', () => {
    const cache = new PageCache<number>(100, 10);
    cache.put(7000, rows(7000, 100));
    expect(cache.rowAt(700_042)).toBe(700_042);
    expect(cache.rowAt(42)).toBeUndefined();
  });

  it('drops the pages farthest from the viewport once over its size', () => {
    const cache = new PageCache<number>(100, 3);
    for (const page of [0, 1, 2, 50, 51]) cache.put(page, rows(page, 100));
    cache.evictFar(51);
    expect(cache.size).toBe(3);
    expect([0, 1, 2, 50, 51].filter((page) => cache.hasPage(page))).toEqual([2, 50, 51]);
  });

  it('patches held rows in place', () => {
    const cache = new PageCache<{ id: number; status: string }>(2, 3);
    cache.put(0, [{ id: 1, status: 'new' }, { id: 2, status: 'new' }]);
    cache.patchRows((row) => row.id === 2, (row) => ({ ...row, status: 'benign' }));
    expect(cache.rowAt(1)).toEqual({ id: 2, status: 'benign' });
    expect(cache.rowAt(0)).toEqual({ id: 1, status: 'new' });
  });
});
