import crypto from 'node:crypto';
import fs from 'node:fs';
import type Database from 'better-sqlite3-multiple-ciphers';
import { applyConnectionPragmas, openEncryptedDatabase } from '../../main/core/vault/connection';
import type { ScryptParams } from '../../main/core/vault/kdf';
import { readKeyring, serializeKeyring, unwrapDataKey, wrapDataKey } from '../../main/core/vault/keyring';
import { migrate } from '../../main/core/vault/migrate';
import { vaultPaths } from '../../main/core/vault/paths';

/** Cheapest scrypt the keyring accepts (~20 ms): for tests that are not about KDF cost. */
export const FAST_KDF: ScryptParams = { N: 2 ** 14, r: 8, p: 1 };

/** Opens a vault's database directly with its data key, bypassing every check: for tampering with fixtures. */
export async function openRawVaultDb(location: string, passphrase: string): Promise<Database.Database> {
  const paths = vaultPaths(location);
  const { keyring } = readKeyring(paths.keyring);
  const dataKey = await unwrapDataKey(keyring, passphrase);
  return openEncryptedDatabase(paths.db, dataKey).db;
}

/** Recovers a vault's data key (tests only). */
export async function readDataKey(location: string, passphrase: string): Promise<Buffer> {
  return unwrapDataKey(readKeyring(vaultPaths(location).keyring).keyring, passphrase);
}

/** Writes a well-formed keyring.json wrapping `dataKey` (random by default) under `passphrase`. */
export async function writeForgedKeyring(
  location: string,
  passphrase: string,
  options: { dataKey?: Buffer; vaultId?: string } = {},
): Promise<void> {
  const keyring = await wrapDataKey(options.dataKey ?? crypto.randomBytes(32), passphrase, {
    vaultId: options.vaultId ?? crypto.randomUUID(),
    params: FAST_KDF,
    createdAt: new Date('2026-01-01T00:00:00Z').toISOString(),
    passphraseChangedAt: null,
  });
  fs.writeFileSync(vaultPaths(location).keyring, serializeKeyring(keyring));
}

/**
 * Builds a vault as an older build would have left it: migrations applied only up to `version`, plus the
 * vault_meta row. The fixture for upgrade-path tests ("vaults at old schema versions").
 */
export async function createVaultAtVersion(location: string, passphrase: string, version: number): Promise<{ vaultId: string }> {
  const paths = vaultPaths(location);
  const vaultId = crypto.randomUUID();
  const dataKey = crypto.randomBytes(32);
  fs.mkdirSync(paths.dir, { recursive: true, mode: 0o700 });
  const { db } = openEncryptedDatabase(paths.db, dataKey, { create: true });
  try {
    applyConnectionPragmas(db);
    migrate(db, { target: version });
    db.prepare('INSERT INTO vault_meta (id, vault_id, created_at) VALUES (1, ?, ?)').run(vaultId, '2026-01-01T00:00:00.000Z');
  } finally {
    db.close();
  }
  await writeForgedKeyring(location, passphrase, { dataKey, vaultId });
  return { vaultId };
}

/** A clock that starts at `start` and advances one second per call: deterministic, strictly increasing. */
export function steppingClock(start = '2026-03-01T09:00:00.000Z'): () => Date {
  let t = Date.parse(start);
  return () => {
    const now = new Date(t);
    t += 1000;
    return now;
  };
}
