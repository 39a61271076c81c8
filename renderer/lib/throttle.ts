/**
 * Returns a gate that opens at most once per interval. The clock is injected so tests need no sleeps.
 * The window starts closed: the caller has just told the core about activity (for example by unlocking).
 */
export function createThrottle(intervalMs: number, now: () => number = Date.now): () => boolean {
  let last = now();
  return () => {
    const current = now();
    if (current - last < intervalMs) return false;
    last = current;
    return true;
  };
}
