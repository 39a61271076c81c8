import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { migrate, readSchemaVersion } from '../migrate';

describe('0160 audit target index', () => {
  it('indexes the audit log by target, keeping its entries append-only', () => {
    const db = new Database(':memory:');
    migrate(db, { target: 120 });
    db.exec(`INSERT INTO audit_entries (at, actor, action, target) VALUES ('2026-03-01T09:00:00.000Z', 'ana', 'briefing.create', 'briefing:1'), ('2026-03-01T09:01:00.000Z', 'ana', 'indicator.update', 'indicator:7')`);
    migrate(db, { target: 160 });
    expect(readSchemaVersion(db)).toBe(160);
    const plan = db.prepare("EXPLAIN QUERY PLAN SELECT action FROM audit_entries WHERE target = 'briefing:1' ORDER BY id DESC LIMIT 1").all() as Array<{ detail: string }>;
    expect(plan.map((p) => p.detail).join(' ')).toContain('idx_audit_entries__target_id');
    expect(db.prepare("SELECT action FROM audit_entries WHERE target = 'briefing:1'").pluck().all()).toEqual(['briefing.create']);
    expect(() => db.exec("UPDATE audit_entries SET actor = 'eve'")).toThrow(/append-only/);
  });
});
