import { describe, expect, it } from 'vitest';
import { countActiveFilters, EMPTY_FORM, fromQueueFilter, toQueueFilter, type FilterForm } from './filter-form';

describe('filter form', () => {
  it('sends nothing for an empty bar', () => {
    expect(toQueueFilter(EMPTY_FORM)).toEqual({});
    expect(countActiveFilters(EMPTY_FORM)).toBe(0);
  });

  it('turns every field into a condition, with inclusive date ends', () => {
    const form: FilterForm = {
      ...EMPTY_FORM,
      text: '  evil ',
      type: 'domain',
      status: 'new',
      tlpOp: '<=',
      tlp: 'amber',
      source: ' vendor feed ',
      tag: 'apt',
      confidenceMin: '50',
      confidenceMax: '90',
      firstSeenFrom: '2026-01-01',
      lastSeenTo: '2026-02-28',
      warninglist: 'no',
    };
    expect(toQueueFilter(form)).toEqual({
      text: 'evil',
      conditions: [
        { field: 'type', op: '=', value: 'domain' },
        { field: 'status', op: '=', value: 'new' },
        { field: 'tlp', op: '<=', value: 'amber' },
        { field: 'source', op: '=', value: 'vendor feed' },
        { field: 'tag', op: '=', value: 'apt' },
        { field: 'confidence', op: '>=', value: 50 },
        { field: 'confidence', op: '<=', value: 90 },
        { field: 'first_seen', op: '>=', value: '2026-01-01' },
        { field: 'last_seen', op: '<', value: '2026-03-01' },
        { field: 'warninglist', op: '=', value: 'no' },
      ],
    });
    expect(countActiveFilters(form)).toBe(11);
  });

  it('leaves out malformed numbers and dates', () => {
    expect(toQueueFilter({ ...EMPTY_FORM, confidenceMin: '101', confidenceMax: 'x', firstSeenFrom: '2026-13-45' })).toEqual({});
  });

  it('reads back what it wrote (saved views)', () => {
    const form: FilterForm = { ...EMPTY_FORM, type: 'url', tlp: 'red', confidenceMax: '20', lastSeenFrom: '2026-03-01', lastSeenTo: '2026-03-31', warninglist: 'yes', text: 'gate' };
    expect(fromQueueFilter(toQueueFilter(form))).toEqual(form);
  });

  it('filters by briefing: in any, in none, or in one (opened from that briefing)', () => {
    expect(toQueueFilter({ ...EMPTY_FORM, inBriefing: 'yes' })).toEqual({ conditions: [{ field: 'in_briefing', op: '=', value: 'yes' }] });
    expect(toQueueFilter({ ...EMPTY_FORM, inBriefing: '12' })).toEqual({ conditions: [{ field: 'in_briefing', op: '=', value: 12 }] });
    expect(toQueueFilter({ ...EMPTY_FORM, inBriefing: 'later' })).toEqual({});
    for (const inBriefing of ['no', '12']) expect(fromQueueFilter(toQueueFilter({ ...EMPTY_FORM, inBriefing }))).toEqual({ ...EMPTY_FORM, inBriefing });
  });
});
