/**
 * The parse worker: reads one file, parses and canonicalises it, and sends prepared batches to the
 * thread that owns the database, so parsing and writing run on two cores at once. No database here.
 * Bundled as its own entry (`parse-worker`); see ./parse-in-worker.ts for how it is found and driven.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { IngestError } from '../ingest-record';
import { parserFor } from './parsers';
import { PARSE_WORKER_BATCHES_AHEAD, type FromParseWorker, type ParseWorkerData, type ParseWorkerFailure, type ParseWorkerStart, type ToParseWorker } from './parse-worker-protocol';
import { prepareItems } from './prepared-item';
import { trackBytes, trackFile } from './read-file';

const port = parentPort;
if (!port) throw new Error('parse-worker must run in a worker thread');

let ahead = 0;
let resume: (() => void) | undefined;
port.on('message', (message: ToParseWorker) => {
  if (message.kind !== 'ack') return;
  ahead -= 1;
  resume?.();
  resume = undefined;
});

async function run(data: ParseWorkerData): Promise<void> {
  const tracked = data.input.kind === 'file' ? trackFile(data.input.path) : trackBytes(data.input.bytes);
  const items = parserFor(data.format, data.csvMapping)(tracked.chunks, { fileName: data.fileName, bytesTotal: data.bytesTotal });
  for await (const batch of prepareItems(items, data.defaultTlp)) {
    if (ahead >= PARSE_WORKER_BATCHES_AHEAD) await new Promise<void>((resolve) => (resume = resolve));
    ahead += 1;
    send({ kind: 'items', items: batch, bytesRead: tracked.bytesRead() });
  }
  send({ kind: 'done', sha256: tracked.sha256(), bytesRead: tracked.bytesRead() });
}

function send(message: FromParseWorker): void {
  port!.postMessage(message);
}

function describe(error: unknown): ParseWorkerFailure {
  if (error instanceof IngestError) return { kind: 'ingest', file: error.file, location: error.location, reason: error.reason };
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const message = error instanceof Error ? error.message : String(error);
  // errno codes (ENOENT, EACCES…) are the file's problem; Node's own ERR_… codes are ours.
  return typeof code === 'string' && !code.startsWith('ERR_') ? { kind: 'fs', code, message } : { kind: 'other', message };
}

run((workerData as ParseWorkerStart).parse).catch((error: unknown) => send({ kind: 'failed', failure: describe(error) }));
