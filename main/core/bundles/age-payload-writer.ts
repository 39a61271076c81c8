/**
 * Encrypts to age v1 recipients (https://age-encryption.org/v1) as a stream: the header (recipient stanzas
 * and its HMAC) is made by the age-encryption library, and the payload, ChaCha20-Poly1305 in 64 KiB STREAM
 * chunks, by node's native cipher. The library's own payload encryption is pure JavaScript and buffers
 * the whole file; for a 65 MB bundle that was most of the export's cipher time and two more copies of it.
 */
import { createCipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { Encrypter, type Recipient } from 'age-encryption';

const CHUNK = 64 * 1024;
const TAG = 16;
const NONCE = 16;

/** Receives the encrypted file in order. */
export type ByteSink = (bytes: Uint8Array) => void;

/**
 * The age header for `recipients` and the file key it wraps. The library writes the stanzas and the MAC;
 * an extra recipient that wraps nothing (it adds no stanza) hands us the file key it was given, so the
 * payload can be sealed natively under the very key the header carries.
 */
async function ageHeader(recipients: readonly string[]): Promise<{ header: Uint8Array; fileKey: Uint8Array }> {
  if (recipients.length === 0) throw new RangeError('age encryption needs at least one recipient');
  const encrypter = new Encrypter();
  for (const recipient of recipients) encrypter.addRecipient(recipient);
  let fileKey: Uint8Array | undefined;
  const keyTap: Recipient = {
    wrapFileKey(key) {
      fileKey = Uint8Array.from(key);
      return [];
    },
  };
  encrypter.addRecipient(keyTap);
  // An empty file is the header, the 16-byte payload nonce and one empty final chunk (its 16-byte tag).
  const empty = await encrypter.encrypt(new Uint8Array(0));
  const header = empty.subarray(0, empty.length - NONCE - TAG);
  const text = Buffer.from(header).toString('latin1');
  if (!fileKey || !text.startsWith('age-encryption.org/v1\n') || !/\n--- [A-Za-z0-9+/]{43}\n$/.test(text)) {
    throw new Error('the age library produced an unexpected header');
  }
  return { header: Uint8Array.from(header), fileKey };
}

/** Seals plaintext written in any piece sizes into 64 KiB STREAM chunks; `end` seals the final one. */
export class AgePayloadWriter {
  private readonly buffer = Buffer.alloc(CHUNK);
  private filled = 0;
  private counter = 0;
  private ended = false;

  private constructor(
    private readonly key: Buffer,
    private readonly sink: ByteSink,
  ) {}

  /** Writes the header and payload nonce to `sink` and returns the writer for the plaintext. */
  static async open(recipients: readonly string[], sink: ByteSink): Promise<AgePayloadWriter> {
    const { header, fileKey } = await ageHeader(recipients);
    const nonce = randomBytes(NONCE);
    const key = Buffer.from(hkdfSync('sha256', fileKey, nonce, 'payload', 32));
    fileKey.fill(0);
    sink(header);
    sink(nonce);
    return new AgePayloadWriter(key, sink);
  }

  write(bytes: Uint8Array): void {
    if (this.ended) throw new Error('write after end');
    let at = 0;
    while (at < bytes.length) {
      // A full chunk is sealed only once more data arrives: the last chunk carries the final flag, and
      // it may be full (a payload of exactly 64 KiB is one final chunk, not a full one and an empty one).
      if (this.filled === CHUNK) this.seal(false);
      const take = Math.min(CHUNK - this.filled, bytes.length - at);
      this.buffer.set(bytes.subarray(at, at + take), this.filled);
      this.filled += take;
      at += take;
    }
  }

  end(): void {
    if (this.ended) return;
    this.seal(true);
    this.ended = true;
    this.key.fill(0);
  }

  private seal(last: boolean): void {
    const nonce = Buffer.alloc(12);
    nonce.writeUIntBE(this.counter, 5, 6); // an 11-byte big-endian counter; 6 bytes cover any file size here
    if (last) nonce[11] = 1;
    const cipher = createCipheriv('chacha20-poly1305', this.key, nonce, { authTagLength: TAG });
    this.sink(cipher.update(this.buffer.subarray(0, this.filled)));
    cipher.final();
    this.sink(cipher.getAuthTag());
    this.counter += 1;
    this.filled = 0;
  }
}
