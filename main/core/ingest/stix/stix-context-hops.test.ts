import { describe, expect, it } from 'vitest';
import type { IngestContextUpdate, StixIngestItem } from './context-update';
import { parseStix } from './parse-stix';

// A Unit 42-style bundle: the report comes first and the indicator last, so every name, relationship
// and the report's metadata must survive until the end of the stream.
const T = '2024-05-02T09:00:00.000Z';
const base = { spec_version: '2.1', created: T, modified: T };
const ids = {
  indicator: 'indicator--6a3c1f0e-2b7d-4c8e-9f10-1a2b3c4d5e6f',
  malware: 'malware--0f1e2d3c-4b5a-4968-8776-655443322110',
  attack: 'attack-pattern--b8c5c9dd-a662-479d-9428-ae745872537c',
  campaign: 'campaign--3c2b1a09-8f7e-4d6c-9b5a-4f3e2d1c0b9a',
  set: 'intrusion-set--9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d',
  report: 'report--7e6d5c4b-3a29-4180-9f7e-6d5c4b3a2918',
};
const bundle = {
  type: 'bundle',
  id: 'bundle--11111111-2222-4333-8444-555555555555',
  objects: [
    {
      ...base, type: 'report', id: ids.report, name: 'Dharma ransomware returns', published: '2024-05-01T12:00:00Z',
      report_types: ['threat-report'], object_refs: [ids.indicator, ids.malware],
      external_references: [{ source_name: 'unit42', url: 'https://unit42.example/dharma-returns' }],
    },
    { ...base, type: 'relationship', id: 'relationship--a1a1a1a1-b2b2-4c3c-8d4d-e5e5e5e5e5e5', relationship_type: 'uses', source_ref: ids.malware, target_ref: ids.attack },
    { ...base, type: 'relationship', id: 'relationship--c1c1c1c1-d2d2-4e3e-8f4f-a5a5a5a5a5a5', relationship_type: 'attributed-to', source_ref: ids.campaign, target_ref: ids.set },
    {
      ...base, type: 'attack-pattern', id: ids.attack, name: 'Data Encrypted for Impact',
      external_references: [{ source_name: 'mitre-attack', external_id: 'T1486', url: 'https://attack.mitre.org/techniques/T1486' }],
    },
    { ...base, type: 'malware', id: ids.malware, name: 'Dharma', is_family: true },
    { ...base, type: 'campaign', id: ids.campaign, name: 'Operation Slow Drip' },
    { ...base, type: 'intrusion-set', id: ids.set, name: 'Crystal Sand' },
    { ...base, type: 'relationship', id: 'relationship--e1e1e1e1-f2f2-4a3a-8b4b-c5c5c5c5c5c5', relationship_type: 'indicates', source_ref: ids.indicator, target_ref: ids.malware },
    { ...base, type: 'relationship', id: 'relationship--f1f1f1f1-a2a2-4b3b-8c4c-d5d5d5d5d5d5', relationship_type: 'indicates', source_ref: ids.indicator, target_ref: ids.campaign },
    {
      ...base, type: 'indicator', id: ids.indicator, name: 'Dharma payload', pattern_type: 'stix', valid_from: T,
      pattern: "[file:hashes.'SHA-256' = 'd6e3a9f1c2b4a5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e']",
    },
  ],
};

async function contextOf(externalId: string): Promise<IngestContextUpdate['context']> {
  const items: StixIngestItem[] = [];
  for await (const item of parseStix((async function* () { yield Buffer.from(JSON.stringify(bundle)); })(), { fileName: 'dharma.json' })) items.push(item);
  return items.flatMap((i) => (i.kind === 'context' && i.update.externalId === externalId ? i.update.context ?? [] : []));
}

describe('STIX context one and two hops out (issue #17.6)', () => {
  it('names the malware, its attack pattern by ATT&CK id, the campaign and its intrusion set', async () => {
    const context = await contextOf(ids.indicator);
    expect(context).toContainEqual({ kind: 'malware', name: 'Dharma', ref: ids.malware, detail: 'indicates' });
    expect(context).toContainEqual({ kind: 'attack-pattern', name: 'T1486 Data Encrypted for Impact', ref: ids.attack, detail: 'via Dharma: Dharma uses T1486 Data Encrypted for Impact' });
    expect(context).toContainEqual({ kind: 'campaign', name: 'Operation Slow Drip', ref: ids.campaign, detail: 'indicates' });
    expect(context).toContainEqual({ kind: 'intrusion-set', name: 'Crystal Sand', ref: ids.set, detail: 'via Operation Slow Drip: Operation Slow Drip attributed-to Crystal Sand' });
  });

  it("keeps the report's name, published date and references as text", async () => {
    const context = await contextOf(ids.indicator);
    expect(context).toContainEqual({
      kind: 'other', name: 'Dharma ransomware returns', ref: ids.report,
      detail: 'report; published: 2024-05-01; references: https://unit42.example/dharma-returns',
    });
  });

  it('does not repeat an object reached both directly and through another', async () => {
    const context = (await contextOf(ids.indicator)) ?? [];
    expect(context.filter((item) => item.ref === ids.malware)).toHaveLength(1);
  });
});
