import fs from 'node:fs';
import type Database from 'better-sqlite3-multiple-ciphers';
import type { Clock } from '../clock';
import { WorkbenchError } from '../errors';
import { readKeyring, VAULT_CIPHER } from './keyring';
import { readSchemaVersion } from './migrate';
import { vaultPaths } from './paths';

/** What every vault entry point needs from its host. */
export interface VaultOptions {
  /** better_sqlite3.node built for the running ABI; Electron passes one, plain Node passes nothing. */
  nativeBinding?: string;
  /** Who is acting, recorded in audit entries. */
  actor: string;
  now?: Clock;
}

/** Facts about an open vault, for Settings, `liaison vault info` and support. Contains no secrets. */
export interface VaultInfoData {
  location: string;
  vaultId: string;
  schemaVersion: number;
  cipher: 'sqlcipher-4';
  kdf: { name: 'scrypt'; N: number; r: number; p: number };
  createdAt: string;
  passphraseChangedAt: string | null;
  /** vault.db + -wal + -shm + keyring.json, as they are right now. */
  fileSizeBytes: number;
  /** Rows per user table, excluding sqlite_ internals and FTS shadow tables. */
  counts: Record<string, number>;
}

/**
 * An unlocked vault: two open, keyed connections. `db` writes (and reads what it wrote, uncommitted
 * included); `reader` is query_only and sees committed data only: the app's reads use it, so the work of
 * a transaction still open on `db` (an import) is not shown before it commits.
 */
export interface Vault {
  readonly db: Database.Database;
  readonly reader: Database.Database;
  /** Absolute path of the vault folder. */
  readonly location: string;
  readonly vaultId: string;
  readonly actor: string;
  /** The clock this vault was opened with, for audit timestamps. */
  readonly now: Clock;
  info(): VaultInfoData;
  /** Locks the vault: closes both connections (SQLite checkpoints the WAL). Safe to call twice. */
  close(): void;
}

/** Wraps an open, migrated connection and its reader as a Vault. */
export function makeVault(
  db: Database.Database,
  reader: Database.Database,
  fields: { location: string; vaultId: string; actor: string; now: Clock },
): Vault {
  const requireOpen = () => {
    if (!db.open) throw new WorkbenchError('LOCKED', 'The vault is locked.');
  };
  return {
    db,
    reader,
    location: fields.location,
    vaultId: fields.vaultId,
    actor: fields.actor,
    now: fields.now,
    info() {
      requireOpen();
      // On the reader: an import still writing on `db` must not be counted before it commits (issue #15 item 7).
      return readVaultInfo(reader, fields.location);
    },
    close() {
      // The writer last: closing the last connection checkpoints the WAL.
      if (reader.open) reader.close();
      if (db.open) db.close();
    },
  };
}

/** Builds VaultInfoData from an open connection and the keyring on disk (read fresh: a rekey may have run). */
export function readVaultInfo(db: Database.Database, location: string): VaultInfoData {
  const paths = vaultPaths(location);
  const { keyring } = readKeyring(paths.keyring);
  const { N, r, p } = keyring.kdf;
  return {
    location: paths.dir,
    vaultId: keyring.vaultId,
    schemaVersion: readSchemaVersion(db),
    cipher: VAULT_CIPHER,
    kdf: { name: 'scrypt', N, r, p },
    createdAt: keyring.createdAt,
    passphraseChangedAt: keyring.passphraseChangedAt,
    fileSizeBytes: [paths.db, paths.wal, paths.shm, paths.keyring].reduce((sum, file) => sum + fileSize(file), 0),
    counts: countRows(db),
  };
}

/** Row counts of user tables; `PRAGMA table_list` marks FTS5 internals as type 'shadow', which are skipped. */
export function countRows(db: Database.Database): Record<string, number> {
  const tables = (db.pragma('table_list') as { schema: string; name: string; type: string }[])
    .filter((t) => t.schema === 'main' && (t.type === 'table' || t.type === 'virtual') && !t.name.startsWith('sqlite_'))
    .map((t) => t.name)
    .sort();
  const counts: Record<string, number> = {};
  for (const name of tables) {
    counts[name] = db.prepare(`SELECT count(*) FROM "${name.replaceAll('"', '""')}"`).pluck().get() as number;
  }
  return counts;
}

function fileSize(file: string): number {
  return fs.statSync(file, { throwIfNoEntry: false })?.size ?? 0;
}
