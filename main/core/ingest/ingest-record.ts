/**
 * The one record shape every parser (text, csv, stix, misp) yields, and the parser contract.
 * Parsers are pure: bytes in, items out; no database, no Electron.
 */
import type { IndicatorType } from '../indicators/indicator-type';
import type { TlpLevel } from '../indicators/tlp-level';

export { TLP_LEVELS, type TlpLevel } from '../indicators/tlp-level';

export type IndicatorContextKind =
  | 'malware'
  | 'threat-actor'
  | 'campaign'
  | 'intrusion-set'
  | 'infrastructure'
  | 'attack-pattern'
  | 'galaxy'
  | 'kill-chain-phase'
  | 'pattern'
  | 'snippet'
  | 'other';

/** Context a source attached to an indicator (STIX relationships, MISP galaxies, a text snippet). */
export interface IndicatorContext {
  kind: IndicatorContextKind;
  name: string;
  ref?: string;
  detail?: string;
}

export interface IngestRecord {
  /** null = let the model detect the type from the value. */
  type: IndicatorType | null;
  /** The source's own type name (MISP 'ip-dst', STIX 'ipv4-addr:value', a CSV cell) for messages. */
  typeHint?: string;
  /** Raw value as received (may be defanged). */
  value: string;
  /** Place in the file for messages: 'line 12', 'line 3, column "ioc"', 'objects[1532]'. */
  location: string;
  tlp?: TlpLevel;
  /** ISO 8601. */
  firstSeen?: string;
  lastSeen?: string;
  validFrom?: string;
  validUntil?: string;
  /** 0-100. */
  confidence?: number;
  labels?: string[];
  tags?: string[];
  comment?: string;
  /** The STIX pattern the value was extracted from. */
  pattern?: string;
  /** The text around the value in a report. */
  snippet?: string;
  context?: IndicatorContext[];
  /** Sightings reported by the source; absent means 1 for this record. */
  sightings?: number;
  toIds?: boolean;
  /** STIX id / MISP uuid of the object the value came from. */
  externalId?: string;
  /**
   * The report the record belongs to when one file holds several (a MISP event of a feed or a response
   * list): a value named again in another report of the file is another sighting.
   */
  report?: string;
}

/**
 * The part of a location that names the source record (a CSV line, a STIX object): values whose locations
 * share it came in one record (`line 12, column "md5"` and `line 12, column "sha256"`). Migration 0070
 * applies the same rule in SQL to sightings stored before records were numbered.
 */
export function recordKeyOf(location: string): string {
  const comma = location.indexOf(', column ');
  return comma < 0 ? location : location.slice(0, comma);
}

/**
 * A value or row the parser could not turn into a record. A reason starting with
 * AMBIGUOUS_PREFIX ('ambiguous: ') marks a candidate that might be an indicator (e.g. `invoice.zip`)
 * and is listed for the analyst rather than imported.
 */
export interface IngestReject {
  location: string;
  reason: string;
  value?: string;
}

/** Something the analyst should know about the file as a whole (e.g. it was decoded as windows-1252). */
export interface IngestNote {
  location: string;
  message: string;
}

export type IngestItem =
  | { kind: 'record'; record: IngestRecord }
  | { kind: 'reject'; reject: IngestReject }
  | { kind: 'note'; note: IngestNote };

export const AMBIGUOUS_PREFIX = 'ambiguous: ';

/** True when a reject is an ambiguity to show the analyst, not an error. */
export function isAmbiguity(reject: IngestReject): boolean {
  return reject.reason.startsWith(AMBIGUOUS_PREFIX);
}

export interface ParseProgress {
  bytesRead: number;
  bytesTotal?: number;
  records: number;
}

export interface ParserContext {
  fileName: string;
  signal?: AbortSignal;
  onProgress?: (p: ParseProgress) => void;
  /** Size of the input when known, echoed in progress events. */
  bytesTotal?: number;
}

export type ParserInput = AsyncIterable<Uint8Array> | NodeJS.ReadableStream;

/** A parser turns a byte stream into an async stream of items; fatal errors throw IngestError. */
export type Parser = (input: ParserInput, ctx: ParserContext) => AsyncIterable<IngestItem>;

/** A fatal parse error, naming the file and the place in it. */
export class IngestError extends Error {
  override readonly name = 'IngestError';
  constructor(
    readonly file: string,
    readonly location: string,
    readonly reason: string,
  ) {
    super(`${file}: ${location}: ${reason}`);
  }
}
