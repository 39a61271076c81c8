/**
 * The compact in-memory index that lets one streaming pass resolve references in either direction.
 *
 * Kept: names of the few context objects (malware, actors, identities, reports…), marking meanings,
 * and per indicator/observable id only the references that could not be resolved yet or that arrive
 * after its record (relationships, sightings, reports). Indicators themselves are never buffered, so
 * memory grows with the number of references, not with the size of the bundle.
 */
import type { IndicatorContext, IndicatorContextKind, TlpLevel } from '../ingest-record';
import type { IngestContextUpdate } from './context-update';
import { interpretMarkingDefinition, mostRestrictiveTlp, TLP_MARKING_IDS } from './tlp-markings';
import type { MarkingMeaning } from './tlp-markings';

const NAMED_KINDS: Readonly<Record<string, IndicatorContextKind>> = {
  malware: 'malware',
  'threat-actor': 'threat-actor',
  campaign: 'campaign',
  'intrusion-set': 'intrusion-set',
  infrastructure: 'infrastructure',
  'attack-pattern': 'attack-pattern',
  tool: 'other',
  identity: 'other',
  report: 'other',
  grouping: 'other',
  vulnerability: 'other',
};

// STIX 2.1 §6 cyber-observable types (plus indicator and observed-data): the things records come from.
const RECORD_SOURCES: ReadonlySet<string> = new Set([
  'indicator', 'observed-data', 'ipv4-addr', 'ipv6-addr', 'domain-name', 'url', 'email-addr', 'email-message',
  'file', 'artifact', 'mutex', 'windows-registry-key', 'autonomous-system', 'network-traffic', 'x509-certificate',
  // OpenCTI's own observable types.
  'cryptocurrency-wallet', 'user-agent',
]);

/** The STIX type of an id (`malware--…` → 'malware'). */
export function stixTypeOf(id: string): string {
  const at = id.indexOf('--');
  return at < 0 ? '' : id.slice(0, at);
}

/** True when records are yielded for objects with this id (indicators, observed-data, SCOs). */
export function isRecordSource(id: string): boolean {
  return RECORD_SOURCES.has(stixTypeOf(id));
}

/** True when the object type is a context object whose name the index keeps. */
export function isNamedContextType(type: string): boolean {
  return type in NAMED_KINDS;
}

export type DeferredKind = 'rel' | 'report' | 'marking' | 'identity' | 'negative';
const SEP = '\u001f';

/** Encodes a pending reference compactly (one string per reference keeps the index small). */
export function deferredRef(kind: DeferredKind, id: string, relationshipType = ''): string {
  return `${kind}${SEP}${id}${SEP}${relationshipType}`;
}

interface Pending {
  location: string;
  refs: string[]; // built by deferredRef
  sightings: number;
  firstSeen?: string;
  lastSeen?: string;
}

/** Index of names, markings and pending references for one bundle. */
export class StixContextIndex {
  private readonly names = new Map<string, { kind: IndicatorContextKind; name: string; detail?: string }>();
  private readonly markings = new Map<string, MarkingMeaning>();
  private readonly pending = new Map<string, Pending>();
  // Relationships between two context objects (malware uses attack-pattern, campaign attributed-to
  // intrusion-set): the second hop shown with an indicator. Keyed by both ends; few per bundle.
  private readonly links = new Map<string, { from: string; to: string; type: string }[]>();

  /** Remembers a context object's name (malware, identity, report…); `detail` replaces the bare type. */
  addNamed(type: string, id: string, name: string, detail?: string): void {
    const kind = NAMED_KINDS[type] ?? 'other';
    this.names.set(id, { kind, name, detail: detail ?? (kind === 'other' ? type : undefined) });
  }

  /** Remembers a relationship between two context objects, for the second hop out from an indicator. */
  addLink(from: string, to: string, type: string): void {
    const link = { from, to, type };
    for (const end of [from, to]) {
      const list = this.links.get(end);
      if (list) list.push(link);
      else this.links.set(end, [link]);
    }
  }

  /** Remembers what a marking-definition means. */
  addMarking(object: Record<string, unknown>, id: string): void {
    this.markings.set(id, interpretMarkingDefinition(object));
  }

  /** The name of an identity already seen, for created_by_ref. */
  nameOf(id: string): string | undefined {
    return this.names.get(id)?.name;
  }

  /** Resolves markings known now; the others are remembered against `ownerId` for the end. */
  resolveMarkings(refs: readonly string[], ownerId: string, location: string): { tlp?: TlpLevel; tags: string[] } {
    let tlp: TlpLevel | undefined;
    const tags: string[] = [];
    for (const ref of refs) {
      const meaning = this.markings.get(ref) ?? (TLP_MARKING_IDS[ref] ? { tlp: TLP_MARKING_IDS[ref] } : undefined);
      if (!meaning) this.defer(ownerId, location, deferredRef('marking', ref));
      else if ('tlp' in meaning) tlp = mostRestrictiveTlp(tlp, meaning.tlp);
      else tags.push(meaning.tag);
    }
    return { tlp, tags };
  }

  /** Remembers a reference from a later object to a record source, resolved in `finish()`. */
  defer(targetId: string, location: string, ref: string): void {
    this.entry(targetId, location).refs.push(ref);
  }

  /** Counts a sighting (or observation) of a record source. */
  addSighting(targetId: string, location: string, count: number, firstSeen?: string, lastSeen?: string): void {
    const entry = this.entry(targetId, location);
    entry.sightings += count;
    if (firstSeen && (!entry.firstSeen || firstSeen < entry.firstSeen)) entry.firstSeen = firstSeen;
    if (lastSeen && (!entry.lastSeen || lastSeen > entry.lastSeen)) entry.lastSeen = lastSeen;
  }

  /** Builds the context updates for everything remembered; call once after the last object. */
  *finish(): Generator<IngestContextUpdate> {
    for (const [externalId, entry] of this.pending) {
      const update: IngestContextUpdate = { externalId, location: entry.location };
      const context: IndicatorContext[] = [];
      const tags: string[] = [];
      for (const ref of entry.refs) this.resolve(ref, update, context, tags);
      if (context.length > 0) update.context = context;
      if (tags.length > 0) update.tags = tags;
      if (entry.sightings > 0) update.sightings = entry.sightings;
      if (entry.firstSeen) update.firstSeen = entry.firstSeen;
      if (entry.lastSeen) update.lastSeen = entry.lastSeen;
      yield update;
    }
    this.pending.clear();
  }

  private resolve(ref: string, update: IngestContextUpdate, context: IndicatorContext[], tags: string[]): void {
    const [what, id = '', relationshipType] = ref.split(SEP);
    const known = this.names.get(id);
    if (what === 'rel') {
      const name = known?.name ?? id;
      context.push({ kind: known?.kind ?? NAMED_KINDS[stixTypeOf(id)] ?? 'other', name, ref: id, detail: relationshipType });
      this.secondHop(id, name, context);
    } else if (what === 'negative') {
      // The third part carries the sighting's count (see sightingItems).
      context.push({ kind: 'other', name: 'reported false positive', ref: id, detail: `negative sighting (x_opencti_negative), count ${relationshipType}` });
    } else if (what === 'report' || what === 'identity') {
      context.push({ kind: 'other', name: known?.name ?? id, ref: id, detail: what === 'report' ? (known?.detail ?? stixTypeOf(id)) : 'source identity' });
    } else {
      const meaning = this.markings.get(id);
      if (!meaning) tags.push(`marking:${id}`);
      else if ('tlp' in meaning) update.tlp = mostRestrictiveTlp(update.tlp, meaning.tlp);
      else tags.push(meaning.tag);
    }
  }

  /**
   * The objects one relationship away from a first-hop object (the malware's attack patterns, the
   * campaign's intrusion set), each once. The detail reads as a sentence from the first hop.
   */
  private secondHop(firstId: string, firstName: string, context: IndicatorContext[]): void {
    for (const link of this.links.get(firstId) ?? []) {
      const otherId = link.from === firstId ? link.to : link.from;
      if (context.some((item) => item.ref === otherId)) continue;
      const other = this.names.get(otherId);
      const otherName = other?.name ?? otherId;
      const detail = link.from === firstId ? `via ${firstName}: ${firstName} ${link.type} ${otherName}` : `via ${firstName}: ${otherName} ${link.type} ${firstName}`;
      context.push({ kind: other?.kind ?? NAMED_KINDS[stixTypeOf(otherId)] ?? 'other', name: otherName, ref: otherId, detail });
    }
  }

  private entry(id: string, location: string): Pending {
    let entry = this.pending.get(id);
    if (!entry) {
      entry = { location, refs: [], sightings: 0 };
      this.pending.set(id, entry);
    }
    return entry;
  }
}
