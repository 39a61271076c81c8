import type { Migration } from './migration';

/**
 * vault_meta: a single row tying the database to its keyring (vault_id must equal keyring.json's vaultId,
 * so a database paired with the wrong keyring is detected even if the key happened to match).
 */
export const migration0010VaultMeta: Migration = {
  version: 10,
  name: 'vault-meta',
  up(db) {
    db.exec(`
      CREATE TABLE vault_meta (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        vault_id TEXT NOT NULL,
        created_at TEXT NOT NULL
      ) STRICT;
    `);
  },
};
