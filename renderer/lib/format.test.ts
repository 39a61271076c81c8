import { describe, expect, it } from 'vitest';
import { formatBytes, formatMinutes, formatTimestamp } from './format';
import { createThrottle } from './throttle';

describe('formatters', () => {
  it('formats byte sizes in binary units', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(1536)).toBe('1.5 KiB');
    expect(formatBytes(5 * 1024 * 1024)).toBe('5.0 MiB');
    expect(formatBytes(-1)).toBe('—');
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
