import fs from 'node:fs';
import type Database from 'better-sqlite3-multiple-ciphers';
import { toWorkbenchError, WorkbenchError } from '../errors';
import { applyConnectionPragmas, openEncryptedDatabase } from './connection';
import { readKeyring, type Keyring } from './keyring';
import { assertKnownSchema, migrate } from './migrate';
import { vaultPaths } from './paths';
import { recoverInterruptedRotation } from './rotation-recovery';

const notAVault = () => new WorkbenchError('NOT_A_VAULT', 'This folder is not a Liaison vault.');

/**
 * Finds an existing vault's files and reads its keyring, without opening the database. Runs before the
 * KDF so obviously-wrong locations fail fast. Writes nothing, unless a data-key rotation was interrupted by
 * a crash: that is finished or undone first (rotation-recovery.ts), so the keyring read matches vault.db.
 */
export function locateVault(location: string): { paths: ReturnType<typeof vaultPaths>; keyring: Keyring; raw: string } {
  const paths = vaultPaths(location);
  const stat = fs.statSync(paths.dir, { throwIfNoEntry: false });
  if (!stat) throw new WorkbenchError('NO_VAULT', 'No vault exists at this location.');
  if (!stat.isDirectory()) throw notAVault();
  recoverInterruptedRotation(paths.dir);
  if (!fs.statSync(paths.db, { throwIfNoEntry: false })?.isFile()) throw notAVault();
  const { keyring, raw } = readKeyring(paths.keyring);
  return { paths, keyring, raw };
}

/**
 * Opens the database with an already-authenticated data key, checks it belongs to `keyring` and is not from
 * a newer build (both before anything is written), then applies connection settings and pending migrations.
 */
export function openVerifiedDatabase(
  dbFile: string,
  keyring: Keyring,
  dataKey: Buffer,
  nativeBinding: string | undefined,
): Database.Database {
  const { db, schemaVersion } = openEncryptedDatabase(dbFile, dataKey, { nativeBinding });
  try {
    // Every vault is created at version >= 10 in one transaction, so 0 means an empty or foreign file.
    if (schemaVersion === 0) throw notAVault();
    assertKnownSchema(schemaVersion);
    if (readVaultId(db) !== keyring.vaultId) throw notAVault();
    applyConnectionPragmas(db);
    migrate(db);
    return db;
  } catch (error) {
    db.close();
    throw toWorkbenchError(error);
  }
}

function readVaultId(db: Database.Database): string | undefined {
  try {
    const row = db.prepare('SELECT vault_id FROM vault_meta WHERE id = 1').get() as { vault_id: string } | undefined;
    return row?.vault_id;
  } catch (error) {
    // No vault_meta table: the file decrypts but is not shaped like a vault.
    throw new WorkbenchError('NOT_A_VAULT', 'This folder is not a Liaison vault.', { cause: error });
  }
}
