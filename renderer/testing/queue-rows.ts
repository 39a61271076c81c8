import type { QueueRow } from '../../preload/contract';

/** A queue row for tests; position `i` gets id `i + 1` and a value naming it. */
export function queueRow(i: number, patch: Partial<QueueRow> = {}): QueueRow {
  return {
    id: i + 1,
    type: 'domain',
    value: `host-${i}.example`,
    display: null,
    status: 'new',
    tlp: 'amber',
    confidence: 50,
    severity: null,
    sourceReliability: null,
    infoCredibility: null,
    firstSeen: null,
    lastSeen: '2026-03-01T00:00:00.000Z',
    validUntil: null,
    sightings: 1,
    flags: [],
    assignee: null,
    tags: [],
    warninglists: [],
    ...patch,
  };
}
