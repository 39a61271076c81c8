import { describe, expect, it } from 'vitest';
import { mergeBodySections, sectionsFromMarkdown } from './body-sections';

const strip = (sections: ReturnType<typeof sectionsFromMarkdown>) => sections.map(({ id: _id, ...s }) => s);

describe('sectionsFromMarkdown', () => {
  it('cuts at level-2 headings outside code fences and reads a section marking from the heading', () => {
    const body = ['Intro line.', '', '## Infrastructure [TLP:RED]', 'C2 at 203.0.113.9', '```', '## not a heading', '```', '### Sub', '## Recommended actions ##', 'Block.'].join('\n');
    expect(strip(sectionsFromMarkdown(body, 'amber'))).toEqual([
      { heading: '', bodyMarkdown: 'Intro line.', tlp: 'amber' },
      { heading: 'Infrastructure', bodyMarkdown: 'C2 at 203.0.113.9\n```\n## not a heading\n```\n### Sub', tlp: 'red' },
      { heading: 'Recommended actions', bodyMarkdown: 'Block.', tlp: 'amber' },
    ]);
  });

  it('keeps an unknown marking word as part of the heading', () => {
    expect(strip(sectionsFromMarkdown('## Notes [TLP:PURPLE]\nx', 'green'))).toEqual([{ heading: 'Notes [TLP:PURPLE]', bodyMarkdown: 'x', tlp: 'green' }]);
  });

  it('fills template sections by heading and appends the rest', () => {
    const template = [
      { id: 'a', heading: 'Infrastructure', bodyMarkdown: '', tlp: 'amber' as const },
      { id: 'b', heading: 'Indicators', bodyMarkdown: '', tlp: 'amber' as const },
    ];
    const merged = mergeBodySections(template, sectionsFromMarkdown('## infrastructure\nVPS fleet\n## Timeline\nMonday', 'green'));
    expect(merged.map((s) => [s.id.length > 0, s.heading, s.bodyMarkdown, s.tlp])).toEqual([
      [true, 'Infrastructure', 'VPS fleet', 'green'],
      [true, 'Indicators', '', 'amber'],
      [true, 'Timeline', 'Monday', 'green'],
    ]);
  });
});
