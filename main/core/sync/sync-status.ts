import type { Database } from 'better-sqlite3-multiple-ciphers';
import { listSyncProfiles } from './sync-profiles';

/** Per profile: what `liaison sync status` and the Sync screen show. */
export interface ProfileSyncStatus {
  profile: string;
  lastAttemptAt: string | null;
  lastSuccessAt: string | null;
  lastError: string | null;
  /** Versions waiting to be sent (queued) or sent and not yet final on the server (pending). */
  queued: number;
  pending: number;
  accepted: number;
  /** Versions the server refused or that cannot be sent (above the TLP ceiling, too large). */
  failures: { stixId: string; modified: string; error: string }[];
  failed: number;
  /** Objects whose newest version is above this profile's TLP ceiling: kept here, never sent. */
  withheld: number;
  conflicts: number;
}

const MAX_LISTED_FAILURES = 20;

export function syncStatus(db: Database): ProfileSyncStatus[] {
  const counts = db.prepare(`SELECT state, count(*) AS n FROM sync_outbox WHERE profile_id = ? GROUP BY state`);
  const failures = db.prepare(`SELECT stix_id AS stixId, modified, ifnull(last_error, '') AS error FROM sync_outbox WHERE profile_id = ? AND state = 'failed' ORDER BY id DESC LIMIT ${MAX_LISTED_FAILURES}`);
  const conflicts = db.prepare('SELECT count(*) FROM sync_conflicts WHERE profile_id = ? AND resolved_at IS NULL').pluck();
  const withheld = db.prepare('SELECT count(*) FROM sync_withheld WHERE profile_id = ?').pluck();
  return listSyncProfiles(db).map((profile) => {
    const byState = new Map((counts.all(profile.id) as { state: string; n: number }[]).map((r) => [r.state, r.n]));
    return {
      profile: profile.name,
      lastAttemptAt: profile.lastAttemptAt,
      lastSuccessAt: profile.lastSuccessAt,
      lastError: profile.lastError,
      queued: (byState.get('queued') ?? 0) + (byState.get('held') ?? 0),
      pending: byState.get('pending') ?? 0,
      accepted: byState.get('accepted') ?? 0,
      failed: byState.get('failed') ?? 0,
      failures: failures.all(profile.id) as ProfileSyncStatus['failures'],
      withheld: withheld.get(profile.id) as number,
      conflicts: conflicts.get(profile.id) as number,
    };
  });
}
