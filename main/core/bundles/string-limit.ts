/**
 * Watches JSON text stream by, without parsing it: a string longer than the limit is refused while it
 * streams in (not after it was buffered and handed to JSON.parse), and the objects directly inside the
 * top-level object's array (a STIX bundle's `objects`) are counted, so the signed count can be checked
 * without building the whole tree. Escapes are followed so an escaped quote does not end a string.
 */
export class StringLengthGuard {
  private inString = false;
  private escaped = false;
  private length = 0;
  private depth = 0;
  /** `{` opened at depth 2: the elements of the bundle's objects array. */
  objects = 0;

  constructor(private readonly limit: number) {}

  /** Feeds the next bytes; returns false as soon as a string exceeds the limit. */
  feed(chunk: Uint8Array): boolean {
    let { inString, escaped, length, depth, objects } = this;
    const limit = this.limit;
    const bytes = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    const n = bytes.length;
    // Strings are most of a STIX bundle's bytes: inside one, jump to the next quote or backslash with the
    // native search (each position found once per chunk) instead of looking at every byte in JavaScript.
    let nextQuote = -1;
    let nextBackslash = -1;
    let i = 0;
    while (i < n) {
      if (!inString) {
        const byte = bytes[i]!;
        i += 1;
        if (byte === 0x22) {
          inString = true;
          length = 0;
        } else if (byte === 0x7b || byte === 0x5b) {
          if (byte === 0x7b && depth === 2) objects += 1;
          depth += 1;
        } else if (byte === 0x7d || byte === 0x5d) depth -= 1;
        continue;
      }
      if (escaped) {
        escaped = false;
        length += 1;
        i += 1;
      } else {
        if (nextQuote < i) nextQuote = indexOrEnd(bytes, 0x22, i);
        if (nextBackslash < i) nextBackslash = indexOrEnd(bytes, 0x5c, i);
        const stop = Math.min(nextQuote, nextBackslash);
        length += stop - i;
        i = stop;
        if (i < n) {
          i += 1;
          if (stop === nextBackslash) {
            escaped = true;
            length += 1;
          } else inString = false;
        }
      }
      if (length > limit) return false;
    }
    Object.assign(this, { inString, escaped, length, depth, objects });
    return true;
  }
}

function indexOrEnd(bytes: Buffer, byte: number, from: number): number {
  const at = bytes.indexOf(byte, from);
  return at < 0 ? bytes.length : at;
}
