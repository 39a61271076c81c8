import { describe, expect, it } from 'vitest';
import { fakeTimers } from '../../../test/helpers/fake-timers';
import { startIdleTimer } from './idle-timer';

describe('startIdleTimer', () => {
  it('fires once after the timeout without activity', () => {
    const timers = fakeTimers();
    let fired = 0;
    startIdleTimer(60_000, () => fired++, timers.now, timers);
    timers.advance(59_999);
    expect(fired).toBe(0);
    timers.advance(1);
    expect(fired).toBe(1);
    timers.advance(600_000);
    expect(fired).toBe(1);
  });

  it('restarts the countdown on touch and reports the new deadline', () => {
    const timers = fakeTimers();
    let fired = 0;
    const idle = startIdleTimer(60_000, () => fired++, timers.now, timers);
    timers.advance(50_000);
    const deadline = idle.touch();
    expect(deadline.getTime()).toBe(timers.now().getTime() + 60_000);
    timers.advance(50_000);
    expect(fired).toBe(0);
    timers.advance(10_000);
    expect(fired).toBe(1);
    expect(idle.deadline()).toBeNull();
  });

  it('never fires after stop', () => {
    const timers = fakeTimers();
    let fired = 0;
    const idle = startIdleTimer(1_000, () => fired++, timers.now, timers);
    idle.stop();
    timers.advance(10_000);
    expect(fired).toBe(0);
    expect(timers.pending()).toBe(0);
  });
});
