import { describe, expect, it } from 'vitest';
import { recordToIndicator } from './record-to-indicator';

describe('recordToIndicator', () => {
  it('never stores a last sighting before the first (a feed giving a day for one and a time for the other)', () => {
    const out = recordToIndicator(
      { type: 'ipv4', value: '203.0.113.7', location: 'line 2', firstSeen: '2024-04-04T07:03:03Z', lastSeen: '2024-04-04' },
      'amber',
    );
    expect(out.ok && [out.indicator.firstSeen, out.indicator.lastSeen]).toEqual(['2024-04-04T07:03:03.000Z', '2024-04-04T07:03:03.000Z']);
    const later = recordToIndicator({ type: 'ipv4', value: '203.0.113.7', location: 'line 3', firstSeen: '2024-04-01', lastSeen: '2024-04-04' }, 'amber');
    expect(later.ok && later.indicator.lastSeen).toBe('2024-04-04T00:00:00.000Z');
  });
});
