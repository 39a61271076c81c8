import { WorkbenchError } from '../errors';
import { retryDelayMs } from './backoff';
import type { SyncContext } from './sync-context';
import { TaxiiError } from './taxii-error';

/**
 * Runs one request, retrying retryable failures (5xx, 429, timeouts, dropped connections, malformed
 * answers) with backoff and the server's Retry-After, up to the run's attempt budget. `onFailure` sees
 * each failed attempt (the outbox records it). The last error is rethrown.
 */
export async function withRetries<T>(ctx: SyncContext, request: () => Promise<T>, onFailure?: (error: TaxiiError, attempt: number, delayMs: number) => void): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    throwIfCancelled(ctx.signal);
    try {
      return await request();
    } catch (error) {
      throwIfCancelled(ctx.signal);
      if (!(error instanceof TaxiiError)) throw error;
      const delay = retryDelayMs(attempt, ctx.random, error.details.retryAfterMs);
      onFailure?.(error, attempt, delay);
      if (!error.retryable || attempt >= ctx.attemptsPerRun) throw error;
      await ctx.sleep(delay, ctx.signal);
    }
  }
}

export function throwIfCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new WorkbenchError('CANCELLED', 'Sync cancelled: what was committed stays; the rest goes next time.');
}
