import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterEach, describe, expect, it } from 'vitest';
import { changePassphrase, createVault, LATEST_SCHEMA_VERSION, unlockVault } from '../../main/core/vault';
import { snapshotFolder } from '../helpers/file-snapshot';
import { tempDirs } from '../helpers/temp-dirs';
import { FAST_KDF, openRawVaultDb, readDataKey, steppingClock, writeForgedKeyring } from '../helpers/vault-forge';

const dirs = tempDirs('liaison-reject-');
afterEach(() => dirs.cleanup());
const options = { actor: 'ana', now: steppingClock(), kdf: FAST_KDF };

async function makeVault(passphrase = 'right passphrase'): Promise<string> {
  const location = path.join(dirs.make(), 'vault');
  const vault = await createVault(location, passphrase, options);
  vault.close();
  return location;
}

/** Asserts `attempt` fails with `code` and leaves every file in the folder byte-identical (and no new files). */
async function expectUntouched(location: string, code: string, attempt: () => Promise<unknown>): Promise<void> {
  const before = snapshotFolder(location);
  await expect(attempt()).rejects.toMatchObject({ code });
  expect(snapshotFolder(location)).toEqual(before);
}

describe('wrong passphrase', () => {
  it('is WRONG_PASSPHRASE "Wrong passphrase." and touches no file', async () => {
    const location = await makeVault();
    await expectUntouched(location, 'WRONG_PASSPHRASE', () => unlockVault(location, 'wrong passphrase', options));
    await expectUntouched(location, 'WRONG_PASSPHRASE', () => changePassphrase(location, 'wrong passphrase', 'the next passphrase', options));
    await expect(unlockVault(location, 'nope', options)).rejects.toThrow(/^Wrong passphrase\.$/);
  });
});

describe('NOT_A_VAULT', () => {
  const expectNotAVault = (location: string, passphrase = 'right passphrase') =>
    expectUntouched(location, 'NOT_A_VAULT', () => unlockVault(location, passphrase, options));

  it('for a regular file', async () => {
    const file = path.join(dirs.make(), 'file.txt');
    fs.writeFileSync(file, 'hello');
    await expect(unlockVault(file, 'p', options)).rejects.toMatchObject({ code: 'NOT_A_VAULT', message: 'This folder is not a Liaison vault.' });
  });

  it('for an empty folder, a folder with only a keyring, and one with only a database', async () => {
    await expectNotAVault(dirs.make());
    const onlyKeyring = dirs.make();
    await writeForgedKeyring(onlyKeyring, 'right passphrase');
    await expectNotAVault(onlyKeyring);
    const onlyDb = await makeVault();
    fs.rmSync(path.join(onlyDb, 'keyring.json'));
    await expectNotAVault(onlyDb);
  });

  it('for a plaintext SQLite database with a forged keyring', async () => {
    const location = dirs.make();
    const plain = new Database(path.join(location, 'vault.db'));
    plain.exec('CREATE TABLE vault_meta (id, vault_id, created_at); PRAGMA user_version = 30;');
    plain.close();
    await writeForgedKeyring(location, 'right passphrase');
    await expectNotAVault(location);
  });

  it('for random bytes or an empty file with a forged keyring', async () => {
    const random = dirs.make();
    fs.writeFileSync(path.join(random, 'vault.db'), crypto.randomBytes(16384));
    await writeForgedKeyring(random, 'right passphrase');
    await expectNotAVault(random);
    const empty = dirs.make();
    fs.writeFileSync(path.join(empty, 'vault.db'), '');
    await writeForgedKeyring(empty, 'right passphrase');
    await expectNotAVault(empty);
  });

  it('for a truncated, corrupted or random keyring', async () => {
    const location = await makeVault();
    const keyringFile = path.join(location, 'keyring.json');
    const good = fs.readFileSync(keyringFile, 'utf8');
    for (const bad of [good.slice(0, 100), good.replace('"scrypt"', '"pbkdf2"'), crypto.randomBytes(300).toString('latin1'), '']) {
      fs.writeFileSync(keyringFile, bad);
      await expectNotAVault(location);
    }
  });

  it('when the database belongs to another vault (vault_meta.vault_id differs from the keyring)', async () => {
    const location = await makeVault();
    const dataKey = await readDataKey(location, 'right passphrase');
    await writeForgedKeyring(location, 'right passphrase', { dataKey, vaultId: crypto.randomUUID() });
    await expectNotAVault(location);
  });

  it('when the database is another vault encrypted with a different key', async () => {
    const a = await makeVault();
    const b = await makeVault();
    fs.copyFileSync(path.join(b, 'keyring.json'), path.join(a, 'keyring.json'));
    await expectNotAVault(a);
  });
});

describe('tampered keyring', () => {
  // A modified wrapped key, tag or KDF parameter fails GCM authentication exactly like a wrong passphrase
  // does; the two cannot be told apart, so it is reported as WRONG_PASSPHRASE and nothing opens.
  it('is reported as WRONG_PASSPHRASE and touches nothing', async () => {
    const location = await makeVault();
    const keyringFile = path.join(location, 'keyring.json');
    const keyring = JSON.parse(fs.readFileSync(keyringFile, 'utf8'));
    const tag = Buffer.from(keyring.wrappedKey.tag, 'base64');
    tag[0]! ^= 0xff;
    fs.writeFileSync(keyringFile, JSON.stringify({ ...keyring, wrappedKey: { ...keyring.wrappedKey, tag: tag.toString('base64') } }));
    await expectUntouched(location, 'WRONG_PASSPHRASE', () => unlockVault(location, 'right passphrase', options));
    fs.writeFileSync(keyringFile, JSON.stringify({ ...keyring, kdf: { ...keyring.kdf, N: 2 ** 15 } }));
    await expectUntouched(location, 'WRONG_PASSPHRASE', () => unlockVault(location, 'right passphrase', options));
  });
});

describe('NEWER_SCHEMA', () => {
  it('refuses a vault from a newer build before writing anything', async () => {
    const location = await makeVault();
    const raw = await openRawVaultDb(location, 'right passphrase');
    raw.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 10}`);
    raw.close();
    const before = snapshotFolder(location);
    const error = await unlockVault(location, 'right passphrase', options).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'NEWER_SCHEMA' });
    expect((error as Error).message).toContain(`schema version ${LATEST_SCHEMA_VERSION + 10}`);
    expect((error as Error).message).toContain(`up to version ${LATEST_SCHEMA_VERSION}`);
    expect((error as Error).message).toMatch(/update the app/i);
    expect(snapshotFolder(location)).toEqual(before);
  });
});
