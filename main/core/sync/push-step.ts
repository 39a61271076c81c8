import { prepared } from './prepared';
import { listDue, listPending, markOutbox, recordAttemptFailure, type OutboxRow } from './outbox';
import { objectTlpRank } from './object-tlp';
import { retryDelayMs } from './backoff';
import { tlpRank } from '../vault/queries/tlp-rank';
import { withRetries } from './retrying';
import { timestampKey, versionOf } from './shared-objects';
import type { SyncContext } from './sync-context';
import { TaxiiError } from './taxii-error';
import type { TaxiiStatus } from './taxii-client';

export interface PushOutcome {
  accepted: number;
  failed: number;
  pending: number;
  /** Versions left queued for a later run (the server kept failing). */
  deferred: number;
}

/** `{"objects":[` + `]}`: what an envelope adds around its objects. */
const ENVELOPE_OVERHEAD = Buffer.byteLength('{"objects":[]}');
const ROWS_PER_READ = 5_000;
/** Status polls within one run before a still-pending POST is left for the next run. */
const STATUS_POLLS = 8;

/**
 * Sends the profile's outbox (TAXII 2.1 §5.5): first follows POSTs still pending from earlier runs, then
 * POSTs queued versions in envelopes no larger than the API root's max_content_length, follows each
 * status resource until it is final, and records per object: accepted, failed (with the server's
 * message) or pending. An accepted version is never sent again.
 */
export async function pushOutbox(ctx: SyncContext): Promise<PushOutcome> {
  const outcome: PushOutcome = { accepted: 0, failed: 0, pending: 0, deferred: 0 };
  ctx.progress.phase = 'push';
  delete ctx.progress.collection;
  await followPending(ctx, outcome);
  let afterId = 0;
  for (;;) {
    const rows = listDue(ctx.db, ctx.profile.id, ctx.now().toISOString(), ctx.force, ROWS_PER_READ, afterId);
    if (rows.length === 0) return outcome;
    afterId = rows[rows.length - 1]!.id;
    const sendable = screen(ctx, rows, outcome);
    for (const batch of batches(sendable, ctx.maxContentLength)) {
      const sent = await sendBatch(ctx, batch, outcome);
      if (!sent) {
        outcome.deferred += countQueued(ctx);
        return outcome;
      }
    }
  }
}

/**
 * Re-validates stored payloads before they leave: the JSON must be the version the row names, within
 * the profile's TLP ceiling now (it may have been lowered since queuing), and small enough to send.
 */
function screen(ctx: SyncContext, rows: OutboxRow[], outcome: PushOutcome): { row: OutboxRow; json: string; bytes: number }[] {
  const at = ctx.now().toISOString();
  const ceiling = tlpRank(ctx.profile.tlpMax);
  const out: { row: OutboxRow; json: string; bytes: number }[] = [];
  for (const row of rows) {
    let reason: string | undefined;
    let object: Record<string, unknown> | undefined;
    try {
      object = JSON.parse(row.objectJson) as Record<string, unknown>;
    } catch {
      reason = 'The stored object is not JSON.';
    }
    if (object && (object.id !== row.stixId || versionOf(object) !== row.modified)) reason = 'The stored object does not match its outbox row.';
    else if (object && objectTlpRank(object) > ceiling) reason = `Its TLP is above this profile's ceiling (TLP:${ctx.profile.tlpMax.toUpperCase()}); not sent.`;
    const bytes = Buffer.byteLength(row.objectJson);
    if (!reason && bytes + ENVELOPE_OVERHEAD > ctx.maxContentLength) reason = `It is ${bytes} bytes, more than the server accepts (${ctx.maxContentLength}).`;
    if (reason) {
      markOutbox(ctx.db, [row.id], { state: 'failed', at, error: reason });
      outcome.failed += 1;
    } else {
      out.push({ row, json: row.objectJson, bytes });
    }
  }
  return out;
}

/** Groups rows into envelopes that fit max_content_length (counting the commas between objects). */
export function* batches<T extends { bytes: number }>(items: readonly T[], maxBytes: number): Generator<T[]> {
  let batch: T[] = [];
  let size = ENVELOPE_OVERHEAD;
  for (const item of items) {
    const added = item.bytes + (batch.length > 0 ? 1 : 0);
    if (batch.length > 0 && size + added > maxBytes) {
      yield batch;
      batch = [];
      size = ENVELOPE_OVERHEAD;
    }
    size += item.bytes + (batch.length > 0 ? 1 : 0);
    batch.push(item);
  }
  if (batch.length > 0) yield batch;
}

async function sendBatch(ctx: SyncContext, batch: { row: OutboxRow; json: string }[], outcome: PushOutcome): Promise<boolean> {
  const ids = batch.map((b) => b.row.id);
  const objects = batch.map((b) => JSON.parse(b.json) as Record<string, unknown>);
  let status: TaxiiStatus;
  try {
    status = await withRetries(
      ctx,
      () => ctx.client.postObjects(ctx.apiRoot, ctx.profile.pushCollection, objects),
      (error, _attempt, delayMs) => failedAttempt(ctx, ids, error, delayMs),
    );
  } catch (error) {
    if (error instanceof TaxiiError && error.retryable) return false;
    throw error;
  }
  status = await followStatus(ctx, status);
  applyStatus(ctx, batch.map((b) => b.row), status, outcome);
  ctx.progress.pushed += batch.length;
  ctx.progress.queued = countQueued(ctx);
  ctx.report();
  return true;
}

function failedAttempt(ctx: SyncContext, ids: readonly number[], error: TaxiiError, delayMs: number): void {
  const now = ctx.now().getTime();
  recordAttemptFailure(ctx.db, ids, { at: new Date(now).toISOString(), error: error.message, nextAttemptAt: new Date(now + delayMs).toISOString() });
}

/** Polls a status resource until it is complete or the run's polls are spent (backoff between polls). */
async function followStatus(ctx: SyncContext, status: TaxiiStatus): Promise<TaxiiStatus> {
  let current = status;
  for (let poll = 1; current.status === 'pending' && poll <= STATUS_POLLS; poll++) {
    await ctx.sleep(retryDelayMs(poll, ctx.random, undefined, { baseMs: 250, capMs: 5_000 }), ctx.signal);
    try {
      current = await withRetries(ctx, () => ctx.client.status(ctx.apiRoot, status.id));
    } catch (error) {
      if (error instanceof TaxiiError && error.retryable) return current;
      throw error;
    }
  }
  return current;
}

/**
 * Per object, by id and version: successes are accepted, failures failed with the server's message,
 * pendings pending (followed next run). A sent object the status does not mention stays queued; one
 * that was pending goes back to the queue once its status is final.
 */
function applyStatus(ctx: SyncContext, rows: readonly OutboxRow[], status: TaxiiStatus, outcome: PushOutcome): void {
  const at = ctx.now().toISOString();
  // Servers may write a version at another precision than we sent it (…00Z for …00.000Z): match instants.
  const key = (id: string, version: string) => `${id}|${timestampKey(version)}`;
  const successes = new Set((status.successes ?? []).map((d) => key(d.id, d.version)));
  const failures = new Map((status.failures ?? []).map((d) => [key(d.id, d.version), d.message ?? 'refused by the server'] as const));
  const pendings = new Set((status.pendings ?? []).map((d) => key(d.id, d.version)));
  ctx.db.transaction(() => {
    for (const row of rows) {
      const k = key(row.stixId, row.modified);
      if (successes.has(k)) {
        markOutbox(ctx.db, [row.id], { state: 'accepted', at });
        prepared(ctx.db, 'UPDATE sync_objects SET base_modified = ? WHERE stix_id = ? AND modified = ?').run(row.modified, row.stixId, row.modified);
        outcome.accepted += 1;
      } else if (failures.has(k)) {
        markOutbox(ctx.db, [row.id], { state: 'failed', at, error: `The server refused it: ${failures.get(k)!}` });
        outcome.failed += 1;
      } else if (pendings.has(k) || status.status === 'pending') {
        markOutbox(ctx.db, [row.id], { state: 'pending', at, statusId: status.id });
        outcome.pending += 1;
      } else if (row.state === 'pending') {
        // Final, and silent about this version: the server did not keep it. Left pending it would be
        // followed forever and never sent again; queued, it goes again (now, in this run).
        markOutbox(ctx.db, [row.id], { state: 'queued', at, error: 'The server finished the upload without a word on this object; sending again.' });
      }
    }
  }).immediate();
}

/** Follows POSTs of earlier runs that were still pending, until final; a status the server forgot puts them back in the queue. */
async function followPending(ctx: SyncContext, outcome: PushOutcome): Promise<void> {
  const pending = listPending(ctx.db, ctx.profile.id);
  const byStatus = new Map<string, OutboxRow[]>();
  for (const row of pending) byStatus.set(row.statusId ?? '', [...(byStatus.get(row.statusId ?? '') ?? []), row]);
  for (const [statusId, rows] of byStatus) {
    let status: TaxiiStatus;
    try {
      status = await withRetries(ctx, () => ctx.client.status(ctx.apiRoot, statusId));
    } catch (error) {
      if (error instanceof TaxiiError && error.details.status === 404) {
        markOutbox(ctx.db, rows.map((r) => r.id), { state: 'queued', at: ctx.now().toISOString(), error: 'The server no longer knows the status of this upload; sending again.' });
        continue;
      }
      if (error instanceof TaxiiError && error.retryable) continue;
      throw error;
    }
    // Still pending: follow it as a fresh POST is followed, or a server slower than one poll per run never finishes.
    applyStatus(ctx, rows, await followStatus(ctx, status), outcome);
  }
}

function countQueued(ctx: SyncContext): number {
  return prepared(ctx.db, `SELECT count(*) FROM sync_outbox WHERE profile_id = ? AND state IN ('queued', 'pending')`).pluck().get(ctx.profile.id) as number;
}
