import { describe, expect, it } from 'vitest';
import { formatBytes, formatCompactCount, formatMinutes, formatTimestamp } from './format';
import { createThrottle } from './throttle';

describe('formatters', () => {
  it('formats byte sizes in binary units', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(1536)).toBe('1.5 KiB');
    expect(formatBytes(5 * 1024 * 1024)).toBe('5.0 MiB');
    expect(formatBytes(-1)).toBe('—');
  });

  it('keeps counts exact below 100,000 and compact above, never wider than "99,999"', () => {
    expect(formatCompactCount(0)).toBe('0');
    expect(formatCompactCount(99_999)).toBe('99,999');
    expect(formatCompactCount(100_000)).toBe('100K');
    expect(formatCompactCount(123_456)).toBe('123.5K');
    expect(formatCompactCount(10_000_000)).toBe('10M');
    expect(formatCompactCount(2_345_678_901)).toBe('2.3B');
    for (const count of [0, 9, 99_999, 100_000, 999_949, 999_999, 1_234_567, 99_999_999, 1e12]) {
      expect(formatCompactCount(count).length, String(count)).toBeLessThanOrEqual(6);
    }
  });

  it('formats timestamps in UTC to the minute', () => {
    expect(formatTimestamp('2025-11-28T16:57:31.123Z')).toBe('2025-11-28 16:57 UTC');
    expect(formatTimestamp(null)).toBe('—');
    expect(formatTimestamp('not a date')).toBe('—');
  });

  it('pluralises minutes', () => {
    expect(formatMinutes(1)).toBe('1 minute');
    expect(formatMinutes(15)).toBe('15 minutes');
  });
});

describe('createThrottle', () => {
  it('opens at most once per interval, starting closed', () => {
    let now = 1_000;
    const gate = createThrottle(30_000, () => now);
    expect(gate()).toBe(false);
    now += 29_999;
    expect(gate()).toBe(false);
    now += 1;
    expect(gate()).toBe(true);
    expect(gate()).toBe(false);
    now += 30_000;
    expect(gate()).toBe(true);
  });
});
