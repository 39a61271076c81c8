import { prepared } from './prepared';
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { compareTimestamps, getSharedObject, versionOf } from './shared-objects';

/**
 * What a pulled object version means for the vault. The rules, in order:
 * 1. `duplicate`: this profile gave us this id+modified before (any page, any run): nothing to do.
 * 2. `conflict`: we have a local version the hub has not accepted yet (queued, held or pending in this
 *    profile's outbox) and the remote version is another one, newer than the version our edit started
 *    from. Neither is derived from the other, so both are kept side by side for the analyst.
 * 3. `apply`: no local copy, or the remote version is newer than it: it becomes the local copy.
 * 4. `older`: the local copy is this version or a newer one (our own push coming back, or a stale
 *    version): recorded as received only. Nothing is ever silently overwritten by an older version.
 */
export type PulledVerdict = 'duplicate' | 'conflict' | 'apply' | 'older';

export function judgePulled(db: Database, profileId: number, object: Record<string, unknown>): PulledVerdict {
  const stixId = String(object.id);
  const modified = versionOf(object);
  if (prepared(db, 'SELECT 1 FROM sync_received WHERE profile_id = ? AND stix_id = ? AND modified = ?').get(profileId, stixId, modified)) return 'duplicate';
  const local = getSharedObject(db, stixId);
  const unaccepted = prepared(db, `SELECT modified FROM sync_outbox WHERE profile_id = ? AND stix_id = ? AND +state IN ('queued', 'held', 'pending') AND modified <> ?`)
    .pluck()
    .all(profileId, stixId, modified) as string[];
  if (local && unaccepted.length > 0 && (local.baseModified === null || compareTimestamps(modified, local.baseModified) > 0)) return 'conflict';
  if (!local || compareTimestamps(modified, local.modified) > 0) return 'apply';
  return 'older';
}
