import type { Migration } from './migration';

/**
 * Sync over TAXII 2.1 (issue #13): server profiles, the durable outbox, pull checkpoints, the shared
 * objects' local copies and conflicts.
 *
 * - sync_profiles.secret holds the password or token. It lives only here, inside the encrypted vault:
 *   never in argv, logs, audit entries or plain files, and no read path but the engine's returns it.
 * - sync_outbox has one row per (profile, object id, modified): a version is queued once, and once
 *   `accepted` it is never sent again. Rows are written in the transaction of the change that caused them.
 * - sync_checkpoints.added_after is the server's timestamp text, kept verbatim (servers give more digits
 *   than milliseconds; rounding would skip or repeat objects).
 * - sync_objects is the local copy of every shared object (ours or pulled); base_modified is the last
 *   version both sides agreed on, which is what decides whether a remote version is a conflict.
 */
export const migration0120Sync: Migration = {
  version: 120,
  name: 'sync',
  up(db) {
    db.exec(`
      CREATE TABLE sync_profiles (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        discovery_url TEXT NOT NULL,
        api_root_url TEXT,
        push_collection TEXT NOT NULL,
        pull_collections_json TEXT NOT NULL DEFAULT '[]',
        auth_kind TEXT NOT NULL CHECK (auth_kind IN ('none', 'basic', 'bearer')),
        auth_user TEXT,
        secret TEXT,
        ca_pem TEXT,
        tlp_max_rank INTEGER NOT NULL CHECK (tlp_max_rank BETWEEN 0 AND 4),
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        last_attempt_at TEXT,
        last_success_at TEXT,
        last_error TEXT
      ) STRICT;

      CREATE TABLE sync_outbox (
        id INTEGER PRIMARY KEY,
        profile_id INTEGER NOT NULL REFERENCES sync_profiles(id) ON DELETE CASCADE,
        stix_id TEXT NOT NULL,
        modified TEXT NOT NULL,
        object_json TEXT NOT NULL,
        tlp_rank INTEGER NOT NULL CHECK (tlp_rank BETWEEN 0 AND 4),
        state TEXT NOT NULL CHECK (state IN ('queued', 'pending', 'accepted', 'failed', 'held', 'superseded')),
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_at TEXT NOT NULL,
        last_error TEXT,
        status_id TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        UNIQUE (profile_id, stix_id, modified)
      ) STRICT;
      CREATE INDEX idx_sync_outbox__profile_id_state_next_attempt_at ON sync_outbox (profile_id, state, next_attempt_at);
      -- Lookups of one object's versions go through this index; they write "+state" so that SQLite does not
      -- pick the (profile_id, state) index instead and scan every queued row (O(n) per object, O(n^2) per run).
      CREATE INDEX idx_sync_outbox__stix_id_profile_id ON sync_outbox (stix_id, profile_id);

      CREATE TABLE sync_checkpoints (
        profile_id INTEGER NOT NULL REFERENCES sync_profiles(id) ON DELETE CASCADE,
        collection_id TEXT NOT NULL,
        added_after TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        PRIMARY KEY (profile_id, collection_id)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE sync_objects (
        stix_id TEXT PRIMARY KEY,
        type TEXT NOT NULL,
        modified TEXT NOT NULL,
        object_json TEXT NOT NULL,
        origin TEXT NOT NULL CHECK (origin IN ('local', 'remote')),
        base_modified TEXT,
        indicator_id INTEGER REFERENCES indicators(id) ON DELETE SET NULL,
        updated_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX idx_sync_objects__indicator_id ON sync_objects (indicator_id) WHERE indicator_id IS NOT NULL;

      -- Versions pulled from a profile: dedupe by id and modified, whatever page or run brings them again.
      CREATE TABLE sync_received (
        profile_id INTEGER NOT NULL REFERENCES sync_profiles(id) ON DELETE CASCADE,
        stix_id TEXT NOT NULL,
        modified TEXT NOT NULL,
        received_at TEXT NOT NULL,
        PRIMARY KEY (profile_id, stix_id, modified)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE sync_conflicts (
        id INTEGER PRIMARY KEY,
        profile_id INTEGER NOT NULL REFERENCES sync_profiles(id) ON DELETE CASCADE,
        stix_id TEXT NOT NULL,
        local_modified TEXT NOT NULL,
        local_json TEXT NOT NULL,
        remote_modified TEXT NOT NULL,
        remote_json TEXT NOT NULL,
        detected_at TEXT NOT NULL,
        resolved_at TEXT,
        resolution TEXT CHECK (resolution IS NULL OR resolution IN ('keep-mine', 'take-theirs')),
        resolved_by TEXT
      ) STRICT;
      CREATE UNIQUE INDEX idx_sync_conflicts__stix_id ON sync_conflicts (stix_id) WHERE resolved_at IS NULL;
    `);
  },
};
