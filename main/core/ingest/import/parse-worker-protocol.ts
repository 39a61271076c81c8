import type { SourceFormat } from '../../vault/queries/sources';
import type { TlpLevel } from '../ingest-record';
import type { CsvMapping } from './parsers';
import type { PreparedItem } from './prepared-item';

/** The file the parse worker reads and how. */
export interface ParseWorkerData {
  /** `movable`: the bytes are moved to the worker, not copied (see ByteSource in ./import-job.ts). */
  input: { kind: 'file'; path: string } | { kind: 'bytes'; bytes: Uint8Array; movable?: boolean };
  format: SourceFormat;
  csvMapping?: CsvMapping;
  fileName: string;
  bytesTotal: number;
  defaultTlp: TlpLevel;
}

/** The worker's workerData: the job, and from sources how to load TypeScript first. */
export interface ParseWorkerStart {
  parse: ParseWorkerData;
  bootstrap?: { tsxApi: string; entry: string };
}

/** A fatal problem, rebuilt as the same kind of error on the database side. */
export type ParseWorkerFailure =
  | { kind: 'ingest'; file: string; location: string; reason: string }
  | { kind: 'fs'; code: string; message: string }
  | { kind: 'other'; message: string };

export type FromParseWorker =
  | { kind: 'items'; items: PreparedItem[]; bytesRead: number }
  | { kind: 'done'; sha256: string; bytesRead: number }
  | { kind: 'failed'; failure: ParseWorkerFailure };

/** The database side took a batch: the worker may send one more (bounded memory between the threads). */
export type ToParseWorker = { kind: 'ack' };

/** Batches the worker may send ahead of the database side before it waits for an ack. */
export const PARSE_WORKER_BATCHES_AHEAD = 4;
