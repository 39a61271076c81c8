import { describe, expect, it } from 'vitest';
import { INDICATOR_SAMPLES, indicator, sampleBriefing } from '../../../../test/helpers/briefing-export-sample';
import { canonicalize } from '../../indicators/canonicalize';
import { INDICATOR_TYPES, type IndicatorType } from '../../indicators/indicator-type';
import type { IngestRecord } from '../../ingest/ingest-record';
import { parseMisp } from '../../ingest/misp/parse-misp';
import { TRIAGE_STATUSES } from '../../triage/triage-model';
import { exportBriefing } from './export-briefing';

async function importBack(bytes: Uint8Array): Promise<IngestRecord[]> {
  const records: IngestRecord[] = [];
  for await (const item of parseMisp((async function* () { yield bytes; })(), { fileName: 'export.json' })) if (item.kind === 'record') records.push(item.record);
  return records;
}

function canonical(type: IndicatorType | null, value: string): [string, string] {
  const result = canonicalize(type!, value);
  if (!result.ok) throw new Error(`${type} ${value}: ${result.reason}`);
  return [result.type, result.value];
}

describe('MISP export', () => {
  it('round-trips through our MISP importer to the same indicators, to_ids and (never looser) TLP', async () => {
    const input = sampleBriefing({
      tlp: 'green',
      indicators: INDICATOR_TYPES.map((type, n) => indicator(`i-${type}`, type, INDICATOR_SAMPLES[type], n % 2 === 0 ? 'green' : 'amber', TRIAGE_STATUSES[n % TRIAGE_STATUSES.length]!)),
    });
    const result = await exportBriefing(input, { format: 'misp', tlpMax: 'amber' });
    const records = await importBack(result.bytes);
    expect(records.map((r) => canonical(r.type, r.value))).toEqual(input.indicators.map((i) => canonical(i.type, i.value)));
    expect(records.map((r) => r.toIds)).toEqual(input.indicators.map((i) => i.status === 'malicious' || i.status === 'suspicious'));
    // The event carries the export's marking, which MISP applies to every attribute.
    expect(new Set(records.map((r) => r.tlp))).toEqual(new Set([result.marking]));
  });

  it('writes an event a MISP instance accepts: info, date, levels, tags and typed attributes', async () => {
    const result = await exportBriefing(sampleBriefing(), { format: 'misp', tlpMax: 'amber' });
    const { Event } = JSON.parse(new TextDecoder().decode(result.bytes)) as { Event: Record<string, unknown> & { Attribute: Array<Record<string, unknown>>; Tag: Array<{ name: string }> } };
    expect(Event).toMatchObject({ info: 'Cyber Activity Report: ShadowPad loader campaign', date: '2026-03-04', threat_level_id: '4', analysis: '2', distribution: '0', published: false });
    expect(Event.uuid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(Event.Tag.map((t) => t.name)).toEqual([
      'tlp:amber',
      'misp-galaxy:mitre-attack-pattern="Spearphishing Attachment - T1566.001"',
      'misp-galaxy:mitre-attack-pattern="Web Protocols - T1071.001"',
      'misp-galaxy:mitre-attack-pattern="T1059"',
    ]);
    expect(Event.Attribute.map((a) => [a.type, a.category, a.to_ids])).toEqual([
      ['ip-dst', 'Network activity', true],
      ['domain', 'Network activity', true],
      ['url', 'Network activity', true],
      ['filename', 'Payload delivery', false],
      ['mutex', 'Artifacts dropped', false],
    ]);
    expect(Event.Attribute[0]!.Tag).toEqual([{ name: 'tlp:green' }, { name: 'shadowpad' }]);
    expect(JSON.stringify(Event)).not.toContain('payroll@hr-notice.example');
  });
});
