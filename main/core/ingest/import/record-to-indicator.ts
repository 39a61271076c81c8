import { canonicalize, correlationKeys, detectType } from '../../indicators';
import type { IndicatorWrite } from '../../vault/queries/indicator-writes';
import { tlpRank } from '../../vault/queries/tlp-rank';
import type { IngestRecord, TlpLevel } from '../ingest-record';

export type RecordOutcome = { ok: true; indicator: IndicatorWrite } | { ok: false; reason: string };

/**
 * Turns what a parser read into the canonical row the vault stores: detects the type when the source
 * gave none, canonicalises (refang included), and applies the source's default TLP when the record
 * carries no marking of its own.
 */
export function recordToIndicator(record: IngestRecord, defaultTlp: TlpLevel): RecordOutcome {
  const type = record.type ?? detectType(record.value);
  if (!type) return { ok: false, reason: `not a recognised indicator${record.typeHint ? ` (type "${record.typeHint}")` : ''}` };
  const canonical = canonicalize(type, record.value);
  if (!canonical.ok) return { ok: false, reason: canonical.reason };
  const firstSeen = instant(record.firstSeen);
  const validFrom = instant(record.validFrom);
  // A feed giving a day for "last online" and a time for "first seen" (Feodo Tracker) would otherwise
  // store a last sighting hours before the first one.
  const lastSeen = laterOf(instant(record.lastSeen), firstSeen);
  const stated = record.sightings !== undefined && Number.isSafeInteger(record.sightings) && record.sightings > 0;
  return {
    ok: true,
    indicator: {
      type: canonical.type,
      value: canonical.value,
      display: canonical.display ?? null,
      tlpRank: tlpRank(record.tlp ?? defaultTlp),
      tlpDefaulted: record.tlp === undefined,
      flags: canonical.flags.length ? canonical.flags.join(',') : null,
      confidence: validConfidence(record.confidence),
      firstSeen: firstSeen ?? validFrom,
      lastSeen: lastSeen ?? validFrom,
      validFrom,
      validUntil: instant(record.validUntil),
      sightings: stated ? record.sightings! : 1,
      sightingsStated: stated,
      // Always present (undefined when absent): a conditional spread would give these objects, a
      // million of them in flight, a slower and larger shape.
      report: record.report,
      location: record.location,
      ...correlationKeys(canonical.type, canonical.value),
      pattern: record.pattern ?? null,
      comment: record.comment ?? null,
      snippet: record.snippet ?? null,
    },
  };
}

/**
 * Sources write times in many ISO 8601 shapes (`+00:00`, microseconds, no zone); the vault keeps one
 * (UTC, milliseconds, `Z`) so that comparing the strings compares the instants.
 */
export function instant(value: string | undefined): string | null {
  if (!value) return null;
  // Feeds repeat the same few timestamps (an export time, a campaign date): parsing each once matters
  // at a million records. The memo is bounded; when full it starts over.
  const known = instants.get(value);
  if (known !== undefined) return known;
  const ms = Date.parse(value);
  const result = Number.isNaN(ms) ? null : new Date(ms).toISOString();
  if (instants.size >= MAX_REMEMBERED_INSTANTS) instants.clear();
  instants.set(value, result);
  return result;
}

const MAX_REMEMBERED_INSTANTS = 4096;

/** The later of two canonical instants (same format, so string order is time order); null when both are. */
function laterOf(a: string | null, b: string | null): string | null {
  if (a === null) return b;
  return b !== null && b > a ? b : a;
}
const instants = new Map<string, string | null>();

function validConfidence(value: number | undefined): number | null {
  return value !== undefined && Number.isFinite(value) && value >= 0 && value <= 100 ? Math.round(value) : null;
}
