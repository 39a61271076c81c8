/**
 * A mark, with a value, on some of the sightings one import writes (see the writer for the marks it
 * keeps). Indicators the import created get a bit each from the first one, since ids only grow within
 * an import: a million of them cost 125 kB rather than a million map entries. Indicators that existed
 * before the import are few and go in a map.
 */
export class SightingMarks<T> {
  private bits = new Uint8Array(1024);
  private base = -1;
  private readonly existing = new Map<number, T>();

  /** `valueOfNew` is what take() returns for an indicator the import created. */
  constructor(private readonly valueOfNew: T) {}

  markNew(id: number): void {
    if (this.base < 0) this.base = id;
    const at = id - this.base;
    if (at < 0) return void this.existing.set(id, this.valueOfNew);
    if (at >> 3 >= this.bits.length) {
      const grown = new Uint8Array(Math.max(this.bits.length * 2, (at >> 3) + 1));
      grown.set(this.bits);
      this.bits = grown;
    }
    this.bits[at >> 3]! |= 1 << (at & 7);
  }

  markExisting(id: number, value: T): void {
    this.existing.set(id, value);
  }

  has(id: number): boolean {
    if (this.existing.has(id)) return true;
    const at = id - this.base;
    return this.base >= 0 && at >= 0 && at >> 3 < this.bits.length && (this.bits[at >> 3]! & (1 << (at & 7))) !== 0;
  }

  /** Removes the mark and returns its value; undefined when the sighting was not marked. */
  take(id: number): T | undefined {
    if (this.existing.has(id)) {
      const value = this.existing.get(id)!;
      this.existing.delete(id);
      return value;
    }
    if (!this.has(id)) return undefined;
    const at = id - this.base;
    this.bits[at >> 3]! &= ~(1 << (at & 7));
    return this.valueOfNew;
  }
}
