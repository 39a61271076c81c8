/**
 * Watches JSON text stream by for a string longer than a limit, without parsing it: a gigabyte-long
 * string in an otherwise small bundle is refused while it streams in, not after it was buffered and
 * handed to JSON.parse. Escapes are followed so an escaped quote does not end the string.
 */
export class StringLengthGuard {
  private inString = false;
  private escaped = false;
  private length = 0;
  private longest = 0;

  constructor(private readonly limit: number) {}

  /** Feeds the next bytes; returns false as soon as a string exceeds the limit. */
  feed(chunk: Uint8Array): boolean {
    let inString = this.inString;
    let escaped = this.escaped;
    let length = this.length;
    for (let i = 0; i < chunk.length; i++) {
      const byte = chunk[i]!;
      if (!inString) {
        if (byte === 0x22) {
          inString = true;
          length = 0;
        }
        continue;
      }
      if (escaped) escaped = false;
      else if (byte === 0x5c) escaped = true;
      else if (byte === 0x22) {
        inString = false;
        if (length > this.longest) this.longest = length;
        continue;
      }
      length += 1;
      if (length > this.limit) return false;
    }
    this.inString = inString;
    this.escaped = escaped;
    this.length = length;
    return true;
  }
}
