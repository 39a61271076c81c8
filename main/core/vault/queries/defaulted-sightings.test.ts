import { describe, expect, it } from 'vitest';
import { DefaultedSightings } from './defaulted-sightings';

describe('DefaultedSightings', () => {
  it('remembers created and existing indicators until a marked record takes them', () => {
    const defaulted = new DefaultedSightings();
    for (let id = 1000; id < 1000 + 20_000; id += 3) defaulted.markNew(id);
    defaulted.markExisting(7, 2);
    expect([defaulted.has(1000), defaulted.has(1001), defaulted.has(19_999 + 1000 - 1), defaulted.has(7), defaulted.has(8)]).toEqual([true, false, true, true, false]);
    expect(defaulted.take(1003)).toBe(-1);
    expect(defaulted.has(1003)).toBe(false);
    expect(defaulted.take(1003)).toBeUndefined();
    expect(defaulted.take(7)).toBe(2);
    expect(defaulted.take(7)).toBeUndefined();
    // An id below the first created one (never expected, ids only grow) is still kept, as created.
    defaulted.markNew(5);
    expect(defaulted.take(5)).toBe(-1);
  });
});
