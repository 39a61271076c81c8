import crypto from 'node:crypto';
import fs from 'node:fs';
import { z } from 'zod';
import { WorkbenchError } from '../errors';
import { checkScryptParams, deriveKey, KEY_LENGTH, newSalt, SALT_LENGTH, type ScryptParams } from './kdf';

/** The cipher the database is encrypted with: SQLCipher v4 page format, raw 256-bit key. */
export const VAULT_CIPHER = 'sqlcipher-4' as const;

const IV_LENGTH = 12;
const TAG_LENGTH = 16;

const base64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/);
const isoTime = z.iso.datetime();

const KeyringSchema = z
  .object({
    format: z.literal('liaison-keyring'),
    version: z.literal(1),
    vaultId: z.uuid(),
    cipher: z.literal(VAULT_CIPHER),
    kdf: z
      .object({
        name: z.literal('scrypt'),
        N: z.number().int(),
        r: z.number().int(),
        p: z.number().int(),
        salt: base64,
        keyLength: z.literal(KEY_LENGTH),
      })
      .strict(),
    wrappedKey: z.object({ alg: z.literal('A256GCM'), iv: base64, tag: base64, ciphertext: base64 }).strict(),
    createdAt: isoTime,
    passphraseChangedAt: isoTime.nullable(),
  })
  .strict();

/** keyring.json: the vault's data key wrapped under a passphrase-derived key, plus what is needed to unwrap it. */
export type Keyring = z.infer<typeof KeyringSchema>;

const notAVault = (cause?: unknown) => new WorkbenchError('NOT_A_VAULT', 'This folder is not a Liaison vault.', { cause });

/** Parses and validates keyring text; anything malformed is NOT_A_VAULT. */
export function parseKeyring(text: string): Keyring {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw notAVault(error);
  }
  const parsed = KeyringSchema.safeParse(json);
  if (!parsed.success) throw notAVault(parsed.error);
  const keyring = parsed.data;
  const { kdf, wrappedKey } = keyring;
  const lengthsOk =
    Buffer.from(kdf.salt, 'base64').length >= SALT_LENGTH &&
    Buffer.from(wrappedKey.iv, 'base64').length === IV_LENGTH &&
    Buffer.from(wrappedKey.tag, 'base64').length === TAG_LENGTH &&
    Buffer.from(wrappedKey.ciphertext, 'base64').length === KEY_LENGTH;
  if (!lengthsOk) throw notAVault();
  try {
    checkScryptParams(kdf);
  } catch (error) {
    throw notAVault(error);
  }
  return keyring;
}

/** Reads keyring.json; a missing or unreadable file means the folder is not a vault. */
export function readKeyring(file: string): { keyring: Keyring; raw: string } {
  let raw: string;
  try {
    raw = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw notAVault(error);
  }
  return { keyring: parseKeyring(raw), raw };
}

/** Stable JSON text for keyring.json. */
export function serializeKeyring(keyring: Keyring): string {
  return `${JSON.stringify(keyring, null, 2)}\n`;
}

/**
 * Additional authenticated data: binds the wrapped key to this vault and to the exact KDF parameters, so
 * swapping keyrings between vaults or lowering the cost parameters makes unwrapping fail.
 */
function associatedData(keyring: Pick<Keyring, 'format' | 'version' | 'vaultId' | 'cipher' | 'kdf'>): Buffer {
  const { kdf } = keyring;
  return Buffer.from(
    [keyring.format, keyring.version, keyring.vaultId, keyring.cipher, kdf.name, kdf.N, kdf.r, kdf.p, kdf.keyLength, kdf.salt].join('\n'),
    'utf8',
  );
}

export interface WrapOptions {
  vaultId: string;
  params: ScryptParams;
  createdAt: string;
  passphraseChangedAt: string | null;
}

/** Wraps `dataKey` with AES-256-GCM under a key derived from `passphrase` with a fresh salt and IV. */
export async function wrapDataKey(dataKey: Buffer, passphrase: string, options: WrapOptions): Promise<Keyring> {
  const salt = newSalt();
  const kek = await deriveKey(passphrase, salt, options.params);
  try {
    const header = {
      format: 'liaison-keyring' as const,
      version: 1 as const,
      vaultId: options.vaultId,
      cipher: VAULT_CIPHER,
      kdf: { name: 'scrypt' as const, ...pickParams(options.params), salt: salt.toString('base64'), keyLength: KEY_LENGTH },
    };
    const iv = crypto.randomBytes(IV_LENGTH);
    const cipher = crypto.createCipheriv('aes-256-gcm', kek, iv, { authTagLength: TAG_LENGTH });
    cipher.setAAD(associatedData(header));
    const ciphertext = Buffer.concat([cipher.update(dataKey), cipher.final()]);
    return {
      ...header,
      wrappedKey: {
        alg: 'A256GCM',
        iv: iv.toString('base64'),
        tag: cipher.getAuthTag().toString('base64'),
        ciphertext: ciphertext.toString('base64'),
      },
      createdAt: options.createdAt,
      passphraseChangedAt: options.passphraseChangedAt,
    };
  } finally {
    kek.fill(0);
  }
}

/**
 * Recovers the data key. A GCM authentication failure is reported as WRONG_PASSPHRASE: a wrong passphrase
 * and a tampered keyring (ciphertext, tag, IV, salt, params or vaultId changed) are cryptographically
 * indistinguishable, and either way nothing can be opened.
 */
export async function unwrapDataKey(keyring: Keyring, passphrase: string): Promise<Buffer> {
  const kek = await deriveKey(passphrase, Buffer.from(keyring.kdf.salt, 'base64'), keyring.kdf);
  try {
    const { iv, tag, ciphertext } = keyring.wrappedKey;
    const decipher = crypto.createDecipheriv('aes-256-gcm', kek, Buffer.from(iv, 'base64'), { authTagLength: TAG_LENGTH });
    decipher.setAAD(associatedData(keyring));
    decipher.setAuthTag(Buffer.from(tag, 'base64'));
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64')), decipher.final()]);
  } catch (error) {
    throw new WorkbenchError('WRONG_PASSPHRASE', 'Wrong passphrase.', { cause: error });
  } finally {
    kek.fill(0);
  }
}

function pickParams(params: ScryptParams): ScryptParams {
  return { N: params.N, r: params.r, p: params.p };
}
