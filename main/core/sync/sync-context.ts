import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { SyncProfileSecrets } from './sync-profiles';
import type { TaxiiClient } from './taxii-client';

/** Where a run is, for progress lines and the Sync screen. */
export interface SyncProgress {
  profile: string;
  phase: 'connect' | 'pull' | 'push' | 'done';
  collection?: string;
  pulled: number;
  pushed: number;
  /** Versions still in the outbox for this profile. */
  queued: number;
}

/** What every step of one profile's run shares. Time, randomness and waiting are injected for tests. */
export interface SyncContext {
  db: Database;
  profile: SyncProfileSecrets;
  client: TaxiiClient;
  apiRoot: string;
  maxContentLength: number;
  actor: string;
  now: () => Date;
  random: () => number;
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  signal?: AbortSignal;
  /** Ignore next_attempt_at: the analyst asked for this run. */
  force: boolean;
  /** Attempts per request within one run before leaving the rest to the next run. */
  attemptsPerRun: number;
  /** Objects per GET page asked of the server. */
  pageLimit: number;
  progress: SyncProgress;
  report(): void;
}

/** Waits `ms`, or rejects as soon as `signal` aborts. */
export function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason as Error);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason as Error);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
