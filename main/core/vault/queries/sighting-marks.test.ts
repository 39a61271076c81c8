import { describe, expect, it } from 'vitest';
import { SightingMarks } from './sighting-marks';

describe('SightingMarks', () => {
  it('remembers created and existing indicators until the mark is taken', () => {
    const marks = new SightingMarks(-1);
    for (let id = 1000; id < 1000 + 20_000; id += 3) marks.markNew(id);
    marks.markExisting(7, 2);
    expect([marks.has(1000), marks.has(1001), marks.has(19_999 + 1000 - 1), marks.has(7), marks.has(8)]).toEqual([true, false, true, true, false]);
    expect(marks.take(1003)).toBe(-1);
    expect(marks.has(1003)).toBe(false);
    expect(marks.take(1003)).toBeUndefined();
    expect(marks.take(7)).toBe(2);
    expect(marks.take(7)).toBeUndefined();
    // An id below the first created one (never expected, ids only grow) is still kept, as created.
    marks.markNew(5);
    expect(marks.take(5)).toBe(-1);
  });
});
