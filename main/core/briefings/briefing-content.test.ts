import { describe, expect, it } from 'vitest';
import { mergeContent } from './briefing-content';
import type { BriefingContent } from './briefing-model';

const base: BriefingContent = {
  title: 'Valid-until check', summary: '', tlp: 'amber', sections: [], authors: [], distribution: [], techniques: [], references: [], validUntil: null,
};

describe('briefing content: valid until', () => {
  it('stores a plain date (what the editor\'s date field sends) as a UTC timestamp every export can write', () => {
    expect(mergeContent(base, { validUntil: '2026-09-01' }).validUntil).toBe('2026-09-01T00:00:00.000Z');
    expect(mergeContent(base, { validUntil: '2026-09-01T10:30+02:00' }).validUntil).toBe('2026-09-01T08:30:00.000Z');
    expect(mergeContent(base, { validUntil: '2026-09-01T10:30' }).validUntil).toBe('2026-09-01T10:30:00.000Z');
    expect(mergeContent(base, { validUntil: ' ' }).validUntil).toBeNull();
  });

  it('refuses dates that do not exist instead of rolling them over', () => {
    expect(() => mergeContent(base, { validUntil: '2026-02-30' })).toThrow(/is not a date/);
    expect(() => mergeContent(base, { validUntil: '2026-13-01' })).toThrow(/is not a date/);
    expect(mergeContent(base, { validUntil: '2028-02-29' }).validUntil).toBe('2028-02-29T00:00:00.000Z');
  });
});
