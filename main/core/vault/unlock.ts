import { systemClock } from '../clock';
import { locateVault, openVerifiedDatabase } from './access';
import { openReaderConnection } from './connection';
import { isBusyError, toWorkbenchError } from '../errors';
import { unwrapDataKey } from './keyring';
import { recordUnauditedRekey } from './rekey';
import { makeVault, type Vault, type VaultOptions } from './vault';

/**
 * Opens the vault at `location` with `passphrase`. A wrong passphrase fails in the keyring, before the
 * database is opened, so it modifies nothing on disk. Pending migrations run on success.
 */
export async function unlockVault(location: string, passphrase: string, options: VaultOptions): Promise<Vault> {
  const { paths, keyring } = locateVault(location);
  const dataKey = await unwrapDataKey(keyring, passphrase);
  try {
    const db = openVerifiedDatabase(paths.db, keyring, dataKey, options.nativeBinding);
    let reader;
    try {
      recordLostRekeyEntry(db, keyring, options.actor);
      reader = openReaderConnection(paths.db, dataKey, options.nativeBinding);
    } catch (error) {
      db.close();
      throw toWorkbenchError(error);
    }
    return makeVault(db, reader, { location: paths.dir, vaultId: keyring.vaultId, actor: options.actor, now: options.now ?? systemClock });
  } finally {
    dataKey.fill(0);
  }
}

/** Best effort: a vault busy elsewhere still opens, and the next unlock records the entry. */
function recordLostRekeyEntry(...args: Parameters<typeof recordUnauditedRekey>): void {
  try {
    recordUnauditedRekey(...args);
  } catch (error) {
    if (!isBusyError(error)) throw error;
  }
}
