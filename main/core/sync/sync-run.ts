import fs from 'node:fs';
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { WorkbenchError } from '../errors';
import { pullCollection, type PullOutcome } from './pull-step';
import { pushOutbox, type PushOutcome } from './push-step';
import { throwIfCancelled, withRetries } from './retrying';
import { abortableSleep, type SyncContext, type SyncProgress } from './sync-context';
import { listSyncProfiles, recordRunOutcome, requireSyncProfileSecrets } from './sync-profiles';
import { TaxiiClient } from './taxii-client';
import { TaxiiError } from './taxii-error';

export interface SyncRunOptions {
  /** One profile by name; all profiles when absent. */
  profile?: string;
  actor: string;
  /** The analyst asked (CLI, Sync now): versions waiting for their backoff go now too. */
  force?: boolean;
  signal?: AbortSignal;
  onProgress?: (progress: SyncProgress) => void;
  now?: () => Date;
  random?: () => number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  timeoutMs?: number;
  attemptsPerRun?: number;
  pageLimit?: number;
}

export interface ProfileRunReport {
  profile: string;
  ok: boolean;
  error?: string;
  pulled: PullOutcome[];
  pushed: PushOutcome;
}

/**
 * One sync run: per profile, connect (API root, max_content_length), pull every pull collection, then
 * push the outbox. Pull goes first so that a remote edit of an object we also changed is found (and
 * held as a conflict) before our version is sent. A profile that fails does not stop the others; the
 * run's outcome is recorded on each profile (last success, last error).
 */
export async function runSync(db: Database, options: SyncRunOptions): Promise<ProfileRunReport[]> {
  const profiles = options.profile ? [requireSyncProfileSecrets(db, options.profile)] : listSyncProfiles(db).map((p) => requireSyncProfileSecrets(db, p.id));
  const reports: ProfileRunReport[] = [];
  for (const profile of profiles) {
    throwIfCancelled(options.signal);
    reports.push(await runProfile(db, profile, options));
  }
  return reports;
}

async function runProfile(db: Database, profile: ReturnType<typeof requireSyncProfileSecrets>, options: SyncRunOptions): Promise<ProfileRunReport> {
  const now = options.now ?? (() => new Date());
  const report: ProfileRunReport = { profile: profile.name, ok: false, pulled: [], pushed: { accepted: 0, failed: 0, pending: 0, deferred: 0 } };
  const progress: SyncProgress = { profile: profile.name, phase: 'connect', pulled: 0, pushed: 0, queued: 0 };
  const client = new TaxiiClient({
    credentials: profile.credentials,
    ...(profile.caPem ? { ca: profile.caPem } : {}),
    timeoutMs: options.timeoutMs ?? 30_000,
    ...(options.signal ? { signal: options.signal } : {}),
  });
  const ctx: SyncContext = {
    db,
    profile,
    client,
    apiRoot: '',
    maxContentLength: 0,
    actor: options.actor,
    now,
    random: options.random ?? Math.random,
    sleep: options.sleep ?? abortableSleep,
    ...(options.signal ? { signal: options.signal } : {}),
    force: options.force ?? false,
    attemptsPerRun: options.attemptsPerRun ?? 5,
    pageLimit: options.pageLimit ?? 1_000,
    progress,
    report: () => options.onProgress?.({ ...progress }),
  };
  try {
    ctx.report();
    ctx.apiRoot = await withRetries(ctx, () => client.resolveApiRoot(profile.discoveryUrl, profile.apiRootUrl ?? undefined));
    ctx.maxContentLength = (await withRetries(ctx, () => client.apiRoot(ctx.apiRoot))).max_content_length;
    for (const collection of profile.pullCollections) report.pulled.push(await pullCollection(ctx, collection));
    report.pushed = await pushOutbox(ctx);
    report.ok = report.pushed.deferred === 0;
    if (!report.ok) report.error = lastOutboxError(db, profile.id) ?? 'The server kept failing; the rest goes next time.';
  } catch (error) {
    if (error instanceof WorkbenchError && error.code === 'CANCELLED') {
      recordRunOutcome(db, profile.id, now().toISOString(), 'Cancelled.');
      throw error;
    }
    if (error instanceof TaxiiError && error.kind === 'cancelled') {
      recordRunOutcome(db, profile.id, now().toISOString(), 'Cancelled.');
      throw new WorkbenchError('CANCELLED', 'Sync cancelled: what was committed stays; the rest goes next time.');
    }
    // A domain failure (a busy vault, a page refused) is this profile's outcome, like a server's; a bug is not.
    if (!(error instanceof TaxiiError) && !(error instanceof WorkbenchError)) throw error;
    report.error = error.message;
  }
  recordRunOutcome(db, profile.id, now().toISOString(), report.ok ? null : (report.error ?? 'Failed.'));
  progress.phase = 'done';
  ctx.report();
  return report;
}

function lastOutboxError(db: Database, profileId: number): string | undefined {
  return db.prepare(`SELECT last_error FROM sync_outbox WHERE profile_id = ? AND state = 'queued' AND last_error IS NOT NULL ORDER BY updated_at DESC LIMIT 1`).pluck().get(profileId) as string | undefined;
}

/** Reads a CA file for a profile: PEM text, with the file named in the error if it is not one. */
export function readCaFile(file: string): string {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new WorkbenchError('INVALID_INPUT', `Cannot read the CA file ${file}: ${(error as NodeJS.ErrnoException).code ?? 'unreadable'}.`);
  }
  if (!text.includes('-----BEGIN CERTIFICATE-----')) throw new WorkbenchError('INVALID_INPUT', `${file} holds no PEM certificate (-----BEGIN CERTIFICATE-----).`);
  return text;
}
