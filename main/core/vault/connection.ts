import Database from 'better-sqlite3-multiple-ciphers';
import { WorkbenchError } from '../errors';

export interface OpenDatabaseOptions {
  /** Path to a better_sqlite3.node built for the running ABI (Electron passes one; Node uses the default). */
  nativeBinding?: string;
  /** Create the file if missing (vault creation only); otherwise a missing file is NOT_A_VAULT. */
  create?: boolean;
}

/** SQLite result codes that mean "this file is not a database we can decrypt". */
const NOT_OURS = new Set(['SQLITE_NOTADB', 'SQLITE_CORRUPT', 'SQLITE_CANTOPEN']);

/**
 * Opens `file` with the SQLCipher v4 codec keyed by the raw 32-byte `dataKey` (no PBKDF2 inside SQLCipher:
 * the key is already high-entropy) and reads `user_version`, which forces the first page to be decrypted.
 * Nothing is written: the caller decides from the returned version whether to proceed. A file that does
 * not decrypt is NOT_A_VAULT, because by now the keyring has already authenticated the key.
 */
export function openEncryptedDatabase(
  file: string,
  dataKey: Buffer,
  options: OpenDatabaseOptions = {},
): { db: Database.Database; schemaVersion: number } {
  let db: Database.Database | undefined;
  try {
    db = new Database(file, {
      fileMustExist: !options.create,
      ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
    });
    db.pragma("cipher='sqlcipher'");
    db.pragma('legacy=4');
    db.pragma(`key="x'${dataKey.toString('hex')}'"`);
    // Before the first read: temp files are not encrypted, and a writer elsewhere must not fail the probe.
    db.pragma('temp_store=MEMORY');
    db.pragma('busy_timeout=5000');
    const schemaVersion = db.pragma('user_version', { simple: true }) as number;
    return { db, schemaVersion };
  } catch (error) {
    db?.close();
    const code = (error as { code?: unknown }).code;
    if (typeof code === 'string' && NOT_OURS.has(code)) {
      throw new WorkbenchError('NOT_A_VAULT', 'This folder is not a Liaison vault.', { cause: error });
    }
    throw new WorkbenchError('INTERNAL', 'The vault database could not be opened.', { cause: error });
  }
}

/**
 * Settings applied once the schema version has been checked (journal_mode=WAL writes to a new file, so it
 * must not run on a file we are about to refuse). temp_store=MEMORY (set at open) because SQLite's temp
 * files are not encrypted; WAL + synchronous=FULL because a lost commit would lose an analyst's work; a
 * 64 MiB page cache because every cache miss costs a page decryption (inserts are ~6x slower at 2 MiB).
 */
export function applyConnectionPragmas(db: Database.Database): void {
  db.pragma('journal_mode=WAL');
  db.pragma('synchronous=FULL');
  db.pragma('foreign_keys=ON');
  db.pragma('cache_size=-65536');
}

/**
 * A second connection to an open vault, for the app's reads: it sees committed data only, so an import's
 * rows show up when the import commits, never while it writes them (they could still be rolled back). It
 * is query_only: a write sent to it by mistake fails instead of slipping past the write path's checks.
 */
export function openReaderConnection(file: string, dataKey: Buffer, nativeBinding?: string): Database.Database {
  const { db } = openEncryptedDatabase(file, dataKey, nativeBinding ? { nativeBinding } : {});
  try {
    applyConnectionPragmas(db);
    db.pragma('query_only=ON');
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}
