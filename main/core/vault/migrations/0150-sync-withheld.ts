import type { Migration } from './migration';

/**
 * Sync (issue #13): versions withheld from a profile because their TLP is above its ceiling. A triage
 * edit that raises a shared indicator's TLP must not send the new version, and must say so in the sync
 * status rather than go quiet. One row per (profile, object): the newest version withheld; it goes when a
 * later version of the object is queued for that profile again. The row also keeps the profile among
 * those the object is shared with, so lowering the TLP later queues it again.
 */
export const migration0150SyncWithheld: Migration = {
  version: 150,
  name: 'sync-withheld',
  up(db) {
    db.exec(`
      CREATE TABLE sync_withheld (
        profile_id INTEGER NOT NULL REFERENCES sync_profiles(id) ON DELETE CASCADE,
        stix_id TEXT NOT NULL,
        modified TEXT NOT NULL,
        tlp_rank INTEGER NOT NULL CHECK (tlp_rank BETWEEN 0 AND 4),
        withheld_at TEXT NOT NULL,
        PRIMARY KEY (profile_id, stix_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX idx_sync_withheld__stix_id ON sync_withheld (stix_id);
    `);
  },
};
