import { parentPort, workerData } from 'node:worker_threads';
import type { FileGrant, Result } from '../../preload/contract';
import { WorkbenchError } from '../core/errors';
import { WorkbenchSession, type GrantedFile } from '../core/session';
import { createDispatcher } from '../ipc/dispatch';
import { workerPdfPrinter } from './pdf-print-bridge';
import type { CoreWorkerData, FromCore, ToCore } from './worker-protocol';

// The core's thread: SQLite, the KDF and imports run here so the Electron main thread (and the
// browser host's HTTP loop) never block on them.
if (!parentPort) throw new Error('core-worker must run in a worker thread');
const port = parentPort;
const data = workerData as CoreWorkerData;
const post = (message: FromCore): void => port.postMessage(message);
// Electron's printToPDF runs on the main thread; without it the core prints with the system Chromium.
const hostPrinter = data.hostPrintsPdf ? workerPdfPrinter(post) : undefined;

const session = new WorkbenchSession({
  location: data.vaultLocation,
  actor: data.actor,
  ...(data.nativeBinding ? { nativeBinding: data.nativeBinding } : {}),
  ...(data.exportFolder ? { exportFolder: data.exportFolder } : {}),
  ...(hostPrinter ? { pdfPrinter: hostPrinter.printer } : {}),
});
const dispatch = createDispatcher(session);

session.onEvent((event) => post({ kind: 'event', event }));

function grant(files: GrantedFile[]): Result<FileGrant> {
  try {
    const grantId = session.grantFiles(files);
    const summary = files.map((f) => ({ name: f.name, size: f.kind === 'path' ? f.size : f.bytes.length }));
    return { ok: true, value: { grantId, files: summary } };
  } catch (error) {
    return { ok: false, error: error instanceof WorkbenchError ? { code: error.code, message: error.message } : { code: 'INTERNAL', message: 'Could not accept those files.' } };
  }
}

port.on('message', (message: ToCore) => {
  if (message.kind === 'invoke') {
    void dispatch(message.channel, message.payload).then((result) => post({ kind: 'result', id: message.id, result }));
  } else if (message.kind === 'grant') {
    post({ kind: 'granted', id: message.id, result: grant(message.files) });
  } else if (message.kind === 'pdf-printed') {
    hostPrinter?.settle(message);
  } else if (message.kind === 'shutdown') {
    session.lock('user');
    post({ kind: 'closed' });
    port.close();
  }
});
