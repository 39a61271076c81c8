import { prepared } from './prepared';
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { objectTlpRank } from './object-tlp';
import { versionOf } from './shared-objects';

export type OutboxState = 'queued' | 'pending' | 'accepted' | 'failed' | 'held' | 'superseded';

export interface OutboxRow {
  id: number;
  profileId: number;
  stixId: string;
  modified: string;
  objectJson: string;
  tlpRank: number;
  state: OutboxState;
  attempts: number;
  nextAttemptAt: string;
  lastError: string | null;
  statusId: string | null;
}

export type EnqueueOutcome = 'queued' | 'already-queued' | 'above-ceiling';

/**
 * Queues one object version for one profile. Call inside the transaction of the change that caused it
 * (style guide: a write and its outbox row commit together). A version above the profile's TLP ceiling
 * is refused here, and checked again before sending. Older unsent versions of the same object are
 * superseded: only the newest version needs to reach the hub. While a conflict on the object is open,
 * the new version waits (`held`) for the analyst's decision. A version above the ceiling is recorded as
 * withheld, and the object's unsent versions for that profile are dropped with it.
 */
export function enqueueObject(db: Database, profile: { id: number; tlpMaxRank: number }, object: Record<string, unknown>, at: string): EnqueueOutcome {
  const rank = objectTlpRank(object);
  const stixId = String(object.id);
  const modified = versionOf(object);
  if (rank > profile.tlpMaxRank) {
    withhold(db, profile.id, stixId, modified, rank, at);
    return 'above-ceiling';
  }
  prepared(db, 'DELETE FROM sync_withheld WHERE profile_id = ? AND stix_id = ?').run(profile.id, stixId);
  // The hub gave us this very version: it has it already.
  if (prepared(db, 'SELECT 1 FROM sync_received WHERE profile_id = ? AND stix_id = ? AND modified = ?').get(profile.id, stixId, modified)) return 'already-queued';
  const conflictOpen = prepared(db, 'SELECT 1 FROM sync_conflicts WHERE stix_id = ? AND profile_id = ? AND resolved_at IS NULL').get(stixId, profile.id) !== undefined;
  const { changes } = prepared(db, 
      `INSERT INTO sync_outbox (profile_id, stix_id, modified, object_json, tlp_rank, state, next_attempt_at, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (profile_id, stix_id, modified) DO NOTHING`,
    )
    .run(profile.id, stixId, modified, JSON.stringify(object), rank, conflictOpen ? 'held' : 'queued', at, at, at);
  if (changes === 0) return 'already-queued';
  prepared(db, 
    `UPDATE sync_outbox SET state = 'superseded', updated_at = ? WHERE profile_id = ? AND stix_id = ? AND modified <> ? AND +state IN ('queued', 'held')`,
  ).run(at, profile.id, stixId, modified);
  return 'queued';
}

/**
 * Records that this version stays here (sync status counts it), and drops older versions still waiting
 * to go: once the object is above the ceiling, not even its earlier, lower-marked versions may leave.
 */
function withhold(db: Database, profileId: number, stixId: string, modified: string, rank: number, at: string): void {
  prepared(db,
    `INSERT INTO sync_withheld (profile_id, stix_id, modified, tlp_rank, withheld_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (profile_id, stix_id) DO UPDATE SET modified = excluded.modified, tlp_rank = excluded.tlp_rank, withheld_at = excluded.withheld_at`,
  ).run(profileId, stixId, modified, rank, at);
  prepared(db, `UPDATE sync_outbox SET state = 'superseded', updated_at = ? WHERE profile_id = ? AND stix_id = ? AND +state IN ('queued', 'held')`).run(at, profileId, stixId);
}

/** Profiles an object was shared with: queued for at some time, or withheld above their ceiling. */
export function sharedWithProfiles(db: Database, stixId: string): { id: number; name: string; tlpMaxRank: number }[] {
  return prepared(db,
    `SELECT id, name, tlp_max_rank AS tlpMaxRank FROM sync_profiles
     WHERE id IN (SELECT profile_id FROM sync_outbox WHERE stix_id = ? UNION SELECT profile_id FROM sync_withheld WHERE stix_id = ?) ORDER BY name`,
  ).all(stixId, stixId) as { id: number; name: string; tlpMaxRank: number }[];
}

/** Profiles to share with: the named ones, else every profile. */
export function targetProfiles(db: Database, names?: readonly string[]): { id: number; name: string; tlpMaxRank: number }[] {
  const all = prepared(db, 'SELECT id, name, tlp_max_rank AS tlpMaxRank FROM sync_profiles ORDER BY name').all() as { id: number; name: string; tlpMaxRank: number }[];
  return names?.length ? all.filter((p) => names.includes(p.name)) : all;
}

const COLUMNS = `id, profile_id AS profileId, stix_id AS stixId, modified, object_json AS objectJson, tlp_rank AS tlpRank, state, attempts,
  next_attempt_at AS nextAttemptAt, last_error AS lastError, status_id AS statusId`;

/**
 * Queued versions to send now, oldest first, after row `afterId` (`force`: the analyst asked, so backoff
 * does not hold them). The cursor means one run sends a row at most once, even if the server's status
 * never mentions it.
 */
export function listDue(db: Database, profileId: number, now: string, force: boolean, limit: number, afterId = 0): OutboxRow[] {
  return prepared(db, `SELECT ${COLUMNS} FROM sync_outbox WHERE profile_id = ? AND state = 'queued' AND (? OR next_attempt_at <= ?) AND id > ? ORDER BY id LIMIT ?`)
    .all(profileId, force ? 1 : 0, now, afterId, limit) as OutboxRow[];
}

/** Versions the server took but had not finished with: followed through their status resource. */
export function listPending(db: Database, profileId: number): OutboxRow[] {
  return prepared(db, `SELECT ${COLUMNS} FROM sync_outbox WHERE profile_id = ? AND state = 'pending' ORDER BY id`).all(profileId) as OutboxRow[];
}

export function markOutbox(db: Database, ids: readonly number[], change: { state: OutboxState; at: string; error?: string | null; statusId?: string | null }): void {
  const statement = prepared(db, `UPDATE sync_outbox SET state = @state, last_error = @error, status_id = @statusId, updated_at = @at WHERE id = @id AND state <> 'accepted'`);
  for (const id of ids) statement.run({ id, state: change.state, at: change.at, error: change.error ?? null, statusId: change.statusId ?? null });
}

/** A failed attempt: counts it, says why, and when to try again. */
export function recordAttemptFailure(db: Database, ids: readonly number[], change: { at: string; error: string; nextAttemptAt: string }): void {
  const statement = prepared(db, `UPDATE sync_outbox SET attempts = attempts + 1, last_error = ?, next_attempt_at = ?, updated_at = ? WHERE id = ? AND state = 'queued'`);
  for (const id of ids) statement.run(change.error, change.nextAttemptAt, change.at, id);
}

/** Whether this exact version already reached this profile's hub (it is then never sent again). */
export function isAccepted(db: Database, profileId: number, stixId: string, modified: string): boolean {
  return prepared(db, `SELECT 1 FROM sync_outbox WHERE profile_id = ? AND stix_id = ? AND modified = ? AND state = 'accepted'`).get(profileId, stixId, modified) !== undefined;
}
