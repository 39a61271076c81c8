import type { Database } from 'better-sqlite3-multiple-ciphers';
import { appendAudit } from '../audit';
import { WorkbenchError } from '../errors';
import { enqueueObject, sharedWithProfiles } from './outbox';
import { importPage } from './page-import';
import { putSharedObject } from './shared-objects';

export type ConflictResolution = 'keep-mine' | 'take-theirs';

/** A local and a remote version of one object, side by side. */
export interface SyncConflict {
  id: number;
  profile: string;
  stixId: string;
  detectedAt: string;
  local: { modified: string; object: Record<string, unknown> };
  remote: { modified: string; object: Record<string, unknown> };
}

interface Row {
  id: number;
  profile: string;
  stix_id: string;
  detected_at: string;
  local_modified: string;
  local_json: string;
  remote_modified: string;
  remote_json: string;
  profile_id: number;
}

const SELECT = `SELECT c.id, p.name AS profile, c.profile_id, c.stix_id, c.detected_at, c.local_modified, c.local_json, c.remote_modified, c.remote_json
  FROM sync_conflicts c JOIN sync_profiles p ON p.id = c.profile_id`;

/** Open conflicts, oldest first. */
export function listConflicts(db: Database): SyncConflict[] {
  return (db.prepare(`${SELECT} WHERE c.resolved_at IS NULL ORDER BY c.id`).all() as Row[]).map(toConflict);
}

/**
 * Resolves a conflict.
 * - keep-mine: our version wins. It is re-issued with a `modified` later than both versions (so every
 *   client sees it as the newest) and queued for every profile the object is shared with; the held
 *   versions (of any profile: the conflict is one per object) are superseded by it.
 * - take-theirs: the remote version becomes the local copy and goes through the import like any pulled
 *   indicator; our unsent versions are dropped (superseded, kept in the outbox table as history).
 * Either way the decision is audited, in the same transaction.
 */
export async function resolveConflict(db: Database, conflictId: number, resolution: ConflictResolution, author: { actor: string; now: () => Date }): Promise<SyncConflict> {
  const row = db.prepare(`${SELECT} WHERE c.id = ? AND c.resolved_at IS NULL`).get(conflictId) as Row | undefined;
  if (!row) throw new WorkbenchError('NOT_FOUND', `No open sync conflict #${conflictId}.`);
  const conflict = toConflict(row);
  const at = author.now().toISOString();
  const finish = (): void => {
    db.prepare('UPDATE sync_conflicts SET resolved_at = ?, resolution = ?, resolved_by = ? WHERE id = ?').run(at, resolution, author.actor, conflict.id);
    appendAudit(db, { at: author.now(), actor: author.actor, action: 'sync.conflict.resolve', target: conflict.stixId, before: { local: conflict.local.modified, remote: conflict.remote.modified }, after: { resolution } });
  };
  if (resolution === 'keep-mine') {
    // Later than both versions even when a clock is behind (Date.parse drops digits past the millisecond, so +1 ms).
    const modified = new Date(Math.max(Date.parse(at), Date.parse(conflict.local.modified) + 1, Date.parse(conflict.remote.modified) + 1)).toISOString();
    const mine = { ...conflict.local.object, modified };
    db.transaction(() => {
      // One open conflict per object, whichever profile found it: every profile's held versions wait on it.
      db.prepare(`UPDATE sync_outbox SET state = 'superseded', updated_at = ? WHERE stix_id = ? AND +state = 'held'`).run(at, conflict.stixId);
      putSharedObject(db, mine, { origin: 'local', baseModified: conflict.remote.modified, at });
      finish();
      for (const profile of sharedWithProfiles(db, conflict.stixId)) enqueueObject(db, profile, mine, at);
    }).immediate();
  } else {
    const theirs = conflict.remote.object;
    await importPage(db, theirs.type === 'indicator' ? [theirs] : [], { sourceName: row.profile, actor: author.actor, now: author.now }, () => {
      db.prepare(`UPDATE sync_outbox SET state = 'superseded', updated_at = ? WHERE stix_id = ? AND +state IN ('held', 'queued')`).run(at, conflict.stixId);
      putSharedObject(db, theirs, { origin: 'remote', baseModified: conflict.remote.modified, at });
      finish();
    });
  }
  return conflict;
}

function toConflict(row: Row): SyncConflict {
  return {
    id: row.id,
    profile: row.profile,
    stixId: row.stix_id,
    detectedAt: row.detected_at,
    local: { modified: row.local_modified, object: JSON.parse(row.local_json) as Record<string, unknown> },
    remote: { modified: row.remote_modified, object: JSON.parse(row.remote_json) as Record<string, unknown> },
  };
}
