/**
 * A late addition to records already yielded, matched by `externalId` (the STIX id).
 *
 * A stream cannot be read twice, and STIX lets a relationship, sighting, report or marking come after
 * the indicator it talks about. The STIX parser therefore yields each record at once with what it knows,
 * and at the end of the file one `context` item per object that later objects said something about.
 * All `context` items come after all `record` items. The import job applies an update to every record
 * with the same externalId from the same file: append `context` and `tags`, narrow `tlp` to the more
 * restrictive level, add `sightings`, widen `firstSeen`/`lastSeen`.
 *
 * This extends IngestItem (main/core/ingest/ingest-record.ts) for the lead to fold in.
 */
import type { IndicatorContext, IngestItem, TlpLevel } from '../ingest-record';

export interface IngestContextUpdate {
  externalId: string;
  /** Where the information came from, for messages (e.g. 'objects[12] (relationship--…)'). */
  location: string;
  context?: IndicatorContext[];
  tlp?: TlpLevel;
  tags?: string[];
  sightings?: number;
  firstSeen?: string;
  lastSeen?: string;
}

/** What the STIX parser yields: the shared IngestItem plus deferred context updates. */
export type StixIngestItem = IngestItem | { kind: 'context'; update: IngestContextUpdate };
