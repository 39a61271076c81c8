import { describe, expect, it } from 'vitest';
import { nextStatuses, storablePatch } from './briefing-words';

describe('briefing words', () => {
  it('keeps half-filled rows and an emptied title out of an autosave', () => {
    expect(
      storablePatch({
        title: '  ',
        authors: [
          { name: 'Kim', organisation: null },
          { name: '', organisation: 'CERT' },
        ],
        distribution: [{ kind: 'country', name: '' }],
        references: [
          { url: null, externalId: null, sourceName: null, description: null },
          { url: 'https://example.org/r/1', externalId: null, sourceName: null, description: null },
        ],
      }),
    ).toEqual({
      authors: [{ name: 'Kim', organisation: null }],
      distribution: [],
      references: [{ url: 'https://example.org/r/1', externalId: null, sourceName: null, description: null }],
    });
  });

  it('offers the workflow one step at a time; published is final', () => {
    expect(nextStatuses('draft').map((move) => move.status)).toEqual(['in-review']);
    expect(nextStatuses('in-review').map((move) => move.status)).toEqual(['approved', 'draft']);
    expect(nextStatuses('approved').map((move) => move.status)).toEqual(['published']);
    expect(nextStatuses('published')).toEqual([]);
  });
});
