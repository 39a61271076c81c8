import path from 'node:path';
import { isBusyError, toWorkbenchError, WorkbenchError } from '../errors';
import { authorStampedOnUse, listAudit, type AuditListQuery } from '../audit';
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
import { watchVault, type VaultWatch } from './vault-watch';
import type { ImportRequestOptions } from '../ingest/import/import-job';
import { expireDue, indexImportedIndicators, PositionCache, type TriageAuthor } from '../triage';
import { SyncService, type SyncEvent } from '../sync';
import { BriefingService } from '../briefings';
import type { PdfPrinter } from '../briefings/export';
import { BundleService } from '../bundles';

export type SessionState = 'absent' | 'locked' | 'unlocked';
export type LockReason = 'idle' | 'user';
export type SessionEvent = { type: 'vault:locked'; reason: LockReason } | { type: 'vault:unlocked' } | { type: 'vault:changed' } | ImportJobEvent | SyncEvent;
export type StartImport = Pick<ImportRequestOptions, 'format' | 'tlp' | 'sourceName' | 'strict'>;

/** How long a deferred expiry waits before trying for the write lock again. */
export const EXPIRY_RETRY_MS = 60_000;

export interface SessionOptions {
  location: string;
  actor: string;
  nativeBinding?: string;
  now?: () => Date;
  timers?: Timers;
  /**
   * Where briefing and bundle exports from the app are written (default: `exports` inside the vault folder). The hosts
   * pass a folder they own for the session and hand files out of it by name (a download, a save dialog).
   */
  exportFolder?: string;
  /** How briefing PDFs are printed: the app passes Electron's printToPDF; the system Chromium otherwise. */
  pdfPrinter?: PdfPrinter;
}

/**
 * The analyst's one working session over one vault: which state it is in, the open vault while
 * unlocked, and the idle auto-lock. Transports (Electron IPC, the browser host) drive it; it never
 * knows which one.
 */
export class WorkbenchSession {
  private vault: Vault | null = null;
  private idle: IdleTimer | null = null;
  private expiryRetry: unknown = null;
  private watch: VaultWatch | null = null;
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
    // A closure: field initialisers run before the constructor stores `options`.
    pdfPrinter: () => this.options.pdfPrinter,
  });
  /** Identity, trust store and bundle exchange (issue #12). */
  readonly bundles: BundleService;

  constructor(private readonly options: SessionOptions) {
    this.now = options.now ?? (() => new Date());
    this.timers = options.timers ?? systemTimers;
    this.grants = new FileGrants(this.now, this.timers);
    this.bundles = new BundleService(this, this.now);
  }

  get location(): string {
    return this.options.location;
  }

  /**
   * The folder the app's briefing and bundle exports go to; the core names each file, never the renderer. The host
   * hands files out from here (a download in the browser host, a save dialog in Electron).
   */
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
    this.cancelExpiryRetry();
    this.watch?.stop();
    this.watch = null;
    this.grants.clear();
    this.bundles.clear();
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

  /** Runs a capability's long write (a bundle import) in the queue a lock waits for. */
  runExclusive<T>(work: () => Promise<T>): Promise<T> {
    return this.exclusive(work);
  }

  /** Takes the files of a grant for a capability that reads them itself (bundles). */
  takeFiles(grantId: string): GrantedFile[] {
    this.requireVault();
    return this.grants.take(grantId);
  }

  /** Starts importing granted files in the background; progress and the outcome arrive as events. */
  startImport(grantId: string, options: StartImport): { jobId: string } {
    const vault = this.requireVault();
    const files = this.grants.take(grantId);
    // A grant is used once: its uploaded bytes are the import's to move into a parse worker.
    const sources = files.map((f) => (f.kind === 'path' ? { kind: 'path' as const, path: f.path } : { ...f, movable: true }));
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

  /** Who acts, and when, for triage writes (both go into the audit log); the time is taken under the write lock. */
  author(): TriageAuthor {
    return authorStampedOnUse(this.requireVault().actor, this.now);
  }

  /** The data version: compare to know whether a cached view is stale. */
  dataVersion(): number {
    return this.version;
  }

  /** Call after every write that changes what the queue shows. */
  dataChanged(): void {
    this.version += 1;
  }

  /**
   * Takes an opened vault into the session. The idle timer is armed before anything writes, so an open
   * vault always has a deadline; if any step fails the vault is closed again and the session stays locked
   * (issue #15 item 2: a BUSY from the expiry write once left the vault open, unlocked, with no auto-lock).
   */
  private opened(vault: Vault): void {
    try {
      this.armIdleTimer(readSettings(vault.reader).autoLockMinutes);
      this.vault = vault;
      this.expireOverdue(vault);
      // Commits by other processes (the CLI) or by this session: open views refetch (issue #14).
      this.watch = watchVault(vault.reader, () => {
        this.dataChanged();
        this.emit({ type: 'vault:changed' });
      }, this.timers);
      this.sync.startBackground();
    } catch (error) {
      this.idle?.stop();
      this.idle = null;
      this.cancelExpiryRetry();
      this.watch?.stop();
      this.watch = null;
      this.vault = null;
      vault.close();
      throw toWorkbenchError(error);
    }
    this.emit({ type: 'vault:unlocked' });
  }

  /**
   * Indicators whose valid-until passed while the vault was locked become expired now (audited as such).
   * Best effort: when another window or command holds the write lock it does not wait for it, and tries
   * again after EXPIRY_RETRY_MS (also while an import of this session is writing).
   */
  private expireOverdue(vault: Vault): void {
    if (this.vault !== vault) return;
    if (this.imports.active()) {
      this.retryExpiryLater(vault);
      return;
    }
    let count: number;
    try {
      count = withoutBusyWait(vault.db, () => expireDue(vault.db, { actor: vault.actor, now: this.now() }).count);
    } catch (error) {
      if (!isBusyError(error)) throw error;
      this.retryExpiryLater(vault);
      return;
    }
    if (count > 0) this.dataChanged();
  }

  private retryExpiryLater(vault: Vault): void {
    this.cancelExpiryRetry();
    this.expiryRetry = this.timers.setTimeout(() => {
      this.expiryRetry = null;
      // Through the queue, so it never runs inside an import's transaction or a concurrent unlock.
      void this.exclusive(async () => this.expireOverdue(vault)).catch(() => undefined);
    }, EXPIRY_RETRY_MS);
  }

  private cancelExpiryRetry(): void {
    if (this.expiryRetry !== null) this.timers.clearTimeout(this.expiryRetry);
    this.expiryRetry = null;
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

/** Runs `work` with SQLite's busy timeout off, so a lock held elsewhere fails at once instead of after 5 s. */
function withoutBusyWait<T>(db: Vault['db'], work: () => T): T {
  const previous = db.pragma('busy_timeout', { simple: true }) as number;
  db.pragma('busy_timeout=0');
  try {
    return work();
  } finally {
    db.pragma(`busy_timeout=${previous}`);
  }
}
