import type { Migration } from './migration';

/**
 * audit_entries: append-only history of every change. The triggers make "append-only" a property of the
 * database rather than of well-behaved callers: any UPDATE or DELETE aborts its statement.
 */
export const migration0020AuditLog: Migration = {
  version: 20,
  name: 'audit-log',
  up(db) {
    db.exec(`
      CREATE TABLE audit_entries (
        id INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        actor TEXT NOT NULL,
        action TEXT NOT NULL,
        target TEXT,
        before_json TEXT,
        after_json TEXT
      );
      CREATE INDEX idx_audit_entries__action ON audit_entries (action);
      CREATE TRIGGER audit_entries_no_update BEFORE UPDATE ON audit_entries
      BEGIN
        SELECT RAISE(ABORT, 'audit_entries is append-only');
      END;
      CREATE TRIGGER audit_entries_no_delete BEFORE DELETE ON audit_entries
      BEGIN
        SELECT RAISE(ABORT, 'audit_entries is append-only');
      END;
    `);
  },
};
