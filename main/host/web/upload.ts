import type { IncomingMessage } from 'node:http';
import { MAX_UPLOAD_BYTES, type FileGrant, type Result } from '../../../preload/contract';
import type { GrantedFile } from '../../core/session';
import type { CoreClient } from '../core-client';

export const FILES_HEADER = 'x-liaison-files';
export const MAX_UPLOAD_FILES = 100;
const MAX_NAME_LENGTH = 255;

export type UploadOutcome = { status: number; body: Result<FileGrant> } | { status: 413 | 415; body?: undefined };

interface FileMeta {
  name: string;
  size: number;
}

function invalid(message: string): UploadOutcome {
  return { status: 400, body: { ok: false, error: { code: 'INVALID_INPUT', message } } };
}

function isFileMeta(value: unknown): value is FileMeta {
  if (typeof value !== 'object' || value === null) return false;
  const { name, size } = value as Record<string, unknown>;
  return (
    typeof name === 'string' &&
    name.length > 0 &&
    name.length <= MAX_NAME_LENGTH &&
    // A label only (the core never opens it as a path), but keep it printable and free of separators.
    ![...name].some((char) => char < ' ' || char === '\u007f' || char === '/' || char === '\\') &&
    typeof size === 'number' &&
    Number.isSafeInteger(size) &&
    size >= 0
  );
}

/** The file list travels URI-encoded JSON in a header, so the body can be the files' bytes back to back. */
function readManifest(request: IncomingMessage): FileMeta[] | undefined {
  const header = request.headers[FILES_HEADER];
  if (typeof header !== 'string') return undefined;
  try {
    const parsed: unknown = JSON.parse(decodeURIComponent(header));
    if (!Array.isArray(parsed) || parsed.length === 0 || parsed.length > MAX_UPLOAD_FILES) return undefined;
    return parsed.every(isFileMeta) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Reads the body as it arrives, within the declared total (which the caller has capped): memory follows the
 * bytes actually received, never the sizes a request merely claims, and a chunked body (no Content-Length)
 * is counted the same way (issue #15 item 10: the declared sizes were allocated before any byte was read,
 * and a chunked body skipped the length check). Each file gets its own ArrayBuffer, never a slice of a
 * pooled Buffer: the core client transfers these buffers to the worker, and transferring a shared or
 * pooled buffer would fail or detach unrelated memory. Undefined when the body is not the declared size.
 */
async function readFiles(request: IncomingMessage, manifest: FileMeta[]): Promise<Uint8Array[] | undefined> {
  const files: Uint8Array[] = [];
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  // Completes every file whose bytes are all in: copied into its own buffer, the chunks let go.
  const settle = (): void => {
    while (files.length < manifest.length && pendingBytes >= manifest[files.length]!.size) {
      const size = manifest[files.length]!.size;
      const joined = Buffer.concat(pending, pendingBytes);
      const file = new Uint8Array(new ArrayBuffer(size));
      file.set(joined.subarray(0, size));
      files.push(file);
      const rest = joined.subarray(size);
      pending = rest.length > 0 ? [Buffer.from(rest)] : [];
      pendingBytes = rest.length;
    }
  };
  settle();
  for await (const chunk of request as AsyncIterable<Buffer>) {
    if (files.length === manifest.length) return undefined;
    pending.push(chunk);
    pendingBytes += chunk.length;
    settle();
  }
  return files.length === manifest.length && pendingBytes === 0 ? files : undefined;
}

/** `POST /api/files`: the browser's stand-in for the desktop file dialog; answers with a single-use grant. */
export async function handleUpload(request: IncomingMessage, core: CoreClient, limit: number = MAX_UPLOAD_BYTES): Promise<UploadOutcome> {
  if ((request.headers['content-type'] ?? '').split(';')[0]?.trim() !== 'application/octet-stream') return { status: 415 };
  const manifest = readManifest(request);
  if (!manifest) return invalid('The upload does not describe its files.');
  const total = manifest.reduce((sum, meta) => sum + meta.size, 0);
  if (total > limit) return { status: 413 };
  const declared = request.headers['content-length'];
  if (declared !== undefined && Number(declared) !== total) return invalid('The upload is not the size it claims.');
  const contents = await readFiles(request, manifest);
  if (!contents) return invalid('The upload is not the size it claims.');
  const files: GrantedFile[] = manifest.map((meta, i) => ({ kind: 'bytes', name: meta.name, bytes: contents[i]! }));
  return { status: 200, body: await core.grant(files) };
}
