/**
 * `cidr` lists: entries (networks or bare addresses) become sorted, merged, inclusive ranges; a lookup is
 * a binary search (O(log n)). IPv4 ranges live in Float64Arrays (uint32 values), IPv6 in BigInt arrays.
 * A network value matches when it lies entirely inside one listed range.
 */
import { parseIpRange, type IpRange } from '../../indicators';

export interface IpRangeSet {
  contains(range: IpRange): boolean;
  /** Entries that were not addresses or networks (skipped). */
  invalid: string[];
}

export function compileIpRangeSet(entries: readonly string[]): IpRangeSet {
  const v4: [number, number][] = [];
  const v6: [bigint, bigint][] = [];
  const invalid: string[] = [];
  for (const entry of entries) {
    const parsed = parseIpRange(entry);
    if (!parsed) invalid.push(entry);
    else if (parsed.v === 4) v4.push([parsed.range.start, parsed.range.end]);
    else v6.push([parsed.range.start, parsed.range.end]);
  }
  const merged4 = merge(v4, (a, b) => a - b, (end) => end + 1);
  const starts4 = Float64Array.from(merged4, (r) => r[0]);
  const ends4 = Float64Array.from(merged4, (r) => r[1]);
  const merged6 = merge(v6, (a, b) => (a < b ? -1 : a > b ? 1 : 0), (end) => end + 1n);
  return {
    invalid,
    contains(range) {
      if (range.v === 4) {
        const i = lastAtOrBelow(starts4.length, (k) => starts4[k]! <= range.range.start);
        return i >= 0 && ends4[i]! >= range.range.end;
      }
      const i = lastAtOrBelow(merged6.length, (k) => merged6[k]![0] <= range.range.start);
      return i >= 0 && merged6[i]![1] >= range.range.end;
    },
  };
}

function merge<T>(ranges: [T, T][], compare: (a: T, b: T) => number, succ: (end: T) => T): [T, T][] {
  ranges.sort((a, b) => compare(a[0], b[0]));
  const out: [T, T][] = [];
  for (const [start, end] of ranges) {
    const last = out[out.length - 1];
    if (last && compare(start, succ(last[1])) <= 0) {
      if (compare(end, last[1]) > 0) last[1] = end;
    } else out.push([start, end]);
  }
  return out;
}

/** Index of the last k in [0, n) with ok(k) true, for a predicate true on a prefix; -1 if none. */
function lastAtOrBelow(n: number, ok: (k: number) => boolean): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (ok(mid)) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}
