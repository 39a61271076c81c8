/**
 * Write queries over briefings. They run inside the service's transactions (each together with its audit
 * entry); none opens a transaction of its own. Saved versions are only ever inserted: a version is the
 * working draft (version 0) copied row for row, which the migration's triggers then keep frozen.
 */
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { tlpRank } from '../vault/queries/tlp-rank';
import type { BriefingContent } from './briefing-model';

/** The content tables copied into a version, with their columns after (briefing_id, version). */
const CONTENT_COLUMNS: readonly [string, string][] = [
  ['briefing_sections', 'position, section_uid, heading, body, tlp_rank'],
  ['briefing_authors', 'position, name, organisation'],
  ['briefing_distribution', 'position, kind, name'],
  ['briefing_techniques', 'position, technique_id'],
  ['briefing_references', 'position, url, external_id, source_name, description'],
  ['briefing_indicators', 'indicator_id'],
];

export interface WriteMeta {
  at: string;
  actor: string;
}

/** Inserts a briefing row and its empty working draft; returns the id. */
export function insertBriefing(db: Database, uid: string, meta: WriteMeta, content: BriefingContent): number {
  const id = Number(
    db
      .prepare('INSERT INTO briefings (uid, created_at, created_by, updated_at) VALUES (?, ?, ?, ?)')
      .run(uid, meta.at, meta.actor, meta.at).lastInsertRowid,
  );
  db.prepare(
    `INSERT INTO briefing_versions (briefing_id, version, title, summary, tlp_rank, valid_until, created_at, created_by)
     VALUES (?, 0, ?, ?, ?, ?, ?, ?)`,
  ).run(id, content.title, content.summary, tlpRank(content.tlp), content.validUntil, meta.at, meta.actor);
  writeDraftContent(db, id, content, meta);
  return id;
}

/** Replaces the working draft's content (attachments are left alone) and bumps its revision. */
export function writeDraftContent(db: Database, id: number, content: BriefingContent, meta: WriteMeta): number {
  db.prepare('UPDATE briefing_versions SET title = ?, summary = ?, tlp_rank = ?, valid_until = ? WHERE briefing_id = ? AND version = 0').run(
    content.title,
    content.summary,
    tlpRank(content.tlp),
    content.validUntil,
    id,
  );
  for (const [table] of CONTENT_COLUMNS) {
    if (table !== 'briefing_indicators') db.prepare(`DELETE FROM ${table} WHERE briefing_id = ? AND version = 0`).run(id);
  }
  const section = db.prepare('INSERT INTO briefing_sections (briefing_id, version, position, section_uid, heading, body, tlp_rank) VALUES (?, 0, ?, ?, ?, ?, ?)');
  content.sections.forEach((s, i) => section.run(id, i, s.id, s.heading, s.bodyMarkdown, tlpRank(s.tlp)));
  const author = db.prepare('INSERT INTO briefing_authors (briefing_id, version, position, name, organisation) VALUES (?, 0, ?, ?, ?)');
  content.authors.forEach((a, i) => author.run(id, i, a.name, a.organisation));
  const recipient = db.prepare('INSERT INTO briefing_distribution (briefing_id, version, position, kind, name) VALUES (?, 0, ?, ?, ?)');
  content.distribution.forEach((r, i) => recipient.run(id, i, r.kind, r.name));
  const technique = db.prepare('INSERT INTO briefing_techniques (briefing_id, version, position, technique_id) VALUES (?, 0, ?, ?)');
  content.techniques.forEach((t, i) => technique.run(id, i, t));
  const reference = db.prepare(
    'INSERT INTO briefing_references (briefing_id, version, position, url, external_id, source_name, description) VALUES (?, 0, ?, ?, ?, ?, ?)',
  );
  content.references.forEach((r, i) => reference.run(id, i, r.url, r.externalId, r.sourceName, r.description));
  return touchDraft(db, id, meta);
}

/** Marks the draft changed (a new revision) and returns the revision. */
export function touchDraft(db: Database, id: number, meta: WriteMeta): number {
  return db.prepare('UPDATE briefings SET revision = revision + 1, updated_at = ? WHERE id = ? RETURNING revision').pluck().get(meta.at, id) as number;
}

export interface VersionMeta extends WriteMeta {
  note: string | null;
  restoredFrom: number | null;
}

/** Freezes the working draft as the next version and returns its number. */
export function snapshotDraft(db: Database, id: number, meta: VersionMeta): number {
  const version = (db.prepare('SELECT latest_version FROM briefings WHERE id = ?').pluck().get(id) as number) + 1;
  db.prepare(
    `INSERT INTO briefing_versions (briefing_id, version, title, summary, tlp_rank, valid_until, note, restored_from, created_at, created_by)
     SELECT briefing_id, @version, title, summary, tlp_rank, valid_until, @note, @restoredFrom, @at, @actor
     FROM briefing_versions WHERE briefing_id = @id AND version = 0`,
  ).run({ id, version, note: meta.note, restoredFrom: meta.restoredFrom, at: meta.at, actor: meta.actor });
  for (const [table, columns] of CONTENT_COLUMNS) {
    db.prepare(`INSERT INTO ${table} (briefing_id, version, ${columns}) SELECT briefing_id, ?, ${columns} FROM ${table} WHERE briefing_id = ? AND version = 0`).run(
      version,
      id,
    );
  }
  db.prepare('UPDATE briefings SET latest_version = ?, saved_revision = revision, updated_at = ? WHERE id = ?').run(version, meta.at, id);
  return version;
}

/** Records that the draft holds nothing the latest version lacks (no version is made). */
export function markDraftSaved(db: Database, id: number): void {
  db.prepare('UPDATE briefings SET saved_revision = revision WHERE id = ?').run(id);
}

/** Makes the working draft a copy of an old version: content and attachments. */
export function copyVersionToDraft(db: Database, id: number, version: number, meta: WriteMeta): void {
  db.prepare(
    `UPDATE briefing_versions SET (title, summary, tlp_rank, valid_until) =
       (SELECT title, summary, tlp_rank, valid_until FROM briefing_versions WHERE briefing_id = @id AND version = @version)
     WHERE briefing_id = @id AND version = 0`,
  ).run({ id, version });
  for (const [table, columns] of CONTENT_COLUMNS) {
    if (table === 'briefing_indicators') {
      // Only the difference is written, so in_briefings triggers fire for the indicators that changed.
      db.prepare(
        `DELETE FROM briefing_indicators WHERE briefing_id = @id AND version = 0
           AND indicator_id NOT IN (SELECT indicator_id FROM briefing_indicators WHERE briefing_id = @id AND version = @version)`,
      ).run({ id, version });
      db.prepare(
        `INSERT OR IGNORE INTO briefing_indicators (briefing_id, version, indicator_id)
         SELECT briefing_id, 0, indicator_id FROM briefing_indicators WHERE briefing_id = @id AND version = @version`,
      ).run({ id, version });
      continue;
    }
    db.prepare(`DELETE FROM ${table} WHERE briefing_id = ? AND version = 0`).run(id);
    db.prepare(`INSERT INTO ${table} (briefing_id, version, ${columns}) SELECT briefing_id, 0, ${columns} FROM ${table} WHERE briefing_id = ? AND version = ?`).run(
      id,
      version,
    );
  }
  touchDraft(db, id, meta);
}

/** Attaches indicator ids (given as a JSON array) to the draft; returns how many were new. */
export function attachToDraft(db: Database, id: number, idsJson: string): number {
  return db
    .prepare(
      `INSERT OR IGNORE INTO briefing_indicators (briefing_id, version, indicator_id)
       SELECT ?, 0, value FROM json_each(?) ORDER BY value`,
    )
    .run(id, idsJson).changes;
}

/** Detaches indicator ids (a JSON array) from the draft; returns how many were attached. */
export function detachFromDraft(db: Database, id: number, idsJson: string): number {
  return db.prepare('DELETE FROM briefing_indicators WHERE briefing_id = ? AND version = 0 AND indicator_id IN (SELECT value FROM json_each(?))').run(id, idsJson)
    .changes;
}

export function setStatus(db: Database, id: number, status: string, at: string, fields: { approvedVersion?: number; publishedVersion?: number } = {}): void {
  if (fields.publishedVersion !== undefined) {
    db.prepare('UPDATE briefing_versions SET published_at = ? WHERE briefing_id = ? AND version = ?').run(at, id, fields.publishedVersion);
  }
  db.prepare(
    `UPDATE briefings SET status = @status, updated_at = @at,
       approved_version = CASE WHEN @approved IS NULL THEN approved_version ELSE @approved END,
       published_version = CASE WHEN @published IS NULL THEN published_version ELSE @published END
     WHERE id = @id`,
  ).run({ id, status, at, approved: fields.approvedVersion ?? null, published: fields.publishedVersion ?? null });
}
