/**
 * The test server's data: collections holding every version of every object, with the server's own
 * `date_added` per version (TAXII 2.1 §3.4: objects are ordered by date added, and `added_after`
 * compares against it), and status resources for POSTs (§4.3).
 */

export interface StoredVersion {
  id: string;
  version: string;
  dateAdded: string;
  object: Record<string, unknown>;
}

export interface CollectionInfo {
  id: string;
  title: string;
  canRead: boolean;
  canWrite: boolean;
}

export interface StatusDetail {
  id: string;
  version: string;
  message?: string;
}

export interface StatusResource {
  id: string;
  status: 'complete' | 'pending';
  request_timestamp: string;
  total_count: number;
  success_count: number;
  failure_count: number;
  pending_count: number;
  successes: StatusDetail[];
  failures: StatusDetail[];
  pendings: StatusDetail[];
}

export class TaxiiCollection {
  /** In date-added order: appends only, so a page is a slice. */
  readonly versions: StoredVersion[] = [];
  private readonly byKey = new Map<string, StoredVersion>();
  /** How many times each id+version was POSTed, duplicates included (tests assert "never resent"). */
  readonly receipts = new Map<string, number>();

  constructor(readonly info: CollectionInfo) {}

  /** Adds a version unless it is already held (TAXII servers treat a repeated id+version as a success). */
  add(object: Record<string, unknown>, dateAdded: string): 'added' | 'exists' {
    const id = String(object.id);
    const version = objectVersion(object);
    const key = `${id}|${version}`;
    this.receipts.set(key, (this.receipts.get(key) ?? 0) + 1);
    if (this.byKey.has(key)) return 'exists';
    const stored = { id, version, dateAdded, object };
    this.byKey.set(key, stored);
    this.versions.push(stored);
    return 'added';
  }

  /** Every version of one object, oldest version first. */
  versionsOf(id: string): StoredVersion[] {
    return this.versions.filter((v) => v.id === id).sort((a, b) => (a.version < b.version ? -1 : a.version > b.version ? 1 : 0));
  }

  private latestCache: { size: number; list: StoredVersion[] } | undefined;

  /** The newest version of every object, in date-added order of those versions (cached until a version is added). */
  latest(): StoredVersion[] {
    if (this.latestCache?.size === this.versions.length) return this.latestCache.list;
    const newest = new Map<string, StoredVersion>();
    for (const v of this.versions) {
      const held = newest.get(v.id);
      if (!held || v.version > held.version) newest.set(v.id, v);
    }
    const list = [...newest.values()].sort((a, b) => (a.dateAdded < b.dateAdded ? -1 : a.dateAdded > b.dateAdded ? 1 : 0));
    this.latestCache = { size: this.versions.length, list };
    return list;
  }
}

/** `modified`, else `created`, else the fixed version TAXII gives objects without either (§3.4.1). */
export function objectVersion(object: Record<string, unknown>): string {
  if (typeof object.modified === 'string') return object.modified;
  if (typeof object.created === 'string') return object.created;
  return '1970-01-01T00:00:00.000Z';
}

/**
 * Timestamps with microsecond precision, strictly increasing: real servers (medallion, OpenCTI) give
 * more digits than JavaScript's milliseconds, which is why clients must pass `added_after` back verbatim.
 */
export class MicrosecondClock {
  private last = 0n;

  constructor(private readonly nowMs: () => number = Date.now) {}

  next(): string {
    let micros = BigInt(this.nowMs()) * 1000n;
    if (micros <= this.last) micros = this.last + 1n;
    this.last = micros;
    const ms = Number(micros / 1000n);
    const iso = new Date(ms).toISOString();
    return `${iso.slice(0, 23)}${String(micros % 1000n).padStart(3, '0')}Z`;
  }
}
