import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { WorkbenchError } from '../errors';
import type { TlpLevel } from '../ingest/ingest-record';
import { indexImportedIndicators } from '../triage';
import type { BundleSource } from './bundle-file-reader';
import { exportBundle, type BundleExportResult } from './bundle-export';
import { importBundle, listBundleImports, type BundleImportRow } from './bundle-import';
import { verifyBundle, type BundleVerification } from './bundle-verify';
import { ensureIdentity, renameIdentity, toPublic, type BundleAuthor, type IdentityNames, type PublicIdentity } from './identity';
import { MAX_PUBLIC_IDENTITY_BYTES, parsePublicIdentityFile } from './public-identity-file';
import { addTrustedKey, listTrustedKeys, removeTrustedKey, type TrustedKey } from './trust-store';
import type { BundleImportOutcome } from './bundle-model';

export type { BundleImportOutcome };

/** A file the analyst chose, as the session's grants hold it. */
export type BundleFile = { kind: 'path'; path: string; name: string } | { kind: 'bytes'; name: string; bytes: Uint8Array };

/** What the bundle service needs from the session it plugs into. */
export interface BundleHost {
  requireVault(): { db: Database; reader: Database; location: string; now: () => Date };
  writableDb(): Database;
  author(): BundleAuthor;
  takeFiles(grantId: string): BundleFile[];
  dataChanged(): void;
  /** Runs `work` in the session's queue of state changes, so a lock waits for it before closing the vault. */
  runExclusive<T>(work: () => Promise<T>): Promise<T>;
  /** The folder the host hands exports out of by name (a download, a save dialog). */
  readonly exportFolder: string;
}

export interface BundleExportOptions {
  where?: string;
  briefingIds?: readonly number[];
  tlpMax: TlpLevel;
  recipients: readonly string[];
  plain: boolean;
}

const TICKET_TTL_MS = 15 * 60_000;

/**
 * The bundles capability of a session: identity, trust store, and the verify-then-import flow of the
 * Bundles screen. A verified file is held under a ticket so the import that follows the analyst's
 * confirmation reads the very file that was verified, without asking for it again.
 */
export class BundleService {
  private readonly tickets = new Map<string, { file: BundleFile; report: BundleVerification; expiresAt: number }>();
  private readonly pendingTrust = new Map<string, { identity: PublicIdentity; expiresAt: number }>();

  constructor(
    private readonly host: BundleHost,
    private readonly now: () => Date,
  ) {}

  /** The vault's public identity (created on first use). */
  async identity(): Promise<PublicIdentity> {
    return toPublic(await ensureIdentity(this.host.writableDb(), this.host.author()));
  }

  async renameIdentity(names: IdentityNames): Promise<PublicIdentity> {
    const db = this.host.writableDb();
    await ensureIdentity(db, this.host.author(), names);
    return renameIdentity(db, this.host.author(), names);
  }

  listTrusted(): TrustedKey[] {
    return listTrustedKeys(this.host.requireVault().reader);
  }

  /** Reads a public identity file and shows its fingerprint; nothing is trusted until `confirmTrust`. */
  previewTrust(grantId: string): { ticket: string; identity: PublicIdentity } {
    const [file] = this.host.takeFiles(grantId);
    if (!file) throw new WorkbenchError('INVALID_INPUT', 'Choose one public identity file.');
    const bytes = file.kind === 'bytes' ? file.bytes : readSmall(file.path);
    if (bytes.length > MAX_PUBLIC_IDENTITY_BYTES) throw new WorkbenchError('INVALID_INPUT', `${file.name}: too large to be a public identity file`);
    const identity = parsePublicIdentityFile(Buffer.from(bytes).toString('utf8'), file.name);
    const ticket = this.newTicket();
    this.pendingTrust.set(ticket, { identity, expiresAt: this.now().getTime() + TICKET_TTL_MS });
    return { ticket, identity };
  }

  /** Trusts the identity previewed under `ticket`, after the analyst confirmed its fingerprint. Audited. */
  confirmTrust(ticket: string, fingerprint: string, name?: string): TrustedKey {
    this.sweep();
    const pending = this.pendingTrust.get(ticket);
    if (!pending) throw new WorkbenchError('NOT_FOUND', 'That identity file is no longer open; choose it again.');
    // The confirmation names the fingerprint the analyst saw: a swapped preview cannot be confirmed blind.
    if (pending.identity.fingerprint !== fingerprint) throw new WorkbenchError('INVALID_INPUT', 'The confirmed fingerprint is not the one of this identity file.');
    this.pendingTrust.delete(ticket);
    return addTrustedKey(this.host.writableDb(), this.host.author(), pending.identity, name);
  }

  removeTrust(fingerprint: string): TrustedKey {
    return removeTrustedKey(this.host.writableDb(), this.host.author(), fingerprint);
  }

  /** Verifies a chosen bundle file; nothing is written. The ticket lets the analyst import it next. */
  async verify(grantId: string): Promise<{ ticket: string | null; report: BundleVerification }> {
    const files = this.host.takeFiles(grantId);
    if (files.length !== 1) throw new WorkbenchError('INVALID_INPUT', 'Choose one bundle file.');
    const file = files[0]!;
    const { report } = await verifyBundle(this.host.requireVault().reader, sourceOf(file));
    if (!report.ok) return { ticket: null, report };
    const ticket = this.newTicket();
    this.tickets.set(ticket, { file, report, expiresAt: this.now().getTime() + TICKET_TTL_MS });
    return { ticket, report };
  }

  /** Imports the bundle verified under `ticket`, verified again: a file changed since is refused. */
  async import(ticket: string, acceptUnknownSigner: boolean): Promise<BundleImportOutcome> {
    this.sweep();
    const held = this.tickets.get(ticket);
    if (!held) throw new WorkbenchError('NOT_FOUND', 'That bundle is no longer open; choose it again.');
    const db = this.host.writableDb();
    // The analyst confirmed what the verify screen showed (the signer above all): the file is read again,
    // and must still be that bundle.
    const outcome = await this.host.runExclusive(() =>
      importBundle(db, this.host.author(), sourceOf(held.file), { acceptUnknownSigner, confirmed: held.report, indexing: indexImportedIndicators, now: this.now }),
    );
    this.tickets.delete(ticket);
    this.host.dataChanged();
    const { result } = outcome;
    return { bundleId: outcome.verification.bundleId!, records: result.records, indicatorsNew: result.indicatorsNew, indicatorsMerged: result.indicatorsMerged, custody: outcome.custody };
  }

  /**
   * Exports into the session's export folder under a name the core gives (`bundle-<uuid>.liaison`, or
   * `.stix.json` when plain); the renderer then asks its host to hand that file to the analyst, as for
   * briefing exports. The CLI writes to any path itself.
   */
  async export(options: BundleExportOptions): Promise<BundleExportResult> {
    this.host.requireVault();
    const folder = this.host.exportFolder;
    fs.mkdirSync(folder, { recursive: true, mode: 0o700 });
    const db = this.host.writableDb();
    const result = await this.host.runExclusive(() => exportBundle(db, this.host.author(), {
      folder,
      tlpMax: options.tlpMax,
      recipients: options.recipients,
      plain: options.plain,
      ...(options.where ? { where: options.where } : {}),
      ...(options.briefingIds?.length ? { briefingIds: options.briefingIds } : {}),
    }));
    // Only the name crosses to the renderer: it is all saveExport takes, and the folder is the host's business.
    return { ...result, file: path.basename(result.file) };
  }

  listImports(): BundleImportRow[] {
    return listBundleImports(this.host.requireVault().reader);
  }

  /** Forgets open tickets (on lock). */
  clear(): void {
    this.tickets.clear();
    this.pendingTrust.clear();
  }

  private newTicket(): string {
    this.sweep();
    return randomBytes(18).toString('base64url');
  }

  private sweep(): void {
    const now = this.now().getTime();
    for (const [id, t] of this.tickets) if (t.expiresAt <= now) this.tickets.delete(id);
    for (const [id, t] of this.pendingTrust) if (t.expiresAt <= now) this.pendingTrust.delete(id);
  }
}

function sourceOf(file: BundleFile): BundleSource {
  return file.kind === 'path' ? file.path : { name: file.name, bytes: file.bytes };
}

function readSmall(file: string): Uint8Array {
  if (fs.statSync(file).size > MAX_PUBLIC_IDENTITY_BYTES) throw new WorkbenchError('INVALID_INPUT', `${path.basename(file)}: too large to be a public identity file`);
  return fs.readFileSync(file);
}
