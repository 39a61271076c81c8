import type { Database } from 'better-sqlite3-multiple-ciphers';
import { appendAudit } from '../../audit';
import { WorkbenchError } from '../../errors';
import { prepareIndicatorWriter, type IndicatorEntry, type IndicatorWriter, type WriteOutcome } from '../../vault/queries/indicator-writes';
import { finishSource, insertSource, type SourceFormat } from '../../vault/queries/sources';
import { IngestError, type TlpLevel } from '../ingest-record';
import type { IngestContextUpdate } from '../stix/context-update';
import { tlpRank } from '../../vault/queries/tlp-rank';
import { alreadyImportedResult, findEarlierImport } from './earlier-import';
import { ExternalIdMap } from './external-id-map';
import { MAX_LISTED_PER_FILE, emptyResult, type FileImportResult } from './import-summary';
import type { PreparedItem } from './prepared-item';
import { instant } from './record-to-indicator';

export interface ItemsImport {
  /** The name shown for the file in errors and provenance (never a full path in the audit log). */
  file: string;
  format: SourceFormat;
  /** Size of the file in bytes, when known: sizes per-file tables up front. */
  bytes?: number;
  /** Prepared items in batches (see ./prepared-item.ts), from this thread or from a parse worker. */
  items: AsyncIterable<readonly PreparedItem[]>;
  sourceName: string;
  /**
   * The analyst named no source: a MISP event file is then named by its event's `info` (issue #17.7),
   * because MISP exports are named by UUID and nobody searches for "5f1c9a3e-….json".
   */
  nameFromContent?: boolean;
  defaultTlp: TlpLevel;
  /** All or nothing: a file with any rejected value commits nothing (`--strict`). */
  strict: boolean;
  sameFileAgain: 'unchanged' | 'new-sighting';
  /** The file came from a folder: finding nothing in it is a note (`skipped`), not an error. */
  nothingFoundIsNote?: boolean;
  actor: string;
  now: () => Date;
  sha256: () => string;
  signal?: AbortSignal;
  onRecord?: (records: number) => void;
  indexing?: ImportIndexing;
}

/**
 * The derived data of the rows an import writes (search index, warninglist flags), kept inside the
 * file's transaction so a committed import is complete and a rolled-back one leaves nothing behind.
 * Started with the highest indicator id that existed before the import; injected by the caller because
 * those capabilities sit above ingest.
 */
export type ImportIndexing = (db: Database, lastIdBefore: number) => ImportIndexer;

export interface ImportIndexer {
  /** Each written batch: the entries, with the ids and outcomes the writer returned (same positions). */
  written(entries: readonly IndicatorEntry[], ids: readonly number[], outcomes: readonly WriteOutcome[]): void;
  /** An indicator gained context, tags or sightings from a later object of the file. */
  amended(id: number): void;
  /** After the last write, before the import's own bookkeeping and COMMIT. */
  finish(): void;
}

/**
 * Imports one file's items in ONE transaction: the valid records are committed and every reject is
 * reported, unless `strict`, which commits nothing from a file with any reject. Cancelling or a fatal
 * parse error (the structure does not parse) rolls everything back.
 */
export async function importItems(db: Database, job: ItemsImport): Promise<FileImportResult> {
  const result = emptyResult(job.file, job.format);
  const fail = (location: string, reason: string): void => {
    result.rejected += 1;
    if (result.errors.length < MAX_LISTED_PER_FILE) result.errors.push({ file: job.file, location, reason });
  };
  db.exec('BEGIN IMMEDIATE');
  try {
    // Stamped once the write lock is held, so audit times follow the order entries are written in.
    const importedAt = job.now().toISOString();
    const lastIdBefore = (db.prepare('SELECT ifnull(max(id), 0) AS id FROM indicators').get() as { id: number }).id;
    const sourceId = insertSource(db, {
      name: job.sourceName,
      format: job.format,
      fileName: job.file,
      analyst: job.actor,
      defaultTlp: job.defaultTlp,
      importedAt,
    });
    const writer = prepareIndicatorWriter(db, sourceId, importedAt, { repeatsAreSightings: job.format === 'csv', firstMentionOnly: job.format === 'text' });
    const indexer = job.indexing?.(db, lastIdBefore);
    // STIX objects that refer to an indicator may come after it; they arrive as `context` items at the
    // end and are matched by the object id the indicator came from. Only STIX has such items.
    const byExternalId = job.format === 'stix' ? new ExternalIdMap(expectedStixObjects(job.bytes)) : undefined;
    const eventNames = job.nameFromContent && job.format === 'misp' ? new Set<string>() : undefined;
    const entries: IndicatorEntry[] = [];
    const entryExternalIds: (string | undefined)[] = [];
    const flush = (): void => {
      if (entries.length === 0) return;
      const { ids, outcomes } = writer.write(entries);
      indexer?.written(entries, ids, outcomes);
      for (let k = 0; k < ids.length; k++) {
        const externalId = entryExternalIds[k];
        if (externalId && byExternalId) byExternalId.add(externalId, ids[k]!);
        if (outcomes[k] === 'new') result.indicatorsNew += 1;
        else if (outcomes[k] === 'merged') result.indicatorsMerged += 1;
      }
      entries.length = 0;
      entryExternalIds.length = 0;
    };
    for await (const batch of job.items) {
      if (job.signal?.aborted) throw new WorkbenchError('CANCELLED', 'Import cancelled.');
      for (const item of batch) {
        switch (item.kind) {
          case 'entry':
            result.records += 1;
            entries.push(item.entry);
            entryExternalIds.push(item.externalId);
            if (eventNames && eventNames.size < 2) noteEventName(eventNames, item.entry);
            if (item.note !== undefined && result.notes.length < MAX_LISTED_PER_FILE) result.notes.push({ file: job.file, location: item.entry.indicator.location, reason: item.note });
            break;
          case 'failed':
            if (item.record) result.records += 1;
            fail(item.location, item.reason);
            break;
          case 'ambiguity':
            if (result.ambiguities.length < MAX_LISTED_PER_FILE) result.ambiguities.push({ file: job.file, location: item.location, reason: item.reason });
            break;
          case 'note':
            if (result.notes.length < MAX_LISTED_PER_FILE) result.notes.push({ file: job.file, location: item.location, reason: item.message });
            break;
          case 'context': {
            flush();
            const targets = byExternalId?.get(item.update.externalId) ?? [];
            applyUpdate(writer, targets, item.update);
            for (const id of targets) indexer?.amended(id);
            break;
          }
        }
      }
      flush();
      job.onRecord?.(result.records);
    }
    // The last batch may have been taken before an abort arrived: a cancelled import never commits.
    if (job.signal?.aborted) throw new WorkbenchError('CANCELLED', 'Import cancelled.');
    // Known only now that every byte was read; the same file again would count its values twice.
    const sha256 = job.sha256();
    const earlier = job.sameFileAgain === 'unchanged' ? findEarlierImport(db, sha256) : undefined;
    if (earlier) {
      db.exec('ROLLBACK');
      return alreadyImportedResult(result, sha256, earlier);
    }
    if (result.rejected > 0 && job.strict) {
      db.exec('ROLLBACK');
      return result;
    }
    // A file that yields nothing (prose without indicators, JSON of another kind) is reported, not
    // recorded as an import: the vault stays exactly as it was.
    if (result.records === 0 && result.rejected === 0) {
      db.exec('ROLLBACK');
      const nothing = { file: job.file, location: 'file', reason: `no indicators found (read as ${job.format})` };
      return job.nothingFoundIsNote ? { ...result, skipped: true, notes: [...result.notes, nothing] } : { ...result, errors: [nothing] };
    }
    indexer?.finish();
    // One event gives the file its name; a response list of several events keeps the file's name.
    const sourceName = eventNames?.size === 1 ? [...eventNames][0]! : job.sourceName;
    if (sourceName !== job.sourceName) db.prepare('UPDATE sources SET name = ? WHERE id = ?').run(sourceName, sourceId);
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
        source: sourceName,
        file: job.file,
        format: job.format,
        sha256: result.sha256,
        records: result.records,
        indicatorsNew: result.indicatorsNew,
        indicatorsMerged: result.indicatorsMerged,
        rejected: result.rejected,
        strict: job.strict,
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

/** The MISP parser names each record's event as context (`detail: 'MISP event'`, see misp-event-items.ts). */
function noteEventName(names: Set<string>, entry: IndicatorEntry): void {
  for (const item of entry.context ?? []) if (item.detail === 'MISP event' && item.name.trim()) names.add(item.name.trim());
}

function applyUpdate(writer: IndicatorWriter, targets: readonly number[], update: IngestContextUpdate): void {
  for (const id of targets) {
    writer.amend(id, {
      tlpRank: update.tlp ? tlpRank(update.tlp) : null,
      sightings: update.sightings ?? 0,
      // Stored like every other time in the vault (see instant()), so that comparing strings compares times.
      firstSeen: instant(update.firstSeen),
      lastSeen: instant(update.lastSeen),
    });
    if (update.context?.length) writer.addContext(id, update.context);
    if (update.tags?.length) writer.addTags(id, update.tags);
  }
}

/** STIX objects a bundle of this size may hold: the smallest indicator objects in real feeds take ~300 bytes. */
function expectedStixObjects(bytes: number | undefined): number {
  return bytes === undefined ? 0 : Math.min(Math.ceil(bytes / 300), MAX_PRESIZED_OBJECTS);
}

/** 4M objects (~110 MB of table): a larger bundle grows the table as it goes. */
const MAX_PRESIZED_OBJECTS = 4_000_000;
