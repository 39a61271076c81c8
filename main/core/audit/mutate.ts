import type Database from 'better-sqlite3-multiple-ciphers';
import { appendAudit, type AuditInput } from './audit-store';

/**
 * Runs the write `fn` and records its audit entry in the same transaction, so a change is never committed
 * without its history (or the history without the change). `audit` may be computed from `fn`'s result,
 * e.g. to record a generated id. `fn` must be synchronous (SQLite transactions cannot span an await).
 * Nested in another transaction it becomes a savepoint.
 */
export function mutate<T>(db: Database.Database, audit: AuditInput | ((result: T) => AuditInput), fn: () => T): T {
  return db
    .transaction(() => {
      const result = fn();
      appendAudit(db, typeof audit === 'function' ? audit(result) : audit);
      return result;
    })
    .immediate();
}
