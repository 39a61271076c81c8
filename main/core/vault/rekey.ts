import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3-multiple-ciphers';
import { appendAudit } from '../audit';
import { systemClock } from '../clock';
import { toWorkbenchError, WorkbenchError } from '../errors';
import { locateVault, openVerifiedDatabase } from './access';
import { fsyncDirectorySync, replaceWithStagedSync, stageFileSync, writeFileAtomicSync } from './atomic-write';
import { DEFAULT_SCRYPT, requireNewPassphrase, type ScryptParams } from './kdf';
import { readKeyring, serializeKeyring, unwrapDataKey, wrapDataKey, type Keyring } from './keyring';
import type { VaultOptions } from './vault';

/** The steps of a passphrase change, in order; a fault injected before any of them must leave one outcome. */
export const REKEY_STEPS = ['lock', 'audit', 'stage', 'rename', 'sync-folder', 'commit'] as const;
export type RekeyStep = (typeof REKEY_STEPS)[number];

export interface ChangePassphraseOptions extends VaultOptions {
  /** scrypt costs for the new keyring; defaults to DEFAULT_SCRYPT, so a rekey also upgrades old params. */
  kdf?: ScryptParams;
  /** Fault injection for tests: called before each step; a throw (or a kill) there must leave one outcome. */
  beforeStep?: (step: RekeyStep) => void;
}

/** Rekeys of one vault in this process run one after another, so the last writer cannot silently win. */
const pending = new Map<string, Promise<unknown>>();

/**
 * Changes the passphrase by re-wrapping the same data key under a new salt and passphrase; the database is
 * never re-encrypted (see rotateDataKey for that). Uses its own connection, so it works whether or not the
 * vault is open elsewhere.
 *
 * One outcome (issue #15 item 3): holding the write lock, the `vault.rekey` audit entry is written, the new
 * keyring is renamed into place and the transaction commits. If anything fails after the rename (folder
 * fsync, COMMIT), the old keyring is put back before the error is reported. A kill between the rename and
 * the commit leaves the new keyring with its entry rolled back: the next unlock records the missing entry
 * (recordUnauditedRekey), so the change ends complete and audited.
 */
export async function changePassphrase(
  location: string,
  current: string,
  next: string,
  options: ChangePassphraseOptions,
): Promise<{ changedAt: string }> {
  requireNewPassphrase(next);
  const { paths } = locateVault(location);
  const previous = pending.get(paths.dir) ?? Promise.resolve();
  const run = previous.catch(() => undefined).then(() => rekey(location, current, next, options));
  pending.set(paths.dir, run);
  try {
    return await run;
  } finally {
    if (pending.get(paths.dir) === run) pending.delete(paths.dir);
  }
}

async function rekey(location: string, current: string, next: string, options: ChangePassphraseOptions): Promise<{ changedAt: string }> {
  const { paths, keyring, raw } = locateVault(location);
  const dataKey = await unwrapDataKey(keyring, current);
  try {
    // The slow KDF runs before the write lock is taken; the time is stamped once the lock is held.
    const rewrapped = await wrapDataKey(dataKey, next, {
      vaultId: keyring.vaultId,
      params: options.kdf ?? DEFAULT_SCRYPT,
      createdAt: keyring.createdAt,
      passphraseChangedAt: null,
    });
    const db = openVerifiedDatabase(paths.db, keyring, dataKey, options.nativeBinding);
    try {
      return { changedAt: replaceKeyring(db, paths.keyring, { keyring, raw }, rewrapped, options).toISOString() };
    } finally {
      db.close();
    }
  } finally {
    dataKey.fill(0);
  }
}

/**
 * Swaps `current` for `next` on disk with a `vault.rekey` audit entry, under one write transaction on `db`
 * (see changePassphrase for the failure rules). Returns the time stamped into the keyring and the entry.
 */
export function replaceKeyring(
  db: Database.Database,
  keyringFile: string,
  current: { keyring: Keyring; raw: string },
  next: Keyring,
  options: Pick<ChangePassphraseOptions, 'actor' | 'now' | 'beforeStep'> & { action?: string; extra?: Record<string, unknown> },
): Date {
  const step = options.beforeStep ?? (() => undefined);
  let renamed = false;
  let staged: string | null = null;
  step('lock');
  db.exec('BEGIN IMMEDIATE');
  try {
    // Holding the write lock, make sure no other process replaced the keyring since we verified it.
    if (readKeyring(keyringFile).raw !== current.raw) {
      throw new WorkbenchError('CANCELLED', 'The passphrase was changed elsewhere in the meantime; try again.');
    }
    const changedAt = (options.now ?? systemClock)();
    const stamped: Keyring = { ...next, passphraseChangedAt: changedAt.toISOString() };
    step('audit');
    appendAudit(db, {
      at: changedAt,
      actor: options.actor,
      action: options.action ?? 'vault.rekey',
      target: current.keyring.vaultId,
      before: keyringSummary(current.keyring),
      after: { ...keyringSummary(stamped), ...options.extra },
    });
    step('stage');
    staged = stageFileSync(keyringFile, serializeKeyring(stamped));
    step('rename');
    replaceWithStagedSync(staged, keyringFile);
    renamed = true;
    step('sync-folder');
    fsyncDirectorySync(path.dirname(keyringFile));
    step('commit');
    db.exec('COMMIT');
    return changedAt;
  } catch (error) {
    if (db.inTransaction) db.exec('ROLLBACK');
    if (renamed) restoreKeyring(keyringFile, current.raw, error);
    else if (staged) fs.rmSync(staged, { force: true });
    throw toWorkbenchError(error);
  }
}

/** Puts the previous keyring back after a failed change; if even that fails, says which passphrase may now apply. */
function restoreKeyring(keyringFile: string, raw: string, cause: unknown): void {
  try {
    writeFileAtomicSync(keyringFile, raw);
  } catch (restoreError) {
    throw new WorkbenchError(
      'INTERNAL',
      'The passphrase change failed and the previous keyring could not be put back: the new passphrase may be needed to unlock.',
      { cause: new AggregateError([cause, restoreError]) },
    );
  }
}

/**
 * Records a passphrase change whose audit entry was lost to a kill between the keyring rename and the
 * commit: the keyring says when the passphrase last changed, and no `vault.rekey` entry says so. Runs on
 * unlock, inside the open's write path; returns whether an entry was added.
 */
export function recordUnauditedRekey(db: Database.Database, keyring: Keyring, actor: string): boolean {
  const changedAt = keyring.passphraseChangedAt;
  if (changedAt === null) return false;
  const audited = db.prepare(
    `SELECT 1 FROM audit_entries WHERE action IN ('vault.rekey', 'vault.rotate-key') AND json_extract(after_json, '$.passphraseChangedAt') = ?`,
  );
  // Checked first without the write lock: an unlock of a vault in order (nearly always) writes nothing.
  if (audited.get(changedAt)) return false;
  return db.transaction(() => {
    if (audited.get(changedAt)) return false;
    appendAudit(db, {
      at: new Date(changedAt),
      actor,
      action: 'vault.rekey',
      target: keyring.vaultId,
      after: { ...keyringSummary(keyring), recovered: true },
    });
    return true;
  }).immediate();
}

function keyringSummary(keyring: Keyring): { kdf: { name: 'scrypt'; N: number; r: number; p: number }; passphraseChangedAt: string | null } {
  const { N, r, p } = keyring.kdf;
  return { kdf: { name: 'scrypt', N, r, p }, passphraseChangedAt: keyring.passphraseChangedAt };
}
