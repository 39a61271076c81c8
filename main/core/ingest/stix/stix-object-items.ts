/**
 * Turns one STIX object into items: records for indicators and observables, index entries for the
 * objects that give context (markings, names, relationships, sightings, reports).
 */
import type { IngestItem, IngestRecord } from '../ingest-record';
import type { NoteTally } from '../json/note-tally';
import { MISP_REFERENCE_CATEGORIES } from '../misp/misp-type-map';
import { extractPatternIndicators } from './pattern/pattern-indicators';
import { parseStixPattern } from './pattern/pattern-parser';
import { StixPatternError } from './pattern/pattern-tokenizer';
import { deferredRef, isNamedContextType, isRecordSource, stixTypeOf } from './stix-context-index';
import type { StixContextIndex } from './stix-context-index';
import { observableValues } from './stix-observables';
import type { ObservableValue } from './stix-observables';
import { cveIds, sharedFields, stringField, stringList } from './stix-record-fields';
import type { SharedFields, StixObject } from './stix-record-fields';

export interface StixObjectScope {
  index: StixContextIndex;
  tally: NoteTally;
}

const CONTAINER_TYPES: ReadonlySet<string> = new Set(['report', 'grouping']);

/** Items for one element of a bundle's `objects`; `location` names it as `objects[i] (id)`. */
export function stixObjectItems(value: unknown, location: string, scope: StixObjectScope): IngestItem[] {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return [reject(location, 'not a JSON object')];
  const object = value as StixObject;
  const type = object.type;
  const id = object.id;
  if (typeof type !== 'string' || typeof id !== 'string') return [reject(location, "STIX object without a string 'type' and 'id'")];
  if (stixTypeOf(id) !== type) return [reject(location, `id ${id} does not match type ${type}`)];
  const { index } = scope;
  switch (type) {
    case 'marking-definition':
      index.addMarking(object, id);
      return [];
    case 'relationship':
      return relationshipItems(object, location, index);
    case 'sighting':
      return sightingItems(object, location, index);
    case 'indicator':
      return indicatorItems(object, id, location, scope);
    case 'observed-data':
      return observedDataItems(object, id, location, scope);
    case 'vulnerability':
      index.addNamed(type, id, stringField(object, 'name') ?? id);
      return vulnerabilityItems(object, id, location, scope);
    default:
      break;
  }
  if (isNamedContextType(type)) {
    index.addNamed(type, id, contextName(object, type, id), CONTAINER_TYPES.has(type) ? containerDetail(object, type) : undefined);
    if (CONTAINER_TYPES.has(type)) for (const ref of stringList(object, 'object_refs')) if (isRecordSource(ref)) index.defer(ref, location, deferredRef('report', id));
    return [];
  }
  if (isRecordSource(id)) return observableItems(object, id, location, scope);
  scope.tally.add(`STIX ${type} objects carry no indicators`, location);
  return [];
}

/** An attack pattern is known by its ATT&CK id as much as by its name ("T1486 Data Encrypted for Impact"). */
function contextName(object: StixObject, type: string, id: string): string {
  const name = stringField(object, 'name') ?? id;
  if (type !== 'attack-pattern' || !Array.isArray(object.external_references)) return name;
  const attack = (object.external_references as unknown[]).find(
    (ref): ref is StixObject => !!ref && typeof ref === 'object' && (ref as StixObject).source_name === 'mitre-attack',
  );
  const externalId = attack ? stringField(attack, 'external_id') : undefined;
  return externalId ? `${externalId} ${name}` : name;
}

/**
 * A report's metadata as one line of named fields ("report; published: …; references: …"). URLs are kept
 * as text: the detail pane never loads remote content.
 */
function containerDetail(object: StixObject, type: string): string {
  const fields = [type];
  const published = stringField(object, 'published');
  if (published) fields.push(`published: ${published.slice(0, 10)}`);
  const refs = Array.isArray(object.external_references) ? (object.external_references as unknown[]) : [];
  const urls = refs.flatMap((ref) => {
    if (!ref || typeof ref !== 'object') return [];
    const url = stringField(ref as StixObject, 'url');
    const label = url ?? stringField(ref as StixObject, 'external_id');
    return label ? [label] : [];
  });
  if (urls.length > 0) fields.push(`references: ${urls.join(', ')}`);
  return fields.join('; ');
}

function reject(location: string, reason: string, value?: string): IngestItem {
  return { kind: 'reject', reject: value === undefined ? { location, reason } : { location, reason, value } };
}

function record(fields: SharedFields, value: ObservableValue): IngestItem {
  const result: IngestRecord = { type: value.type, typeHint: value.typeHint, value: value.value, ...fields };
  return { kind: 'record', record: result };
}

function relationshipItems(object: StixObject, location: string, index: StixContextIndex): IngestItem[] {
  const source = stringField(object, 'source_ref');
  const target = stringField(object, 'target_ref');
  const kind = stringField(object, 'relationship_type') ?? 'related-to';
  if (!source || !target) return [reject(location, 'relationship without source_ref and target_ref')];
  // Context flows from the named side to the indicator side, whichever way the SRO points.
  if (isRecordSource(source) && !isRecordSource(target)) index.defer(source, location, deferredRef('rel', target, kind));
  else if (isRecordSource(target) && !isRecordSource(source)) index.defer(target, location, deferredRef('rel', source, kind));
  else if (!isRecordSource(source) && !isRecordSource(target)) index.addLink(source, target, kind);
  return [];
}

function sightingItems(object: StixObject, location: string, index: StixContextIndex): IngestItem[] {
  const of = stringField(object, 'sighting_of_ref');
  if (!of) return [reject(location, 'sighting without sighting_of_ref')];
  const count = typeof object.count === 'number' && Number.isInteger(object.count) && object.count >= 0 ? object.count : 1;
  // OpenCTI's negative sighting reports a false positive: context for the analyst, not a sighting.
  if (object.x_opencti_negative === true) {
    const id = stringField(object, 'id') ?? location;
    index.defer(of, location, deferredRef('negative', id, String(count)));
    return [];
  }
  index.addSighting(of, location, count, stringField(object, 'first_seen'), stringField(object, 'last_seen'));
  return [];
}

function indicatorItems(object: StixObject, id: string, location: string, scope: StixObjectScope): IngestItem[] {
  const pattern = object.pattern;
  if (typeof pattern !== 'string') return [reject(location, 'indicator without a string pattern')];
  const patternType = stringField(object, 'pattern_type') ?? 'stix';
  // A YARA or Sigma rule, or a pattern of paths with no indicator type, is valid STIX: a note, not a
  // reject, so that a plain import of an OpenCTI or MVT bundle does not fail on it.
  if (patternType !== 'stix') {
    scope.tally.add(`indicator with pattern_type ${patternType}: only STIX patterns are imported`, location);
    return [];
  }
  let extracted: ReturnType<typeof extractPatternIndicators>;
  try {
    extracted = extractPatternIndicators(parseStixPattern(pattern));
  } catch (error) {
    if (!(error instanceof StixPatternError)) throw error;
    return [reject(location, `pattern does not parse: ${error.message}`, pattern)];
  }
  for (const skipped of extracted.skipped) scope.tally.add(`${skipped.typeHint}: ${skipped.reason}`, location, skipped.value);
  if (extracted.indicators.length === 0) {
    scope.tally.add('indicator whose pattern has no comparison that maps to an indicator type', location, pattern);
    return [];
  }
  const fields = sharedFields(object, id, location, scope.index);
  fields.pattern = pattern;
  const validFrom = stringField(object, 'valid_from');
  const validUntil = stringField(object, 'valid_until');
  if (validFrom) fields.validFrom = validFrom;
  if (validUntil) fields.validUntil = validUntil;
  return extracted.indicators.map((value) => record(fields, value));
}

function observableItems(object: StixObject, id: string, location: string, scope: StixObjectScope): IngestItem[] {
  const result = observableValues(object);
  if ('skip' in result) {
    scope.tally.add(result.skip, location);
    return [];
  }
  if (result.values.length === 0) return [];
  const fields = sharedFields(object, id, location, scope.index);
  return result.values.map((value) => record(fields, value));
}

/**
 * observed-data (STIX 2.1 §4.13): 2.0 embeds the observables in an `objects` dictionary (deprecated but
 * allowed in 2.1); 2.1 points at top-level observables through `object_refs`, which then get the
 * observation window and count as a late update.
 */
function observedDataItems(object: StixObject, id: string, location: string, scope: StixObjectScope): IngestItem[] {
  const firstSeen = stringField(object, 'first_observed');
  const lastSeen = stringField(object, 'last_observed');
  const observed = typeof object.number_observed === 'number' && Number.isInteger(object.number_observed) && object.number_observed > 0 ? object.number_observed : 1;
  for (const ref of stringList(object, 'object_refs')) if (isRecordSource(ref)) scope.index.addSighting(ref, location, observed, firstSeen, lastSeen);
  const embedded = object.objects;
  if (embedded === undefined) return [];
  if (!embedded || typeof embedded !== 'object' || Array.isArray(embedded)) return [reject(location, 'observed-data objects is not a dictionary')];
  const fields = sharedFields(object, id, location, scope.index);
  if (firstSeen) fields.firstSeen = firstSeen;
  if (lastSeen) fields.lastSeen = lastSeen;
  fields.sightings = observed;
  const reference = mispReferenceCategory(object);
  const items: IngestItem[] = [];
  for (const [key, inner] of Object.entries(embedded as StixObject)) {
    const where = `${location} objects.${key}`;
    if (!inner || typeof inner !== 'object') {
      items.push(reject(where, 'observable is not a JSON object'));
      continue;
    }
    const result = observableValues(inner as StixObject);
    if ('skip' in result) {
      scope.tally.add(result.skip, where);
      continue;
    }
    for (const value of result.values) {
      if (reference && value.type === 'url') {
        scope.tally.add(`url is a reference to a page about the event (MISP category "${reference}", exported as observed-data: to_ids false), not an indicator`, location, value.value);
      } else items.push(record({ ...fields, location: where }, value));
    }
  }
  return items;
}

/**
 * The MISP category an exported observed-data names in its labels (`misp:category="External
 * analysis"`), when it is one whose links are references (see MISP_REFERENCE_CATEGORIES).
 */
function mispReferenceCategory(object: StixObject): string | undefined {
  for (const label of stringList(object, 'labels')) {
    const category = /^misp:category="(.+)"$/.exec(label)?.[1];
    if (category && MISP_REFERENCE_CATEGORIES.has(category)) return category;
  }
  return undefined;
}

function vulnerabilityItems(object: StixObject, id: string, location: string, scope: StixObjectScope): IngestItem[] {
  const name = stringField(object, 'name');
  const cves = new Set(cveIds(object));
  if (name && /^CVE-\d{4}-\d{4,}$/i.test(name)) cves.add(name.toUpperCase());
  if (cves.size === 0) return [];
  const fields = sharedFields(object, id, location, scope.index);
  fields.context = fields.context?.filter((c) => c.detail !== 'external reference (cve)');
  return [...cves].map((cve) => record(fields, { type: 'cve', value: cve, typeHint: 'vulnerability' }));
}
