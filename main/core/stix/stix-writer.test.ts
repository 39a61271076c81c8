import { describe, expect, it } from 'vitest';
import { stixBundleErrors, stixObjectErrors } from '../../../test/helpers/stix-schemas';
import { INDICATOR_SAMPLES as SAMPLES } from '../../../test/helpers/briefing-export-sample';
import { INDICATOR_TYPES, type IndicatorType } from '../indicators/indicator-type';
import { TLP_LEVELS, type IngestRecord } from '../ingest/ingest-record';
import { parseStix } from '../ingest/stix/parse-stix';
import { extractPatternIndicators, parseStixPattern } from '../ingest/stix/pattern/index';
import { TLP_MARKING_IDS } from '../ingest/stix/tlp-markings';
import {
  escapePatternString, indicatorPattern, stixAttackPattern, stixBundle, stixIdentity, stixIndicator, stixReport,
  tlpMarkingDefinitions, tlpMarkingRefs, uuidV5,
} from './index';


/** What our importer makes of a type STIX cannot tell apart: a domain-name is a domain, an AS number is digits. */
function expectedOnImport(type: IndicatorType, value: string): [IndicatorType, string] {
  if (type === 'hostname') return ['domain', value];
  if (type === 'asn') return ['asn', value.replace(/^AS/, '')];
  return [type, value];
}

const T0 = '2026-03-01T10:00:00.000Z';
const T1 = '2026-03-02T11:30:00.000Z';

describe('indicatorPattern', () => {
  it.each(INDICATOR_TYPES)('writes a %s pattern our importer reads back to the same value', (type) => {
    const value = SAMPLES[type];
    const pattern = indicatorPattern(type, value);
    const { indicators, skipped } = extractPatternIndicators(parseStixPattern(pattern));
    expect(skipped).toEqual([]);
    expect(indicators.map((i) => [i.type, i.value])).toEqual([expectedOnImport(type, value)]);
  });

  it('escapes backslashes before quotes, as §9.3 requires', () => {
    expect(escapePatternString("a\\'b")).toBe("a\\\\\\'b");
    expect(indicatorPattern('sha256', SAMPLES.sha256)).toBe(`[file:hashes.'SHA-256' = '${SAMPLES.sha256}']`);
    expect(indicatorPattern('cidr', '2001:db8::/32')).toBe("[ipv6-addr:value = '2001:db8::/32']");
    expect(indicatorPattern('asn', 'AS64500')).toBe('[autonomous-system:number = 64500]');
  });
});

describe('ids', () => {
  it('is RFC 9562 UUIDv5 (the RFC 4122 appendix B vector)', () => {
    expect(uuidV5('www.example.com', '6ba7b810-9dad-11d1-80b4-00c04fd430c8')).toBe('2ed6657d-e927-568b-95e1-2665a8aea6a2');
  });

  it('keeps an indicator id across re-exports and changes it only with the value', () => {
    const a = stixIndicator({ type: 'ipv4', value: '198.51.100.23', tlp: 'green', created: T0, modified: T0 });
    const b = stixIndicator({ type: 'ipv4', value: '198.51.100.23', tlp: 'amber', created: T0, modified: T1 });
    const c = stixIndicator({ type: 'ipv4', value: '198.51.100.24', tlp: 'green', created: T0, modified: T0 });
    expect(b.id).toBe(a.id);
    expect(c.id).not.toBe(a.id);
    expect(b.modified).toBe(T1);
  });

  it('never writes a modified before created', () => {
    expect(stixIdentity({ name: 'CERT-X', identityClass: 'organization', created: T1, modified: T0 }).modified).toBe(T1);
  });
});

describe('TLP markings', () => {
  it('refers to the TLP 2.0 id, and the TLP 1.0 id where TLP 1.0 has the level', () => {
    for (const level of TLP_LEVELS) {
      const refs = tlpMarkingRefs(level);
      expect(refs.map((id) => TLP_MARKING_IDS[id])).toEqual(refs.map(() => level));
    }
    expect(tlpMarkingRefs('amber+strict')).toEqual(['marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003']);
    expect(tlpMarkingRefs('clear')).toEqual(['marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487', 'marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9']);
  });
});

function sampleBundle() {
  const identity = stixIdentity({ name: 'Northbridge CERT', identityClass: 'organization', created: T0, modified: T0 });
  const indicators = INDICATOR_TYPES.map((type, i) => stixIndicator({
    type, value: SAMPLES[type], tlp: TLP_LEVELS[i % TLP_LEVELS.length]!, created: T0, modified: T1, validUntil: '2026-09-01T00:00:00.000Z',
    confidence: 70, indicatorTypes: ['malicious-activity'], labels: ['phishing'], createdByRef: identity.id,
  }));
  const technique = stixAttackPattern({ attackId: 'T1566.001', name: 'Spearphishing Attachment', tactics: ['initial-access'], url: null, tlp: 'clear', created: T0, modified: T0, createdByRef: identity.id });
  const bare = stixAttackPattern({ attackId: 'T9999', name: null, tactics: [], url: null, tlp: 'green', created: T0, modified: T0 });
  const report = stixReport({
    key: 'briefing-1', name: 'CAR 2026-03', description: 'Summary', published: T1, created: T0, modified: T1, reportTypes: ['threat-report'],
    objectRefs: [identity.id, ...indicators.map((o) => o.id), technique.id, bare.id], tlp: 'red', createdByRef: identity.id,
    externalReferences: [{ source_name: 'vendor', url: 'https://vendor.example/report', description: 'the vendor report' }],
  });
  return stixBundle('briefing-1/v2', [...tlpMarkingDefinitions(TLP_LEVELS), identity, ...indicators, technique, bare, report]);
}

describe('written objects against the official STIX 2.1 schemas', () => {
  it('validates every object type the writer makes, each alone and in one bundle', () => {
    const bundle = sampleBundle();
    expect(new Set(bundle.objects.map((o) => o.type))).toEqual(new Set(['marking-definition', 'identity', 'indicator', 'attack-pattern', 'report']));
    expect(stixObjectErrors(bundle.objects)).toEqual({});
    expect(stixBundleErrors(bundle)).toEqual([]);
  });

  it('rejects what the schemas forbid (the validator is not a no-op)', () => {
    const bundle = sampleBundle();
    const broken = { ...bundle, objects: bundle.objects.map((o) => (o.type === 'indicator' ? { ...o, valid_from: 'yesterday' } : o)) };
    expect(stixBundleErrors(broken).length).toBeGreaterThan(0);
  });

  it('imports back through our STIX importer with the values and TLP it was written with', async () => {
    const bundle = sampleBundle();
    const bytes = Buffer.from(JSON.stringify(bundle));
    const records: IngestRecord[] = [];
    for await (const item of parseStix((async function* () { yield bytes; })(), { fileName: 'export.json' })) if (item.kind === 'record') records.push(item.record);
    const written = bundle.objects.filter((o) => o.type === 'indicator');
    expect(records.map((r) => [r.type, r.value, r.tlp])).toEqual(INDICATOR_TYPES.map((type, i) => [...expectedOnImport(type, SAMPLES[type]), TLP_LEVELS[i % TLP_LEVELS.length]]));
    expect(records.map((r) => r.externalId)).toEqual(written.map((o) => o.id));
  });
});
