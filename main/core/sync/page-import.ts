import { randomUUID } from 'node:crypto';
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { importSources } from '../ingest/import/import-job';
import type { FileImportResult } from '../ingest/import/import-summary';
import { indexImportedIndicators } from '../triage';

export interface PageImportOutcome {
  /** Indicators the import pipeline wrote (new + merged) and the records it refused. */
  indicatorsNew: number;
  indicatorsMerged: number;
  rejected: number;
}

/**
 * Pulled objects go through the same import as any STIX file (normalisation, merge, warninglist
 * flagging), with the profile as their source. `bookkeeping` (received versions, local copies,
 * conflicts, the checkpoint) runs inside the import's transaction, just before it commits, through the
 * import's indexing hook: so the page and the checkpoint that moves past it commit together, and a crash
 * leaves neither. When the page holds nothing the import keeps, bookkeeping commits on its own.
 */
export async function importPage(
  db: Database,
  objects: readonly Record<string, unknown>[],
  options: { sourceName: string; actor: string; now: () => Date; signal?: AbortSignal },
  bookkeeping: () => void,
): Promise<PageImportOutcome> {
  let done = false;
  const outcome: PageImportOutcome = { indicatorsNew: 0, indicatorsMerged: 0, rejected: 0 };
  if (objects.length > 0) {
    const bundle = { type: 'bundle', id: `bundle--${randomUUID()}`, objects };
    const summary = await importSources(db, [{ kind: 'bytes', name: `${options.sourceName} (TAXII)`, bytes: Buffer.from(JSON.stringify(bundle), 'utf8') }], {
      format: 'stix',
      sourceName: options.sourceName,
      actor: options.actor,
      now: options.now,
      parseWorker: 'off',
      ...(options.signal ? { signal: options.signal } : {}),
      indexing: (connection, lastIdBefore) => {
        const inner = indexImportedIndicators(connection, lastIdBefore);
        return {
          written: (entries, ids, outcomes) => inner.written(entries, ids, outcomes),
          amended: (id) => inner.amended(id),
          finish() {
            inner.finish();
            bookkeeping();
            done = true;
          },
        };
      },
    });
    const result: FileImportResult | undefined = summary.results[0];
    if (result) {
      outcome.indicatorsNew = result.indicatorsNew;
      outcome.indicatorsMerged = result.indicatorsMerged;
      outcome.rejected = result.rejected;
    }
  }
  if (!done) db.transaction(bookkeeping).immediate();
  return outcome;
}
