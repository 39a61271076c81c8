import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ExternalIdMap } from './external-id-map';
import { propertySeed } from '../../../../test/helpers/property-seed';

const uuid = (n: number) => `5e1f0000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;

describe('ExternalIdMap', () => {
  it('maps STIX ids to every indicator their object yielded, once each', () => {
    const map = new ExternalIdMap();
    map.add(`indicator--${uuid(1)}`, 10);
    map.add(`indicator--${uuid(1)}`, 11);
    map.add(`indicator--${uuid(1)}`, 10);
    map.add(`observed-data--${uuid(1)}`, 12);
    expect(map.get(`indicator--${uuid(1)}`).sort()).toEqual([10, 11]);
    expect(map.get(`observed-data--${uuid(1)}`)).toEqual([12]);
    expect(map.get(`indicator--${uuid(2)}`)).toEqual([]);
  });

  it('keeps ids of other shapes and ids beyond 32 bits exactly', () => {
    const map = new ExternalIdMap();
    map.add('indicator--NOT-A-UUID', 3);
    map.add(`indicator--${uuid(7)}`, 2 ** 40);
    expect(map.get('indicator--NOT-A-UUID')).toEqual([3]);
    expect(map.get(`indicator--${uuid(7)}`)).toEqual([2 ** 40]);
  });

  it.each([0, 150_000])('survives growth past a hundred thousand entries (sized for %i)', (expected) => {
    const map = new ExternalIdMap(expected);
    for (let i = 1; i <= 150_000; i++) map.add(`indicator--${uuid(i)}`, i);
    for (const i of [1, 2, 77_777, 150_000]) expect(map.get(`indicator--${uuid(i)}`)).toEqual([i]);
    expect(map.get(`indicator--${uuid(150_001)}`)).toEqual([]);
  });

  it('answers like a Map of arrays for any sequence of adds (property)', () => {
    const id = fc.oneof(
      fc.tuple(fc.constantFrom('indicator', 'file', 'x-custom'), fc.integer({ min: 0, max: 40 })).map(([t, n]) => `${t}--${uuid(n)}`),
      fc.string({ maxLength: 12 }),
    );
    fc.assert(
      fc.property(fc.array(fc.tuple(id, fc.integer({ min: 1, max: 30 })), { maxLength: 3000 }), (adds) => {
        const map = new ExternalIdMap();
        const model = new Map<string, Set<number>>();
        for (const [key, value] of adds) {
          map.add(key, value);
          model.set(key, (model.get(key) ?? new Set()).add(value));
        }
        for (const [key, values] of model) expect(map.get(key).sort((a, b) => a - b)).toEqual([...values].sort((a, b) => a - b));
      }),
      { numRuns: 60, ...propertySeed() },
    );
  });
});
