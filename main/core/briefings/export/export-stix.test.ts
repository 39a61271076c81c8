import { describe, expect, it } from 'vitest';
import { INDICATOR_SAMPLES, indicator, sampleBriefing } from '../../../../test/helpers/briefing-export-sample';
import { stixBundleErrors, stixObjectErrors } from '../../../../test/helpers/stix-schemas';
import { INDICATOR_TYPES } from '../../indicators/indicator-type';
import { TLP_LEVELS } from '../../ingest/ingest-record';
import { exportBriefing } from './export-briefing';

interface Bundle { type: string; id: string; objects: Array<Record<string, unknown> & { id: string; type: string }> }

async function stixOf(input = sampleBriefing(), tlpMax: (typeof TLP_LEVELS)[number] = 'amber'): Promise<Bundle> {
  const result = await exportBriefing(input, { format: 'stix', tlpMax });
  expect(result.mediaType).toBe('application/stix+json;version=2.1');
  return JSON.parse(new TextDecoder().decode(result.bytes)) as Bundle;
}

describe('STIX export', () => {
  it('validates against the official STIX 2.1 schemas, with every indicator type and every marking', async () => {
    const input = sampleBriefing({
      tlp: 'clear',
      indicators: INDICATOR_TYPES.map((type, n) => indicator(`i-${type}`, type, INDICATOR_SAMPLES[type], TLP_LEVELS[n % TLP_LEVELS.length]!, 'malicious')),
    });
    const bundle = await stixOf(input, 'red');
    expect(stixObjectErrors(bundle.objects)).toEqual({});
    expect(stixBundleErrors(bundle)).toEqual([]);
    expect(bundle.objects.filter((o) => o.type === 'indicator')).toHaveLength(INDICATOR_TYPES.length);
  });

  it('has a report referring to every included object, created by the producer identity', async () => {
    const bundle = await stixOf();
    const report = bundle.objects.find((o) => o.type === 'report')!;
    const identity = bundle.objects.find((o) => o.type === 'identity')!;
    expect(identity.name).toBe('Northbridge CERT');
    expect(report.created_by_ref).toBe(identity.id);
    const contained = bundle.objects.filter((o) => o.type !== 'report' && o.type !== 'marking-definition').map((o) => o.id);
    expect([...(report.object_refs as string[])].sort()).toEqual(contained.sort());
    expect(bundle.objects.filter((o) => o.type === 'indicator').every((o) => o.created_by_ref === identity.id)).toBe(true);
    // Every marking referred to is defined in the bundle.
    const defined = new Set(bundle.objects.filter((o) => o.type === 'marking-definition').map((o) => o.id));
    const referred = bundle.objects.flatMap((o) => (o.object_marking_refs as string[] | undefined) ?? []);
    expect(referred.filter((id) => !defined.has(id))).toEqual([]);
  });

  it('leaves out what is above the ceiling: sections, indicators and their markings', async () => {
    const bundle = await stixOf(sampleBriefing(), 'amber');
    const report = bundle.objects.find((o) => o.type === 'report')!;
    expect(report.description).toContain('## Infrastructure (TLP:AMBER)');
    expect(report.description).not.toContain('Source handling');
    // The report carries its amber section, so it is marked amber although the document is green.
    expect(report.object_marking_refs).toEqual(['marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421', 'marking-definition--f88d31f6-486f-44da-b317-01333bde0b82']);
    const patterns = bundle.objects.filter((o) => o.type === 'indicator').map((o) => o.pattern as string);
    expect(patterns.some((p) => p.includes('payroll@hr-notice.example') || p.includes(INDICATOR_SAMPLES.sha256))).toBe(false);
    const ids = bundle.objects.filter((o) => o.type === 'marking-definition').map((o) => o.name);
    expect(ids).not.toContain('TLP:RED');
    expect(ids).not.toContain('TLP:AMBER+STRICT');
  });

  it('writes attack-patterns with their ATT&CK reference and tactics', async () => {
    const bundle = await stixOf();
    const spear = bundle.objects.find((o) => o.type === 'attack-pattern' && o.name === 'Spearphishing Attachment')!;
    expect(spear.external_references).toEqual([{ source_name: 'mitre-attack', external_id: 'T1566.001', url: 'https://attack.mitre.org/techniques/T1566/001/' }]);
    expect(spear.kill_chain_phases).toEqual([{ kill_chain_name: 'mitre-attack', phase_name: 'initial-access' }]);
    const bare = bundle.objects.find((o) => o.type === 'attack-pattern' && o.name === 'T1059')!;
    expect(bare.external_references).toEqual([{ source_name: 'mitre-attack', external_id: 'T1059', url: 'https://attack.mitre.org/techniques/T1059/' }]);
  });

  it('keeps ids and bytes across re-exports; an edit keeps the ids and gives a later modified', async () => {
    const first = await exportBriefing(sampleBriefing(), { format: 'stix', tlpMax: 'amber' });
    const again = await exportBriefing(sampleBriefing(), { format: 'stix', tlpMax: 'amber' });
    expect(Buffer.from(again.bytes).equals(Buffer.from(first.bytes))).toBe(true);
    const before = await stixOf();
    const after = await stixOf(sampleBriefing({ title: 'Edited title', modified: '2026-03-05T08:00:00.000Z', version: 4 }));
    const reportBefore = before.objects.find((o) => o.type === 'report')!;
    const reportAfter = after.objects.find((o) => o.type === 'report')!;
    expect(reportAfter.id).toBe(reportBefore.id);
    expect(reportAfter.modified as string > (reportBefore.modified as string)).toBe(true);
    expect(after.objects.filter((o) => o.type === 'indicator').map((o) => o.id)).toEqual(before.objects.filter((o) => o.type === 'indicator').map((o) => o.id));
    expect(after.objects.filter((o) => o.type === 'indicator').every((o) => o.modified === '2026-03-05T08:00:00.000Z')).toBe(true);
  });
});

describe('STIX export of a valid-until', () => {
  it('writes a plain date or an offset as a STIX timestamp, so the bundle still validates', async () => {
    for (const validUntil of ['2026-09-01', '2026-09-01T12:00:00+02:00']) {
      const bundle = await stixOf(sampleBriefing({ validUntil }));
      const indicators = bundle.objects.filter((o) => o.type === 'indicator');
      expect(indicators.map((o) => o.valid_until)).toEqual(indicators.map(() => (validUntil === '2026-09-01' ? '2026-09-01T00:00:00.000Z' : '2026-09-01T10:00:00.000Z')));
      expect(stixObjectErrors(bundle.objects)).toEqual({});
    }
  });
});
