import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { migrate, readSchemaVersion } from '../migrate';

describe('0010 vault-meta', () => {
  it('creates vault_meta from an empty database and allows exactly one row', () => {
    const db = new Database(':memory:');
    migrate(db, { target: 10 });
    expect(readSchemaVersion(db)).toBe(10);
    db.prepare('INSERT INTO vault_meta (id, vault_id, created_at) VALUES (1, ?, ?)').run('v-1', '2026-01-01T00:00:00.000Z');
    expect(() => db.prepare('INSERT INTO vault_meta (id, vault_id, created_at) VALUES (2, ?, ?)').run('v-2', 'x')).toThrow(/CHECK/);
  });
});
