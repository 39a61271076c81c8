import type { ImportProgress, ImportSummary } from './imports';
import type { ApiError } from './result';
import type { SyncProgress, SyncRunReport } from './sync';

/** Pushes from the core to the renderer; request/response never travels this way. */
export type LiaisonEvent =
  | { type: 'vault:locked'; reason: 'idle' | 'user' }
  | { type: 'vault:unlocked' }
  /** Something committed to the open vault (another process, another window, an import): views refetch. */
  | { type: 'vault:changed' }
  | { type: 'import:progress'; jobId: string; progress: ImportProgress }
  | { type: 'import:finished'; jobId: string; summary: ImportSummary }
  | { type: 'import:failed'; jobId: string; error: ApiError }
  | { type: 'sync:progress'; runId: string; progress: SyncProgress }
  | { type: 'sync:finished'; runId: string; reports: SyncRunReport[] }
  | { type: 'sync:failed'; runId: string; error: ApiError };

export const EVENT_CHANNEL = 'liaison:event';
