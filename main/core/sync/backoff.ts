/** Retry timing for sync: exponential backoff with jitter, and the server's Retry-After first. */
export interface BackoffPolicy {
  baseMs: number;
  capMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 1_000, capMs: 15 * 60_000 };

/**
 * Delay before attempt `attempt + 1` (attempt counts from 1). "Equal jitter": half the exponential delay
 * is fixed, half random, so clients that failed together do not retry together, and none retries at
 * once. A Retry-After from the server (429/503) is a floor: retrying earlier would only be refused.
 */
export function retryDelayMs(attempt: number, random: () => number, retryAfterMs?: number, policy: BackoffPolicy = DEFAULT_BACKOFF): number {
  const exponential = Math.min(policy.capMs, policy.baseMs * 2 ** Math.max(0, attempt - 1));
  const jittered = exponential / 2 + (exponential / 2) * random();
  return Math.round(Math.max(jittered, retryAfterMs ?? 0));
}
