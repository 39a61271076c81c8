/**
 * Builders for the STIX 2.1 objects Liaison writes: identity, indicator, attack-pattern, report, bundle.
 * Each takes plain data and returns a plain object ready for JSON.stringify; ids come from stix-id.ts so
 * re-exports of the same thing keep the same id. Callers supply `created`/`modified`: an edit must give
 * a later `modified` (§3.2), which only the caller, who knows the object's history, can say.
 */
import type { IndicatorType } from '../indicators/indicator-type';
import type { TlpLevel } from '../ingest/ingest-record';
import { indicatorPattern } from './indicator-pattern';
import { stixId, uuidV5 } from './stix-id';
import { type StixMarkingDefinition, tlpMarkingRefs } from './tlp-marking-definitions';

/** Any STIX object as written: the common properties plus whatever its type adds. */
export interface StixObject {
  readonly type: string;
  readonly spec_version: '2.1';
  readonly id: string;
  readonly [property: string]: unknown;
}

export interface StixExternalReference {
  readonly source_name: string;
  readonly external_id?: string;
  readonly url?: string;
  readonly description?: string;
}

export interface StixBundle {
  readonly type: 'bundle';
  readonly id: string;
  readonly objects: ReadonlyArray<StixObject | StixMarkingDefinition>;
}

export interface StixIdentityInput {
  readonly name: string;
  /** `individual` for an analyst, `organization` for a team or agency (§10.7 identity-class-ov). */
  readonly identityClass: 'individual' | 'organization' | 'group' | 'system' | 'class' | 'unknown';
  readonly description?: string;
  readonly created: string;
  readonly modified: string;
}

/** An identity whose id is derived from its class and name. */
export function stixIdentity(input: StixIdentityInput): StixObject {
  return compact({
    type: 'identity', spec_version: '2.1', id: stixId('identity', `${input.identityClass}\u0000${input.name}`),
    created: input.created, modified: laterOf(input.created, input.modified),
    name: input.name, identity_class: input.identityClass, description: input.description,
  });
}

/** §10.9 indicator-type-ov words Liaison uses. */
export type StixIndicatorType = 'malicious-activity' | 'anomalous-activity' | 'benign' | 'compromised' | 'attribution' | 'unknown';

export interface StixIndicatorInput {
  readonly type: IndicatorType;
  /** The canonical value: the id is derived from (type, value). */
  readonly value: string;
  readonly tlp: TlpLevel;
  readonly created: string;
  readonly modified: string;
  /** Defaults to `created`. */
  readonly validFrom?: string;
  readonly validUntil?: string | null;
  readonly confidence?: number | null;
  readonly indicatorTypes?: readonly StixIndicatorType[];
  readonly name?: string;
  readonly description?: string;
  readonly labels?: readonly string[];
  readonly createdByRef?: string;
}

/** The id an indicator of this type and canonical value always gets. */
export function stixIndicatorId(type: IndicatorType, value: string): string {
  return stixId('indicator', `${type}\u0000${value}`);
}

/** An indicator with a STIX pattern for its type and its TLP marking refs. */
export function stixIndicator(input: StixIndicatorInput): StixObject {
  const validFrom = input.validFrom ?? input.created;
  // §4.7: valid_until MUST be later than valid_from; an earlier one is dropped rather than written invalid.
  const until = input.validUntil ? stixTimestamp(input.validUntil) : undefined;
  const validUntil = until !== undefined && until > validFrom ? until : undefined;
  return compact({
    type: 'indicator', spec_version: '2.1', id: stixIndicatorId(input.type, input.value),
    created_by_ref: input.createdByRef,
    created: input.created, modified: laterOf(input.created, input.modified),
    name: input.name ?? input.value, description: input.description,
    indicator_types: input.indicatorTypes && input.indicatorTypes.length > 0 ? [...input.indicatorTypes] : undefined,
    pattern: indicatorPattern(input.type, input.value), pattern_type: 'stix', pattern_version: '2.1',
    valid_from: validFrom, valid_until: validUntil,
    confidence: input.confidence ?? undefined,
    labels: input.labels && input.labels.length > 0 ? [...input.labels] : undefined,
    object_marking_refs: tlpMarkingRefs(input.tlp),
  });
}

export interface StixAttackPatternInput {
  /** ATT&CK id, e.g. `T1566.001`. */
  readonly attackId: string;
  /** Falls back to the id when the catalogue does not name it. */
  readonly name: string | null;
  readonly tactics: readonly string[];
  readonly url: string | null;
  readonly tlp: TlpLevel;
  readonly created: string;
  readonly modified: string;
  readonly createdByRef?: string;
}

/**
 * An attack-pattern named by its ATT&CK id, with the `mitre-attack` external reference and kill chain
 * phases MITRE's own bundles carry, so consumers join it to their ATT&CK catalogue. The id is ours
 * (derived from the ATT&CK id), not MITRE's, since MITRE's id is not in the export input.
 */
export function stixAttackPattern(input: StixAttackPatternInput): StixObject {
  const attackId = input.attackId.toUpperCase();
  return compact({
    type: 'attack-pattern', spec_version: '2.1', id: stixId('attack-pattern', `mitre-attack\u0000${attackId}`),
    created_by_ref: input.createdByRef,
    created: input.created, modified: laterOf(input.created, input.modified),
    name: input.name ?? attackId,
    external_references: [compact({ source_name: 'mitre-attack', external_id: attackId, url: input.url ?? attackUrl(attackId) })],
    kill_chain_phases: input.tactics.length > 0 ? input.tactics.map((phase) => ({ kill_chain_name: 'mitre-attack', phase_name: phase })) : undefined,
    object_marking_refs: tlpMarkingRefs(input.tlp),
  });
}

/** MITRE's page for a technique id (`T1566.001` -> /techniques/T1566/001/). */
export function attackUrl(attackId: string): string {
  return `https://attack.mitre.org/techniques/${attackId.toUpperCase().replace('.', '/')}/`;
}

export interface StixReportInput {
  /** Stable key of the document (e.g. the briefing id): the report id is derived from it. */
  readonly key: string;
  readonly name: string;
  readonly description?: string;
  readonly published: string;
  readonly created: string;
  readonly modified: string;
  readonly reportTypes?: readonly string[];
  readonly objectRefs: readonly string[];
  readonly tlp: TlpLevel;
  readonly createdByRef?: string;
  readonly labels?: readonly string[];
  readonly externalReferences?: readonly StixExternalReference[];
}

/** A report over `objectRefs`; §4.14 requires at least one ref. */
export function stixReport(input: StixReportInput): StixObject {
  if (input.objectRefs.length === 0) throw new Error('a STIX report needs at least one object reference');
  return compact({
    type: 'report', spec_version: '2.1', id: stixId('report', input.key),
    created_by_ref: input.createdByRef,
    created: input.created, modified: laterOf(input.created, input.modified),
    name: input.name, description: input.description,
    report_types: input.reportTypes && input.reportTypes.length > 0 ? [...input.reportTypes] : undefined,
    published: input.published,
    object_refs: [...input.objectRefs],
    labels: input.labels && input.labels.length > 0 ? [...input.labels] : undefined,
    external_references: input.externalReferences && input.externalReferences.length > 0 ? input.externalReferences.map((r) => compact({ ...r })) : undefined,
    object_marking_refs: tlpMarkingRefs(input.tlp),
  });
}

/**
 * A bundle of `objects`. Its id is derived from `key` (what was exported, e.g. briefing, version and
 * ceiling) so that writing the same export twice gives the same bytes.
 */
export function stixBundle(key: string, objects: ReadonlyArray<StixObject | StixMarkingDefinition>): StixBundle {
  return { type: 'bundle', id: `bundle--${uuidV5(`bundle\u0000${key}`)}`, objects };
}

/**
 * A date as a STIX timestamp (§3.2: RFC 3339 in UTC with the Z, e.g. `2026-09-01T00:00:00.000Z`):
 * a briefing's valid-until may be a plain date (`2026-09-01`) or carry an offset, which the schema
 * refuses. Undefined when it is not a date at all.
 */
export function stixTimestamp(text: string): string | undefined {
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
}

/** STIX timestamps must not go backwards: `modified` is never before `created`. */
function laterOf(created: string, modified: string): string {
  return modified >= created ? modified : created;
}

/**
 * A copy without the undefined properties, so they are absent (a schema validator sees an undefined
 * property as present). Copying, not deleting: `delete` turns each object into a slow dictionary, which
 * cost a third of JSON.stringify's time on a 50,000-indicator export.
 */
function compact<T extends Record<string, unknown>>(object: T): T {
  const out: Record<string, unknown> = {};
  for (const key in object) if (object[key] !== undefined) out[key] = object[key];
  return out as T;
}
