/**
 * The sightings of one import whose TLP is only the import's default (`--tlp`), because no record of
 * the file marked the value. A marked record of the same value, later in the file, replaces that
 * default instead of adding to it: a STIX bundle whose indicators are TLP:CLEAR and whose observables
 * carry no marking is CLEAR, not the AMBER an analyst's default would make of the pair.
 */
export class DefaultedSightings {
  /** Indicators this import created: a bit per id from the first one (ids only grow within an import). */
  private bits = new Uint8Array(1024);
  private base = -1;
  /** Indicators that existed before the import, with their TLP rank before it. */
  private readonly existing = new Map<number, number>();

  markNew(id: number): void {
    if (this.base < 0) this.base = id;
    const at = id - this.base;
    if (at < 0) return void this.existing.set(id, -1);
    if (at >> 3 >= this.bits.length) {
      const grown = new Uint8Array(Math.max(this.bits.length * 2, (at >> 3) + 1));
      grown.set(this.bits);
      this.bits = grown;
    }
    this.bits[at >> 3]! |= 1 << (at & 7);
  }

  markExisting(id: number, rankBefore: number): void {
    this.existing.set(id, rankBefore);
  }

  has(id: number): boolean {
    if (this.existing.has(id)) return true;
    const at = id - this.base;
    return this.base >= 0 && at >= 0 && at >> 3 < this.bits.length && (this.bits[at >> 3]! & (1 << (at & 7))) !== 0;
  }

  /**
   * Forgets that the sighting was defaulted (a marked record has spoken) and returns the indicator's TLP
   * rank before the import: -1 when the import created it. Undefined when it was not defaulted.
   */
  take(id: number): number | undefined {
    const before = this.existing.get(id);
    if (before !== undefined) {
      this.existing.delete(id);
      return before;
    }
    if (!this.has(id)) return undefined;
    const at = id - this.base;
    this.bits[at >> 3]! &= ~(1 << (at & 7));
    return -1;
  }
}
