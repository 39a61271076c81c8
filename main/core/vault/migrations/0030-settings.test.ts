import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { migrate, readSchemaVersion } from '../migrate';

describe('0030 settings', () => {
  it('migrates from version 20 keeping meta and audit rows, and adds an empty settings table', () => {
    const db = new Database(':memory:');
    migrate(db, { target: 20 });
    db.prepare('INSERT INTO vault_meta (id, vault_id, created_at) VALUES (1, ?, ?)').run('v-1', '2026-01-01T00:00:00.000Z');
    db.prepare("INSERT INTO audit_entries (at, actor, action, after_json) VALUES ('2026-01-01T00:00:00.000Z', 'ana', 'vault.create', '{}')").run();

    migrate(db, { target: 30 });

    expect(readSchemaVersion(db)).toBe(30);
    expect(db.prepare('SELECT count(*) FROM audit_entries').pluck().get()).toBe(1);
    expect(db.prepare('SELECT vault_id FROM vault_meta').pluck().get()).toBe('v-1');
    expect(db.prepare('SELECT count(*) FROM settings').pluck().get()).toBe(0);
    db.prepare("INSERT INTO settings (key, value_json, updated_at) VALUES ('autoLockMinutes', '30', 'now')").run();
    expect(() => db.prepare("INSERT INTO settings (key, value_json, updated_at) VALUES ('autoLockMinutes', '5', 'now')").run()).toThrow(/UNIQUE/);
  });
});
