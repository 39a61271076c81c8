import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { WorkbenchError } from '../../errors';

/** A file being streamed: its first bytes (for format detection), a running SHA-256 and a byte count. */
export interface TrackedFile {
  head(): Promise<Uint8Array>;
  chunks: AsyncIterable<Uint8Array>;
  bytesRead(): number;
  sha256(): string;
}

const CHUNK_BYTES = 1 << 20;
const HEAD_BYTES = 8192;

/** Hashes chunks as they pass, so provenance costs no second read; stops when the signal aborts. */
function tracked(source: () => AsyncIterable<Uint8Array> | Iterable<Uint8Array>, head: () => Promise<Uint8Array>, signal?: AbortSignal): TrackedFile {
  const hash = createHash('sha256');
  let bytes = 0;
  let digest: string | undefined;
  async function* chunks(): AsyncGenerator<Uint8Array> {
    for await (const chunk of source()) {
      if (signal?.aborted) throw new WorkbenchError('CANCELLED', 'Import cancelled.');
      hash.update(chunk);
      bytes += chunk.length;
      yield chunk;
    }
  }
  return { head, chunks: chunks(), bytesRead: () => bytes, sha256: () => (digest ??= hash.digest('hex')) };
}

/** Streams a file from disk in 1 MiB chunks. */
export function trackFile(path: string, signal?: AbortSignal): TrackedFile {
  return tracked(
    () => createReadStream(path, { highWaterMark: CHUNK_BYTES }) as AsyncIterable<Buffer>,
    () => readHead(path),
    signal,
  );
}

/** Streams uploaded bytes in the same chunk size, so parsers see one shape of input. */
export function trackBytes(bytes: Uint8Array, signal?: AbortSignal): TrackedFile {
  return tracked(
    function* () {
      for (let offset = 0; offset < bytes.length; offset += CHUNK_BYTES) yield bytes.subarray(offset, offset + CHUNK_BYTES);
    },
    () => Promise.resolve(bytes.subarray(0, HEAD_BYTES)),
    signal,
  );
}

/** The first bytes of a file on disk (format detection, and recognising a feed's parts). */
export async function readHead(path: string): Promise<Uint8Array> {
  const handle = await open(path, 'r');
  try {
    const buffer = new Uint8Array(HEAD_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, HEAD_BYTES, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}
