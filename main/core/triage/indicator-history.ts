import type { Database } from 'better-sqlite3-multiple-ciphers';

export interface IndicatorHistoryEntry {
  id: number;
  at: string;
  actor: string;
  action: string;
  before: unknown;
  after: unknown;
}

/**
 * The audit entries about one indicator, newest first: its own edits, the bulk changes that included it
 * and the imports that brought it in. Read from the append-only audit log, so it is what really happened.
 */
export function listIndicatorHistory(db: Database, indicatorId: number, limit = 100): IndicatorHistoryEntry[] {
  const rows = db
    .prepare(
      `SELECT id, at, actor, action, before_json AS beforeJson, after_json AS afterJson FROM audit_entries
       WHERE target = 'indicator:' || @id
          OR target IN (SELECT 'bulk-change:' || change_id FROM bulk_change_items WHERE indicator_id = @id)
          OR target IN (SELECT 'source:' || source_id FROM indicator_sources WHERE indicator_id = @id)
       ORDER BY id DESC LIMIT @limit`,
    )
    .all({ id: indicatorId, limit }) as { id: number; at: string; actor: string; action: string; beforeJson: string | null; afterJson: string | null }[];
  return rows.map(({ beforeJson, afterJson, ...entry }) => ({
    ...entry,
    before: beforeJson === null ? null : (JSON.parse(beforeJson) as unknown),
    after: afterJson === null ? null : (JSON.parse(afterJson) as unknown),
  }));
}
