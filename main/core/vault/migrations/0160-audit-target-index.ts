import type { Migration } from './migration';

/**
 * An index on the audit log's target, newest first within it: a briefing's draft save asks for the last
 * entry about that briefing to fold an editing burst into one entry (issue #11), on every autosave, and
 * without the index that read walks the whole log backwards.
 */
export const migration0160AuditTargetIndex: Migration = {
  version: 160,
  name: 'audit-target-index',
  up(db) {
    db.exec('CREATE INDEX idx_audit_entries__target_id ON audit_entries (target, id)');
  },
};
