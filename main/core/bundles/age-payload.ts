/**
 * Decrypts an age v1 file (https://age-encryption.org/v1) as a stream: the header (recipient stanzas and
 * its HMAC) is checked by the age-encryption library, and the payload, ChaCha20-Poly1305 in 64 KiB STREAM
 * chunks, by node's native cipher. The library's own payload decryption is pure JavaScript and made
 * decrypting a 65 MB bundle take seconds; native it is a small fraction of the import it precedes.
 * Every chunk is authenticated before any of its bytes is passed on.
 */
import { createDecipheriv, hkdfSync } from 'node:crypto';
import { Decrypter } from 'age-encryption';

const CHUNK = 64 * 1024;
const TAG = 16;
const SEALED = CHUNK + TAG;
const NONCE = 16;
/** Far above any real header (a stanza per recipient, ~130 bytes each, 100 recipients at most). */
const MAX_HEADER = 64 * 1024;

export class AgeError extends Error {
  constructor(
    readonly kind: 'wrong-recipient' | 'damaged' | 'truncated',
    message: string,
  ) {
    super(message);
  }
}

/** Where the header ends: after the line `--- <mac>\n`; undefined when not within `bytes`. */
function headerEnd(bytes: Uint8Array): number | undefined {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, MAX_HEADER)).toString('latin1');
  const at = text.indexOf('\n--- ');
  if (at < 0) return undefined;
  const end = text.indexOf('\n', at + 5);
  return end < 0 ? undefined : end + 1;
}

/** The plaintext size of a payload of `sealed` bytes (after the nonce); throws for an impossible one. */
export function agePlaintextSize(sealed: number): number {
  if (sealed < TAG) throw new AgeError('truncated', 'the encrypted payload is shorter than one authentication tag');
  const full = Math.floor(sealed / SEALED);
  const last = sealed % SEALED;
  if (last > 0 && last <= TAG) throw new AgeError('truncated', 'the encrypted payload ends inside a chunk tag');
  return sealed - full * TAG - (last > 0 ? TAG : 0);
}

/**
 * Decrypts `source` (chunks of a file of `fileBytes` bytes) with `identities`; resolves once the header
 * is verified, to the plaintext size and an iterator of authenticated plaintext chunks.
 */
export async function decryptAge(
  source: AsyncIterator<Uint8Array>,
  fileBytes: number,
  identities: readonly string[],
): Promise<{ plainBytes: number; chunks: AsyncIterator<Uint8Array> }> {
  let pending: Uint8Array = new Uint8Array(0);
  let done = false;
  const fill = async (need: number): Promise<boolean> => {
    while (pending.length < need && !done) {
      const next = await source.next();
      if (next.done) done = true;
      else pending = pending.length ? Buffer.concat([pending, next.value]) : next.value;
    }
    return pending.length >= need;
  };
  let end: number | undefined;
  while ((end = headerEnd(pending)) === undefined) {
    if (pending.length >= MAX_HEADER || done) throw new AgeError('damaged', 'the age header is damaged or too long');
    await fill(pending.length + 1);
  }
  const header = pending.subarray(0, end);
  const decrypter = new Decrypter();
  for (const identity of identities) decrypter.addIdentity(identity);
  let fileKey: Uint8Array;
  try {
    fileKey = await decrypter.decryptHeader(header);
  } catch (error) {
    const message = error instanceof Error ? error.message : '';
    if (/no identity matched/.test(message)) throw new AgeError('wrong-recipient', 'this vault is not one of the recipients the bundle was encrypted to');
    throw new AgeError('damaged', 'the encryption header is damaged');
  }
  pending = pending.subarray(end);
  if (!(await fill(NONCE))) throw new AgeError('truncated', 'the file ends inside the payload nonce');
  const key = Buffer.from(hkdfSync('sha256', fileKey, pending.subarray(0, NONCE), 'payload', 32));
  pending = pending.subarray(NONCE);
  const sealed = fileBytes - end - NONCE;
  const plainBytes = agePlaintextSize(sealed);
  const chunkCount = Math.max(1, Math.ceil(sealed / SEALED));
  let index = 0;
  const chunks: AsyncIterator<Uint8Array> = {
    async next() {
      if (index >= chunkCount) {
        if (pending.length > 0 || (await fill(1))) throw new AgeError('damaged', 'data follows the last encrypted chunk');
        return { value: undefined, done: true };
      }
      const last = index === chunkCount - 1;
      const size = last ? sealed - index * SEALED : SEALED;
      if (!(await fill(size))) throw new AgeError('truncated', 'the file ends inside an encrypted chunk');
      const box = pending.subarray(0, size);
      pending = pending.subarray(size);
      const nonce = Buffer.alloc(12);
      nonce.writeUIntBE(index, 5, 6); // an 11-byte big-endian counter; 6 bytes cover any file size here
      if (last) nonce[11] = 1;
      const decipher = createDecipheriv('chacha20-poly1305', key, nonce, { authTagLength: TAG });
      decipher.setAuthTag(box.subarray(box.length - TAG));
      let plain: Buffer;
      try {
        plain = Buffer.concat([decipher.update(box.subarray(0, box.length - TAG)), decipher.final()]);
      } catch {
        throw new AgeError('damaged', `encrypted chunk ${index} failed authentication (changed or cut)`);
      }
      if (last && plain.length === 0 && index > 0) throw new AgeError('damaged', 'the final encrypted chunk is empty');
      index += 1;
      return { value: plain, done: false };
    },
    async return() {
      await source.return?.();
      return { value: undefined, done: true };
    },
  };
  return { plainBytes, chunks };
}
