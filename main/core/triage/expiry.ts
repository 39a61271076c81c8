/**
 * Automatic expiry: indicators whose valid-until has passed become `expired`. The app calls expireDue on
 * unlock and periodically. It is one bulk change of kind `auto-expire` audited as
 * `indicators.auto-expire`, so the analyst sees what expired and when (never silent), and can undo it
 * by change id if a valid-until was wrong.
 */
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { orEmpty, writeBulkChange, type BulkChangeResult } from './bulk-change';
import { EXPIRABLE_STATUSES } from './triage-model';

/** Expires every indicator with valid_until <= now and a status in EXPIRABLE_STATUSES. */
export function expireDue(db: Database, author: { actor: string; now: Date }): BulkChangeResult {
  const at = author.now.toISOString();
  return orEmpty(() =>
    db
      .transaction(() =>
        writeBulkChange(
          db,
          { actor: author.actor, at: author.now },
          { filter: { conditions: [{ field: 'valid_until', op: '<=', value: at }, { field: 'status', op: '=', value: [...EXPIRABLE_STATUSES] }] } },
          { set: { status: 'expired' }, addTags: [], removeTags: [] },
          'auto-expire',
          { status: 'expired', reason: `valid until passed (as of ${at})` },
        ),
      )
      .immediate(),
  );
}
