import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { migrate, readSchemaVersion } from '../migrate';

describe('0020 audit-log', () => {
  it('migrates from version 10 keeping vault_meta, and makes audit_entries append-only', () => {
    const db = new Database(':memory:');
    migrate(db, { target: 10 });
    db.prepare('INSERT INTO vault_meta (id, vault_id, created_at) VALUES (1, ?, ?)').run('v-1', '2026-01-01T00:00:00.000Z');

    migrate(db, { target: 20 });

    expect(readSchemaVersion(db)).toBe(20);
    expect(db.prepare('SELECT vault_id FROM vault_meta').pluck().get()).toBe('v-1');
    db.prepare("INSERT INTO audit_entries (at, actor, action) VALUES ('2026-01-01T00:00:00.000Z', 'ana', 'vault.create')").run();
    expect(() => db.prepare("UPDATE audit_entries SET actor = 'mallory'").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM audit_entries').run()).toThrow(/append-only/);
    expect(db.prepare('SELECT actor FROM audit_entries').pluck().get()).toBe('ana');
  });
});
