import type { Timers } from '../../main/core/session';

/** A clock and timers the test moves by hand: no sleeps, no real time. */
export function fakeTimers(start = Date.parse('2026-11-28T09:00:00Z')): Timers & { now(): Date; advance(ms: number): void; pending(): number } {
  let now = start;
  let nextId = 1;
  const due = new Map<number, { at: number; callback: () => void }>();
  return {
    now: () => new Date(now),
    setTimeout(callback, ms) {
      const id = nextId++;
      due.set(id, { at: now + ms, callback });
      return id;
    },
    clearTimeout(handle) {
      due.delete(handle as number);
    },
    advance(ms) {
      const until = now + ms;
      for (;;) {
        const next = [...due.entries()].filter(([, t]) => t.at <= until).sort((a, b) => a[1].at - b[1].at)[0];
        if (!next) break;
        due.delete(next[0]);
        now = next[1].at;
        next[1].callback();
      }
      now = until;
    },
    pending: () => due.size,
  };
}
