import type { Database } from 'better-sqlite3-multiple-ciphers';
import { appendAudit } from '../../audit';
import { WorkbenchError } from '../../errors';
import { prepareIndicatorWriter } from '../../vault/queries/indicator-writes';
import { finishSource, insertSource, type SourceFormat } from '../../vault/queries/sources';
import { IngestError, isAmbiguity, type TlpLevel } from '../ingest-record';
import type { StixIngestItem } from '../stix/context-update';
import { tlpRank } from '../../vault/queries/tlp-rank';
import { MAX_LISTED_PER_FILE, emptyResult, type FileImportResult } from './import-summary';
import { recordToIndicator } from './record-to-indicator';

export interface ItemsImport {
  /** The name shown for the file in errors and provenance (never a full path in the audit log). */
  file: string;
  format: SourceFormat;
  items: AsyncIterable<StixIngestItem>;
  sourceName: string;
  defaultTlp: TlpLevel;
  partial: boolean;
  actor: string;
  now: () => Date;
  sha256: () => string;
  signal?: AbortSignal;
  onRecord?: (records: number) => void;
}

/**
 * Imports one file's items in ONE transaction: all or nothing, unless `partial`, which commits the
 * valid records and reports every reject. Cancelling or a fatal parse error rolls everything back.
 */
export async function importItems(db: Database, job: ItemsImport): Promise<FileImportResult> {
  const result = emptyResult(job.file, job.format);
  const importedAt = job.now().toISOString();
  const fail = (location: string, reason: string): void => {
    result.rejected += 1;
    if (result.errors.length < MAX_LISTED_PER_FILE) result.errors.push({ file: job.file, location, reason });
  };
  db.exec('BEGIN IMMEDIATE');
  try {
    const sourceId = insertSource(db, {
      name: job.sourceName,
      format: job.format,
      fileName: job.file,
      analyst: job.actor,
      defaultTlp: job.defaultTlp,
      importedAt,
    });
    const writer = prepareIndicatorWriter(db, sourceId, importedAt);
    // STIX objects that refer to an indicator may come after it; they arrive as `context` items at the
    // end and are matched by the object id the indicator came from.
    const byExternalId = new Map<string, number | number[]>();
    for await (const item of job.items) {
      if (job.signal?.aborted) throw new WorkbenchError('CANCELLED', 'Import cancelled.');
      if (item.kind === 'context') {
        const { update } = item;
        const target = byExternalId.get(update.externalId);
        for (const id of target === undefined ? [] : typeof target === 'number' ? [target] : target) {
          writer.amend(id, {
            tlpRank: update.tlp ? tlpRank(update.tlp) : null,
            sightings: update.sightings ?? 0,
            firstSeen: update.firstSeen ?? null,
            lastSeen: update.lastSeen ?? null,
          });
          if (update.context?.length) writer.addContext(id, update.context);
          if (update.tags?.length) writer.addTags(id, update.tags);
        }
        continue;
      }
      if (item.kind === 'note') {
        if (result.notes.length < MAX_LISTED_PER_FILE) result.notes.push({ file: job.file, ...noteEntry(item.note) });
        continue;
      }
      if (item.kind === 'reject') {
        if (isAmbiguity(item.reject)) {
          if (result.ambiguities.length < MAX_LISTED_PER_FILE) result.ambiguities.push({ file: job.file, location: item.reject.location, reason: item.reject.reason });
        } else {
          fail(item.reject.location, item.reject.reason);
        }
        continue;
      }
      result.records += 1;
      job.onRecord?.(result.records);
      const { record } = item;
      const outcome = recordToIndicator(record, job.defaultTlp);
      if (!outcome.ok) {
        fail(record.location, `${outcome.reason}: ${truncate(record.value)}`);
        continue;
      }
      const { id, outcome: written } = writer.write(outcome.indicator);
      if (record.externalId) remember(byExternalId, record.externalId, id);
      if (written === 'new') result.indicatorsNew += 1;
      else if (written === 'merged') result.indicatorsMerged += 1;
      if (record.context?.length) writer.addContext(id, record.context);
      const tags = [...(record.tags ?? []), ...(record.labels ?? [])];
      if (tags.length) writer.addTags(id, tags);
      if (record.comment) writer.addContext(id, [{ kind: 'other', name: 'comment', detail: record.comment }]);
    }
    if (result.rejected > 0 && !job.partial) {
      db.exec('ROLLBACK');
      return result;
    }
    result.sha256 = job.sha256();
    finishSource(db, sourceId, {
      fileSha256: result.sha256,
      records: result.records,
      indicatorsNew: result.indicatorsNew,
      indicatorsMerged: result.indicatorsMerged,
      rejected: result.rejected,
    });
    appendAudit(db, {
      actor: job.actor,
      action: 'indicators.import',
      target: `source:${sourceId}`,
      before: null,
      after: {
        source: job.sourceName,
        file: job.file,
        format: job.format,
        sha256: result.sha256,
        records: result.records,
        indicatorsNew: result.indicatorsNew,
        indicatorsMerged: result.indicatorsMerged,
        rejected: result.rejected,
        partial: job.partial,
      },
    });
    db.exec('COMMIT');
    return { ...result, sourceId, committed: true };
  } catch (error) {
    if (db.inTransaction) db.exec('ROLLBACK');
    if (error instanceof IngestError) {
      return { ...result, rejected: result.rejected, errors: [...result.errors, { file: job.file, location: error.location, reason: error.reason }] };
    }
    throw error;
  }
}

function remember(map: Map<string, number | number[]>, key: string, id: number): void {
  const known = map.get(key);
  if (known === undefined) map.set(key, id);
  else if (typeof known === 'number') {
    if (known !== id) map.set(key, [known, id]);
  } else if (!known.includes(id)) known.push(id);
}

function noteEntry(note: { location: string; message: string }): { location: string; reason: string } {
  return { location: note.location, reason: note.message };
}

function truncate(value: string): string {
  return value.length > 120 ? `${value.slice(0, 117)}...` : value;
}
