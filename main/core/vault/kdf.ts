import crypto from 'node:crypto';
import { WorkbenchError } from '../errors';

/** scrypt cost parameters (RFC 7914). Stored in the keyring with the salt so defaults can rise later. */
export interface ScryptParams {
  N: number;
  r: number;
  p: number;
}

/** ~360 ms on a current laptop: slow enough to hurt offline guessing, fast enough for an unlock prompt. */
export const DEFAULT_SCRYPT: ScryptParams = { N: 2 ** 17, r: 8, p: 1 };
export const KEY_LENGTH = 32 as const;
export const SALT_LENGTH = 16;

const MAX_PASSPHRASE_LENGTH = 1024;
/** The shortest passphrase a vault accepts when one is set (create, rekey); the UI asks the same. */
export const MIN_PASSPHRASE_LENGTH = 12;
/** scrypt needs 128·N·r bytes; refusing more keeps a forged keyring from exhausting memory. */
const MAX_SCRYPT_MEMORY = 1024 * 1024 * 1024;

/** Throws INVALID_INPUT unless `params` are sane scrypt costs (power-of-two N, bounded memory). */
export function checkScryptParams(params: ScryptParams): void {
  const { N, r, p } = params;
  const ok =
    Number.isInteger(N) && Number.isInteger(r) && Number.isInteger(p) &&
    N >= 2 ** 14 && N <= 2 ** 20 && (N & (N - 1)) === 0 &&
    r >= 1 && r <= 32 && p >= 1 && p <= 16 &&
    128 * N * r <= MAX_SCRYPT_MEMORY;
  if (!ok) throw new WorkbenchError('INVALID_INPUT', 'Key derivation parameters are out of range.');
}

/**
 * Validates a passphrase and returns its NFC form, so the same passphrase typed through different input
 * methods (precomposed vs combining accents) derives the same key.
 */
export function normalizePassphrase(passphrase: string): string {
  if (typeof passphrase !== 'string' || passphrase.length === 0) {
    throw new WorkbenchError('INVALID_INPUT', 'Passphrase is required.');
  }
  if (passphrase.length > MAX_PASSPHRASE_LENGTH) {
    throw new WorkbenchError('INVALID_INPUT', 'Passphrase is too long.');
  }
  return passphrase.normalize('NFC');
}

/**
 * Validates a passphrase being set (vault creation, rekey): at least MIN_PASSPHRASE_LENGTH characters,
 * counted as code points after NFC. Unlocking only checks normalizePassphrase, so a vault made before the
 * minimum still opens. Returns the NFC form.
 */
export function requireNewPassphrase(passphrase: string): string {
  const normalized = normalizePassphrase(passphrase);
  if ([...normalized].length < MIN_PASSPHRASE_LENGTH) {
    throw new WorkbenchError('INVALID_INPUT', `The passphrase must be at least ${MIN_PASSPHRASE_LENGTH} characters long.`);
  }
  return normalized;
}

/**
 * Derives the 32-byte key-encryption key from a passphrase with scrypt. Async so the work runs on the
 * libuv pool, not the calling thread. The caller owns the returned buffer and should zero it after use.
 */
export function deriveKey(passphrase: string, salt: Buffer, params: ScryptParams): Promise<Buffer> {
  checkScryptParams(params);
  const normalized = normalizePassphrase(passphrase);
  const maxmem = 2 * 128 * params.N * params.r + 128 * params.r * params.p;
  return new Promise((resolve, reject) => {
    crypto.scrypt(normalized, salt, KEY_LENGTH, { ...params, maxmem }, (error, key) => {
      if (error) reject(new WorkbenchError('INTERNAL', 'Key derivation failed.', { cause: error }));
      else resolve(key);
    });
  });
}

/** A fresh random salt for a new keyring (a new one on every passphrase change). */
export function newSalt(): Buffer {
  return crypto.randomBytes(SALT_LENGTH);
}
