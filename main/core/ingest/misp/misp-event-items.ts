/**
 * Turns one MISP event (MISP core format, draft-dulaunoy-misp-core-format §2) into items: one record
 * per attribute value, from `Event.Attribute[]` and `Event.Object[].Attribute[]`.
 */
import type { IndicatorContext, IndicatorContextKind, IngestItem, IngestRecord, TlpLevel } from '../ingest-record';
import type { NoteTally } from '../json/note-tally';
import { mostRestrictiveTlp, parseTlpWord } from '../stix/tlp-markings';
import { mapMispAttribute, MISP_REFERENCE_CATEGORIES } from './misp-type-map';

type Json = Record<string, unknown>;

export interface MispEventScope {
  tally: NoteTally;
  /** Sees every attribute's raw type and value (the feed reader cross-checks hashes.csv with it). */
  onAttribute?: (eventUuid: string, type: string, value: string) => void;
}

interface EventShared {
  uuid: string;
  /** The event's `date` (YYYY-MM-DD) as an instant, when valid. */
  date?: string;
  tlp?: TlpLevel;
  tags: string[];
  context: IndicatorContext[];
}

/** What every attribute of an event shares: its uuid, TLP, tags and context. */
function eventShared(event: Json): EventShared {
  const uuid = str(event.uuid) ?? str(event.id) ?? '?';
  const { tlp, tags, galaxies } = readTags(event.Tag);
  const context = withoutTagEchoes([...galaxies, ...galaxyContext(event.Galaxy)]);
  const info = str(event.info);
  if (info) context.push({ kind: 'other', name: info, ref: uuid, detail: 'MISP event' });
  const org = isObject(event.Orgc) ? str(event.Orgc.name) : undefined;
  if (org) context.push({ kind: 'other', name: org, detail: 'source organisation' });
  const day = str(event.date);
  const date = day && /^\d{4}-\d{2}-\d{2}$/.test(day) && !Number.isNaN(Date.parse(day)) ? `${day}T00:00:00Z` : undefined;
  return date === undefined ? { uuid, tlp, tags, context } : { uuid, date, tlp, tags, context };
}

/**
 * Items for an attribute search result (`/attributes/restSearch`: `{"response": {"Attribute": […]}}`).
 * Each attribute names its event in an `Event` field (uuid, info, Orgc); its `Tag` list already holds
 * the event's tags when the search asked for them.
 */
export function mispAttributeListItems(attributes: unknown, location: string, scope: MispEventScope): IngestItem[] {
  if (!Array.isArray(attributes)) return [reject(location, 'MISP Attribute must be an array')];
  const items: IngestItem[] = [];
  attributes.forEach((attribute, i) => {
    const shared = eventShared(isObject(attribute) ? parentEvent(attribute) : {});
    items.push(...attributeItems(attribute, `${location} Attribute[${i}]`, shared, scope, []));
  });
  return items;
}

/** The event a searched attribute or object names: its `Event` summary, or at least the event's uuid or id. */
function parentEvent(item: Json): Json {
  const event = isObject(item.Event) ? item.Event : {};
  return { ...event, uuid: str(event.uuid) ?? item.event_uuid ?? item.event_id };
}

/**
 * An element of a search result that holds one attribute or object rather than an event
 * (`/objects/restSearch`: `{"response": [{"Object": {…}}]}`), as an event of that one item; undefined
 * for anything else.
 */
export function eventOfSearchItem(item: Json): Json | undefined {
  for (const key of ['Object', 'Attribute'] as const) {
    const found = item[key];
    if (isObject(found)) return { ...parentEvent(found), [key]: [found] };
  }
  return undefined;
}

/** Items for one MISP event object (the value under "Event"); `location` names where it is. */
export function mispEventItems(event: unknown, location: string, scope: MispEventScope): IngestItem[] {
  if (!isObject(event)) return [reject(location, 'MISP Event is not a JSON object')];
  const shared = eventShared(event);
  const where = `${location} Event ${shared.uuid}`.trim();
  const items: IngestItem[] = [];
  // A present but non-array list is a malformed event, not an event without attributes.
  for (const key of ['Attribute', 'Object'] as const) {
    if (event[key] !== undefined && event[key] !== null && !Array.isArray(event[key])) items.push(reject(`${where} ${key}`, `MISP ${key} must be an array`));
  }
  list(event.Attribute).forEach((attribute, i) => items.push(...attributeItems(attribute, `${where} Attribute[${i}]`, shared, scope, [])));
  list(event.Object).forEach((object, i) => {
    if (!isObject(object)) return void items.push(reject(`${where} Object[${i}]`, 'MISP Object is not a JSON object'));
    if (isDeleted(object)) return void scope.tally.add('deleted MISP object', `${where} Object[${i}]`);
    const name = str(object.name) ?? 'object';
    // Objects describing the victim side (an analyst's own assets, the victim organisation) hold values
    // that must never be flagged as malicious.
    if (VICTIM_OBJECTS.has(name)) return void scope.tally.add(`MISP ${name} object (the victim's side, not an indicator)`, `${where} Object[${i}]`);
    const objectContext: IndicatorContext[] = [{ kind: 'other', name, ref: str(object.uuid), detail: 'MISP object' }];
    list(object.Attribute).forEach((attribute, j) =>
      items.push(...attributeItems(attribute, `${where} Object[${i}] (${name}) Attribute[${j}]`, shared, scope, objectContext)),
    );
  });
  if (items.length === 0) scope.tally.add('MISP event without attributes', where);
  return items;
}

function attributeItems(attribute: unknown, location: string, event: EventShared, scope: MispEventScope, extra: IndicatorContext[]): IngestItem[] {
  if (!isObject(attribute)) return [reject(location, 'MISP Attribute is not a JSON object')];
  const type = str(attribute.type);
  const value = attribute.value;
  if (!type || typeof value !== 'string') return [reject(location, 'MISP Attribute without a string type and value')];
  scope.onAttribute?.(event.uuid, type, value);
  if (isDeleted(attribute)) {
    scope.tally.add('deleted MISP attribute', location, value);
    return [];
  }
  const toIds = attribute.to_ids;
  const forDetection = typeof toIds === 'boolean' || toIds === '1' || toIds === '0' ? toIds === true || toIds === '1' : undefined;
  // A link to the report an event is based on (a white paper, a blog post) is where the event came from.
  if (forDetection === false && LINK_TYPES.has(type) && MISP_REFERENCE_CATEGORIES.has(str(attribute.category) ?? '')) {
    scope.tally.add(`${type} is a reference to a page about the event (MISP category "${str(attribute.category)}", to_ids false), not an indicator`, location, value);
    return [];
  }
  const mapping = mapMispAttribute(type, value);
  if ('skip' in mapping) {
    scope.tally.add(mapping.skip, location, value);
    return [];
  }
  const own = readTags(attribute.Tag);
  // An attribute tag may narrow the event's TLP, never widen it.
  const tlp = mostRestrictiveTlp(event.tlp, own.tlp);
  const tags = [...new Set([...event.tags, ...own.tags])];
  const sightings = readSightings(attribute.Sighting);
  const base: Omit<IngestRecord, 'type' | 'value' | 'typeHint'> = { location, externalId: str(attribute.uuid) ?? event.uuid, report: event.uuid };
  if (tlp) base.tlp = tlp;
  if (tags.length > 0) base.tags = tags;
  if (forDetection !== undefined) base.toIds = forDetection;
  const comment = str(attribute.comment);
  if (comment) base.comment = comment;
  // The event's date (when what it reports happened) stands in for a first_seen the attribute lacks,
  // as its timestamp does for last_seen.
  const firstSeen = str(attribute.first_seen) ?? event.date;
  // `timestamp` is when the attribute last changed: a stand-in only when the source gave no last_seen.
  const lastSeen = latest(str(attribute.last_seen) ?? epochToIso(attribute.timestamp), sightings.last);
  if (firstSeen) base.firstSeen = firstSeen;
  if (lastSeen) base.lastSeen = lastSeen;
  if (sightings.count > 0) base.sightings = sightings.count;
  if (sightings.expires) base.validUntil = sightings.expires;
  const context = withoutTagEchoes([...event.context, ...extra, ...own.galaxies, ...galaxyContext(attribute.Galaxy)]);
  // The producer's own verdict, per source: context for the analyst, who decides what to block.
  if (forDetection === false) context.push({ kind: 'other', name: 'not for detection', detail: 'MISP to_ids is false' });
  if (sightings.falsePositives > 0) {
    context.push({ kind: 'other', name: 'reported false positive', detail: `${sightings.falsePositives} MISP false-positive sighting(s)` });
  }
  return mapping.values.map((part) => {
    const linked = [...context];
    for (const other of mapping.values) if (other !== part) linked.push({ kind: 'other', name: other.value, detail: `paired in MISP ${type}` });
    if (mapping.pairedWith) linked.push({ kind: 'other', name: mapping.pairedWith, detail: `second part of MISP ${type}` });
    const record: IngestRecord = { type: part.type, value: part.value, typeHint: part.typeHint, ...base };
    if (linked.length > 0) record.context = linked;
    return { kind: 'record', record };
  });
}

/**
 * TLP and other tags from a MISP Tag[] list: `tlp:*` become the level, the rest stay tags. A galaxy
 * tag (`misp-galaxy:threat-actor="APT 28"`, what events carry when exported without their Galaxy
 * list) is also read as context, like a Galaxy cluster.
 */
function readTags(tags: unknown): { tlp?: TlpLevel; tags: string[]; galaxies: IndicatorContext[] } {
  let tlp: TlpLevel | undefined;
  const names: string[] = [];
  const galaxies: IndicatorContext[] = [];
  for (const tag of list(tags)) {
    const name = isObject(tag) ? str(tag.name)?.trim() : undefined;
    if (!name) continue;
    const level = /^tlp:/i.test(name) ? parseTlpWord(name) : undefined;
    if (level) {
      tlp = mostRestrictiveTlp(tlp, level);
      continue;
    }
    names.push(name);
    const galaxy = GALAXY_TAG_RE.exec(name);
    if (galaxy) galaxies.push({ kind: galaxyKind(galaxy[1]!), name: galaxy[2]!, detail: `${GALAXY_TAG_DETAIL}${galaxy[1]}` });
  }
  return { tlp, tags: names, galaxies };
}

const GALAXY_TAG_RE = /^misp-galaxy:([^=]+)="([^"]+)"$/;
const GALAXY_TAG_DETAIL = 'MISP galaxy ';

function galaxyKind(galaxyType: string): IndicatorContextKind {
  return GALAXY_KINDS.find(([re]) => re.test(galaxyType))?.[1] ?? 'galaxy';
}

const GALAXY_KINDS: ReadonlyArray<[RegExp, IndicatorContextKind]> = [
  [/threat-actor/, 'threat-actor'],
  [/intrusion-set/, 'intrusion-set'],
  [/attack-pattern|mitre-attack/, 'attack-pattern'],
  [/malware|malpedia|ransomware|rat$|botnet|banker|stealer|backdoor|tool/, 'malware'],
];

/** Objects that describe the victim's side of an incident (MISP object templates). */
const VICTIM_OBJECTS: ReadonlySet<string> = new Set(['corporate-asset', 'victim']);
/** `link` attributes are references whatever their to_ids (see misp-type-map.ts); these only when not for detection. */
const LINK_TYPES: ReadonlySet<string> = new Set(['url', 'uri']);

/**
 * Drops the context a galaxy tag gave when the cluster it names is there too: MISP exports both for
 * every cluster attached, and the cluster says more (its uuid and galaxy).
 */
function withoutTagEchoes(context: IndicatorContext[]): IndicatorContext[] {
  const clusters = new Set(context.filter((c) => c.ref).map((c) => `${c.kind}\n${c.name}`));
  return context.filter((c) => c.ref || !c.detail?.startsWith(GALAXY_TAG_DETAIL) || !clusters.has(`${c.kind}\n${c.name}`));
}

/** Galaxy clusters (MISP galaxy format) as context, kind taken from the galaxy type. */
function galaxyContext(galaxies: unknown): IndicatorContext[] {
  const context: IndicatorContext[] = [];
  for (const galaxy of list(galaxies)) {
    if (!isObject(galaxy)) continue;
    const galaxyType = str(galaxy.type) ?? '';
    const kind = galaxyKind(galaxyType);
    for (const cluster of list(galaxy.GalaxyCluster)) {
      const value = isObject(cluster) ? str(cluster.value) : undefined;
      if (value) context.push({ kind, name: value, ref: str((cluster as Json).uuid), detail: str(galaxy.name) ?? galaxyType });
    }
  }
  return context;
}

/**
 * Sighting[] entries by MISP type: 0 a sighting (counted, dates the last one), 1 a false-positive
 * report (kept as context), 2 an expiration (its date ends the indicator's validity).
 */
function readSightings(sightings: unknown): { count: number; last?: string; falsePositives: number; expires?: string } {
  let count = 0;
  let falsePositives = 0;
  let last: string | undefined;
  let expires: string | undefined;
  for (const sighting of list(sightings)) {
    if (!isObject(sighting)) continue;
    const kind = String(sighting.type ?? '0');
    if (kind === '0') {
      count++;
      last = latest(last, epochToIso(sighting.date_sighting));
    } else if (kind === '1') falsePositives++;
    else if (kind === '2') expires = latest(expires, epochToIso(sighting.date_sighting));
  }
  return { count, last, falsePositives, ...(expires ? { expires } : {}) };
}

function epochToIso(value: unknown): string | undefined {
  const seconds = typeof value === 'number' ? value : typeof value === 'string' && /^\d{1,12}$/.test(value) ? Number(value) : NaN;
  return Number.isFinite(seconds) && seconds > 0 ? new Date(seconds * 1000).toISOString() : undefined;
}

function latest(...values: Array<string | undefined>): string | undefined {
  let best: string | undefined;
  let bestTime = -Infinity;
  for (const value of values) {
    const time = value ? Date.parse(value) : NaN;
    if (Number.isFinite(time) && time > bestTime) [best, bestTime] = [value, time];
  }
  return best;
}

function isDeleted(object: Json): boolean {
  return object.deleted === true || object.deleted === '1';
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function reject(location: string, reason: string): IngestItem {
  return { kind: 'reject', reject: { location, reason } };
}
