import { describe, expect, it } from 'vitest';
import { retryDelayMs } from './backoff';

describe('retryDelayMs', () => {
  it('doubles per attempt between half and all of the exponential delay, up to the cap', () => {
    const policy = { baseMs: 100, capMs: 1_000 };
    expect([1, 2, 3].map((a) => retryDelayMs(a, () => 0, undefined, policy))).toEqual([50, 100, 200]);
    expect([1, 2, 3].map((a) => retryDelayMs(a, () => 1, undefined, policy))).toEqual([100, 200, 400]);
    expect(retryDelayMs(20, () => 1, undefined, policy)).toBe(1_000);
  });

  it('never retries before the server said to', () => {
    expect(retryDelayMs(1, () => 0.5, 30_000)).toBe(30_000);
    expect(retryDelayMs(12, () => 1, 2_000, { baseMs: 1_000, capMs: 60_000 })).toBe(60_000);
  });
});
