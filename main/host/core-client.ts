import { Worker } from 'node:worker_threads';
import type { FileGrant, LiaisonEvent, Result } from '../../preload/contract';
import type { PdfPrinter } from '../core/briefings/export';
import type { GrantedFile } from '../core/session';
import { answerPdfRequest } from './pdf-print-bridge';
import type { CoreWorkerData, FromCore, ToCore } from './worker-protocol';

export interface CoreOptions {
  vaultLocation: string;
  actor: string;
  /** The better-sqlite3 binary built for the running runtime's ABI (Electron); Node uses node_modules'. */
  nativeBinding?: string;
  /** The host's folder for exports, which it serves or copies out by name. */
  exportFolder?: string;
  /**
   * The worker entry, named by the caller: bundlers move this module into a shared chunk, so a path
   * relative to it would point at the wrong folder.
   */
  workerUrl: URL;
  /** Prints briefing PDFs on this thread (Electron's printToPDF); the worker's own Chromium when absent. */
  pdfPrinter?: PdfPrinter;
}

export interface CoreClient {
  invoke(channel: string, payload: unknown): Promise<Result<unknown>>;
  /** Registers files the analyst chose (dialog, drop or upload) and returns the grant the renderer may use. */
  grant(files: GrantedFile[]): Promise<Result<FileGrant>>;
  onEvent(listener: (event: LiaisonEvent) => void): () => void;
  close(): Promise<void>;
}

const CORE_GONE: Result<never> = {
  ok: false,
  error: { code: 'INTERNAL', message: 'The workbench core stopped; restart the app.' },
};

/** Starts the core in a worker thread and returns a typed handle to talk to it. */
export function startCore(options: CoreOptions): CoreClient {
  const data: CoreWorkerData = {
    vaultLocation: options.vaultLocation,
    actor: options.actor,
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
    ...(options.exportFolder ? { exportFolder: options.exportFolder } : {}),
    ...(options.pdfPrinter ? { hostPrintsPdf: true } : {}),
  };
  const worker = new Worker(options.workerUrl, { workerData: data });
  const pending = new Map<number, (result: Result<unknown>) => void>();
  const listeners = new Set<(event: LiaisonEvent) => void>();
  let nextId = 1;
  let alive = true;
  let closing: Promise<void> | null = null;

  const failAll = (): void => {
    alive = false;
    for (const resolve of pending.values()) resolve(CORE_GONE);
    pending.clear();
  };

  worker.on('message', (message: FromCore) => {
    if (message.kind === 'result' || message.kind === 'granted') {
      pending.get(message.id)?.(message.result);
      pending.delete(message.id);
    } else if (message.kind === 'event') {
      for (const listener of listeners) listener(message.event);
    } else if (message.kind === 'print-pdf' && options.pdfPrinter) {
      void answerPdfRequest(message, options.pdfPrinter, (reply, transfer) => {
        if (alive) worker.postMessage(reply satisfies ToCore, transfer);
      });
    }
  });
  worker.on('error', (error) => {
    process.stderr.write(`[core] worker failed: ${error.stack ?? error.message}\n`);
    failAll();
  });
  worker.on('exit', failAll);

  const send = (message: ToCore): void => worker.postMessage(message);

  return {
    invoke(channel, payload) {
      if (!alive) return Promise.resolve(CORE_GONE);
      const id = nextId++;
      return new Promise((resolve) => {
        pending.set(id, resolve);
        send({ kind: 'invoke', id, channel, payload });
      });
    },
    grant(files) {
      if (!alive) return Promise.resolve(CORE_GONE);
      const id = nextId++;
      return new Promise((resolve) => {
        pending.set(id, resolve as (result: Result<unknown>) => void);
        // Uploaded bytes are transferred, not copied: a 256 MB upload must not exist twice. Only a view
        // that owns its whole buffer may be transferred (a pooled Buffer shares it with others).
        const transfer = files.flatMap((f) =>
          f.kind === 'bytes' && f.bytes.byteOffset === 0 && f.bytes.byteLength === f.bytes.buffer.byteLength ? [f.bytes.buffer as ArrayBuffer] : [],
        );
        worker.postMessage({ kind: 'grant', id, files } satisfies ToCore, transfer);
      });
    },
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close() {
      closing ??= new Promise<void>((resolve) => {
        if (!alive) return resolve();
        worker.once('exit', () => resolve());
        send({ kind: 'shutdown' });
      });
      return closing;
    },
  };
}
