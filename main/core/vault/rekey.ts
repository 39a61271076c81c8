import { appendAudit } from '../audit';
import { systemClock } from '../clock';
import { WorkbenchError } from '../errors';
import { locateVault, openVerifiedDatabase } from './access';
import { writeFileAtomicSync } from './atomic-write';
import { DEFAULT_SCRYPT, normalizePassphrase, type ScryptParams } from './kdf';
import { readKeyring, serializeKeyring, unwrapDataKey, wrapDataKey, type Keyring } from './keyring';
import type { VaultOptions } from './vault';

export interface ChangePassphraseOptions extends VaultOptions {
  /** scrypt costs for the new keyring; defaults to DEFAULT_SCRYPT, so a rekey also upgrades old params. */
  kdf?: ScryptParams;
}

/** Rekeys of one vault in this process run one after another, so the last writer cannot silently win. */
const pending = new Map<string, Promise<unknown>>();

/**
 * Changes the passphrase by re-wrapping the same data key under a new salt and passphrase; the database is
 * never re-encrypted. Uses its own connection, so it works whether or not the vault is open elsewhere.
 * The `vault.rekey` audit entry and the keyring replacement share one transaction: the keyring is renamed
 * into place before the commit, and a failed rename rolls the entry back.
 */
export async function changePassphrase(
  location: string,
  current: string,
  next: string,
  options: ChangePassphraseOptions,
): Promise<{ changedAt: string }> {
  normalizePassphrase(next);
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
    const changedAt = (options.now ?? systemClock)();
    const rewrapped = await wrapDataKey(dataKey, next, {
      vaultId: keyring.vaultId,
      params: options.kdf ?? DEFAULT_SCRYPT,
      createdAt: keyring.createdAt,
      passphraseChangedAt: changedAt.toISOString(),
    });
    const db = openVerifiedDatabase(paths.db, keyring, dataKey, options.nativeBinding);
    try {
      db.transaction(() => {
        // Holding the write lock, make sure no other process replaced the keyring since we verified it.
        if (readKeyring(paths.keyring).raw !== raw) {
          throw new WorkbenchError('CANCELLED', 'The passphrase was changed elsewhere in the meantime; try again.');
        }
        appendAudit(db, {
          at: changedAt,
          actor: options.actor,
          action: 'vault.rekey',
          target: keyring.vaultId,
          before: keyringSummary(keyring),
          after: keyringSummary(rewrapped),
        });
        writeFileAtomicSync(paths.keyring, serializeKeyring(rewrapped));
      }).immediate();
    } finally {
      db.close();
    }
    return { changedAt: changedAt.toISOString() };
  } finally {
    dataKey.fill(0);
  }
}

function keyringSummary(keyring: Keyring): { kdf: { name: 'scrypt'; N: number; r: number; p: number }; passphraseChangedAt: string | null } {
  const { N, r, p } = keyring.kdf;
  return { kdf: { name: 'scrypt', N, r, p }, passphraseChangedAt: keyring.passphraseChangedAt };
}
