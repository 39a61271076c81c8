import type { Migration } from './migration';

/**
 * settings: one row per setting, value stored as JSON so new settings need no schema change. Values are
 * re-validated when read; a missing row means "use the default".
 */
export const migration0030Settings: Migration = {
  version: 30,
  name: 'settings',
  up(db) {
    db.exec(`
      CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value_json TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;
    `);
  },
};
