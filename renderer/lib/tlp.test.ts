import { describe, expect, it } from 'vitest';
import { highestTlp, tlpRank } from './tlp';

describe('TLP order', () => {
  it('ranks levels from least to most restrictive and finds the highest', () => {
    expect(tlpRank('clear')).toBeLessThan(tlpRank('green'));
    expect(tlpRank('amber')).toBeLessThan(tlpRank('amber+strict'));
    expect(highestTlp(['green', 'amber+strict', 'amber'])).toBe('amber+strict');
    expect(highestTlp([], 'green')).toBe('green');
    expect(highestTlp(['clear'], 'amber')).toBe('amber');
  });
});
