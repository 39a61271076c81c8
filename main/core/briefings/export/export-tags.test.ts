import { describe, expect, it } from 'vitest';
import { indicator, sampleBriefing } from '../../../../test/helpers/briefing-export-sample';
import { exportBriefing } from './export-briefing';

/** An amber indicator still carrying the tlp:clear tag of the feed it came from, before triage raised it. */
const input = sampleBriefing({
  tlp: 'amber',
  indicators: [{ ...indicator('i-1', 'domain', 'raised.example', 'amber', 'malicious'), tags: ['tlp:clear', 'TLP: GREEN', 'apt-x', 'not-tlp:red'] }],
});

const text = async (format: 'misp' | 'stix' | 'csv'): Promise<string> => new TextDecoder().decode((await exportBriefing(input, { format, tlpMax: 'amber' })).bytes);

describe('indicator tags in exports', () => {
  it('gives a MISP attribute one tlp tag, its marking, and keeps the other tags', async () => {
    const event = JSON.parse(await text('misp')) as { Event: { Attribute: Array<{ Tag: Array<{ name: string }> }> } };
    expect(event.Event.Attribute[0]!.Tag.map((t) => t.name)).toEqual(['tlp:amber', 'apt-x', 'not-tlp:red']);
  });

  it('writes no tlp label on a STIX indicator and no tlp tag in the CSV', async () => {
    const bundle = JSON.parse(await text('stix')) as { objects: Array<{ type: string; labels?: string[] }> };
    expect(bundle.objects.find((o) => o.type === 'indicator')!.labels).toEqual(['apt-x', 'not-tlp:red']);
    expect((await text('csv')).split('\r\n')[1]).toMatch(/,apt-x;not-tlp:red$/);
  });
});
