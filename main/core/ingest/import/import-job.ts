import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { isBusyError, toWorkbenchError, WorkbenchError } from '../../errors';
import type { SourceFormat } from '../../vault/queries/sources';
import type { TlpLevel } from '../ingest-record';
import { collectInputs, describeFsError, displayName, type ImportInput } from './collect-inputs';
import { feedPartOf, groupFeeds, loneFeedPartResult, parseUploadedFeed, uploadedFeedSha256, type UploadedFeed } from './feed-set';
import { importItems, type ImportIndexing } from './import-items';
import { emptyResult, summarise, type FileImportResult, type ImportErrorEntry, type ImportSummary } from './import-summary';
import { detectFormat, parseFeedFolder, parserFor, type CsvMapping, type ImportFormat } from './parsers';
import { throttleProgress, type ImportProgress } from './progress';
import { locateParseWorker, parseInWorker } from './parse-in-worker';
import { prepareItems } from './prepared-item';
import { readHead, trackBytes, trackFile, type TrackedFile } from './read-file';

export interface ImportRequestOptions {
  format: ImportFormat;
  /** Provenance name; defaults to each file's name. */
  sourceName?: string;
  /** TLP for records that carry no marking. */
  tlp?: TlpLevel;
  /**
   * All or nothing per file: a file with any rejected value commits nothing. Off (the default), a file
   * whose structure parses imports its valid values and lists every reject, as MISP and OpenCTI do.
   */
  strict?: boolean;
  /**
   * A file whose SHA-256 was imported before changes nothing (issue #17: daily pulls must not inflate
   * sightings). A signed bundle received again is a new sighting by its own rule (issue #12), so the
   * bundle importer asks for 'new-sighting'.
   */
  sameFileAgain?: 'unchanged' | 'new-sighting';
  csvMapping?: CsvMapping;
  actor: string;
  now?: () => Date;
  signal?: AbortSignal;
  onProgress?: (progress: ImportProgress) => void;
  /** See ImportIndexing: indexing and flagging of the rows each file adds, in its transaction. */
  indexing?: ImportIndexing;
  /**
   * 'auto' (default) parses files of WORKER_MIN_BYTES and more in a worker thread when its code can be
   * found; 'always' every file (tests of the worker); 'off' parses in this thread.
   */
  parseWorker?: 'auto' | 'always' | 'off';
}

/** A file given as bytes (a browser upload) rather than a path. */
export interface ByteSource {
  kind: 'bytes';
  name: string;
  bytes: Uint8Array;
  /**
   * The caller hands the bytes over (an upload's single-use grant): a file parsed in a worker moves them
   * there rather than copying them, so a 256 MB upload does not exist twice. They are unusable afterwards.
   */
  movable?: boolean;
}

/** Files smaller than this are parsed in this thread: 1 MiB parses in well under the cost of a worker's start. */
export const WORKER_MIN_BYTES = 1 << 20;

/** Unmarked data defaults to AMBER: a missing marking must never make data shareable by accident. */
export const DEFAULT_IMPORT_TLP: TlpLevel = 'amber';

/** Imports files and folders named by path (the CLI), one transaction per file. */
export async function importPaths(db: Database, paths: readonly string[], options: ImportRequestOptions): Promise<ImportSummary> {
  const { inputs, errors } = await collectInputs(paths);
  return runInputs(db, inputs, errors, options);
}

/** Imports files the analyst granted (paths from the desktop shell, or uploaded bytes). */
export async function importSources(
  db: Database,
  sources: readonly ({ kind: 'path'; path: string } | ByteSource)[],
  options: ImportRequestOptions,
): Promise<ImportSummary> {
  const { inputs, errors } = await collectInputs(sources.flatMap((s) => (s.kind === 'path' ? [s.path] : [])));
  // Files chosen together (the folder picker, a drop of several files) are a folder to the analyst: one
  // in which nothing is found (a README, a script) is a note there, not a failure (issue #14). A file
  // chosen alone still says it held nothing.
  const together = sources.length > 1;
  const bytes: ImportInput[] = sources.flatMap((s) =>
    s.kind === 'bytes'
      ? [{ kind: 'bytes' as const, path: s.name, size: s.bytes.length, bytes: s.bytes, ...(together ? { inFolder: true } : {}), ...(s.movable ? { movable: true } : {}) }]
      : [],
  );
  const chosen = together ? inputs.map((input) => (input.kind === 'file' ? { ...input, inFolder: true } : input)) : inputs;
  return runInputs(db, [...chosen, ...bytes], errors, options);
}

async function runInputs(db: Database, chosen: ImportInput[], errors: ImportErrorEntry[], options: ImportRequestOptions): Promise<ImportSummary> {
  const now = options.now ?? (() => new Date());
  // A feed's files chosen one by one are imported as the feed (issue #17.1).
  const inputs = await groupFeeds(chosen, readHead);
  const results: FileImportResult[] = errors.map((e) => ({ ...emptyResult(e.file, 'unknown'), errors: [e] }));
  const progress = throttleProgress(options.onProgress, () => now().getTime());
  const sizeOf = (input: ImportInput | UploadedFeed): number => (input.kind === 'misp-feed' || input.kind === 'misp-feed-bytes' ? 0 : input.size);
  const bytesTotal = inputs.reduce((total, input) => total + sizeOf(input), 0);
  let bytesBefore = 0;
  for (const [index, input] of inputs.entries()) {
    if (options.signal?.aborted) throw new WorkbenchError('CANCELLED', 'Import cancelled.');
    const report = (bytesRead: number, records: number, force = false): void =>
      progress.update(
        { file: displayName(input.path), fileIndex: index, fileCount: inputs.length, bytesRead: bytesBefore + bytesRead, bytesTotal, records },
        force,
      );
    const result = await importInput(db, input, options, now, report);
    results.push(result);
    bytesBefore += sizeOf(input);
    report(0, result.records, true);
  }
  return summarise(results);
}

async function importInput(
  db: Database,
  input: ImportInput | UploadedFeed,
  options: ImportRequestOptions,
  now: () => Date,
  report: (bytesRead: number, records: number) => void,
): Promise<FileImportResult> {
  const file = displayName(input.path);
  const defaultTlp = options.tlp ?? DEFAULT_IMPORT_TLP;
  const signal = options.signal ? { signal: options.signal } : {};
  const common = {
    sourceName: options.sourceName ?? file,
    nameFromContent: options.sourceName === undefined,
    defaultTlp,
    strict: options.strict ?? false,
    sameFileAgain: options.sameFileAgain ?? 'unchanged',
    actor: options.actor,
    now,
    ...signal,
    ...(options.indexing ? { indexing: options.indexing } : {}),
    nothingFoundIsNote: (input.kind === 'file' || input.kind === 'bytes') && input.inFolder === true,
  };
  try {
    if (input.kind === 'misp-feed') {
      const manifest = await readFile(join(input.path, 'manifest.json'));
      const sha256 = createHash('sha256').update(manifest).digest('hex');
      const items = prepareItems(parseFeedFolder(input.path, { fileName: file, ...signal }), defaultTlp);
      return await importItems(db, { ...common, file, format: 'misp-feed', items, sha256: () => sha256, onRecord: (n) => report(0, n) });
    }
    if (input.kind === 'misp-feed-bytes') {
      const sha256 = uploadedFeedSha256(input);
      const items = prepareItems(parseUploadedFeed(input, { fileName: file, ...signal }), defaultTlp);
      return await importItems(db, { ...common, file, format: 'misp-feed', items, sha256: () => sha256, onRecord: (n) => report(0, n) });
    }
    if (input.size === 0) {
      const empty = { file, location: 'byte 0', reason: 'empty file' };
      return common.nothingFoundIsNote ? { ...emptyResult(file, options.format), skipped: true, notes: [empty] } : { ...emptyResult(file, options.format), errors: [empty] };
    }
    const mode = options.parseWorker ?? 'auto';
    const small = input.size < WORKER_MIN_BYTES;
    // A small file is read in one call: streaming it took six round trips to the thread pool.
    const bytes = input.kind === 'bytes' ? input.bytes : small ? await readFile(input.path) : undefined;
    const tracked: TrackedFile = bytes !== undefined ? trackBytes(bytes, options.signal) : trackFile(input.path, options.signal);
    const head = await tracked.head();
    // A MISP feed's manifest.json or hashes.csv on its own is recognised by content (issue #17.1).
    const feedPart = feedPartOf(head);
    if (feedPart) return loneFeedPartResult(emptyResult(file, options.format), feedPart);
    const format: SourceFormat = options.format === 'auto' ? detectFormat(head, file) : options.format;
    // A worker pays for itself only on a large file: starting one (and, from sources, its TypeScript
    // loader) cost ~0.5 s a file, which made a folder of 40 one-line reports take 24 s (issue #14).
    const worker = mode === 'off' || (mode === 'auto' && small) ? undefined : locateParseWorker();
    if (worker) {
      // Parsing runs on another core while this thread writes; the worker reads the file itself.
      const parse = parseInWorker(
        worker,
        {
          input: input.kind === 'bytes' ? { kind: 'bytes', bytes: input.bytes, ...(input.movable ? { movable: true } : {}) } : { kind: 'file', path: input.path },
          format,
          ...(options.csvMapping ? { csvMapping: options.csvMapping } : {}),
          fileName: file,
          bytesTotal: input.size,
          defaultTlp,
        },
        options.signal,
      );
      return await importItems(db, { ...common, file, format, bytes: input.size, items: parse.items, sha256: parse.sha256, onRecord: (n) => report(parse.bytesRead(), n) });
    }
    const parsed = parserFor(format, options.csvMapping)(tracked.chunks, { fileName: file, bytesTotal: input.size, ...signal });
    const items = prepareItems(parsed, defaultTlp);
    return await importItems(db, { ...common, file, format, items, sha256: tracked.sha256, onRecord: (n) => report(tracked.bytesRead(), n) });
  } catch (error) {
    if (error instanceof WorkbenchError) throw error;
    // Another process's write lock is not a problem with this file (issue #15 item 11): the whole import stops.
    if (isBusyError(error)) throw toWorkbenchError(error);
    if ((error as NodeJS.ErrnoException).code) {
      return { ...emptyResult(file, options.format), errors: [{ file, location: 'file', reason: describeFsError(error) }] };
    }
    throw error;
  }
}

