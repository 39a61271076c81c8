import { describe, expect, it } from 'vitest';
import { fakeTimers } from '../../../test/helpers/fake-timers';
import { FileGrants } from './file-grants';

const bytes = (n: number) => ({ kind: 'bytes' as const, name: 'upload.txt', bytes: new Uint8Array(n) });

describe('FileGrants', () => {
  // Issue #15 item 10: uploaded bytes of an unused grant stayed in memory until the next upload or import
  // happened to sweep them, possibly never.
  it('drops expired grants on a timer, with no later call needed', () => {
    const timers = fakeTimers();
    const grants = new FileGrants(timers.now, timers);
    grants.register([bytes(1024)]);
    timers.advance(5 * 60_000);
    const second = grants.register([bytes(1024)]);
    expect(grants.size()).toBe(2);
    timers.advance(10 * 60_000);
    expect(grants.size()).toBe(1);
    timers.advance(5 * 60_000);
    expect(grants.size()).toBe(0);
    expect(timers.pending()).toBe(0);
    expect(() => grants.take(second)).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
  });

  it('is single use, and clear() stops the timer', () => {
    const timers = fakeTimers();
    const grants = new FileGrants(timers.now, timers);
    const id = grants.register([bytes(1)]);
    expect(grants.take(id)).toHaveLength(1);
    expect(() => grants.take(id)).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
    grants.register([bytes(1)]);
    grants.clear();
    expect(timers.pending()).toBe(0);
  });
});
