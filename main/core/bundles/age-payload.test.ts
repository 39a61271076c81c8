import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { generateX25519Identity, identityToRecipient } from 'age-encryption';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDirs } from '../../../test/helpers/temp-dirs';
import { AgeError, decryptAge } from './age-payload';
import { AgePayloadWriter } from './age-payload-writer';

const dirs = tempDirs('liaison-age-payload-');
afterAll(() => dirs.cleanup());

const CHUNK = 64 * 1024;
let dir: string;
let identity: string;
let recipient: string;
let keyFile: string;

beforeAll(async () => {
  dir = dirs.make();
  identity = await generateX25519Identity();
  recipient = await identityToRecipient(identity);
  keyFile = path.join(dir, 'key.txt');
  fs.writeFileSync(keyFile, `${identity}\n`, { mode: 0o600 });
});

/** Encrypts `plain`, written in pieces of `piece` bytes, with our streaming writer. */
async function encrypt(plain: Uint8Array, recipients: string[], piece: number): Promise<Buffer> {
  const out: Uint8Array[] = [];
  const writer = await AgePayloadWriter.open(recipients, (bytes) => out.push(bytes));
  for (let at = 0; at < plain.length; at += piece) writer.write(plain.subarray(at, at + piece));
  writer.end();
  return Buffer.concat(out);
}

async function decrypt(file: Uint8Array, identities: string[]): Promise<Buffer> {
  const source = (async function* () {
    // Odd read sizes: the reader must not depend on chunk-aligned input.
    for (let at = 0; at < file.length; at += 10_007) yield file.subarray(at, at + 10_007);
  })();
  const { plainBytes, chunks } = await decryptAge(source, file.length, identities);
  const out: Uint8Array[] = [];
  for (let next = await chunks.next(); !next.done; next = await chunks.next()) out.push(next.value);
  const plain = Buffer.concat(out);
  expect(plain.length).toBe(plainBytes);
  return plain;
}

describe('age payload writer', () => {
  // Sizes around the 64 KiB STREAM chunk: the final chunk may be full, and is never an extra empty one.
  const sizes = [1, 1000, CHUNK - 1, CHUNK, CHUNK + 1, 2 * CHUNK, 3 * CHUNK + 17];
  for (const size of sizes) {
    it(`${size} bytes: stock age and our reader decrypt it to the same bytes`, async () => {
      const plain = randomBytes(size);
      const encrypted = await encrypt(plain, [recipient], 4099);
      const sealedChunks = Math.max(1, Math.ceil(size / CHUNK));
      const text = encrypted.toString('latin1');
      const headerEnd = text.indexOf('\n', text.indexOf('\n--- ') + 1) + 1;
      expect(encrypted.length).toBe(headerEnd + 16 + size + 16 * sealedChunks);
      const file = path.join(dir, `w-${size}.age`);
      fs.writeFileSync(file, encrypted);
      const stock = execFileSync('age', ['-d', '-i', keyFile, file], { maxBuffer: 1 << 24 });
      expect(Buffer.compare(stock, plain)).toBe(0);
      expect(Buffer.compare(await decrypt(encrypted, [identity]), plain)).toBe(0);
    });
  }

  it('writes one header for several recipients; each opens it, a stranger cannot', async () => {
    const other = await generateX25519Identity();
    const stranger = await generateX25519Identity();
    const plain = randomBytes(CHUNK + 5);
    const encrypted = await encrypt(plain, [recipient, await identityToRecipient(other)], CHUNK);
    expect(encrypted.toString('latin1').match(/\n-> X25519 /g)).toHaveLength(2);
    expect(Buffer.compare(await decrypt(encrypted, [other]), plain)).toBe(0);
    expect(Buffer.compare(await decrypt(encrypted, [identity]), plain)).toBe(0);
    await expect(decrypt(encrypted, [stranger])).rejects.toMatchObject({ kind: 'wrong-recipient' });
  });

  it('refuses to encrypt to nobody', async () => {
    await expect(AgePayloadWriter.open([], () => undefined)).rejects.toThrow(/at least one recipient/);
  });
});

describe('age payload reader', () => {
  it('decrypts files the stock age made (age -r), across chunk boundaries', async () => {
    for (const size of [1, CHUNK, 2 * CHUNK + 3]) {
      const plain = randomBytes(size);
      const input = path.join(dir, `r-${size}.bin`);
      const output = `${input}.age`;
      fs.writeFileSync(input, plain);
      execFileSync('age', ['-r', recipient, '-o', output, input]);
      expect(Buffer.compare(await decrypt(fs.readFileSync(output), [identity]), plain)).toBe(0);
    }
  });

  it('refuses a file cut at a chunk boundary (the final flag is missing)', async () => {
    const encrypted = await encrypt(randomBytes(2 * CHUNK + 3), [recipient], CHUNK);
    const cut = encrypted.subarray(0, encrypted.length - 3 - 16);
    await expect(decrypt(cut, [identity])).rejects.toBeInstanceOf(AgeError);
  });
});
