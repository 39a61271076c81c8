import type Database from 'better-sqlite3-multiple-ciphers';

/**
 * Every user table of a vault as one canonical JSON string: tables by name, rows sorted by their own
 * JSON. Two dumps are byte-identical exactly when the vault holds the same data, so "the vault is
 * unchanged" is `expect(dumpVault(db)).toBe(before)`. Tables added by later migrations are included
 * without changes here.
 */
export function dumpVault(db: Database.Database): string {
  const tables = (
    db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[]
  ).map((t) => t.name);
  const dump: Record<string, string[]> = {};
  for (const table of tables) {
    const rows = db.prepare(`SELECT * FROM "${table.replace(/"/g, '""')}"`).all() as Record<string, unknown>[];
    dump[table] = rows.map((row) => JSON.stringify(row, (_key, value: unknown) => (Buffer.isBuffer(value) ? `hex:${value.toString('hex')}` : value))).sort();
  }
  return JSON.stringify(dump, null, 1);
}

/** Number of rows in audit_entries: an import that changed nothing must not have added one. */
export function countAudit(db: Database.Database): number {
  return (db.prepare('SELECT count(*) AS n FROM audit_entries').get() as { n: number }).n;
}

/** Row counts of the indicator tables, for short assertions about what an import added. */
export function countIndicatorRows(db: Database.Database): Record<'indicators' | 'sources' | 'indicator_sources' | 'audit_entries', number> {
  const count = (table: string) => (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  return {
    indicators: count('indicators'),
    sources: count('sources'),
    indicator_sources: count('indicator_sources'),
    audit_entries: count('audit_entries'),
  };
}
