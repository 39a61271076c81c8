/**
 * The record fields every STIX object contributes whatever its type: markings, source identity,
 * labels, confidence, kill-chain phases, external references and times (STIX 2.1 §3.2, §7.2).
 */
import type { IndicatorContext, IngestRecord } from '../ingest-record';
import { deferredRef } from './stix-context-index';
import type { StixContextIndex } from './stix-context-index';

/** A STIX object as parsed from JSON: any property may be missing or of the wrong type. */
export type StixObject = Record<string, unknown>;

export type SharedFields = Omit<IngestRecord, 'type' | 'value' | 'typeHint'>;

const CVE = /^CVE-\d{4}-\d{4,}$/i;
const SDO_WITH_TITLE: ReadonlySet<string> = new Set(['indicator', 'observed-data', 'vulnerability']);

/** Reads `object[key]` if it is a string. */
export function stringField(object: StixObject, key: string): string | undefined {
  const value = object[key];
  return typeof value === 'string' ? value : undefined;
}

/** Reads `object[key]` as a list of strings (ignoring non-strings); a single string counts as one. */
export function stringList(object: StixObject, key: string): string[] {
  const value = object[key];
  if (typeof value === 'string') return [value];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/** The fields a record shares with every other record from the same STIX object. */
export function sharedFields(object: StixObject, id: string, location: string, index: StixContextIndex): SharedFields {
  const fields: SharedFields = { location, externalId: id };
  const markingRefs = [...stringList(object, 'object_marking_refs'), ...granularMarkingRefs(object)];
  const { tlp, tags } = index.resolveMarkings(markingRefs, id, location);
  // Unmarked objects get the import's default later, as such (see `defaulted` in indicator-writes.ts).
  if (tlp) fields.tlp = tlp;
  if (tags.length > 0) fields.tags = tags;
  const labels = [...new Set([...stringList(object, 'indicator_types'), ...stringList(object, 'labels')])];
  if (labels.length > 0) fields.labels = labels;
  const confidence = object.confidence;
  if (typeof confidence === 'number' && Number.isInteger(confidence) && confidence >= 0 && confidence <= 100) fields.confidence = confidence;
  // On observables `name` is data (file:name), already a value of its own; on SDOs it is a title.
  const title = SDO_WITH_TITLE.has(String(object.type)) ? stringField(object, 'name') : undefined;
  const comment = [title, stringField(object, 'description')].filter(Boolean).join(' — ');
  if (comment) fields.comment = comment;
  const context = [...killChainContext(object), ...externalReferenceContext(object)];
  const createdBy = stringField(object, 'created_by_ref');
  if (createdBy) {
    const name = index.nameOf(createdBy);
    if (name) context.push({ kind: 'other', name, ref: createdBy, detail: 'source identity' });
    else index.defer(id, location, deferredRef('identity', createdBy));
  }
  if (context.length > 0) fields.context = context;
  const created = stringField(object, 'created');
  const modified = stringField(object, 'modified');
  if (created) fields.firstSeen = created;
  if (modified) fields.lastSeen = modified;
  return fields;
}

/** Granular markings (STIX 2.1 §7.2.3) mark parts of an object; the whole record takes the strictest. */
function granularMarkingRefs(object: StixObject): string[] {
  const granular = object.granular_markings;
  if (!Array.isArray(granular)) return [];
  const refs: string[] = [];
  for (const entry of granular) {
    if (entry && typeof entry === 'object' && typeof (entry as StixObject).marking_ref === 'string') refs.push((entry as StixObject).marking_ref as string);
  }
  return refs;
}

function killChainContext(object: StixObject): IndicatorContext[] {
  const phases = object.kill_chain_phases;
  if (!Array.isArray(phases)) return [];
  const context: IndicatorContext[] = [];
  for (const phase of phases) {
    if (!phase || typeof phase !== 'object') continue;
    const name = stringField(phase as StixObject, 'phase_name');
    if (name) context.push({ kind: 'kill-chain-phase', name, detail: stringField(phase as StixObject, 'kill_chain_name') });
  }
  return context;
}

/** CVE ids among external references (STIX 2.1 §2.5: source_name "cve"). */
export function cveIds(object: StixObject): string[] {
  const refs = object.external_references;
  if (!Array.isArray(refs)) return [];
  const ids: string[] = [];
  for (const ref of refs) {
    if (!ref || typeof ref !== 'object') continue;
    const externalId = stringField(ref as StixObject, 'external_id');
    if (externalId && CVE.test(externalId)) ids.push(externalId.toUpperCase());
  }
  return ids;
}

function externalReferenceContext(object: StixObject): IndicatorContext[] {
  return cveIds(object).map((cve) => ({ kind: 'other', name: cve, detail: 'external reference (cve)' }));
}
