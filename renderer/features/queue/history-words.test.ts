import { describe, expect, it } from 'vitest';
import { describeAction, describeChange } from './DetailSections';

describe('triage history in words (issue #17.10: "indicators.bulk-undo changeId → 5")', () => {
  it('names actions and fields in words, TLP by its label', () => {
    expect(describeAction('indicators.bulk-undo')).toBe('undid a change');
    expect(describeAction('indicators.bulk-triage')).toBe('changed');
    expect(describeAction('indicators.import')).toBe('imported');
    expect(describeChange({ action: 'indicators.bulk-undo', after: { changeId: 5, count: 2, kept: 0 } })).toBe('number 5: 2 indicators restored');
    expect(describeChange({ action: 'indicators.bulk-triage', after: { change: { status: 'malicious', tlp_rank: 4, addTags: ['c2'] }, count: 3 } })).toBe(
      'status → malicious, TLP → TLP:RED, tags added → c2 (with 2 others)',
    );
    expect(describeChange({ action: 'indicator.triage', after: { assignee_id: 2, notes: 'secret' } })).toBe('assignee → 2, note → edited');
  });
});
