import crypto from 'node:crypto';
import fs from 'node:fs';
import type Database from 'better-sqlite3-multiple-ciphers';
import { appendAudit } from '../audit';
import { systemClock } from '../clock';
import { toWorkbenchError, WorkbenchError } from '../errors';
import { writeFileAtomicSync } from './atomic-write';
import { applyConnectionPragmas, openEncryptedDatabase, openReaderConnection } from './connection';
import { checkScryptParams, DEFAULT_SCRYPT, requireNewPassphrase, type ScryptParams } from './kdf';
import { serializeKeyring, VAULT_CIPHER, wrapDataKey } from './keyring';
import { migrate, readSchemaVersion } from './migrate';
import { getVaultPresence, vaultPaths } from './paths';
import { makeVault, type Vault, type VaultOptions } from './vault';

export interface CreateVaultOptions extends VaultOptions {
  /** scrypt costs for the new keyring; defaults to DEFAULT_SCRYPT. Tests and benches may lower them. */
  kdf?: ScryptParams;
}

const vaultExists = () => new WorkbenchError('VAULT_EXISTS', 'A vault already exists at this location.');

/**
 * Creates a new vault folder (0700) with a random data key: the database is built and committed first,
 * keyring.json is written last, so a crash mid-way never leaves a keyring pointing at a half-built vault.
 * Records `vault.create`. VAULT_EXISTS if keyring.json or vault.db is already there.
 */
export async function createVault(location: string, passphrase: string, options: CreateVaultOptions): Promise<Vault> {
  requireNewPassphrase(passphrase);
  const params = options.kdf ?? DEFAULT_SCRYPT;
  checkScryptParams(params);
  const paths = vaultPaths(location);
  if (fs.statSync(paths.dir, { throwIfNoEntry: false })?.isDirectory() === false) {
    throw new WorkbenchError('INVALID_INPUT', 'The vault location exists and is not a folder.');
  }
  if (getVaultPresence(paths.dir) === 'present') throw vaultExists();
  const now = options.now ?? systemClock;
  const createdAt = now();
  const vaultId = crypto.randomUUID();
  const dataKey = crypto.randomBytes(32);
  try {
    // The KDF runs before anything is created, so a slow or failing derivation leaves no debris.
    const keyring = await wrapDataKey(dataKey, passphrase, {
      vaultId,
      params,
      createdAt: createdAt.toISOString(),
      passphraseChangedAt: null,
    });
    createFolder(paths.dir);
    claimDatabaseFile(paths.db);
    let db: Database.Database | undefined;
    let reader: Database.Database | undefined;
    try {
      db = openEncryptedDatabase(paths.db, dataKey, { nativeBinding: options.nativeBinding, create: true }).db;
      applyConnectionPragmas(db);
      initializeSchema(db, { vaultId, createdAt, actor: options.actor, params });
      reader = openReaderConnection(paths.db, dataKey, options.nativeBinding);
      writeFileAtomicSync(paths.keyring, serializeKeyring(keyring));
      return makeVault(db, reader, { location: paths.dir, vaultId, actor: options.actor, now });
    } catch (error) {
      reader?.close();
      db?.close();
      for (const file of [paths.keyring, paths.wal, paths.shm, paths.db]) fs.rmSync(file, { force: true });
      throw toWorkbenchError(error);
    }
  } finally {
    dataKey.fill(0);
  }
}

function createFolder(dir: string): void {
  try {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  } catch (error) {
    throw new WorkbenchError('INVALID_INPUT', 'The vault folder could not be created.', { cause: error });
  }
}

/**
 * Creates vault.db empty with mode 0600 before SQLite opens it: SQLite gives -wal and -shm the database's
 * permissions, and the exclusive create turns a concurrent creation into VAULT_EXISTS.
 */
function claimDatabaseFile(file: string): void {
  try {
    fs.closeSync(fs.openSync(file, 'wx', 0o600));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw vaultExists();
    throw new WorkbenchError('INVALID_INPUT', 'The vault folder could not be created.', { cause: error });
  }
}

function initializeSchema(
  db: Database.Database,
  fields: { vaultId: string; createdAt: Date; actor: string; params: ScryptParams },
): void {
  db.transaction(() => {
    migrate(db);
    db.prepare('INSERT INTO vault_meta (id, vault_id, created_at) VALUES (1, ?, ?)').run(fields.vaultId, fields.createdAt.toISOString());
    appendAudit(db, {
      at: fields.createdAt,
      actor: fields.actor,
      action: 'vault.create',
      target: fields.vaultId,
      after: {
        cipher: VAULT_CIPHER,
        kdf: { name: 'scrypt', N: fields.params.N, r: fields.params.r, p: fields.params.p },
        schemaVersion: readSchemaVersion(db),
      },
    });
  }).immediate();
}
