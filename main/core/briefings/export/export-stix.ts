/**
 * A briefing as a STIX 2.1 bundle: a `report` over the producer identity, one `indicator` per attached
 * indicator and one `attack-pattern` per technique, with the TLP marking-definitions they refer to.
 * Ids are stable across re-exports (main/core/stix/stix-id.ts).
 *
 * Sections go into the report's description, and the report is marked with the highest of the
 * document's and the included sections' markings. (A `note` per section would keep each section's own
 * marking, but the official bundle schema does not admit `note` objects, and consumers drop bundles
 * that fail it.)
 */
import type { TlpLevel } from '../../ingest/ingest-record';
import {
  stixAttackPattern, stixBundle, stixIdentity, stixIndicator, stixReport, tlpMarkingDefinitions,
  type StixExternalReference, type StixIndicatorType, type StixObject,
} from '../../stix/index';
import type { TriageStatus } from '../../triage/triage-model';
import { stricterTlp } from '../../vault/queries/tlp-rank';
import type { BriefingExportInput, ExportIndicator, ExportPerson } from './export-input';
import { exportTags } from './export-tags';
import { tlpLabelText } from './tlp-label';

/**
 * The version date of objects whose whole content is what their id is derived from (the producer's
 * name, an ATT&CK technique): they never change, so every export writes the same single version.
 */
const FIXED_VERSION = '2020-01-01T00:00:00.000Z';

/** The bundle for an input the TLP ceiling has already been applied to. */
export function briefingStixBundle(input: BriefingExportInput, ceiling: TlpLevel): ReturnType<typeof stixBundle> {
  const identity = producerIdentity(input.producer);
  const indicators = input.indicators.map((indicator) => briefingIndicator(indicator, input, identity.id));
  const techniques = input.techniques.map((technique) => stixAttackPattern({
    attackId: technique.id, name: technique.name, tactics: technique.tactics, url: technique.url,
    // ATT&CK is public knowledge; that this briefing cites a technique is carried by the report's marking.
    tlp: 'clear', created: FIXED_VERSION, modified: FIXED_VERSION,
  }));
  const contained: StixObject[] = [identity, ...indicators, ...techniques];
  const report = stixReport({
    key: input.id, name: input.title, description: reportDescription(input),
    published: input.modified, created: input.created, modified: input.modified,
    reportTypes: ['threat-report'], objectRefs: contained.map((o) => o.id), tlp: input.sections.reduce((level, s) => stricterTlp(level, s.tlp), input.tlp), createdByRef: identity.id,
    externalReferences: externalReferences(input),
  });
  const levels = new Set<TlpLevel>([input.tlp, 'clear', ...input.sections.map((s) => s.tlp), ...input.indicators.map((i) => i.tlp)]);
  return stixBundle(`${input.id}\u0000${input.version}\u0000${ceiling}`, [...tlpMarkingDefinitions(levels), ...contained, report]);
}

function producerIdentity(producer: ExportPerson): StixObject {
  const organisation = producer.organisation?.trim();
  return organisation
    ? stixIdentity({ name: organisation, identityClass: 'organization', created: FIXED_VERSION, modified: FIXED_VERSION })
    : stixIdentity({ name: producer.name, identityClass: 'individual', created: FIXED_VERSION, modified: FIXED_VERSION });
}

function briefingIndicator(indicator: ExportIndicator, input: BriefingExportInput, createdByRef: string): StixObject {
  // A briefing edit or a new sighting gives a later `modified`, so consumers take the new version.
  const modified = [indicator.lastSeen, input.modified].reduce((a, b) => (b > a ? b : a), indicator.firstSeen);
  return stixIndicator({
    type: indicator.type, value: indicator.value, tlp: indicator.tlp,
    created: indicator.firstSeen, modified, validFrom: indicator.firstSeen, validUntil: input.validUntil,
    confidence: indicator.confidence, indicatorTypes: [INDICATOR_TYPE_OF[indicator.status]], labels: exportTags(indicator.tags),
    description: `Triage status ${indicator.status}; ${indicator.sightings} sighting(s), last ${indicator.lastSeen}.`,
    createdByRef,
  });
}

/** §10.9 indicator-type-ov for each triage verdict. */
const INDICATOR_TYPE_OF: Readonly<Record<TriageStatus, StixIndicatorType>> = {
  malicious: 'malicious-activity', suspicious: 'anomalous-activity', benign: 'benign', 'false-positive': 'benign',
  new: 'unknown', 'in-review': 'unknown', expired: 'unknown',
};

function reportDescription(input: BriefingExportInput): string {
  const lines = [input.summary];
  if (input.authors.length > 0) lines.push(`Authors: ${input.authors.map((a) => (a.organisation ? `${a.name} (${a.organisation})` : a.name)).join(', ')}`);
  if (input.distribution.length > 0) lines.push(`Distribution: ${input.distribution.join(', ')}`);
  if (input.validUntil) lines.push(`Valid until: ${input.validUntil}`);
  for (const section of input.sections) lines.push(`## ${section.heading} (${tlpLabelText(section.tlp)})\n\n${section.bodyMarkdown}`);
  return lines.filter((l) => l.trim() !== '').join('\n\n');
}

/** §2.5: a reference needs a source name and at least one of url, external id or description. */
function externalReferences(input: BriefingExportInput): StixExternalReference[] {
  return input.references.flatMap((r) => {
    if (!r.url && !r.externalId && !r.description) return [];
    const ref: { -readonly [K in keyof StixExternalReference]: StixExternalReference[K] } = { source_name: r.sourceName?.trim() || 'reference' };
    if (r.url) ref.url = r.url;
    if (r.externalId) ref.external_id = r.externalId;
    if (r.description) ref.description = r.description;
    return [ref];
  });
}
