/**
 * Read queries over briefings. Version 0 is the working draft, 1.. the saved versions; every content
 * table is keyed (briefing_id, version) so one function reads either.
 */
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { WorkbenchError } from '../errors';
import type { TlpLevel } from '../indicators/tlp-level';
import { tlpFromRank } from '../vault/queries/tlp-rank';
import type { TriageStatus } from '../triage/triage-model';
import type {
  BriefingCitation,
  BriefingContent,
  BriefingIndicator,
  BriefingSummary,
  BriefingTechnique,
  BriefingVersionSummary,
} from './briefing-model';
import type { BriefingStatus } from './briefing-status';
import { describeTechniques } from './attack/attack-reads';

export interface BriefingRow {
  id: number;
  uid: string;
  status: BriefingStatus;
  latestVersion: number;
  revision: number;
  savedRevision: number;
  approvedVersion: number | null;
  publishedVersion: number | null;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
}

const BRIEFING_COLUMNS = `id, uid, status, latest_version AS latestVersion, revision, saved_revision AS savedRevision,
  approved_version AS approvedVersion, published_version AS publishedVersion, created_at AS createdAt, created_by AS createdBy, updated_at AS updatedAt`;

export function getBriefingRow(db: Database, id: number): BriefingRow | undefined {
  return db.prepare(`SELECT ${BRIEFING_COLUMNS} FROM briefings WHERE id = ?`).get(id) as BriefingRow | undefined;
}

/** The briefing, or NOT_FOUND naming the id. */
export function requireBriefingRow(db: Database, id: number): BriefingRow {
  const row = getBriefingRow(db, id);
  if (!row) throw new WorkbenchError('NOT_FOUND', `No briefing ${id} in this vault.`);
  return row;
}

/** Throws NOT_FOUND unless `version` (0 = draft) exists for the briefing. */
export function requireVersion(row: BriefingRow, version: number): void {
  if (version < 0 || version > row.latestVersion) {
    const known = row.latestVersion === 0 ? 'it has no saved version yet' : `its versions are 1 to ${row.latestVersion}`;
    throw new WorkbenchError('NOT_FOUND', `Briefing ${row.id} has no version ${version}; ${known}.`);
  }
}

/** The content of one version (0 = the working draft). */
export function readContent(db: Database, id: number, version: number): BriefingContent {
  const head = db
    .prepare('SELECT title, summary, tlp_rank AS tlpRank, valid_until AS validUntil FROM briefing_versions WHERE briefing_id = ? AND version = ?')
    .get(id, version) as { title: string; summary: string; tlpRank: number; validUntil: string | null } | undefined;
  if (!head) throw new WorkbenchError('NOT_FOUND', `Briefing ${id} has no version ${version}.`);
  const sections = db
    .prepare('SELECT section_uid AS id, heading, body AS bodyMarkdown, tlp_rank AS tlpRank FROM briefing_sections WHERE briefing_id = ? AND version = ? ORDER BY position')
    .all(id, version) as { id: string; heading: string; bodyMarkdown: string; tlpRank: number }[];
  const authors = db
    .prepare('SELECT name, organisation FROM briefing_authors WHERE briefing_id = ? AND version = ? ORDER BY position')
    .all(id, version) as { name: string; organisation: string | null }[];
  const distribution = db
    .prepare('SELECT kind, name FROM briefing_distribution WHERE briefing_id = ? AND version = ? ORDER BY position')
    .all(id, version) as BriefingContent['distribution'];
  const techniques = db
    .prepare('SELECT technique_id FROM briefing_techniques WHERE briefing_id = ? AND version = ? ORDER BY position')
    .pluck()
    .all(id, version) as string[];
  const references = db
    .prepare(
      `SELECT url, external_id AS externalId, source_name AS sourceName, description FROM briefing_references
       WHERE briefing_id = ? AND version = ? ORDER BY position`,
    )
    .all(id, version) as BriefingContent['references'];
  return {
    title: head.title,
    summary: head.summary,
    tlp: tlpFromRank(head.tlpRank),
    sections: sections.map(({ tlpRank, ...s }) => ({ ...s, tlp: tlpFromRank(tlpRank) })),
    authors,
    distribution,
    techniques,
    references,
    validUntil: head.validUntil,
  };
}

interface IndicatorRow {
  id: number;
  type: string;
  value: string;
  tlpRank: number;
  status: TriageStatus;
  confidence: number | null;
  sightings: number;
  firstSeen: string | null;
  lastSeen: string | null;
  createdAt: string;
  tags: string | null;
}

/**
 * The attached indicators of a version with their live state, in id order (the attachment key's own
 * order, so no sort step); `limit` undefined reads all.
 * Tags are read in the same statement (group_concat over a unit separator no tag contains).
 */
export function readAttachedIndicators(db: Database, id: number, version: number, limit?: number): (BriefingIndicator & { createdAt: string })[] {
  const rows = db
    .prepare(
      `SELECT i.id, i.type, i.value, i.tlp_rank AS tlpRank, i.status, i.confidence, i.sightings, i.first_seen AS firstSeen,
              i.last_seen AS lastSeen, i.created_at AS createdAt,
              (SELECT group_concat(t.tag, char(31)) FROM indicator_tags t WHERE t.indicator_id = i.id) AS tags
       FROM briefing_indicators b JOIN indicators i ON i.id = b.indicator_id
       WHERE b.briefing_id = ? AND b.version = ?
       ORDER BY b.indicator_id
       LIMIT ?`,
    )
    .all(id, version, limit ?? -1) as IndicatorRow[];
  return rows.map(({ tlpRank, tags, ...row }) => ({ ...row, tlp: tlpFromRank(tlpRank), tags: tags ? tags.split('\u001f').sort() : [] }));
}

export function countAttached(db: Database, id: number, version: number): number {
  return db.prepare('SELECT count(*) FROM briefing_indicators WHERE briefing_id = ? AND version = ?').pluck().get(id, version) as number;
}

/** The highest marking of the document, its sections and its attached indicators. */
export function readMarking(db: Database, id: number, version: number): TlpLevel {
  const rank = db
    .prepare(
      `SELECT max(
         (SELECT tlp_rank FROM briefing_versions WHERE briefing_id = @id AND version = @version),
         ifnull((SELECT max(tlp_rank) FROM briefing_sections WHERE briefing_id = @id AND version = @version), 0),
         ifnull((SELECT max(i.tlp_rank) FROM briefing_indicators b JOIN indicators i ON i.id = b.indicator_id
                 WHERE b.briefing_id = @id AND b.version = @version), 0))`,
    )
    .pluck()
    .get({ id, version }) as number;
  return tlpFromRank(rank);
}

export function readTechniques(db: Database, ids: readonly string[]): BriefingTechnique[] {
  return describeTechniques(db, ids);
}

export interface ListBriefingsQuery {
  status?: BriefingStatus;
  limit?: number;
}

/** Briefings, most recently changed first. */
export function listBriefings(db: Database, query: ListBriefingsQuery = {}): BriefingSummary[] {
  const rows = db
    .prepare(
      `SELECT b.id, v.title, v.tlp_rank AS tlpRank, b.status, b.latest_version AS version, b.revision != b.saved_revision AS unsaved,
              (SELECT count(*) FROM briefing_indicators x WHERE x.briefing_id = b.id AND x.version = 0) AS indicatorCount,
              (SELECT count(*) FROM briefing_techniques x WHERE x.briefing_id = b.id AND x.version = 0) AS techniqueCount,
              b.created_at AS createdAt, b.created_by AS createdBy, b.updated_at AS updatedAt
       FROM briefings b JOIN briefing_versions v ON v.briefing_id = b.id AND v.version = 0
       WHERE (@status IS NULL OR b.status = @status)
       ORDER BY b.updated_at DESC, b.id DESC
       LIMIT @limit`,
    )
    .all({ status: query.status ?? null, limit: query.limit ?? 200 }) as (Omit<BriefingSummary, 'tlp' | 'hasUnsavedDraft'> & { tlpRank: number; unsaved: number })[];
  return rows.map(({ tlpRank, unsaved, ...row }) => ({ ...row, tlp: tlpFromRank(tlpRank), hasUnsavedDraft: unsaved === 1 }));
}

/** Saved versions, newest first. */
export function listVersions(db: Database, id: number): BriefingVersionSummary[] {
  requireBriefingRow(db, id);
  const rows = db
    .prepare(
      `SELECT v.version, v.title, v.tlp_rank AS tlpRank, v.created_at AS createdAt, v.created_by AS createdBy, v.note,
              v.restored_from AS restoredFrom, v.published_at AS publishedAt,
              (SELECT count(*) FROM briefing_indicators x WHERE x.briefing_id = v.briefing_id AND x.version = v.version) AS indicatorCount
       FROM briefing_versions v WHERE v.briefing_id = ? AND v.version > 0 ORDER BY v.version DESC`,
    )
    .all(id) as (Omit<BriefingVersionSummary, 'tlp'> & { tlpRank: number })[];
  return rows.map(({ tlpRank, ...row }) => ({ ...row, tlp: tlpFromRank(tlpRank) }));
}

/** Briefings whose working draft attaches the indicator, most recently changed first. */
export function listCitingBriefings(db: Database, indicatorId: number, limit = 100): BriefingCitation[] {
  const rows = db
    .prepare(
      `SELECT b.id, v.title, b.status, v.tlp_rank AS tlpRank, b.latest_version AS version
       FROM briefing_indicators x JOIN briefings b ON b.id = x.briefing_id
       JOIN briefing_versions v ON v.briefing_id = b.id AND v.version = 0
       WHERE x.indicator_id = ? AND x.version = 0
       ORDER BY b.updated_at DESC, b.id DESC LIMIT ?`,
    )
    .all(indicatorId, limit) as (Omit<BriefingCitation, 'tlp'> & { tlpRank: number })[];
  return rows.map(({ tlpRank, ...row }) => ({ ...row, tlp: tlpFromRank(tlpRank) }));
}
