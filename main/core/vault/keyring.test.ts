import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { parseKeyring, serializeKeyring, unwrapDataKey, wrapDataKey, type Keyring } from './keyring';

const FAST = { N: 2 ** 14, r: 8, p: 1 };
const options = { vaultId: crypto.randomUUID(), params: FAST, createdAt: '2026-01-01T00:00:00.000Z', passphraseChangedAt: null };

describe('keyring', () => {
  it('wraps and unwraps the data key, and survives serialisation', async () => {
    const dataKey = crypto.randomBytes(32);
    const keyring = parseKeyring(serializeKeyring(await wrapDataKey(dataKey, 'pass one', options)));
    expect(keyring.kdf).toMatchObject({ name: 'scrypt', ...FAST, keyLength: 32 });
    expect((await unwrapDataKey(keyring, 'pass one')).equals(dataKey)).toBe(true);
  });

  it('uses a fresh salt and IV on every wrap', async () => {
    const dataKey = crypto.randomBytes(32);
    const a = await wrapDataKey(dataKey, 'p', options);
    const b = await wrapDataKey(dataKey, 'p', options);
    expect(a.kdf.salt).not.toBe(b.kdf.salt);
    expect(a.wrappedKey.iv).not.toBe(b.wrappedKey.iv);
  });

  it('fails with WRONG_PASSPHRASE for a wrong passphrase', async () => {
    const keyring = await wrapDataKey(crypto.randomBytes(32), 'right', options);
    await expect(unwrapDataKey(keyring, 'wrong')).rejects.toMatchObject({ code: 'WRONG_PASSPHRASE', message: 'Wrong passphrase.' });
  });

  // Tampering is indistinguishable from a wrong passphrase (GCM only says "not authentic"), so both
  // surface as WRONG_PASSPHRASE; what matters is that nothing opens.
  it.each<[string, (k: Keyring) => Keyring]>([
    ['ciphertext', (k) => ({ ...k, wrappedKey: { ...k.wrappedKey, ciphertext: flip(k.wrappedKey.ciphertext) } })],
    ['tag', (k) => ({ ...k, wrappedKey: { ...k.wrappedKey, tag: flip(k.wrappedKey.tag) } })],
    ['iv', (k) => ({ ...k, wrappedKey: { ...k.wrappedKey, iv: flip(k.wrappedKey.iv) } })],
    ['kdf params (AAD)', (k) => ({ ...k, kdf: { ...k.kdf, N: 2 ** 15 } })],
    ['vaultId (AAD)', (k) => ({ ...k, vaultId: crypto.randomUUID() })],
  ])('rejects a keyring whose %s was tampered with', async (_, tamper) => {
    const keyring = await wrapDataKey(crypto.randomBytes(32), 'right', options);
    await expect(unwrapDataKey(tamper(keyring), 'right')).rejects.toMatchObject({ code: 'WRONG_PASSPHRASE' });
  });

  it('reports malformed keyring text as NOT_A_VAULT', async () => {
    const good = serializeKeyring(await wrapDataKey(crypto.randomBytes(32), 'p', options));
    const json = JSON.parse(good) as Keyring;
    const variants = [
      '',
      'not json',
      good.slice(0, good.length / 2),
      JSON.stringify({ ...json, format: 'other' }),
      JSON.stringify({ ...json, version: 2 }),
      JSON.stringify({ ...json, extra: 1 }),
      JSON.stringify({ ...json, kdf: { ...json.kdf, N: 12345 } }),
      JSON.stringify({ ...json, wrappedKey: { ...json.wrappedKey, ciphertext: Buffer.alloc(16).toString('base64') } }),
      crypto.randomBytes(200).toString('latin1'),
    ];
    for (const text of variants) expect(() => parseKeyring(text)).toThrow(expect.objectContaining({ code: 'NOT_A_VAULT' }));
  });
});

function flip(b64: string): string {
  const bytes = Buffer.from(b64, 'base64');
  bytes[0] = (bytes[0] ?? 0) ^ 0x01;
  return bytes.toString('base64');
}
