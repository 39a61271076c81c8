import type Database from 'better-sqlite3-multiple-ciphers';
import { WorkbenchError } from '../errors';
import { LATEST_SCHEMA_VERSION, MIGRATIONS, type Migration } from './migrations';

/** Reads the schema version from `PRAGMA user_version`. */
export function readSchemaVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** Throws NEWER_SCHEMA when the vault was written by a newer build; called before anything is written. */
export function assertKnownSchema(version: number, latest: number = LATEST_SCHEMA_VERSION): void {
  if (version > latest) {
    throw new WorkbenchError(
      'NEWER_SCHEMA',
      `This vault uses schema version ${version}, but this build of Liaison Workbench knows up to version ${latest}. Update the app to open it.`,
    );
  }
}

/** Throws INTERNAL unless versions are positive and strictly increasing (a programming error, caught by tests). */
export function checkMigrationOrder(migrations: readonly Migration[]): void {
  let previous = 0;
  for (const migration of migrations) {
    if (!Number.isInteger(migration.version) || migration.version <= previous) {
      throw new WorkbenchError('INTERNAL', `Migration ${migration.name} is out of order.`);
    }
    previous = migration.version;
  }
}

/**
 * Brings the schema up to `target` (default: latest). All pending migrations and their user_version bumps
 * run in one transaction, so a failure leaves the vault at its old version rather than half-migrated.
 * Nested inside a caller's transaction it becomes a savepoint of it.
 */
export function migrate(
  db: Database.Database,
  options: { migrations?: readonly Migration[]; target?: number } = {},
): { from: number; to: number } {
  const migrations = options.migrations ?? MIGRATIONS;
  checkMigrationOrder(migrations);
  const latest = migrations[migrations.length - 1]?.version ?? 0;
  const target = options.target ?? latest;
  const from = readSchemaVersion(db);
  assertKnownSchema(from, latest);
  const pending = migrations.filter((m) => m.version > from && m.version <= target);
  if (pending.length === 0) return { from, to: from };
  db.transaction(() => {
    for (const migration of pending) {
      migration.up(db);
      // user_version lives in the database header, which is covered by the same transaction.
      db.pragma(`user_version = ${migration.version}`);
    }
  }).immediate();
  return { from, to: readSchemaVersion(db) };
}
