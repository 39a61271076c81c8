import path from 'node:path';
import { WorkbenchError } from '../errors';
import { listAudit, type AuditListQuery } from '../audit';
import {
  changePassphrase,
  createVault,
  getVaultPresence,
  unlockVault,
  type Vault,
  type VaultOptions,
} from '../vault';
import { readSettings, updateSettings, type SettingsPatch } from '../vault/settings-store';
import { FileGrants, type GrantedFile } from './file-grants';
import { startIdleTimer, systemTimers, type IdleTimer, type Timers } from './idle-timer';
import { ImportJobs, type ImportJobEvent } from './import-jobs';
import type { ImportRequestOptions } from '../ingest/import/import-job';
import { expireDue, indexImportedIndicators, PositionCache, type TriageAuthor } from '../triage';
import { SyncService, type SyncEvent } from '../sync';
import { BriefingService } from '../briefings';

export type SessionState = 'absent' | 'locked' | 'unlocked';
export type LockReason = 'idle' | 'user';
export type SessionEvent = { type: 'vault:locked'; reason: LockReason } | { type: 'vault:unlocked' } | ImportJobEvent | SyncEvent;
export type StartImport = Pick<ImportRequestOptions, 'format' | 'tlp' | 'sourceName' | 'partial'>;

export interface SessionOptions {
  location: string;
  actor: string;
  nativeBinding?: string;
  now?: () => Date;
  timers?: Timers;
  /** Where briefing exports from the app are written (default: `exports` inside the vault folder). */
  exportFolder?: string;
}

/**
 * The analyst's one working session over one vault: which state it is in, the open vault while
 * unlocked, and the idle auto-lock. Transports (Electron IPC, the browser host) drive it; it never
 * knows which one.
 */
export class WorkbenchSession {
  private vault: Vault | null = null;
  private idle: IdleTimer | null = null;
  private readonly listeners = new Set<(event: SessionEvent) => void>();
  private readonly now: () => Date;
  private readonly timers: Timers;
  // State changes are serialised: two unlocks racing through the KDF must not open the vault twice.
  private queue: Promise<unknown> = Promise.resolve();
  private readonly grants: FileGrants;
  private readonly imports = new ImportJobs((event) => {
    if (event.type === 'import:finished') this.dataChanged();
    this.emit(event);
  });
  /** Bumped by every write, so caches of what the queue showed (positions) know they are stale. */
  private version = 0;
  readonly positions = new PositionCache();
  /** Sync over TAXII (issue #13), a capability with its own service; runs share the exclusive queue. */
  readonly sync: SyncService = new SyncService({
    vault: () => this.requireVault(),
    writableDb: () => this.writableDb(),
    schedule: (work) => this.exclusive(work),
    emit: (event) => this.emit(event),
    now: () => this.now(),
    dataChanged: () => this.dataChanged(),
    timers: { setTimeout: (callback, ms) => this.timers.setTimeout(callback, ms), clearTimeout: (handle) => this.timers.clearTimeout(handle) },
  });
  /** Briefings plug in as their own service; the session lends it connections, the author and change notices. */
  readonly briefings = new BriefingService({
    reader: () => this.db(),
    writer: () => this.writableDb(),
    author: () => this.author(),
    changed: () => this.dataChanged(),
  });

  constructor(private readonly options: SessionOptions) {
    this.now = options.now ?? (() => new Date());
    this.timers = options.timers ?? systemTimers;
    this.grants = new FileGrants(this.now);
  }

  get location(): string {
    return this.options.location;
  }

  /** The folder the app's briefing exports go to; the core names each file, never the renderer. */
  get exportFolder(): string {
    return this.options.exportFolder ?? path.join(this.options.location, 'exports');
  }

  /** Whether a vault exists at the location and whether it is open. */
  state(): SessionState {
    if (this.vault) return 'unlocked';
    return getVaultPresence(this.options.location) === 'present' ? 'locked' : 'absent';
  }

  onEvent(listener: (event: SessionEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Creates a new vault at the location and leaves it unlocked. */
  create(passphrase: string): Promise<SessionState> {
    return this.exclusive(async () => {
      if (this.vault) throw new WorkbenchError('VAULT_EXISTS', 'A vault is already open.');
      this.opened(await createVault(this.options.location, passphrase, this.vaultOptions()));
      return this.state();
    });
  }

  /** Unlocks the vault; a wrong passphrase leaves the session locked and the files untouched. */
  unlock(passphrase: string): Promise<SessionState> {
    return this.exclusive(async () => {
      if (!this.vault) this.opened(await unlockVault(this.options.location, passphrase, this.vaultOptions()));
      return this.state();
    });
  }

  /**
   * Locks at once for every caller; running imports are cancelled (their transactions roll back) and the
   * connection, with the data key, is closed as soon as they have let go of it.
   */
  lock(reason: LockReason): SessionState {
    this.idle?.stop();
    this.idle = null;
    this.grants.clear();
    const vault = this.vault;
    if (vault) {
      this.vault = null;
      this.imports.cancelAll();
      this.sync.cancelAll();
      void this.queue.then(() => vault.close());
      this.emit({ type: 'vault:locked', reason });
    }
    return this.state();
  }

  /** Registers files the analyst chose (called by the transport, never by the renderer). */
  grantFiles(files: GrantedFile[]): string {
    this.requireVault();
    return this.grants.register(files);
  }

  /** Starts importing granted files in the background; progress and the outcome arrive as events. */
  startImport(grantId: string, options: StartImport): { jobId: string } {
    const vault = this.requireVault();
    const files = this.grants.take(grantId);
    const sources = files.map((f) => (f.kind === 'path' ? { kind: 'path' as const, path: f.path } : f));
    const jobId = this.imports.start(
      () => vault.db,
      sources,
      { ...options, actor: vault.actor, now: this.now, indexing: indexImportedIndicators },
      (work) => this.exclusive(work),
    );
    return { jobId };
  }

  cancelImport(jobId: string): { cancelled: boolean } {
    return { cancelled: this.imports.cancel(jobId) };
  }

  /** Rewraps the data key under a new passphrase; the database itself is not rewritten. */
  rekey(current: string, next: string): Promise<{ changedAt: string }> {
    return this.exclusive(() => changePassphrase(this.options.location, current, next, this.vaultOptions()));
  }

  /** Restarts the idle countdown after user activity; returns when the vault will lock. */
  activity(): { lockAt: string | null } {
    this.requireVault();
    return { lockAt: this.idle?.touch().toISOString() ?? null };
  }

  settings(): { autoLockMinutes: number } {
    return readSettings(this.requireVault().reader);
  }

  updateSettings(patch: SettingsPatch): { autoLockMinutes: number } {
    const vault = this.requireVault();
    const settings = updateSettings(this.writableDb(), vault.actor, patch, vault.now);
    this.armIdleTimer(settings.autoLockMinutes);
    return settings;
  }

  audit(query: AuditListQuery) {
    return listAudit(this.requireVault().reader, query);
  }

  /** The open vault, or LOCKED: every data operation goes through here. */
  requireVault(): Vault {
    if (!this.vault) throw new WorkbenchError('LOCKED', 'The vault is locked.');
    return this.vault;
  }

  /**
   * The open vault's reader connection, for read queries: committed data only, so rows of an import still
   * being written (and perhaps rolled back) never show.
   */
  db() {
    return this.requireVault().reader;
  }

  /**
   * The open vault's database, for a write. While an import runs its transaction is open on this same
   * connection: a write now would join it, and be rolled back with it if the import is cancelled or fails,
   * after the analyst was told it was saved. So writes are refused (BUSY) until the import is done.
   */
  writableDb() {
    const { db } = this.requireVault();
    if (this.imports.active()) {
      throw new WorkbenchError('BUSY', 'An import is being written to the vault. Make this change when it has finished, or cancel the import.');
    }
    if (this.sync.active()) {
      throw new WorkbenchError('BUSY', 'A sync is writing to the vault. Make this change when it has finished, or cancel it.');
    }
    return db;
  }

  /** Who acts, and when, for triage writes (both go into the audit log). */
  author(): TriageAuthor {
    return { actor: this.requireVault().actor, at: this.now() };
  }

  /** The data version: compare to know whether a cached view is stale. */
  dataVersion(): number {
    return this.version;
  }

  /** Call after every write that changes what the queue shows. */
  dataChanged(): void {
    this.version += 1;
  }

  private opened(vault: Vault): void {
    this.vault = vault;
    // Indicators whose valid-until passed while the vault was locked become expired now (audited as such).
    if (expireDue(vault.db, { actor: vault.actor, now: this.now() }).count > 0) this.dataChanged();
    this.armIdleTimer(readSettings(vault.db).autoLockMinutes);
    this.sync.startBackground();
    this.emit({ type: 'vault:unlocked' });
  }

  private armIdleTimer(minutes: number): void {
    this.idle?.stop();
    this.idle = startIdleTimer(minutes * 60_000, () => this.lock('idle'), this.now, this.timers);
  }

  private vaultOptions(): VaultOptions {
    const { actor, nativeBinding } = this.options;
    return nativeBinding ? { actor, nativeBinding, now: this.now } : { actor, now: this.now };
  }

  private emit(event: SessionEvent): void {
    for (const listener of this.listeners) listener(event);
  }

  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work, work);
    this.queue = run.catch(() => undefined);
    return run;
  }
}
