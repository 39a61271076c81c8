/**
 * What an analyst may change on an indicator, validated and turned into column values. Shared by single
 * edits and bulk changes so both accept exactly the same input.
 */
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { WorkbenchError } from '../errors';
import type { TlpLevel } from '../ingest/ingest-record';
import { tlpRank } from '../vault/queries/tlp-rank';
import { timeValue } from './queue-filter-sql';
import {
  isSeverity,
  isTlpLevel,
  isTriageStatus,
  SEVERITIES,
  SOURCE_RELIABILITIES,
  type InfoCredibility,
  type Severity,
  type SourceReliability,
  type TriageStatus,
} from './triage-model';

export interface TriagePatch {
  status?: TriageStatus;
  /** 0..100, or null to clear. */
  confidence?: number | null;
  severity?: Severity | null;
  /** Admiralty code, the alternative to a confidence figure; null clears both parts. */
  admiralty?: { reliability: SourceReliability; credibility: InfoCredibility } | null;
  tlp?: TlpLevel;
  /** Handle of an analyst profile (see addAnalyst), or null to unassign. */
  assignee?: string | null;
  /** Markdown. */
  notes?: string | null;
  /** ISO 8601 or YYYY-MM-DD; null clears. */
  validUntil?: string | null;
  addTags?: readonly string[];
  removeTags?: readonly string[];
}

export type ColumnValue = string | number | null;

/** A validated patch: column -> value, plus tag edits. Stored with a bulk change to drive its undo. */
export interface ColumnPatch {
  set: Record<string, ColumnValue>;
  addTags: string[];
  removeTags: string[];
}

export const PATCH_COLUMNS = [
  'status',
  'confidence',
  'severity',
  'source_reliability',
  'info_credibility',
  'tlp_rank',
  'assignee_id',
  'notes',
  'valid_until',
] as const;

const MAX_NOTES = 100_000;

/** Validates `patch` (INVALID_INPUT / NOT_FOUND for an unknown assignee) and maps it to columns. */
export function toColumnPatch(db: Database, patch: TriagePatch): ColumnPatch {
  const set: Record<string, ColumnValue> = {};
  if (patch.status !== undefined) {
    if (!isTriageStatus(patch.status)) throw invalid(`"${patch.status}" is not a triage status.`);
    set.status = patch.status;
  }
  if (patch.confidence !== undefined) {
    if (patch.confidence !== null && (!Number.isInteger(patch.confidence) || patch.confidence < 0 || patch.confidence > 100)) {
      throw invalid('Confidence is a whole number from 0 to 100.');
    }
    set.confidence = patch.confidence;
  }
  if (patch.severity !== undefined) {
    if (patch.severity !== null && !isSeverity(patch.severity)) throw invalid(`Severity is one of ${SEVERITIES.join(', ')}.`);
    set.severity = patch.severity === null ? null : SEVERITIES.indexOf(patch.severity);
  }
  if (patch.admiralty !== undefined) {
    const a = patch.admiralty;
    if (a !== null && (!SOURCE_RELIABILITIES.includes(a.reliability) || ![1, 2, 3, 4, 5, 6].includes(a.credibility))) {
      throw invalid('The Admiralty code is a source reliability A-F and an information credibility 1-6.');
    }
    set.source_reliability = a?.reliability ?? null;
    set.info_credibility = a?.credibility ?? null;
  }
  if (patch.tlp !== undefined) {
    if (!isTlpLevel(patch.tlp)) throw invalid(`"${patch.tlp}" is not a TLP level.`);
    set.tlp_rank = tlpRank(patch.tlp);
  }
  if (patch.assignee !== undefined) set.assignee_id = patch.assignee === null ? null : requireAnalystId(db, patch.assignee);
  if (patch.notes !== undefined) {
    if (patch.notes !== null && (typeof patch.notes !== 'string' || patch.notes.length > MAX_NOTES)) throw invalid('Notes are text up to 100,000 characters.');
    set.notes = patch.notes === null || patch.notes.trim() === '' ? null : patch.notes;
  }
  if (patch.validUntil !== undefined) set.valid_until = patch.validUntil === null ? null : timeValue(patch.validUntil);
  const addTags = cleanTags(patch.addTags);
  const removeTags = cleanTags(patch.removeTags);
  if (addTags.some((t) => removeTags.includes(t))) throw invalid('A tag cannot be added and removed at once.');
  if (Object.keys(set).length === 0 && addTags.length === 0 && removeTags.length === 0) throw invalid('Nothing to change.');
  return { set, addTags, removeTags };
}

/** `SET` terms for the patch, with parameters named `s_<column>`. */
export function setClause(patch: ColumnPatch): { sql: string; params: Record<string, ColumnValue> } {
  const params: Record<string, ColumnValue> = {};
  const terms = Object.entries(patch.set).map(([column, value]) => {
    params[`s_${column}`] = value;
    return `${column} = @s_${column}`;
  });
  return { sql: terms.join(', '), params };
}

/**
 * SQL (over `indicators i`) for the before-image JSON of the fields `patch` touches; `tags` lists which
 * of the touched tags the indicator had.
 */
export function beforeImageSql(patch: ColumnPatch): string {
  const parts = Object.keys(patch.set).map((column) => `'${column}', i.${column}`);
  const touched = [...patch.addTags, ...patch.removeTags];
  if (touched.length > 0) {
    parts.push(`'tags', (SELECT json_group_array(t.tag) FROM indicator_tags t WHERE t.indicator_id = i.id AND t.tag IN (SELECT value FROM json_each(@touchedTags)))`);
  }
  return `json_object(${parts.join(', ')})`;
}

function requireAnalystId(db: Database, handle: string): number {
  const id = db.prepare('SELECT id FROM analysts WHERE handle = ?').pluck().get(handle) as number | undefined;
  if (id === undefined) throw new WorkbenchError('NOT_FOUND', `No analyst profile "${handle}"; add it first.`);
  return id;
}

function cleanTags(tags: readonly string[] | undefined): string[] {
  const out = new Set<string>();
  for (const tag of tags ?? []) {
    const t = typeof tag === 'string' ? tag.trim() : '';
    if (!t || t.length > 200) throw invalid('Tags are non-empty text up to 200 characters.');
    out.add(t);
  }
  return [...out];
}

function invalid(message: string): WorkbenchError {
  return new WorkbenchError('INVALID_INPUT', message);
}
