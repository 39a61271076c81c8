import { describe, expect, it } from 'vitest';
import type { BriefingContent, BriefingIndicator, TlpLevel } from '../../../preload/contract';
import { editorMarking } from './briefing-marking';

const content = (tlp: TlpLevel, sections: TlpLevel[]): BriefingContent => ({
  title: 'Wave 2',
  summary: '',
  tlp,
  sections: sections.map((level, index) => ({ id: `s${index}`, heading: `Part ${index + 1}`, bodyMarkdown: '', tlp: level })),
  authors: [],
  distribution: [],
  techniques: [],
  references: [],
  validUntil: null,
});

const indicator = (id: number, tlp: TlpLevel): BriefingIndicator => ({
  id,
  type: 'domain',
  value: `host${id}.example`,
  tlp,
  status: 'malicious',
  confidence: null,
  sightings: 1,
  firstSeen: null,
  lastSeen: null,
  tags: [],
});

describe('the marking an export would carry', () => {
  it('is the document marking when nothing inside is higher', () => {
    expect(editorMarking(content('amber', ['green', 'amber']), { indicators: [indicator(1, 'clear')], indicatorCount: 1, marking: 'amber' })).toEqual({
      level: 'amber',
      raisedBy: [],
    });
  });

  it('is raised by a section or an indicator, and says which', () => {
    const marking = editorMarking(content('green', ['green', 'red']), { indicators: [indicator(1, 'amber'), indicator(2, 'amber')], indicatorCount: 2, marking: 'red' });
    expect(marking.level).toBe('red');
    expect(marking.raisedBy).toEqual(['section “Part 2” (TLP:RED)', '2 indicators']);
  });

  it('counts unlisted attachments through the core marking, and follows a section lowered while typing', () => {
    expect(editorMarking(content('green', []), { indicators: [indicator(1, 'green')], indicatorCount: 900, marking: 'amber+strict' })).toEqual({
      level: 'amber+strict',
      raisedBy: ['attached indicators'],
    });
    // The core still says RED (the section was RED when stored); everything is listed, so the typed GREEN wins.
    expect(editorMarking(content('green', ['green']), { indicators: [], indicatorCount: 0, marking: 'red' }).level).toBe('green');
  });
});
