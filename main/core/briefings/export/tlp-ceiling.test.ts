import { describe, expect, it } from 'vitest';
import { sampleBriefing } from '../../../../test/helpers/briefing-export-sample';
import { BriefingExportError } from './export-error';
import { applyCeiling, exportMarking } from './tlp-ceiling';

describe('applyCeiling', () => {
  it('withholds the sections and indicators above the ceiling and says why', () => {
    const { included, withheld, marking } = applyCeiling(sampleBriefing(), 'amber');
    expect(included.sections.map((s) => s.id)).toEqual(['s-summary', 's-infra', 's-actions']);
    expect(included.indicators.map((i) => i.id)).toEqual(['i-1', 'i-2', 'i-3', 'i-6', 'i-7']);
    expect(withheld).toEqual([
      { kind: 'section', id: 's-source', tlp: 'red', reason: 'TLP:RED is above the export ceiling TLP:AMBER' },
      { kind: 'indicator', id: 'i-4', tlp: 'amber+strict', reason: 'TLP:AMBER+STRICT is above the export ceiling TLP:AMBER' },
      { kind: 'indicator', id: 'i-5', tlp: 'red', reason: 'TLP:RED is above the export ceiling TLP:AMBER' },
    ]);
    expect(marking).toBe('amber');
  });

  it('marks the export with the highest marking it contains, not with the ceiling', () => {
    const input = sampleBriefing({ tlp: 'clear' });
    expect(applyCeiling(input, 'green').marking).toBe('green');
    expect(applyCeiling(input, 'red').marking).toBe('red');
    expect(exportMarking({ ...input, sections: [], indicators: [] })).toBe('clear');
  });

  it('refuses a briefing whose own marking is above the ceiling', () => {
    expect(() => applyCeiling(sampleBriefing({ tlp: 'amber' }), 'green')).toThrow(BriefingExportError);
    expect(() => applyCeiling(sampleBriefing({ tlp: 'amber' }), 'green')).toThrow(/TLP:AMBER, above the export ceiling TLP:GREEN/);
  });

  it('orders amber+strict between amber and red', () => {
    const { withheld } = applyCeiling(sampleBriefing(), 'amber+strict');
    expect(withheld.map((w) => w.id)).toEqual(['s-source', 'i-5']);
  });
});
