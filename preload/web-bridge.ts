import { buildApi, type Invoke, type Subscribe } from './build-api';
import { isExportFileName, MAX_UPLOAD_BYTES, type ErrorCode, type FileGrant, type FilesApi, type LiaisonEvent, type Result } from './contract';

/**
 * The browser host's stand-in for the Electron preload: the same `window.liaison`, over loopback HTTP.
 * Type-checked with the Node project (no DOM lib), so the few browser globals used are declared here.
 */
interface BridgeEventSource {
  onmessage: ((message: { data: string }) => void) | null;
  close(): void;
}

interface BridgeAnchor {
  href: string;
  download: string;
  click(): void;
  remove(): void;
}

interface BridgeGlobals {
  document: {
    querySelector(selector: string): { getAttribute(name: string): string | null } | null;
    createElement(tag: 'a'): BridgeAnchor;
    body: { append(node: BridgeAnchor): void };
  };
  EventSource: new (url: string) => BridgeEventSource;
}

const browser = globalThis as unknown as BridgeGlobals;

const token = browser.document.querySelector('meta[name="liaison-token"]')?.getAttribute('content') ?? '';

function failure(code: ErrorCode, message: string): Result<never> {
  return { ok: false, error: { code, message } };
}

function isResult(body: unknown): body is Result<unknown> {
  return typeof body === 'object' && body !== null && typeof (body as { ok?: unknown }).ok === 'boolean';
}

async function post(path: string, headers: Record<string, string>, body: string | Blob): Promise<Result<unknown>> {
  let response: Response;
  try {
    response = await fetch(path, {
      method: 'POST',
      headers: { ...headers, 'X-Liaison-Token': token },
      body,
      credentials: 'same-origin',
    });
  } catch {
    return failure('INTERNAL', 'The workbench host is not reachable. Is it still running?');
  }
  if (response.status === 401 || response.status === 403) {
    return failure('INTERNAL', 'This browser session is not authorised. Open the address the host printed again.');
  }
  if (response.status === 413) return failure('INVALID_INPUT', 'That is too large for the browser host.');
  const parsed: unknown = await response.json().catch(() => undefined);
  if (isResult(parsed)) return parsed;
  return failure('INTERNAL', `The workbench host answered with HTTP ${response.status}.`);
}

const invokeOverHttp: Invoke = (channel, request) =>
  post(`/api/invoke/${channel}`, { 'Content-Type': 'application/json' }, JSON.stringify(request));

/** The browser has no native dialog: the renderer uses a file input or a drop, and the bytes are uploaded. */
const filesOverHttp: FilesApi = {
  canPick: false,
  pick: async () => failure('INVALID_INPUT', 'Choose files with the file picker or drop them on the window.'),
  async grant(files) {
    if (files.length === 0) return failure('INVALID_INPUT', 'Choose at least one file.');
    if (files.reduce((sum, file) => sum + file.size, 0) > MAX_UPLOAD_BYTES) {
      return failure('INVALID_INPUT', `The browser host accepts up to ${MAX_UPLOAD_BYTES / 1024 / 1024} MB at a time.`);
    }
    const manifest = encodeURIComponent(JSON.stringify(files.map((file) => ({ name: file.name, size: file.size }))));
    // One body, the files back to back; the manifest header says where each one ends.
    const headers = { 'Content-Type': 'application/octet-stream', 'X-Liaison-Files': manifest };
    return (await post('/api/files', headers, new Blob(files))) as Result<FileGrant>;
  },
  /** The browser saves what the host serves as an attachment; where it lands is the browser's download setting. */
  async saveExport(fileName) {
    if (!isExportFileName(fileName)) return failure('INVALID_INPUT', 'That is not the name of an export.');
    const link = browser.document.createElement('a');
    link.href = `/api/exports/${encodeURIComponent(fileName)}`;
    link.download = fileName;
    browser.document.body.append(link);
    link.click();
    link.remove();
    return { ok: true, value: { saved: true } };
  },
};

/** One EventSource for the page, shared by every subscriber; it reconnects by itself if the host restarts. */
const listeners = new Set<(event: LiaisonEvent) => void>();
let source: BridgeEventSource | undefined;

const subscribeOverSse: Subscribe = (listener) => {
  listeners.add(listener);
  if (!source) {
    source = new browser.EventSource('/api/events');
    source.onmessage = (message) => {
      let event: LiaisonEvent;
      try {
        event = JSON.parse(message.data) as LiaisonEvent;
      } catch {
        return;
      }
      for (const each of listeners) each(event);
    };
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0) {
      source?.close();
      source = undefined;
    }
  };
};

// Like contextBridge.exposeInMainWorld: the page cannot replace or reconfigure the API.
Object.defineProperty(globalThis, 'liaison', {
  value: Object.freeze(buildApi(invokeOverHttp, subscribeOverSse, filesOverHttp)),
  writable: false,
  configurable: false,
  enumerable: true,
});
