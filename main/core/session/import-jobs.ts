import { randomBytes } from 'node:crypto';
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { WorkbenchError } from '../errors';
import { importSources, type ByteSource, type ImportRequestOptions } from '../ingest/import/import-job';
import type { ImportProgress } from '../ingest/import/progress';
import type { ImportSummary } from '../ingest/import/import-summary';

export type ImportJobEvent =
  | { type: 'import:progress'; jobId: string; progress: ImportProgress }
  | { type: 'import:finished'; jobId: string; summary: ImportSummary }
  | { type: 'import:failed'; jobId: string; error: { code: WorkbenchError['code']; message: string } };

/** Background imports: each runs on its own, reports progress as events, and can be cancelled. */
export class ImportJobs {
  private readonly running = new Map<string, AbortController>();

  constructor(private readonly emit: (event: ImportJobEvent) => void) {}

  /**
   * Starts an import and returns its id at once. `schedule` runs the work in the session's queue of state
   * changes (unlock, lock, rekey, imports); other writes are refused while it runs (see
   * WorkbenchSession.writableDb), because on the write connection they would land in its transaction.
   */
  start(
    db: () => Database,
    files: readonly ({ kind: 'path'; path: string } | ByteSource)[],
    options: Omit<ImportRequestOptions, 'signal' | 'onProgress'>,
    schedule: (work: () => Promise<void>) => Promise<void>,
  ): string {
    const jobId = randomBytes(12).toString('base64url');
    const controller = new AbortController();
    this.running.set(jobId, controller);
    void schedule(async () => {
      try {
        const summary = await importSources(db(), files, {
          ...options,
          signal: controller.signal,
          onProgress: (progress) => this.emit({ type: 'import:progress', jobId, progress }),
        });
        this.emit({ type: 'import:finished', jobId, summary });
      } catch (error) {
        const failure =
          error instanceof WorkbenchError
            ? { code: error.code, message: error.message }
            : { code: 'INTERNAL' as const, message: 'The import failed unexpectedly; nothing was changed.' };
        if (!(error instanceof WorkbenchError)) process.stderr.write(`[core] import failed: ${String((error as Error)?.stack ?? error)}\n`);
        this.emit({ type: 'import:failed', jobId, error: failure });
      } finally {
        this.running.delete(jobId);
      }
    });
    return jobId;
  }

  /** True from an import's start until it has committed or rolled back (queued imports included). */
  active(): boolean {
    return this.running.size > 0;
  }

  /** Cancels a running import; its transaction rolls back and the vault is as before. */
  cancel(jobId: string): boolean {
    const controller = this.running.get(jobId);
    controller?.abort();
    return controller !== undefined;
  }

  cancelAll(): void {
    for (const controller of this.running.values()) controller.abort();
  }
}
