import crypto from 'node:crypto';
import fs from 'node:fs';
import { appendAudit } from '../audit';
import { systemClock } from '../clock';
import { toWorkbenchError, WorkbenchError } from '../errors';
import { locateVault, openVerifiedDatabase } from './access';
import { fsyncDirectorySync, replaceWithStagedSync, stageFileSync } from './atomic-write';
import { DEFAULT_SCRYPT, requireNewPassphrase } from './kdf';
import { serializeKeyring, unwrapDataKey, wrapDataKey } from './keyring';
import type { ChangePassphraseOptions } from './rekey';
import { isHeldByLiveProcess, rollBack, rotationFiles } from './rotation-recovery';

/** The steps of a data-key rotation, in order; a kill before any of them leaves a vault that opens. */
export const ROTATE_STEPS = ['lock', 'copy', 'stage-keyring', 'rekey', 'audit', 'commit', 'cleanup'] as const;
export type RotateStep = (typeof ROTATE_STEPS)[number];

/**
 * Re-encrypts the database under a fresh random data key, wrapped under `next` (issue #15 item 9: a plain
 * rekey rewraps the same data key, so an old keyring backup and the old passphrase still open the data).
 *
 * Crash-safe by construction: (1) with the vault to itself (it refuses while another window or command
 * has it open) and WAL folded back into vault.db, (2) a byte copy of vault.db under the old key is made
 * and fsynced, (3) the new keyring is staged beside keyring.json, (4) `PRAGMA rekey` re-encrypts every
 * page in place, (5) the `vault.rotate-key` entry is written under the new key, (6) the staged keyring is
 * renamed over keyring.json: the commit point. A crash before (6) is undone at the next open by putting
 * the copy back (the old passphrase opens it, nothing lost); after it, the copy is deleted (the new one
 * opens it). Needs free disk space for one copy of vault.db.
 */
export async function rotateDataKey(
  location: string,
  current: string,
  next: string,
  options: Omit<ChangePassphraseOptions, 'beforeStep'> & { beforeStep?: (step: RotateStep) => void },
): Promise<{ changedAt: string }> {
  requireNewPassphrase(next);
  const step = options.beforeStep ?? (() => undefined);
  const { paths, keyring } = locateVault(location);
  const files = rotationFiles(paths.dir);
  const oldKey = await unwrapDataKey(keyring, current);
  const newKey = crypto.randomBytes(32);
  try {
    const rewrapped = await wrapDataKey(newKey, next, {
      vaultId: keyring.vaultId,
      params: options.kdf ?? DEFAULT_SCRYPT,
      createdAt: keyring.createdAt,
      passphraseChangedAt: null,
    });
    step('lock');
    claimLock(files.lock);
    let committed = false;
    try {
      const db = openVerifiedDatabase(paths.db, keyring, oldKey, options.nativeBinding);
      try {
        // Leaving WAL needs every other connection closed: a vault open elsewhere is refused here.
        try {
          db.pragma('locking_mode=EXCLUSIVE');
          if (db.pragma('journal_mode=DELETE', { simple: true }) !== 'delete') throw new Error('journal mode unchanged');
          // A write takes the exclusive lock, held (locking_mode) until this connection closes.
          db.prepare('UPDATE vault_meta SET vault_id = vault_id WHERE id = 1').run();
        } catch (error) {
          throw new WorkbenchError('BUSY', 'The vault is open in another window or command; close it and try again.', { cause: error });
        }
        step('copy');
        copyDurably(paths.db, files.oldKeyCopy);
        step('stage-keyring');
        const changedAt = (options.now ?? systemClock)();
        const stamped = { ...rewrapped, passphraseChangedAt: changedAt.toISOString() };
        replaceWithStagedSync(stageFileSync(files.nextKeyring, serializeKeyring(stamped)), files.nextKeyring);
        fsyncDirectorySync(paths.dir);
        step('rekey');
        db.pragma(`rekey="x'${newKey.toString('hex')}'"`);
        step('audit');
        db.transaction(() => {
          appendAudit(db, {
            at: changedAt,
            actor: options.actor,
            action: 'vault.rotate-key',
            target: keyring.vaultId,
            before: { kdf: pickKdf(keyring.kdf), passphraseChangedAt: keyring.passphraseChangedAt },
            after: { kdf: pickKdf(stamped.kdf), passphraseChangedAt: stamped.passphraseChangedAt, dataKey: 'new' },
          });
        })();
        step('commit');
        fs.renameSync(files.nextKeyring, paths.keyring);
        fsyncDirectorySync(paths.dir);
        committed = true;
        try {
          step('cleanup');
          fs.rmSync(files.oldKeyCopy, { force: true });
        } catch {
          // Committed: the change stands and is reported as done; the next open removes the copy.
        }
        return { changedAt: changedAt.toISOString() };
      } finally {
        db.close();
      }
    } catch (error) {
      if (!committed) rollBack(files);
      throw toWorkbenchError(error);
    } finally {
      fs.rmSync(files.lock, { force: true });
    }
  } finally {
    oldKey.fill(0);
    newKey.fill(0);
  }
}

function claimLock(file: string): void {
  try {
    fs.writeFileSync(file, String(process.pid), { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || isHeldByLiveProcess(file)) {
      throw new WorkbenchError('BUSY', 'The vault is busy in another window or command; try again.', { cause: error });
    }
    fs.writeFileSync(file, String(process.pid), { mode: 0o600 });
  }
}

function copyDurably(from: string, to: string): void {
  fs.copyFileSync(from, to);
  const fd = fs.openSync(to, 'r+');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.chmodSync(to, 0o600);
}

function pickKdf(kdf: { N: number; r: number; p: number }) {
  return { name: 'scrypt' as const, N: kdf.N, r: kdf.r, p: kdf.p };
}
