import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { assertKnownSchema, checkMigrationOrder, migrate, readSchemaVersion } from './migrate';
import { LATEST_SCHEMA_VERSION, MIGRATIONS, type Migration } from './migrations';

describe('migration list', () => {
  it('is strictly increasing in steps that are multiples of 10, ending at LATEST_SCHEMA_VERSION', () => {
    expect(() => checkMigrationOrder(MIGRATIONS)).not.toThrow();
    for (const m of MIGRATIONS) expect(m.version % 10).toBe(0);
    expect(LATEST_SCHEMA_VERSION).toBe(MIGRATIONS.at(-1)?.version);
    expect(MIGRATIONS.slice(0, 3).map((m) => m.name)).toEqual(['vault-meta', 'audit-log', 'settings']);
  });

  it('rejects an out-of-order list', () => {
    const [a, b] = MIGRATIONS as [Migration, Migration];
    expect(() => checkMigrationOrder([b, a])).toThrow(expect.objectContaining({ code: 'INTERNAL' }));
  });
});

describe('migrate', () => {
  it('applies every pending migration and records the version', () => {
    const db = new Database(':memory:');
    expect(migrate(db)).toEqual({ from: 0, to: LATEST_SCHEMA_VERSION });
    expect(readSchemaVersion(db)).toBe(LATEST_SCHEMA_VERSION);
    expect(migrate(db)).toEqual({ from: LATEST_SCHEMA_VERSION, to: LATEST_SCHEMA_VERSION });
  });

  it('stops at a target version', () => {
    const db = new Database(':memory:');
    expect(migrate(db, { target: 20 })).toEqual({ from: 0, to: 20 });
  });

  it('runs all pending migrations in one transaction: a failure leaves the old version and schema', () => {
    const db = new Database(':memory:');
    const broken: Migration = {
      version: 20,
      name: 'broken',
      up(d) {
        d.exec('CREATE TABLE half_done (x)');
        throw new Error('boom');
      },
    };
    expect(() => migrate(db, { migrations: [MIGRATIONS[0]!, broken] })).toThrow('boom');
    expect(readSchemaVersion(db)).toBe(0);
    expect(db.prepare("SELECT count(*) FROM sqlite_schema WHERE type = 'table'").pluck().get()).toBe(0);
  });

  it('refuses a schema newer than this build with NEWER_SCHEMA', () => {
    const db = new Database(':memory:');
    db.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 10}`);
    expect(() => migrate(db)).toThrow(expect.objectContaining({ code: 'NEWER_SCHEMA' }));
    expect(() => assertKnownSchema(LATEST_SCHEMA_VERSION + 10)).toThrow(/update the app/i);
  });
});
