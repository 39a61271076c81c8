/**
 * Turns one MISP event (MISP core format, draft-dulaunoy-misp-core-format §2) into items: one record
 * per attribute value, from `Event.Attribute[]` and `Event.Object[].Attribute[]`.
 */
import type { IndicatorContext, IndicatorContextKind, IngestItem, IngestRecord, TlpLevel } from '../ingest-record';
import type { NoteTally } from '../json/note-tally';
import { mostRestrictiveTlp, parseTlpWord } from '../stix/tlp-markings';
import { mapMispAttribute } from './misp-type-map';

type Json = Record<string, unknown>;

export interface MispEventScope {
  tally: NoteTally;
  defaultTlp?: TlpLevel;
  /** Sees every attribute's raw type and value (the feed reader cross-checks hashes.csv with it). */
  onAttribute?: (eventUuid: string, type: string, value: string) => void;
}

interface EventShared {
  uuid: string;
  tlp?: TlpLevel;
  tags: string[];
  context: IndicatorContext[];
}

/** Items for one MISP event object (the value under "Event"); `location` names where it is. */
export function mispEventItems(event: unknown, location: string, scope: MispEventScope): IngestItem[] {
  if (!isObject(event)) return [reject(location, 'MISP Event is not a JSON object')];
  const uuid = str(event.uuid) ?? str(event.id) ?? '?';
  const where = `${location} Event ${uuid}`.trim();
  const { tlp, tags } = readTags(event.Tag);
  const context: IndicatorContext[] = [];
  const info = str(event.info);
  if (info) context.push({ kind: 'other', name: info, ref: uuid, detail: 'MISP event' });
  const org = isObject(event.Orgc) ? str(event.Orgc.name) : undefined;
  if (org) context.push({ kind: 'other', name: org, detail: 'source organisation' });
  context.push(...galaxyContext(event.Galaxy));
  const shared: EventShared = { uuid, tlp, tags, context };
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
  const mapping = mapMispAttribute(type, value);
  if ('skip' in mapping) {
    scope.tally.add(mapping.skip, location, value);
    return [];
  }
  const own = readTags(attribute.Tag);
  // An attribute tag may narrow the event's TLP, never widen it.
  const tlp = mostRestrictiveTlp(event.tlp, own.tlp) ?? scope.defaultTlp;
  const tags = [...new Set([...event.tags, ...own.tags])];
  const sightings = readSightings(attribute.Sighting);
  const base: Omit<IngestRecord, 'type' | 'value' | 'typeHint'> = { location, externalId: str(attribute.uuid) ?? event.uuid };
  if (tlp) base.tlp = tlp;
  if (tags.length > 0) base.tags = tags;
  const toIds = attribute.to_ids;
  if (typeof toIds === 'boolean' || toIds === '1' || toIds === '0') base.toIds = toIds === true || toIds === '1';
  const comment = str(attribute.comment);
  if (comment) base.comment = comment;
  const firstSeen = str(attribute.first_seen);
  // `timestamp` is when the attribute last changed: a stand-in only when the source gave no last_seen.
  const lastSeen = latest(str(attribute.last_seen) ?? epochToIso(attribute.timestamp), sightings.last);
  if (firstSeen) base.firstSeen = firstSeen;
  if (lastSeen) base.lastSeen = lastSeen;
  if (sightings.count > 0) base.sightings = sightings.count;
  const context = [...event.context, ...extra, ...galaxyContext(attribute.Galaxy)];
  return mapping.values.map((part) => {
    const linked = [...context];
    for (const other of mapping.values) if (other !== part) linked.push({ kind: 'other', name: other.value, detail: `paired in MISP ${type}` });
    if (mapping.pairedWith) linked.push({ kind: 'other', name: mapping.pairedWith, detail: `second part of MISP ${type}` });
    const record: IngestRecord = { type: part.type, value: part.value, typeHint: part.typeHint, ...base };
    if (linked.length > 0) record.context = linked;
    return { kind: 'record', record };
  });
}

/** TLP and other tags from a MISP Tag[] list: `tlp:*` become the level, the rest stay tags. */
function readTags(tags: unknown): { tlp?: TlpLevel; tags: string[] } {
  let tlp: TlpLevel | undefined;
  const names: string[] = [];
  for (const tag of list(tags)) {
    const name = isObject(tag) ? str(tag.name) : undefined;
    if (!name) continue;
    const level = /^tlp:/i.test(name) ? parseTlpWord(name) : undefined;
    if (level) tlp = mostRestrictiveTlp(tlp, level);
    else names.push(name);
  }
  return { tlp, tags: names };
}

const GALAXY_KINDS: ReadonlyArray<[RegExp, IndicatorContextKind]> = [
  [/threat-actor/, 'threat-actor'],
  [/intrusion-set/, 'intrusion-set'],
  [/attack-pattern|mitre-attack/, 'attack-pattern'],
  [/malware|malpedia|ransomware|rat$|botnet|banker|stealer|backdoor|tool/, 'malware'],
];

/** Galaxy clusters (MISP galaxy format) as context, kind taken from the galaxy type. */
function galaxyContext(galaxies: unknown): IndicatorContext[] {
  const context: IndicatorContext[] = [];
  for (const galaxy of list(galaxies)) {
    if (!isObject(galaxy)) continue;
    const galaxyType = str(galaxy.type) ?? '';
    const kind = GALAXY_KINDS.find(([re]) => re.test(galaxyType))?.[1] ?? 'galaxy';
    for (const cluster of list(galaxy.GalaxyCluster)) {
      const value = isObject(cluster) ? str(cluster.value) : undefined;
      if (value) context.push({ kind, name: value, ref: str((cluster as Json).uuid), detail: str(galaxy.name) ?? galaxyType });
    }
  }
  return context;
}

/** Sighting[] entries of type 0 (MISP: 0 sighting, 1 false positive, 2 expiration). */
function readSightings(sightings: unknown): { count: number; last?: string } {
  let count = 0;
  let last: string | undefined;
  for (const sighting of list(sightings)) {
    if (!isObject(sighting)) continue;
    const kind = sighting.type ?? '0';
    if (kind !== '0' && kind !== 0) continue;
    count++;
    last = latest(last, epochToIso(sighting.date_sighting));
  }
  return { count, last };
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
