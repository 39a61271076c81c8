/**
 * Checks and normalises what an analyst writes before it reaches the vault: sizes are bounded with
 * messages that name the section and the figure, technique ids are normalised (and kept when no catalogue
 * knows them), and a patch is merged over the current content so autosave can send only what changed.
 */
import { randomBytes } from 'node:crypto';
import { WorkbenchError } from '../errors';
import { TLP_LEVELS, type TlpLevel } from '../indicators/tlp-level';
import {
  MAX_AUTHORS,
  MAX_DISTRIBUTION,
  MAX_REFERENCES,
  MAX_SECTION_BYTES,
  MAX_SECTIONS,
  MAX_SUMMARY_BYTES,
  MAX_TECHNIQUES,
  type BriefingContent,
  type BriefingPerson,
  type BriefingRecipient,
  type BriefingReference,
  type BriefingSection,
} from './briefing-model';

/** What the service accepts: any subset of the content, each field already shaped by the contract schema. */
export type BriefingContentPatch = Partial<BriefingContent>;

const TECHNIQUE_ID = /^T\d{4}(\.\d{3})?$/;
const SECTION_ID = /^[A-Za-z0-9_-]{1,64}$/;
const MAX_TITLE = 500;

/** A new section id: random, so ids stay unique when sections are copied between briefings. */
export function newSectionId(): string {
  return `s${randomBytes(6).toString('hex')}`;
}

/** Merges `patch` over `base` and validates the result; throws INVALID_INPUT naming what is wrong. */
export function mergeContent(base: BriefingContent, patch: BriefingContentPatch): BriefingContent {
  const merged: BriefingContent = { ...base };
  for (const key of Object.keys(patch) as (keyof BriefingContent)[]) {
    if (patch[key] !== undefined) (merged as unknown as Record<string, unknown>)[key] = patch[key];
  }
  return checkContent(merged);
}

/** Validates a whole content object and returns its normalised form. */
export function checkContent(content: BriefingContent): BriefingContent {
  const title = content.title.trim();
  if (title.length === 0) throw invalid('A briefing needs a title.');
  if (title.length > MAX_TITLE) throw invalid(`The title is ${title.length} characters; at most ${MAX_TITLE} are allowed.`);
  checkBytes(content.summary, MAX_SUMMARY_BYTES, 'The summary');
  return {
    title,
    summary: content.summary,
    tlp: checkTlp(content.tlp, 'The briefing'),
    sections: checkSections(content.sections),
    authors: checkList(content.authors, MAX_AUTHORS, 'authors').map(checkPerson),
    distribution: checkList(content.distribution, MAX_DISTRIBUTION, 'recipients').map(checkRecipient),
    techniques: normaliseTechniques(content.techniques),
    references: checkList(content.references, MAX_REFERENCES, 'references').map(checkReference),
    validUntil: normaliseValidUntil(content.validUntil),
  };
}

function checkSections(sections: readonly BriefingSection[]): BriefingSection[] {
  checkList(sections, MAX_SECTIONS, 'sections');
  const seen = new Set<string>();
  return sections.map((section, index) => {
    const heading = section.heading.trim();
    const label = heading ? `Section "${heading.slice(0, 80)}"` : `Section ${index + 1}`;
    const id = section.id || newSectionId();
    if (!SECTION_ID.test(id)) throw invalid(`${label} has an invalid id.`);
    if (seen.has(id)) throw invalid(`${label} repeats the id of another section.`);
    seen.add(id);
    if (heading.length > MAX_TITLE) throw invalid(`${label}: the heading is longer than ${MAX_TITLE} characters.`);
    checkBytes(section.bodyMarkdown, MAX_SECTION_BYTES, label);
    return { id, heading, bodyMarkdown: section.bodyMarkdown, tlp: checkTlp(section.tlp, label) };
  });
}

/** ATT&CK technique ids, upper-cased and deduplicated in order; ids unknown to the catalogue are kept. */
export function normaliseTechniques(ids: readonly string[]): string[] {
  checkList(ids, MAX_TECHNIQUES, 'techniques');
  const out: string[] = [];
  for (const raw of ids) {
    const id = raw.trim().toUpperCase();
    if (!TECHNIQUE_ID.test(id)) throw invalid(`"${raw.slice(0, 40)}" is not an ATT&CK technique id (such as T1566 or T1566.001).`);
    if (!out.includes(id)) out.push(id);
  }
  return out;
}

/**
 * Stored as an ISO timestamp in UTC (a plain date is midnight UTC), the one form every export can write
 * as is: STIX's valid_until refuses `2026-09-01`. A time without a zone is UTC. Dates that do not
 * exist (`2026-02-30`, which Date.parse rolls over into March) are refused.
 */
function normaliseValidUntil(value: string | null): string | null {
  if (value === null || value.trim() === '') return null;
  const text = value.trim();
  const parts = /^(\d{4})-(\d{2})-(\d{2})(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})?)?$/.exec(text);
  // A time without a zone would be read in the machine's zone; the vault's timestamps are UTC.
  const ms = Date.parse(parts?.[4] && !parts[7] ? `${text}Z` : text);
  const day = parts ? new Date(Date.UTC(Number(parts[1]), Number(parts[2]) - 1, Number(parts[3]))) : undefined;
  const exists = day !== undefined && day.getUTCFullYear() === Number(parts![1]) && day.getUTCMonth() === Number(parts![2]) - 1 && day.getUTCDate() === Number(parts![3]);
  if (!exists || Number.isNaN(ms)) throw invalid(`Valid until "${text.slice(0, 40)}" is not a date (YYYY-MM-DD or ISO 8601).`);
  return new Date(ms).toISOString();
}

function checkPerson(person: BriefingPerson): BriefingPerson {
  const name = person.name.trim();
  if (!name) throw invalid('An author needs a name.');
  return { name, organisation: person.organisation?.trim() || null };
}

function checkRecipient(recipient: BriefingRecipient): BriefingRecipient {
  const name = recipient.name.trim();
  if (!name) throw invalid('A recipient needs a name.');
  if (recipient.kind !== 'organisation' && recipient.kind !== 'country') throw invalid(`"${name}": a recipient is an organisation or a country.`);
  return { kind: recipient.kind, name };
}

function checkReference(reference: BriefingReference): BriefingReference {
  const url = reference.url?.trim() || null;
  const externalId = reference.externalId?.trim() || null;
  if (!url && !externalId) throw invalid('A reference needs a URL or a report id.');
  if (url && !/^https?:\/\/[^\s]+$/i.test(url)) throw invalid(`Reference "${url.slice(0, 80)}" is not an http(s) URL.`);
  return { url, externalId, sourceName: reference.sourceName?.trim() || null, description: reference.description?.trim() || null };
}

function checkTlp(tlp: TlpLevel, label: string): TlpLevel {
  if (!TLP_LEVELS.includes(tlp)) throw invalid(`${label} has an unknown TLP "${String(tlp)}".`);
  return tlp;
}

function checkList<T>(list: readonly T[], max: number, what: string): readonly T[] {
  if (list.length > max) throw invalid(`A briefing may have at most ${max} ${what}; this one has ${list.length}.`);
  return list;
}

/** Measures UTF-8 bytes (what the vault stores) and refuses with both figures. */
function checkBytes(text: string, max: number, label: string): void {
  // A string of n UTF-16 units takes at most 3n bytes, so short texts skip the measurement.
  if (text.length * 3 <= max) return;
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > max) throw invalid(`${label} is ${formatBytes(bytes)}; at most ${formatBytes(max)} of Markdown is allowed. Split it, or attach the material as a reference.`);
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1).replace(/\.0$/, '')} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} bytes`;
}

function invalid(message: string): WorkbenchError {
  return new WorkbenchError('INVALID_INPUT', message);
}
