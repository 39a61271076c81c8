import type { Migration } from './migration';

/**
 * Shared bundles (issue #12): the vault's own exchange identity, the partner keys it trusts, and the
 * bundles it imported.
 *
 * vault_identity holds private keys (the Ed25519 seed and the age X25519 identity). They live only here,
 * inside the encrypted database: no key file is ever written unless the analyst exports one on purpose.
 * trusted_keys is keyed by the fingerprint analysts read to each other; the public keys are stored whole
 * so verification never depends on anything outside the vault. bundle_imports is the provenance of every
 * bundle import (which bundle, who signed it, whether the signer was trusted or accepted as unknown) and
 * the custody chain as received with this vault's import appended.
 */
export const migration0110Bundles: Migration = {
  version: 110,
  name: 'bundles',
  up(db) {
    db.exec(`
      CREATE TABLE vault_identity (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        stix_id TEXT NOT NULL,
        analyst TEXT NOT NULL,
        organisation TEXT NOT NULL,
        sign_public TEXT NOT NULL,
        sign_secret TEXT NOT NULL,
        age_recipient TEXT NOT NULL,
        age_identity TEXT NOT NULL,
        fingerprint TEXT NOT NULL,
        created_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE trusted_keys (
        fingerprint TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        analyst TEXT NOT NULL,
        organisation TEXT NOT NULL,
        stix_id TEXT NOT NULL,
        sign_public TEXT NOT NULL UNIQUE,
        age_recipient TEXT NOT NULL,
        added_at TEXT NOT NULL,
        added_by TEXT NOT NULL
      ) STRICT;

      CREATE TABLE bundle_imports (
        id INTEGER PRIMARY KEY,
        bundle_id TEXT NOT NULL,
        source_id INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
        signer_fingerprint TEXT NOT NULL,
        signer_name TEXT NOT NULL,
        signer_trusted INTEGER NOT NULL CHECK (signer_trusted IN (0, 1)),
        imported_at TEXT NOT NULL,
        imported_by TEXT NOT NULL,
        custody_json TEXT NOT NULL
      ) STRICT;
      CREATE INDEX idx_bundle_imports__bundle_id ON bundle_imports (bundle_id);
      CREATE INDEX idx_bundle_imports__source_id ON bundle_imports (source_id);
    `);
  },
};
