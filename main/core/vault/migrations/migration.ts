import type Database from 'better-sqlite3-multiple-ciphers';

/**
 * One schema step. `version` is what `PRAGMA user_version` holds after `up` ran (steps of 10 leave room
 * for hotfixes). A migration that has shipped is never edited: fix forward with a new one.
 */
export interface Migration {
  readonly version: number;
  readonly name: string;
  /** Runs inside the migration transaction; must be synchronous and must not change user_version itself. */
  up(db: Database.Database): void;
}
