import type { Database, Statement } from 'better-sqlite3-multiple-ciphers';

/**
 * Statements kept per connection: compiling SQL on an encrypted connection takes ~0.1-0.5 ms per
 * statement, and an import prepared some twenty per file, which was most of the fixed cost of each file
 * of a folder (1,000 one-line files). Keyed by the SQL text; a statement's mode (`pluck`, `raw`) is
 * part of what its callers set, so callers of one SQL text must set the same mode. Not for statements
 * that are iterated (a cached statement cannot be iterated twice at once).
 */
const cache = new WeakMap<Database, Map<string, Statement>>();

/** `db.prepare(sql)`, compiled once per connection. */
export function prepareCached(db: Database, sql: string): Statement {
  let statements = cache.get(db);
  if (statements === undefined) cache.set(db, (statements = new Map()));
  let statement = statements.get(sql);
  if (statement === undefined) statements.set(sql, (statement = db.prepare(sql)));
  return statement;
}
