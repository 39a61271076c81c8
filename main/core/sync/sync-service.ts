import { randomBytes } from 'node:crypto';
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { appendAudit } from '../audit';
import { WorkbenchError } from '../errors';
import type { Vault } from '../vault';
import { listConflicts, resolveConflict, type ConflictResolution } from './conflicts';
import { publishBriefing } from './publish-briefing';
import { shareIndicators } from './share-indicators';
import type { SyncProgress } from './sync-context';
import { addSyncProfile, listSyncProfiles, removeSyncProfile, requireSyncProfileSecrets, type SyncProfileInput } from './sync-profiles';
import { runSync, type ProfileRunReport } from './sync-run';
import { installSyncHooks } from './sync-hooks';
import { syncStatus } from './sync-status';
import { testConnection, type ConnectionReport, type ConnectionTarget } from './test-connection';
import { safeUrl } from './taxii-error';

export type SyncEvent =
  | { type: 'sync:progress'; runId: string; progress: SyncProgress }
  | { type: 'sync:finished'; runId: string; reports: ProfileRunReport[] }
  | { type: 'sync:failed'; runId: string; error: { code: WorkbenchError['code']; message: string } };

/** What the sync service needs from the session that hosts it. */
export interface SyncHost {
  vault(): Vault;
  /** The write connection, or BUSY while an import or a sync run holds a transaction on it. */
  writableDb(): Database;
  /** Runs work in the session's queue of exclusive operations (unlock, lock, imports, sync runs). */
  schedule(work: () => Promise<void>): Promise<void>;
  emit(event: SyncEvent): void;
  now(): Date;
  dataChanged(): void;
  timers: { setTimeout(callback: () => void, ms: number): unknown; clearTimeout(handle: unknown): void };
}

/** Minutes between background runs while the vault is open: due outbox versions and new remote objects. */
export const BACKGROUND_INTERVAL_MS = 10 * 60_000;

/**
 * Sync as a session capability: profiles, Test connection, runs in the background with progress events
 * and cancel, status, conflicts. The session keeps lifecycle and locking; this brings sync's handlers.
 */
export class SyncService {
  private readonly runs = new Map<string, AbortController>();
  private background: unknown = null;

  constructor(private readonly host: SyncHost) {
    installSyncHooks();
  }

  profiles() {
    return listSyncProfiles(this.host.vault().reader);
  }

  add(input: SyncProfileInput) {
    const vault = this.host.vault();
    return addSyncProfile(this.host.writableDb(), input, { actor: vault.actor, at: this.host.now() });
  }

  remove(name: string): { removed: true } {
    const vault = this.host.vault();
    removeSyncProfile(this.host.writableDb(), name, { actor: vault.actor, at: this.host.now() });
    return { removed: true };
  }

  /**
   * Tests a saved profile (by name) or a draft that is not saved yet; changes nothing but the audit log,
   * which records every test (a draft lets the renderer choose the URL the core fetches).
   */
  async test(target: { name: string } | ConnectionTarget): Promise<ConnectionReport> {
    let report: ConnectionReport;
    if ('name' in target) {
      const p = requireSyncProfileSecrets(this.host.vault().reader, target.name);
      report = await testConnection({ discoveryUrl: p.discoveryUrl, apiRootUrl: p.apiRootUrl, pushCollection: p.pushCollection, pullCollections: p.pullCollections, credentials: p.credentials, ...(p.caPem ? { caPem: p.caPem } : {}) });
    } else {
      report = await testConnection(target);
    }
    const vault = this.host.vault();
    appendAudit(this.host.writableDb(), {
      at: this.host.now(),
      actor: vault.actor,
      action: 'sync.test',
      target: 'name' in target ? `sync-profile:${target.name}` : safeUrl(target.discoveryUrl),
      after: { ok: report.ok, ...(report.apiRoot ? { apiRoot: safeUrl(report.apiRoot.url) } : {}), ...(report.error ? { error: report.error } : {}) },
    });
    return report;
  }

  status() {
    return syncStatus(this.host.vault().reader);
  }

  conflicts() {
    return listConflicts(this.host.vault().reader);
  }

  async resolve(conflictId: number, resolution: ConflictResolution) {
    const vault = this.host.vault();
    const conflict = await resolveConflict(this.host.writableDb(), conflictId, resolution, { actor: vault.actor, now: () => this.host.now() });
    this.host.dataChanged();
    return { resolved: conflict.id };
  }

  share(indicatorIds: readonly number[], profiles?: readonly string[]) {
    const vault = this.host.vault();
    return shareIndicators(this.host.writableDb(), indicatorIds, { actor: vault.actor, at: this.host.now(), ...(profiles ? { profiles } : {}) });
  }

  /** Publishes a briefing (`setPublished` is the briefing service's status change) and queues it, in one transaction. */
  publish(briefingId: number, setPublished: () => void, profiles?: readonly string[]) {
    const vault = this.host.vault();
    const result = publishBriefing(this.host.writableDb(), briefingId, { setPublished, actor: vault.actor, at: this.host.now(), ...(profiles ? { profiles } : {}) });
    this.host.dataChanged();
    return result;
  }

  /** Starts a run (all profiles, or one) and returns at once; progress and the outcome arrive as events. */
  start(options: { profile?: string; force?: boolean } = {}): { runId: string } {
    const vault = this.host.vault();
    const runId = randomBytes(12).toString('base64url');
    const controller = new AbortController();
    this.runs.set(runId, controller);
    void this.host.schedule(async () => {
      try {
        if (controller.signal.aborted) throw new WorkbenchError('CANCELLED', 'Sync cancelled before it started.');
        const reports = await runSync(vault.db, {
          actor: vault.actor,
          force: options.force ?? true,
          signal: controller.signal,
          now: () => this.host.now(),
          onProgress: (progress) => this.host.emit({ type: 'sync:progress', runId, progress }),
          ...(options.profile ? { profile: options.profile } : {}),
        });
        this.host.dataChanged();
        this.host.emit({ type: 'sync:finished', runId, reports });
      } catch (error) {
        const failure = error instanceof WorkbenchError ? { code: error.code, message: error.message } : { code: 'INTERNAL' as const, message: 'The sync failed unexpectedly; what was committed stays.' };
        if (!(error instanceof WorkbenchError)) process.stderr.write(`[core] sync failed: ${String((error as Error)?.stack ?? error)}\n`);
        this.host.emit({ type: 'sync:failed', runId, error: failure });
      } finally {
        this.runs.delete(runId);
      }
    });
    return { runId };
  }

  cancel(runId: string): { cancelled: boolean } {
    const controller = this.runs.get(runId);
    controller?.abort();
    return { cancelled: controller !== undefined };
  }

  /** True from a run's start until it has finished (queued runs included). */
  active(): boolean {
    return this.runs.size > 0;
  }

  /** A run now and then while the vault is open, for versions whose backoff has passed (not forced). */
  startBackground(intervalMs: number = BACKGROUND_INTERVAL_MS): void {
    this.stopBackground();
    const tick = (): void => {
      this.background = this.host.timers.setTimeout(tick, intervalMs);
      try {
        if (!this.active() && listSyncProfiles(this.host.vault().reader).length > 0) this.start({ force: false });
      } catch {
        // Locked in the meantime: the lock stops the timer.
      }
    };
    this.background = this.host.timers.setTimeout(tick, intervalMs);
  }

  stopBackground(): void {
    if (this.background !== null) this.host.timers.clearTimeout(this.background);
    this.background = null;
  }

  /** On lock: every run is cancelled; committed pages and accepted versions stay. */
  cancelAll(): void {
    this.stopBackground();
    for (const controller of this.runs.values()) controller.abort();
  }
}
