/**
 * Exact reads over a stream of chunks, counting the offset, so the tar reader can take a header, a part
 * or its padding without ever holding more than one chunk it did not ask for.
 */
export class ByteReader {
  private pending: Uint8Array = new Uint8Array(0);
  private offset = 0;
  private done = false;

  constructor(private readonly chunks: AsyncIterator<Uint8Array>) {}

  /** Bytes consumed so far. */
  get position(): number {
    return this.offset;
  }

  /** Exactly `n` bytes, or `undefined` when the stream ends first (a truncated file). */
  async read(n: number): Promise<Uint8Array | undefined> {
    const out = new Uint8Array(n);
    let filled = 0;
    const ok = await this.stream(n, (chunk) => {
      out.set(chunk, filled);
      filled += chunk.length;
    });
    return ok ? out : undefined;
  }

  /**
   * Passes the next `n` bytes to `sink` chunk by chunk; false when the stream ends first, or when `sink`
   * returns false (it refused what it saw: nothing more is read, or decrypted).
   */
  async stream(n: number, sink: (chunk: Uint8Array) => boolean | void): Promise<boolean> {
    let left = n;
    while (left > 0) {
      if (this.pending.length === 0) {
        const next = await this.nextChunk();
        if (!next) return false;
        this.pending = next;
      }
      const take = Math.min(left, this.pending.length);
      const more = sink(this.pending.subarray(0, take));
      this.pending = this.pending.subarray(take);
      this.offset += take;
      left -= take;
      if (more === false) return false;
    }
    return true;
  }

  /** True when nothing is left. */
  async atEnd(): Promise<boolean> {
    while (this.pending.length === 0) {
      const next = await this.nextChunk();
      if (!next) return true;
      this.pending = next;
    }
    return false;
  }

  private async nextChunk(): Promise<Uint8Array | undefined> {
    if (this.done) return undefined;
    const { value, done } = await this.chunks.next();
    if (done) {
      this.done = true;
      return undefined;
    }
    return value;
  }
}
