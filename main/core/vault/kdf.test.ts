import { describe, expect, it } from 'vitest';
import { checkScryptParams, DEFAULT_SCRYPT, deriveKey, newSalt, normalizePassphrase } from './kdf';

const FAST = { N: 2 ** 14, r: 8, p: 1 };

describe('deriveKey', () => {
  it('is deterministic for the same passphrase, salt and params', async () => {
    const salt = newSalt();
    const a = await deriveKey('correct horse', salt, FAST);
    const b = await deriveKey('correct horse', salt, FAST);
    expect(a.equals(b)).toBe(true);
    expect(a).toHaveLength(32);
  });

  it('changes with the salt, the passphrase and the params', async () => {
    const salt = newSalt();
    const base = await deriveKey('correct horse', salt, FAST);
    expect(base.equals(await deriveKey('correct horse', newSalt(), FAST))).toBe(false);
    expect(base.equals(await deriveKey('correct horsf', salt, FAST))).toBe(false);
    expect(base.equals(await deriveKey('correct horse', salt, { ...FAST, N: 2 ** 15 }))).toBe(false);
  });

  it('treats NFC and NFD spellings of a passphrase as the same', async () => {
    const salt = newSalt();
    const nfc = await deriveKey('caf\u00e9', salt, FAST);
    const nfd = await deriveKey('cafe\u0301', salt, FAST);
    expect(nfc.equals(nfd)).toBe(true);
  });

  it('uses scrypt N=2^17 r=8 p=1 by default and reports how long one derivation takes', async () => {
    expect(DEFAULT_SCRYPT).toEqual({ N: 131072, r: 8, p: 1 });
    const started = performance.now();
    await deriveKey('timing', newSalt(), DEFAULT_SCRYPT);
    const ms = performance.now() - started;
    console.log(`scrypt N=2^17 r=8 p=1: ${ms.toFixed(0)} ms`);
    expect(ms).toBeGreaterThan(20);
  });
});

describe('checkScryptParams', () => {
  it('rejects weak, absurd or non-power-of-two costs', () => {
    expect(() => checkScryptParams(DEFAULT_SCRYPT)).not.toThrow();
    for (const bad of [{ N: 1024, r: 8, p: 1 }, { N: 2 ** 21, r: 8, p: 1 }, { N: 100_000, r: 8, p: 1 }, { N: 2 ** 20, r: 16, p: 1 }, { N: 2 ** 14, r: 0, p: 1 }]) {
      expect(() => checkScryptParams(bad)).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
    }
  });
});

describe('normalizePassphrase', () => {
  it('rejects empty and over-long passphrases without echoing them', () => {
    expect(() => normalizePassphrase('')).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
    const long = 'x'.repeat(1025);
    try {
      normalizePassphrase(long);
      expect.unreachable();
    } catch (error) {
      expect((error as Error).message).not.toContain('xxxx');
    }
  });
});
