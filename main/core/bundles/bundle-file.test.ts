import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { generateX25519Identity, identityToRecipient } from 'age-encryption';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDirs } from '../../../test/helpers/temp-dirs';
import { trustedComment, writeBundleFile, type BundleFileInput } from './bundle-file-writer';
import { readBundleFile, type BundleReadOptions } from './bundle-file-reader';
import type { BundleRejected } from './bundle-rejection';
import { appendCustody } from './custody';
import { identityFingerprint } from './fingerprint';
import type { VaultIdentity } from './identity';
import { manifestBytes } from './manifest';
import { minisignPublicKey, minisignSign } from './minisign';
import { generateSigningKey } from './signing-key';
import { BLOCK, writeTar } from './ustar';

const dirs = tempDirs('liaison-bundle-file-');
afterAll(() => dirs.cleanup());

async function makeIdentity(name: string): Promise<VaultIdentity> {
  const sign = generateSigningKey();
  const ageIdentity = await generateX25519Identity();
  const ageRecipient = await identityToRecipient(ageIdentity);
  return {
    fingerprint: identityFingerprint(sign.publicKey, ageRecipient),
    stixId: 'identity--6f3d1c1e-2b54-4c47-9d36-6c1f3b0e4a11',
    analyst: name,
    organisation: `${name} CERT`,
    minisignPublicKey: minisignPublicKey(sign.publicKey),
    ageRecipient,
    createdAt: '2026-03-01T10:00:00.000Z',
    signPublic: sign.publicKey,
    signSeed: sign.seed,
    ageIdentity,
  };
}

const BUNDLE_ID = 'bundle--2f0c3a4e-8a53-5c1b-9d7e-0c1a2b3c4d5e';
const GREEN = 'marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb';
const RED = 'marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1';

function stixBytes(count: number, marking = GREEN, extra: Record<string, unknown> = {}): Uint8Array {
  const objects = Array.from({ length: count }, (_, i) => ({
    type: 'indicator',
    spec_version: '2.1',
    id: `indicator--00000000-0000-5000-8000-${String(i).padStart(12, '0')}`,
    created: '2026-03-01T10:00:00.000Z',
    modified: '2026-03-01T10:00:00.000Z',
    pattern: `[ipv4-addr:value = '198.51.100.${i % 250}']`,
    pattern_type: 'stix',
    valid_from: '2026-03-01T10:00:00.000Z',
    object_marking_refs: [marking],
    ...extra,
  }));
  return Buffer.from(JSON.stringify({ type: 'bundle', id: BUNDLE_ID, objects }));
}

let alice: VaultIdentity;
let bob: VaultIdentity;
let carol: VaultIdentity;
let dir: string;

function input(overrides: Partial<BundleFileInput> = {}): BundleFileInput {
  const stix = overrides.stix ?? stixBytes(5);
  const total = (JSON.parse(Buffer.from(stix).toString()) as { objects: unknown[] }).objects.length;
  return {
    identity: alice,
    stix,
    bundleId: BUNDLE_ID,
    objects: { total, by_type: { indicator: total } },
    custody: appendCustody([], [{ at: '2026-03-01T10:00:00.000Z', actor: 'alice', organisation: 'alice CERT', fingerprint: alice.fingerprint, action: 'exported', detail: 'test', objects: [BUNDLE_ID] }]),
    tlpMax: 'amber',
    recipients: [],
    created: new Date('2026-03-01T10:00:00.000Z'),
    tool: 'Liaison Workbench test',
    ...overrides,
  };
}

async function writeFile(name: string, bytes: Uint8Array): Promise<string> {
  const file = path.join(dir, name);
  fs.writeFileSync(file, bytes);
  return file;
}

async function rejection(file: string, options: Partial<BundleReadOptions> = {}): Promise<BundleRejected> {
  try {
    await readBundleFile(file, { ageIdentities: [bob.ageIdentity], keepStix: false, ...options });
  } catch (error) {
    return error as BundleRejected;
  }
  throw new Error(`${file} was accepted`);
}

beforeAll(async () => {
  [alice, bob, carol] = await Promise.all([makeIdentity('alice'), makeIdentity('bob'), makeIdentity('carol')]);
  dir = dirs.make();
});

describe('bundle file', () => {
  it('reads back a signed bundle: signer, manifest, custody and the STIX bytes', async () => {
    const written = await writeBundleFile(input());
    const file = await writeFile('signed.liaison', written.bytes);
    const opened = await readBundleFile(file, { ageIdentities: [], keepStix: true });
    expect(opened).toMatchObject({ encrypted: false, signer: { fingerprint: alice.fingerprint, analyst: 'alice' }, manifest: { tlp_max: 'amber', objects: { total: 5 } } });
    expect(opened.custody).toHaveLength(1);
    expect(Buffer.from(opened.stix!).equals(Buffer.from(input().stix))).toBe(true);
  });

  it('encrypts to the recipients: bob opens it, carol cannot (wrong recipient)', async () => {
    const written = await writeBundleFile(input({ recipients: [bob.ageRecipient], tlpMax: 'red', stix: stixBytes(3, RED) }));
    const file = await writeFile('to-bob.liaison', written.bytes);
    expect(await readBundleFile(file, { ageIdentities: [bob.ageIdentity], keepStix: false })).toMatchObject({ encrypted: true, manifest: { tlp_max: 'red' } });
    const fromBytes = await readBundleFile({ name: 'upload.liaison', bytes: written.bytes }, { ageIdentities: [bob.ageIdentity], keepStix: true });
    expect(fromBytes).toMatchObject({ file: 'upload.liaison', encrypted: true, manifest: { objects: { total: 3 } } });
    const refused = await rejection(file, { ageIdentities: [carol.ageIdentity] });
    expect(refused).toMatchObject({ problem: 'wrong-recipient', message: expect.stringContaining('to-bob.liaison: age header: this vault is not one of the recipients') });
  });

  it('the stock age, tar and minisign open and verify our files', async () => {
    const written = await writeBundleFile(input({ recipients: [bob.ageRecipient, carol.ageRecipient] }));
    const file = await writeFile('stock.liaison', written.bytes);
    const keyFile = path.join(dir, 'bob.agekey');
    fs.writeFileSync(keyFile, `${bob.ageIdentity}\n`, { mode: 0o600 });
    const out = path.join(dir, 'stock');
    fs.mkdirSync(out);
    execFileSync('age', ['-d', '-i', keyFile, '-o', path.join(out, 'bundle.tar'), file]);
    expect(execFileSync('tar', ['-tf', path.join(out, 'bundle.tar')], { encoding: 'utf8' })).toBe('manifest.json\nmanifest.json.minisig\nbundle.json\ncustody.json\n');
    execFileSync('tar', ['-xf', path.join(out, 'bundle.tar'), '-C', out]);
    const verified = execFileSync('minisign', ['-Vm', path.join(out, 'manifest.json'), '-P', alice.minisignPublicKey], { encoding: 'utf8' });
    expect(verified).toContain(`Trusted comment: liaison bundle ${BUNDLE_ID} by ${alice.fingerprint}`);
    const sums = JSON.parse(fs.readFileSync(path.join(out, 'manifest.json'), 'utf8')).payload as { name: string; sha256: string }[];
    const shaLines = sums.map((p) => `${p.sha256}  ${p.name}\n`).join('');
    fs.writeFileSync(path.join(out, 'SHA256SUMS'), shaLines);
    execFileSync('sha256sum', ['-c', 'SHA256SUMS'], { cwd: out });
  });

  it('refuses re-ordered parts, a truncated file, trailing data, an unknown format and an unencrypted TLP:RED', async () => {
    const tar = (await writeBundleFile(input())).bytes;
    const truncated = await writeFile('truncated.liaison', tar.subarray(0, tar.length - 700));
    expect(await rejection(truncated)).toMatchObject({ problem: 'truncated', message: expect.stringContaining('needs an archive of') });
    const extra = await writeFile('extra.liaison', Buffer.concat([tar, Buffer.alloc(BLOCK)]));
    expect((await rejection(extra)).problem).toMatch(/parts|limits/);
    const manifestEnd = BLOCK + Math.ceil(Buffer.from(tar.subarray(124, 135)).toString().length && parseInt(Buffer.from(tar.subarray(124, 135)).toString(), 8) / BLOCK) * BLOCK;
    const sigSize = parseInt(Buffer.from(tar.subarray(manifestEnd + 124, manifestEnd + 135)).toString(), 8);
    const sigEnd = manifestEnd + BLOCK + Math.ceil(sigSize / BLOCK) * BLOCK;
    // The signature member moved after the payloads.
    const reordered = Buffer.concat([tar.subarray(0, manifestEnd), tar.subarray(sigEnd), tar.subarray(manifestEnd, sigEnd)]);
    const reorderedFile = await writeFile('reordered.liaison', reordered);
    expect(await rejection(reorderedFile)).toMatchObject({ problem: 'parts', reason: 'parts are out of order: found bundle.json where manifest.json.minisig belongs' });

    const future = await writeBundleFile(input());
    const text = Buffer.from(future.bytes).toString('latin1').replace('"format": "liaison-bundle/1"', '"format": "liaison-bundle/9"');
    expect(await rejection(await writeFile('future.liaison', Buffer.from(text, 'latin1')))).toMatchObject({ problem: 'format-version', reason: expect.stringContaining('unknown format version "liaison-bundle/9"') });

    const red = await writeBundleFile(input({ tlpMax: 'red', stix: stixBytes(2, RED) }));
    expect(await rejection(await writeFile('red.liaison', red.bytes))).toMatchObject({ problem: 'tlp' });
    const miscounted = await writeBundleFile(input({ objects: { total: 4, by_type: { indicator: 4 } } }));
    expect(await rejection(await writeFile('miscounted.liaison', miscounted.bytes))).toMatchObject({ problem: 'content', reason: 'holds 5 objects, the manifest declares 4' });
    const aboveCeiling = await writeBundleFile(input({ tlpMax: 'green', stix: stixBytes(2, RED) }));
    expect(await rejection(await writeFile('above.liaison', aboveCeiling.bytes))).toMatchObject({ problem: 'tlp', place: expect.stringMatching(/^bundle\.json byte \d+$/), reason: expect.stringContaining('TLP:RED marking, above') });
  });

  it('refuses a huge string while streaming, and object counts or sizes out of proportion before the payload', async () => {
    const long = await writeBundleFile(input({ stix: stixBytes(1, GREEN, { description: 'x'.repeat(300_000) }) }));
    expect(await rejection(await writeFile('long.liaison', long.bytes), { limits: { maxStringBytes: 100_000 } })).toMatchObject({ problem: 'limits', reason: expect.stringContaining('a string is longer than 100000 bytes') });
    const manyObjects = await writeBundleFile(input({ objects: { total: 1_000_000, by_type: { indicator: 1_000_000 } } }));
    expect(await rejection(await writeFile('count.liaison', manyObjects.bytes))).toMatchObject({ problem: 'limits', reason: expect.stringContaining('declares 1000000 objects') });
  });

  it('stops reading (and decrypting) at the first string over the limit, not at the end of the part', async () => {
    const stix = stixBytes(3, GREEN, { description: 'x'.repeat(2_000_000) });
    for (const recipients of [[], [bob.ageRecipient]]) {
      const written = await writeBundleFile(input({ stix, recipients }));
      // The reader takes a bytes source in 1 MiB slices: count the slices it asked for.
      let slices = 0;
      const bytes = Uint8Array.from(written.bytes);
      const subarray = bytes.subarray.bind(bytes);
      bytes.subarray = (begin?: number, end?: number) => {
        slices += 1;
        return subarray(begin, end);
      };
      await expect(readBundleFile({ name: 'long.liaison', bytes }, { ageIdentities: [bob.ageIdentity], keepStix: true, limits: { maxStringBytes: 100_000 } })).rejects.toMatchObject({
        problem: 'limits',
        reason: expect.stringContaining('a string is longer than 100000 bytes'),
      });
      expect(written.bytes.length).toBeGreaterThan(6_000_000);
      // The head, then the first slice: the limit is hit 100 kB into bundle.json.
      expect(slices).toBeLessThanOrEqual(3);
    }
  });

  it('a correctly signed manifest declaring more payload than the file holds is refused before the payload is read', async () => {
    const good = await writeBundleFile(input());
    const manifest = { ...good.manifest, payload: [{ ...good.manifest.payload[0], size: 5_000_000_000 }, good.manifest.payload[1]] as typeof good.manifest.payload };
    const data = manifestBytes(manifest);
    const signature = Buffer.from(minisignSign(alice.signSeed, alice.signPublic, data, trustedComment(manifest)));
    const tar = writeTar([{ name: 'manifest.json', data }, { name: 'manifest.json.minisig', data: signature }], 1772359200);
    const file = await writeFile('bomb.liaison', tar);
    expect(await rejection(file)).toMatchObject({ problem: 'limits', reason: expect.stringContaining('bundle.json declared as 5000000000 bytes') });
    const withinLimit = await writeFile('bomb2.liaison', tar);
    expect(await rejection(withinLimit, { limits: { maxStixBytes: 10_000_000_000 } })).toMatchObject({ problem: 'truncated', reason: expect.stringContaining('out of proportion') });
  });

  describe('tamper: every single-byte change fails', () => {
    const positions = (length: number, count: number, seed: number): number[] => {
      let x = seed;
      return Array.from({ length: count }, () => {
        x = (x * 1103515245 + 12345) % 2 ** 31;
        return x % length;
      });
    };
    const variants = {
      signed: { flips: 1500, options: {} },
      encrypted: { flips: 1500, options: {} },
      // Several 64 KiB STREAM chunks: flips in middle chunks and at chunk boundaries.
      'encrypted, multi-chunk': { flips: 300, options: { stix: stixBytes(900) } },
    };
    for (const [variant, { flips, options }] of Object.entries(variants)) {
      it(`${variant}: ${flips} random byte flips`, async () => {
        const recipients = variant === 'signed' ? [] : [bob.ageRecipient, carol.ageRecipient];
        const stixOption = 'stix' in options ? { stix: options.stix } : {};
        const written = await writeBundleFile(input({ ...stixOption, recipients }));
        if (variant.includes('multi')) expect(written.bytes.length).toBeGreaterThan(3 * 65536);
        const file = path.join(dir, `tamper-${variant}.liaison`);
        const accepted: number[] = [];
        for (const [n, at] of positions(written.bytes.length, flips, variant.length).entries()) {
          const copy = Buffer.from(written.bytes);
          copy[at] = copy[at]! ^ (1 << (n % 8));
          fs.writeFileSync(file, copy);
          try {
            await readBundleFile(file, { ageIdentities: [bob.ageIdentity], keepStix: false });
            accepted.push(at);
          } catch (error) {
            if (!(error instanceof Error) || (error as BundleRejected).name !== 'BundleRejected') throw error;
          }
        }
        expect(accepted).toEqual([]);
      });
    }
  });
});

describe('age payload', () => {
  it('opens a bundle encrypted by the stock age command (not only our own encryption)', async () => {
    const signed = await writeBundleFile(input());
    const tar = path.join(dir, 'stock-in.tar');
    fs.writeFileSync(tar, signed.bytes);
    const file = path.join(dir, 'stock-encrypted.liaison');
    execFileSync('age', ['-r', bob.ageRecipient, '-o', file, tar]);
    // Stock age encrypts a signed-only bundle; its manifest names no recipients, which is refused as such.
    await expect(readBundleFile(file, { ageIdentities: [bob.ageIdentity], keepStix: false })).rejects.toMatchObject({ problem: 'parts', reason: expect.stringContaining('names no recipients') });
    const big = await writeBundleFile(input({ stix: stixBytes(900), recipients: [bob.ageRecipient] }));
    const plainTar = path.join(dir, 'big.tar');
    const bigFile = await writeFile('big.liaison', big.bytes);
    execFileSync('age', ['-d', '-i', writeKey(bob), '-o', plainTar, bigFile]);
    const reencrypted = path.join(dir, 'big-stock.liaison');
    execFileSync('age', ['-r', bob.ageRecipient, '-o', reencrypted, plainTar]);
    expect(fs.statSync(plainTar).size).toBeGreaterThan(3 * 65536);
    expect(await readBundleFile(reencrypted, { ageIdentities: [bob.ageIdentity], keepStix: false })).toMatchObject({ encrypted: true, manifest: { objects: { total: 900 } } });
    // Bob passes it on to carol, re-encrypted with stock age: the signed manifest says it was not meant for her.
    const passedOn = path.join(dir, 'big-to-carol.liaison');
    execFileSync('age', ['-r', carol.ageRecipient, '-o', passedOn, plainTar]);
    await expect(readBundleFile(passedOn, { ageIdentities: [carol.ageIdentity], keepStix: false })).rejects.toMatchObject({ problem: 'tlp', reason: expect.stringContaining('re-encrypted to this vault by someone else') });
  });
});

function writeKey(who: VaultIdentity): string {
  const file = path.join(dir, `${who.analyst}.key`);
  fs.writeFileSync(file, `${who.ageIdentity}\n`, { mode: 0o600 });
  return file;
}
