/**
 * Counts repeated "not imported" reasons so a 1M-object file yields one note per reason, not a million.
 * Shared by the JSON-based parsers (STIX, MISP).
 */
import type { IngestNote } from '../ingest-record';

/** Tally of skipped items by reason, each with the first example seen. */
export class NoteTally {
  private readonly counts = new Map<string, { count: number; example?: string; location: string }>();

  /** Counts one occurrence of `reason`; the first `example` and `location` are kept. */
  add(reason: string, location: string, example?: string): void {
    const entry = this.counts.get(reason);
    if (entry) entry.count++;
    else this.counts.set(reason, { count: 1, example, location });
  }

  /** One note per reason, e.g. "3 × hash algorithm SHA3-256 has no indicator type (first: objects[4]…)". */
  notes(): IngestNote[] {
    return [...this.counts].map(([reason, { count, example, location }]) => ({
      location,
      message: `${count} × not imported: ${reason}${example === undefined ? '' : ` (e.g. ${truncate(example)})`}`,
    }));
  }
}

function truncate(text: string): string {
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}
