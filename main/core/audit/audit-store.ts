import type Database from 'better-sqlite3-multiple-ciphers';
import { WorkbenchError } from '../errors';

/** What a caller records about one change. `before`/`after` are JSON-serialisable snapshots; never secrets. */
export interface AuditInput {
  /** When the change happened; defaults to the wall clock. Callers that have an injected clock pass it. */
  at?: Date;
  actor: string;
  /** `domain.verb`, e.g. `vault.create`, `settings.update`, `indicator.tag`. */
  action: string;
  target?: string | null;
  before?: unknown;
  after?: unknown;
}

/** One stored entry, shaped like the IPC contract's AuditEntry. */
export interface AuditEntry {
  id: number;
  at: string;
  actor: string;
  action: string;
  target: string | null;
  before: unknown;
  after: unknown;
}

/** The same query under the name the session layer uses. */
export type AuditListQuery = ListAuditOptions;

export interface ListAuditOptions {
  /** 1..1000, default 50. */
  limit?: number;
  /** Keyset cursor: only entries with a smaller id (the next page of a newest-first listing). */
  beforeId?: number;
}

interface AuditRow {
  id: number;
  at: string;
  actor: string;
  action: string;
  target: string | null;
  before_json: string | null;
  after_json: string | null;
}

const ACTION_PATTERN = /^[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*)+$/;
export const DEFAULT_AUDIT_PAGE = 50;
export const MAX_AUDIT_PAGE = 1000;

/** Appends one entry and returns its id. Call it inside the transaction of the change it records (see `mutate`). */
export function appendAudit(db: Database.Database, entry: AuditInput): number {
  if (!ACTION_PATTERN.test(entry.action)) throw new WorkbenchError('INVALID_INPUT', 'Audit action must look like "domain.verb".');
  if (!entry.actor) throw new WorkbenchError('INVALID_INPUT', 'Audit actor is required.');
  const at = entry.at ?? new Date();
  if (Number.isNaN(at.getTime())) throw new WorkbenchError('INVALID_INPUT', 'Audit time is invalid.');
  const result = db
    .prepare(
      `INSERT INTO audit_entries (at, actor, action, target, before_json, after_json)
       VALUES (@at, @actor, @action, @target, @before_json, @after_json)`,
    )
    .run({
      at: at.toISOString(),
      actor: entry.actor,
      action: entry.action,
      target: entry.target ?? null,
      before_json: toJson(entry.before),
      after_json: toJson(entry.after),
    });
  return Number(result.lastInsertRowid);
}

/** Lists entries newest first, one keyset page at a time (stable under concurrent appends). */
export function listAudit(db: Database.Database, options: ListAuditOptions = {}): AuditEntry[] {
  const limit = options.limit ?? DEFAULT_AUDIT_PAGE;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_AUDIT_PAGE) {
    throw new WorkbenchError('INVALID_INPUT', `Limit must be a whole number from 1 to ${MAX_AUDIT_PAGE}.`);
  }
  const beforeId = options.beforeId ?? Number.MAX_SAFE_INTEGER;
  if (!Number.isInteger(beforeId) || beforeId < 1) throw new WorkbenchError('INVALID_INPUT', 'beforeId must be a positive whole number.');
  const rows = db
    .prepare(
      `SELECT id, at, actor, action, target, before_json, after_json
       FROM audit_entries WHERE id < ? ORDER BY id DESC LIMIT ?`,
    )
    .all(beforeId, limit) as AuditRow[];
  return rows.map((row) => ({
    id: row.id,
    at: row.at,
    actor: row.actor,
    action: row.action,
    target: row.target,
    before: fromJson(row.before_json),
    after: fromJson(row.after_json),
  }));
}

function toJson(value: unknown): string | null {
  return value === undefined ? null : JSON.stringify(value);
}

function fromJson(text: string | null): unknown {
  return text === null ? null : (JSON.parse(text) as unknown);
}
