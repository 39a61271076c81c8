/**
 * STIX id -> ids of the indicators its object yielded, for the context that arrives at the end of a
 * bundle (relationships, sightings, reports). A million `type--uuid` strings in a Map cost ~95 MB; here
 * a standard id costs ~21 bytes: its UUID as four 32-bit words, its type as a small code and the
 * indicator id, in typed arrays with open addressing (linear probing). Ids of another shape (allowed by
 * nothing but seen in the wild) go to an ordinary Map.
 */
const STIX_ID_RE = /^([a-z0-9][a-z0-9-]*)--([0-9a-f]{8})-([0-9a-f]{4})-([0-9a-f]{4})-([0-9a-f]{4})-([0-9a-f]{4})([0-9a-f]{8})$/;

const MAX_LOAD = 0.75;
const MIN_CAPACITY = 1024;
/** Typed arrays hold ids below 2^32; SQLite could hand out more, so larger ones use the fallback too. */
const MAX_COMPACT_ID = 0xffffffff;

export class ExternalIdMap {
  private capacity: number;
  private size = 0;
  private words: Uint32Array;
  private types: Uint8Array;
  /** 0 = empty slot (indicator ids start at 1). */
  private ids: Uint32Array;
  private readonly typeCodes = new Map<string, number>();
  private readonly other = new Map<string, number[]>();

  /**
   * `expectedEntries` sizes the table up front: growing a table of a million entries briefly holds the
   * old and the new one, the peak an import's memory budget has to fit.
   */
  constructor(expectedEntries = 0) {
    this.capacity = Math.max(MIN_CAPACITY, Math.ceil(expectedEntries / MAX_LOAD) + 1);
    this.words = new Uint32Array(this.capacity * 4);
    this.types = new Uint8Array(this.capacity);
    this.ids = new Uint32Array(this.capacity);
  }

  /** Records that the object `externalId` yielded indicator `indicatorId` (idempotent). */
  add(externalId: string, indicatorId: number): void {
    const key = this.keyOf(externalId);
    if (!key || indicatorId < 1 || indicatorId > MAX_COMPACT_ID) return this.addOther(externalId, indicatorId);
    for (let slot = this.home(key); ; slot = (slot + 1) % this.capacity) {
      const id = this.ids[slot]!;
      if (id === 0) break;
      if (id === indicatorId && this.sameKey(slot, key)) return;
    }
    if ((this.size + 1) / this.capacity > MAX_LOAD) this.grow();
    this.place(key, indicatorId);
  }

  /** The indicator ids the object yielded; empty when unknown. */
  get(externalId: string): number[] {
    const key = this.keyOf(externalId);
    const found: number[] = [...(this.other.get(externalId) ?? [])];
    if (!key) return found;
    for (let slot = this.home(key); ; slot = (slot + 1) % this.capacity) {
      const id = this.ids[slot]!;
      if (id === 0) break;
      if (this.sameKey(slot, key)) found.push(id);
    }
    return found;
  }

  private addOther(externalId: string, indicatorId: number): void {
    const known = this.other.get(externalId);
    if (!known) this.other.set(externalId, [indicatorId]);
    else if (!known.includes(indicatorId)) known.push(indicatorId);
  }

  /** [typeCode, w0, w1, w2, w3], or undefined for an id that is not `type--uuid` (or a 256th type). */
  private keyOf(externalId: string): number[] | undefined {
    const m = STIX_ID_RE.exec(externalId);
    if (!m) return undefined;
    let code = this.typeCodes.get(m[1]!);
    if (code === undefined) {
      if (this.typeCodes.size === 256) return undefined;
      code = this.typeCodes.size;
      this.typeCodes.set(m[1]!, code);
    }
    return [code, parseInt(m[2]!, 16), parseInt(m[3]! + m[4]!, 16), parseInt(m[5]! + m[6]!, 16), parseInt(m[7]!, 16)];
  }

  private home(key: number[]): number {
    // FNV-1a over the five words: UUIDs are random enough, but version-1 or sequential ones are not.
    let h = 0x811c9dc5;
    for (const word of key) {
      h = Math.imul(h ^ (word & 0xffff), 0x01000193);
      h = Math.imul(h ^ (word >>> 16), 0x01000193);
    }
    return (h >>> 0) % this.capacity;
  }

  private sameKey(slot: number, key: number[]): boolean {
    const at = slot * 4;
    const w = this.words;
    return this.types[slot] === key[0] && w[at] === key[1] && w[at + 1] === key[2] && w[at + 2] === key[3] && w[at + 3] === key[4];
  }

  private place(key: number[], indicatorId: number): void {
    let slot = this.home(key);
    while (this.ids[slot] !== 0) slot = (slot + 1) % this.capacity;
    this.types[slot] = key[0]!;
    this.words.set(key.slice(1), slot * 4);
    this.ids[slot] = indicatorId;
    this.size += 1;
  }

  private grow(): void {
    const { words, types, ids, capacity } = this;
    // 1.5x, not 2x: the peak while both tables live is what counts at a million entries.
    this.capacity = Math.ceil(capacity * 1.5);
    this.words = new Uint32Array(this.capacity * 4);
    this.types = new Uint8Array(this.capacity);
    this.ids = new Uint32Array(this.capacity);
    this.size = 0;
    for (let slot = 0; slot < capacity; slot++) {
      const id = ids[slot]!;
      if (id === 0) continue;
      const at = slot * 4;
      this.place([types[slot]!, words[at]!, words[at + 1]!, words[at + 2]!, words[at + 3]!], id);
    }
  }
}
