import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { WorkbenchError } from '../../errors';
import { IngestError } from '../ingest-record';
import type { FromParseWorker, ParseWorkerData, ParseWorkerFailure, ParseWorkerStart, ToParseWorker } from './parse-worker-protocol';
import type { PreparedItem } from './prepared-item';

/** Where the parse worker's code is; from sources, also the TypeScript loader to start it with. */
export interface ParseWorkerLocation {
  url: URL;
  /** The `tsx/esm/api` module to register before importing `url` (sources only). */
  tsxApi?: string;
}

/**
 * From sources the worker needs tsx before its entry is loaded. Node 20 does not apply an `--import`ed
 * loader to a worker's own entry module, so a tiny bootstrap registers tsx and then imports the entry.
 */
const TSX_BOOTSTRAP = new URL(
  `data:text/javascript,${encodeURIComponent(`
    import { workerData } from 'node:worker_threads';
    const api = await import(workerData.bootstrap.tsxApi);
    (api.register ?? api.default.register)();
    await import(workerData.bootstrap.entry);`)}`,
);

let located: ParseWorkerLocation | null | undefined;

/**
 * Finds the parse worker next to this module: `parse-worker.js` when bundled (this code may sit in the
 * bundle's root or in its chunks/ folder), `parse-worker.ts` from sources (started through tsx, a dev
 * dependency). Undefined when neither is there: the import then parses in this thread.
 */
export function locateParseWorker(): ParseWorkerLocation | undefined {
  if (located === undefined) located = findParseWorker() ?? null;
  return located ?? undefined;
}

function findParseWorker(): ParseWorkerLocation | undefined {
  for (const candidate of ['./parse-worker.js', '../parse-worker.js']) {
    const url = new URL(candidate, import.meta.url);
    if (url.protocol === 'file:' && existsSync(fileURLToPath(url))) return { url };
  }
  const source = new URL('./parse-worker.ts', import.meta.url);
  if (source.protocol !== 'file:' || !existsSync(fileURLToPath(source))) return undefined;
  try {
    // The ESM build of the API: its CommonJS twin cannot find its own chunks from a data: URL importer.
    const api = createRequire(import.meta.url).resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs');
    return existsSync(api) ? { url: source, tsxApi: pathToFileURL(api).href } : undefined;
  } catch {
    return undefined;
  }
}

export interface WorkerParse {
  /** Prepared batches in file order; ends when the file is read, throws the parser's fatal error. */
  items: AsyncIterable<PreparedItem[]>;
  /** The file's SHA-256, once `items` has ended. */
  sha256(): string;
  bytesRead(): number;
}

/**
 * Parsers allocate short-lived objects at a high rate and V8 sizes the young generation to match (tens of
 * MB, on top of the writer's). For STIX, whose bundles run to a gigabyte and must import in bounded memory,
 * a smaller one takes ~25 MB off the 1M-indicator import's peak RSS (383-397 -> 367-370 MB) at no
 * measurable cost; for CSV it cost ~4% in time, so CSV and MISP keep V8's default. The 73 MB text report
 * (1M values) peaked at 393-397 MB without it and 371-382 MB with it, against a 400 MB ceiling (issue #14).
 */
const STIX_WORKER_LIMITS = { maxYoungGenerationSizeMb: 16 };

/**
 * Parses one file in a worker thread. The worker stays at most a few batches ahead of the consumer;
 * cancelling (or the consumer stopping early) terminates it.
 */
export function parseInWorker(location: ParseWorkerLocation, data: ParseWorkerData, signal?: AbortSignal): WorkerParse {
  let sha256: string | undefined;
  let bytesRead = 0;
  async function* items(): AsyncGenerator<PreparedItem[]> {
    const workerData: ParseWorkerStart = location.tsxApi
      ? { parse: data, bootstrap: { tsxApi: location.tsxApi, entry: location.url.href } }
      : { parse: data };
    const worker = new Worker(location.tsxApi ? TSX_BOOTSTRAP : location.url, {
      workerData,
      transferList: movableBuffer(data),
      ...(data.format === 'stix' || data.format === 'text' ? { resourceLimits: STIX_WORKER_LIMITS } : {}),
    });
    const queue: (FromParseWorker | { kind: 'stopped'; error?: Error })[] = [];
    let wake: (() => void) | undefined;
    const push = (message: (typeof queue)[number]): void => {
      queue.push(message);
      wake?.();
    };
    const onAbort = (): void => push({ kind: 'stopped', error: new WorkbenchError('CANCELLED', 'Import cancelled.') });
    worker.on('message', (message: FromParseWorker) => push(message));
    worker.on('error', (error) => push({ kind: 'stopped', error }));
    worker.on('exit', () => push({ kind: 'stopped' }));
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      for (;;) {
        if (signal?.aborted) throw new WorkbenchError('CANCELLED', 'Import cancelled.');
        if (queue.length === 0) await new Promise<void>((resolve) => (wake = resolve));
        wake = undefined;
        const message = queue.shift()!;
        switch (message.kind) {
          case 'items':
            bytesRead = message.bytesRead;
            worker.postMessage({ kind: 'ack' } satisfies ToParseWorker);
            yield message.items;
            break;
          case 'done':
            bytesRead = message.bytesRead;
            sha256 = message.sha256;
            return;
          case 'failed':
            throw rebuild(message.failure);
          case 'stopped':
            throw message.error ?? new Error('the parse worker stopped before the end of the file');
        }
      }
    } finally {
      signal?.removeEventListener('abort', onAbort);
      void worker.terminate();
    }
  }
  return {
    items: items(),
    sha256: () => {
      if (sha256 === undefined) throw new Error('the file has not been read to its end');
      return sha256;
    },
    bytesRead: () => bytesRead,
  };
}

/**
 * The buffer to move into the worker: workerData is otherwise copied, and an upload the session had
 * already moved (not copied) into the core would exist twice during its import. Only a view over a whole,
 * unshared buffer can be moved; anything else is copied as before.
 */
function movableBuffer(data: ParseWorkerData): ArrayBuffer[] {
  if (data.input.kind !== 'bytes' || !data.input.movable) return [];
  const { bytes } = data.input;
  const whole = bytes.buffer instanceof ArrayBuffer && bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength;
  return whole ? [bytes.buffer as ArrayBuffer] : [];
}

function rebuild(failure: ParseWorkerFailure): Error {
  switch (failure.kind) {
    case 'ingest':
      return new IngestError(failure.file, failure.location, failure.reason);
    case 'fs':
      return Object.assign(new Error(failure.message), { code: failure.code });
    case 'other':
      return new Error(`parsing failed: ${failure.message}`);
  }
}
