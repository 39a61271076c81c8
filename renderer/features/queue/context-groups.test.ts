import { describe, expect, it } from 'vitest';
import { groupContext, type ContextRow } from './context-groups';

// Rows as the ingest stores them for a Dharma hash from a STIX report and a MISP event.
const rows: ContextRow[] = [
  { kind: 'malware', name: 'Dharma', ref: 'malware--0f1e', detail: 'indicates' },
  { kind: 'attack-pattern', name: 'T1486 Data Encrypted for Impact', ref: 'attack-pattern--b8c5', detail: 'via Dharma: Dharma uses T1486 Data Encrypted for Impact' },
  { kind: 'intrusion-set', name: 'Crystal Sand', ref: 'intrusion-set--9a8b', detail: 'via Operation Slow Drip: Operation Slow Drip attributed-to Crystal Sand' },
  { kind: 'other', name: 'Dharma ransomware returns', ref: 'report--7e6d', detail: 'report; published: 2024-05-01; references: https://unit42.example/dharma-returns' },
  { kind: 'other', name: 'AsyncRAT C2 servers, May 2024', ref: '5f1c9a3e', detail: 'MISP event' },
  { kind: 'other', name: 'not for detection', ref: '', detail: 'MISP to_ids is false' },
  { kind: 'other', name: 'reported false positive', ref: '', detail: '2 MISP false-positive sighting(s)' },
  { kind: 'other', name: 'CIRCL', ref: '', detail: 'source organisation' },
];

describe('groupContext (issue #17.6)', () => {
  it('separates direct and second-hop relationships, reports with named fields, and MISP flags', () => {
    const groups = groupContext(rows);
    expect(groups.direct.map((r) => r.name)).toEqual(['Dharma']);
    expect(groups.secondHop.map((r) => [r.name, r.via, r.how])).toEqual([
      ['T1486 Data Encrypted for Impact', 'Dharma', 'Dharma uses T1486 Data Encrypted for Impact'],
      ['Crystal Sand', 'Operation Slow Drip', 'Operation Slow Drip attributed-to Crystal Sand'],
    ]);
    expect(groups.reports).toEqual([
      { name: 'Dharma ransomware returns', what: 'report', fields: [{ label: 'published', value: '2024-05-01' }, { label: 'references', value: 'https://unit42.example/dharma-returns' }] },
      { name: 'AsyncRAT C2 servers, May 2024', what: 'MISP event', fields: [] },
    ]);
    expect(groups.flags).toEqual([
      { label: 'to_ids', value: 'false (MISP to_ids is false)', pivot: 'not for detection' },
      { label: 'False-positive sightings', value: '2 MISP false-positive sighting(s)', pivot: 'reported false positive' },
    ]);
    expect(groups.other.map((r) => r.name)).toEqual(['CIRCL']);
  });

  it('reads a report stored before its metadata was kept as a report without fields', () => {
    expect(groupContext([{ kind: 'other', name: 'Old report', ref: 'report--1', detail: 'report' }]).reports).toEqual([{ name: 'Old report', what: 'report', fields: [] }]);
  });
});
