/**
 * Times `small` and `large` alternately, `runs` times each, and returns the fastest timing of each in ms.
 * Growth checks (linear, not quadratic) compare the two. On a loaded CI machine a single timing can
 * include a descheduling or a GC pause several times the work itself; the fastest of a few runs is the
 * work's own cost, and alternating puts both sizes under the same spells of contention.
 */
export async function fastestTimings(small: () => unknown, large: () => unknown, runs = 3): Promise<{ small: number; large: number }> {
  const fastest = { small: Infinity, large: Infinity };
  for (let i = 0; i < runs; i++) {
    for (const [size, work] of [['small', small], ['large', large]] as const) {
      const started = performance.now();
      await work();
      fastest[size] = Math.min(fastest[size], performance.now() - started);
    }
  }
  return fastest;
}
